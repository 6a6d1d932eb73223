"""Year-end checks: deviations without an explanation, funded locations without actuals,
explanations that match no cost line."""

from __future__ import annotations

from typing import cast

import pandas as pd

from grantgen.core.errors import Problem
from grantgen.core.formatting import amount, percent
from grantgen.core.i18n import _
from grantgen.facts.dataset import Facts
from grantgen.facts.tables import ALL
from grantgen.figures.compute import COMMITTED, Figures, active_locations
from grantgen.figures.plan import DocumentSpec


def year_end_problems(facts: Facts, figures: Figures, specs: list[DocumentSpec]) -> list[Problem]:
    """Warnings about the year-end documents of `specs`: a deviation beyond the threshold
    without an explanation (naming the line), a location without any actuals in a finished
    year, and an explanation that matches no cost line."""
    years = sorted({s.year for s in specs if s.kind in ("report", "annual-report")})
    if not years:
        return []
    problems: list[Problem] = []
    threshold = facts.organisation.settings.deviation_threshold
    lines = figures.comparison
    lines = lines[lines["year"].isin(years)]
    shown = pd.Series(False, index=lines.index)
    for year in years:
        ids = active_locations(facts, year) + [ALL]
        shown |= (lines["year"] == year) & lines["location_id"].isin(ids)
    lines = lines[shown]
    problems += _unexplained(facts, lines, threshold)
    problems += _without_actuals(facts, figures, specs, lines)
    problems += _unused_explanations(facts, figures, years)
    return problems


def _unexplained(facts: Facts, lines: pd.DataFrame, threshold: float) -> list[Problem]:
    """A deviation beyond the threshold without an explanation, naming its line."""
    problems: list[Problem] = []
    files = facts.files
    language = facts.organisation.settings.language
    missing = lines[lines["deviates"] & lines["explanation"].isna()]
    for _i, row in missing.iterrows():
        where = {"year": int(row["year"]), "location": row["location_id"],
                 "category": row["category"], "item": row["item"]}
        if row["budget"] > 0:
            message = _("{year} {location}, {category} / {item}: {actual} realised against a "
                        "budget of {budget} ({share}); a difference above {threshold} needs "
                        "an explanation.").format(
                **where, actual=amount(row["actual"], language=language),
                budget=amount(row["budget"], language=language),
                share=percent(row["share"], signed=True, language=language),
                threshold=percent(threshold, decimals=0, language=language))
        else:
            message = _("{year} {location}, {category} / {item}: {actual} realised without a "
                        "budget line; an unbudgeted cost needs an explanation.").format(
                **where, actual=amount(row["actual"], language=language))
        has_actual = pd.notna(row["actual_row"])
        problems.append(Problem(
            files["actuals"] if has_actual else files["budget"], message,
            row=int(row["actual_row"] if has_actual else row["budget_row"]), column="amount",
            severity="warning", kind="explanation-missing",
            hint=_explanation_hint(files["explanations"], where)))
    return problems


def _explanation_hint(file: str, where: dict) -> str:
    """Where to write the explanation: a row of the CSV file, or of the workbook's sheet."""
    if file.endswith(".csv"):
        return _("Add a row to {file}: {year},{location},{category},{item},<why>.").format(
            file=file, **where)
    return _("Add a row to {file}: year {year}, location_id {location}, category {category}, "
             "item {item}, and in the column explanation why.").format(file=file, **where)


def _without_actuals(facts: Facts, figures: Figures, specs: list[DocumentSpec],
                     lines: pd.DataFrame) -> list[Problem]:
    """A funded location, or one with a budget, without any realised costs in the year."""
    problems: list[Problem] = []
    files = facts.files
    unreported = lines[~lines["reported"]].drop_duplicates(["year", "location_id"])
    warned = set(zip(unreported["year"], unreported["location_id"], strict=True))
    reported = set(zip(figures.actuals["year"], figures.actuals["location_id"], strict=True))
    granted = _granted_locations(facts)
    for spec in specs:
        if spec.kind != "report":
            continue
        for location_id in granted.get((spec.year, spec.funder_id), []):
            key = (spec.year, location_id)
            if location_id == ALL or key in warned or key in reported:
                continue
            warned.add(key)
            problems.append(Problem(
                files["actuals"], _("{location} has no realised costs for {year}, while "
                                    "{funder} funded it; its report shows no spending.")
                .format(location=location_id, year=spec.year, funder=spec.funder_id),
                severity="warning",
                hint=_("Add the realised costs of {location} in {year} to {file}.").format(
                    location=location_id, year=spec.year, file=files["actuals"]),
                kind="actuals-missing"))
    for _i, row in unreported.iterrows():
        problems.append(Problem(
            files["actuals"], _("{location} has a budget for {year} but no realised costs; "
                                "the year-end documents show its budget without actuals.")
            .format(location=row["location_id"], year=int(row["year"])), severity="warning",
            kind="actuals-missing",
            hint=_("Add the realised costs of {location} in {year} to {file}.").format(
                location=row["location_id"], year=int(row["year"]), file=files["actuals"])))
    return problems


def _granted_locations(facts: Facts) -> dict[tuple, list[str]]:
    """Per (year, funder): the locations of granted_of(facts, year, funder), in the order of
    the funding rows; found in one pass rather than once per report."""
    funding = facts["funding"]
    committed = funding[funding["status"].isin(COMMITTED) & funding["year"].notna()
                        & funding["source"].notna()]
    found: dict[tuple, list[str]] = {}
    for year, source, location_id in zip(committed["year"], committed["source"],
                                         committed["location_id"], strict=True):
        places = found.setdefault((int(year), source), [])
        if location_id not in places:
            places.append(location_id)
    return found


def _unused_explanations(facts: Facts, figures: Figures, years: list[int]) -> list[Problem]:
    """An explanation that matches no budget or actual line."""
    problems: list[Problem] = []
    files = facts.files
    notes = facts["explanations"]
    if len(notes):
        keys = set(map(tuple, figures.comparison[["year", "location_id", "category", "item"]]
                       .astype({"year": "int64"}).values.tolist()))
        for index, row in notes.iterrows():
            if pd.isna(row["year"]) or int(row["year"]) not in years:
                continue
            key = (int(row["year"]), row["location_id"], row["category"], row["item"])
            if key in keys:
                continue
            problems.append(Problem(
                files["explanations"], _("there is no budget or actual line {year} {location}, "
                                         "{category} / {item}; this explanation is not used.")
                .format(year=key[0], location=key[1], category=key[2], item=key[3]),
                row=int(cast(int, index)) + 2, column="item", severity="warning",
                kind="explanation-unused",
                hint=_("Write year, location_id, category and item exactly as in {budget} or "
                       "{actuals}.").format(budget=files["budget"], actuals=files["actuals"])))
    return problems
