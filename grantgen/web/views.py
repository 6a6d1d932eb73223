"""What the board's pages show, gathered from the same library calls the commands use.

The overview is the review pack's content (grantgen/commands/review.py `review_context`):
every current document with its findings, deadline, amount and status, the drafts older than
the facts; with the key figures per year and the board's decisions from the log. A
document's page adds the document itself (its text and tables), what changed since its
previous version and since its last approved one, and the decisions about it. Both are
computed once for a given state of the workspace and output folder, and kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grantgen.commands.approve import approved_on, board
from grantgen.commands.forms import OnlineForm, form_of
from grantgen.commands.review import changes, review_context
from grantgen.core.errors import GrantgenError, InputError, Problem, Problems
from grantgen.core.formatting import amount, number
from grantgen.core.i18n import _, current_language
from grantgen.core.workspace import Workspace
from grantgen.facts.tables import ALL
from grantgen.figures.plan import DocumentKind
from grantgen.output import history
from grantgen.output.decisions import Record, read_log, records_of
from grantgen.output.publish import MANIFEST, Entry, read_manifest
from grantgen.output.versions import WORKING_KINDS, History
from grantgen.pipeline.isolation import isolated
from grantgen.profiles.organisation import load_organisation
from grantgen.texts.forms import FilledField
from grantgen.web.diff import Difference, compare
from grantgen.word.reading import Block, document_blocks


@dataclass
class Overview:
    """Everything the overview shows; `problems` instead when the workspace does not load."""

    years: list[dict] = field(default_factory=list)
    documents: dict[str, dict] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    decisions: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    message: str = ""
    entries: list[Entry] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    #: what the build is made of (grantgen/pipeline/build.py Prepared), for the online forms
    prepared: Any = None


@dataclass
class Comparison:
    """One version held against the document: figures old -> new and the text."""

    label: str
    version: int | None
    figures: list[dict]
    text: Difference | None


def _fingerprint(workspace: Workspace, out: Path) -> str:
    """Changes when anything the pages show may have changed (files' sizes and times)."""
    parts = []
    for folder in (workspace.facts_dir, workspace.funders_dir, workspace.texts_dir,
                   workspace.templates_dir):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    for path in (out / MANIFEST, out / "decisions.jsonl"):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}")
    parts.append(dt.date.today().isoformat())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _key_figures(prepared: Any, years: list[int], language: str) -> dict[int, list[dict]]:
    """The organisation's key figures of each year, formatted."""
    shown: dict[int, list[dict]] = {}
    for year in years:
        rows = [r for r in prepared.figures.key_figures(year) if r["location_id"] == ALL]
        if not rows:
            continue
        row = rows[0]
        shown[year] = [f for f in [
            {"label": _("Participants"), "value": number(row["unique_participants"],
                                                         language=language)},
            {"label": _("Volunteers"), "value": number(row["volunteers"], language=language)},
            {"label": _("Budget"), "value": amount(row["budget"], language=language)},
            {"label": _("Committed"), "value": amount(row["committed"], language=language)},
            {"label": _("Requested"), "value": amount(row["requested"], language=language)},
            {"label": _("Gap"), "value": amount(row["gap"], language=language)},
        ] if f["value"] != "–"]
    return shown


def overview(workspace: Workspace, out: Path, today: dt.date | None = None) -> Overview:
    """The overview's content, or the problems that stop it."""
    try:
        entries = read_manifest(out) if out.exists() else []
        decisions = list(reversed(read_log(out)))
    except GrantgenError as e:
        return Overview(message=str(e))
    if not any(e.kind not in WORKING_KINDS for e in entries):
        return Overview(decisions=decisions, message=_(
            "There are no documents yet. Build them with the button above."))
    try:
        made = review_context(workspace, out, None, today)
    except InputError as e:
        return Overview(problems=list(e.problems.errors), entries=entries, decisions=decisions)
    except GrantgenError as e:
        return Overview(message=str(e), entries=entries, decisions=decisions)
    language = current_language()
    by_year: dict[Any, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    documents = {}
    for row in made.documents:
        entry = next(e for e in entries if e.path == row["path"])
        row = dict(row, entry=entry, approved_on=approved_on(entry.approved_at),
                   amount_shown=(amount(row["amount"], language=language)
                                 if row["amount"] is not None else "–"))
        documents[row["path"]] = row
        funder = row["funder"] if entry.funder_id else _("The organisation itself")
        by_year[row["year"]][funder].append(row)
    figures = _key_figures(made.prepared, [y for y in by_year if isinstance(y, int)], language)
    years = [{"year": year, "funders": [{"name": name, "documents": docs}
                                        for name, docs in funders.items()],
              "figures": figures.get(year, []), "summary": _summary(
                  [d for docs in funders.values() for d in docs], language)}
             for year, funders in sorted(by_year.items(), key=lambda i: -(i[0] or 0))]
    return Overview(years, documents, made.stale, decisions, entries=entries,
                    summary=_summary(list(documents.values()), language),
                    prepared=made.prepared)


def _summary(rows: list[dict], language: str) -> dict:
    asked = sum(r["amount"] or 0 for r in rows if r["kind"] == "application")
    return {"documents": len(rows), "drafts": sum(r["status"] == "draft" for r in rows),
            "approved": sum(r["status"] == "approved" for r in rows),
            "errors": sum(r["errors"] for r in rows),
            "warnings": sum(r["warnings"] for r in rows),
            "asked": amount(asked, language=language)}


def blocks_of(path: Path) -> list[Block]:
    return document_blocks(path.read_bytes())


def _comparison(label: str, old: Entry | dict, old_file: Path | None, entry: Entry,
                new_blocks: list[Block], language: str) -> Comparison:
    figures = old.figures if isinstance(old, Entry) else old.get("figures") or {}
    version = old.version if isinstance(old, Entry) else old.get("version")
    text = compare(blocks_of(old_file), new_blocks) if old_file is not None else None
    return Comparison(label, version, changes(figures, entry.figures, language), text)


def comparisons(out: Path, entry: Entry, entries: list[Entry],
                new_blocks: list[Block]) -> list[Comparison]:
    """The document held against its previous version and its last approved one."""
    language = current_language()
    found = History(entries)
    versions = found.by_key.get(entry.key, [])
    approved = next((e for e in reversed(versions) if e.status == "approved"
                     and e.version < entry.version), None)
    result = []
    if entry.previous:
        copy = history.copy_of(out, str(entry.previous.get("sha256", "")))
        result.append(_comparison(_("Since the draft it replaced"), entry.previous, copy,
                                  entry, new_blocks, language))
    else:
        older = [e for e in versions if e.version < entry.version]
        if older and older[-1] is not approved:
            result.append(_comparison(_("Since its previous version"), older[-1],
                                      out / older[-1].path, entry, new_blocks, language))
    if approved is not None:
        result.append(_comparison(_("Since its last approved version"), approved,
                                  out / approved.path, entry, new_blocks, language))
    for edited in entry.edited:
        if (out / edited).is_file():
            result.append(Comparison(_("The copy changed by hand, {path}, against this "
                                       "draft").format(path=edited), None, [],
                                     compare(blocks_of(out / edited), new_blocks)))
    return result


def _count(filled: FilledField, language: str) -> str:
    """`612 / 1.000 characters`, `95 / 150 words`, both, or `612 characters` without a
    limit, in the page's language."""
    parts = []
    if filled.max_chars is not None:
        parts.append(_("{n} / {limit} characters").format(
            n=number(filled.chars, language=language),
            limit=number(filled.max_chars, language=language)))
    if filled.max_words is not None:
        parts.append(_("{n} / {limit} words").format(
            n=number(filled.words, language=language),
            limit=number(filled.max_words, language=language)))
    if not parts:
        parts.append(_("{n} characters").format(n=number(filled.chars, language=language)))
    return ", ".join(parts)


def _note(filled: FilledField) -> str:
    """Why a field's text is not simply the one to enter, or nothing."""
    if filled.missing:
        return _("no value in the facts") if filled.source == "value" else \
            _("the text is still missing")
    if filled.shortened:
        return (_("shortened to the whole sentences that fit") if filled.text
                else _("no whole sentence fits"))
    return "" if filled.fits else _("too long")


@dataclass
class FormView:
    """An application's online form as the page shows it: its fields (label, help, text,
    count, note, whether it is fine as it is) and the files beside the application."""

    form: OnlineForm
    fields: list[dict]
    #: the form's .txt file and the budget workbook: kind and path in the output folder
    files: list[dict]


def form_view(out: Path, found: Overview, entry: Entry,
              entries: list[Entry]) -> FormView | None:
    """The online form of the application `entry`, when its funder has one."""
    if entry.kind != DocumentKind.APPLICATION or found.prepared is None:
        return None
    same = lambda other: (other.year, other.funder_id, other.location_id) == (  # noqa: E731
        entry.year, entry.funder_id, entry.location_id)
    spec = next((s for s in found.prepared.specs if s.kind == DocumentKind.FORM
                 and same(s)), None)
    if spec is None:
        return None
    language = current_language()
    try:
        form = form_of(found.prepared, spec)
    except GrantgenError:  # what check finds about it is on the page already
        return None
    fields = [{"label": f.label, "help": f.help, "text": f.text, "count": _count(f, language),
               "note": _note(f), "fine": f.fits and not f.shortened and not f.missing}
              for f in form.fields]
    order: list[str] = [DocumentKind.FORM, DocumentKind.BUDGET_WORKBOOK]
    files = sorted(({"kind": e.kind, "path": e.path} for e in entries
                    if e.kind in order and same(e) and (out / e.path).is_file()),
                   key=lambda f: order.index(f["kind"]))
    return FormView(form, fields, files)


@dataclass
class DocumentPage:
    entry: Entry
    row: dict | None
    blocks: list[Block]
    comparisons: list[Comparison]
    decisions: list[Record]
    board: list[dict]
    versions: list[Entry]
    current: bool
    #: the online form of an application to a funder with one
    form: FormView | None = None
    #: an approved document whose file is gone from the output folder: its findings say
    #: what to do, and the board may withdraw its approval here
    missing: bool = False


def document_page(workspace: Workspace, out: Path, path: str,
                  found: Overview) -> DocumentPage | None:
    """The page of the document at `path` in the manifest; None when there is none."""
    entries = found.entries or (read_manifest(out) if out.exists() else [])
    entry = next((e for e in entries if e.path == path), None)
    if entry is None or entry.kind in WORKING_KINDS:
        return None
    missing = not (out / entry.path).is_file()
    if missing and entry.status != "approved":
        return None
    blocks = blocks_of(out / entry.path) if not missing else []
    versions = History(entries).by_key.get(entry.key, [])
    members = [{"name": m.name, "role": m.role} for m in board(workspace)]
    current = bool(versions) and versions[-1] is entry
    return DocumentPage(entry, found.documents.get(path), blocks,
                        comparisons(out, entry, entries, blocks) if not missing else [],
                        list(reversed(records_of(read_log(out), entry.key))), members,
                        versions, current,
                        form_view(out, found, entry, entries) if current else None,
                        missing=missing)


def organisation_name(workspace: Workspace) -> str:
    """The organisation's name for the pages' heading; the folder's when it cannot be read."""
    problems = Problems()
    found = load_organisation(workspace.facts_dir / "organisation.yaml",
                              "facts/organisation.yaml", problems)
    return found.name if found is not None else workspace.root.name


class Views:
    """The overview, computed once per state of the workspace and its output (it runs check,
    which takes seconds); one computation at a time."""

    def __init__(self, workspace: Workspace, out: Path):
        self.workspace = workspace
        self.out = out
        self._lock = threading.Lock()
        self._kept: tuple[str, Overview] | None = None

    def overview(self) -> Overview:
        with self._lock:
            key = _fingerprint(self.workspace, self.out)
            if self._kept is None or self._kept[0] != key:
                # it runs check, which forks: in a process of its own (pipeline/isolation.py)
                self._kept = (key, isolated(overview, self.workspace, self.out))
            return self._kept[1]

    def warm(self) -> None:
        """Compute the overview now, so the first visit does not wait for it."""
        try:
            self.overview()
        except Exception:  # noqa: BLE001  (shown, with its cause, when the page asks)
            self._kept = None

    def document(self, path: str) -> DocumentPage | None:
        return document_page(self.workspace, self.out, path, self.overview())
