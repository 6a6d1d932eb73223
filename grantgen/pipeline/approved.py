"""What a build does with an approved document: is it what the document would say now, and
is its file still in the output folder?

An approved document is never written again, but when its file has gone (deleted by hand,
lost in a copy) the build says so: it is made again from the facts when that gives the very
bytes that were approved, with a warning; otherwise that is an error, and the build writes
nothing: the file is to be put back, or the approval withdrawn (`grantgen unapprove`, which
for a file that is gone records the withdrawal and leaves the next build to make a new
draft). So an approval is never dropped without a decision; every one is in
decisions.jsonl.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from grantgen.core.errors import Problem, Problems
from grantgen.core.formatting import date
from grantgen.core.i18n import _, current_language
from grantgen.figures.plan import DocumentSpec
from grantgen.output.publish import Entry
from grantgen.word.draftmark import final_form

#: the kind of the warning that an approved document's file was made again
RESTORED = "approved-restored"

#: render(version, date) -> (the draft's bytes, the digest of its final form), or None
Render = Callable[[int, dt.date], tuple[bytes, str | None] | None]


def reads_the_same(approved: Entry, render: Render,
                   same_inputs: Callable[[], bool]) -> tuple[bool, bytes | None]:
    """(whether the approved version is what the document would say now, its date aside;
    the draft as rendered now for the approved version and date, when it was rendered).
    `same_inputs`: for an approval from before grantgen kept content digests, whether the
    document is made from the same inputs."""
    if not (approved.content_sha256 and approved.date):
        return same_inputs(), None
    made = render(approved.version, dt.date.fromisoformat(approved.date))
    if made is None:
        return False, None
    data, content = made
    return content == approved.content_sha256, data


def restore_missing(out: Path, approved: Entry, draft: bytes | None, document: str
                    ) -> tuple[bytes | None, Problem | None]:
    """For an approved document whose file is not in `out`: (its file made again, when the
    draft rendered now for it gives the very bytes approved; the warning that says what
    happened), about the planned `document` (its path, the board's page and the review
    show it there). (None, None) when the file is there."""
    if (Path(out) / approved.path).is_file():
        return None, None
    who = approved.approved_by or "?"
    when = approved_on(approved.approved_at)
    if draft is not None:
        final = final_form(draft)
        if hashlib.sha256(final).hexdigest() == approved.sha256:
            return final, Problem(approved.path, _(
                "was approved by {who} on {when}, but its file was missing from the output "
                "folder; it is written again from the facts, byte for byte as approved.")
                .format(who=who, when=when), severity="warning", kind=RESTORED,
                document=document)
    return None, Problem(approved.path, _(
        "was approved by {who} on {when}, but its file is missing from the output folder, and "
        "the facts no longer make it as it was approved.").format(who=who, when=when),
        hint=_("Put the approved file back (from the e-mail or portal it was sent with, or "
               "a backup), then build again. If it is lost, withdraw the approval: grantgen "
               "unapprove {path} --by NAME --reason \"...\"; the next build then makes a new "
               "draft.").format(path=approved.path), document=document)


def approved_on(at: str | None) -> str:
    """When a document was approved, in the words of the messages: '1 december 2018', with
    the time of day when there is one ('1 december 2018, 14:05')."""
    if not at:
        return ""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    day = date(moment.date(), language=current_language())
    return day if moment.time() == dt.time(0) else f"{day}, {moment:%H:%M}"


def worth_recording(problems: Problems) -> bool:
    """Whether a build that found `problems` is kept as the record a rebuild with nothing
    changed repeats (pipeline/runs.py): not when it made an approved file again, which the
    next build, finding the file there, would say wrongly."""
    return not any(p.kind == RESTORED for p in problems.items)


def lost_approvals(out: Path, approved_of: Callable[[str], Entry | None],
                   specs: Sequence[DocumentSpec],
                   reads_the_same_as: Callable[[DocumentSpec, Entry], tuple[bool, bytes | None]]
                   ) -> list[Problem]:
    """For check: the error a build stops on for each planned document (in order) whose
    approved version's file is gone and which the facts no longer make as it was approved
    (restore_missing). `approved_of(key)`: its approved version; `reads_the_same_as(spec,
    approved)`: reads_the_same() of that document."""
    found = []
    for spec in specs:
        approved = approved_of(spec.key)
        if approved is None or (Path(out) / approved.path).is_file():
            continue
        same, draft = reads_the_same_as(spec, approved)
        _again, missing = restore_missing(out, approved, draft if same else None, spec.path)
        if missing is not None and missing.severity == "error":
            found.append(missing)
    return found


def lost_files(out: Path, entries: list[Entry]) -> list[str]:
    """The approved documents of the manifest `entries` whose file is not in `out`."""
    return sorted(e.path for e in entries
                  if e.status == "approved" and not (Path(out) / e.path).is_file())
