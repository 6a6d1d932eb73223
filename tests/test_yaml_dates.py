"""Dates in organisation.yaml, the funder profiles and the texts' headers are read as the
fact tables read them (grantgen/core/dates.py): whatever a CSV file accepts is accepted
there, whatever it refuses is refused, and a date that was accepted is shown as that date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from grantgen.core.errors import Problems
from grantgen.core.workspace import Workspace
from grantgen.facts.reading import load_facts
from grantgen.profiles.funders import load_funder
from grantgen.profiles.organisation import load_organisation
from helpers.docs import docx_text
from workspace_factory import ORGANISATION, TABLES, make_workspace

#: ways people type 15 February 2016, and mistakes
SPELLINGS = ["2016-02-15", "15-02-2016", "15/02/2016", "15-02-16", "2016-02-15 00:00:00",
             "2016-2-15", " 15-02-2016 ", "02/15/2016", "31-02-2016", "2016-02-31", "15.02.2016",
             "15 februari 2016", "20160215", "2016", "1500-02-15", "vijftien februari"]


def _csv_reading(tmp_path: Path, written: str) -> dt.date | None:
    """How facts/locations.csv reads `written` as the date a location opened."""
    rows = [list(row) for row in TABLES["locations"]]
    rows[1][rows[0].index("opened")] = written
    root = make_workspace(tmp_path / "csv", tables={"locations": rows})
    problems = Problems()
    facts = load_facts(Workspace.open(root), problems)
    if any(p.file == "facts/locations.csv" and p.column == "opened" for p in problems.errors):
        return None
    return facts["locations"]["opened"].iloc[0].date()


def _yaml_text(value: str) -> str:
    """`value` as a YAML value, written as a person would: without quotes, except where YAML
    would drop the spaces around it."""
    return f"'{value}'" if value != value.strip() else value


def _organisation_reading(tmp_path: Path, written: str) -> tuple[dt.date | None, list[str]]:
    path = tmp_path / "organisation.yaml"
    path.write_text(f"name: X\nlegal_form: stichting\nmission: M\nfounded: {_yaml_text(written)}\n",
                    encoding="utf-8")
    problems = Problems()
    organisation = load_organisation(path, "facts/organisation.yaml", problems)
    return (organisation.founded if organisation else None), [str(p) for p in problems.items]


def _profile_reading(tmp_path: Path, written: str) -> tuple[dt.date | None, list[str]]:
    path = tmp_path / "fonds-x.yaml"
    path.write_text("id: fonds-x\nname: Fonds X\ntype: private-fund\ndeadlines:\n"
                    f"  - date: {_yaml_text(written)}\n", encoding="utf-8")
    problems = Problems()
    funder = load_funder(path, "funders/fonds-x.yaml", problems)
    return (funder.deadlines[0].date if funder else None), [str(p) for p in problems.items]


@pytest.mark.parametrize("written", SPELLINGS)
def test_organisation_and_profiles_accept_what_the_csv_files_accept(tmp_path, written):
    from_csv = _csv_reading(tmp_path, written)
    founded, organisation_problems = _organisation_reading(tmp_path, written)
    deadline, profile_problems = _profile_reading(tmp_path, written)
    assert founded == from_csv, organisation_problems
    assert deadline == from_csv, profile_problems
    if from_csv is None:  # refused everywhere, with the file, the line and the key
        assert organisation_problems == [
            f"facts/organisation.yaml, line 4: founded: '{written}' is not a date. "
            "Write dates as 2018-11-30 or 30-11-2018."]
        assert profile_problems == [
            f"funders/fonds-x.yaml, line 5: deadlines.0.date: '{written}' is not a date. "
            "Write dates as 2018-11-30 or 30-11-2018."]
    else:
        assert organisation_problems == profile_problems == []


def test_the_american_way_and_impossible_dates_are_refused_not_guessed(tmp_path):
    for written in ("02/15/2016", "31-02-2016", "2016-02-31"):
        assert _organisation_reading(tmp_path, written)[0] is None
    assert _organisation_reading(tmp_path, "15-02-2016")[0] == dt.date(2016, 2, 15)


def test_an_impossible_date_in_dutch(cli, tmp_path):
    root = make_workspace(tmp_path / "ws", organisation={**ORGANISATION, "founded": "31-02-2016"})
    result = cli(["check", "--workspace", str(root)], env={"GRANTGEN_LANGUAGE": "nl"})
    assert result.exit_code == 1
    line = (root / "facts" / "organisation.yaml").read_text(encoding="utf-8").splitlines() \
        .index("founded: 31-02-2016") + 1
    assert (f"facts/organisation.yaml, regel {line}: founded: '31-02-2016' is geen datum. "
            "Schrijf datums als 30-11-2018 of 2018-11-30.") in result.output


def test_a_text_header_reads_dates_the_same_way(cli, tmp_path):
    root = make_workspace(tmp_path / "ws")
    (root / "texts").mkdir()
    (root / "texts" / "samenvatting.md").write_text(
        "---\nowner: Els Bakker\nreviewed: 31-02-2018\n---\nTekst.\n", encoding="utf-8")
    result = cli(["check", "--workspace", str(root)])
    assert ("texts/samenvatting.md, line 3: reviewed: '31-02-2018' is not a date. "
            "Write dates as 2018-11-30 or 30-11-2018.") in result.output


# YAML writes a date as 2016-02-15, without quotes, and the Dutch text as it is
@pytest.mark.parametrize(("founded", "written"), [("15-02-2016", "15-02-2016"),
                                                  (dt.date(2016, 2, 15), "2016-02-15")])
def test_a_dutch_founding_date_is_accepted_and_shown_right(cli, tmp_path, founded, written):
    root = make_workspace(tmp_path / "ws", organisation={**ORGANISATION, "founded": founded})
    assert f"founded: {written}\n" in (root / "facts" / "organisation.yaml").read_text("utf-8")
    result = cli(["build", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    texts = [docx_text(path) for path in sorted((root / "output").rglob("*.docx"))]
    assert texts
    shown = [text for text in texts if "15 februari 2016" in text]
    assert shown, "no document shows the founding date"
    for text in texts:
        assert "2016-02-15" not in text and "15-02-2016" not in text


def test_a_deadline_on_29_february_falls_on_the_28th_in_other_years(cli, tmp_path):
    root = make_workspace(tmp_path / "ws")
    profile = root / "funders" / "fonds-a.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "deadlines:\n  - label: Ronde\n"
                       "    day: 29\n    month: 2\n    year_offset: 0\n", encoding="utf-8")
    result = cli(["deadlines", "--workspace", str(root), "--today", "01-01-2019"])
    assert result.exit_code == 0, result.output
    assert "28 februari 2019" in result.output  # the workspace's language: Dutch
