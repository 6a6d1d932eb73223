"""What changed since the last build, with the facts' reasons: why a document is no longer
made, and what becomes of it. An approved one stays in the output folder and the manifest, as
it was sent; a draft is copied into backup/<date-time>/output/ before the new output folder
leaves it out, so nothing that may have been sent is lost."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from grantgen.core.i18n import _
from grantgen.core.workspace import Workspace
from grantgen.facts.dataset import Facts
from grantgen.facts.tables import ALL
from grantgen.facts.workbook import backup_folder
from grantgen.output.changes import Changes
from grantgen.output.publish import Entry, set_aside


def mark_no_longer_made(facts: Facts, changes: Changes, entries: list[Entry],
                        planned: set[str], today: dt.date) -> list[Entry]:
    """The entries to publish: an approved document the plan no longer calls for stays,
    marked with the date it left the plan (so only this build names it); one the plan calls
    for again loses the mark. Each gone document gets its reason."""
    gone = {item.entry.key or item.entry.path: item for item in changes.gone}
    result = []
    for entry in entries:
        key = entry.key or entry.path
        if key in gone and entry.status == "approved":
            entry = replace(entry, no_longer_made=today.isoformat())
            gone[key].kept = entry.path
        elif key in planned and entry.no_longer_made:
            entry = replace(entry, no_longer_made=None)
        result.append(entry)
    for item in changes.gone:
        item.reason = why_no_longer_made(facts, item.entry)
    return result


def set_drafts_aside(workspace: Workspace, out: Path, changes: Changes,
                     previous: list[Entry], remove: set[str]) -> None:
    """The drafts of documents no longer made, copied into backup/<date-time>/output/ before
    the output folder leaves them out: nothing that may have been sent is lost."""
    by_key = {item.entry.key or item.entry.path: item for item in changes.gone}
    paths: dict[str, list[str]] = {}
    for entry in previous:
        key = entry.key or entry.path
        if key in by_key:
            paths.setdefault(key, []).extend(p for p in (entry.path, entry.pdf)
                                             if p and p in remove)
    if not any(paths.values()):
        return
    folder = backup_folder(workspace) / "output"
    for key, files in paths.items():
        set_aside(out, files, folder)
        by_key[key].moved_to = {p: workspace.relative(folder / p) for p in files
                                if p.endswith(".docx")}


def why_no_longer_made(facts: Facts, entry: Entry) -> str:
    """Why the funding plan no longer calls for the document of `entry`, in the facts' words."""
    funder = facts.funders.get(entry.funder_id) if entry.funder_id else None
    if entry.funder_id and funder is None:
        return _("there is no funder profile funders/{funder}.yaml any more").format(
            funder=entry.funder_id)
    name = funder.name if funder is not None else ""
    funding, file = facts["funding"], facts.files["funding"]
    if entry.kind == "application":
        rows = funding[(funding["source"] == entry.funder_id) & (funding["year"] == entry.year)
                       & (funding["location_id"] == entry.location_id)]
        where = (_("the organisation as a whole") if entry.location_id == ALL else
                 str(facts.location(entry.location_id or "").get("name", entry.location_id)))
        statuses = sorted(set(rows["status"].dropna()))
        if statuses:
            return _("the request to {funder} for {year} ({where}) in {file} now has status "
                     "{status}").format(funder=name, year=entry.year, where=where, file=file,
                                        status=", ".join(statuses))
        return _("{file} no longer holds a request to {funder} for {year} ({where})").format(
            file=file, funder=name, year=entry.year, where=where)
    if entry.year not in facts.years("actuals"):
        return _("{file} holds no realised costs for {year} any more").format(
            file=facts.files["actuals"], year=entry.year)
    return _("{file} no longer holds money committed or received from {funder} for "
             "{year}").format(file=file, funder=name, year=entry.year)
