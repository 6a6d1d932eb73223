"""The dekkingsplan as a whole, across the applications of a year (`grantgen check`).

- Requests together above the gap: a warning that informs (applying to several funders at
  once is normal; each application says so, and what happens when more is pledged than
  needed).
- Pledged funding (committed and received) above the budget: a warning naming the funders
  to tell.
"""

from __future__ import annotations

from collections.abc import Callable

from grantgen.core.i18n import _
from grantgen.facts.tables import ALL
from grantgen.figures.compute import COMMITTED
from grantgen.figures.plan import DocumentSpec

#: how a finding is reported: file, message, hint, the documents it is about, the row
Report = Callable[[str, str, str, list[DocumentSpec], int | None], None]


def _where(prepared, location_id: str) -> str:
    if location_id == ALL:
        return _("the organisation as a whole")
    return str(prepared.facts.location(location_id).get("name", location_id))


def _source_name(prepared, source: object) -> str:
    funder = prepared.facts.funders.get(str(source))
    return funder.name if funder else str(source)


def oversubscribed(prepared, money: Callable[[float], str], report: Report) -> None:
    """One finding per year whose applications, per location, ask more than its gap."""
    figures = prepared.figures
    groups: dict[tuple[int, str], list[DocumentSpec]] = {}
    for spec in prepared.specs:
        if spec.kind == "application":
            groups.setdefault((spec.year, spec.location_id or ALL), []).append(spec)
    by_year: dict[int, list[tuple[str, list[DocumentSpec]]]] = {}
    for (year, location_id), specs in groups.items():
        gap = figures.gap(year, location_id)
        requested = figures.requested(year, location_id)
        if requested - max(gap, 0.0) < 0.01:
            continue
        rows = figures.funding_rows(year, location_id)
        asked = rows.loc[rows["status"] == "requested", "source"].nunique()
        by_year.setdefault(year, []).append((_(
            "{where}: {requested} asked of {count} funder(s) against a gap of {gap}").format(
                where=_where(prepared, location_id), requested=money(requested), count=asked,
                gap=money(gap)), specs))
    for year, items in sorted(by_year.items()):
        report(prepared.facts.files["funding"],
               _("the requests for {year} together are more than the gap: {items}.").format(
                   year=year, items="; ".join(text for text, _specs in items)),
               _("That is how one applies to several funders at once, and each of these "
                 "applications says so, and that the requests still open are lowered or "
                 "withdrawn when more is pledged than needed. Once pledges cover a gap, do "
                 "that, and tell the funders concerned."),
               [spec for _text, specs in items for spec in specs], None)


def overpledged(prepared, money: Callable[[float], str], report: Report) -> None:
    """Per location and year of the plan, pledged funding above the budget; the
    organisation as a whole when no location of that year is."""
    figures = prepared.figures
    funding = prepared.facts["funding"]
    years = sorted({spec.year for spec in prepared.specs if spec.kind != "review-pack"})
    for year in years:
        pledged = funding[(funding["year"] == year) & funding["status"].isin(COMMITTED)]
        locations = [loc for loc in dict.fromkeys(pledged["location_id"]) if loc != ALL]
        found = [loc for loc in locations if _over(figures, year, loc) >= 0.01]
        if not found and _over(figures, year, ALL) >= 0.01:
            found = [ALL]
        for location_id in found:
            rows = pledged if location_id == ALL else \
                pledged[pledged["location_id"] == location_id]
            names = ", ".join(
                f"{_source_name(prepared, source)} ({money(amount)})" for source, amount in
                rows.groupby("source", sort=False)["amount"].sum().items())
            over = _over(figures, year, location_id)
            specs = [s for s in prepared.specs if s.year == year and s.kind != "review-pack"
                     and (location_id == ALL or s.location_id in (location_id, None, ALL))]
            report(prepared.facts.files["funding"],
                   _("the funding pledged for {where} in {year} (committed and received: "
                     "{pledged}) is {over} more than its budget of {budget}.").format(
                       where=_where(prepared, location_id), year=year,
                       pledged=money(figures.committed(year, location_id)),
                       over=money(over), budget=money(figures.budget_total(year, location_id))),
                   _("Tell the funders who pledged it ({names}) and agree with them what "
                     "happens to the {over}: a lower grant, or costs that belong in {budget}; "
                     "then write it in {funding}.").format(
                       names=names, over=money(over), budget=prepared.facts.files["budget"],
                       funding=prepared.facts.files["funding"]),
                   specs, int(rows.index[0]) + 2 if len(rows) else None)


def _over(figures, year: int, location_id: str) -> float:
    """How much the pledged funding exceeds the budget (negative: it does not)."""
    return round(figures.committed(year, location_id)
                 - figures.budget_total(year, location_id), 2)
