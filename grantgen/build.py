"""Building: facts -> figures -> a context per document -> Word -> the output folder.

`prepare` gathers and checks everything, `render_all` makes every document in memory, and
only then does `build` write, in one step; a failed build leaves the output as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .context import ContextBuilder
from .errors import InputError, Problem, Problems
from .facts import Facts, load_facts
from .figures import Figures
from .i18n import _
from .output import Entry, publish, read_manifest
from .plan import DocumentSpec, plan
from .render import TemplateFailure, document_properties, render
from .template_check import check_template
from .templates import find_template
from .texts import TextBlock, load_blocks
from .workspace import Workspace, file_digest


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so equal input gives equal documents."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class Prepared:
    """Everything a build needs, loaded and checked."""

    workspace: Workspace
    facts: Facts
    figures: Figures
    blocks: dict[str, TextBlock]
    specs: list[DocumentSpec]
    problems: Problems
    when: dt.datetime
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def contexts(self) -> ContextBuilder:
        return ContextBuilder(self.facts, self.figures, self.blocks, self.when.date())


@dataclass
class Rendered:
    spec: DocumentSpec
    data: bytes
    template: str
    inputs_sha256: str
    title: str
    figures: dict


def prepare(workspace: Workspace, year: int | None = None) -> Prepared:
    """Load and validate the workspace; raises InputError listing every error found."""
    problems = Problems()
    facts = load_facts(workspace, problems)
    blocks = load_blocks(workspace, problems)
    if facts is None or problems.errors:
        raise InputError(problems)
    figures = Figures(facts)
    return Prepared(workspace, facts, figures, blocks, plan(facts, year), problems,
                    build_time(), _input_digests(workspace))


def _input_digests(workspace: Workspace) -> dict[str, str]:
    digests = {}
    for folder in (workspace.facts_dir, workspace.funders_dir, workspace.texts_dir,
                   workspace.templates_dir):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith((".", "~$")):
                    digests[workspace.relative(path)] = file_digest(path)
    return digests


def _inputs_sha256(prepared: Prepared, spec: DocumentSpec, template: Path,
                   template_name: str) -> str:
    """A digest of every input file that went into the document."""
    wanted = {k: v for k, v in prepared.digests.items()
              if k.startswith(("facts/", "texts/"))}
    if spec.funder_id:
        funder_file = prepared.facts.funders[spec.funder_id].file
        if funder_file in prepared.digests:
            wanted[funder_file] = prepared.digests[funder_file]
    # a built-in template by the name the manifest gives it, never by where grantgen is
    # installed, so the digest is the same on every machine
    wanted[template_name] = file_digest(template)
    digest = hashlib.sha256()
    for name in sorted(wanted):
        digest.update(f"{name}\0{wanted[name]}\n".encode())
    return digest.hexdigest()


def title_of(spec: DocumentSpec, prepared: Prepared) -> str:
    facts = prepared.facts
    funder = facts.funders.get(spec.funder_id) if spec.funder_id else None
    location = ""
    if spec.location_id and spec.location_id != "all":
        location = " " + str(facts.location(spec.location_id).get("name", spec.location_id))
    words = {"application": ("Aanvraag", "Application"), "report": ("Verantwoording", "Report"),
             "annual-report": ("Jaarverslag", "Annual report"),
             "review-pack": ("Beoordeling", "Review pack")}[spec.kind]
    word = words[1] if spec.language == "en" else words[0]
    to = f" {funder.name}" if funder else ""
    return f"{word}{to} {spec.year}{location}".strip()


def key_figures(context: dict) -> dict:
    """The figures a document states, flat, for the manifest and the review pack."""
    figures: dict = {}
    for name in ("ask", "budget", "funding", "reach", "reach_org"):
        part = context.get(name)
        if isinstance(part, dict):
            for key, value in part.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    figures[f"{name}.{key}"] = value
    return figures


def render_all(prepared: Prepared) -> tuple[list[Rendered], Problems]:
    """Every planned document rendered in memory, and the problems found on the way."""
    problems = Problems()
    contexts = prepared.contexts
    rendered: list[Rendered] = []
    checked: dict[tuple[str, str], list[Problem]] = {}
    org_name = prepared.facts.organisation.name
    for spec in prepared.specs:
        funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
        found = find_template(prepared.workspace, spec.kind, funder, spec.language)
        if isinstance(found, Problem):
            problems.extend([found])
            continue
        template, template_name = found
        context = contexts.build(spec)
        # each template is checked once, with the context of the first document using it
        key = (str(template), spec.language)
        if key not in checked:
            checked[key] = check_template(template, template_name, context, spec.language)
            problems.extend(checked[key])
        if any(p.severity == "error" for p in checked[key]):
            continue
        title = title_of(spec, prepared)
        try:
            data = render(template, template_name, context, spec.language,
                          document_properties(title, org_name, spec.language, prepared.when))
        except TemplateFailure as e:
            if not any(p == e.problem for p in problems.items):
                problems.extend([e.problem])
            continue
        for block in sorted(context["texts"].missing):
            problems.warn(f"texts/{block}.md", _missing_text(block), document=spec.path,
                          hint=_write_block(block))
        rendered.append(Rendered(spec, data, template_name,
                                 _inputs_sha256(prepared, spec, template, template_name),
                                 title,
                                 key_figures(context)))
    return rendered, problems


def _missing_text(block: str) -> str:
    return _("the text block '{block}' is missing; the document shows a placeholder.").format(
        block=block)


def _write_block(block: str) -> str:
    return _("Write texts/{block}.md.").format(block=block)


@dataclass
class BuildResult:
    out: Path
    entries: list[Entry]
    written: list[str]
    problems: Problems


def check(workspace: Workspace, year: int | None = None) -> Problems:
    """Every problem of the workspace, found by doing all of a build except writing."""
    try:
        prepared = prepare(workspace, year)
    except InputError as e:
        return e.problems
    _rendered, problems = render_all(prepared)
    prepared.problems.extend(problems)
    return prepared.problems


def build(workspace: Workspace, out: Path | None = None, year: int | None = None) -> BuildResult:
    """Build every document the plan calls for into `out`; nothing is written on an error."""
    prepared = prepare(workspace, year)
    out = Path(out) if out is not None else workspace.default_output
    rendered, problems = render_all(prepared)
    prepared.problems.extend(problems)
    if prepared.problems.errors:
        raise InputError(prepared.problems)
    previous = read_manifest(out) if out.exists() else []
    # drafts of this build's scope are made anew; approved documents and other years stay
    kept = [e for e in previous if e.status != "draft" or (year is not None and e.year != year)]
    stale = {e.path for e in previous if e not in kept}
    entries = list(kept)
    files: dict[str, bytes] = {}
    for item in rendered:
        spec = item.spec
        files[spec.path] = item.data
        entries = [e for e in entries if e.path != spec.path]
        entries.append(Entry(
            path=spec.path, kind=spec.kind, funder_id=spec.funder_id,
            location_id=spec.location_id, year=spec.year,
            sha256=hashlib.sha256(item.data).hexdigest(), template=item.template,
            status="draft", inputs_sha256=item.inputs_sha256, language=spec.language,
            version=1, key=spec.key, title=item.title, figures=item.figures))
    publish(out, files, entries, remove=stale - set(files))
    return BuildResult(out, entries, sorted(files), prepared.problems)
