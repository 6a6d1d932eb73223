"""Fact files as people really have them: Dutch Excel CSV, BOMs, and one workbook."""

from pathlib import Path

import pandas as pd

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


def test_comma_file_reads_dot_as_decimal(tmp_path):
    make_workspace(tmp_path, tables={"budget": [
        ["year", "location_id", "category", "item", "amount"],
        ["2019", "linde", "Huisvesting", "Huur", "1.234"]]})
    assert load(tmp_path)["budget"].iloc[0]["amount"] == 1.234


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
