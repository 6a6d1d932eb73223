"""The document date (#13): the day every document is dated and deadlines, attachment ages
and the staleness of texts are counted from: `--date`, else `settings.document_date` in
facts/organisation.yaml, else the day of SOURCE_DATE_EPOCH, else today."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from helpers.docs import all_docx, docx_text
from workspace_factory import ORGANISATION, make_workspace


def set_date(root: Path, value) -> None:
    """Write `settings: document_date:` into the workspace's organisation.yaml."""
    path = root / "facts" / "organisation.yaml"
    organisation = yaml.safe_load(path.read_text(encoding="utf-8"))
    organisation.setdefault("settings", {})["document_date"] = value
    path.write_text(yaml.safe_dump(organisation, allow_unicode=True), encoding="utf-8")


def manifest(out: Path) -> list[dict]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]


def created(path: Path) -> str:
    """The creation date in the document's properties (docProps/core.xml)."""
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode()
    return re.search(r"<dcterms:created[^>]*>([^<]+)<", core).group(1)


def test_the_example_reads_as_on_the_day_it_was_written(cli, example, monkeypatch):
    """Built today, without SOURCE_DATE_EPOCH, the example is dated 1 december 2018 (its
    setting): no document mentions the current year, every application and letter is dated
    that day, and the annual report is a draft of that day."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = cli(["build", "--workspace", str(example)])
    assert result.exit_code == 0, result.output
    out = example / "output"
    this_year = str(dt.date.today().year)
    entries = manifest(out)
    assert {e["date"] for e in entries} == {"2018-12-01"}
    for entry in entries:
        path = out / entry["path"]
        if path.suffix != ".docx":  # an online form (text) or a budget workbook beside it
            if path.suffix == ".txt" and int(this_year) > 2020:
                assert this_year not in path.read_text(encoding="utf-8"), entry["path"]
            continue
        text = docx_text(path)
        if int(this_year) > 2020:  # the example's own years are 2016 to 2019
            assert this_year not in text, entry["path"]
        assert created(path).startswith("2018-12-01"), entry["path"]
        if entry["kind"] in ("application", "report"):
            day, place = (("1 December 2018", "Place and date") if entry["language"] == "en"
                          else ("1 december 2018", "Plaats en datum"))
            lines = text.splitlines()
            assert f"Utrecht, {day}" in lines, entry["path"]
            assert f"{place}: Utrecht, {day}" in lines, entry["path"]
    applications = [e for e in entries if e["kind"] == "application"]
    assert len(applications) >= 8
    annual = docx_text(out / "2018" / "jaarverslag-2018.docx")
    assert "Concept van 1 december 2018." in annual


def test_without_a_setting_the_date_is_today_or_source_date_epoch(cli, tmp_path, monkeypatch):
    make_workspace(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1538697600")  # 5 October 2018
    assert cli(["build", "--workspace", str(tmp_path)]).exit_code == 0
    assert {e["date"] for e in manifest(tmp_path / "output")} == {"2018-10-05"}
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.date.today().isoformat()
    assert cli(["build", "--workspace", str(tmp_path)]).exit_code == 0
    dates = {e["date"] for e in manifest(tmp_path / "output")}
    assert len(dates) == 1 and dates <= {before, dt.date.today().isoformat()}


@pytest.mark.parametrize("written", ["2018-11-15", "15-11-2018"])
def test_the_setting_dates_the_documents_over_source_date_epoch(cli, tmp_path, written):
    """The setting is the workspace's own choice; SOURCE_DATE_EPOCH (the conftest sets it to
    1 December 2018) only stands in for the computer's clock."""
    make_workspace(tmp_path)
    set_date(tmp_path, written)
    assert cli(["build", "--workspace", str(tmp_path)]).exit_code == 0
    path = tmp_path / "output" / "2019" / "fonds-a" / "aanvraag-2019-linde.docx"
    assert "Amersfoort, 15 november 2018" in docx_text(path).splitlines()
    assert {e["date"] for e in manifest(tmp_path / "output")} == {"2018-11-15"}


@pytest.mark.parametrize("given", ["2019-01-31", "31-1-2019", "31-01-2019"])
def test_date_option_overrides_the_setting(cli, tmp_path, given):
    make_workspace(tmp_path)
    set_date(tmp_path, "2018-11-15")
    result = cli(["build", "--workspace", str(tmp_path), "--date", given])
    assert result.exit_code == 0, result.output
    path = tmp_path / "output" / "2019" / "fonds-a" / "aanvraag-2019-linde.docx"
    assert "Amersfoort, 31 januari 2019" in docx_text(path).splitlines()


def test_a_date_that_is_no_date(cli, tmp_path):
    make_workspace(tmp_path)
    for command in ("build", "check", "deadlines"):
        result = cli([command, "--workspace", str(tmp_path), "--date", "31-02-2019"])
        assert result.exit_code == 2
        assert "'31-02-2019' is not a date. Write dates as 2018-11-30 or 30-11-2018." in \
            result.output
    set_date(tmp_path, "31-02-2019")
    result = cli(["check", "--workspace", str(tmp_path)])
    assert result.exit_code == 1
    assert "facts/organisation.yaml, line" in result.output
    assert "settings.document_date: '31-02-2019' is not a date" in result.output
    assert not (tmp_path / "output" / "manifest.json").exists()


def test_deadlines_attachments_and_texts_count_from_the_document_date(cli, tmp_path):
    """One date for everything check counts: a deadline, an attachment's age and a text's
    review; the setting moves all three, and --date moves them again."""
    profile = {"id": "fonds-a", "name": "Fonds A", "type": "private-fund",
               "deadlines": [{"kind": "application", "day": 1, "month": 10,
                              "year_offset": -1}],
               "attachments": [{"id": "kvk-uittreksel", "name": "KvK-uittreksel",
                                "max_age_months": 12}]}
    make_workspace(tmp_path, funders={"fonds-a": profile},
                   organisation={**ORGANISATION, "settings": {"document_date": "2018-09-01"}})
    (tmp_path / "attachments").mkdir()
    (tmp_path / "attachments" / "kvk-uittreksel-2018-06-01.pdf").write_bytes(b"%PDF")
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "samenvatting.md").write_text(
        "---\nreviewed: 2018-01-15\n---\nEen open huis.\n", encoding="utf-8")
    early = cli(["check", "--workspace", str(tmp_path)])
    assert early.exit_code == 0, early.output
    assert "deadline" not in early.output and "was issued" not in early.output
    assert "last reviewed" not in early.output
    late = cli(["check", "--workspace", str(tmp_path), "--date", "2019-07-01"])
    assert ("the application is dated 1 juli 2019, 273 days after the deadline of Fonds A "
            "for 2019: 1 oktober 2018.") in late.output
    assert "was issued on 1 juni 2018, more than 12 months before 1 juli 2019" in late.output
    assert ("texts/samenvatting.md, line 2: was last reviewed on 2018-01-15, more than 12 "
            "months before the date of the document (2019-07-01).") in late.output
    # the same date for the deadlines overview
    overview = cli(["deadlines", "--workspace", str(tmp_path)])
    assert "Deadlines from 1 september 2018:" in overview.output


def test_the_example_without_a_date_is_dated_today(cli, example, monkeypatch):
    """What the issue saw: without its setting, the example is dated today, its texts are
    stale and its deadlines years ago; the setting is what makes it read as written."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = example / "facts" / "organisation.yaml"
    organisation = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert organisation["settings"]["document_date"] == dt.date(2018, 12, 1)
    del organisation["settings"]["document_date"]
    path.write_text(yaml.safe_dump(organisation, allow_unicode=True), encoding="utf-8")
    today = dt.date.today()
    result = cli(["check", "--workspace", str(example)])
    assert result.exit_code == 0, result.output
    if today > dt.date(2019, 12, 1):
        assert "was last reviewed on" in result.output
    assert cli(["build", "--workspace", str(example)]).exit_code == 0
    days = {today.isoformat(), dt.date.today().isoformat()}  # a build across midnight
    dates = {e["date"] for e in manifest(example / "output")}
    assert len(dates) == 1 and dates <= days
    assert all(created(p)[:10] in dates for p in all_docx(example / "output"))
