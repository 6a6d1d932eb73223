"""Synthetic workspaces that follow ../shared/FACTS.md, at any size, for the benchmark.

The last year of a workspace is the year being applied for (budget and requests only); the
years before it have visits, actuals and committed or received funding.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("municipality", "housing-corporation", "private-fund", "health-insurer")


@dataclass(frozen=True)
class Size:
    name: str
    locations: int
    years: int
    visits: int
    funders: int


SIZES = {
    "S": None,  # the example workspace itself
    "M": Size("M", 50, 5, 500_000, 40),
    "L": Size("L", 200, 10, 5_000_000, 100),
}

COSTS = [("Personeel", "Coördinator", 24000), ("Personeel", "Begeleiding", 7500),
         ("Huisvesting", "Huur", 12000), ("Huisvesting", "Energie", 3600),
         ("Activiteiten", "Materialen", 4200), ("Activiteiten", "Maaltijden", 6000),
         ("Vrijwilligers", "Vergoedingen", 3000), ("Organisatie", "Administratie", 2000)]
INDICATORS = [("bereik", "Deelnemers", "count", "participatie"),
              ("eenzaamheid", "Minder eenzaam", "percent", "sociaal-isolement;eenzaamheid"),
              ("zelfredzaam", "Zelfredzamer", "percent", "zelfredzaamheid"),
              ("gezondheid", "Gezonder", "percent", "gezondheid")]


def make(size: Size, target: Path, seed: int = 1) -> Path:
    """Write a workspace of `size` into `target` (replaced when it exists)."""
    rng = np.random.default_rng(seed)
    if target.exists():
        shutil.rmtree(target)
    facts = target / "facts"
    funders_dir = target / "funders"
    facts.mkdir(parents=True)
    funders_dir.mkdir()
    first = 2030 - size.years
    years = list(range(first, first + size.years))
    past = years[:-1]  # the last year is the one applied for

    ids = [f"loc-{i:03d}" for i in range(size.locations)]
    locations = pd.DataFrame({
        "location_id": ids, "name": [f"Buurtkamer {i}" for i in range(size.locations)],
        "neighbourhood": [f"Wijk {i % 40}" for i in range(size.locations)],
        "city": "Utrecht", "opened": f"{first}-01-01", "closed": "",
        "address": [f"Straat {i}" for i in range(size.locations)], "description": ""})
    locations.to_csv(facts / "locations.csv", index=False)

    acts = ["koffie", "eten", "taal", "bewegen"]
    pd.DataFrame([{"location_id": "all", "activity_id": a, "name": a.capitalize(),
                   "category": "ontmoeting", "frequency": "wekelijks"} for a in acts]
                 ).to_csv(facts / "activities.csv", index=False)

    # visits: people belong to a home location, some visit another one too
    people = max(1000, size.visits // 15)
    home = rng.integers(0, size.locations, people)
    who = rng.integers(0, people, size.visits)
    elsewhere = rng.random(size.visits) < 0.08
    where = np.where(elsewhere, rng.integers(0, size.locations, size.visits), home[who])
    year = rng.choice(past, size.visits)
    day = rng.integers(0, 360, size.visits)
    dates = (pd.to_datetime(pd.Series(year).astype(str) + "-01-01")
             + pd.to_timedelta(day, unit="D")).dt.strftime("%Y-%m-%d")
    visits = pd.DataFrame({"date": dates, "location_id": np.array(ids)[where],
                           "participant_id": pd.Series(who).map("z{:07d}".format),
                           "activity_id": np.array(acts)[rng.integers(0, len(acts),
                                                                      size.visits)]})
    visits.to_csv(facts / "visits.csv", index=False)
    profiled = rng.random(people) < 0.6
    corps = [f"corp-{i}" for i in range(max(1, size.funders // 8))]
    pd.DataFrame({
        "participant_id": [f"z{i:07d}" for i in np.flatnonzero(profiled)],
        "age_band": rng.choice(["<23", "18-60", "60+"], profiled.sum()),
        "housing_corporation": rng.choice(corps + [""], profiled.sum()),
        "neighbourhood": ""}).to_csv(facts / "participant_profiles.csv", index=False)

    grid = pd.MultiIndex.from_product([years, ids], names=["year", "location_id"]).to_frame(
        index=False)
    volunteers = grid[grid["year"].isin(past)].assign(
        volunteers=rng.integers(10, 60, len(grid[grid["year"].isin(past)])),
        volunteer_hours=lambda f: f["volunteers"] * 120, perspectiefbanen=1, paid_fte=0.4)
    volunteers.to_csv(facts / "volunteers.csv", index=False)

    budget = grid.merge(pd.DataFrame(COSTS, columns=["category", "item", "base"]), how="cross")
    budget["amount"] = (budget["base"] * rng.uniform(0.8, 1.2, len(budget))).round(-1)
    budget.drop(columns="base").to_csv(facts / "budget.csv", index=False)
    actuals = budget[budget["year"].isin(past)].copy()
    actuals["amount"] = (actuals["amount"] * rng.uniform(0.9, 1.1, len(actuals))).round(-1)
    actuals.drop(columns="base").to_csv(facts / "actuals.csv", index=False)

    # funders: types in turn; housing corporations are the corps of the profiles
    funder_ids = corps + [f"funder-{i:03d}" for i in range(size.funders - len(corps))]
    for i, funder_id in enumerate(funder_ids):
        kind = "housing-corporation" if funder_id in corps else TYPES[i % len(TYPES)]
        if kind == "housing-corporation" and funder_id not in corps:
            kind = "private-fund"
        profile = {"id": funder_id, "name": f"Financier {i}", "type": kind}
        (funders_dir / f"{funder_id}.yaml").write_text(yaml.safe_dump(profile))
    totals = budget.groupby(["year", "location_id"])["amount"].sum()
    position = {location_id: i for i, location_id in enumerate(ids)}
    funding = []
    for (y, location_id), total in totals.items():
        main = funder_ids[position[location_id] % len(funder_ids)]
        if y in past:
            funding.append((y, location_id, main, round(total * 0.7), "received"))
            funding.append((y, location_id, "eigen bijdragen", round(total * 0.3), "received"))
        else:
            funding.append((y, location_id, "eigen bijdragen", round(total * 0.2), "committed"))
            funding.append((y, location_id, main, round(total * 0.5), "requested"))
            other = funder_ids[(position[location_id] + 7) % len(funder_ids)]
            if other != main:
                funding.append((y, location_id, other, round(total * 0.3), "requested"))
    pd.DataFrame(funding, columns=["year", "location_id", "source", "amount", "status"]
                 ).to_csv(facts / "funding.csv", index=False)

    pd.DataFrame(INDICATORS, columns=["indicator_id", "label", "unit", "themes"]).assign(
        higher_is_better="yes").to_csv(facts / "indicators.csv", index=False)
    outcomes = grid.merge(pd.DataFrame({"indicator_id": [i[0] for i in INDICATORS]}),
                          how="cross")
    outcomes["target"] = 50
    outcomes["value"] = np.where(outcomes["year"].isin(past),
                                 rng.integers(30, 70, len(outcomes)), None)
    outcomes["source"] = ""
    outcomes.to_csv(facts / "outcomes.csv", index=False)
    pd.DataFrame([{"story_id": f"s-{i}", "location_id": ids[i % len(ids)], "year": past[-1],
                   "quote": "Hier ken ik mensen.", "consent": "yes" if i % 3 else "no"}
                  for i in range(min(20, size.locations))]).to_csv(facts / "stories.csv",
                                                                   index=False)
    shutil.copy(ROOT / "facts" / "organisation.yaml", facts / "organisation.yaml")
    shutil.copytree(ROOT / "texts", target / "texts")
    return target


def example(target: Path) -> Path:
    """A copy of the example workspace (size S)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("facts", "funders", "texts", "templates"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    return target
