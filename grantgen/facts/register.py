"""The visits register encoded as numbers, and the counts of visits that follow from it.

Validating the facts counts visits too (a participants table that disagrees with the
register), so the encoding lives with the facts; the figures look it up.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from grantgen.facts.tables import ALL


@dataclass(frozen=True)
class EncodedVisits:
    """The visits register as numbers: per visit its year, a code for its location and a
    code for its participant (the same pseudonym, the same code). Counting with codes is
    many times faster than with the pseudonyms themselves, which stay in here."""

    year: np.ndarray
    location: np.ndarray
    #: location_id per location code
    location_ids: np.ndarray
    who: np.ndarray
    #: pseudonym per participant code
    participant_ids: pd.Index

    @classmethod
    def of(cls, visits: pd.DataFrame) -> EncodedVisits:
        """The register encoded, once per frame: validating the facts and the figures both
        count with it. A register read the columnar way (grantgen/facts/columnar.py) comes
        with its codes (categoricals), which are used as they are."""
        known = _ENCODED.get(id(visits))
        if known is not None and known[0]() is visits and known[1] == len(visits):
            return known[2]
        encoded = cls._of(visits)
        _ENCODED[id(visits)] = (weakref.ref(visits, _forget(id(visits))), len(visits), encoded)
        return encoded

    @classmethod
    def _of(cls, visits: pd.DataFrame) -> EncodedVisits:
        # a visit without a date, location or pseudonym is an error reported elsewhere
        usable = (visits["date"].notna() & visits["location_id"].notna()
                  & visits["participant_id"].notna()).to_numpy()
        if not usable.all():
            visits = visits[usable]
        location, location_ids = _codes(visits["location_id"])
        who, participant_ids = _codes(visits["participant_id"])
        return cls(visits["date"].dt.year.to_numpy().astype("int64"), location,
                   np.asarray(location_ids, dtype=object), who, pd.Index(participant_ids))

    @cached_property
    def first_year(self) -> int:
        return int(self.year.min()) if len(self.year) else 0

    @cached_property
    def cell(self) -> np.ndarray:
        """Per visit, a number for its (year, location): (year - first) * locations + code."""
        return (self.year - self.first_year) * len(self.location_ids) + self.location

    def cell_key(self, cell: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(year, location code) of cell numbers."""
        locations = len(self.location_ids)
        return cell // locations + self.first_year, cell % locations

    @cached_property
    def attendance(self) -> tuple[np.ndarray, np.ndarray]:
        """(cell, participant code) of every visit, each pair once, sorted by cell and then
        participant: who came where in which year."""
        people = max(1, len(self.participant_ids))
        pairs = sorted_unique(self.cell * people + self.who)
        return pairs // people, pairs % people


#: the encoding of each visits frame, by the frame's id (with a weak reference to it)
_ENCODED: dict[int, tuple[weakref.ref, int, EncodedVisits]] = {}


def _forget(key: int):
    """What removes the encoding of a frame once the frame is gone."""
    return lambda _reference: _ENCODED.pop(key, None)


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(a code per row, the value of each code) of a column without missing values: the
    categorical's own codes, else codes made by factorizing."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return (column.cat.codes.to_numpy().astype(np.int64),
                np.asarray(column.cat.categories, dtype=object))
    codes, uniques = pd.factorize(column.astype(object))
    return codes, np.asarray(uniques, dtype=object)


def run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values of a sorted array starts, as a mask."""
    starts = np.ones(len(values), dtype=bool)
    starts[1:] = values[1:] != values[:-1]
    return starts


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (np.unique, by sorting: many times faster on millions of
    numbers than the hashing np.unique of numpy 2 does)."""
    values = np.sort(values)
    return values[run_starts(values)]


def _first_in_group(group: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(group, smallest value) for each group of the (group, value) pairs."""
    order = np.lexsort((value, group))
    group, value = group[order], value[order]
    first = run_starts(group)
    return group[first], value[first]


def visit_counts(visits: pd.DataFrame, encoded: EncodedVisits | None = None) -> pd.DataFrame:
    """Unique participants, visits and new participants per (year, location_id), with
    organisation-wide rows under location `all` (people counted once across locations).
    Counted with numpy on the codes of EncodedVisits: a register of millions of visits takes
    a second or two."""
    columns = ["unique_participants", "visits", "new_participants"]
    encoded = encoded or (EncodedVisits.of(visits) if len(visits) else None)
    if encoded is None or not len(encoded.year):
        index = pd.MultiIndex.from_arrays([[], []], names=["year", "location_id"])
        return pd.DataFrame(columns=columns, index=index, dtype="int64")
    people = max(1, len(encoded.participant_ids))
    cells = int(encoded.cell.max()) + 1
    cell, who = encoded.attendance
    # a person is new at a location in the first year they came there
    locations = len(encoded.location_ids)
    here, first_cell = _first_in_group(cell % locations * people + who, cell)
    per_cell = pd.DataFrame({
        "unique_participants": np.bincount(cell, minlength=cells),
        "visits": np.bincount(encoded.cell, minlength=cells),
        "new_participants": np.bincount(first_cell, minlength=cells)})
    per_cell = per_cell[per_cell["visits"] > 0]
    years, location = encoded.cell_key(per_cell.index.to_numpy())
    per_cell.index = pd.MultiIndex.from_arrays([years, encoded.location_ids[location]],
                                               names=["year", "location_id"])
    # organisation-wide: each person once per year, new in the first year they came at all
    year = encoded.year - encoded.first_year
    year_who = sorted_unique(year * people + encoded.who)
    span = int(year.max()) + 1
    _who, first_year = _first_in_group(year_who % people, year_who // people)
    org = pd.DataFrame({
        "unique_participants": np.bincount(year_who // people, minlength=span),
        "visits": np.bincount(year, minlength=span),
        "new_participants": np.bincount(first_year, minlength=span)})
    org = org[org["visits"] > 0]
    org.index = pd.MultiIndex.from_arrays([org.index.to_numpy() + encoded.first_year,
                                           [ALL] * len(org)], names=["year", "location_id"])
    return pd.concat([per_cell, org]).sort_index().astype("int64")
