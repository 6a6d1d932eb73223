"""FACTS.md: participant_profiles is optional, and so is the visits register when the
participants table gives the yearly counts. The example without one of them still builds
every document its funding plan calls for: an application to a funder of every type
(housing corporations included), every accountability report and every annual report, each
one a Word file that opens again and shows no None, nan or template tag."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
from conftest import ROOT

from helpers.docs import docx_text
from helpers.dutch import dutch_number
from helpers.plan import expected_plan, funder_profiles

LEFTOVERS = {"None": r"\bNone\b", "nan": r"\b(nan|NaN)\b", "{{": r"\{\{", "{%": r"\{%"}
FUNDER_TYPES = {"municipality", "housing-corporation", "private-fund", "health-insurer"}


def copy_example(target: Path) -> Path:
    """The example workspace: its facts, funders, texts and templates."""
    target.mkdir()
    for name in ("facts", "funders", "texts"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    return target


def yearly_counts(visits: pd.DataFrame) -> pd.DataFrame:
    """The participants table the register gives (FACTS.md): per year and location the unique
    participants, the visits and the new participants (who first came there that year), and
    per year an `all` row with the organisation-wide unique participants, each person once."""
    visits = visits.assign(year=visits["date"].dt.year)
    first = visits.groupby(["participant_id", "location_id"])["year"].transform("min")
    per_location = visits.assign(new=visits["participant_id"].where(first == visits["year"]))
    rows = per_location.groupby(["year", "location_id"]).agg(
        unique_participants=("participant_id", "nunique"), visits=("participant_id", "size"),
        new_participants=("new", "nunique")).reset_index()
    first_ever = visits.groupby("participant_id")["year"].transform("min")
    everywhere = visits.assign(new=visits["participant_id"].where(first_ever == visits["year"]))
    organisation = everywhere.groupby("year").agg(
        unique_participants=("participant_id", "nunique"), visits=("participant_id", "size"),
        new_participants=("new", "nunique")).reset_index().assign(location_id="all")
    return pd.concat([rows, organisation[rows.columns]], ignore_index=True)


def without_profiles(root: Path) -> None:
    (root / "facts" / "participant_profiles.csv").unlink()


def without_visits(root: Path) -> None:
    facts = root / "facts"
    visits = pd.read_csv(facts / "visits.csv", parse_dates=["date"])
    yearly_counts(visits).to_csv(facts / "participants.csv", index=False)
    (facts / "visits.csv").unlink()


def assert_builds_every_document(cli, root: Path) -> dict[str, str]:
    """Builds `root` and holds the output against the plan of FACTS.md; returns the text of
    each document by its path."""
    plan = expected_plan(root)
    profiles = funder_profiles(root)
    # every kind of document, and an application to a funder of every type
    assert {profiles[f]["type"] for _y, f, _l in plan.applications} == FUNDER_TYPES
    assert plan.reports and plan.annual_reports
    result = cli(["build", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    out = root / "output"
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    assert sorted(((e["kind"], e["year"], e["funder_id"], e["location_id"]) for e in entries),
                  key=str) == plan.keys()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and p.name != "manifest.json"
                  and not any(part.startswith(".") for part in p.relative_to(out).parts)
                  ) == sorted(
        e["path"] for e in entries)
    texts = {}
    for entry in entries:
        if entry["kind"] == "budget-workbook":
            continue  # tests/test_forms.py reads the workbooks back through LibreOffice
        path = out / entry["path"]
        # python-docx opens a Word document again; a form is plain text
        text = path.read_text(encoding="utf-8") if entry["kind"] == "form" else docx_text(path)
        assert text.strip(), entry["path"]
        for name, pattern in LEFTOVERS.items():
            assert not re.search(pattern, text), f"{entry['path']} shows {name}"
        texts[entry["path"]] = text
    return texts


def test_yearly_counts_agree_with_the_register():
    """What the test without visits writes as participants.csv is what the register says
    (FACTS.md: both for one year must agree), so that check lets it through."""
    visits = pd.read_csv(ROOT / "facts" / "visits.csv", parse_dates=["date"])
    counts = yearly_counts(visits).set_index(["year", "location_id"])
    for (year, location_id), group in visits.groupby([visits["date"].dt.year, "location_id"]):
        assert counts.loc[(year, location_id), "unique_participants"] == \
            group["participant_id"].nunique()
        assert counts.loc[(year, location_id), "visits"] == len(group)
    for year, group in visits.groupby(visits["date"].dt.year):
        assert counts.loc[(year, "all"), "unique_participants"] == group["participant_id"].nunique()
    assert (counts["new_participants"] <= counts["unique_participants"]).all()


def test_without_participant_profiles_every_document_builds(cli, tmp_path):
    root = copy_example(tmp_path / "workspace")
    without_profiles(root)
    assert_builds_every_document(cli, root)


def test_without_visits_every_document_builds_from_the_yearly_counts(cli, tmp_path):
    """FACTS.md: without a register the organisation-wide figure is the participants
    table's `all` row, which counts each person once: the annual report states it, without
    the mark of a sum that may count people twice."""
    root = copy_example(tmp_path / "workspace")
    without_visits(root)
    participants = pd.read_csv(root / "facts" / "participants.csv")
    texts = assert_builds_every_document(cli, root)
    told = False
    for year in expected_plan(root).annual_reports:
        text = texts[f"{year}/jaarverslag-{year}.docx"]
        rows = participants[participants["year"] == year]
        everyone = int(rows.loc[rows["location_id"] == "all", "unique_participants"].iloc[0])
        places = rows[rows["location_id"] != "all"]
        # the cover, and with several locations the total of the reach table
        assert re.search(rf"^Unieke deelnemers \| {re.escape(dutch_number(everyone))}$", text,
                         re.M), year
        if len(places) > 1:
            assert f"Organisatie (uniek) | {dutch_number(everyone)} |" in text, year
            told = told or places["unique_participants"].sum() > everyone
        assert "dubbel geteld" not in text, year
    assert told, "in no year do people visit two locations: a sum would pass as well"
