"""What changed since the last build: the documents that are new, changed, unchanged and no
longer made, comparing the previous manifest with the new one.

A document is the same document across builds by its key (kind/year/funder/location). It is
unchanged when its content is (the digest without the draft mark and the file's time
stamps), or when only its date is new: the same inputs, made from the same template, on
another day. A document the funding plan no longer calls for is named one by one, with why
(the pipeline says why; it knows the facts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grantgen.output.publish import Entry
from grantgen.output.versions import WORKING_KINDS, History


@dataclass
class Gone:
    """A document the last build made and this one no longer does."""

    #: its newest version in the previous manifest
    entry: Entry
    #: why the funding plan no longer calls for it, in the run's language
    reason: str = ""
    #: an approved version stays in the output folder and the manifest, as it was sent
    kept: str | None = None
    #: its drafts, each with where it went (`backup/<date-time>/output/...`, relative to
    #: the workspace)
    moved_to: dict[str, str] = field(default_factory=dict)


@dataclass
class Changes:
    """The documents of a build's scope compared with the previous build's."""

    #: no document of this scope was in the output folder before
    first: bool
    new: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    unchanged: list[Entry] = field(default_factory=list)
    gone: list[Gone] = field(default_factory=list)


def in_scope(entry: Entry, year: int | None) -> bool:
    """Whether a build for `year` (None: every year) makes documents like `entry`."""
    return entry.kind not in WORKING_KINDS and (year is None or entry.year == year)


def reads_the_same(before: Entry, after: Entry) -> bool:
    """Whether two builds of a document say the same, a new date aside."""
    if before.content_sha256 and before.content_sha256 == after.content_sha256:
        return True
    return (before.date != after.date and before.inputs_sha256 == after.inputs_sha256
            and before.template == after.template and before.path == after.path)


def compare(previous: list[Entry], current: list[Entry], planned: set[str],
            year: int | None) -> Changes:
    """The documents of `planned` (keys) in `current`, new, changed or unchanged since
    `previous`, and the documents of `previous` in the build's scope that are not planned
    any more (their reasons left for the caller to give)."""
    before = History([e for e in previous if in_scope(e, year)])
    after = History([e for e in current if in_scope(e, year)])
    changes = Changes(first=not before.by_key)
    for key in sorted(planned):
        now = after.latest(key)
        if now is None:
            continue
        then = before.latest(key)
        if then is None:
            changes.new.append(now)
        elif reads_the_same(then, now):
            changes.unchanged.append(now)
        else:
            changes.changed.append(now)
    for key in sorted(before.by_key):
        then = before.latest(key)
        if key not in planned and then is not None and not then.no_longer_made:
            changes.gone.append(Gone(then))
    return changes
