"""The figures that follow from the facts: reach, volunteers, budget, funding and the gap.

All computed once per build with vectorised pandas and then looked up per document.
Location `all` stands for the organisation as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

import numpy as np
import pandas as pd

from grantgen.facts.dataset import Facts
from grantgen.facts.register import EncodedVisits, run_starts, visit_counts
from grantgen.facts.tables import ALL

COMMITTED = ("committed", "received")
#: the columns that identify a cost line in budget, actuals and explanations
LINE_KEY = ["year", "location_id", "category", "item"]


class Register:
    """Who came where in which year, from the visits register, as participant codes: the
    unique participants of any group of locations are counted without going through the
    visits again, and what participant_profiles says of them is looked up by code. The
    pseudonyms never leave this class."""

    def __init__(self, encoded: EncodedVisits, profiles: pd.DataFrame):
        cell, who = encoded.attendance
        # the pairs are sorted by cell, and within a cell by participant
        starts = np.flatnonzero(run_starts(cell))
        years, locations = encoded.cell_key(cell[starts])
        parts = np.split(who, starts[1:]) if len(cell) else []
        self._people: dict[tuple[int, str], np.ndarray] = {
            (int(y), encoded.location_ids[loc]): part for y, loc, part in
            zip(years, locations, parts, strict=True)}
        visits = np.bincount(encoded.cell) if len(cell) else cell
        self._visits = {(int(y), encoded.location_ids[loc]): int(visits[c]) for y, loc, c in
                        zip(years, locations, cell[starts], strict=True)}
        self.years = set(int(y) for y in np.unique(encoded.year))
        self._groups: dict[tuple, np.ndarray] = {}
        # per participant code: the row of participant_profiles (-1: no profile)
        size = len(encoded.participant_ids)
        self._profile_row = np.full(size, -1, dtype=np.int64)
        if len(profiles):
            first = profiles.drop_duplicates("participant_id")
            # pandas-stubs: get_indexer() takes any array-like, not only an Index
            code = encoded.participant_ids.get_indexer(
                first["participant_id"].astype(object))  # type: ignore[arg-type]
            known = code >= 0
            self._profile_row[code[known]] = np.flatnonzero(known)
        else:
            first = profiles
        self._profiles = first.reset_index(drop=True)
        self._columns: dict[str, tuple[np.ndarray, list]] = {}

    def people(self, year: int, location_ids) -> np.ndarray:
        """The codes of everyone who came to any of `location_ids` in `year`, each once."""
        key = (int(year), tuple(location_ids))
        found = self._groups.get(key)
        if found is None:
            parts = [self._people[(int(year), loc)] for loc in location_ids
                     if (int(year), loc) in self._people]
            found = (np.unique(np.concatenate(parts)) if len(parts) > 1 else
                     parts[0] if parts else np.empty(0, dtype=np.int64))
            self._groups[key] = found
        return found

    def people_before(self, year: int, location_ids) -> np.ndarray:
        """The codes of everyone who came to any of `location_ids` before `year`."""
        key = ("before", int(year), tuple(location_ids))
        found = self._groups.get(key)
        if found is None:
            parts = [self.people(y, location_ids) for y in sorted(self.years) if y < year]
            found = (np.unique(np.concatenate(parts)) if parts
                     else np.empty(0, dtype=np.int64))
            self._groups[key] = found
        return found

    def visits(self, year: int, location_ids) -> int:
        return sum(self._visits.get((int(year), loc), 0) for loc in location_ids)

    def counts(self, people: np.ndarray, column: str) -> dict:
        """How many of `people` have each value of the profile's `column` (those without a
        value or without a profile are not counted)."""
        if column not in self._columns:
            values: Iterable[Any]
            codes, values = pd.factorize(self._profiles[column]) if len(self._profiles) \
                else (np.empty(0, dtype=np.int64), [])
            self._columns[column] = (np.asarray(codes), list(values))
        codes, values = self._columns[column]
        rows = self._profile_row[people]
        rows = rows[rows >= 0]
        found = codes[rows]
        found = found[found >= 0]
        totals = np.bincount(found, minlength=len(values))
        return {values[i]: int(n) for i, n in enumerate(totals) if n}


@dataclass
class Reach:
    """Who was reached at one location (or `all`) in one year."""

    year: int
    location_id: str
    unique_participants: int | None
    visits: int | None
    new_participants: int | None
    #: 'visits' (counted from the register) or 'participants' (yearly counts)
    source: str | None
    #: the organisation-wide figure is a sum over locations and may count people twice
    possibly_double_counted: bool = False


class Figures:
    """The computed figures of a workspace."""

    def __init__(self, facts: Facts):
        self.facts = facts
        visits = facts["visits"]
        self._encoded = EncodedVisits.of(visits) if len(visits) else None
        self.reach_table = self._reach_table()
        self.volunteer_table = self._volunteer_table()
        self.budget = facts["budget"]
        self.actuals = facts["actuals"]
        self.funding = facts["funding"]
        self._cost_summaries: dict[tuple, pd.DataFrame] = {}
        # what _scope() found, by (table, year, location): documents and checks ask for the
        # same few scopes again and again, and every answer is a pass over the whole table
        self._scopes: dict[tuple, pd.DataFrame] = {}
        self._money: dict[tuple, float] = {}

    def warm(self) -> None:
        """Compute now what documents look up later, so that processes rendering documents
        share it instead of each computing it (grantgen/workers.py)."""
        _ = self.register, self._reach_rows, self._volunteer_rows
        if len(self.actuals):
            _ = self._comparison_by_year

    @cached_property
    def register(self) -> Register | None:
        """The visits register by participant code; None without a register."""
        if self._encoded is None:
            return None
        return Register(self._encoded, self.facts["participant_profiles"])

    # ---- reach -------------------------------------------------------------------------
    def _reach_table(self) -> pd.DataFrame:
        counted = visit_counts(self.facts["visits"], self._encoded)
        counted["source"] = "visits"
        counted["possibly_double_counted"] = False
        participants = self.facts["participants"]
        rows = []
        covered = set(counted.index.get_level_values("year")) if len(counted) else set()
        # a year the register covers: a location open then without a single visit had 0
        for year in sorted(covered):
            for location_id in active_locations(self.facts, int(year)):
                if (year, location_id) not in counted.index:
                    rows.append({"year": int(year), "location_id": location_id,
                                 "unique_participants": 0, "visits": 0, "new_participants": 0,
                                 "source": "visits", "possibly_double_counted": False})
        if len(participants):
            given = participants[participants["year"].notna()
                                 & ~participants["year"].isin(covered)]
            for year, group in given.groupby("year"):
                year = int(cast(float, year))  # a number: the column's empty cells are left out
                for _i, row in group.iterrows():
                    rows.append({"year": year, "location_id": row["location_id"],
                                 "unique_participants": row["unique_participants"],
                                 "visits": row["visits"],
                                 "new_participants": row["new_participants"],
                                 "source": "participants", "possibly_double_counted": False})
                if not (group["location_id"] == ALL).any():
                    locations = group[group["location_id"] != ALL]
                    rows.append({
                        "year": year, "location_id": ALL,
                        "unique_participants": locations["unique_participants"].sum(),
                        "visits": (locations["visits"].sum()
                                   if locations["visits"].notna().all() else None),
                        "new_participants": None, "source": "participants",
                        "possibly_double_counted": len(locations) > 1})
        if rows:
            extra = pd.DataFrame(rows).set_index(["year", "location_id"])
            return pd.concat([counted.astype(object), extra.astype(object)]).sort_index()
        return counted.astype(object)

    @cached_property
    def _reach_rows(self) -> dict[tuple[int, str], tuple]:
        table = self.reach_table
        return {(int(year), location_id): (
                    _int(row["unique_participants"]), _int(row["visits"]),
                    _int(row["new_participants"]), row["source"],
                    bool(row["possibly_double_counted"]))
                for (year, location_id), row in zip(table.index, table.to_dict("records"),
                                                    strict=True)}

    def reach(self, year: int, location_id: str) -> Reach:
        found = self._reach_rows.get((int(year), location_id))
        if found is not None:
            return Reach(int(year), location_id, *found)
        return Reach(int(year), location_id, None, None, None, None)

    def reach_years(self) -> list[int]:
        if not len(self.reach_table):
            return []
        return sorted({int(y) for y in self.reach_table.index.get_level_values("year")})

    # ---- volunteers ----------------------------------------------------------------------
    def _volunteer_table(self) -> pd.DataFrame:
        volunteers = self.facts["volunteers"]
        columns = ["volunteers", "volunteer_hours", "perspectiefbanen", "paid_fte"]
        if not len(volunteers):
            return pd.DataFrame(columns=columns, index=pd.MultiIndex.from_arrays(
                [[], []], names=["year", "location_id"]))
        frame = volunteers.assign(year=volunteers["year"].astype("int64"))
        table = frame.set_index(["year", "location_id"])[columns].astype(float)
        # organisation-wide: the 'all' row when given (people may help at several places),
        # otherwise the sum over the locations
        sums = frame[frame["location_id"] != ALL].groupby("year")[columns].sum(min_count=1)
        sums.index = pd.MultiIndex.from_arrays([sums.index, [ALL] * len(sums)],
                                               names=["year", "location_id"])
        # pandas-stubs: Index.difference() takes any Index, not only a list or MultiIndex
        missing = sums.index.difference(table.index)  # type: ignore[arg-type]
        return pd.concat([table, sums.loc[missing]]).sort_index()

    @cached_property
    def _volunteer_rows(self) -> dict[tuple[int, str], dict]:
        table = self.volunteer_table
        return {(int(year), location_id): {
                    "volunteers": _int(row["volunteers"]),
                    "volunteer_hours": _num(row["volunteer_hours"]),
                    "perspectiefbanen": _int(row["perspectiefbanen"]),
                    "paid_fte": _num(row["paid_fte"])}
                for (year, location_id), row in zip(table.index, table.to_dict("records"),
                                                    strict=True)}

    def volunteers(self, year: int, location_id: str) -> dict:
        found = self._volunteer_rows.get((int(year), location_id))
        if found is not None:
            return dict(found)
        return {"volunteers": None, "volunteer_hours": None, "perspectiefbanen": None,
                "paid_fte": None}

    # ---- money ---------------------------------------------------------------------------
    def _scope(self, table: str, year: int, location_id: str) -> pd.DataFrame:
        """Rows of one year for one location, or for the whole organisation (`all`), of
        the table `table` ('budget' or 'funding'). Found once per build and then shared:
        callers only read the frame, never change it."""
        key = (table, year, location_id)
        found = self._scopes.get(key)
        if found is None:
            # the year's rows once, then each location's among those
            of_year = self._scopes.get((table, year))
            if of_year is None:
                frame = getattr(self, table)
                of_year = frame[frame["year"] == year]
                self._scopes[(table, year)] = of_year
            found = of_year
            if location_id != ALL:
                found = of_year[of_year["location_id"] == location_id]
            self._scopes[key] = found
        return found

    def budget_lines(self, year: int, location_id: str) -> pd.DataFrame:
        return self._scope("budget", year, location_id)

    def funding_rows(self, year: int, location_id: str) -> pd.DataFrame:
        return self._scope("funding", year, location_id)

    def _summed(self, what: str, year: int, location_id: str) -> float:
        """A total of budget_total, committed or requested, summed once per build."""
        key = (what, year, location_id)
        found = self._money.get(key)
        if found is None:
            if what == "budget":
                found = float(self.budget_lines(year, location_id)["amount"].sum())
            else:
                rows = self.funding_rows(year, location_id)
                wanted = (rows["status"].isin(COMMITTED) if what == "committed"
                          else rows["status"] == "requested")
                found = float(rows.loc[wanted, "amount"].sum())
            self._money[key] = found
        return found

    def budget_total(self, year: int, location_id: str) -> float:
        return self._summed("budget", year, location_id)

    def committed(self, year: int, location_id: str) -> float:
        return self._summed("committed", year, location_id)

    def requested(self, year: int, location_id: str) -> float:
        return self._summed("requested", year, location_id)

    def gap(self, year: int, location_id: str) -> float:
        """Budget minus income that is committed or received; a request is not income yet."""
        return round(self.budget_total(year, location_id) - self.committed(year, location_id), 2)

    def balance(self, year: int, location_id: str, asked: float) -> float:
        """Costs minus committed income minus `asked`: 0 is a sluitende begroting, above 0
        is left uncovered, below 0 is more than the costs."""
        return round(self.gap(year, location_id) - asked, 2)

    def open_after_requests(self, year: int, location_id: str) -> float:
        """What remains open when every request is granted."""
        return self.balance(year, location_id, self.requested(year, location_id))

    # ---- budget against actuals ----------------------------------------------------------
    @cached_property
    def comparison(self) -> pd.DataFrame:
        """Every cost line of every year with actuals, budget against actual.

        Columns: the line key, `budget`, `actual`, `difference` (actual - budget), `share`
        (difference / budget; NaN without a budget), `reported` (the location has actuals
        that year at all), `deviates` (beyond the deviation threshold, or not budgeted),
        `explanation`, and the rows of the three files (`budget_row`, `actual_row`,
        `explanation_row`, as the user sees them, header = row 1) for messages. In the
        order of the budget file, then the lines that only the actuals have.
        """
        budget, actuals = self.budget, self.actuals
        threshold = self.facts.organisation.settings.deviation_threshold
        years = actuals["year"].dropna().unique()
        planned = budget[budget["year"].isin(years)]
        left = planned[LINE_KEY].assign(budget=planned["amount"].astype(float),
                                        budget_row=planned.index + 2)
        right = actuals[LINE_KEY].assign(actual=actuals["amount"].astype(float),
                                         actual_row=actuals.index + 2)
        lines = left.merge(right, on=LINE_KEY, how="left")
        only_actual = right.merge(left[LINE_KEY], on=LINE_KEY, how="left", indicator=True)
        only_actual = only_actual[only_actual["_merge"] == "left_only"].drop(columns="_merge")
        # pandas-stubs: assign() does not take pd.NA as a column's value
        only_actual = only_actual.assign(budget=0.0, budget_row=pd.NA)  # type: ignore[arg-type]
        lines = pd.concat([lines, only_actual], ignore_index=True)
        lines["year"] = lines["year"].astype("int64")
        reported = pd.MultiIndex.from_frame(actuals[["year", "location_id"]].astype(
            {"year": "int64"}))
        lines["reported"] = pd.MultiIndex.from_frame(lines[["year", "location_id"]]).isin(
            reported)
        lines["budget"] = lines["budget"].fillna(0.0)
        lines["actual"] = lines["actual"].where(lines["actual"].notna() | ~lines["reported"],
                                                0.0)
        lines["difference"] = (lines["actual"] - lines["budget"]).round(2)
        lines["share"] = (lines["difference"] / lines["budget"]).where(lines["budget"] > 0)
        lines["deviates"] = lines["reported"] & (
            (lines["share"].abs() > threshold + 1e-9)
            | ((lines["budget"] == 0) & (lines["actual"] > 0)))
        given = self.facts["explanations"]
        notes = pd.DataFrame({"year": given["year"].astype("int64"),
                              "location_id": given["location_id"].astype(object),
                              "category": given["category"].astype(object),
                              "item": given["item"].astype(object),
                              "explanation": given["explanation"].astype(object),
                              "explanation_row": given.index + 2})
        return lines.merge(notes, on=LINE_KEY, how="left")

    @cached_property
    def _comparison_by_year(self) -> dict[int, pd.DataFrame]:
        lines = self.comparison
        return {int(cast(int, year)): group
                for year, group in lines.groupby("year", sort=False)}

    def cost_lines(self, year: int, location_ids: list[str] | None = None) -> pd.DataFrame:
        """The lines of `comparison` in `year` of the given locations (`all`: the lines of
        the organisation as a whole), or every line of the year with None."""
        lines = self._comparison_by_year.get(int(year))
        if lines is None:
            lines = self.comparison.iloc[0:0]
        if location_ids is not None:
            lines = lines[lines["location_id"].isin(location_ids)]
        return lines

    def cost_summary(self, year: int, by: list[str],
                     location_ids: list[str] | None = None) -> pd.DataFrame:
        """Budget, actual, difference and share per group of `by` (e.g. ['category']), in
        the order groups first appear. A group with a line of a location that has no actuals
        that year has no actual total: a sum of part of it would mislead."""
        key = (int(year), tuple(by), tuple(location_ids) if location_ids is not None else None)
        if key not in self._cost_summaries:
            self._cost_summaries[key] = self._cost_summary(year, by, location_ids)
        return self._cost_summaries[key].copy()

    def _cost_summary(self, year: int, by: list[str],
                      location_ids: list[str] | None) -> pd.DataFrame:
        lines = self.cost_lines(year, location_ids)
        grouped = lines.groupby(by, sort=False)[["budget", "actual"]].sum(min_count=1)
        incomplete = lines["actual"].isna().groupby([lines[c] for c in by], sort=False).any()
        grouped["actual"] = grouped["actual"].where(~incomplete.reindex(grouped.index))
        grouped["budget"] = grouped["budget"].fillna(0.0)
        grouped["difference"] = (grouped["actual"] - grouped["budget"]).round(2)
        grouped["share"] = (grouped["difference"] / grouped["budget"]).where(
            grouped["budget"] > 0)
        return grouped.reset_index()

    def reach_over(self, year: int, location_ids: list[str]) -> Reach:
        """Reach over several locations together: with a register each person counts once;
        without one, the sum of the locations (marked as possibly counting people twice).
        Every location open in `year` together is the organisation as a whole: its own
        figure (without a register, the participants table's `all` row)."""
        if len(location_ids) == 1 or ALL in location_ids:
            return self.reach(year, ALL if ALL in location_ids else location_ids[0])
        if set(location_ids) == set(active_locations(self.facts, int(year))):
            whole = self.reach(year, ALL)
            return Reach(int(year), ",".join(location_ids), whole.unique_participants,
                         whole.visits, whole.new_participants, whole.source,
                         whole.possibly_double_counted)
        register = self.register
        if register is not None and int(year) in register.years:
            people = register.people(year, location_ids)
            earlier = register.people_before(year, location_ids)
            new = int((~np.isin(people, earlier, assume_unique=True)).sum())
            return Reach(int(year), ",".join(location_ids), int(len(people)),
                         register.visits(year, location_ids), new, "visits")
        parts = [self.reach(year, loc) for loc in location_ids]
        known = [p for p in parts if p.unique_participants is not None]
        if not known:
            return Reach(int(year), ",".join(location_ids), None, None, None, None)
        visits_known = all(p.visits is not None for p in known)
        return Reach(int(year), ",".join(location_ids),
                     sum(cast(int, p.unique_participants) for p in known),
                     sum(cast(int, p.visits) for p in known) if visits_known else None, None,
                     "participants", possibly_double_counted=len(known) > 1)

    # ---- overview ------------------------------------------------------------------------
    def key_figures(self, year: int) -> list[dict]:
        """The figures of `grantgen facts`: one row per location active in `year`, then `all`."""
        rows = []
        for location_id in active_locations(self.facts, year) + [ALL]:
            reach = self.reach(year, location_id)
            rows.append({
                "location_id": location_id,
                "unique_participants": reach.unique_participants,
                "possibly_double_counted": reach.possibly_double_counted,
                "visits": reach.visits,
                "volunteers": self.volunteers(year, location_id)["volunteers"],
                "budget": self.budget_total(year, location_id),
                "committed": self.committed(year, location_id),
                "requested": self.requested(year, location_id),
                "gap": self.gap(year, location_id),
            })
        return rows


def granted_of(facts: Facts, year: int, funder_id: str | None) -> pd.DataFrame:
    """The funding rows of what `funder_id` committed or paid for `year`."""
    # the year's committed rows once per build, then the funder's among them
    known = facts.derived.setdefault("granted", {})
    if year not in known:
        funding = facts["funding"]
        known[year] = funding[(funding["year"] == year) & funding["status"].isin(COMMITTED)]
    rows = known[year]
    return rows[rows["source"] == funder_id]


def active_locations(facts: Facts, year: int) -> list[str]:
    """Ids of the locations open on any day of `year`, in the order of the locations table."""
    known = facts.derived.setdefault("active_locations", {})
    if year not in known:
        locations = facts.locations
        opened = locations["opened"].dt.year
        closed = locations["closed"].dt.year
        active = (opened <= year) & (closed.isna() | (closed >= year))
        known[year] = list(locations.loc[active.fillna(False), "location_id"])
    return list(known[year])


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
