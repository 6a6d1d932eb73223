"""The context of an accountability report (verantwoording): one funder, one finished year,
what was promised against what was realised, at the reporting tier of the amount granted."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from grantgen.core.labels import label
from grantgen.documents.parts import no_tenants
from grantgen.documents.values import change, num
from grantgen.documents.yearend import REQUIREMENTS, YearEnd, joined, words
from grantgen.facts.tables import ALL
from grantgen.figures.compute import active_locations, granted_of
from grantgen.figures.plan import DocumentSpec
from grantgen.profiles.funders import Funder


def report(yearend: YearEnd, spec: DocumentSpec) -> dict:
    """The accountability report to one funder on one finished year."""
    assert spec.funder_id is not None
    funder = yearend.facts.funders[spec.funder_id]
    year, language = spec.year, spec.language
    parts = yearend.builder
    granted = granted_of(yearend.facts, year, funder.id)
    scope, cost_ids, whole = _scope(yearend, year, list(dict.fromkeys(granted["location_id"])))
    amount_granted = float(spec.amount or granted["amount"].sum())
    names = [yearend.location_name(loc, language) for loc in scope]
    tiers = [t for t in funder.reporting if amount_granted >= t.above]
    requires = sorted({r for t in tiers for r in t.requires})
    deadline = next((d for d in funder.deadlines if d.kind == "report"), None)
    realised = yearend.figures.reach_over(year, scope)
    costs = yearend.cost_table(year, cost_ids, language)
    reach_table = yearend.reach_table(year, scope, language)
    context = parts.base(spec)
    context.update({
        "funder": parts.funder(funder),
        "period": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
        "grant": {"amount": amount_granted, "rows": _grant_rows(yearend, granted, language),
                  "whole_organisation": whole,
                  "locations": names, "locations_text": joined(names, language),
                  "share_of_costs": (amount_granted / costs["actual"])
                  if costs["actual"] else None},
        "locations": [yearend.location_chapter(loc, year, language, funder.themes)
                      for loc in scope],
        "promised": _promised(yearend, year, scope, funder, language),
        "reach_table": reach_table,
        "age_bands": parts.age_bands(year, scope, language)
        if funder.type == "municipality" else [],
        "tenants": parts.tenants(year, scope, funder.id)
        if funder.type == "housing-corporation" else no_tenants(year),
        "volunteers": _volunteers(funder, reach_table),
        "costs": costs,
        "income": yearend.income(year, cost_ids, language, this_funder=funder.id),
        "stories": yearend.stories(year, scope, language),
        "tiers": [t.model_dump() for t in tiers],
        "tier": tiers[-1].model_dump() if tiers else None,
        "requires": {r.replace("-", "_"): r in requires
                     for r in sorted(set(REQUIREMENTS) | set(requires))},
        "attachments": _attachments(funder, amount_granted, requires, language),
        "deadline": deadline.for_year(year) if deadline else None,
        "deadline_label": deadline.label if deadline else None,
        # for the manifest's key figures
        "reach": {"unique_participants": realised.unique_participants,
                  "visits": realised.visits,
                  "possibly_double_counted": realised.possibly_double_counted},
        "reach_org": parts.reach(year, ALL),
        "budget": {"total": costs["budget"], "actual": costs["actual"]},
        "funding": {"granted": amount_granted},
    })
    return context


def _scope(yearend: YearEnd, year: int,
           granted_ids: list[str]) -> tuple[list[str], list[str] | None, bool]:
    """The locations the report covers, the locations whose costs it shows (None: all of
    the organisation's) and whether the grant was to the organisation as a whole."""
    if ALL in granted_ids:
        return active_locations(yearend.facts, year), None, True
    locations = list(yearend.facts.locations["location_id"])
    scope = sorted(granted_ids, key=lambda loc: locations.index(loc)
                   if loc in locations else len(locations))
    return scope, scope, False


def _grant_rows(yearend: YearEnd, granted: pd.DataFrame, language: str) -> list[dict]:
    return [{"location": yearend.builder.location(r["location_id"], language)["name"],
             "location_id": r["location_id"], "amount": float(r["amount"]),
             "status": r["status"], "status_label": label("status", r["status"], language)}
            for r in granted.to_dict("records")]


def _promised(yearend: YearEnd, year: int, scope: list[str], funder: Funder,
              language: str) -> dict:
    """What the application said (the figures of the last year before) against what was
    realised, per location and in all."""
    parts = yearend.builder
    stated_year = parts.last_year_with_figures(year)
    rows = []
    for location_id in scope:
        before = parts.reach(stated_year, location_id) if stated_year else None
        now = parts.reach(year, location_id)
        rows.append({
            "name": yearend.location_name(location_id, language),
            "stated": before["unique_participants"] if before else None,
            "stated_visits": before["visits"] if before else None,
            "stated_volunteers": before["volunteers"] if before else None,
            "realised": now["unique_participants"], "realised_visits": now["visits"],
            "realised_volunteers": now["volunteers"],
            "change": change(num(now["unique_participants"]),
                             num(before["unique_participants"]) if before else None)})
    realised = yearend.figures.reach_over(year, scope)
    then_open = [loc for loc in scope if stated_year and
                 loc in active_locations(yearend.facts, stated_year)]
    stated = (yearend.figures.reach_over(stated_year, then_open)
              if then_open and stated_year else None)  # then_open: only with a stated_year
    outcomes = yearend.outcome_rows(year, scope, language, funder.themes)
    with_target = [o for o in outcomes if o["met"] is not None]
    # comparable only when every location was open then too
    comparable = stated if stated and len(then_open) == len(scope) else None
    return {"year": stated_year, "rows": rows, "outcomes": outcomes,
            "stated": comparable.unique_participants if comparable else None,
            "realised": realised.unique_participants,
            # either figure is a sum of the locations that may count people twice
            "possibly_double_counted": realised.possibly_double_counted or bool(
                comparable and comparable.possibly_double_counted),
            "with_target": len(with_target),
            "met": sum(1 for o in with_target if o["met"])}


def _volunteers(funder: Funder, reach_table: dict) -> dict:
    minimum = funder.rules.min_volunteers
    return {"required": bool(funder.rules.requires_volunteers or minimum), "minimum": minimum,
            "rows": [{"name": r["name"], "volunteers": r["volunteers"],
                      "volunteer_hours": r["volunteer_hours"],
                      "perspectiefbanen": r["perspectiefbanen"],
                      "meets_minimum": None if minimum is None or r["volunteers"] is None
                      else r["volunteers"] >= minimum}
                     for r in reach_table["rows"]]}


def _attachments(funder: Funder, amount_granted: float, requires: list[str],
                 language: str) -> list[dict]:
    """The attachments of the report: the profile's, and the auditor's report where the
    reporting tier requires one."""
    attachments = [a.model_dump() for a in funder.attachments
                   if a.kind == "report" and (a.above is None or amount_granted >= a.above)]
    if "accountant-statement" in requires and not any(
            "accountant" in a["id"] or "accountant" in a["name"].lower() for a in attachments):
        attachments.append({"id": "accountant-statement",
                            "name": words(language)["accountant"], "kind": "report",
                            "above": None, "max_age_months": None, "in_document": False,
                            "first_application_only": False})
    return attachments
