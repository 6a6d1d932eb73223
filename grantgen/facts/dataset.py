"""The shared facts dataset: every table typed and validated, with the organisation and funders."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from grantgen.facts import tables as t
from grantgen.facts.convert import empty_column
from grantgen.profiles.funders import Funder
from grantgen.profiles.organisation import Organisation

#: tables a workspace must have (participants only when there is no visits register)
REQUIRED_TABLES = {"locations"}


@dataclass
class Facts:
    """Everything the documents are made from; every table present, empty when not given."""

    organisation: Organisation
    funders: dict[str, Funder]
    tables: dict[str, pd.DataFrame]
    #: table name -> how messages name its file
    files: dict[str, str] = field(default_factory=dict)
    #: tables the workspace actually has (the others are empty stand-ins)
    present: set[str] = field(default_factory=set)
    #: ids of funder profiles that exist but did not load (their problems are reported)
    failed_funders: set[str] = field(default_factory=set)
    #: values derived from the tables, computed once when first asked for (figures.py)
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def has(self, name: str) -> bool:
        return name in self.present and len(self.tables[name]) > 0

    @property
    def locations(self) -> pd.DataFrame:
        return self.tables["locations"]

    def location(self, location_id: str) -> dict:
        row = self._location_rows.get(location_id)
        return dict(row) if row is not None else {}

    @cached_property
    def _location_rows(self) -> dict[str, dict]:
        """Each location's row (the first, should an id appear twice), looked up by id."""
        rows: dict[str, dict] = {}
        locations = self.locations
        for index, location_id in enumerate(locations["location_id"]):
            if location_id not in rows:
                rows[location_id] = locations.iloc[index].to_dict()
        return rows

    def years(self, table: str) -> list[int]:
        frame = self.tables[table]
        if "year" in frame:
            return sorted(int(y) for y in frame["year"].dropna().unique())
        if table == "visits" and len(frame):
            return sorted(int(y) for y in frame["date"].dt.year.dropna().unique())
        return []


def empty_frame(table: t.Table) -> pd.DataFrame:
    index = pd.RangeIndex(0)
    return pd.DataFrame({c.name: empty_column(c.kind, index) for c in table.columns})
