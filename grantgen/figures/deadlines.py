"""Deadlines across funders: what is due when (`grantgen deadlines`), as a list or a calendar.

"Today" is the document date (grantgen/core/clock.py): the date given with --date, else
settings.document_date, else the date of SOURCE_DATE_EPOCH when set, else the computer's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from grantgen.core.errors import OutputError
from grantgen.core.files import write_atomically
from grantgen.core.i18n import _
from grantgen.facts.dataset import Facts
from grantgen.figures.compute import COMMITTED
from grantgen.figures.plan import DocumentSpec
from grantgen.profiles.funders import Deadline, Funder

#: a deadline this many days away or closer is worth a warning in `grantgen check`
SOON_DAYS = 14
#: deadlines further in the past than this are history, not findings
HISTORY_DAYS = 365

#: document text of the calendar, in the organisation's language
_WORDS = {
    "nl": {"application": "aanvraag", "report": "verantwoording", "year": "subsidiejaar",
           "summary": "Deadline {kind} {funder}", "for": "Betreft"},
    "en": {"application": "application", "report": "report", "year": "grant year",
           "summary": "Deadline {kind} {funder}", "for": "Concerns"},
}


def on(deadline: Deadline, year: int) -> dt.date:
    """The deadline of the documents about grant `year` (29 February falls on the 28th in
    other years)."""
    try:
        return deadline.for_year(year)
    except ValueError:
        return dt.date(year + deadline.year_offset, 2, 28)


def document_deadline(funder: Funder, kind: str, year: int,
                      day: dt.date) -> tuple[dt.date | None, str]:
    """The deadline of a document of `kind` about grant `year`, with its label: the first on
    or after `day`, else the last one that passed; (None, "") when the funder gives none."""
    dues = sorted((on(d, year), d.label or "") for d in funder.deadlines if d.kind == kind)
    if not dues:
        return None, ""
    upcoming = [d for d in dues if d[0] >= day]
    return (upcoming or dues[-1:])[0]


def next_year_due(deadline: Deadline, day: dt.date) -> int:
    """The first grant year whose deadline is on or after `day`."""
    year = day.year - deadline.year_offset - 1
    while on(deadline, year) < day:
        year += 1
    return year


@dataclass
class Due:
    """One deadline on one date."""

    date: dt.date
    funder: Funder
    deadline: Deadline
    #: the deadline's place in the profile's `deadlines:` list
    index: int
    #: the grant year it is for (None for a one-off date not tied to the plan)
    year: int | None
    #: what the funding plan has due then
    documents: list[DocumentSpec] = field(default_factory=list)
    #: the locations the funding rows behind it are for (empty: only the next round)
    locations: list[str] = field(default_factory=list)

    def days_left(self, day: dt.date) -> int:
        return (self.date - day).days


def _plan_years(facts: Facts, funder: Funder, kind: str) -> dict[int, list[str]]:
    """Grant years with something due to `funder` and the locations concerned: applications
    for requested funding, reports for committed or received funding."""
    funding = facts["funding"]
    if not len(funding):
        return {}
    statuses = ("requested",) if kind == "application" else COMMITTED
    rows = funding[(funding["source"] == funder.id) & funding["status"].isin(statuses)
                   & funding["year"].notna()]
    years: dict[int, list[str]] = {}
    for year, location in zip(rows["year"], rows["location_id"], strict=True):
        places = years.setdefault(int(year), [])
        if location not in places:
            places.append(location)
    return years


def upcoming(facts: Facts, specs: list[DocumentSpec], day: dt.date) -> list[Due]:
    """Every deadline on or after `day`: those of the funding plan's years, and the next
    round of every recurring deadline; sorted by date."""
    dues: dict[tuple, Due] = {}
    for funder in sorted(facts.funders.values(), key=lambda f: f.id):
        for index, deadline in enumerate(funder.deadlines):
            planned = _plan_years(facts, funder, deadline.kind)
            years = set(planned) | {s.year for s in specs
                                    if s.funder_id == funder.id and s.kind == deadline.kind}
            if deadline.date is None:
                years.add(next_year_due(deadline, day))
            for year in sorted(years):
                date = on(deadline, year)
                if date < day:
                    continue
                key = (funder.id, index, date)
                if key not in dues:
                    dues[key] = Due(date, funder, deadline, index,
                                    year if deadline.date is None else None)
                due = dues[key]
                due.documents += [s for s in specs if s.funder_id == funder.id
                                  and s.kind == deadline.kind and s.year == year
                                  and s not in due.documents]
                due.locations += [loc for loc in planned.get(year, [])
                                  if loc not in due.locations]
            if deadline.date is not None and deadline.date >= day and not any(
                    k[:2] == (funder.id, index) for k in dues):
                dues[(funder.id, index, deadline.date)] = Due(deadline.date, funder, deadline,
                                                              index, None)
    return sorted(dues.values(), key=lambda d: (d.date, d.funder.name, d.index))


def _kind_word(kind: str, language: str) -> str:
    return _WORDS.get(language, _WORDS["nl"]).get(kind, kind)


def calendar(dues: list[Due], organisation: str, language: str,
             stamp: dt.datetime) -> bytes:
    """An iCalendar file with one all-day event per deadline and a reminder 14 days before."""
    from icalendar import Alarm, Calendar, Event

    words = _WORDS.get(language, _WORDS["nl"])
    cal = Calendar()
    cal.add("prodid", "-//grantgen//deadlines//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Deadlines {organisation}")
    for due in dues:
        kind = _kind_word(due.deadline.kind, language)
        event = Event()
        event.add("uid", f"{due.funder.id}-{due.deadline.kind}-{due.index}-"
                         f"{due.date.isoformat()}@grantgen")
        event.add("dtstamp", stamp.replace(tzinfo=dt.timezone.utc))
        event.add("dtstart", due.date)
        event.add("dtend", due.date + dt.timedelta(days=1))
        summary = words["summary"].format(kind=kind, funder=due.funder.name)
        if due.year is not None:
            summary += f" ({words['year']} {due.year})"
        event.add("summary", summary)
        lines = [due.deadline.label or summary]
        if due.documents:
            lines.append(words["for"] + ": " + ", ".join(s.path for s in due.documents))
        elif due.locations:
            lines.append(words["for"] + ": " + ", ".join(due.locations))
        if due.funder.website:
            lines.append(due.funder.website)
        event.add("description", "\n".join(lines))
        event.add("categories", [kind])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", dt.timedelta(days=-SOON_DAYS))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def write_calendar(path: Path, data: bytes) -> None:
    """Write the calendar file whole or not at all."""
    try:
        write_atomically(path, data)
    except OSError as e:
        raise OutputError(_("{path}: cannot write the calendar ({error}).").format(
            path=path, error=e.strerror or e)) from e
