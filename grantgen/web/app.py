"""The board's web page as a Starlette application: the overview, a page per document,
downloads from the output folder, the board's decisions and a build with its progress.

Pages are Jinja2 templates in grantgen/web/templates/, styles and a small script in
grantgen/web/static/; nothing comes from elsewhere. The decisions go through the same
library calls as `grantgen approve` and `grantgen unapprove`, the build through the same as
`grantgen build`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from grantgen.commands.approve import approve, approved_on, board, withdraw
from grantgen.core.errors import GrantgenError, Problem
from grantgen.core.files import write_atomically
from grantgen.core.formatting import date
from grantgen.core.i18n import _, current_language
from grantgen.core.workspace import Workspace
from grantgen.output.decisions import read_log
from grantgen.output.pages import page_images
from grantgen.output.pdf import convert
from grantgen.output.publish import Entry, read_manifest
from grantgen.pipeline.isolation import isolated
from grantgen.web.jobs import Jobs
from grantgen.web.security import Guard, Keys
from grantgen.web.views import Views, organisation_name

HERE = Path(__file__).parent


def _day(value) -> str:
    return date(value, language=current_language()) if value is not None else "–"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals["_"] = _
    env.filters["url"] = lambda path: quote(str(path))
    env.filters["day"] = _day
    env.filters["moment"] = approved_on
    return env


def inside(out: Path, given: str) -> Path | None:
    """The file `given` (a path relative to the output folder) when it is one, inside the
    output folder and not hidden; None for anything else, `../` included."""
    parts = PurePosixPath(given.replace("\\", "/")).parts
    if not parts or any(p in ("..", ".") or p.startswith(".") for p in parts):
        return None
    root = out.resolve()
    try:
        target = (root / Path(*parts)).resolve()
        target.relative_to(root)
    except (ValueError, OSError):
        return None
    return target if target.is_file() else None


def cache_folder(out: Path) -> Path:
    """PDFs the page made of documents built without --pdf, by the document's sha256."""
    return out.parent / f".{out.name}.grantgen-cache"


class Board:
    """The application of one run of `grantgen serve` for one workspace."""

    def __init__(self, workspace: Workspace, out: Path, keys: Keys):
        self.workspace = workspace
        self.out = out
        self.keys = keys
        self.views = Views(workspace, out)
        self.jobs = Jobs(workspace, out)
        self.env = _environment()

    # ---- rendering ---------------------------------------------------------------------
    def page(self, name: str, status: int = 200, **context) -> HTMLResponse:
        context.update(csrf=self.keys.csrf, language=current_language(),
                       organisation=self._organisation(), build=self.jobs.state,
                       board=self._board())
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status)

    def _board(self) -> list[dict]:
        try:
            return [{"name": m.name, "role": m.role} for m in board(self.workspace)]
        except GrantgenError:
            return []

    def _organisation(self) -> str:
        return organisation_name(self.workspace)

    def refused(self, message: str, back: str = "/", problems: list[Problem] | None = None,
                status: int = 200) -> HTMLResponse:
        return self.page("message.html", status, message=message, back=back,
                         problems=problems or [])

    # ---- pages -------------------------------------------------------------------------
    async def overview(self, request: Request) -> Response:
        found = await run_in_threadpool(self.views.overview)
        decision = request.query_params.get("decision")
        return self.page("overview.html", found=found, decision=self._decision(decision))

    def _decision(self, decision_id: str | None) -> list:
        if not decision_id:
            return []
        return [r for r in read_log(self.out) if r.decision_id == decision_id]

    async def document(self, request: Request) -> Response:
        path = request.path_params["path"]
        page = await run_in_threadpool(self.views.document, path)
        if page is None:
            return self.refused(_("{path} is not a document of the manifest.").format(
                path=path), status=404)
        decision = request.query_params.get("decision")
        return self.page("document.html", doc=page, decision=self._decision(decision))

    async def download(self, request: Request) -> Response:
        target = inside(self.out, request.path_params["path"])
        if target is None:
            return self.refused(_("There is no such file in the output folder."), status=404)
        return FileResponse(target, filename=target.name)

    async def pdf(self, request: Request) -> Response:
        """The PDF of a document: the one built beside it, or one made now by LibreOffice."""
        path = request.path_params["path"]
        found = self._listed(path)
        if found is None:
            return self.refused(_("There is no such file in the output folder."), status=404)
        target, entry = found
        try:
            made = await run_in_threadpool(self._pdf_of, target, entry.pdf)
        except GrantgenError as e:
            return self.refused(str(e), back=f"/document/{quote(path)}")
        return FileResponse(made, filename=PurePosixPath(path).with_suffix(".pdf").name)

    def _listed(self, path: str) -> tuple[Path, Entry] | None:
        """The file of a document the manifest lists, inside the output folder, and its
        entry; None for anything else."""
        target = inside(self.out, path)
        entry = next((e for e in read_manifest(self.out) if e.path == path), None)
        return (target, entry) if target is not None and entry is not None else None

    def _pdf_of(self, target: Path, built: str | None) -> Path:
        """The PDF built beside the document with --pdf, or one LibreOffice makes now (kept
        beside the output folder, by the document's sha256)."""
        found = inside(self.out, built) if built else None
        if found is not None:
            return found
        data = target.read_bytes()
        cached = cache_folder(self.out) / f"{hashlib.sha256(data).hexdigest()}.pdf"
        if not cached.is_file():
            made = convert({target.name: data})
            write_atomically(cached, next(iter(made.values())), prefix=".pdf.tmp-")
        return cached

    async def pages(self, request: Request) -> Response:
        """The document's pages as images, as it prints."""
        path = request.path_params["path"]
        found = self._listed(path)
        if found is None:
            return self.refused(_("There is no such file in the output folder."), status=404)
        target, entry = found

        def images() -> list[Path]:
            pdf = self._pdf_of(target, entry.pdf)
            sha = hashlib.sha256(target.read_bytes()).hexdigest()
            return page_images(pdf, cache_folder(self.out) / sha)

        try:
            made = await run_in_threadpool(images)
        except GrantgenError as e:
            return self.refused(str(e), back=f"/document/{quote(path)}")
        sha = made[0].parent.name if made else ""
        return self.page("pages.html", entry=entry, sha=sha,
                         images=[p.name for p in made])

    async def page_image(self, request: Request) -> Response:
        sha, name = request.path_params["sha"], request.path_params["name"]
        if not re.fullmatch(r"[0-9a-f]{64}", sha) or not re.fullmatch(r"page-\d{1,4}\.png",
                                                                       name):
            return self.refused(_("There is no such file in the output folder."), status=404)
        image = cache_folder(self.out) / sha / name
        if not image.is_file():
            return self.refused(_("There is no such file in the output folder."), status=404)
        return FileResponse(image, media_type="image/png")

    # ---- the board's decisions ---------------------------------------------------------
    async def _form(self, request: Request) -> dict[str, list[str]]:
        fields: dict[str, list[str]] = {}
        for key, value in parse_qsl((await request.body()).decode("utf-8", "replace"),
                                    keep_blank_values=True):
            fields.setdefault(key, []).append(value)
        return fields

    async def _decide(self, request: Request, decide: Callable) -> Response:
        form = await self._form(request)
        documents = [d for d in form.get("document", []) if d]
        back = form.get("back", ["/"])[0]
        if not back.startswith("/") or back.startswith("//"):
            back = "/"
        if not documents:
            return self.refused(_("Tick at least one document."), back)
        first = lambda name: (form.get(name) or [""])[0]  # noqa: E731
        if not self.jobs.writing.acquire(blocking=False):
            return self.refused(_("A build is running; wait until it is done, then decide."),
                                back)
        try:
            # approving checks the documents, which may fork: in a process of its own
            decision = await run_in_threadpool(
                isolated, decide, self.workspace, documents, first("by"), self.out,
                meeting=first("meeting"), reason=first("reason"))
        except GrantgenError as e:
            return self.refused(str(e), back)
        finally:
            self.jobs.writing.release()
        if decision.lost and back.startswith("/document/"):
            back = "/"  # a withdrawn document whose file was gone is no longer listed
        elif len(documents) == 1 and back.startswith("/document/"):
            back = f"/document/{quote(decision.entries[0].path)}"
        return RedirectResponse(f"{back}?decision={decision.decision_id}", status_code=303)

    async def approve(self, request: Request) -> Response:
        return await self._decide(request, approve)

    async def withdraw(self, request: Request) -> Response:
        return await self._decide(request, withdraw)

    # ---- building ----------------------------------------------------------------------
    async def start_build(self, request: Request) -> Response:
        self.jobs.start_build()
        return RedirectResponse("/build", status_code=303)

    async def build_page(self, request: Request) -> Response:
        return self.page("build.html", state=self.jobs.state)

    async def build_status(self, request: Request) -> Response:
        state = self.jobs.state
        return JSONResponse({"running": state.running, "done": state.done,
                             "total": state.total, "number": state.number})

    def application(self) -> Guard:
        routes = [
            Route("/", self.overview),
            Route("/document/{path:path}", self.document),
            Route("/files/{path:path}", self.download),
            Route("/pdf/{path:path}", self.pdf),
            Route("/pages/{path:path}", self.pages),
            Route("/page-image/{sha}/{name}", self.page_image),
            Route("/approve", self.approve, methods=["POST"]),
            Route("/withdraw", self.withdraw, methods=["POST"]),
            Route("/build", self.start_build, methods=["POST"]),
            Route("/build", self.build_page, methods=["GET"]),
            Route("/build/status", self.build_status),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]
        return Guard(Starlette(routes=routes), self.keys)
