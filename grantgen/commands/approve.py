"""Approval: the board's decision on a draft, recorded in manifest.json with its final version.

`approve` checks that the draft is the one grantgen wrote and that nothing it was made of
has changed since, then replaces it with the final version (the same document without the
CONCEPT mark) and records who approved it, when, and the sha256 of the final file. Builds
never rewrite an approved document (grantgen/build.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from grantgen.core.clock import build_time
from grantgen.core.errors import GrantgenError, Problem
from grantgen.core.formatting import date
from grantgen.core.i18n import _, current_language
from grantgen.core.workspace import Workspace
from grantgen.documents.templates import find_template
from grantgen.figures.plan import COMPANION_KINDS
from grantgen.output.pdf import add_pdfs
from grantgen.output.publish import Entry, publish, read_manifest
from grantgen.output.versions import WORKING_KINDS, History
from grantgen.pipeline.build import inputs_sha256, prepare
from grantgen.word.draftmark import final_form
from grantgen.word.package import content_digest


@dataclass
class Approval:
    out: Path
    entry: Entry
    #: the PDF written with --pdf
    pdf: str | None = None


def approved_on(at: str | None) -> str:
    """When a document was approved, in the words of the messages: '1 december 2018', with
    the time of day when there is one ('1 december 2018, 14:05')."""
    import datetime as dt


    if not at:
        return ""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    day = date(moment.date(), language=current_language())
    return day if moment.time() == dt.time(0) else f"{day}, {moment:%H:%M}"


def _find(out: Path, entries: list[Entry], given: str) -> Entry:
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


def approve(workspace: Workspace, document: str, by: str, out: Path | None = None,
            pdf: bool = False) -> Approval:
    """Approve the draft `document` on behalf of `by`: write its final version and record the
    approval. Raises GrantgenError when it cannot be approved, saying why and what to do."""

    out = Path(out) if out is not None else workspace.default_output
    by = " ".join((by or "").split())
    if not by:
        raise GrantgenError(_("Say who approves with --by, e.g. --by \"Anna de Vries\"."))
    entries = read_manifest(out) if out.exists() else []
    if not entries:
        raise GrantgenError(_("{out}: there are no documents to approve; run grantgen build "
                              "first.").format(out=out))
    entry = _find(out, entries, document)
    if entry.kind in WORKING_KINDS:
        raise GrantgenError(_("{path} is a review pack: the board signs it on paper; approve the "
                              "documents it lists instead.").format(path=entry.path))
    if entry.kind in COMPANION_KINDS:
        latest = History(entries).latest(entry.key.replace(entry.kind, "application", 1))
        application = latest.path if latest is not None else _("its application")
        raise GrantgenError(_("{path} goes with {application}: every build writes it anew from "
                              "the same facts and texts as that application, so it is not "
                              "approved on its own. Approve the application instead.").format(
            path=entry.path, application=application))
    if entry.status == "approved":
        raise GrantgenError(_("{path} was already approved by {by} on {at}; builds never change "
                              "it.").format(path=entry.path, by=entry.approved_by,
                                            at=approved_on(entry.approved_at)))
    latest = History(entries).latest(entry.key)
    if latest is not None and latest is not entry:
        raise GrantgenError(_("{path} is an older version; the current draft is {latest}.")
                            .format(path=entry.path, latest=latest.path))
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
    prepared = prepare(workspace, entry.year)
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

    final = final_form(data)
    entry.status = "approved"
    entry.sha256 = hashlib.sha256(final).hexdigest()
    entry.content_sha256 = content_digest(final)
    entry.approved_by = by
    entry.approved_at = build_time().isoformat(timespec="seconds")
    files = {entry.path: final}
    remove = set()
    if entry.pdf:  # the PDF of the draft carries the mark
        remove.add(entry.pdf)
        entry.pdf = entry.pdf_sha256 = None
    made = None
    if pdf:

        made = add_pdfs(out, entries, files, lambda e: e is entry)
        remove -= set(made)
    publish(out, files, entries, remove=remove)
    return Approval(out, entry, made[0] if made else None)
