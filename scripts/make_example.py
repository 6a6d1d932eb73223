"""Writes the example workspace's fact tables (facts/*.csv) from a fixed random seed.

The organisation, its locations and opening months follow ../shared/DOMAIN.md; every other
figure is invented (the README says so). Run `python scripts/make_example.py` after changing
this file; the CSV files are committed so a change to the facts shows in a diff.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"
SEED = 20181130

LOCATIONS = [
    # id, name, neighbourhood, opened, address, description
    ("de-klop", "De Klop", "Overvecht", dt.date(2016, 4, 1), "Klopvaartbocht 50",
     "Huiskamer van de buurt in Overvecht-Noord, in een voormalig winkelpand."),
    ("hart-voor-leidsche-rijn", "Hart voor Leidsche Rijn", "Leidsche Rijn", dt.date(2017, 4, 1),
     "Brediusweg 7", "Buurtwerkkamer in de nieuwbouwwijk, naast de basisschool."),
    ("top", "TOP", "Ondiep", dt.date(2017, 4, 1), "Ondiep-Zuidzijde 19",
     "Trefpunt Ondiep: open huis voor de hele buurt."),
    ("de-verbinding", "De Verbinding", "Zuilen", dt.date(2018, 5, 1), "Amsterdamsestraatweg 530",
     "Jongste buurtwerkkamer, in het voormalige wijkgebouw van Zuilen."),
]

ACTIVITIES = [
    # id, name, category, frequency, description
    ("koffie-inloop", "Koffie-inloop", "ontmoeting", "dagelijks",
     "Binnenlopen voor koffie, een praatje en de krant."),
    ("samen-eten", "Samen eten", "maaltijd", "twee keer per week",
     "Bewoners koken voor bewoners, voor een kleine bijdrage."),
    ("taalcafe", "Taalcafé", "educatie", "wekelijks", "Nederlands oefenen in een gesprek."),
    ("formulierenhulp", "Formulierenhulp en budgetmaatjes", "ondersteuning", "wekelijks",
     "Hulp bij brieven, toeslagen en huurachterstand; doorverwijzing naar schuldhulp."),
    ("wandelgroep", "Wandelgroep", "bewegen", "wekelijks", "Samen een uur wandelen door de wijk."),
    ("creatief", "Creatieve middag", "ontmoeting", "wekelijks",
     "Handwerken, schilderen, knutselen."),
    ("computerhulp", "Digitaal spreekuur", "educatie", "wekelijks",
     "Hulp met telefoon, computer en DigiD."),
]
ACTIVITY = {a[0]: a for a in ACTIVITIES}
# which activities each location runs (and how popular each is there)
PROGRAMME = {
    "de-klop": ["koffie-inloop", "samen-eten", "formulierenhulp", "wandelgroep", "creatief",
                "computerhulp"],
    "hart-voor-leidsche-rijn": ["koffie-inloop", "samen-eten", "taalcafe", "creatief"],
    "top": ["koffie-inloop", "samen-eten", "formulierenhulp", "taalcafe", "wandelgroep"],
    "de-verbinding": ["koffie-inloop", "samen-eten", "computerhulp", "formulierenhulp"],
}

# participants per location and year (before the shared visitors are added)
PEOPLE = {
    (2016, "de-klop"): 240,
    (2017, "de-klop"): 330, (2017, "hart-voor-leidsche-rijn"): 180, (2017, "top"): 170,
    (2018, "de-klop"): 380, (2018, "hart-voor-leidsche-rijn"): 300, (2018, "top"): 270,
    (2018, "de-verbinding"): 190,
}
SHARE_RETURNING = 0.65   # of last year's participants at a location who come back
SHARE_SECOND_PLACE = 0.09  # of participants who also visit another location that year

FUNDERS_CORP = {"de-klop": "mitros", "top": "mitros", "de-verbinding": "mitros",
                "hart-voor-leidsche-rijn": "portaal"}

VOLUNTEERS = {
    # (year, location): volunteers, hours, perspectiefbanen, paid fte
    (2016, "de-klop"): (24, 3100, 1, 0.4),
    (2017, "de-klop"): (38, 5200, 2, 0.4), (2017, "hart-voor-leidsche-rijn"): (19, 2100, 1, 0.4),
    (2017, "top"): (21, 2300, 1, 0.3),
    (2018, "de-klop"): (45, 5900, 2, 0.4), (2018, "hart-voor-leidsche-rijn"): (31, 3900, 2, 0.4),
    (2018, "top"): (33, 4100, 2, 0.4), (2018, "de-verbinding"): (22, 2000, 1, 0.3),
}

# the cost lines of a location for a full year (category, item, amount)
COSTS = [
    ("Personeel", "Coördinator (0,4 fte)", 24000),
    ("Personeel", "Begeleiding perspectiefbanen", 7500),
    ("Huisvesting", "Huur", 12000),
    ("Huisvesting", "Energie en water", 3600),
    ("Huisvesting", "Schoonmaak en klein onderhoud", 2400),
    ("Activiteiten", "Materialen en inkoop", 4200),
    ("Activiteiten", "Maaltijden", 6000),
    ("Activiteiten", "Uitstapjes en themadagen", 1500),
    ("Vrijwilligers", "Onkostenvergoedingen", 3000),
    ("Vrijwilligers", "Training en deskundigheid", 1500),
    ("Vrijwilligers", "Verzekering", 600),
    ("Organisatie", "Administratie en accountant", 2000),
    ("Organisatie", "Communicatie", 900),
]
ORGANISATION_COSTS = [
    ("Personeel", "Netwerkcoördinatie coöperatie", 18000),
    ("Organisatie", "Accountantscontrole", 3500),
    ("Organisatie", "Bestuurskosten en vergaderingen", 1200),
]
#: the cost items in English, for the English application (column item_en of the budget; the
#: categories have built-in English names)
ITEMS_EN = {
    "Coördinator (0,4 fte)": "Coordinator (0.4 FTE)",
    "Begeleiding perspectiefbanen": "Supervision of supported jobs",
    "Huur": "Rent",
    "Energie en water": "Energy and water",
    "Schoonmaak en klein onderhoud": "Cleaning and minor maintenance",
    "Materialen en inkoop": "Materials and purchases",
    "Maaltijden": "Meals",
    "Uitstapjes en themadagen": "Outings and theme days",
    "Onkostenvergoedingen": "Volunteer expenses",
    "Training en deskundigheid": "Training",
    "Verzekering": "Insurance",
    "Administratie en accountant": "Administration and accountant",
    "Communicatie": "Communication",
    "Netwerkcoördinatie coöperatie": "Coordination of the cooperative network",
    "Accountantscontrole": "Audit",
    "Bestuurskosten en vergaderingen": "Board and meeting costs",
}
#: the other income in English (column source_en of funding; funders are named as they are)
SOURCES_EN = {
    "eigen bijdragen": "participants' contributions",
    "donaties en sponsoring": "donations and sponsorship",
    "bijdragen locaties": "contributions of the locations",
}
SCALE = {"de-klop": 1.0, "hart-voor-leidsche-rijn": 1.04, "top": 0.96, "de-verbinding": 0.92}


def months_open(location_opened: dt.date, year: int) -> int:
    if location_opened.year < year:
        return 12
    if location_opened.year > year:
        return 0
    return 13 - location_opened.month


def budget_lines(year: int) -> list[tuple]:
    rows = []
    for location_id, _name, _hood, opened, *_rest in LOCATIONS:
        months = months_open(opened, year)
        if not months:
            continue
        growth = 1 + 0.02 * (year - 2016)
        for category, item, amount in COSTS:
            value = round(amount * SCALE[location_id] * growth * months / 12 / 50) * 50
            rows.append((year, location_id, category, item, value))
    for category, item, amount in ORGANISATION_COSTS:
        rows.append((year, "all", category, item, amount))
    return rows


def de_klop_2019(rows: list[tuple]) -> list[tuple]:
    """De Klop's 2019 budget: exactly € 68.500, so that the gap after commitments is € 40.000."""
    mine = [r for r in rows if r[1] == "de-klop"]
    others = [r for r in rows if r[1] != "de-klop"]
    total = sum(r[4] for r in mine)
    difference = 68500 - total
    first = mine[0]
    mine[0] = (first[0], first[1], first[2], first[3], first[4] + difference)
    return others + mine


def actual_lines(budget: list[tuple], rng: random.Random) -> list[tuple]:
    """Realised costs: near the budget, with a few deviations above 10% to explain."""
    rows = []
    for year, location_id, category, item, amount in budget:
        factor = rng.uniform(0.93, 1.06)
        if item == "Energie en water" and year == 2018:
            factor = 1.22  # the energy price rise of 2018
        if item == "Uitstapjes en themadagen" and location_id == "top" and year == 2017:
            factor = 0.55
        if item == "Maaltijden" and location_id == "de-klop" and year == 2018:
            factor = 1.15
        rows.append((year, location_id, category, item, round(amount * factor / 10) * 10))
    return rows


def funding_rows(budgets: dict[int, list[tuple]]) -> list[tuple]:
    rows: list[tuple] = []

    def total(year, location_id):
        return sum(r[4] for r in budgets[year] if r[1] == location_id)

    for year in (2016, 2017, 2018):
        for location_id, *_rest in LOCATIONS:
            cost = total(year, location_id)
            if not cost:
                continue
            corp = FUNDERS_CORP[location_id]
            own = round(cost * 0.08 / 100) * 100
            corp_amount = round(cost * 0.15 / 500) * 500
            rows.append((year, location_id, corp, corp_amount, "received"))
            rows.append((year, location_id, "eigen bijdragen", own, "received"))
            fund = 0
            if location_id == "de-klop" and year == 2016:
                fund = 15000
                rows.append((year, location_id, "oranje-fonds", fund, "received"))
            if location_id == "de-verbinding" and year == 2018:
                fund = 10000
                rows.append((year, location_id, "kansfonds", fund, "received"))
            if location_id == "de-klop" and year == 2018:
                # Gezonde Wijk Overvecht: the health insurer's first grant, for De Klop
                fund = 7500
                rows.append((year, location_id, "zilveren-kruis", fund, "received"))
            if location_id == "top" and year == 2018:
                rows.append((year, location_id, "vsbfonds", 8000, "rejected"))
            rows.append((year, location_id, "gemeente-utrecht",
                         cost - own - corp_amount - fund, "received"))
        org_cost = total(year, "all")
        rows.append((year, "all", "bijdragen locaties", org_cost, "received"))

    # 2019: the municipality funds three locations; De Klop needs € 40.000 from elsewhere
    rows += [
        (2019, "de-klop", "mitros", 12000, "committed"),
        (2019, "de-klop", "eigen bijdragen", 6500, "committed"),
        (2019, "de-klop", "donaties en sponsoring", 3000, "committed"),
        (2019, "de-klop", "Diaconie Overvecht", 7000, "committed"),
        (2019, "de-klop", "gemeente-utrecht", 40000, "requested"),
        (2019, "de-klop", "oranje-fonds", 25000, "requested"),
        (2019, "de-klop", "kansfonds", 15000, "requested"),
        (2019, "de-klop", "zilveren-kruis", 12000, "requested"),
        # an English-language fund (issue 5): a request is not income, the gap stays € 40.000
        (2019, "de-klop", "open-neighbourhoods-fund", 10000, "requested"),
    ]
    for location_id, corp, corp_amount, extra in (
            ("hart-voor-leidsche-rijn", "portaal", 11000, ("portaal", 6000)),
            ("top", "mitros", 10500, ("mitros", 5000)),
            ("de-verbinding", "mitros", 9500, ("vsbfonds", 10000))):
        cost = total(2019, location_id)
        own = round(cost * 0.08 / 100) * 100
        rows.append((2019, location_id, corp, corp_amount, "committed"))
        rows.append((2019, location_id, "eigen bijdragen", own, "committed"))
        rows.append((2019, location_id, "gemeente-utrecht", cost - corp_amount - own,
                     "requested"))
        rows.append((2019, location_id, extra[0], extra[1], "requested"))
    rows.append((2019, "all", "bijdragen locaties", total(2019, "all") - 15000, "committed"))
    rows.append((2019, "all", "vsbfonds", 15000, "requested"))
    return rows


def visits_and_profiles(rng: random.Random) -> tuple[list[tuple], list[tuple]]:
    """A register of visits in which some people come to more than one location."""
    counter = iter(range(1, 10**6))
    pool: dict[str, list[str]] = {}
    visits: list[tuple] = []
    everyone: dict[str, str] = {}  # participant -> home location
    for year in (2016, 2017, 2018):
        this_year: dict[str, set[str]] = {}
        for (y, location_id), people in PEOPLE.items():
            if y != year:
                continue
            returning = [p for p in pool.get(location_id, []) if rng.random() < SHARE_RETURNING]
            new = [f"p{next(counter):05d}x" for _ in range(max(0, people - len(returning)))]
            for p in new:
                everyone[p] = location_id
            group = returning + new
            pool[location_id] = group
            for p in group:
                this_year.setdefault(p, set()).add(location_id)
        active = [loc for (y, loc) in PEOPLE if y == year]
        for p in list(this_year):
            if len(active) > 1 and rng.random() < SHARE_SECOND_PLACE:
                this_year[p].add(rng.choice([a for a in active if a not in this_year[p]]))
        for p, places in sorted(this_year.items()):
            for location_id in sorted(places):
                opened = next(loc[3] for loc in LOCATIONS if loc[0] == location_id)
                start = max(dt.date(year, 1, 1), opened)
                end = dt.date(year, 12, 20)
                home = location_id == everyone[p]
                count = max(1, int(rng.expovariate(1 / (14 if home else 4))))
                programme = PROGRAMME[location_id]
                favourite = rng.choice(programme)
                for _ in range(count):
                    day = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
                    if day.weekday() == 6:
                        day -= dt.timedelta(days=1)
                    activity = favourite if rng.random() < 0.6 else rng.choice(programme)
                    visits.append((day.isoformat(), location_id, p, activity))
    visits.sort()
    profiles = []
    for p, home in sorted(everyone.items()):
        if rng.random() < 0.25:
            continue  # not everyone tells us their age or landlord
        age = rng.choices(["<23", "18-60", "60+"], [0.12, 0.48, 0.40])[0]
        landlord = rng.random()
        corp = FUNDERS_CORP[home] if landlord < 0.45 else ("portaal" if landlord < 0.55 else "")
        hood = next(loc[2] for loc in LOCATIONS if loc[0] == home)
        profiles.append((p, age, corp, hood))
    return visits, profiles


INDICATORS = [
    ("zelf-organiseren", "Deelnemers die zelf een activiteit organiseren", "count",
     "activering;participatie", "yes"),
    ("minder-eenzaam", "Deelnemers die zich minder eenzaam voelen", "percent",
     "sociaal-isolement;eenzaamheid;gezondheid", "yes"),
    ("zelfredzaamheid", "Deelnemers met hogere score op de Zelfredzaamheid-Matrix", "percent",
     "zelfredzaamheid", "yes"),
    ("ervaren-gezondheid", "Deelnemers die hun gezondheid beter ervaren", "percent",
     "gezondheid", "yes"),
    ("contact-buren", "Deelnemers met meer contact met buren", "percent",
     "samenleven;leefbaarheid", "yes"),
    ("huurachterstand", "Bemiddelingen bij huurachterstand", "count",
     "leefbaarheid;schulden;zelfredzaamheid", "yes"),
    ("doorverwijzing-schuldhulp", "Doorverwijzingen naar schuldhulp", "count",
     "schulden;zelfredzaamheid", "yes"),
    ("overlastsignalen", "Signalen van overlast opgepakt", "count", "leefbaarheid;samenleven",
     "yes"),
    ("vrijwilligersuren", "Uren vrijwilligerswerk", "hours", "participatie;activering", "yes"),
    ("uitstroom-werk", "Doorstroom naar opleiding of (betaald) werk", "count",
     "activering;participatie", "yes"),
]


def outcome_rows(rng: random.Random) -> list[tuple]:
    base = {"zelf-organiseren": 12, "minder-eenzaam": 62, "zelfredzaamheid": 48,
            "ervaren-gezondheid": 41, "contact-buren": 70, "huurachterstand": 14,
            "doorverwijzing-schuldhulp": 9, "overlastsignalen": 6, "uitstroom-werk": 3}
    rows = []
    for year in (2017, 2018, 2019):
        for location_id, _n, _h, opened, *_r in LOCATIONS:
            if opened.year > year or (opened.year == year and year < 2019):
                continue
            for indicator, start in base.items():
                target = start + 2 * (year - 2017)
                value = None if year == 2019 else round(target * rng.uniform(0.85, 1.15))
                if indicator == "minder-eenzaam" and location_id == "top" and year == 2018:
                    value = target - 9  # a target not met, explained in the report
                source = "" if value is None else (
                    "enquête deelnemers" if indicator in ("minder-eenzaam", "zelfredzaamheid",
                                                           "ervaren-gezondheid", "contact-buren")
                    else "registratie")
                rows.append((year, location_id, indicator, value, target, source))
            hours = VOLUNTEERS.get((year, location_id), (0, None))[1]
            target = round((hours or 5000) * 1.0, -2)
            rows.append((year, location_id, "vrijwilligersuren", hours, target,
                         "registratie" if hours else ""))
    return rows


# why a realised cost line differs more than 10% from its budget line, by item
EXPLANATIONS = {
    "Energie en water": "De energietarieven stegen in {year} sterk; het nieuwe contract ging "
                        "in op 1 januari. De begroting voor het jaar erna is aangepast.",
    "Uitstapjes en themadagen": "Twee uitstapjes gingen niet door omdat er te weinig "
                                "begeleiders waren; het geld is niet uitgegeven.",
    "Maaltijden": "Samen eten groeide van twee naar drie keer per week. De extra kosten zijn "
                  "grotendeels gedekt door hogere eigen bijdragen van de deelnemers.",
}


def explanation_rows(budget: list[tuple], actuals: list[tuple]) -> list[tuple]:
    """An explanation for every actual line more than 10% away from its budget line."""
    planned = {r[:4]: r[4] for r in budget}
    rows = []
    for year, location_id, category, item, amount in actuals:
        plan = planned[(year, location_id, category, item)]
        if abs(amount - plan) > 0.10 * plan:
            rows.append((year, location_id, category, item,
                         EXPLANATIONS[item].format(year=year)))
    return rows


STORIES = [
    ("s-klop-1", "de-klop", 2018, "Sinds ik hier elke dinsdag kook, ken ik de halve flat. Vroeger "
     "groette ik niemand.", "yes", "Koken voor de buren", "vrijwilliger (58)",
     "sociaal-isolement;participatie"),
    ("s-klop-2", "de-klop", 2018, "Mijn budgetmaatje heeft met me gebeld met de woningcorporatie. "
     "Nu betaal ik de achterstand in kleine stukjes af.", "yes", "Rust in de brievenbus",
     "bezoeker (44)", "schulden;zelfredzaamheid"),
    ("s-klop-3", "de-klop", 2017, "Ik vertel dit liever niet in een folder: mijn buurman weet "
     "niet dat ik hier kom.", "no", "Niet voor publicatie", "bezoeker", "eenzaamheid"),
    ("s-hart-1", "hart-voor-leidsche-rijn", 2018, "In een nieuwe wijk ken je niemand. Hier vond "
     "ik mensen om mee te wandelen.", "yes", "Nieuw in de wijk", "bewoner (67)",
     "eenzaamheid;gezondheid"),
    ("s-top-1", "top", 2018, "Door het taalcafé durf ik nu zelf de huisarts te bellen.", "yes",
     "Zelf bellen", "deelnemer taalcafé (35)", "zelfredzaamheid;gezondheid"),
    ("s-top-2", "top", 2018, "Mijn zoon zit vast en niemand in de straat mag dat weten.", "no",
     "Over mijn zoon", "bezoeker", ""),
    ("s-klop-4", "de-klop", 2016, "Ik kwam voor de koffie en bleef voor de mensen. Nu draai ik "
     "zelf de inloop op maandag.", "yes", "Van bezoeker tot gastvrouw", "gastvrouw (63)",
     "activering;participatie"),
    ("s-hart-2", "hart-voor-leidsche-rijn", 2017, "Mijn kinderen spelen nu met de kinderen van "
     "de buren. Daarvoor kenden we elkaar niet.", "yes", "Buren worden bekenden",
     "moeder van twee (34)", "samenleven;leefbaarheid"),
    ("s-hart-3", "hart-voor-leidsche-rijn", 2018, "Zet mijn naam er alsjeblieft niet bij; mijn "
     "ex mag niet weten waar ik woon.", "no", "Niet delen", "bezoeker", ""),
    ("s-verb-1", "de-verbinding", 2018, "Ik was na mijn pensioen alleen maar thuis. Nu schenk ik "
     "drie ochtenden koffie.", "yes", "Drie ochtenden koffie", "gastvrouw (69)",
     "activering;sociaal-isolement"),
]


def write(name: str, header: list[str], rows: list[tuple]) -> None:
    path = FACTS / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


def main() -> None:
    rng = random.Random(SEED)
    FACTS.mkdir(exist_ok=True)
    write("locations", ["location_id", "name", "neighbourhood", "city", "opened", "closed",
                        "address", "description"],
          [(i, n, h, "Utrecht", o.isoformat(), "", a, d) for i, n, h, o, a, d in LOCATIONS])
    write("activities", ["location_id", "activity_id", "name", "category", "frequency",
                         "description"],
          [(loc, *ACTIVITY[act]) for loc, acts in PROGRAMME.items() for act in acts])
    visits, profiles = visits_and_profiles(rng)
    write("visits", ["date", "location_id", "participant_id", "activity_id"], visits)
    write("participant_profiles", ["participant_id", "age_band", "housing_corporation",
                                   "neighbourhood"], profiles)
    write("volunteers", ["year", "location_id", "volunteers", "volunteer_hours",
                         "perspectiefbanen", "paid_fte"],
          [(y, loc, *v) for (y, loc), v in sorted(VOLUNTEERS.items())])
    budgets = {year: budget_lines(year) for year in (2016, 2017, 2018, 2019)}
    budgets[2019] = de_klop_2019(budgets[2019])
    write("budget", ["year", "location_id", "category", "item", "amount", "item_en"],
          [(*r, ITEMS_EN[r[3]]) for y in sorted(budgets) for r in budgets[y]])
    actuals = actual_lines([r for y in (2016, 2017, 2018) for r in budgets[y]], rng)
    write("actuals", ["year", "location_id", "category", "item", "amount"], actuals)
    write("explanations", ["year", "location_id", "category", "item", "explanation"],
          explanation_rows([r for y in (2016, 2017, 2018) for r in budgets[y]], actuals))
    write("funding", ["year", "location_id", "source", "amount", "status", "source_en"],
          [(*r, SOURCES_EN.get(r[2], "")) for r in funding_rows(budgets)])
    write("indicators", ["indicator_id", "label", "unit", "themes", "higher_is_better"],
          INDICATORS)
    write("outcomes", ["year", "location_id", "indicator_id", "value", "target", "source"],
          outcome_rows(rng))
    write("stories", ["story_id", "location_id", "year", "quote", "consent", "title", "person",
                      "themes"], STORIES)


if __name__ == "__main__":
    main()
