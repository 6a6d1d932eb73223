"""Attachments: the files a funder wants with a document, and where they are in the workspace.

They live in the workspace's `attachments/` folder, named after the attachment's id in the
funder's profile: `attachments/kvk-uittreksel-2018-11-20.pdf`, `attachments/statuten.pdf`.
- Anything may follow the id after a hyphen, space or underscore; a date there
  (2018-11-20 or 20-11-2018) is the date the file was issued, which `max_age_months` is
  checked against. With several files for one attachment, the newest date counts.
- A location id there (`projectplan-de-klop.pdf`) makes the file count for that location's
  documents only.
- Files in `attachments/<funder_id>/` count for that funder only, before the shared ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from grantgen.core.workspace import Workspace
from grantgen.facts.dataset import Facts
from grantgen.figures.compute import COMMITTED
from grantgen.figures.plan import DocumentSpec
from grantgen.profiles.funders import Attachment, Funder

FOLDER = "attachments"

_DATE = re.compile(r"(?<!\d)(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})-(\d{1,2})-(\d{4}))(?!\d)")


@dataclass(frozen=True)
class AttachmentFile:
    """A file that serves as an attachment."""

    path: Path
    #: how messages name it (relative to the workspace)
    file: str
    #: the date it was issued, from its name
    issued: dt.date | None


def required(funder: Funder, spec: DocumentSpec, facts: Facts) -> list[Attachment]:
    """The attachments `funder` wants with the document `spec` (those the document itself
    holds included)."""
    amount = float(spec.amount or 0)
    wanted = []
    for attachment in funder.attachments:
        if attachment.kind != spec.kind:
            continue
        if attachment.above is not None and amount < attachment.above:
            continue
        if attachment.first_application_only and funded_before(facts, funder.id, spec.year):
            continue
        wanted.append(attachment)
    return wanted


def funded_before(facts: Facts, funder_id: str, year: int) -> bool:
    """Whether the funder committed or paid the organisation anything before `year`."""
    funding = facts["funding"]
    if not len(funding):
        return False
    earlier = funding[(funding["source"] == funder_id) & (funding["year"] < year)
                      & funding["status"].isin(COMMITTED)]
    return bool(len(earlier))


def _normalise(stem: str) -> str:
    """'KvK uittreksel_2018-11-20' -> 'kvk-uittreksel-2018-11-20'."""
    return re.sub(r"[\s_-]+", "-", stem.strip().lower()).strip("-")


def issued_date(text: str) -> dt.date | None:
    """The first real date in `text` (2018-11-20 or 20-11-2018), if any."""
    for match in _DATE.finditer(text):
        y, m, d = ((match.group(1), match.group(2), match.group(3)) if match.group(1)
                   else (match.group(6), match.group(5), match.group(4)))
        try:
            return dt.date(int(y), int(m), int(d))
        except ValueError:
            continue
    return None


def find(workspace: Workspace, attachment_id: str, funder_id: str | None,
         location_id: str | None, location_ids: list[str]) -> AttachmentFile | None:
    """The file serving as attachment `attachment_id` of a document, or None."""
    root = workspace.root / FOLDER
    folders = ([root / funder_id] if funder_id else []) + [root]
    for folder in folders:
        if not folder.is_dir():
            continue
        candidates = []
        for path in folder.iterdir():
            if not path.is_file() or path.name.startswith((".", "~$")):
                continue
            stem = _normalise(path.stem)
            if stem != attachment_id and not stem.startswith(attachment_id + "-"):
                continue
            rest = f"-{stem[len(attachment_id):].strip('-')}-"
            named = [loc for loc in location_ids if f"-{loc}-" in rest]
            if named and location_id not in named:
                continue  # another location's
            issued = issued_date(rest)
            candidates.append((bool(named), issued or dt.date.min, path.name, path, issued))
        if candidates:
            *_key, path, issued = max(candidates)
            return AttachmentFile(path, workspace.relative(path), issued)
    return None


def months_later(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months (31 January + 1 month = 28 or 29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise ValueError(day)
