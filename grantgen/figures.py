"""The figures that follow from the facts: reach, volunteers, budget, funding and the gap.

All computed once per build with vectorised pandas and then looked up per document.
Location `all` stands for the organisation as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .facts import Facts
from .tables import ALL

COMMITTED = ("committed", "received")


def visit_counts(visits: pd.DataFrame) -> pd.DataFrame:
    """Unique participants, visits and new participants per (year, location_id), with
    organisation-wide rows under location `all` (people counted once across locations)."""
    columns = ["unique_participants", "visits", "new_participants"]
    if not len(visits):
        index = pd.MultiIndex.from_arrays([[], []], names=["year", "location_id"])
        return pd.DataFrame(columns=columns, index=index, dtype="int64")
    frame = pd.DataFrame({
        "year": visits["date"].dt.year.astype("int64"),
        "location_id": visits["location_id"].astype(object),
        "participant_id": visits["participant_id"].astype(object),
    })
    per_location = frame.groupby(["year", "location_id"]).agg(
        unique_participants=("participant_id", "nunique"),
        visits=("participant_id", "size"))
    first_here = frame.groupby(["location_id", "participant_id"])["year"].min()
    new_here = first_here.reset_index().groupby(["year", "location_id"]).size()
    per_location["new_participants"] = new_here.reindex(per_location.index, fill_value=0)
    org = frame.groupby("year").agg(unique_participants=("participant_id", "nunique"),
                                    visits=("participant_id", "size"))
    first_anywhere = frame.groupby("participant_id")["year"].min()
    org["new_participants"] = first_anywhere.value_counts().reindex(org.index, fill_value=0)
    org.index = pd.MultiIndex.from_arrays([org.index, [ALL] * len(org)],
                                          names=["year", "location_id"])
    return pd.concat([per_location, org]).sort_index().astype("int64")


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
        self.reach_table = self._reach_table()
        self.volunteer_table = self._volunteer_table()
        self.budget = facts["budget"]
        self.actuals = facts["actuals"]
        self.funding = facts["funding"]

    # ---- reach -------------------------------------------------------------------------
    def _reach_table(self) -> pd.DataFrame:
        counted = visit_counts(self.facts["visits"])
        counted["source"] = "visits"
        counted["possibly_double_counted"] = False
        participants = self.facts["participants"]
        rows = []
        covered = set(counted.index.get_level_values("year")) if len(counted) else set()
        if len(participants):
            given = participants[participants["year"].notna()
                                 & ~participants["year"].isin(covered)]
            for year, group in given.groupby("year"):
                year = int(year)
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

    def reach(self, year: int, location_id: str) -> Reach:
        key = (int(year), location_id)
        if key in self.reach_table.index:
            row = self.reach_table.loc[key]
            return Reach(int(year), location_id, _int(row["unique_participants"]),
                         _int(row["visits"]), _int(row["new_participants"]), row["source"],
                         bool(row["possibly_double_counted"]))
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
        missing = sums.index.difference(table.index)
        return pd.concat([table, sums.loc[missing]]).sort_index()

    def volunteers(self, year: int, location_id: str) -> dict:
        key = (int(year), location_id)
        if key in self.volunteer_table.index:
            row = self.volunteer_table.loc[key]
            return {"volunteers": _int(row["volunteers"]),
                    "volunteer_hours": _num(row["volunteer_hours"]),
                    "perspectiefbanen": _int(row["perspectiefbanen"]),
                    "paid_fte": _num(row["paid_fte"])}
        return {"volunteers": None, "volunteer_hours": None, "perspectiefbanen": None,
                "paid_fte": None}

    # ---- money ---------------------------------------------------------------------------
    @staticmethod
    def _scope(frame: pd.DataFrame, year: int, location_id: str) -> pd.DataFrame:
        """Rows of one year for one location, or for the whole organisation (`all`)."""
        rows = frame[frame["year"] == year]
        if location_id != ALL:
            rows = rows[rows["location_id"] == location_id]
        return rows

    def budget_lines(self, year: int, location_id: str) -> pd.DataFrame:
        return self._scope(self.budget, year, location_id)

    def actual_lines(self, year: int, location_id: str) -> pd.DataFrame:
        return self._scope(self.actuals, year, location_id)

    def funding_rows(self, year: int, location_id: str) -> pd.DataFrame:
        return self._scope(self.funding, year, location_id)

    def budget_total(self, year: int, location_id: str) -> float:
        return float(self.budget_lines(year, location_id)["amount"].sum())

    def committed(self, year: int, location_id: str) -> float:
        rows = self.funding_rows(year, location_id)
        return float(rows.loc[rows["status"].isin(COMMITTED), "amount"].sum())

    def requested(self, year: int, location_id: str) -> float:
        rows = self.funding_rows(year, location_id)
        return float(rows.loc[rows["status"] == "requested", "amount"].sum())

    def gap(self, year: int, location_id: str) -> float:
        """Budget minus income that is committed or received; a request is not income yet."""
        return round(self.budget_total(year, location_id) - self.committed(year, location_id), 2)

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


def active_locations(facts: Facts, year: int) -> list[str]:
    """Ids of the locations open on any day of `year`, in the order of the locations table."""
    locations = facts.locations
    opened = locations["opened"].dt.year
    closed = locations["closed"].dt.year
    active = (opened <= year) & (closed.isna() | (closed >= year))
    return list(locations.loc[active.fillna(False), "location_id"])


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
