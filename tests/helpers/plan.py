"""The documents a workspace's funding plan calls for by the rules of FACTS.md, read from its
CSV files with plain pandas, apart from grantgen.figures.plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

COMMITTED = ["committed", "received"]


def funder_profiles(root: Path) -> dict[str, dict]:
    """funder_id -> profile, for every funders/<funder_id>.yaml of the workspace."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((root / "funders").glob("*.yaml"))}


@dataclass(frozen=True)
class Plan:
    #: (year, funder_id, location_id) of every requested grant of a funder with a profile
    applications: list[tuple[int, str, str]]
    #: (year, funder_id) of every funder with committed or received funding in a finished year
    reports: list[tuple[int, str]]
    #: the finished years: those with actuals
    annual_reports: list[int]
    #: the applications to a funder whose profile has a `form:`: each has its online form and
    #: budget workbook beside it (#15)
    forms: list[tuple[int, str, str]]

    def keys(self) -> list[tuple[str, int, str | None, str | None]]:
        """(kind, year, funder_id, location_id) of every document, as the manifest has them."""
        return sorted([("application", y, f, loc) for y, f, loc in self.applications]
                      + [(kind, y, f, loc) for y, f, loc in self.forms
                         for kind in ("form", "budget-workbook")]
                      + [("report", y, f, None) for y, f in self.reports]
                      + [("annual-report", y, None, None) for y in self.annual_reports],
                      key=str)


def expected_plan(root: Path) -> Plan:
    facts = root / "facts"
    funding = pd.read_csv(facts / "funding.csv")
    funding = funding[funding["source"].isin(funder_profiles(root))]
    actuals = facts / "actuals.csv"
    finished = sorted(int(y) for y in pd.read_csv(actuals)["year"].unique()) \
        if actuals.is_file() else []
    requested = funding[funding["status"] == "requested"]
    granted = funding[funding["status"].isin(COMMITTED) & funding["year"].isin(finished)]
    applications = sorted((int(r.year), r.source, r.location_id)
                          for r in requested.itertuples())
    profiles = funder_profiles(root)
    return Plan(
        applications=applications,
        reports=sorted({(int(r.year), r.source) for r in granted.itertuples()}),
        annual_reports=finished,
        forms=[a for a in applications if profiles[a[1]].get("form")])
