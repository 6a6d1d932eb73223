"""Slips a new user makes, and what grantgen says (#12): a funder id typed wrong, a stray
copy of a fact file, a lock file beside an open one. Nothing is dropped without a word; what
the contract allows (other income without a profile) still builds.

The broken-workspace corpus (tests/broken/, checked in English by test_broken.py) holds a
case for each slip; here they are checked in Dutch as well."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workspace_factory import TABLES, make_workspace, write_csv

BROKEN = Path(__file__).parent / "broken"

#: corpus case -> a line `grantgen check` prints for it in Dutch
DUTCH = {
    "funder-id-typo":
        "facts/funding.csv, rij 4, kolom source: voor 'gemeetne' staat geen financier in "
        "funders/, dus voor deze aanvraag zou geen aanvraagdocument gemaakt worden. Bedoel je "
        "'gemeente'?",
    "stray-copy-of-a-csv-file":
        "facts/funding (1).csv: is geen tabel van de feiten, dus wat erin staat zou niet "
        "gelezen worden. Bedoel je 'funding'? Zet wat erin staat in facts/funding.csv en haal "
        "dit bestand daarna uit de map facts/.",
    "workbook-sheet-renamed":
        "facts/facts.xlsx [Financiering]: het blad 'Financiering' is geen tabel van de "
        "feiten, dus wat erin staat zou niet gelezen worden. Bedoel je 'funding'? Noem het "
        "blad 'funding'.",
    "workbook-required-sheet-renamed":
        "facts/facts.xlsx: het blad 'locations' ontbreekt. Is het het blad 'Locaties'? Noem "
        "dat blad 'locations'.",
    "workbook-sheet-copied":
        "facts/facts.xlsx [budget (2)]: het blad 'budget (2)' is geen tabel van de feiten, "
        "dus wat erin staat zou niet gelezen worden. Bedoel je 'budget'? Zet wat erin staat "
        "in het blad 'budget' en verwijder daarna dit blad.",
    "ambiguous-amount-in-a-comma-file":
        "facts/budget.csv, rij 2, kolom amount: '12.700' kan € 12.700 zijn of € 12,70. "
        "Schrijf 12700 of 12.70 (in een bestand met komma's als scheidingsteken is de punt "
        "het decimaalteken).",
    "ambiguous-amount-in-a-semicolon-file":
        "facts/budget.csv, rij 3, kolom amount: '3,500' kan € 3.500 zijn of € 3,50. Schrijf "
        "3500 of 3,50.",
}


@pytest.mark.parametrize("case", sorted(DUTCH))
def test_each_slip_is_named_in_dutch(cli, tmp_path, case):
    workspace = tmp_path / case
    shutil.copytree(BROKEN / case, workspace, ignore=shutil.ignore_patterns("expected.txt"))
    for command in ("check", "build"):
        result = cli([command, "--workspace", str(workspace)], env={"GRANTGEN_LANGUAGE": "nl"})
        assert result.exit_code == 1, result.output
        assert any(DUTCH[case] in line for line in result.output.splitlines()), result.output
    assert "niets geschreven" in result.output
    assert not (workspace / "output").exists()


# ---- funding sources -------------------------------------------------------------------------

def funding(*rows: list[str]) -> dict:
    return {"funding": [TABLES["funding"][0], *rows]}


def check(cli, root: Path):
    return cli(["check", "--workspace", str(root)])


#: (source, status) -> the error `check` gives for the funding row
SOURCE_SLIPS = {
    ("fonds-aa", "requested"):
        "'fonds-aa' is no funder profile, so no application would be written for this "
        "request. Did you mean 'fonds-a'? If it is another funder, add funders/fonds-aa.yaml; "
        "if it is income without a profile, write it as a name, such as 'Fonds Aa'.",
    ("gemeetne", "committed"):
        "'gemeetne' is no funder profile, so this would count as other income, not as money "
        "from gemeente. Did you mean 'gemeente'?",
    ("fondsa", "received"):
        "'fondsa' is no funder profile, so this would count as other income, not as money "
        "from fonds-a.",
    ("Fonds A", "requested"):
        "'Fonds A' is no funder profile, so no application would be written for this "
        "request. It is the funder 'fonds-a' written as a name: write its id, 'fonds-a'.",
    ("fonds_a", "committed"):
        "It is the funder 'fonds-a' written as a name: write its id, 'fonds-a'.",
    ("Gemeente", "received"):
        "It is the funder 'gemeente' written as a name: write its id, 'gemeente'.",
}


@pytest.mark.parametrize(("source", "status"), sorted(SOURCE_SLIPS))
def test_a_slip_of_a_funder_id_is_an_error_naming_the_profile(cli, tmp_path, source, status):
    """#12: `oranje-fodns` gave a warning, exit 0, and the application silently went."""
    make_workspace(tmp_path, tables=funding(["2019", "linde", source, "4000", status]))
    result = check(cli, tmp_path)
    assert result.exit_code == 1, result.output
    assert (f"facts/funding.csv, row 2, column source: '{source}' is no funder profile"
            in result.output), result.output
    assert SOURCE_SLIPS[(source, status)] in result.output


OTHER_INCOME = [
    # another funder without a profile, an id a letter or a number away from a profile's
    ("fonds-b", "committed"), ("fonds-b", "received"), ("gemeente-2", "rejected"),
    # labels of other income, as FACTS.md names them, in any status
    ("eigen bijdragen", "received"), ("donaties", "committed"), ("Fonds B", "requested"),
    ("sponsoring", "rejected"), ("Diaconie Overvecht", "committed"),
]


@pytest.mark.parametrize(("source", "status"), OTHER_INCOME)
def test_other_income_without_a_profile_still_builds(cli, tmp_path, source, status):
    make_workspace(tmp_path, tables=funding(
        ["2019", "linde", "fonds-a", "10000", "requested"],
        ["2019", "linde", source, "1500", status]))
    result = cli(["build", "--workspace", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2019/fonds-a/aanvraag-2019-linde.docx" in result.output


def test_a_request_to_a_funder_without_a_profile_is_not_silent(cli, tmp_path):
    """A request whose source is an id like no profile's: not an error (FACTS.md allows any
    source), but no application is made, and check and build say so."""
    make_workspace(tmp_path, tables=funding(["2019", "linde", "wijkfonds", "2500", "requested"]))
    for command in ("check", "build"):
        result = cli([command, "--workspace", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert ("warning: facts/funding.csv, row 2, column source: 'wijkfonds' has no profile "
                "in funders/, so no application is written for it. Add funders/wijkfonds.yaml "
                "to generate the application.") in result.output


# ---- files in facts/ that are no table --------------------------------------------------------

STRAY_FILES = {
    # file name -> the hint `check` gives
    "funding (1).csv": "Did you mean 'funding'? Put what it holds in facts/funding.csv, then "
                       "move this file out of facts/.",
    "Kopie van budget.csv": "Did you mean 'budget'? Put what it holds in facts/budget.csv",
    "budget - Kopie (2).csv": "Did you mean 'budget'? Put what it holds in facts/budget.csv",
    "budgets.csv": "Did you mean 'budget'?",
    "begroting.csv": "Did you mean 'budget'?",
    "stories.csv.csv": "Did you mean 'stories'? Rename it to stories.csv.",
    "export.csv": "Did you mean 'visits'? Put what it holds in facts/visits.csv",
    "notities.csv": "The tables are: locations, visits, participants, participant_profiles, "
                    "volunteers, activities, indicators, outcomes, budget, actuals, funding, "
                    "stories, explanations. Rename it after its table, or move it out of "
                    "facts/.",
    "facts (1).xlsx": "Rename it to facts.xlsx.",
}


@pytest.mark.parametrize("name", sorted(STRAY_FILES))
def test_a_file_in_facts_that_is_no_table_is_an_error(cli, tmp_path, name):
    """#12: `funding (1).csv` beside funding.csv gave "no errors" and its rows went unread."""
    make_workspace(tmp_path)
    rows = {"export.csv": TABLES["visits"], "notities.csv": [["datum", "notitie"],
                                                             ["2019-01-08", "gemeente bellen"]],
            "stories.csv.csv": [["story_id", "location_id", "year", "quote", "consent"]]}
    write_csv(tmp_path / "facts" / name, rows.get(name, TABLES["funding"]))
    for command in ("check", "build"):
        result = cli([command, "--workspace", str(tmp_path)])
        assert result.exit_code == 1, result.output
        assert f"facts/{name}: " in result.output
        assert STRAY_FILES[name] in result.output
    assert not (tmp_path / "output").exists()


def test_a_stray_csv_file_beside_the_workbook_points_at_its_sheet(cli, tmp_path):
    make_workspace(tmp_path)
    assert cli(["facts", "to-xlsx", "--workspace", str(tmp_path)]).exit_code == 0
    write_csv(tmp_path / "facts" / "funding (1).csv", TABLES["funding"])
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert ("facts/funding (1).csv: is not a table of the facts, so what it holds would not "
            "be read. Did you mean 'funding'? The facts are in facts.xlsx: put what it holds "
            "in its sheet 'funding', then move this file out of facts/.") in result.output


def test_a_renamed_locations_file_is_named_where_it_is_missing(cli, tmp_path):
    make_workspace(tmp_path)
    (tmp_path / "facts" / "locations.csv").rename(tmp_path / "facts" / "Locaties.csv")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert ("facts/locations.csv: is missing. Is it Locaties.csv? Rename that file to "
            "locations.csv.") in result.output


def test_two_files_of_one_table_are_an_error(cli, tmp_path):
    make_workspace(tmp_path)
    write_csv(tmp_path / "facts" / "Budget.csv", TABLES["budget"][:2])
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert "holds the table budget too; grantgen cannot tell which one to read. Keep one of " \
           "the two files." in result.output


@pytest.mark.parametrize("lock", ["~$budget.csv", ".~lock.budget.csv#", "~$facts.xlsx",
                                  "~$dget.csv"])
def test_lock_files_are_never_tables(cli, tmp_path, lock):
    make_workspace(tmp_path)
    (tmp_path / "facts" / lock).write_bytes(b"Els Bakker\x00\x00")
    result = cli(["build", "--workspace", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "is not a table" not in result.output and "workbook" not in result.output
    if "budget" in lock or "dget" in lock:
        assert f"warning: facts/budget.csv: is open in Excel or LibreOffice ({lock} is " \
               "beside it)" in result.output
