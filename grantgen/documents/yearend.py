"""The context of the year-end documents: the annual report and the accountability reports.

They are made from the same facts and figures as the applications, so what an application
promised and what was realised sit side by side. The shared parts (organisation, location,
reach, age bands, tenants) come from Parts in parts.py; this module adds the
year-end parts that the annual report (annual_report.py) and the accountability reports
(report.py) share: the year in numbers, a chapter per location, outcomes against targets,
budget against actuals with the explanations of deviations, income and charts.
Only stories with consent reach a context, and never a participant pseudonym.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from grantgen.core.formatting import amount, number
from grantgen.core.labels import label
from grantgen.documents.charts import TOTAL_COLOUR, Chart, Series, grouped_bars, paired_bars
from grantgen.documents.glossary import Glossary
from grantgen.documents.parts import Parts
from grantgen.documents.values import capitalised, change, num, target_met, text
from grantgen.facts.dataset import Facts
from grantgen.facts.tables import ALL
from grantgen.figures.compute import COMMITTED, Figures, active_locations

#: document words of the year-end contexts (captions, alternative text, labels)
WORDS = {
    "nl": {
        "organisation_costs": "Organisatiebreed",
        "organisation_unique": "Organisatie (uniek)",
        "participants_axis": "Unieke deelnemers",
        "participants_caption": "Unieke deelnemers per locatie, {years}. Organisatiebreed "
                                "telt ieder één keer, ook wie meer locaties bezoekt.",
        "participants_alt": "Staafdiagram van het aantal unieke deelnemers per locatie en "
                            "jaar. {details}. Organisatiebreed, ieder één keer geteld: "
                            "{total}.",
        # without a register nor an `all` row: the organisation-wide figure is a sum
        "organisation_summed": "Organisatie (opgeteld)",
        "participants_summed": "Deelnemers (opgeteld over de locaties)",
        "participants_caption_summed": "Unieke deelnemers per locatie, {years}. "
                                       "Organisatiebreed een optelling van de locaties: wie "
                                       "meer locaties bezoekt, kan dubbel geteld zijn.",
        "participants_alt_summed": "Staafdiagram van het aantal unieke deelnemers per locatie "
                                   "en jaar. {details}. Organisatiebreed, opgeteld over de "
                                   "locaties (wie meer locaties bezoekt, kan dubbel geteld "
                                   "zijn): {total}.",
        "budget": "Begroting", "actual": "Realisatie",
        "budget_caption": "Begroting en realisatie {year} per kostensoort{scope}.",
        "budget_alt": "Staafdiagram van de begrote en de werkelijke kosten in {year} per "
                      "kostensoort{scope}. {details}.",
        "budget_alt_item": "{category}: begroot {budget}, gerealiseerd {actual}",
        "scope_of": " van {names}",
        "and": "en",
        "accountant": "Controleverklaring van de accountant",
        "metrics": {"unique_participants": "Unieke deelnemers", "visits": "Bezoeken",
                    "new_participants": "Nieuwe deelnemers", "volunteers": "Vrijwilligers",
                    "volunteer_hours": "Uren vrijwilligerswerk",
                    "perspectiefbanen": "Perspectiefbanen"},
    },
    "en": {
        "organisation_costs": "Organisation-wide",
        "organisation_unique": "Organisation (unique)",
        "participants_axis": "Unique participants",
        "participants_caption": "Unique participants per location, {years}. Organisation-"
                                "wide, everyone counts once, even when visiting several "
                                "locations.",
        "participants_alt": "Bar chart of the number of unique participants per location and "
                            "year. {details}. Organisation-wide, each person counted once: "
                            "{total}.",
        "organisation_summed": "Organisation (sum)",
        "participants_summed": "Participants (sum of the locations)",
        "participants_caption_summed": "Unique participants per location, {years}. "
                                       "Organisation-wide the sum of the locations: people "
                                       "visiting several locations may be counted twice.",
        "participants_alt_summed": "Bar chart of the number of unique participants per "
                                   "location and year. {details}. Organisation-wide, the sum "
                                   "of the locations (people visiting several may be counted "
                                   "twice): {total}.",
        "budget": "Budget", "actual": "Actual",
        "budget_caption": "Budget and actual costs {year} per category{scope}.",
        "budget_alt": "Bar chart of the budgeted and the actual costs in {year} per "
                      "category{scope}. {details}.",
        "budget_alt_item": "{category}: budget {budget}, actual {actual}",
        "scope_of": " of {names}",
        "and": "and",
        "accountant": "Auditor's report",
        "metrics": {"unique_participants": "Unique participants", "visits": "Visits",
                    "new_participants": "New participants", "volunteers": "Volunteers",
                    "volunteer_hours": "Volunteer hours",
                    "perspectiefbanen": "Perspectiefbanen (supported jobs)"},
    },
}

#: what a reporting tier may require (funders.ReportingTier.requires); each is a
#: `requires.<name>` flag in a report's context, '-' written as '_'
REQUIREMENTS = ("result-per-budget-line", "accountant-statement", "content-report",
                "financial-report")

_METRICS = ("unique_participants", "visits", "new_participants", "volunteers",
            "volunteer_hours", "perspectiefbanen")


def words(language: str) -> dict:
    return WORDS.get(language, WORDS["nl"])


def joined(names: list[str], language: str) -> str:
    """'De Klop, TOP en De Verbinding'"""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {words(language)['and']} " + names[-1]


class YearEnd:
    """Builds the year-end contexts of one build; charts are drawn once and reused."""

    def __init__(self, builder: Parts):
        self.builder = builder
        self.facts: Facts = builder.facts
        self.figures: Figures = builder.figures
        self._charts: dict[tuple, Chart] = {}
        self._stories: dict[int, list[dict]] | None = None
        self._outcomes: dict[tuple[int, str], list[dict]] | None = None
        self._indicators: dict | None = None
        self._tables: dict[tuple, Any] = {}

    # ---- parts ---------------------------------------------------------------------------
    def location_name(self, location_id: str, language: str) -> str:
        if location_id == ALL:
            return words(language)["organisation_costs"]
        return str(self.facts.location(location_id).get("name", location_id))

    def period(self, location_id: str, year: int) -> dict:
        """The part of `year` a location was open: figures cover this period only."""
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        row = self.facts.location(location_id) if location_id != ALL else {}
        opened = row.get("opened")
        closed = row.get("closed")
        opened = None if opened is None or pd.isna(opened) else pd.Timestamp(opened).date()
        closed = None if closed is None or pd.isna(closed) else pd.Timestamp(closed).date()
        first = max(start, opened) if opened else start
        last = min(end, closed) if closed else end
        return {"start": first, "end": last, "whole_year": first == start and last == end,
                "opened_this_year": bool(opened and opened.year == year),
                "closed_this_year": bool(closed and closed.year == year),
                "closed": closed if closed and closed.year == year else None}

    def stories(self, year: int, location_ids: list[str], language: str,
                organisation: bool = True) -> list[dict]:
        """Stories of `year` at these locations (and organisation-wide ones, unless
        `organisation` is false) whose teller gave consent; a story without consent `yes`
        never leaves this function."""
        if self._stories is None:  # the stories with consent by year, once per build
            stories = self.facts["stories"]
            consented = stories[stories["consent"].eq(True) & stories["year"].notna()]
            self._stories = {}
            for row in consented.to_dict("records"):
                self._stories.setdefault(int(row["year"]), []).append(row)
        wanted = set(location_ids) | ({ALL} if organisation else set())
        result = []
        for row in self._stories.get(int(year), []):
            if row["location_id"] not in wanted:
                continue
            result.append({"story_id": row["story_id"], "quote": row["quote"],
                           "title": text(row.get("title")), "person": text(row.get("person")),
                           "location": self.location_name(row["location_id"], language)
                           if row["location_id"] != ALL else None,
                           "location_id": row["location_id"],
                           "themes": list(row.get("themes") or ())})
        return result

    def outcome_rows(self, year: int, location_ids: list[str], language: str,
                     themes: list[str] | None = None, organisation: bool = True) -> list[dict]:
        """Outcomes of `year` at these locations (and the organisation-wide ones, unless
        `organisation` is false): value against target. With `themes`, the indicators in
        those themes (all indicators when none is), as an application shows."""
        outcomes = self.facts["outcomes"]
        if not len(outcomes):
            return []
        if self._outcomes is None or self._indicators is None:  # once per build
            self._outcomes = {}
            for row in outcomes[outcomes["year"].notna()].to_dict("records"):
                self._outcomes.setdefault((int(row["year"]), row["location_id"]), []).append(row)
            table = self.facts["indicators"].set_index("indicator_id")
            self._indicators = {"index": table.index,
                                "rows": {i: table.loc[i] for i in table.index.unique()}}
        indicators = self._indicators["index"]
        order = {i: n for n, i in enumerate(indicators)}
        wanted = list(location_ids) + ([ALL] if organisation else [])
        places = {loc: n for n, loc in enumerate(wanted)}
        result = []
        for row in (r for loc in dict.fromkeys(wanted)
                    for r in self._outcomes.get((int(year), loc), [])):
            if row["indicator_id"] not in self._indicators["rows"]:
                continue
            ind = self._indicators["rows"][row["indicator_id"]]
            value, target = num(row["value"]), num(row["target"])
            better = ind["higher_is_better"] is not False
            met = target_met(value, target, better)
            item_themes = list(ind["themes"] or ())
            result.append({
                "indicator_id": row["indicator_id"], "label": ind["label"], "unit": ind["unit"],
                "location_id": row["location_id"],
                "location": self.location_name(row["location_id"], language)
                if row["location_id"] != ALL else self.builder.location(ALL, language)["name"],
                "value": value, "target": target, "met": met,
                "difference": None if value is None or target is None else value - target,
                "source": text(row.get("source")), "themes": item_themes,
                "in_themes": bool(themes and set(item_themes) & set(themes))})
        if themes:
            focus = [r for r in result if r["in_themes"]]
            result = focus or result
        result.sort(key=lambda r: (places.get(r["location_id"], 99),
                                   order.get(r["indicator_id"], 99)))
        return result

    def figures_of(self, year: int, location_id: str) -> dict:
        """Reach and volunteers of one location (or `all`) in one year, with the change from
        the year before."""
        now = self.builder.reach(year, location_id)
        before = self.builder.reach(year - 1, location_id)
        has_before = before["unique_participants"] is not None or before["volunteers"] is not None
        now["previous"] = before if has_before else None
        now["change"] = {k: change(num(now[k]), num(before[k]) if has_before else None)
                         for k in _METRICS}
        return now

    def numbers(self, year: int, language: str) -> dict:
        """The year in numbers, organisation-wide, against the year before."""
        this = self.figures_of(year, ALL)
        summed = bool(this["possibly_double_counted"]
                      or (this["previous"] or {}).get("possibly_double_counted"))
        rows = []
        for key in _METRICS:
            if this[key] is None and (this["previous"] or {}).get(key) is None:
                continue
            label = words(language)["participants_summed"] \
                if summed and key == "unique_participants" else words(language)["metrics"][key]
            rows.append({"key": key, "label": label,
                         "value": this[key],
                         "previous": (this["previous"] or {}).get(key),
                         "change": this["change"][key]["value"],
                         "change_share": this["change"][key]["share"]})
        return {"year": year, "previous_year": year - 1 if this["previous"] else None,
                "rows": rows, "possibly_double_counted": summed}

    def location_chapter(self, location_id: str, year: int, language: str,
                         themes: list[str] | None = None) -> dict:
        data = self.builder.location(location_id, language)
        data["activities"] = self.builder.activities(location_id)
        data["period"] = self.period(location_id, year)
        data["figures"] = self.figures_of(year, location_id)
        # its own stories and results: the organisation-wide ones are told once, elsewhere
        data["stories"] = self.stories(year, [location_id], language, organisation=False)
        data["outcomes"] = self.outcome_rows(year, [location_id], language, themes,
                                             organisation=False)
        costs = self._location_costs(year).get(location_id)
        data["costs"] = (money_row(costs) if costs is not None else
                         {"budget": None, "actual": None, "difference": None, "share": None})
        return data

    def _location_costs(self, year: int) -> dict[str, dict]:
        """Budget and actual per location in `year` (Figures.cost_summary), computed for all
        locations at once and looked up by id."""
        key = ("location-costs", int(year))
        if key not in self._tables:
            summary = self.figures.cost_summary(year, ["location_id"])
            self._tables[key] = {r["location_id"]: r
                                            for r in summary.to_dict("records")}
        return self._tables[key]

    def reach_table(self, year: int, location_ids: list[str], language: str) -> dict:
        """Reach per location in `year` with the change from the year before, and the total
        over these locations (each person once, where the register allows)."""
        rows = []
        for location_id in location_ids:
            item = self.figures_of(year, location_id)
            item["name"] = self.location_name(location_id, language)
            item["location_id"] = location_id
            # without figures for the year before: new only when it opened this year
            item["opened_this_year"] = self.period(location_id, year)["opened_this_year"]
            rows.append(item)
        total = None
        if set(location_ids) == set(active_locations(self.facts, year)) and \
                len(location_ids) != 1:
            # the whole organisation: its own figures ('all' rows), each person once
            total = self.figures_of(year, ALL)
        elif len(location_ids) > 1:
            together = self.figures.reach_over(year, location_ids)
            total = {"unique_participants": together.unique_participants,
                     "visits": together.visits,
                     "possibly_double_counted": together.possibly_double_counted}
            volunteers = [self.figures.volunteers(year, loc) for loc in location_ids]
            for key in ("volunteers", "volunteer_hours", "perspectiefbanen"):
                known = [v[key] for v in volunteers if v[key] is not None]
                total[key] = sum(known) if known else None
        summed = sum(r["unique_participants"] or 0 for r in rows)
        unique = total["unique_participants"] if total else None
        return {"rows": rows, "total": total, "sum_of_locations": summed,
                "counted_more_than_once": (summed - unique) if unique is not None
                and summed > unique else 0}

    def cost_table(self, year: int, location_ids: list[str] | None, language: str) -> dict:
        """Budget against actuals per location, category and line; the deviations beyond the
        threshold with their explanations; totals per category over all of them."""
        of_year = self._year_lines(year)
        at = self._positions(year, location_ids)
        records = [of_year.records[n] for n in at]
        money = (of_year.budget[at], of_year.actual[at])
        # rows per location and category, in the order they first appear
        grouped: dict[str, dict[str, list[int]]] = {}
        for n, row in enumerate(records):
            grouped.setdefault(row["location_id"], {}).setdefault(row["category"], []).append(n)
        blocks = []
        for location_id, by_category in grouped.items():
            categories = []
            for category, rows in by_category.items():
                categories.append({
                    "name": self.glossary.category(category, language),
                    "lines": [self.line(records[n], language) for n in rows],
                    **money_row(_summed_at(money, rows))})
            every = sorted(n for rows in by_category.values() for n in rows)
            blocks.append({"location_id": location_id,
                           "name": self.location_name(location_id, language),
                           "reported": any(bool(records[n]["reported"]) for n in every),
                           "categories": categories, **money_row(_summed_at(money, every))})
        if location_ids is not None:
            order = {loc: n for n, loc in enumerate(location_ids)}
            blocks.sort(key=lambda b: order.get(b["location_id"], len(order)))
        summary = self.figures.cost_summary(year, ["category"], location_ids)
        categories = [money_row(r) | {"name": self.glossary.category(r["category"], language)}
                      for r in summary.to_dict("records")]
        deviations = []
        for row in (r for r in records if r["deviates"]):
            deviations.append(self.line(row, language) | {
                "location": self.location_name(row["location_id"], language),
                "location_id": row["location_id"]})
        return {"year": year, "blocks": blocks, "categories": categories,
                "deviations": deviations,
                "missing_explanations": sum(1 for d in deviations if not d["explanation"]),
                "threshold": self.facts.organisation.settings.deviation_threshold,
                "has_lines": bool(len(records)),
                **money_row(_summed_at(money, list(range(len(records)))))}

    def _year_lines(self, year: int) -> _Lines:
        """The cost lines of `year` (Figures.cost_lines) as records and arrays, once per
        build: the lines of a document are those of its locations among them."""
        key = ("lines", int(year))
        if key not in self._tables:
            lines = self.figures.cost_lines(year)
            self._tables[key] = _Lines(lines.to_dict("records"),
                                       lines["budget"].to_numpy(dtype=float),
                                       lines["actual"].to_numpy(dtype=float),
                                       list(lines["location_id"]))
        return self._tables[key]

    def _positions(self, year: int, location_ids: list[str] | None) -> list[int]:
        """Where the lines of Figures.cost_lines(year, location_ids) are in _year_lines."""
        of_year = self._year_lines(year)
        if location_ids is None:
            return list(range(len(of_year.records)))
        wanted = set(location_ids)
        return [n for n, loc in enumerate(of_year.location_ids) if loc in wanted]

    def income(self, year: int, location_ids: list[str] | None, language: str,
               this_funder: str | None = None) -> dict:
        """Income of `year` by source and status, and the result against the actual costs."""
        income = self._income(year, location_ids)
        order = {"received": 0, "committed": 1, "requested": 2, "rejected": 3}
        sources: list[dict[str, Any]] = []
        for source, status, money in income.sources:
            funder = self.facts.funders.get(source)
            sources.append({"source": source,
                            "name": funder.name if funder else
                            capitalised(self.glossary.source(source, language)),
                            "status": status,
                            "status_label": label("status", status, language),
                            "amount": money,
                            "counts": status in COMMITTED,
                            "is_this_funder": source == this_funder})
        sources.sort(key=lambda s: (order[s["status"]], -s["amount"]))
        realised, actual = income.realised, income.actual
        # the realised income apart from what was asked and not granted (never income)
        return {"sources": [s for s in sources if s["counts"]],
                "not_granted_sources": [s for s in sources if not s["counts"]],
                "realised": realised,
                "received": income.received,
                "committed": income.committed,
                "not_granted": income.not_granted,
                "actual_costs": actual,
                "result": None if actual is None else round(realised - actual, 2)}

    def _income(self, year: int, location_ids: list[str] | None) -> _Income:
        """The sums of income(), once per build for each year and set of locations."""
        key = ("income", int(year), frozenset(location_ids) if location_ids is not None
               else None)
        if key not in self._tables:
            rows = self.figures.funding_rows(year, ALL)  # every row of the year
            if location_ids is not None:
                rows = rows[rows["location_id"].isin(location_ids)]
            grouped = rows.groupby(["source", "status"], sort=False)["amount"].sum()
            amounts = rows["amount"].to_numpy(dtype=float)
            status = rows["status"].tolist()

            def total(wanted) -> float:
                return _sum_at(amounts, [n for n, s in enumerate(status) if s in wanted])

            of_year = self._year_lines(year)
            actual = _summed_at((of_year.budget, of_year.actual),
                                self._positions(year, location_ids))["actual"]
            self._tables[key] = _Income(
                [(*cast(tuple[str, str], pair), float(amount))  # grouped by the two keys
                 for pair, amount in grouped.items()],
                realised=total(COMMITTED), received=total({"received"}),
                committed=total({"committed"}), not_granted=total({"requested", "rejected"}),
                actual=actual)
        return self._tables[key]

    @property
    def glossary(self) -> Glossary:
        return self.builder.glossary

    def line(self, row, language: str) -> dict:
        """A cost line (budget against actual) with its category and item in `language`."""
        item = _line(row)
        item["item"] = self.glossary.item(row["category"], row["item"], language)
        item["category"] = self.glossary.category(row["category"], language)
        return item

    # ---- charts --------------------------------------------------------------------------
    def _chart(self, key: tuple, draw) -> Chart:
        if key not in self._charts:
            self._charts[key] = draw()
        return self._charts[key]

    def participants_chart(self, year: int, location_ids: list[str], language: str) -> Chart:
        """Unique participants per location over the years up to `year` (at most five),
        with the organisation-wide figure beside them."""
        w = words(language)
        years = [y for y in self.figures.reach_years() if y <= year][-5:]
        fmt = _number(language)

        def draw() -> Chart:
            series = []
            for location_id in location_ids:
                values = tuple(self.figures.reach(y, location_id).unique_participants
                               for y in years)
                series.append(Series(self.location_name(location_id, language), values))
            whole = [self.figures.reach(y, ALL) for y in years]
            totals = tuple(r.unique_participants for r in whole)
            # a sum of the locations is never shown as unique people
            summed = any(r.possibly_double_counted for r in whole)
            series.append(Series(w["organisation_summed" if summed else "organisation_unique"],
                                 totals, TOTAL_COLOUR))
            details = "; ".join(
                f"{s.label}: " + ", ".join(f"{fmt(v)} ({y})" for y, v in zip(years, s.values,
                                                                           strict=True)
                                           if v is not None)
                for s in series[:-1])
            total = ", ".join(f"{fmt(v)} ({y})" for y, v in zip(years, totals, strict=True)
                              if v is not None)
            span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(year)
            caption, alt = (("participants_caption_summed", "participants_alt_summed") if summed
                            else ("participants_caption", "participants_alt"))
            return grouped_bars("participants", [str(y) for y in years], series,
                                w[caption].format(years=span),
                                w[alt].format(details=details, total=total),
                                fmt, w["participants_axis"])

        return self._chart(("participants", year, language, tuple(location_ids)), draw)

    def budget_chart(self, year: int, location_ids: list[str] | None, language: str,
                     names: list[str] | None = None) -> Chart:
        """Budget against actual costs per category in `year`."""
        w = words(language)
        money = _amount(language)
        scope = w["scope_of"].format(names=joined(names, language)) if names else ""

        def draw() -> Chart:
            summary = self.figures.cost_summary(year, ["category"], location_ids)
            categories = [self.glossary.category(c, language) for c in summary["category"]]
            budget = tuple(float(v) for v in summary["budget"])
            actual = tuple(num(v) for v in summary["actual"])
            details = "; ".join(w["budget_alt_item"].format(category=c, budget=money(b),
                                                            actual=money(a))
                                for c, b, a in zip(categories, budget, actual, strict=True))
            return paired_bars("budget", categories, Series(w["budget"], budget),
                               Series(w["actual"], actual),
                               w["budget_caption"].format(year=year, scope=scope),
                               w["budget_alt"].format(year=year, scope=scope, details=details),
                               money)

        key = ("budget", year, language, tuple(location_ids) if location_ids else None)
        return self._chart(key, draw)


@dataclass
class _Lines:
    """The cost lines of one year: as records, and their budget, actual and location."""

    records: list[dict]
    budget: np.ndarray
    actual: np.ndarray
    location_ids: list[str]


@dataclass
class _Income:
    """What income() sums: (source, status, amount) per source and status, and totals."""

    sources: list[tuple[str, str, float]]
    realised: float
    received: float
    committed: float
    not_granted: float
    actual: float | None


def _summed_at(money: tuple[np.ndarray, np.ndarray], rows: list[int]) -> dict:
    """Budget and actual totals of the lines at positions `rows` (budget and actual as
    arrays), no actual total when part of the lines has none: the sums pandas makes of
    the same lines, in the same order, without a DataFrame per group."""
    budget, actual = money[0][rows], money[1][rows]
    complete = len(rows) and not np.isnan(actual).any()
    return {"budget": float(budget.sum()), "actual": float(actual.sum()) if complete else None}


def _sum_at(values: np.ndarray, rows: list[int]) -> float:
    """The sum of `values` at positions `rows` as pandas sums a column (Series.sum):
    missing values left out, the same numpy sum of the same numbers in the same order."""
    picked = values[rows]
    return float(np.where(np.isnan(picked), 0.0, picked).sum())


def money_row(row) -> dict:
    budget = num(row["budget"]) or 0.0
    actual = num(row["actual"])
    difference = None if actual is None else round(actual - budget, 2)
    return {"budget": budget, "actual": actual, "difference": difference,
            "share": difference / budget if difference is not None and budget else None}


def _line(row) -> dict:
    money = money_row(row)
    explanation = text(row.get("explanation"))
    return {"category": row["category"], "item": row["item"], **money,
            "deviates": bool(row["deviates"]), "explanation": explanation,
            "needs_explanation": bool(row["deviates"]) and not explanation,
            "budgeted": bool(row["budget"] > 0)}


def outcome_summary(rows: list[dict]) -> list[dict]:
    """Per indicator: at how many locations the target was met, and where it was not."""
    summary: dict[str, dict] = {}
    for row in rows:
        item = summary.setdefault(row["indicator_id"], {
            "indicator_id": row["indicator_id"], "label": row["label"], "unit": row["unit"],
            "with_target": 0, "met": 0, "not_met": []})
        if row["met"] is None:
            continue
        item["with_target"] += 1
        item["met"] += 1 if row["met"] else 0
        if not row["met"]:
            item["not_met"].append(row["location"])
    return [s for s in summary.values() if s["with_target"]]


def _number(language: str):
    return lambda value: number(value, decimals=0, language=language)


def _amount(language: str):
    return lambda value: amount(value, language=language)
