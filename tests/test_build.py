"""`grantgen build` on the example and on small workspaces: the documents users get."""

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from helpers.docs import all_docx, assert_golden, docx_text
from helpers.dutch import dutch_number
from workspace_factory import make_workspace

LEFTOVERS = {"{{": r"\{\{", "{%": r"\{%", "None": r"\bNone\b", "nan": r"\b(nan|NaN)\b"}


def manifest(out: Path) -> list[dict]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]


def test_example_builds_at_least_8_applications(example_build):
    entries = manifest(example_build)
    applications = [e for e in entries if e["kind"] == "application"]
    assert len(applications) >= 8
    # the manifest lists every file written: the documents, and beside the applications to
    # funders with an online form that form and the budget workbook
    on_disk = {p.relative_to(example_build).as_posix() for p in example_build.rglob("*")
               if p.is_file() and p.name != "manifest.json"
               and not any(part.startswith(".") for part in p.relative_to(example_build).parts)}
    assert {e["path"] for e in entries} == on_disk
    for entry in entries:
        data = (example_build / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["status"] == "draft"
        assert len(entry["inputs_sha256"]) == 64
        for key in ("kind", "funder_id", "location_id", "year", "template"):
            assert key in entry


def test_file_names_a_person_understands(example_build):
    paths = {e["path"] for e in manifest(example_build)}
    assert "2019/oranje-fonds/aanvraag-2019-de-klop.docx" in paths
    assert "2019/gemeente-utrecht/aanvraag-2019-de-klop.docx" in paths


def test_no_leftovers_or_pseudonyms_in_any_document(example_build):
    pseudonyms = set(pd.read_csv(ROOT / "facts" / "visits.csv")["participant_id"])
    for path in all_docx(example_build):
        text = docx_text(path)
        for name, pattern in LEFTOVERS.items():
            assert not re.search(pattern, text), f"{path.name} contains {name}"
        words = set(re.findall(r"[\w-]+", text))
        assert not words & pseudonyms, f"{path.name} leaks a pseudonym"


def test_golden_text(example_build):
    """One application per funder type, compared with its golden text."""
    assert_golden(example_build, [
        "2019/gemeente-utrecht/aanvraag-2019-de-klop.docx",
        "2019/mitros/aanvraag-2019-top.docx",
        "2019/oranje-fonds/aanvraag-2019-de-klop.docx",
        "2019/zilveren-kruis/aanvraag-2019-de-klop.docx",
        # the short summary within a word limit; an English application (#5)
        "2019/kansfonds/aanvraag-2019-de-klop.docx",
        "2019/open-neighbourhoods-fund/application-2019-de-klop.docx"])


def test_special_characters_render(cli, tmp_path):
    make_workspace(tmp_path, organisation={
        "name": "Stichting Wonen & Welzijn <Noord> é", "legal_form": "stichting",
        "mission": "Samen \"sterk\" & 'gezond'.", "city": "Zwolle"},
        tables={"locations": [["location_id", "name", "neighbourhood", "city", "opened"],
                              ["linde", "Café & Co <1>", "Wijk & Zo", "Zwolle", "2015-01-01"],
                              ["eik", "De Eik", "Liendert", "Zwolle", "2016-03-01"]]})
    result = cli(["build", "--workspace", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = docx_text(tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx")
    assert "Stichting Wonen & Welzijn <Noord> é" in text
    assert "Café & Co <1> (Wijk & Zo)" in text
    assert "Samen \"sterk\" & 'gezond'." in text


def test_failed_build_leaves_previous_output(cli, example):
    assert cli(["build", "--workspace", str(example)]).exit_code == 0
    out = example / "output"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    budget = example / "facts" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8") + "2019,de-klop,X,Y,-5\n",
                      encoding="utf-8")
    result = cli(["build", "--workspace", str(example)])
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert before == after


def test_changed_figure_reaches_every_document(cli, example):
    """The fundraiser's tour: change one figure, rebuild, see it in every document."""
    budget = example / "facts" / "budget.csv"
    text = budget.read_text(encoding="utf-8")
    assert "2019,de-klop,Huisvesting,Huur,12700" in text
    budget.write_text(text.replace("2019,de-klop,Huisvesting,Huur,12700",
                                   "2019,de-klop,Huisvesting,Huur,13700"), encoding="utf-8")
    assert cli(["build", "--workspace", str(example)]).exit_code == 0
    for path in (example / "output/2019").glob("*/aanvraag-2019-de-klop.docx"):
        assert "€ 41.000" in docx_text(path), path  # the gap grew by € 1.000


def test_year_filter(cli, example):
    result = cli(["build", "--workspace", str(example), "--year", "2018"])
    assert result.exit_code == 0
    assert all(e["year"] == 2018 for e in manifest(example / "output"))


@pytest.mark.parametrize("command", ["facts", "funders"])
def test_overview_commands(cli, example, command):
    result = cli([command, "--workspace", str(example)])
    assert result.exit_code == 0, result.output
    if command == "facts":
        visits = pd.read_csv(ROOT / "facts" / "visits.csv", parse_dates=["date"])
        unique_2018 = visits[visits["date"].dt.year == 2018]["participant_id"].nunique()
        assert dutch_number(unique_2018) in result.output
        assert "€ 40.000" in result.output
    else:
        funding = pd.read_csv(ROOT / "facts" / "funding.csv")
        asked = funding[(funding.source == "gemeente-utrecht")
                        & (funding.status == "requested")]["amount"]
        summary = f"{len(asked)}  € {dutch_number(int(asked.sum()))}"
        assert any(line.startswith("gemeente-utrecht") and line.endswith(summary)
                   for line in result.output.splitlines()), result.output
        assert any(re.fullmatch(r"2019\s+gemeente-utrecht\s+De Klop\s+€ 40\.000", line)
                   for line in result.output.splitlines()), result.output


def test_a_letter_for_the_whole_organisation_names_it_as_a_sentence_does(example_build):
    """Mid-sentence the organisation as a whole is 'de hele organisatie', never the table
    label 'Hele organisatie' (location.name_in_sentence), in Dutch and in English."""
    import json

    manifest = json.loads((example_build / "manifest.json").read_text(encoding="utf-8"))
    letters = [e for e in manifest["documents"] if e["kind"] == "application"
               and e["location_id"] == "all"]
    assert letters
    for entry in letters:
        text = docx_text(example_build / entry["path"])
        assert "voor Hele organisatie" not in text and "for Whole organisation" not in text
        assert ("voor de hele organisatie" in text) or ("for the whole organisation" in text)
