"""The key figures (`grantgen facts`), per location and organisation-wide, as data."""

from __future__ import annotations

from grantgen.commands.listing import Listing, Table
from grantgen.core.errors import GrantgenError
from grantgen.core.formatting import amount, number
from grantgen.core.i18n import _
from grantgen.core.workspace import Workspace
from grantgen.facts.tables import ALL
from grantgen.pipeline.prepare import prepare


def key_figures_table(workspace: Workspace, year: int | None) -> Listing:
    """The key figures per location and organisation-wide, one table per year."""
    prepared = prepare(workspace)
    facts = prepared.facts
    figures = prepared.figures
    language = facts.organisation.settings.language
    years = sorted(set(figures.reach_years()) | set(facts.years("budget"))
                   | set(facts.years("funding")) | set(facts.years("volunteers")))
    if year is not None:
        if year not in years:
            raise _no_year(year, years)
        years = [year]
    names = dict(zip(facts.locations["location_id"], facts.locations["name"], strict=True))
    names[ALL] = _("Organisation (unique)")
    blocks: Listing = []
    for y in years:
        rows = []
        double = False
        for item in figures.key_figures(y):
            label = names.get(item["location_id"], item["location_id"])
            participants = number(item["unique_participants"], language=language)
            if item["possibly_double_counted"]:
                participants += "*"
                double = True
            rows.append([label, participants, number(item["visits"], language=language),
                         number(item["volunteers"], language=language)]
                        + [amount(item[k], language=language)
                           for k in ("budget", "committed", "requested", "gap")])
        headers = [_("Location"), _("Participants"), _("Visits"), _("Volunteers"), _("Budget"),
                   _("Committed"), _("Requested"), _("Gap")]
        blocks += [str(y), Table(headers, rows, right=set(range(1, 8)))]
        if double:
            blocks.append(_("* sum of the locations: people who come to more than one "
                            "location may be counted twice."))
        blocks.append("")
    blocks.append(_("Gap = budget - committed or received funding; a request is not income "
                    "yet."))
    return blocks


def _no_year(year: int, years: list[int]) -> GrantgenError:
    shown = ", ".join(str(y) for y in years) or _("none")
    return GrantgenError(_("There are no figures for {year}. Years with figures: {years}.")
                         .format(year=year, years=shown))
