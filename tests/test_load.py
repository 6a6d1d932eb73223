"""Fact files as people really have them: Dutch Excel CSV, BOMs, and one workbook."""

from pathlib import Path

import pandas as pd
import pytest

from grantgen.core.errors import Problems
from grantgen.core.workspace import Workspace
from grantgen.facts.reading import load_facts
from workspace_factory import TABLES, make_workspace, write_csv


def load(root: Path):
    problems = Problems()
    facts = load_facts(Workspace.open(root), problems)
    assert not problems.errors, problems.summary_lines()
    return facts


def test_dutch_excel_export_loads(tmp_path):
    """';' separated, Windows-1252, 1.234,56 and 30-11-2018."""
    make_workspace(tmp_path)
    write_csv(tmp_path / "facts" / "locations.csv", [
        ["location_id", "name", "neighbourhood", "city", "opened", "closed"],
        ["linde", "Café Één & Zo", "Schothorst", "Amersfoort", "01-01-2015", ""],
        ["eik", "De Eik", "Liendert", "Amersfoort", "1-3-2016", ""]], ";", "cp1252")
    write_csv(tmp_path / "facts" / "budget.csv", [
        ["year", "location_id", "category", "item", "amount"],
        ["2019", "linde", "Huisvesting", "Huur", "1.234,56"],
        ["2019", "linde", "Activiteiten", "Materialen", "40.000"],
        ["2019", "eik", "Huisvesting", "Huur", "12,5"]], ";", "cp1252")
    facts = load(tmp_path)
    assert list(facts["budget"]["amount"]) == [1234.56, 40000.0, 12.5]
    assert facts.location("linde")["name"] == "Café Één & Zo"
    assert facts.location("linde")["opened"] == pd.Timestamp("2015-01-01")
    assert facts.location("eik")["opened"] == pd.Timestamp("2016-03-01")


def test_utf8_bom_and_spaces(tmp_path):
    make_workspace(tmp_path)
    path = tmp_path / "facts" / "budget.csv"
    text = ("year,location_id,category,item,amount\n"
            " 2019 , linde ,Huisvesting, Huur ,9000.50\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    facts = load(tmp_path)
    assert facts["budget"].iloc[0]["location_id"] == "linde"
    assert facts["budget"].iloc[0]["amount"] == 9000.5


#: (separator, cell, the amount read) where one reading is all a reader can make of it
READ_ONE_WAY = [
    (",", "9000.50", 9000.5), (",", "12.70", 12.7), (",", "0.125", 0.125),
    (",", "12700", 12700.0), (",", "1.234.567", 1234567.0), (",", "1,234.50", 1234.5),
    (",", "12.700,50", 12700.5), (",", "1.5", 1.5),
    (";", "12.700", 12700.0), (";", "€ 12.700", 12700.0), (";", "12.700,50", 12700.5),
    (";", "12,50", 12.5), (";", "12,5", 12.5), (";", "1,234,567", 1234567.0),
    (";", "1.234.567", 1234567.0), (";", "0,125", 0.125), (";", "1.234,567", 1234.567),
]
#: (separator, cell, its two readings as an English message shows them)
READ_TWO_WAYS = [
    (",", "12.700", "€12,700", "€12.70"), (",", "€ 12.700", "€12,700", "€12.70"),
    (",", "1.234", "€1,234", "€1.234"), (",", "1,234", "€1,234", "€1.234"),
    (";", "1,234", "€1,234", "€1.234"), (";", "3,500", "€3,500", "€3.50"),
    (";", "12,000", "€12,000", "€12"),
]


def budget_with(tmp_path: Path, separator: str, cell: str) -> Path:
    make_workspace(tmp_path)
    write_csv(tmp_path / "facts" / "budget.csv", [
        ["year", "location_id", "category", "item", "amount"],
        ["2019", "linde", "Huisvesting", "Huur", "6000"],
        ["2019", "linde", "Activiteiten", "Materialen", cell]], separator)
    return tmp_path


@pytest.mark.parametrize(("separator", "cell", "expected"), READ_ONE_WAY)
def test_an_amount_with_one_reading_is_read(tmp_path, separator, cell, expected):
    facts = load(budget_with(tmp_path, separator, cell))
    assert list(facts["budget"]["amount"]) == [6000.0, expected]


@pytest.mark.parametrize(("separator", "cell", "thousands", "decimals"), READ_TWO_WAYS)
def test_an_amount_with_two_readings_is_an_error_showing_both(cli, tmp_path, separator, cell,
                                                              thousands, decimals):
    """#12: `12.700` in a comma-separated file was read as 12,70 without a word."""
    result = cli(["check", "--workspace", str(budget_with(tmp_path, separator, cell))])
    assert result.exit_code == 1, result.output
    assert (f"facts/budget.csv, row 3, column amount: '{cell}' could be {thousands} or "
            f"{decimals}. Write ") in result.output


def test_the_ways_out_of_an_ambiguous_amount_are_read_as_meant(cli, tmp_path):
    """The message says how to write each reading; written so, each reads as it says."""
    result = cli(["check", "--workspace", str(budget_with(tmp_path, ",", "12.700"))])
    assert "Write 12700 or 12.70 (in a comma-separated file the decimal mark is a point)." \
        in result.output
    for written, value in (("12700", 12700.0), ("12.70", 12.7)):
        assert load(budget_with(tmp_path, ",", written))["budget"]["amount"].iloc[1] == value
    result = cli(["check", "--workspace", str(budget_with(tmp_path, ";", "1,234"))])
    assert "Write 1234 or 1,2340." in result.output
    for written, value in (("1234", 1234.0), ("1,2340", 1.234)):
        assert load(budget_with(tmp_path, ";", written))["budget"]["amount"].iloc[1] == value


def test_a_count_with_a_thousands_mark_has_one_reading(tmp_path):
    """A count has no decimals: `1.087` people in a comma-separated file are 1087."""
    make_workspace(tmp_path, tables={"volunteers": [
        ["year", "location_id", "volunteers", "volunteer_hours"],
        ["2017", "linde", "1.087", "1.5"], ["2017", "eik", "1,200", "250"]]})
    facts = load(tmp_path)
    assert list(facts["volunteers"]["volunteers"]) == [1087, 1200]
    assert list(facts["volunteers"]["volunteer_hours"]) == [1.5, 250.0]


def test_hours_with_two_readings_are_an_error_too(cli, tmp_path):
    make_workspace(tmp_path, tables={"volunteers": [
        ["year", "location_id", "volunteers", "volunteer_hours"], ["2017", "linde", "6", "1.250"]]})
    result = cli(["check", "--workspace", str(tmp_path)])
    assert result.exit_code == 1
    assert ("facts/volunteers.csv, row 2, column volunteer_hours: '1.250' could be 1,250 or "
            "1.25.") in result.output


def test_workbook_loads_like_csv(tmp_path):
    from openpyxl import Workbook

    make_workspace(tmp_path)
    book = Workbook()
    book.remove(book.active)
    for csv_path in sorted((tmp_path / "facts").glob("*.csv")):
        sheet = book.create_sheet(csv_path.stem)
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append([int(v) if v.isdigit() else v for v in row])
        csv_path.unlink()
    book.save(tmp_path / "facts" / "facts.xlsx")
    facts = load(tmp_path)
    assert len(facts["visits"]) == len(TABLES["visits"]) - 1
    assert facts["budget"]["amount"].sum() == 18000
