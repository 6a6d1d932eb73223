"""Whole workspaces of every shape ../shared/FACTS.md allows, generated from a seed, with the
rows they hold kept in memory: a test builds the workspace and checks every figure of every
document against plain-Python counts of these rows (tests/test_shapes.py).

A shape says which optional tables are left out, whether the reach comes from a visits
register or from the participants table (with or without its `all` rows), one location or
several (one opening and one closing in the middle of a year, one open all year without a
single visit), whether something is asked or granted for the organisation as a whole, and
whether the facts are CSV files or one workbook. Every funder has only the keys FACTS.md
requires (an English fund its language too); the texts, when there are any, are Dutch only.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from workspace_factory import ORGANISATION, write_csv

#: the years with figures; the last one is finished (it has actuals)
HISTORY = (2017, 2018)
FINISHED = 2018
#: the year the applications are for
GRANT_YEAR = 2019
#: the tables FACTS.md makes optional (visits: a shape's `register` says)
OPTIONAL = ("participant_profiles", "stories", "outcomes", "volunteers", "actuals")
REGISTERS = ("visits", "participants", "participants-without-all")

#: id, name, neighbourhood, opened, closed
MANY_LOCATIONS = (
    ("linde", "De Linde", "Schothorst", "2015-01-01", None),
    ("eik", "De Eik", "Liendert", "2018-03-15", None),            # opens in March 2018
    ("berk", "De Berk", "Kruiskamp", "2016-01-01", "2018-06-30"),  # closes in June 2018
    ("es", "Het Es", "Vathorst", "2016-01-01", None),             # no visit at all in 2018
)
QUIET = ("es", FINISHED)
ONE_LOCATION = MANY_LOCATIONS[:1]

FUNDERS = {
    "gemeente": {"id": "gemeente", "name": "Gemeente Amersfoort", "type": "municipality"},
    "corporatie": {"id": "corporatie", "name": "Woonstichting Thuis",
                   "type": "housing-corporation"},
    "fonds": {"id": "fonds", "name": "Buurtfonds", "type": "private-fund"},
    "zorg": {"id": "zorg", "name": "Zorgverzekeraar Gezond", "type": "health-insurer"},
}
ENGLISH_FUNDER = {"id": "open-fund", "name": "Open Doors Fund", "type": "private-fund",
                  "language": "en"}

#: category, item, base amount of a location's budget line
BUDGET_LINES = (("Huisvesting", "Huur", 12700), ("Huisvesting", "Energie", 3100),
                ("Activiteiten", "Materialen", 2400), ("Personeel", "Coördinatie", 18250))
ORGANISATION_LINES = (("Organisatie", "Administratie", 2100),)

TEXTS = {
    "samenvatting.md": "In {{ reach_org.year }} bereikten wij "
                       "{{ reach_org.unique_participants | number }} deelnemers.\n",
    "organisatie.md": "{{ org.name }} is een stichting in {{ org.city }}.\n",
}


@dataclass(frozen=True)
class Shape:
    name: str
    #: 4 locations (see MANY_LOCATIONS) or 1
    locations: int = 4
    #: where the reach comes from: "visits", "participants" or "participants-without-all"
    register: str = "visits"
    #: optional tables left out ("outcomes" leaves out the indicators too)
    without: tuple[str, ...] = ()
    #: a request (grant year) and a grant (finished year) for the organisation as a whole
    whole_organisation: bool = True
    #: an English fund, which gets no English texts
    english: bool = True
    #: Dutch texts in texts/ (none: the folder is missing)
    texts: bool = True
    #: the volunteers table has `all` rows
    volunteers_all: bool = False
    #: the facts in one workbook, facts/facts.xlsx, instead of CSV files
    workbook: bool = False
    seed: int = 0

    def has(self, table: str) -> bool:
        return table not in self.without


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass
class Workspace:
    """A generated workspace: its shape, where it is and the rows of every table it holds
    (as written: strings), with the locations' periods as dates."""

    shape: Shape
    root: Path
    tables: dict[str, list[dict]] = field(default_factory=dict)
    funders: dict[str, dict] = field(default_factory=dict)

    @property
    def locations(self) -> list[dict]:
        return self.tables["locations"]

    def location_name(self, location_id: str) -> str:
        return next(r["name"] for r in self.locations if r["location_id"] == location_id)

    def active(self, year: int) -> list[str]:
        """The locations open on any day of `year`, in the order of the table."""
        return [r["location_id"] for r in self.locations
                if _date(r["opened"]).year <= year
                and (not r["closed"] or _date(r["closed"]).year >= year)]

    def period(self, location_id: str, year: int) -> tuple[dt.date, dt.date]:
        """The days of `year` the location was open."""
        row = next(r for r in self.locations if r["location_id"] == location_id)
        start = max(dt.date(year, 1, 1), _date(row["opened"]))
        end = min(dt.date(year, 12, 31), _date(row["closed"])) if row["closed"] \
            else dt.date(year, 12, 31)
        return start, end


def _visits(rng: random.Random, ws: Workspace) -> list[dict]:
    """The register: per location and year a group of participants, drawn from one pool so
    that people visit more than one location (one of them every location), each coming one
    to four times."""
    pool = [f"p-{n:04d}" for n in range(1, 1401)]
    rows = []
    for year in HISTORY:
        for n, location_id in enumerate(ws.active(year)):
            if (location_id, year) == QUIET:
                continue
            # the first location is big in the finished year: a count above a thousand
            size = rng.randint(1001, 1080) if n == 0 and year == FINISHED else rng.randint(6, 40)
            start, end = ws.period(location_id, year)
            # the first of the pool comes everywhere: the locations' sum counts them twice
            people = pool[:1] + rng.sample(pool[1:], size - 1)
            for person in people:
                for _visit in range(rng.randint(1, 4)):
                    day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
                    activity = "koffie" if rng.random() < 0.7 else f"eten-{location_id}"
                    rows.append({"date": day.isoformat(), "location_id": location_id,
                                 "participant_id": person, "activity_id": activity})
    rows.sort(key=lambda r: (r["date"], r["location_id"], r["participant_id"]))
    return rows


def yearly_counts(ws: Workspace, visits: list[dict], with_all: bool) -> list[dict]:
    """The participants table the register gives: unique participants and visits per
    location and year (0 for a location open that year without a visit), and, `with_all`,
    the organisation-wide unique participants, each person once."""
    rows = []
    for year in HISTORY:
        seen_all: set[str] = set()
        total = 0
        for location_id in ws.active(year):
            mine = [v for v in visits
                    if v["location_id"] == location_id and v["date"].startswith(str(year))]
            people = {v["participant_id"] for v in mine}
            seen_all |= people
            total += len(mine)
            rows.append({"year": str(year), "location_id": location_id,
                         "unique_participants": str(len(people)), "visits": str(len(mine))})
        if with_all:
            rows.append({"year": str(year), "location_id": "all",
                         "unique_participants": str(len(seen_all)), "visits": str(total)})
    return rows


def _money(rng: random.Random, ws: Workspace) -> dict[str, list[dict]]:
    """Budget, actuals and funding: every open location has a budget in the finished and
    the grant year, the organisation a line of its own; the finished year was funded by the
    municipality and the housing corporation per location and by the fund for the
    organisation as a whole; the grant year asks every funder type something."""
    budget, actuals, funding = [], [], []
    for year in (FINISHED, GRANT_YEAR):
        scopes = ws.active(year) + ["all"]
        for location_id in scopes:
            lines = ORGANISATION_LINES if location_id == "all" else BUDGET_LINES
            for category, item, base in lines:
                amount = base + 50 * rng.randint(-20, 20)
                budget.append({"year": str(year), "location_id": location_id,
                               "category": category, "item": item, "amount": str(amount)})
                if year == FINISHED:
                    spent = round(amount * rng.uniform(0.85, 1.2), 2)
                    actuals.append({"year": str(year), "location_id": location_id,
                                    "category": category, "item": item, "amount": f"{spent}"})

    def add(year: int, location_id: str, source: str, amount: int, status: str) -> None:
        funding.append({"year": str(year), "location_id": location_id, "source": source,
                        "amount": str(amount), "status": status})

    places = ws.active(FINISHED)
    for n, location_id in enumerate(places):
        add(FINISHED, location_id, "gemeente", 10000 + 500 * rng.randint(0, 10), "received")
        add(FINISHED, location_id, "eigen bijdragen", 800 + 25 * rng.randint(0, 20), "received")
        if n % 2 == 0:
            add(FINISHED, location_id, "corporatie", 3000 + 250 * rng.randint(0, 8), "committed")
    if ws.shape.whole_organisation:
        add(FINISHED, "all", "fonds", 6000 + 500 * rng.randint(0, 6), "received")
    else:
        add(FINISHED, places[0], "fonds", 6000 + 500 * rng.randint(0, 6), "received")
    add(FINISHED, places[-1], "zorg", 2500, "rejected")
    coming = ws.active(GRANT_YEAR)
    types = ["gemeente", "corporatie", "fonds", "zorg"]
    for n, location_id in enumerate(coming):
        add(GRANT_YEAR, location_id, "eigen bijdragen", 900 + 25 * rng.randint(0, 20),
            "committed")
        # the first location asks every funder type; the others one funder each
        for source in types if n == 0 else [types[n % len(types)]]:
            add(GRANT_YEAR, location_id, source, 1000 * rng.randint(2, 15), "requested")
    if ws.shape.whole_organisation:
        # the housing corporation counts its tenants among everyone
        add(GRANT_YEAR, "all", "corporatie", 1000 * rng.randint(2, 9), "requested")
    if ws.shape.english:
        add(GRANT_YEAR, "all" if ws.shape.whole_organisation else coming[0], "open-fund",
            1000 * rng.randint(3, 12), "requested")
    elif ws.shape.whole_organisation:
        add(GRANT_YEAR, "all", "zorg", 1000 * rng.randint(2, 9), "requested")
    add(GRANT_YEAR, coming[-1], "donaties", 1250, "committed")
    return {"budget": budget, "actuals": actuals, "funding": funding}


def _people(rng: random.Random, ws: Workspace, visits: list[dict]) -> dict[str, list[dict]]:
    """participant_profiles of most of the people in the register, volunteers, activities,
    indicators with outcomes, and stories (one of them without consent)."""
    profiles = []
    for person in sorted({v["participant_id"] for v in visits}):
        if rng.random() < 0.1:
            continue  # not everyone has a profile
        profiles.append({
            "participant_id": person,
            "age_band": rng.choice(["<23", "18-60", "60+", ""]),
            "housing_corporation": "corporatie" if rng.random() < 0.4 else "",
            "neighbourhood": rng.choice(["Schothorst", "Liendert", "Vathorst", ""])})
    volunteers = []
    for year in HISTORY:
        places = ws.active(year)
        for location_id in places:
            volunteers.append({"year": str(year), "location_id": location_id,
                               "volunteers": str(rng.randint(3, 30)),
                               "volunteer_hours": str(40 * rng.randint(5, 40))})
        if ws.shape.volunteers_all:
            volunteers.append({"year": str(year), "location_id": "all",
                               "volunteers": str(rng.randint(3, 20) * len(places)),
                               "volunteer_hours": str(40 * rng.randint(5, 40) * len(places))})
    activities = [{"location_id": "all", "activity_id": "koffie", "name": "Koffie-inloop",
                   "category": "ontmoeting", "frequency": "dagelijks"}]
    activities += [{"location_id": r["location_id"], "activity_id": f"eten-{r['location_id']}",
                    "name": f"Samen eten in {r['name']}", "category": "maaltijd",
                    "frequency": "wekelijks"} for r in ws.locations]
    indicators = [{"indicator_id": "eenzaamheid", "label": "Minder eenzaam", "unit": "percent",
                   "themes": "sociaal-isolement", "higher_is_better": "yes"},
                  {"indicator_id": "uren", "label": "Uren vrijwilligerswerk", "unit": "hours",
                   "themes": "participatie", "higher_is_better": "yes"}]
    outcomes = []
    for location_id in ws.active(FINISHED):
        outcomes.append({"year": str(FINISHED), "location_id": location_id,
                         "indicator_id": "eenzaamheid", "value": str(rng.randint(40, 80)),
                         "target": "60", "source": "enquête"})
    for location_id in ws.active(GRANT_YEAR):
        outcomes.append({"year": str(GRANT_YEAR), "location_id": location_id,
                         "indicator_id": "uren", "value": "", "target": "500", "source": ""})
    stories = [{"story_id": f"s-{r}", "location_id": r, "year": str(FINISHED),
                "quote": f"In {ws.location_name(r)} ken ik nu mijn buren.", "consent": "yes",
                "title": "Buren", "person": "bewoner"} for r in ws.active(FINISHED)[:2]]
    stories.append({"story_id": "s-geheim", "location_id": ws.active(FINISHED)[0],
                    "year": str(FINISHED), "quote": "Dit mag niemand ooit lezen.",
                    "consent": "no", "title": "Geheim", "person": "bezoeker"})
    return {"participant_profiles": profiles, "volunteers": volunteers,
            "activities": activities, "indicators": indicators, "outcomes": outcomes,
            "stories": stories}


def generate(shape: Shape, root: Path) -> Workspace:
    """Writes the workspace of `shape` into `root` as CSV files (a test turns them into a
    workbook with `grantgen facts to-xlsx` when the shape says so) and returns its rows."""
    rng = random.Random(f"{shape.name}/{shape.seed}")
    ws = Workspace(shape, root)
    chosen = MANY_LOCATIONS if shape.locations > 1 else ONE_LOCATION
    ws.tables["locations"] = [
        {"location_id": i, "name": name, "neighbourhood": hood, "city": "Amersfoort",
         "opened": opened, "closed": closed or ""} for i, name, hood, opened, closed in chosen]
    visits = _visits(rng, ws)
    if shape.register == "visits":
        ws.tables["visits"] = visits
    else:
        ws.tables["participants"] = yearly_counts(ws, visits, shape.register == "participants")
    ws.tables.update(_money(rng, ws))
    for name, rows in _people(rng, ws, visits).items():
        if name == "participant_profiles" and shape.register != "visits":
            continue  # profiles go with the register: without it nobody has a pseudonym
        ws.tables[name] = rows
    for name in shape.without:
        ws.tables.pop(name, None)
        if name == "outcomes":
            ws.tables.pop("indicators", None)
    for name, rows in ws.tables.items():
        header = list(rows[0]) if rows else []
        write_csv(root / "facts" / f"{name}.csv",
                  [header] + [[r[c] for c in header] for r in rows])
    (root / "facts" / "organisation.yaml").write_text(
        yaml.safe_dump(ORGANISATION, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ws.funders = dict(FUNDERS)
    if shape.english:
        ws.funders[ENGLISH_FUNDER["id"]] = ENGLISH_FUNDER
    (root / "funders").mkdir(parents=True, exist_ok=True)
    for funder_id, profile in ws.funders.items():
        (root / "funders" / f"{funder_id}.yaml").write_text(
            yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if shape.texts:
        (root / "texts").mkdir(parents=True, exist_ok=True)
        for name, body in TEXTS.items():
            (root / "texts" / name).write_text(body, encoding="utf-8")
    return ws
