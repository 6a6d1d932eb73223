"""`grantgen deadlines`: every upcoming deadline across funders, as data, and as a calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from grantgen.commands.listing import Listing, Table
from grantgen.core.clock import build_time
from grantgen.core.formatting import date as format_date
from grantgen.core.i18n import _
from grantgen.core.workspace import Workspace
from grantgen.facts.dataset import Facts
from grantgen.facts.tables import ALL
from grantgen.figures.deadlines import SOON_DAYS, calendar, upcoming, write_calendar
from grantgen.pipeline.prepare import prepare


def deadlines_overview(workspace: Workspace, day: dt.date | None = None,
                       ics: Path | None = None) -> Listing:
    """The text of `grantgen deadlines`: every upcoming deadline with the days left; with
    `ics`, the same deadlines written as a calendar file."""

    prepared = prepare(workspace, date=day)
    facts = prepared.facts
    language = facts.organisation.settings.language
    day = prepared.date
    dues = upcoming(facts, prepared.specs, day)
    rows = []
    for due in dues:
        left = due.days_left(day)
        places = due.locations or [s.location_id or "-" for s in due.documents]
        year = str(due.year) if due.year is not None else ""
        rows.append([format_date(due.date, language=language), str(left),
                     due.funder.name, _kind_label(due.deadline.kind), year,
                     ", ".join(_place(facts, p) for p in places) or _("(next round)"),
                     due.deadline.label or ""])
    headers = [_("Date"), _("Days left"), _("Funder"), _("Kind"), _("Grant year"),
               _("Locations in the funding plan"), _("What is due")]
    lines: Listing = [_("Deadlines from {day}:").format(day=format_date(day, language=language))]
    if rows:
        lines.append(Table(headers, rows, right={1}))
    else:
        lines.append(_("No upcoming deadlines: the funder profiles in funders/ list none "
                       "after this day."))
    if ics is not None:
        write_calendar(ics, calendar(dues, facts.organisation.name, language, build_time()))
        lines.append(_("{n} deadline(s) written to {path}; import it into your calendar "
                       "(each has a reminder {days} days before).").format(
                           n=len(dues), path=ics, days=SOON_DAYS))
    return lines


def _kind_label(kind: str) -> str:
    return {"application": _("application"), "report": _("report")}.get(kind, kind)


def _place(facts: Facts, location_id: str) -> str:
    """The name of a location, as people call it; 'the organisation as a whole' for all."""
    if location_id == ALL:
        return _("the organisation as a whole")
    return str(facts.location(location_id).get("name", location_id))
