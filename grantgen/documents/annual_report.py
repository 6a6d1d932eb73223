"""The context of the annual report (jaarverslag): one finished year, organisation-wide."""

from __future__ import annotations

import datetime as dt

from grantgen.documents.yearend import YearEnd, outcome_summary
from grantgen.facts.tables import ALL
from grantgen.figures.compute import active_locations
from grantgen.figures.plan import DocumentSpec


def annual_report(yearend: YearEnd, spec: DocumentSpec) -> dict:
    """The jaarverslag of one year, organisation-wide."""
    year, language = spec.year, spec.language
    parts = yearend.builder
    active = active_locations(yearend.facts, year)
    context = parts.base(spec)
    chapters = [yearend.location_chapter(loc, year, language) for loc in active]
    costs = yearend.cost_table(year, active + [ALL], language)
    outcomes = yearend.outcome_rows(year, active, language)
    with_target = [o for o in outcomes if o["met"] is not None]
    context.update({
        "period": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
        "previous_year": year - 1,
        "numbers": yearend.numbers(year, language),
        "reach_table": yearend.reach_table(year, active, language),
        "locations": chapters,
        "opened": [c for c in chapters if c["period"]["opened_this_year"]],
        "closed": [c for c in chapters if c["period"]["closed_this_year"]],
        "outcomes": {"rows": outcomes, "summary": outcome_summary(outcomes),
                     "with_target": len(with_target),
                     "met": sum(1 for o in with_target if o["met"])},
        # the results and stories of the organisation as a whole, told once
        "organisation_wide": {
            "outcomes": [o for o in outcomes if o["location_id"] == ALL],
            "stories": yearend.stories(year, [], language)},
        "costs": costs,
        "income": yearend.income(year, active + [ALL], language),
        "charts": {"participants": yearend.participants_chart(year, active, language),
                   "budget": yearend.budget_chart(year, active + [ALL], language)},
        # for the manifest's key figures
        "reach": parts.reach(year, ALL),
        "reach_org": parts.reach(year, ALL),
        "budget": {"total": costs["budget"], "actual": costs["actual"]},
    })
    return context
