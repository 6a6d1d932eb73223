"""Year-end documents that add up (#13): realised income without what was never granted,
each story once, 'no figures for the year before' apart from 'new', and the organisation's
own results and stories told once, not under each location."""

from __future__ import annotations

import pandas as pd
import yaml
from docx import Document

from grantgen.core.labels import label
from helpers.docs import all_docx, docx_text
from workspace_factory import YEAR_END_TABLES, make_year_end_workspace


def _tables(path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows]
            for table in Document(str(path)).tables]


def _funder_names(example) -> dict[str, str]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["name"]
            for p in (example / "funders").glob("*.yaml")}


def test_no_request_that_was_not_granted_in_a_table_of_realised_income(example_build, example):
    funding = pd.read_csv(example / "facts" / "funding.csv")
    not_granted = {label("status", s, "nl") for s in ("requested", "rejected")}
    names = _funder_names(example)
    documents = [p for p in all_docx(example_build)
                 if p.name.startswith(("verantwoording-", "jaarverslag-"))]
    assert documents
    for path in documents:
        for table in _tables(path):
            if table[0][:2] != ["Bron", "Status"]:
                continue
            for row in table[1:]:
                assert row[1] not in not_granted, (path.name, row)
    # the annual report names each of them apart, once
    for path in example_build.glob("*/jaarverslag-*.docx"):
        year = int(path.parent.name)
        text = docx_text(path)
        rows = funding[(funding.year == year) & funding.status.isin(["requested", "rejected"])]
        for row in rows.itertuples():
            sentence = text.split("Niet toegekend, en daarom niet bij de inkomsten: ")[1]
            assert f"{names.get(row.source, row.source)} (" in sentence.split("\n")[0]
        if not len(rows):
            assert "Niet toegekend" not in text


def test_each_story_at_most_once_per_document(example_build, example):
    stories = pd.read_csv(example / "facts" / "stories.csv")
    consented = stories[stories.consent == "yes"]
    shown = 0
    for path in all_docx(example_build):
        text = docx_text(path)
        for quote in consented.quote:
            count = text.count(quote)
            assert count <= 1, (path.name, quote, count)
            shown += count
    assert shown


ORG_WIDE = {
    "indicators": [["indicator_id", "label", "unit", "themes", "higher_is_better"],
                   ["tevreden", "Deelnemers die tevreden zijn", "percent", "", "yes"],
                   ["koffie", "Kopjes koffie geschonken", "count", "", "yes"]],
    "outcomes": [["year", "location_id", "indicator_id", "value", "target", "source"],
                 ["2018", "all", "tevreden", "81", "75", "enquête"],
                 ["2018", "linde", "koffie", "950", "900", "turflijst"],
                 ["2018", "eik", "koffie", "410", "400", "turflijst"]],
    "stories": YEAR_END_TABLES["stories"] + [
        ["s-3", "all", "2018", "Samen zijn we sterker dan elk huis apart.", "yes",
         "Eén netwerk", "vrijwilliger (45)"]],
}


def test_organisation_wide_results_and_stories_are_told_once(cli, tmp_path):
    make_year_end_workspace(tmp_path, tables=ORG_WIDE)
    result = cli(["build", "--workspace", str(tmp_path), "--year", "2018"])
    assert result.exit_code == 0, result.output
    annual = tmp_path / "output/2018/jaarverslag-2018.docx"
    text = docx_text(annual)
    assert text.count("Samen zijn we sterker dan elk huis apart.") == 1
    results = [row for table in _tables(annual) for row in table
               if row[0] == "Deelnemers die tevreden zijn" and "81%" in row]
    assert len(results) == 1, results
    # told in its own part, after the locations' chapters, not in theirs
    # (the last time each heading's text occurs: the table of contents names them first)
    chapter = text.rsplit("De organisatie als geheel", 1)[1]
    assert "Deelnemers die tevreden zijn | 75% | 81%" in chapter.split("\n5\u2003")[0]
    for location in ("De Linde (Schothorst)", "De Eik (Liendert)"):
        own = text.rsplit(location, 1)[1].rsplit("De organisatie als geheel", 1)[0]
        assert "Deelnemers die tevreden zijn" not in own.split("\n2\u2003")[0]
        assert "Samen zijn we sterker" not in own
    # each location keeps its own results
    assert "Kopjes koffie geschonken | 900 | 950 | ja" in text
    assert "Kopjes koffie geschonken | 400 | 410 | ja" in text
    # a report tells every story of its scope once, in its chapter of stories
    for path in (tmp_path / "output/2018").glob("*/verantwoording-2018.docx"):
        report = docx_text(path)
        for quote in ("Samen zijn we sterker dan elk huis apart.",
                      "De Eik was mijn tweede huiskamer."):
            assert report.count(quote) <= 1, (path, quote)


def test_no_figures_for_the_year_before_is_not_new(cli, tmp_path):
    """The register holds no visit of 2017 at all: De Linde and De Eik were open then but
    have no figures for it; De Beuk opened in 2018 and is new. (A location open all of a year
    the register covers, without a visit, has 0 participants: a figure, #12.)"""
    locations = YEAR_END_TABLES["locations"] + [
        ["beuk", "De Beuk", "Vathorst", "Amersfoort", "2018-03-01", ""]]
    visits = [row for row in YEAR_END_TABLES["visits"] if not row[0].startswith("2017")]
    visits += [["2018-04-02", "beuk", "q-g7", "koffie"]]
    make_year_end_workspace(tmp_path, tables={"locations": locations, "visits": visits})
    result = cli(["build", "--workspace", str(tmp_path), "--year", "2018"])
    assert result.exit_code == 0, result.output
    rows = {row[0]: row for table in _tables(tmp_path / "output/2018/jaarverslag-2018.docx")
            for row in table if table[0][:2] == ["Locatie", "Unieke deelnemers"]}
    assert rows["De Linde"][2] == "geen cijfers"
    assert rows["De Eik"][2] == "geen cijfers"
    assert rows["De Beuk"][2] == "nieuw"
