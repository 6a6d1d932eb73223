"""Approval and its withdrawal: the board's decisions on drafts, in manifest.json and the log.

One call for the command line (`grantgen approve`, `grantgen unapprove`) and the board's web
page alike. `approve` checks that the name is one of the board in facts/organisation.yaml,
that each draft is the one grantgen wrote and that nothing it was made of has changed since;
a draft in which check finds errors needs a reason. It then replaces each draft with its final
version (the same document without the CONCEPT mark) and records the decision: in the
manifest (who, when, the sha256 of the final file) and as a line per document in the
append-only log of decisions (grantgen/output/decisions.py). Documents approved together are
one decision with one id. Builds never rewrite an approved document (grantgen/pipeline/build.py).

`withdraw` takes an approval back: the document carries the CONCEPT mark again, is a draft in
the manifest, and the log gets a new line; the approval's line stays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from grantgen.checks.rules import documents_of
from grantgen.core.clock import build_time
from grantgen.core.errors import GrantgenError, InputError, Problem, Problems
from grantgen.core.i18n import _
from grantgen.core.workspace import Workspace
from grantgen.documents.templates import find_template
from grantgen.figures.plan import COMPANION_KINDS
from grantgen.output.decisions import APPROVE, DECISIONS, WITHDRAW, Record, appended
from grantgen.output.pdf import add_pdfs
from grantgen.output.publish import Entry, publish, read_manifest
from grantgen.output.versions import WORKING_KINDS, History
from grantgen.pipeline.approved import approved_on, lost_files
from grantgen.pipeline.build import Prepared, check_prepared, inputs_sha256, prepare
from grantgen.profiles.organisation import BoardMember, load_organisation
from grantgen.word.draftmark import draft_form, final_form
from grantgen.word.package import content_digest


@dataclass
class Decision:
    """What one decision did: the entries it approved or withdrew and their lines in the log."""

    out: Path
    decision: str
    decision_id: str
    entries: list[Entry]
    records: list[Record]
    #: the PDFs written with --pdf
    pdfs: list[str] = field(default_factory=list)
    #: the documents withdrawn whose file was gone: no longer listed, the next build makes
    #: them anew as drafts
    lost: list[str] = field(default_factory=list)

    @property
    def entry(self) -> Entry:
        return self.entries[0]


def board(workspace: Workspace) -> list[BoardMember]:
    """The board as facts/organisation.yaml lists it; an InputError when the file is wrong."""
    problems = Problems()
    organisation = load_organisation(workspace.facts_dir / "organisation.yaml",
                                     "facts/organisation.yaml", problems)
    if organisation is None:
        raise InputError(problems)
    return list(organisation.board)


def board_member(workspace: Workspace, given: str) -> BoardMember:
    """The board member called `given` (spaces and capitals aside); a GrantgenError listing
    the board otherwise."""
    name = " ".join((given or "").split())
    if not name:
        raise GrantgenError(_("Say who decides with --by, e.g. --by \"Anna de Vries\"."))
    members = board(workspace)
    if not members:
        raise GrantgenError(_(
            "facts/organisation.yaml lists no board, so nobody can approve. Add the board "
            "members under 'board:', each with a name and a role."))
    for member in members:
        if " ".join(member.name.split()).casefold() == name.casefold():
            return member
    names = "\n  ".join(f"{m.name} ({m.role})" for m in members)
    raise GrantgenError(_(
        "'{name}' is not on the board in facts/organisation.yaml, so cannot decide on "
        "documents. Give the name of a board member with --by; the board is:\n  {names}")
        .format(name=name, names=names))


def find_entry(out: Path, entries: list[Entry], given: str) -> Entry:
    """The manifest entry of `given`: a path inside the output folder, or a path to the file."""
    wanted = {given.replace("\\", "/").strip("/")}
    path = Path(given).expanduser()
    for candidate in (path, out / path):
        try:
            wanted.add(candidate.resolve().relative_to(out.resolve()).as_posix())
        except (ValueError, OSError):
            pass
    for entry in entries:
        if entry.path in wanted:
            return entry
    drafts = [e.path for e in entries if e.status == "draft" and e.kind not in WORKING_KINDS
              and e.kind not in COMPANION_KINDS]
    listed = "\n  ".join(drafts) if drafts else _("(none)")
    raise GrantgenError(_("'{given}' is not a document in {manifest}. Give its path inside the "
                          "output folder; the drafts waiting for approval are:\n  {drafts}")
                        .format(given=given, manifest=out / "manifest.json", drafts=listed))


def _entries(out: Path, documents: list[str]) -> tuple[list[Entry], list[Entry]]:
    """The manifest, and the entries of `documents` in it (each once)."""
    entries = read_manifest(out) if out.exists() else []
    if not entries:
        raise GrantgenError(_("{out}: there are no documents to approve; run grantgen build "
                              "first.").format(out=out))
    if not documents:
        raise GrantgenError(_("Name the document(s) to decide on."))
    chosen: list[Entry] = []
    for given in documents:
        entry = find_entry(out, entries, given)
        if entry.kind in WORKING_KINDS:
            raise GrantgenError(_("{path} is a review pack: the board signs it on paper; "
                                  "approve the documents it lists instead.")
                                .format(path=entry.path))
        if entry.kind in COMPANION_KINDS:
            latest = History(entries).latest(entry.key.replace(entry.kind, "application", 1))
            application = latest.path if latest is not None else _("its application")
            raise GrantgenError(_("{path} goes with {application}: every build writes it anew "
                                  "from the same facts and texts as that application, so it is "
                                  "not approved on its own. Approve the application instead.")
                                .format(path=entry.path, application=application))
        if entry not in chosen:
            chosen.append(entry)
    return entries, chosen


def _none_lost(out: Path, entries: list[Entry], deciding: list[Entry]) -> None:
    """Refuse a decision while an approved document of the manifest, other than those
    decided on, has lost its file: writing the manifest would drop it without a word."""
    lost = [path for path in lost_files(out, entries)
            if path not in {e.path for e in deciding}]
    if lost:
        raise GrantgenError(_(
            "{paths}: approved, but the file is missing from the output folder. Put it back "
            "(from the e-mail or portal it was sent with, or a backup), or withdraw its "
            "approval first: grantgen unapprove {first} --by NAME --reason \"...\".").format(
            paths=", ".join(lost), first=lost[0]))


def _as_written(out: Path, entry: Entry) -> bytes:
    """The file of `entry`, when it is the one the manifest records."""
    file = out / entry.path
    if not file.is_file():
        raise GrantgenError(_("{path}: the file is missing from the output folder; run grantgen "
                              "build, review the draft, then approve it.").format(path=file))
    data = file.read_bytes()
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        raise GrantgenError(_(
            "{path} was changed after grantgen wrote it, so it is not the draft the manifest "
            "records. Make changes in the facts, texts or templates instead, run grantgen "
            "build, review the new draft, then approve it.").format(path=entry.path))
    return data


def _approvable(entry: Entry, history: History) -> None:
    if entry.status == "approved":
        raise GrantgenError(_("{path} was already approved by {by} on {at}; builds never change "
                              "it.").format(path=entry.path, by=entry.approved_by,
                                            at=approved_on(entry.approved_at)))
    latest = history.latest(entry.key)
    if latest is not None and latest is not entry:
        raise GrantgenError(_("{path} is an older version; the current draft is {latest}.")
                            .format(path=entry.path, latest=latest.path))


def _still_current(workspace: Workspace, prepared: Prepared, entry: Entry) -> None:
    """The draft says what the facts, texts and templates say now."""
    spec = next((s for s in prepared.specs if s.key == entry.key), None)
    if spec is None:
        raise GrantgenError(_("{path}: the funding plan in the facts no longer calls for this "
                              "document, so it is not approved.").format(path=entry.path))
    funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
    found = find_template(workspace, spec.kind, funder, spec.language)
    if isinstance(found, Problem) or inputs_sha256(prepared, spec, *found) != \
            entry.inputs_sha256:
        raise GrantgenError(_(
            "{path}: the facts, texts, funder profile or template changed after this draft "
            "was built, so it may no longer say what they say. Run grantgen build, review the "
            "new draft, then approve it.").format(path=entry.path))


def document_errors(prepared: Prepared, entries: list[Entry],
                    approved: set[str]) -> dict[str, list[Problem]]:
    """The errors check finds in each of `entries` (by path): those of its funder's rules and
    of rendering it, found for these documents only."""
    keys = {e.key for e in entries}
    specs = [s for s in prepared.specs if s.key in keys]
    found = check_prepared(dataclasses.replace(prepared, specs=specs), approved)
    by_key = {s.key: s for s in specs}
    return {e.path: [p for p in found.errors if by_key[e.key].path in documents_of(p)]
            for e in entries}


def _needs_reason(errors: dict[str, list[Problem]]) -> GrantgenError:
    lines = []
    for path, found in errors.items():
        if found:
            lines.append(_("{path}: {n} error(s):").format(path=path, n=len(found)))
            lines += [f"  - {p.message}" for p in found]
    return GrantgenError("\n".join(lines) + "\n" + _(
        "check finds errors in this draft. Correct them and build again; or, if the board "
        "approves it as it is, say why with --reason \"...\" (the reason is kept in the log "
        "of decisions)."))


def _decision_id(when: dt.datetime) -> str:
    return f"{when:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def approve(workspace: Workspace, documents: str | list[str], by: str, out: Path | None = None,
            pdf: bool = False, meeting: str | None = None,
            reason: str | None = None) -> Decision:
    """Approve the drafts `documents` as one decision of board member `by`: write their final
    versions and record the decision. Raises GrantgenError when one of them cannot be
    approved, saying why and what to do; then nothing is approved."""
    out = Path(out) if out is not None else workspace.default_output
    entries, chosen = _entries(out, [documents] if isinstance(documents, str) else documents)
    member = board_member(workspace, by)
    _none_lost(out, entries, [])
    history = History(entries)
    drafts = {}
    for entry in chosen:
        _approvable(entry, history)
        drafts[entry.path] = _as_written(out, entry)
    prepared = prepare(workspace, None)
    for entry in chosen:
        _still_current(workspace, prepared, entry)
    errors = document_errors(prepared, chosen, history.approved_keys())
    reason, meeting = _clean(reason), _clean(meeting)
    if any(errors.values()) and not reason:
        raise _needs_reason(errors)
    when = build_time().isoformat(timespec="seconds")
    decision_id = _decision_id(build_time())
    files: dict[str, bytes] = {}
    remove: set[str] = set()
    records = []
    for entry in chosen:
        final = final_form(drafts[entry.path])
        entry.status = "approved"
        entry.sha256 = hashlib.sha256(final).hexdigest()
        entry.content_sha256 = content_digest(final)
        entry.approved_by, entry.approved_at = member.name, when
        files[entry.path] = final
        if entry.pdf:  # the PDF of the draft carries the mark
            remove.add(entry.pdf)
            entry.pdf = entry.pdf_sha256 = None
        records.append(Record(APPROVE, decision_id, when, member.name, member.role, entry.path,
                              entry.key, entry.version, entry.sha256, entry.title, meeting,
                              reason, len(errors[entry.path])))
    made: list[str] = []
    if pdf:
        made = add_pdfs(out, entries, files, lambda e: e in chosen)
        remove -= set(made)
    files[DECISIONS] = appended(out, records)
    publish(out, files, entries, remove=remove)
    return Decision(out, APPROVE, decision_id, chosen, records, made)


def withdraw(workspace: Workspace, documents: str | list[str], by: str,
             out: Path | None = None, meeting: str | None = None,
             reason: str | None = None) -> Decision:
    """Withdraw the approval of `documents` as one decision of board member `by`: each is a
    draft again (with the CONCEPT mark), and the log records the withdrawal."""
    out = Path(out) if out is not None else workspace.default_output
    entries, chosen = _entries(out, [documents] if isinstance(documents, str) else documents)
    member = board_member(workspace, by)
    for entry in chosen:
        if entry.status != "approved":
            raise GrantgenError(_("{path} is not approved, so there is no approval to "
                                  "withdraw.").format(path=entry.path))
    _none_lost(out, entries, chosen)
    # an approved file that is gone (a build stops on it) can be withdrawn all the same:
    # there is no draft to make of it, so it is no longer listed and the next build makes one
    lost = lost_files(out, chosen)
    approved = {entry.path: _as_written(out, entry) for entry in chosen
                if entry.path not in lost}
    when = build_time().isoformat(timespec="seconds")
    decision_id = _decision_id(build_time())
    reason, meeting = _clean(reason), _clean(meeting)
    files: dict[str, bytes] = {}
    remove: set[str] = set()
    records = []
    for entry in chosen:
        records.append(Record(WITHDRAW, decision_id, when, member.name, member.role,
                              entry.path, entry.key, entry.version, entry.sha256, entry.title,
                              meeting, reason))
        if entry.path in lost:
            if entry.pdf:
                remove.add(entry.pdf)
            continue
        draft = draft_form(approved[entry.path], entry.version, entry.language)
        entry.status = "draft"
        entry.sha256 = hashlib.sha256(draft).hexdigest()
        entry.approved_by = entry.approved_at = None
        files[entry.path] = draft
        if entry.pdf:  # the PDF of the final version carries no mark
            remove.add(entry.pdf)
            entry.pdf = entry.pdf_sha256 = None
    files[DECISIONS] = appended(out, records)
    publish(out, files, [e for e in entries if e.path not in lost], remove=remove)
    return Decision(out, WITHDRAW, decision_id, chosen, records, lost=lost)
