"""Synthetic workspaces that follow ../shared/FACTS.md, at any size, for the benchmark.

A network of neighbourhood rooms over several years: the last year is the one applied for
(budget and requests only); the years before it are finished, with a visits register,
realised costs (actuals) with an explanation for every line that deviates, committed and
received funding, outcomes, volunteers and stories (some without consent), so a build makes
every kind of document: applications (some in English, some for the organisation as a
whole), accountability reports and annual reports. The texts are the example's. Everything
comes from a fixed seed: the same size gives the same files.
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
#: the year applied for; the years before it are finished
APPLIED = 2030


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

COSTS = [("Personeel", "Coördinator (0,4 fte)", 24000), ("Personeel", "Begeleiding", 7500),
         ("Huisvesting", "Huur", 12000), ("Huisvesting", "Energie en water", 3600),
         ("Activiteiten", "Materialen", 4200), ("Activiteiten", "Maaltijden", 6000),
         ("Vrijwilligers", "Vergoedingen", 3000), ("Organisatie", "Administratie", 2000)]
#: costs of the organisation as a whole (location `all`)
ORGANISATION_COSTS = [("Organisatie", "Coördinatie netwerk", 30000),
                      ("Organisatie", "Accountant", 4500)]
INDICATORS = [("bereik", "Deelnemers", "count", "participatie", "yes"),
              ("eenzaamheid", "Minder eenzaam", "percent", "sociaal-isolement;eenzaamheid",
               "yes"),
              ("zelfredzaam", "Zelfredzamer", "percent", "zelfredzaamheid;schulden", "yes"),
              ("gezondheid", "Gezonder", "percent", "gezondheid", "yes"),
              ("leefbaar", "Klachten over overlast", "count", "leefbaarheid;samenleven", "no")]
ACTIVITIES = [("koffie", "Koffie-inloop", "ontmoeting", "dagelijks"),
              ("eten", "Samen eten", "maaltijd", "twee keer per week"),
              ("taal", "Taalcafé", "leren", "wekelijks"),
              ("bewegen", "Bewegen voor ouderen", "gezondheid", "wekelijks")]
QUOTES = ["Hier ken ik mensen; vroeger groette ik niemand in de flat.",
          "Sinds ik hier kook, heb ik weer een reden om de deur uit te gaan.",
          "Mijn maatje hielp me met de brieven van de gemeente.",
          "We don't speak the same language, but we cook the same soup."]
CITIES = ["Utrecht", "Amersfoort", "Nieuwegein", "Zeist"]
THEMES = {"municipality": ["participatie", "zelfredzaamheid"],
          "housing-corporation": ["leefbaarheid", "samenleven"],
          "private-fund": ["sociaal-isolement", "participatie"],
          "health-insurer": ["gezondheid", "eenzaamheid"]}
#: the deviation beyond which a cost line needs an explanation (organisation.yaml default)
THRESHOLD = 0.10


def make(size: Size, target: Path, seed: int = 1) -> Path:
    """Write a workspace of `size` into `target` (replaced when it exists)."""
    rng = np.random.default_rng(seed)
    if target.exists():
        shutil.rmtree(target)
    facts = target / "facts"
    funders_dir = target / "funders"
    facts.mkdir(parents=True)
    funders_dir.mkdir()
    first = APPLIED - size.years + 1
    years = list(range(first, APPLIED + 1))
    past = years[:-1]

    # ---- locations: most open since the first year, one in ten opened a year later
    ids = [f"loc-{i:03d}" for i in range(size.locations)]
    late = np.array([i % 10 == 7 for i in range(size.locations)])
    opened = pd.to_datetime([f"{first + 1}-06-01" if lt else f"{first}-01-01" for lt in late])
    opened_year = dict(zip(ids, opened.year, strict=True))
    pd.DataFrame({
        "location_id": ids, "name": [f"Buurtkamer {i}" for i in range(size.locations)],
        "neighbourhood": [f"Wijk {i % 40}" for i in range(size.locations)],
        "city": [CITIES[i % len(CITIES)] for i in range(size.locations)],
        "opened": opened.strftime("%Y-%m-%d"), "closed": "",
        "address": [f"Dorpsstraat {i + 1}" for i in range(size.locations)],
        "description": [f"Huiskamer van de buurt in wijk {i % 40}."
                        for i in range(size.locations)]}).to_csv(facts / "locations.csv",
                                                                 index=False)
    pd.DataFrame([{"location_id": "all", "activity_id": a, "name": name, "category": category,
                   "frequency": frequency, "description": ""}
                  for a, name, category, frequency in ACTIVITIES]).to_csv(
        facts / "activities.csv", index=False)

    # ---- visits: people belong to a home location, some visit another one too; no visit
    # before a location opened
    people = max(1000, size.visits // 15)
    home = rng.integers(0, size.locations, people)
    who = rng.integers(0, people, size.visits)
    elsewhere = rng.random(size.visits) < 0.08
    where = np.where(elsewhere, rng.integers(0, size.locations, size.visits), home[who])
    year = rng.choice(past, size.visits)
    day = rng.integers(0, 365, size.visits)
    dates = (np.array([f"{y}-01-01" for y in past], dtype="datetime64[D]")[year - first]
             + day.astype("timedelta64[D]"))
    keep = dates >= opened.values.astype("datetime64[D]")[where]
    activity = rng.integers(0, len(ACTIVITIES), size.visits)
    visits = pd.DataFrame({"date": np.datetime_as_string(dates[keep], unit="D"),
                           "location_id": np.array(ids)[where[keep]],
                           "participant_id": np.char.add("z", np.char.zfill(
                               who[keep].astype(str), 7)),
                           "activity_id": np.array([a[0] for a in ACTIVITIES])[activity[keep]]})
    visits.to_csv(facts / "visits.csv", index=False)

    # ---- funders: types in turn; the first of every eight is a housing corporation; a few
    # private funds work in English and only receive requests
    corporations = [f"woningcorporatie-{i}" for i in range(max(1, size.funders // 8))]
    funder_ids = list(corporations)
    kinds = {c: "housing-corporation" for c in corporations}
    english: set[str] = set()
    for i in range(size.funders - len(corporations)):
        kind = [t for t in TYPES if t != "housing-corporation"][i % 3]
        funder_id = {"municipality": f"gemeente-{i:03d}", "private-fund": f"fonds-{i:03d}",
                     "health-insurer": f"zorgverzekeraar-{i:03d}"}[kind]
        funder_ids.append(funder_id)
        kinds[funder_id] = kind
        if kind == "private-fund" and i % 9 == 1:
            english.add(funder_id)
    for i, funder_id in enumerate(funder_ids):
        kind = kinds[funder_id]
        profile: dict = {"id": funder_id, "name": f"Financier {i}", "type": kind,
                         "themes": THEMES[kind]}
        if funder_id in english:
            profile.update(language="en", name=f"Neighbourhood Fund {i}")
        if kind == "private-fund" and i % 2:
            profile["sections"] = {"summary": {"title": "Samenvatting (max. 250 woorden)"
                                               if funder_id not in english else
                                               "Summary (at most 250 words)",
                                               "max_words": 250}}
        if kind != "municipality":
            profile["reporting"] = [{"above": 0, "label": "Inhoudelijk en financieel verslag",
                                     "requires": ["content-report", "financial-report"]}]
        (funders_dir / f"{funder_id}.yaml").write_text(
            yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    granting = [f for f in funder_ids if f not in english]

    profiled = rng.random(people) < 0.6
    count = int(profiled.sum())
    pd.DataFrame({
        "participant_id": [f"z{i:07d}" for i in np.flatnonzero(profiled)],
        "age_band": rng.choice(["<23", "18-60", "60+", ""], count, p=[0.15, 0.5, 0.3, 0.05]),
        "housing_corporation": rng.choice(corporations + [""], count),
        "neighbourhood": np.where(rng.random(count) < 0.8,
                                  np.char.add("Wijk ", (home[profiled] % 40).astype(str)), ""),
    }).to_csv(facts / "participant_profiles.csv", index=False)

    # ---- per location and year, from the year it opened
    grid = pd.DataFrame([(y, loc) for y in years for loc in ids if y >= opened_year[loc]],
                        columns=["year", "location_id"])
    done = grid[grid["year"].isin(past)]
    volunteers = done.assign(volunteers=rng.integers(10, 60, len(done)))
    volunteers["volunteer_hours"] = volunteers["volunteers"] * rng.integers(60, 140, len(done))
    volunteers["perspectiefbanen"] = rng.integers(0, 4, len(done))
    volunteers["paid_fte"] = 0.4
    volunteers.to_csv(facts / "volunteers.csv", index=False)

    organisation_rows = pd.DataFrame({"year": years, "location_id": "all"})
    budget = pd.concat([
        grid.merge(pd.DataFrame(COSTS, columns=["category", "item", "base"]), how="cross"),
        organisation_rows.merge(pd.DataFrame(ORGANISATION_COSTS,
                                             columns=["category", "item", "base"]),
                                how="cross")], ignore_index=True)
    budget["amount"] = (budget["base"] * rng.uniform(0.8, 1.2, len(budget))).round(-1)
    budget = budget.drop(columns="base")
    budget.to_csv(facts / "budget.csv", index=False)
    actuals = budget[budget["year"].isin(past)].copy()
    actuals["amount"] = (actuals["amount"] * rng.uniform(0.85, 1.15, len(actuals))).round(-1)
    actuals.to_csv(facts / "actuals.csv", index=False)
    merged = actuals.merge(budget, on=["year", "location_id", "category", "item"],
                           suffixes=("", "_budget"))
    deviates = ((merged["amount"] - merged["amount_budget"]).abs()
                / merged["amount_budget"]) > THRESHOLD
    explained = merged[deviates]
    pd.DataFrame({"year": explained["year"], "location_id": explained["location_id"],
                  "category": explained["category"], "item": explained["item"],
                  "explanation": np.where(explained["amount"] > explained["amount_budget"],
                                          "Hogere kosten dan begroot door meer deelnemers.",
                                          "Minder uitgegeven: activiteiten gingen niet door.")
                  }).to_csv(facts / "explanations.csv", index=False)

    # ---- funding: per location a main funder; finished years received and committed, the
    # year applied for committed and requested; the organisation asks a fund for its
    # coordination
    totals = budget.groupby(["year", "location_id"], sort=False)["amount"].sum()
    position = {location_id: i for i, location_id in enumerate(ids)}
    funding = []
    for (y, location_id), total in totals.items():
        if location_id == "all":
            funder = granting[y % len(granting)]
            status = "received" if y in past else "requested"
            funding.append((y, "all", funder, round(total * 0.6), status))
            funding.append((y, "all", "donaties", round(total * 0.4),
                            "received" if y in past else "committed"))
            continue
        p = position[location_id]
        main = granting[p % len(granting)]
        second = funder_ids[(p * 7 + 3) % len(funder_ids)]
        if y in past:
            funding.append((y, location_id, main, round(total * 0.55), "received"))
            funding.append((y, location_id, "eigen bijdragen", round(total * 0.2), "received"))
            if second != main and second not in english:
                funding.append((y, location_id, second, round(total * 0.25),
                                "committed" if p % 3 else "received"))
            else:
                funding.append((y, location_id, "gemeentelijke subsidie", round(total * 0.25),
                                "received"))
        else:
            funding.append((y, location_id, "eigen bijdragen", round(total * 0.2), "committed"))
            funding.append((y, location_id, main, round(total * 0.5), "requested"))
            if second != main:
                funding.append((y, location_id, second, round(total * 0.3), "requested"))
            if p % 5 == 0:
                funding.append((y, location_id, "provincie", round(total * 0.1), "rejected"))
    pd.DataFrame(funding, columns=["year", "location_id", "source", "amount", "status"]
                 ).to_csv(facts / "funding.csv", index=False)

    # ---- outcomes, stories
    pd.DataFrame(INDICATORS, columns=["indicator_id", "label", "unit", "themes",
                                      "higher_is_better"]).to_csv(facts / "indicators.csv",
                                                                  index=False)
    outcomes = grid.merge(pd.DataFrame({"indicator_id": [i[0] for i in INDICATORS]}),
                          how="cross")
    outcomes["target"] = np.where(outcomes["indicator_id"] == "bereik", 150, 50)
    outcomes["value"] = np.where(outcomes["year"].isin(past),
                                 rng.integers(30, 70, len(outcomes))
                                 * np.where(outcomes["indicator_id"] == "bereik", 3, 1),
                                 None)
    outcomes["source"] = np.where(outcomes["year"].isin(past), "enquête deelnemers", "")
    outcomes.to_csv(facts / "outcomes.csv", index=False)
    stories = done.sample(frac=0.5, random_state=seed).sort_index()
    pd.DataFrame({
        "story_id": [f"s-{i}" for i in range(len(stories))],
        "location_id": stories["location_id"], "year": stories["year"],
        "quote": [QUOTES[i % len(QUOTES)] for i in range(len(stories))],
        "consent": ["no" if i % 4 == 3 else "yes" for i in range(len(stories))],
        "title": [f"Verhaal {i}" for i in range(len(stories))],
        "person": "bewoner", "themes": "sociaal-isolement;participatie",
    }).to_csv(facts / "stories.csv", index=False)

    shutil.copy(ROOT / "facts" / "organisation.yaml", facts / "organisation.yaml")
    shutil.copytree(ROOT / "texts", target / "texts")
    return target


def example(target: Path) -> Path:
    """A copy of the example workspace (size S)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("facts", "funders", "texts", "templates", "attachments"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    return target


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or ["M"]:
        print(make(SIZES[name], ROOT / "benchmarks" / ".cache" / name))
