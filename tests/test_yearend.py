"""Year-end documents (#3): the annual report and an accountability report per funder."""

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, run

from helpers.docs import all_docx, assert_golden, docx_text
from helpers.dutch import dutch_number
from workspace_factory import make_year_end_workspace

FACTS = ROOT / "facts"
COMMITTED = ["committed", "received"]


def manifest(out: Path) -> list[dict]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def year_2018(tmp_path_factory) -> Path:
    """The example built with --year 2018 (read-only for the tests)."""
    target = tmp_path_factory.mktemp("year-2018")
    for name in ("facts", "funders", "texts"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    result = run(["build", "--workspace", str(target), "--year", "2018"])
    assert result.exit_code == 0, result.output
    return target


# ---- what --year 2018 builds -------------------------------------------------------------
def test_year_2018_builds_the_annual_report_and_a_report_per_funder(year_2018):
    funding = pd.read_csv(FACTS / "funding.csv")
    profiles = {p.stem for p in (ROOT / "funders").glob("*.yaml")}
    funded = funding[(funding["year"] == 2018) & funding["status"].isin(COMMITTED)
                     & funding["source"].isin(profiles)]
    expected = {f"2018/{f}/verantwoording-2018.docx" for f in funded["source"].unique()}
    assert len(expected) >= 4  # a funder of every type
    entries = manifest(year_2018 / "output")
    assert {e["path"] for e in entries} == expected | {"2018/jaarverslag-2018.docx"}
    for entry in entries:
        assert entry["year"] == 2018
        assert entry["kind"] in ("report", "annual-report")
        data = (year_2018 / "output" / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["status"] == "draft" and len(entry["inputs_sha256"]) == 64
        if entry["kind"] == "report":
            assert entry["funder_id"] in funded["source"].values
            assert entry["template"].startswith("(built-in) report-")
        else:
            assert entry["funder_id"] is None
            assert entry["template"] == "(built-in) annual-report.docx"


def test_year_end_documents_are_reproducible(year_2018, example_build):
    """Two builds of the same facts (one of every year, one of 2018) give the same bytes,
    charts included."""
    first = {e["path"]: e["sha256"] for e in manifest(year_2018 / "output")}
    second = {e["path"]: e["sha256"] for e in manifest(example_build) if e["path"] in first}
    assert first == second


# ---- privacy -----------------------------------------------------------------------------
def test_no_story_without_consent_and_no_pseudonym_in_any_document(example_build):
    stories = pd.read_csv(FACTS / "stories.csv")
    secret = stories[stories["consent"] != "yes"]
    shared = stories[stories["consent"] == "yes"]
    assert len(secret) >= 2 and len(shared) >= 2
    pseudonyms = set(pd.read_csv(FACTS / "visits.csv")["participant_id"])
    texts = {p: docx_text(p) for p in all_docx(example_build)}
    assert any("jaarverslag" in p.name for p in texts)
    for path, text in texts.items():
        for _i, story in secret.iterrows():
            assert story["quote"] not in text, f"{path.name} holds story {story['story_id']}"
            assert story["title"] not in text, f"{path.name} holds story {story['story_id']}"
        assert not set(re.findall(r"[\w-]+", text)) & pseudonyms, f"{path.name} leaks"
    # the stories with consent do reach the annual report of their year
    annual = texts[example_build / "2018" / "jaarverslag-2018.docx"]
    for _i, story in shared[shared["year"] == 2018].iterrows():
        assert story["quote"] in annual


# ---- charts and the table of contents ------------------------------------------------------
def test_annual_report_has_charts_as_pictures_with_alt_text(example_build):
    path = example_build / "2018/jaarverslag-2018.docx"
    with zipfile.ZipFile(path) as docx:
        pictures = [n for n in docx.namelist() if n.startswith("word/media/")]
        body = docx.read("word/document.xml").decode("utf-8")
    assert len(pictures) == 2
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)
    assert len(descriptions) == 2
    assert all(len(d) > 80 for d in descriptions)
    visits = pd.read_csv(FACTS / "visits.csv", parse_dates=["date"])
    unique = visits[visits["date"].dt.year == 2018]["participant_id"].nunique()
    assert f"{dutch_number(unique)} (2018)" in descriptions[0]  # the figures, in words
    text = docx_text(path)
    assert "Figuur 1. Unieke deelnemers per locatie, 2016–2018." in text
    assert "Figuur 2. Begroting en realisatie 2018 per kostensoort." in text


def test_table_of_contents_lists_the_chapters_with_page_fields(example_build):
    path = example_build / "2018/jaarverslag-2018.docx"
    text = docx_text(path)
    contents = text.split("Inhoud\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert contents[:3] == ["1\u2003Voorwoord", "2\u2003Organisatie en bestuur",
                            "3\u2003Het jaar in cijfers"]
    assert "De Klop (Overvecht)" in contents
    with zipfile.ZipFile(path) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert body.count("PAGEREF _Toc") == len(contents)
    assert "<w:updateFields w:val=\"true\"/>" in zipfile.ZipFile(path).read(
        "word/settings.xml").decode("utf-8")


def test_golden_text(example_build):
    """The annual report and one report per funder type, compared with their golden text."""
    assert_golden(example_build, ["2018/jaarverslag-2018.docx",
                                   "2018/gemeente-utrecht/verantwoording-2018.docx",
                                   "2018/mitros/verantwoording-2018.docx",
                                   "2018/kansfonds/verantwoording-2018.docx",
                                   "2018/zilveren-kruis/verantwoording-2018.docx"])


# ---- small workspaces --------------------------------------------------------------------
def test_the_plan_of_finished_years(cli, tmp_path):
    make_year_end_workspace(tmp_path)
    result = cli(["build", "--workspace", str(tmp_path)])
    assert result.exit_code == 0, result.output
    documents = {(e["kind"], e["year"], e["funder_id"]) for e in manifest(tmp_path / "output")}
    assert documents == {
        ("application", 2019, "fonds-a"),
        # committed and received funding in a year with actuals; a request is no grant
        ("report", 2018, "fonds-a"), ("report", 2018, "gemeente"), ("report", 2019, "gemeente"),
        # 2017 has no actuals: no annual report, no report
        ("annual-report", 2018, None), ("annual-report", 2019, None)}
    result = cli(["build", "--workspace", str(tmp_path), "--year", "2019",
                  "--out", str(tmp_path / "only-2019")])
    assert {e["path"] for e in manifest(tmp_path / "only-2019")} == {
        "2019/fonds-a/aanvraag-2019-linde.docx", "2019/gemeente/verantwoording-2019.docx",
        "2019/jaarverslag-2019.docx"}


def test_closed_location_appears_closed_in_its_last_year_and_never_after(cli, tmp_path):
    make_year_end_workspace(tmp_path)
    assert cli(["build", "--workspace", str(tmp_path)]).exit_code == 0
    out = tmp_path / "output"
    closing_year = docx_text(out / "2018/jaarverslag-2018.docx")
    assert "gesloten: De Eik (30 juni 2018)" in closing_year
    assert ("De Eik is gesloten op 30 juni 2018. De cijfers gaan over 1 januari 2018 tot en "
            "met 30 juni 2018, de sluitingsdatum.") in closing_year
    # its figures up to the closing date: the people it saw in 2018 (q-d4 and q-a1)
    chapter = closing_year.split("De Eik (Liendert)\n", 2)[2]
    assert chapter.startswith("Open sinds maart 2016\n")
    assert "Unieke deelnemers | 2 (2017: 2)" in chapter
    assert "Kosten | € 2.900 (begroot € 3.000)" in chapter
    assert "“De Eik was mijn tweede huiskamer.”" in chapter
    # the report to the fund that granted it money that year says so too
    report = docx_text(out / "2018/fonds-a/verantwoording-2018.docx")
    assert "De Eik is gesloten op 30 juni 2018." in report
    for later in ("2019/jaarverslag-2019.docx", "2019/gemeente/verantwoording-2019.docx"):
        assert "Eik" not in docx_text(out / later), later


def test_missing_explanation_is_a_warning_naming_the_line(cli, tmp_path):
    make_year_end_workspace(tmp_path)
    result = cli(["check", "--workspace", str(tmp_path), "--year", "2018"])
    assert result.exit_code == 0, result.output
    warning = ("warning: facts/actuals.csv, row 3, column amount: 2018 linde, Activiteiten / "
               "Materialen: € 3.600 realised against a budget of € 3.000 (+20%); a difference "
               "above 10% needs an explanation. Add a row to facts/explanations.csv: "
               "2018,linde,Activiteiten,Materialen,<why>.")
    assert warning in result.output
    assert cli(["check", "--workspace", str(tmp_path), "--year", "2018",
                "--strict"]).exit_code == 1
    build = cli(["build", "--workspace", str(tmp_path), "--year", "2018"])
    assert build.exit_code == 0
    assert warning in build.output  # build says it as check does
    # the document states the deviation, and no note to us about what is missing (#13)
    for path in ("2018/jaarverslag-2018.docx", "2018/fonds-a/verantwoording-2018.docx"):
        lines = docx_text(tmp_path / "output" / path).splitlines()
        line = ("De Linde, Materialen (activiteiten): € 3.600 gerealiseerd tegen € 3.000 "
                "begroot (+20%).")
        assert line in lines, path
        after = lines[lines.index(line) + 1]
        assert "Toelichting" not in after and "ontbreekt" not in after and "[" not in after
        assert "explanations" not in "\n".join(lines), path


@pytest.mark.parametrize("sheet", [True, False])
def test_missing_explanation_names_the_workbook_sheet(cli, tmp_path, sheet):
    """A workspace that keeps its facts in facts.xlsx is told to add the explanation to the
    sheet, also when the workbook has no explanations sheet yet."""
    from openpyxl import load_workbook

    make_year_end_workspace(tmp_path)
    assert cli(["facts", "to-xlsx", "--workspace", str(tmp_path)]).exit_code == 0
    workbook = tmp_path / "facts" / "facts.xlsx"
    if not sheet:
        book = load_workbook(workbook)
        del book["explanations"]
        book.save(workbook)
    result = cli(["check", "--workspace", str(tmp_path), "--year", "2018"])
    assert result.exit_code == 0, result.output
    assert ("warning: facts/facts.xlsx [actuals], row 3, column amount: 2018 linde, "
            "Activiteiten / Materialen: € 3.600 realised against a budget of € 3.000 (+20%); "
            "a difference above 10% needs an explanation. Add a row to facts/facts.xlsx "
            "[explanations]: year 2018, location_id linde, category Activiteiten, item "
            "Materialen, and in the column explanation why.") in result.output
    assert "explanations.csv" not in result.output


def test_explanation_reaches_the_documents(cli, tmp_path):
    make_year_end_workspace(tmp_path, tables={"explanations": [
        ["year", "location_id", "category", "item", "explanation"],
        ["2018", "linde", "Activiteiten", "Materialen", "Extra knutselmiddag in de zomer."],
        ["2018", "linde", "Activiteiten", "Materiaal", "Typfout."]]})
    result = cli(["check", "--workspace", str(tmp_path), "--year", "2018"])
    assert result.exit_code == 0
    assert "needs an explanation" not in result.output
    assert ("warning: facts/explanations.csv, row 3, column item: there is no budget or actual "
            "line 2018 linde, Activiteiten / Materiaal; this explanation is not used.") \
        in result.output
    assert cli(["build", "--workspace", str(tmp_path), "--year", "2018"]).exit_code == 0
    for path in ("2018/jaarverslag-2018.docx", "2018/fonds-a/verantwoording-2018.docx",
                 "2018/gemeente/verantwoording-2018.docx"):
        text = docx_text(tmp_path / "output" / path)
        assert "(+20%).\nExtra knutselmiddag in de zomer." in text, path
        assert "Toelichting ontbreekt" not in text


def test_location_without_actuals_is_a_warning_and_shows_no_totals(cli, tmp_path):
    from workspace_factory import YEAR_END_TABLES

    actuals = [row for row in YEAR_END_TABLES["actuals"] if row[1] != "eik"]
    make_year_end_workspace(tmp_path, tables={"actuals": actuals})
    result = cli(["check", "--workspace", str(tmp_path), "--year", "2018"])
    assert ("warning: facts/actuals.csv: eik has a budget for 2018 but no realised costs; the "
            "year-end documents show its budget without actuals. Add the realised costs of "
            "eik in 2018 to facts/actuals.csv.") in result.output
    assert cli(["build", "--workspace", str(tmp_path), "--year", "2018"]).exit_code == 0
    text = docx_text(tmp_path / "output/2018/fonds-a/verantwoording-2018.docx")
    assert "Voor De Eik zijn nog geen gerealiseerde kosten vastgelegd." in text
    assert "Huur | € 3.000 | – | – | – | " in text
    # a total over part of the lines would mislead: there is none
    assert "Totale kosten | € 15.000 | – | – | –" in text
    assert "Werkelijke kosten |  | –" in text
    assert "De gerealiseerde kosten zijn nog niet volledig vastgelegd." in text


def test_funded_location_without_costs_is_a_warning(cli, tmp_path):
    from workspace_factory import YEAR_END_TABLES

    make_year_end_workspace(tmp_path, tables={
        name: [row for row in YEAR_END_TABLES[name] if row[1] != "eik"]
        for name in ("budget", "actuals")})
    result = cli(["check", "--workspace", str(tmp_path), "--year", "2018"])
    assert result.exit_code == 0
    assert ("warning: facts/actuals.csv: eik has no realised costs for 2018, while fonds-a "
            "funded it; its report shows no spending. Add the realised costs of eik in 2018 "
            "to facts/actuals.csv.") in result.output


def test_report_in_english_for_an_english_funder(cli, tmp_path):
    make_year_end_workspace(tmp_path, funders={"fonds-a": {
        "id": "fonds-a", "name": "Fund A", "type": "private-fund", "language": "en",
        "rules": {"requires_volunteers": True, "min_volunteers": 5},
        "reporting": [{"above": 0, "label": "Final report", "requires": ["content-report"]},
                      {"above": 5000, "label": "Audited accounts",
                       "requires": ["accountant-statement"]}]}})
    result = cli(["build", "--workspace", str(tmp_path), "--year", "2018"])
    assert result.exit_code == 0, result.output
    text = docx_text(tmp_path / "output/2018/fonds-a/report-2018.docx")
    assert "Report 2018\nDe Linde and De Eik · to Fund A" in text
    assert "Subject: Report on the grant 2018" in text
    assert "Amount granted | €8,000" in text
    assert "Fund A asks for at least 5 per location" in text
    assert "Audited accounts (from €5,000)" in text
    assert "Enclosed with this report:\nAuditor's report" in text
    # the budget's categories in English (a built-in name for a usual Dutch category)
    assert "Accommodation | €12,000 | €11,900 | -€100 | -0.8%\n" in text
    assert "Huisvesting" not in text
    assert "Materialen | €3,000 | €3,600 | €600 | 20.0% | *" in text
    assert "De Eik closed on 30 June 2018." in text
    assert "Dit mag niemand lezen" not in text


def test_annual_report_in_english(cli, tmp_path):
    from workspace_factory import ORGANISATION

    make_year_end_workspace(tmp_path, organisation={**ORGANISATION,
                                                    "settings": {"language": "en"}})
    assert cli(["build", "--workspace", str(tmp_path), "--year", "2018"]).exit_code == 0
    text = docx_text(tmp_path / "output/2018/annual-report-2018.docx")
    assert "Annual report 2018" in text
    assert "Organisation (unique) | 3 |" in text
    assert "Figure 1. Unique participants per location, 2017–2018." in text


