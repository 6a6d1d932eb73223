"""#12: every workspace ../shared/FACTS.md allows builds every document its plan calls for,
with the right figures.

Workspaces of many shapes are generated (tests/helpers/shapes.py): each optional table left
out on its own, the reach from a visits register or from the participants table with or
without its `all` rows, one location or four (one opening and one closing in the middle of
a year, one open all year without a single visit), requests and grants for the
organisation as a whole, a funder of every type with only the keys FACTS.md requires, an
English fund without English texts, CSV files or one workbook. Each is built with the CLI as
a user would; the manifest is held against the funding rows written, and every figure of
every document (read back from the .docx) against plain-Python counts of the rows written
(tests/helpers/shape_counts.py). The organisation-wide count is never a sum of the locations
passed off as unique people. A small hypothesis run draws further combinations.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import run
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from helpers.docs import docx_text
from helpers.shape_counts import COMMITTED, Counts, amount, number, percent
from helpers.shapes import (
    FINISHED,
    GRANT_YEAR,
    HISTORY,
    OPTIONAL,
    QUIET,
    REGISTERS,
    Shape,
    Workspace,
    generate,
)

LEFTOVERS = {"None": r"\bNone\b", "nan": r"\b(nan|NaN)\b", "{{": r"\{\{", "{%": r"\{%",
             "an address of dashes": "–, –"}

#: the fixed matrix: every shape the issue names at least once
SHAPES = [
    *[Shape(f"without-{table}", without=(table,)) for table in OPTIONAL],
    Shape("participants-with-all", register="participants"),
    Shape("participants-without-all", register="participants-without-all"),
    Shape("one-location", locations=1, volunteers_all=True),
    Shape("one-location-participants-without-all", locations=1,
          register="participants-without-all", english=False),
    Shape("workbook", workbook=True, texts=False),
    Shape("no-organisation-request", whole_organisation=False, volunteers_all=True),
]

WORDS = {
    "nl": {"asked": "Gevraagd bedrag", "budget": "Totale begroting", "costs": "Totale kosten",
           "committed": "Toegezegd en ontvangen", "requested": "Aangevraagd (nog niet toegezegd)",
           "gap": "Tekort na toezeggingen", "organisation": "Organisatie",
           "reach_header": "Locatie | Jaar | Unieke deelnemers | Bezoeken | Vrijwilligers",
           "act_header": "Activiteit | Soort | Hoe vaak",
           "double_note": "De organisatiebrede deelnemersaantallen zijn een optelling van de "
                          "locaties; wie meer locaties bezoekt kan dubbel geteld zijn."},
    "en": {"asked": "Amount requested", "budget": "Total budget", "costs": "Total costs",
           "committed": "Committed and received", "requested": "Requested (not yet committed)",
           "gap": "Shortfall after commitments", "organisation": "Organisation",
           "reach_header": "Location | Year | Unique participants | Visits | Volunteers",
           "act_header": "Activity | Kind | How often",
           "double_note": "The organisation-wide participant figures are the sum of the "
                          "locations; people visiting more than one location may be counted "
                          "twice."},
}
CORPORATION = ("corporatie", "Woonstichting Thuis")


@dataclass
class Built:
    ws: Workspace
    counts: Counts
    #: (kind, year, funder_id, location_id) -> the document's text
    texts: dict[tuple, str]
    entries: list[dict]


def build(ws: Workspace) -> Built:
    root = ws.root
    if ws.shape.workbook:
        result = run(["facts", "to-xlsx", "--workspace", str(root)])
        assert result.exit_code == 0, result.output
        assert (root / "facts" / "facts.xlsx").is_file()
        assert not list((root / "facts").glob("*.csv")), "the CSV files moved to backup/"
    result = run(["build", "--workspace", str(root)])
    assert result.exit_code == 0, f"{ws.shape}: {result.output}"
    out = root / "output"
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    texts = {(e["kind"], e["year"], e["funder_id"], e["location_id"]): docx_text(out / e["path"])
             for e in entries}
    return Built(ws, Counts(ws), texts, entries)


# ---- reading documents -----------------------------------------------------------------
def has_block(text: str, block: list[str]) -> bool:
    """The lines of `block` follow each other in `text`."""
    lines = text.split("\n")
    return any(lines[i:i + len(block)] == block for i in range(len(lines) - len(block) + 1))


def assert_block(text: str, block: list[str], where: str) -> None:
    assert has_block(text, block), f"{where}: expected the lines\n  " + "\n  ".join(block)


def after_heading(text: str, heading: str) -> list[str]:
    """The lines after the last line that is `heading` (a table of contents comes first)."""
    lines = text.split("\n")
    found = [i for i, line in enumerate(lines) if line == heading]
    assert found, f"no heading {heading!r}"
    return lines[found[-1] + 1:]


def heading_of(ws: Workspace, location_id: str) -> str:
    row = next(r for r in ws.locations if r["location_id"] == location_id)
    return f"{row['name']} ({row['neighbourhood']})"


def joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


# ---- the checks ------------------------------------------------------------------------
def check_plan(b: Built) -> None:
    """The manifest holds exactly the documents the funding rows call for, each file there."""
    made = sorted(((e["kind"], e["year"], e["funder_id"], e["location_id"]) for e in b.entries),
                  key=str)
    assert made == b.counts.plan(), b.ws.shape
    out = b.ws.root / "output"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")) == sorted(
        e["path"] for e in b.entries)
    for key, text in b.texts.items():
        assert text.strip(), key
        for name, pattern in LEFTOVERS.items():
            assert not re.search(pattern, text), f"{key} shows {name}"


def reach_lines(b: Built, scope: list[str], language: str) -> list[str]:
    """The application's reach table: each location's years, then the organisation's."""
    c, w = b.counts, WORDS[language]
    lines = []
    for location_id in scope:
        first = True
        for year in HISTORY:
            unique, volunteers = c.unique(year, location_id), c.volunteers(year, location_id)
            if unique is None and volunteers is None:
                continue
            name = b.ws.location_name(location_id) if first else ""
            first = False
            lines.append(f"{name} | {year} | {number(unique, language)} | "
                         f"{number(c.visits(year, location_id), language)} | "
                         f"{number(volunteers, language)}")
    for n, year in enumerate(HISTORY):
        lines.append(f"{w['organisation'] if n == 0 else ''} | {year} | "
                     f"{number(c.organisation(year).count, language)} | "
                     f"{number(c.organisation_visits(year), language)} | "
                     f"{number(c.volunteers(year, 'all'), language)}")
    return [w["reach_header"]] + lines


#: what an application says of the reach in the last year with figures: of the
#: organisation (`all`), each person once or a sum; of one location, then the organisation
SENTENCES = {
    "nl": {
        ("all", False): "In {year} kwamen {n} verschillende deelnemers (ieder één keer geteld, "
                        "ook wie meer locaties bezoekt) naar onze locaties, samen goed voor "
                        "{visits} bezoeken.",
        ("all", True): "In {year} kwamen {n} deelnemers (opgeteld over de locaties; wie meer "
                       "locaties bezoekt, kan dubbel geteld zijn) naar onze locaties, samen goed "
                       "voor {visits} bezoeken.",
        ("location", False): "In {year} bezochten {unique} verschillende deelnemers {name}, "
                             "samen goed voor {here} bezoeken. Organisatiebreed waren dat {n} "
                             "unieke deelnemers (ieder één keer geteld, ook wie meer locaties "
                             "bezoekt).",
        ("location", True): "In {year} bezochten {unique} verschillende deelnemers {name}, "
                            "samen goed voor {here} bezoeken. Opgeteld over de locaties waren "
                            "dat {n} deelnemers; wie meer locaties bezoekt, kan daarin dubbel "
                            "geteld zijn.",
    },
    "en": {
        ("all", False): "In {year}, {n} different participants (each counted once, even when "
                        "visiting several locations) came to our locations, for {visits} "
                        "visits in all.",
        ("all", True): "In {year}, {n} participants (the sum of the locations; people visiting "
                       "more than one may be counted twice) came to our locations, for {visits} "
                       "visits in all.",
        ("location", False): "In {year}, {unique} different participants visited {name}, for "
                             "{here} visits in all. Across the organisation that was {n} unique "
                             "participants (each counted once, even when visiting several "
                             "locations).",
        ("location", True): "In {year}, {unique} different participants visited {name}, for "
                            "{here} visits in all. Added up over the locations, that was {n} "
                            "participants; people visiting more than one location may be "
                            "counted twice.",
    },
}


def reach_sentence(b: Built, location_id: str, language: str) -> str:
    c, year = b.counts, FINISHED
    whole = c.organisation(year)
    place = "all" if location_id == "all" else "location"
    return SENTENCES[language][(place, whole.summed)].format(
        year=year, n=number(whole.count, language),
        visits=number(c.organisation_visits(year), language),
        name=b.ws.location_name(location_id) if place == "location" else None,
        unique=number(c.unique(year, location_id), language),
        here=number(c.visits(year, location_id), language))


def tenants_sentence(b: Built, reached: list[str], shown_total: int | None,
                     unique: str) -> str | None:
    """What a document to the housing corporation says of its tenants (None: it cannot
    count them), with `unique` the word before 'deelnemers' ('' in an application,
    'unieke ' in a report)."""
    corporation, name = CORPORATION
    if not (b.counts.register and b.counts.profiles):
        return None
    rent, seen = b.counts.tenants(FINISHED, reached, corporation)
    assert shown_total == seen, "the tenants are counted among the participants shown"
    shown = "< 5" if 0 < rent < 5 else number(rent)
    share = f" ({percent(rent, seen)})" if rent >= 5 else ""
    return (f"Van de {number(shown_total)} {unique}deelnemers in {FINISHED} huren er {shown} een "
            f"woning van {name}{share}.")


def check_application(b: Built, funder_id: str, location_id: str) -> None:
    ws, c = b.ws, b.counts
    key = ("application", GRANT_YEAR, funder_id, location_id)
    text, funder = b.texts[key], ws.funders[funder_id]
    language = funder.get("language", "nl")
    w = WORDS[language]
    row = next(r for r in ws.tables["funding"] if int(r["year"]) == GRANT_YEAR
               and r["source"] == funder_id and r["location_id"] == location_id
               and r["status"] == "requested")
    whole = location_id == "all"
    places = None if whole else [location_id]
    budget = c.money("budget", GRANT_YEAR, places)
    committed = c.funding(GRANT_YEAR, places, COMMITTED)
    for line in (f"{w['asked']} | {amount(row['amount'], language)}",
                 f"{w['budget']} | {amount(budget, language)}",
                 f"{w['costs']} | {amount(budget, language)}",
                 f"{w['committed']} |  | {amount(committed, language)}",
                 f"{w['requested']} |  | "
                 f"{amount(c.funding(GRANT_YEAR, places, ('requested',)), language)}",
                 f"{w['gap']} |  | {amount(budget - committed, language)}"):
        assert line in text.split("\n"), f"{key}: no line {line!r}"
    scope = ws.active(GRANT_YEAR) if whole else [location_id]
    assert reach_sentence(b, location_id, language) in text, (key, reach_sentence(
        b, location_id, language))
    assert_block(text, reach_lines(b, scope, language), str(key))
    summed = any(c.organisation(y).summed for y in HISTORY)
    assert (w["double_note"] in text) == summed, key
    for loc in scope:  # the activities of each location, its own and the organisation's
        lines = after_heading(text, heading_of(ws, loc))
        assert has_block("\n".join(lines[:8]), [
            w["act_header"], "Koffie-inloop | ontmoeting | dagelijks",
            f"Samen eten in {ws.location_name(loc)} | maaltijd | wekelijks"]), (key, loc)
    if funder["type"] == "housing-corporation":
        reached = ws.active(FINISHED) if whole else [location_id]
        shown_total = c.organisation(FINISHED).count if whole else c.unique(FINISHED,
                                                                             location_id)
        sentence = tenants_sentence(b, reached, shown_total, "")
        assert (sentence or f"Hoeveel deelnemers bij {CORPORATION[1]} huren, leggen wij vanaf "
                            "dit jaar vast.") in text, (key, sentence)
    if language == "nl" and not whole and "outcomes" in ws.tables:  # results and targets
        name = ws.location_name(location_id)
        measured = next(r["value"] for r in ws.tables["outcomes"] if r["location_id"] ==
                        location_id and int(r["year"]) == FINISHED)
        shown = after_heading(text, "Indicator | Locatie | Resultaat 2018 | Doel 2018 | "
                                    "Doel 2019")
        shown = shown[:shown.index("")]
        # the funder's themes choose among them
        assert shown and set(shown) <= {f"Minder eenzaam | {name} | {measured}% | 60% | –",
                                        f"Uren vrijwilligerswerk | {name} | – | – | 500 uur"}, (
            key, shown)
    if language == "nl" and ws.shape.texts:  # a text filled with the figures
        assert f"In {FINISHED} bereikten wij {number(c.organisation(FINISHED).count)} " \
               "deelnemers." in text, key
    if language == "en":  # no English texts: a placeholder, never the Dutch text
        assert "[Text block 'samenvatting' is missing: write texts/samenvatting.en.md]" in text
        assert "bereikten wij" not in text


def chapter_lines(b: Built, location_id: str) -> list[str]:
    """A location's figures in the year-end chapters, as the finished year shows them."""
    c, year, before = b.counts, FINISHED, FINISHED - 1
    name = b.ws.location_name(location_id)
    had = c.unique(before, location_id) is not None or c.volunteers(
        before, location_id) is not None
    unique = number(c.unique(year, location_id))
    visits = number(c.visits(year, location_id))
    if had:
        unique += f" ({before}: {number(c.unique(before, location_id))})"
        visits += f" ({before}: {number(c.visits(before, location_id))})"
    new = None
    if c.register:
        new = len(c.seen(year, [location_id]) - c.seen(before, [location_id]))
    volunteers = number(c.volunteers(year, location_id))
    hours = c.volunteers(year, location_id, "volunteer_hours")
    if hours:
        volunteers += f", samen {number(hours)} uur"
    lines = [f"Unieke deelnemers | {unique}", f"Bezoeken | {visits}",
             f"Nieuwe deelnemers | {number(new)}", f"Vrijwilligers | {volunteers}",
             "Perspectiefbanen | –",
             f"Kosten | {amount(c.money('actuals', year, [location_id]))} (begroot "
             f"{amount(c.money('budget', year, [location_id]))})"]
    start, end = b.ws.period(location_id, year)
    if start.month != 1 or start.day != 1:
        lines.insert(0, f"{name} ging open op {long_date(start)}; de cijfers gaan over "
                        f"{long_date(start)} tot en met {long_date(end)}.")
    if end.month != 12 or end.day != 31:
        lines.insert(0, f"{name} is gesloten op {long_date(end)}. De cijfers gaan over "
                        f"{long_date(start)} tot en met {long_date(end)}, de sluitingsdatum.")
    return lines


def long_date(day: dt.date) -> str:
    """30 november 2018"""
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def check_chapters(b: Built, text: str, scope: list[str], where: str) -> None:
    for location_id in scope:
        lines = after_heading(text, heading_of(b.ws, location_id))
        expected = chapter_lines(b, location_id)
        assert lines[0].startswith("Open sinds"), (where, location_id, lines[0])
        assert lines[1:1 + len(expected)] == expected, (where, location_id, expected,
                                                        lines[1:1 + len(expected)])


def check_report(b: Built, funder_id: str) -> None:
    ws, c, year = b.ws, b.counts, FINISHED
    key = ("report", year, funder_id, None)
    text = b.texts[key]
    rows = [r for r in ws.tables["funding"] if int(r["year"]) == year
            and r["source"] == funder_id and r["status"] in COMMITTED]
    granted = list(dict.fromkeys(r["location_id"] for r in rows))
    whole = "all" in granted
    order = [r["location_id"] for r in ws.locations]
    scope = ws.active(year) if whole else sorted(granted, key=order.index)
    places = None if whole else scope
    assert f"Toegekend bedrag | {amount(c.funding(year, None, COMMITTED, funder_id))}" \
        in text.split("\n"), key
    realised = c.together(year, scope)
    then_open = [loc for loc in scope if loc in ws.active(year - 1)]
    stated = c.together(year - 1, then_open) if len(then_open) == len(scope) else None
    summed = realised.summed or bool(stated and stated.summed)
    summary = (f"In {year} kwamen {number(realised.count)} "
               f"{'' if summed else 'verschillende '}deelnemers naar "
               f"{joined([ws.location_name(loc) for loc in scope])}"
               + (f" (in {year - 1}: {number(stated.count)})" if stated and stated.count else "")
               + ("; dat is een optelling van de locaties, waarin wie meer locaties bezoekt "
                  "dubbel geteld kan zijn" if summed else "") + ". ")
    assert summary in text, (key, summary)
    check_chapters(b, text, scope, str(key))
    actual = c.money("actuals", year, places)
    blocks = {r["location_id"] for r in ws.tables["budget"] if int(r["year"]) == year
              and (places is None or r["location_id"] in places)}
    # one block of costs has its own total; several a total of all of them too
    total = "Totale kosten" if len(blocks) > 1 else f"Totaal {ws.location_name(scope[0])}"
    assert f"{total} | {amount(c.money('budget', year, places))} | {amount(actual)} | " \
        in text, key
    assert_block(text, [f"Ontvangen en toegezegd |  | {amount(c.funding(year, places, COMMITTED))}",
                        f"Werkelijke kosten |  | {amount(actual)}"], str(key))
    if ws.funders[funder_id]["type"] == "housing-corporation":
        sentence = tenants_sentence(b, scope, realised.count, "unieke ")
        assert (sentence or f"Hoeveel deelnemers een woning van {CORPORATION[1]} huren, is niet "
                            "vastgelegd.") in text, (key, sentence)


def check_annual_report(b: Built) -> None:
    ws, c, year = b.ws, b.counts, FINISHED
    key = ("annual-report", year, None, None)
    text = b.texts[key]
    whole, before = c.organisation(year), c.organisation(year - 1)
    summed = whole.summed or before.summed
    participants = "Deelnemers (opgeteld over de locaties)" if summed else "Unieke deelnemers"
    active = ws.active(year)
    assert_block(text, [
        f"{'Deelnemers (opgeteld over de locaties)' if whole.summed else 'Unieke deelnemers'} | "
        f"{number(whole.count)}",
        f"Bezoeken | {number(c.organisation_visits(year))}",
        f"Vrijwilligers | {number(c.volunteers(year, 'all'))}",
        f"Uren vrijwilligerswerk | {number(c.volunteers(year, 'all', 'volunteer_hours'))}",
        f"Locaties | {len(active)}"], "cover")
    # the year in numbers, against the year before
    assert f"{participants} | {number(before.count)} | {number(whole.count)} | " in text
    assert f"Bezoeken | {number(c.organisation_visits(year - 1))} | " \
           f"{number(c.organisation_visits(year))} | " in text
    # per location, and the organisation as a whole
    for location_id in active:
        pattern = (rf"^{re.escape(ws.location_name(location_id))} \| "
                   rf"{re.escape(number(c.unique(year, location_id)))} \| [^|]* \| "
                   rf"{re.escape(number(c.visits(year, location_id)))} \| "
                   rf"{re.escape(number(c.volunteers(year, location_id)))} \| "
                   rf"{re.escape(number(c.volunteers(year, location_id, 'volunteer_hours')))}"
                   r" \| –$")
        assert re.search(pattern, text, re.M), (location_id, pattern)
    label = "Organisatie (opgeteld)" if whole.summed else "Organisatie (uniek)"
    total = re.search(rf"^{re.escape(label)} \| {re.escape(number(whole.count))} \| [^|]* \| "
                      rf"{re.escape(number(c.organisation_visits(year)))} \| ", text, re.M)
    assert bool(total) == (len(active) > 1), label  # one location is the organisation
    added = sum(c.unique(year, loc) or 0 for loc in active)
    if whole.summed:
        assert "Het organisatiebrede aantal is een optelling van de locaties; wie meer " \
               "locaties bezoekt kan dubbel geteld zijn." in text
    elif added > (whole.count or 0):
        assert f"Opgeteld over de locaties zijn het {number(added)} deelnemers; organisatiebreed " \
               f"{number(whole.count)} verschillende mensen" in text
    caption = ("Organisatiebreed een optelling van de locaties: wie meer locaties bezoekt, kan "
               "dubbel geteld zijn." if any(c.organisation(y).summed for y in HISTORY) else
               "Organisatiebreed telt ieder één keer, ook wie meer locaties bezoekt.")
    assert f"Figuur 1. Unieke deelnemers per locatie, {HISTORY[0]}–{HISTORY[-1]}. {caption}" \
        in text
    check_chapters(b, text, active, str(key))
    for story in ws.tables.get("stories", []):  # only those told with consent
        assert (f"“{story['quote']}”" in text) == (story["consent"] == "yes"), story
    actual = c.money("actuals", year, None)
    assert f"Totale kosten | {amount(c.money('budget', year, None))} | {amount(actual)} | " in text
    assert_block(text, [f"Ontvangen en toegezegd |  | {amount(c.funding(year, None, COMMITTED))}",
                        f"Werkelijke kosten |  | {amount(actual)}"], "annual report income")


def check_never_a_sum_as_unique(b: Built) -> None:
    """Where the organisation-wide figure is a sum of the locations, no document calls that
    number unique or different people."""
    for year in HISTORY:
        whole = b.counts.organisation(year)
        if not whole.summed:
            continue
        for language in ("nl", "en"):
            n = re.escape(number(whole.count, language))
            claims = [rf"\b{n} (unieke|verschillende) deelnemers",
                      rf"\b{n} (unique|different) participants",
                      rf"^(Unieke deelnemers|Unique participants) \| {n}$",
                      rf"^Organisati(e|on) \((uniek|unique)\) \| {n} \|"]
            for key, text in b.texts.items():
                for claim in claims:
                    assert not re.search(claim, text, re.M), (key, claim)


def check_workspace(b: Built) -> None:
    check_plan(b)
    for kind, _year, funder_id, location_id in b.counts.plan():
        if kind == "application":
            check_application(b, funder_id, location_id)
        elif kind == "report":
            check_report(b, funder_id)
        else:
            check_annual_report(b)
    check_never_a_sum_as_unique(b)


# ---- the tests -------------------------------------------------------------------------
def test_the_matrix_covers_every_shape_the_issue_names():
    """Each optional table absent on its own, both registers with and without `all` rows,
    one location and several, both facts formats, with and without texts."""
    for table in OPTIONAL:
        assert any(s.without == (table,) and s.register == "visits" for s in SHAPES), table
    assert {s.register for s in SHAPES} == set(REGISTERS)
    assert {s.locations for s in SHAPES} == {1, 4}
    assert {s.workbook for s in SHAPES} == {True, False}
    assert {s.texts for s in SHAPES} == {True, False}
    assert {s.whole_organisation for s in SHAPES} == {True, False}


def test_the_generated_rows_tell_a_sum_from_unique_people(tmp_path):
    """People visit more than one location, so a sum of the locations is more than the
    organisation's unique participants (the `all` rows say so too); a location is open all
    year without a visit; and a count has four digits."""
    for shape in SHAPES:
        ws = generate(shape, tmp_path / shape.name)
        counts = Counts(ws)
        for year in HISTORY:
            added = sum(counts.unique(year, loc) or 0 for loc in ws.active(year))
            whole = counts.organisation(year)
            if shape.locations == 1:
                assert added == whole.count and not whole.summed
            elif shape.register == "participants-without-all":
                assert whole.summed and added == whole.count
            else:
                assert added > (whole.count or 0) and not whole.summed, (shape.name, year)
        if shape.locations > 1:
            assert counts.unique(*reversed(QUIET)) == 0 and QUIET[0] in ws.active(QUIET[1])
        assert (counts.unique(FINISHED, ws.active(FINISHED)[0]) or 0) > 1000, shape.name


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
def test_every_document_of_every_shape(shape, tmp_path):
    check_workspace(build(generate(shape, tmp_path / "workspace")))


SHAPE = st.builds(
    Shape, name=st.just("drawn"), locations=st.sampled_from([1, 4]),
    register=st.sampled_from(REGISTERS),
    without=st.sets(st.sampled_from(OPTIONAL)).map(lambda s: tuple(sorted(s))),
    whole_organisation=st.booleans(), english=st.booleans(), texts=st.booleans(),
    volunteers_all=st.booleans(), workbook=st.booleans(), seed=st.integers(0, 10_000))


@settings(max_examples=2, deadline=None, derandomize=True, database=None,
          phases=[Phase.generate], suppress_health_check=[HealthCheck.too_slow])
@given(shape=SHAPE)
def test_drawn_shapes(shape):
    with tempfile.TemporaryDirectory() as folder:
        check_workspace(build(generate(shape, Path(folder) / "workspace")))
