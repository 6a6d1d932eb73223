"""The parts of the template contexts that several documents share, written once.

Contexts are plain dicts and lists with raw values.

Templates format values with filters (`{{ ask.amount | amount }}`); the names here are the
names a template may use. No participant pseudonym ever enters a context.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

import pandas as pd

from grantgen.core.labels import label
from grantgen.core.privacy import breakdown, is_small, shown
from grantgen.documents.glossary import Glossary, glossary_of
from grantgen.documents.values import capitalised, clean, record, target_met
from grantgen.facts.dataset import Facts
from grantgen.facts.tables import ALL
from grantgen.figures.compute import Figures, active_locations
from grantgen.figures.fundable import Fundable, fundable
from grantgen.figures.plan import DocumentSpec
from grantgen.profiles.funders import Funder
from grantgen.texts.fitting import SectionLibrary, TextLibrary, default_sections
from grantgen.texts.library import Blocks


class Parts:
    """The parts of a context that several kinds of document share, from the facts and
    figures of one build."""

    def __init__(self, facts: Facts, figures: Figures, blocks: Blocks,
                 today: dt.date):
        self.facts = facts
        self.figures = figures
        self.blocks = blocks
        self.today = today
        # what several documents of the build ask for again: the grouping of a frame of
        # budget lines (by the frame, which is kept alive here), a funder's parting of a
        # scope's budget, and a scope's income by source and status
        self._categories: dict[int, tuple[pd.DataFrame, list[tuple]]] = {}
        self._fundable: dict[tuple, Fundable] = {}
        self._sources: dict[tuple, list[tuple]] = {}

    # ---- shared parts --------------------------------------------------------------------
    def organisation(self, language: str) -> dict:
        org = self.facts.organisation.model_dump()
        org["legal_form_label"] = label("legal_form", org["legal_form"], language)
        # every key present, so a template may test `org.contact.email` without failing
        org["contact"] = org.get("contact") or {"name": None, "role": None, "email": None,
                                                "phone": None}
        org.pop("settings", None)
        return org

    @property
    def glossary(self) -> Glossary:
        """The English names of the budget's categories and items (once per build)."""
        return glossary_of(self.facts)

    def funder(self, funder: Funder) -> dict:
        data = funder.model_dump()
        data["type_label"] = label("funder_type", funder.type, funder.language)
        data["salutation"] = funder.contact.salutation or ""
        # the name as it reads inside a sentence ('het Oranje Fonds'), and opening one
        data["name_in_sentence"] = funder.name_in_sentence or funder.name
        data["name_at_start"] = capitalised(data["name_in_sentence"])
        return data

    def location(self, location_id: str, language: str) -> dict:
        if location_id == ALL:
            return {"location_id": ALL, "id": ALL, "is_organisation": True,
                    "name": label("organisation", ALL, language),
                    "name_in_sentence": label("organisation_in_sentence", ALL, language),
                    "neighbourhood": None, "city": self.facts.organisation.city,
                    "opened": None, "closed": None, "address": None, "description": None}
        data = record(self.facts.location(location_id))
        data["id"] = location_id
        data["is_organisation"] = False
        data["name_in_sentence"] = data["name"]
        return data

    def scope(self, location_id: str, year: int) -> list[str]:
        """The locations a document about `location_id` covers in `year`."""
        if location_id == ALL:
            return active_locations(self.facts, year) or list(self.facts.locations["location_id"])
        return [location_id]

    def activities(self, location_id: str) -> list[dict]:
        known = self.facts.derived.setdefault("activities", {})
        if location_id not in known:
            activities = self.facts["activities"]
            rows = activities[activities["location_id"].isin([location_id, ALL])]
            known[location_id] = [record(r) for _i, r in rows.iterrows()]
        return [dict(r) for r in known[location_id]]

    def locations(self, location_ids: list[str], language: str) -> list[dict]:
        result = []
        for location_id in location_ids:
            data = self.location(location_id, language)
            data["activities"] = self.activities(location_id)
            result.append(data)
        return result

    def reach(self, year: int, location_id: str) -> dict:
        reach = self.figures.reach(year, location_id)
        volunteers = self.figures.volunteers(year, location_id)
        return {"year": year, "unique_participants": reach.unique_participants,
                "visits": reach.visits, "new_participants": reach.new_participants,
                "possibly_double_counted": reach.possibly_double_counted, **volunteers}

    def last_year_with_figures(self, before: int) -> int | None:
        years = [y for y in self.figures.reach_years() if y < before]
        return max(years) if years else None

    def reach_table(self, year: int, location_ids: list[str], language: str,
                    span: int = 3) -> dict:
        """Reach per location and organisation-wide over the last `span` years with figures."""
        years = [y for y in self.figures.reach_years() if y < year][-span:]
        rows: list[dict[str, Any]] = []
        for location_id in location_ids:
            name = self.location(location_id, language)["name"]
            for i, y in enumerate(years):
                figures = self.reach(y, location_id)
                if figures["unique_participants"] is None and figures["volunteers"] is None:
                    continue
                rows.append({"location": name if i == 0 or not rows or
                             rows[-1]["location_id"] != location_id else "",
                             "location_id": location_id, **figures})
        total = [self.reach(y, ALL) for y in years]
        return {"years": years, "rows": rows, "total": total,
                "double_counted": any(r["possibly_double_counted"] for r in total)}

    def outcomes(self, year: int, location_ids: list[str], themes: list[str],
                 language: str) -> dict:
        """Outcome indicators of the scope: last measured year against its target, and the
        target of `year`; indicators in the funder's themes first (only those when any)."""
        table = self._outcome_table
        wanted = set(location_ids) | {ALL}
        measured_years = [y for loc in wanted for y in table.measured.get(loc, ())
                          if y < year]
        last = max(measured_years) if measured_years else None
        result = []
        for (indicator_id, location_id), by_year in table.groups.items():
            if location_id not in wanted or indicator_id not in table.indicators:
                continue
            ind = table.indicators[indicator_id]
            past = by_year.get(last) if last else None
            coming = by_year.get(year)
            item_themes = list(ind["themes"] or ())
            result.append({
                "indicator_id": indicator_id, "label": ind["label"], "unit": ind["unit"],
                "location_id": location_id,
                "location": self.location(location_id, language)["name"],
                "themes": item_themes,
                "in_themes": bool(set(item_themes) & set(themes)),
                "year": last,
                "value": past[0] if past else None,
                "target": past[1] if past else None,
                "next_target": coming[1] if coming else None,
                "higher_is_better": ind["higher_is_better"] is not False,
            })
        for item in result:
            item["met"] = target_met(item["value"], item["target"], item["higher_is_better"])
        focus = [r for r in result if r["in_themes"]]
        chosen = focus or result
        chosen.sort(key=lambda r: (min((themes.index(t) for t in r["themes"] if t in themes),
                                       default=len(themes)), r["location_id"] != ALL))
        return {"year": last, "next_year": year, "rows": chosen}

    @cached_property
    def _outcome_table(self) -> _Outcomes:
        """The outcomes table as outcomes() looks it up, read once per build."""
        outcomes = self.facts["outcomes"]
        indicators = self.facts["indicators"].set_index("indicator_id")
        table = _Outcomes({i: indicators.loc[i] for i in indicators.index.unique()
                           if not pd.isna(i)}, {}, {})
        for indicator_id, location_id, year, value, target in zip(
                outcomes["indicator_id"], outcomes["location_id"], outcomes["year"],
                outcomes["value"], outcomes["target"], strict=True):
            if pd.isna(year):
                continue  # matches no year
            year = int(year)
            if not pd.isna(value):
                table.measured.setdefault(location_id, set()).add(year)
            if pd.isna(indicator_id) or pd.isna(location_id):
                continue  # in no group, as with groupby
            # per year the first row's value and target, as a group's first match
            table.groups.setdefault((indicator_id, location_id), {}).setdefault(
                year, (clean(value), clean(target)))
        return table

    def budget(self, year: int, location_id: str, language: str = "nl") -> dict:
        lines = self.figures.budget_lines(year, location_id)
        return {"year": year, "categories": self.budget_categories(lines, language),
                "total": float(lines["amount"].sum()), "has_lines": bool(len(lines))}

    def budget_categories(self, lines, language: str) -> list[dict]:
        """Budget lines by category, in the document's language; the same item of several
        locations (an application for the organisation as a whole) as one line."""
        words = self.glossary
        return [{"name": words.category(category, language),
                 "lines": [{"item": words.item(category, item, language), "amount": amount}
                           for item, amount in items],
                 "subtotal": subtotal}
                for category, items, subtotal in self._grouped_lines(lines)]

    def _grouped_lines(self, lines: pd.DataFrame) -> list[tuple]:
        """(category, [(item, amount)], subtotal) of budget_categories, summed once per
        frame: the frames of Figures.budget_lines and _parted are the same ones each time."""
        if not len(lines):
            return []
        known = self._categories.get(id(lines))
        if known is not None and known[0] is lines:
            return known[1]
        grouped = []
        for category, group in lines.groupby("category", sort=False):
            items = group.groupby("item", sort=False)["amount"].sum()
            grouped.append((str(category),
                            [(str(item), float(amount)) for item, amount in items.items()],
                            float(group["amount"].sum())))
        self._categories[id(lines)] = (lines, grouped)
        return grouped

    def _parted(self, year: int, location_id: str, funder: Funder) -> Fundable:
        """The scope's budget lines parted by the funder's excluded costs, once per build."""
        key = (year, location_id, tuple(funder.rules.excluded_costs))
        if key not in self._fundable:
            self._fundable[key] = fundable(self.figures.budget_lines(year, location_id),
                                           funder.rules.excluded_costs)
        return self._fundable[key]

    def pays_for(self, year: int, location_id: str, funder: Funder, asked: float,
                 language: str) -> dict:
        """What this funder's contribution is for: the budget lines it does not exclude
        (rules.excluded_costs), which must add up to at least the amount asked, and the
        lines it excludes, which other income covers."""
        parted = self._parted(year, location_id, funder)
        return {"categories": self.budget_categories(parted.lines, language),
                "total": parted.total,
                "excluded": self.budget_categories(parted.excluded, language),
                "excluded_total": parted.excluded_total,
                "has_exclusions": bool(len(parted.excluded)),
                "covers": parted.covers(asked)}

    def funding(self, year: int, location_id: str, language: str,
                this_funder: str | None = None) -> dict:
        """The dekkingsplan: every income source with its status, and what remains open."""
        order = {"received": 0, "committed": 1, "requested": 2, "rejected": 3}
        sources = []
        for source, status, amount in self._income(year, location_id):
            funder = self.facts.funders.get(source)
            sources.append({
                "source": source,
                "name": funder.name if funder else
                capitalised(self.glossary.source(source, language)),
                "status": status,
                "status_label": label("status", status, language),
                "amount": amount,
                "is_this_request": source == this_funder and status == "requested",
            })
        sources.sort(key=lambda s: (order[s["status"]], -s["amount"]))
        figures = self.figures
        gap = figures.gap(year, location_id)
        requested = figures.requested(year, location_id)
        # more is asked than the gap: several funders are asked at once
        over = round(requested - max(gap, 0.0), 2)
        return {"sources": sources, "committed": figures.committed(year, location_id),
                "requested": requested,
                "budget": figures.budget_total(year, location_id),
                "gap": gap,
                "open_after_requests": figures.open_after_requests(year, location_id),
                "oversubscribed": over >= 0.01 and requested > 0,
                "requested_over_gap": max(over, 0.0),
                "other_requests": [s for s in sources
                                   if s["status"] == "requested" and not s["is_this_request"]]}

    def _income(self, year: int, location_id: str) -> list[tuple]:
        """(source, status, amount) of the scope's funding rows, summed once per build."""
        key = (year, location_id)
        if key not in self._sources:
            rows = self.figures.funding_rows(year, location_id)
            grouped = rows.groupby(["source", "status"], sort=False)["amount"].sum()
            self._sources[key] = [(*cast(tuple[str, str], pair), float(amount))  # two keys
                                  for pair, amount in grouped.items()]
        return self._sources[key]

    def _seen(self, year: int, location_ids: list[str]):
        """Everyone who came to `location_ids` in `year`, as codes of the register (never
        shown)."""
        register = self.figures.register
        assert register is not None  # asked for only when the visits table has rows
        return register.people(year, location_ids)

    @property
    def _threshold(self) -> int:
        return self.facts.organisation.settings.privacy_threshold

    def age_bands(self, year: int, location_ids: list[str], language: str) -> list[dict]:
        """Unique participants per age band, from the register and participant_profiles;
        whoever has no age band on record counts as unknown, so the bands add up to the
        unique participants. Bands below the privacy threshold show as '< 5'."""
        visits, profiles = self.facts["visits"], self.facts["participant_profiles"]
        if not len(visits) or not len(profiles):
            return []
        seen = self._seen(year, location_ids)
        register = self.figures.register
        assert register is not None  # the visits table has rows (above)
        counts = register.counts(seen, "age_band")
        counts["?"] = len(seen) - sum(counts.values())
        groups = []
        for band in ("<23", "18-60", "60+", "?"):
            count = int(counts.get(band, 0))
            if band == "?" and not count:
                continue
            name = (label("age_band", band, language) if band != "?" else
                    ("onbekend" if language == "nl" else "unknown"))
            groups.append((band, name, count))
        rows = breakdown(groups, self._threshold)
        for row in rows:
            row["band"] = row["key"]
        return rows

    def neighbourhoods(self, year: int, location_ids: list[str], language: str) -> list[dict]:
        """Unique participants per neighbourhood they live in (participant_profiles), the
        largest first, then unknown; neighbourhoods below the privacy threshold show as
        '< 5', in alphabetical order (their order must not tell which is larger)."""
        visits, profiles = self.facts["visits"], self.facts["participant_profiles"]
        if not len(visits) or not len(profiles) or profiles["neighbourhood"].isna().all():
            return []
        seen = self._seen(year, location_ids)
        register = self.figures.register
        assert register is not None  # the visits table has rows (above)
        counts = register.counts(seen, "neighbourhood")
        groups = sorted(((str(n), str(n), int(c)) for n, c in counts.items()),
                        key=lambda g: (is_small(g[2], self._threshold),
                                       0 if is_small(g[2], self._threshold) else -g[2], g[1]))
        unknown = len(seen) - sum(counts.values())
        if unknown:
            groups.append(("?", "onbekend" if language == "nl" else "unknown", unknown))
        return breakdown(groups, self._threshold)

    def tenants(self, year: int, location_ids: list[str], corporation: str) -> dict:
        """Unique participants of `year` who rent from `corporation` (their profile says so);
        fewer than the privacy threshold show as '< 5', without a share."""
        visits, profiles = self.facts["visits"], self.facts["participant_profiles"]
        if not len(visits) or not len(profiles):
            return no_tenants(year)
        seen = self._seen(year, location_ids)
        register = self.figures.register
        assert register is not None  # the visits table has rows (above)
        count = register.counts(seen, "housing_corporation").get(corporation, 0)
        small = is_small(count, self._threshold)
        return {"known": True, "count": shown(count, self._threshold), "year": year,
                "shown": shown(count, self._threshold), "small": small,
                "share": (count / len(seen)) if len(seen) and not small else None}

    # ---- every document --------------------------------------------------------------------
    def base(self, spec: DocumentSpec) -> dict:
        language = spec.language
        context: dict[str, Any] = {
            "org": self.organisation(language),
            "year": spec.year,
            "language": language,
            "document": {"kind": spec.kind, "year": spec.year, "date": self.today,
                         "path": spec.path, "status": "draft", "version": 1},
            # groups smaller than this show as '< 5' in breakdowns (grantgen/privacy.py)
            "privacy": {"threshold": self._threshold},
        }
        # texts fill their placeholders from this same context, once it is complete
        context["texts"] = TextLibrary(self.blocks, language, context)
        context["sections"] = SectionLibrary(context["texts"], default_sections())
        return context


@dataclass
class _Outcomes:
    """The outcomes table of a build as outcomes() looks it up."""

    #: the row of the indicators table of each indicator id
    indicators: dict[str, Any]
    #: per (indicator, location), in the order of the table: per year, the value and
    #: target of its first row of that year
    groups: dict[tuple[str, str], dict[int, tuple[Any, Any]]]
    #: per location, the years with a measured value
    measured: dict[str, set[int]]


def no_tenants(year: int | None) -> dict:
    """The tenants part when it cannot be counted (no visits register or no participant
    profiles, or a funder that is no housing corporation): every key present, none known."""
    return {"known": False, "count": None, "shown": None, "share": None, "small": False,
            "year": year}
