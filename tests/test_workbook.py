"""The facts workbook: `grantgen facts to-xlsx` and `to-csv`, the round trip, the drop-down
lists as LibreOffice keeps them, and a new workspace filled in Excel up to an application."""

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import soffice_convert
from openpyxl import load_workbook
from test_i18n import NO_LANGUAGE

from grantgen.core.errors import Problems
from grantgen.core.workspace import Workspace
from grantgen.facts.reading import load_facts
from grantgen.facts.tables import FUNDING_STATUSES, INDICATOR_UNITS, TABLES
from helpers.docs import docx_text
from workspace_factory import make_workspace, write_csv


def typed_tables(root: Path) -> dict[str, pd.DataFrame]:
    problems = Problems()
    facts = load_facts(Workspace.open(root), problems)
    assert facts is not None, "\n".join(problems.summary_lines())
    tables = {}
    for name, frame in facts.tables.items():
        frame = frame.astype(object).where(frame.notna(), None)  # NaN or None: missing
        frame.attrs = {}
        tables[name] = frame.reset_index(drop=True)
    return tables


def assert_same_facts(before: dict, after: dict) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], check_like=True,
                                      obj=f"table {name}")


def assert_same_csv_text(before: str, after: str, name: str) -> None:
    """The same CSV text, cell by cell; a number may only lose a trailing '.0' (5000.0 is
    written back as 5000, as the workbook holds it)."""
    old_rows = list(csv.reader(io.StringIO(before)))
    new_rows = list(csv.reader(io.StringIO(after)))
    assert len(old_rows) == len(new_rows), f"{name}: rows differ"
    for number, (old, new) in enumerate(zip(old_rows, new_rows, strict=True), start=1):
        assert len(old) == len(new), f"{name}, row {number}: cells differ"
        for a, b in zip(old, new, strict=True):
            if a != b:
                assert re.fullmatch(r"-?\d+\.0+", a) and b == a.split(".")[0], \
                    f"{name}, row {number}: {a!r} became {b!r}"


def test_round_trip_on_the_example_loses_nothing(cli, example):
    facts = example / "facts"
    originals = {p.name: p.read_bytes() for p in facts.glob("*.csv")}
    before = typed_tables(example)

    result = cli(["facts", "to-xlsx", "--workspace", str(example)])
    assert result.exit_code == 0, result.output
    assert (facts / "facts.xlsx").is_file()
    assert not list(facts.glob("*.csv")), "the CSV files move out of the way"
    backups = list((example / "backup").glob("*/facts"))
    assert len(backups) == 1 and {p.name for p in backups[0].glob("*.csv")} == set(originals)
    assert_same_facts(before, typed_tables(example))  # the workbook itself holds every fact

    result = cli(["facts", "to-csv", "--workspace", str(example)])
    assert result.exit_code == 0, result.output
    assert not (facts / "facts.xlsx").exists()
    for name, data in originals.items():
        assert_same_csv_text(data.decode("utf-8"), (facts / name).read_text(encoding="utf-8"),
                             name)
    # a table the example does not have comes back as its header row only
    for name in set(TABLES) - {Path(n).stem for n in originals}:
        assert (facts / f"{name}.csv").read_text(encoding="utf-8") == \
            ",".join(TABLES[name].column_names) + "\n"
    assert_same_facts(before, typed_tables(example))


def test_round_trip_of_a_dutch_excel_export(cli, tmp_path):
    root = make_workspace(tmp_path / "ws")
    for path in (root / "facts").glob("*.csv"):
        path.unlink()
    budget = [["year", "location_id", "category", "item", "amount"],
              ["2019", "linde", "Huisvesting", "Huur", "9.000"],
              ["2019", "linde", "Activiteiten", "Materialen, klein", "1.234,50"],
              ["2019", "eik", "Huisvesting", "Huur", "6000"]]
    from workspace_factory import TABLES as ROWS

    for name, rows in {**ROWS, "budget": budget}.items():
        rows = [[("01-02-2017" if cell == "2017-02-01" else cell) for cell in row]
                for row in rows]
        write_csv(root / "facts" / f"{name}.csv", rows, separator=";", encoding="cp1252")
    before = typed_tables(root)
    assert before["budget"]["amount"].tolist() == [9000.0, 1234.5, 6000.0]
    assert cli(["facts", "to-xlsx", "--workspace", str(root)]).exit_code == 0
    assert cli(["facts", "to-csv", "--workspace", str(root)]).exit_code == 0
    assert_same_facts(before, typed_tables(root))
    # written back the international way
    assert "2019,linde,Activiteiten,\"Materialen, klein\",1234.5" in \
        (root / "facts" / "budget.csv").read_text(encoding="utf-8")


def test_a_cell_that_does_not_convert_stays_as_typed(cli, tmp_path):
    root = make_workspace(tmp_path / "ws", tables={"volunteers": [
        ["year", "location_id", "volunteers"], ["2017", "linde", "zes"]]})
    assert cli(["facts", "to-xlsx", "--workspace", str(root)]).exit_code == 0
    sheet = load_workbook(root / "facts" / "facts.xlsx")["volunteers"]
    assert [c.value for c in sheet[2][:3]] == [2017, "linde", "zes"]
    result = cli(["check", "--workspace", str(root)])
    assert "facts/facts.xlsx [volunteers], row 2, column volunteers: 'zes' is not a whole " \
           "number." in result.output


def test_to_xlsx_with_out_leaves_the_workspace_alone(cli, tmp_path):
    root = make_workspace(tmp_path / "ws")
    files = sorted(p.name for p in (root / "facts").iterdir())
    target = tmp_path / "share" / "feiten.xlsx"
    assert cli(["facts", "to-xlsx", "--workspace", str(root), "--out", str(target)]
               ).exit_code == 0
    assert target.is_file()
    assert sorted(p.name for p in (root / "facts").iterdir()) == files
    assert not (root / "backup").exists()


def test_both_csv_and_workbook_is_refused(cli, tmp_path):
    root = make_workspace(tmp_path / "ws")
    shutil.copy(root / "facts" / "budget.csv", tmp_path / "budget.csv")
    assert cli(["facts", "to-xlsx", "--workspace", str(root)]).exit_code == 0
    shutil.copy(tmp_path / "budget.csv", root / "facts" / "budget.csv")
    result = cli(["facts", "to-csv", "--workspace", str(root)])
    assert result.exit_code == 1
    assert "both facts.xlsx and CSV files (budget.csv) are there" in result.output
    assert (root / "facts" / "facts.xlsx").is_file()


def test_to_csv_without_a_workbook(cli, tmp_path):
    root = make_workspace(tmp_path / "ws")
    result = cli(["facts", "to-csv", "--workspace", str(root)])
    assert result.exit_code == 1
    assert "there is no facts/facts.xlsx; the facts are already CSV files." in result.output


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


#: the lock files Excel and LibreOffice keep beside a file that is open
LOCKS = {"excel": "~${name}", "libreoffice": ".~lock.{name}#"}


@pytest.mark.parametrize("program", sorted(LOCKS))
@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_open_workbook_is_never_moved_or_overwritten(cli, tmp_path, program, language):
    """#12: `facts to-csv` moved a workbook open in Excel away; now it refuses, naming the
    lock file, and changes nothing. Reading passes the lock file over, with a warning."""
    root = make_workspace(tmp_path / "ws")
    assert cli(["facts", "to-xlsx", "--workspace", str(root)]).exit_code == 0
    lock = LOCKS[program].format(name="facts.xlsx")
    (root / "facts" / lock).write_bytes(b"Els Bakker")
    before = tree(tmp_path)
    env = {"GRANTGEN_LANGUAGE": language}
    for command in (["to-csv"], ["to-xlsx"]):
        result = cli(["facts", *command, "--workspace", str(root)], env=env)
        assert result.exit_code == 1, result.output
        expected = {
            "en": f"facts/facts.xlsx is open in Excel or LibreOffice ({lock} is beside it); "
                  "close it first, then run this again. Nothing was changed.",
            "nl": f"facts/facts.xlsx is geopend in Excel of LibreOffice ({lock} staat ernaast); "
                  "sluit het eerst en probeer het dan opnieuw. Er is niets veranderd."}
        assert expected[language] in result.output
        assert tree(tmp_path) == before
    result = cli(["check", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    assert (f"warning: facts/facts.xlsx: is open in Excel or LibreOffice ({lock} is beside "
            "it); what is not saved yet is not read.") in result.output
    assert "is not a table" not in result.output
    (root / "facts" / lock).unlink()
    assert cli(["facts", "to-csv", "--workspace", str(root)]).exit_code == 0


def test_an_open_csv_file_is_not_moved_into_the_backup(cli, tmp_path):
    root = make_workspace(tmp_path / "ws")
    (root / "facts" / ".~lock.budget.csv#").write_bytes(b"Els")
    before = tree(tmp_path)
    result = cli(["facts", "to-xlsx", "--workspace", str(root)])
    assert result.exit_code == 1
    assert "facts/budget.csv is open in Excel or LibreOffice (.~lock.budget.csv# is beside " \
           "it)" in result.output
    assert tree(tmp_path) == before


def test_the_workbooks_own_sheets_are_no_stray_sheets_in_either_language(cli, tmp_path):
    """A workbook written in Dutch (Uitleg, Lijsten) reads in English, and back."""
    root = make_workspace(tmp_path / "ws")
    assert cli(["facts", "to-xlsx", "--workspace", str(root)],
               env={"GRANTGEN_LANGUAGE": "nl"}).exit_code == 0
    assert load_workbook(root / "facts" / "facts.xlsx").sheetnames[:2] == ["Uitleg", "Lijsten"]
    result = cli(["check", "--workspace", str(root)], env={"GRANTGEN_LANGUAGE": "en"})
    assert result.exit_code == 0, result.output
    assert cli(["facts", "to-xlsx", "--workspace", str(root)]).exit_code == 0
    assert load_workbook(root / "facts" / "facts.xlsx").sheetnames[:2] == ["Explanation",
                                                                         "Lists"]
    result = cli(["check", "--workspace", str(root)], env={"GRANTGEN_LANGUAGE": "nl"})
    assert result.exit_code == 0, result.output


SHEET_SLIPS = {
    # sheet renamed or added -> the message and hint `check` gives
    "Financiering": "the sheet 'Financiering' is not a table of the facts, so what it holds "
                    "would not be read. Did you mean 'funding'? Rename the sheet to 'funding'.",
    "budget (2)": "the sheet 'budget (2)' is not a table of the facts, so what it holds would "
                  "not be read. Did you mean 'budget'? Put what it holds in the sheet "
                  "'budget', then delete this sheet.",
    "Blad1": "the sheet 'Blad1' is not a table of the facts, so what it holds would not be "
             "read. Did you mean 'funding'? Rename the sheet to 'funding'.",
    "Notities": "the sheet 'Notities' is not a table of the facts, so what it holds would not "
                "be read. Sheets are named after their table: locations, visits,",
    "budget ": "the sheet 'budget ' is the table budget a second time, after the sheet "
               "'budget'. Keep one of the two sheets.",
}


@pytest.mark.parametrize("sheet_name", sorted(SHEET_SLIPS))
def test_a_sheet_that_is_no_table_is_an_error_naming_the_nearest(cli, tmp_path, sheet_name):
    """#12: a renamed sheet (the example's `funding` as `Financiering`) or a copied one left
    its rows unread: 3 documents instead of 26, and `check` said nothing."""
    root = make_workspace(tmp_path / "ws")
    assert cli(["facts", "to-xlsx", "--workspace", str(root)]).exit_code == 0
    book = load_workbook(root / "facts" / "facts.xlsx")
    if sheet_name == "Financiering":
        book["funding"].title = sheet_name
    elif sheet_name == "Blad1":  # a new sheet, the funding pasted in; the old one emptied
        sheet = book.create_sheet(sheet_name)
        for row in book["funding"].iter_rows(values_only=True):
            sheet.append(row)
        book.remove(book["funding"])
    elif sheet_name == "Notities":
        book.create_sheet(sheet_name).append(["Bellen met de gemeente"])
    else:
        book.copy_worksheet(book["budget"]).title = sheet_name
    book.save(root / "facts" / "facts.xlsx")
    for command in ("check", "build"):
        result = cli([command, "--workspace", str(root)])
        assert result.exit_code == 1, result.output
        assert f"facts/facts.xlsx [{sheet_name}]: {SHEET_SLIPS[sheet_name]}" in result.output
    assert not (root / "output").exists()


def test_a_number_stored_as_text_in_a_sheet_may_be_ambiguous_a_number_never(cli, tmp_path):
    root = make_workspace(tmp_path / "ws")
    assert cli(["facts", "to-xlsx", "--workspace", str(root)]).exit_code == 0
    book = load_workbook(root / "facts" / "facts.xlsx")
    book["budget"]["E2"] = 1.234   # a number: one point two three four
    book["budget"]["E3"] = "12.700"  # text: 12700 or 12.70?
    book.save(root / "facts" / "facts.xlsx")
    result = cli(["check", "--workspace", str(root)])
    assert result.exit_code == 1
    assert ("facts/facts.xlsx [budget], row 3, column amount: '12.700' could be €12,700 or "
            "€12.70. The cell holds text") in result.output
    assert "row 2" not in result.output
    book["budget"]["E3"] = 12700
    book.save(root / "facts" / "facts.xlsx")
    assert typed_tables(root)["budget"]["amount"].tolist()[:2] == [1.234, 12700]
    # and back to CSV, still one point two three four
    assert cli(["facts", "to-csv", "--workspace", str(root)]).exit_code == 0
    assert typed_tables(root)["budget"]["amount"].tolist()[:2] == [1.234, 12700]


def test_facts_without_a_subcommand_still_shows_the_key_figures(cli, example):
    result = cli(["facts", "--workspace", str(example), "--year", "2019"])
    assert result.exit_code == 0, result.output
    assert "Gap = budget" in result.output


def _list_values(book, formula: str) -> list[str]:
    """The values a list validation offers: its range on the lists sheet, read back."""
    match = re.fullmatch(r"'?([^'!]+)'?!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)", formula)
    assert match, formula
    sheet = book[match[1]]
    cells = sheet[f"{match[2]}{match[3]}:{match[4]}{match[5]}"]
    return [row[0].value for row in cells if row[0].value is not None]


def _validations(book, sheet: str) -> dict[str, object]:
    """Column name -> its data validation, for one sheet."""
    ws = book[sheet]
    headers = {cell.column_letter: cell.value for cell in ws[1]}
    found = {}
    for validation in ws.data_validations.dataValidation:
        for area in str(validation.sqref).split():
            found[headers[re.match(r"[A-Z]+", area)[0]]] = validation
    return found


@pytest.mark.libreoffice
def test_the_workbook_opens_in_libreoffice_with_its_drop_down_lists(cli, soffice, tmp_path):
    root = make_workspace(tmp_path / "ws", tables={
        "indicators": [["indicator_id", "label", "unit"], ["bereik", "Bereik", "count"]],
        "stories": [["story_id", "location_id", "year", "quote", "consent"],
                    ["s1", "linde", "2018", "Fijn hier.", "yes"]]})
    source = tmp_path / "made" / "facts.xlsx"
    assert cli(["facts", "to-xlsx", "--workspace", str(root), "--out", str(source)]
               ).exit_code == 0
    converted = tmp_path / "converted"
    converted.mkdir()
    soffice_convert(soffice, [source], converted, fmt="xlsx")
    book = load_workbook(converted / "facts.xlsx")
    assert book.sheetnames[0] == "Explanation"
    assert set(TABLES) <= set(book.sheetnames)

    budget = _validations(book, "budget")
    assert _list_values(book, budget["location_id"].formula1) == ["all", "linde", "eik"]
    visits = _validations(book, "visits")
    assert _list_values(book, visits["location_id"].formula1) == ["linde", "eik"]
    assert _list_values(book, visits["activity_id"].formula1) == ["koffie"]
    funding = _validations(book, "funding")
    assert _list_values(book, funding["status"].formula1) == list(FUNDING_STATUSES)
    assert _list_values(book, funding["source"].formula1) == [
        "fonds-a", "gemeente", "eigen bijdragen"]
    assert funding["source"].errorStyle == "information"  # other income may be any label
    assert funding["status"].errorStyle in (None, "stop")
    assert _list_values(book, _validations(book, "indicators")["unit"].formula1) == \
        list(INDICATOR_UNITS)
    assert _list_values(book, _validations(book, "outcomes")["indicator_id"].formula1) == \
        ["bereik"]
    assert _list_values(book, _validations(book, "stories")["consent"].formula1) == \
        ["yes", "no"]
    assert _list_values(book, _validations(book, "participant_profiles")["age_band"]
                        .formula1) == ["<23", "18-60", "60+"]
    # the facts come through LibreOffice unchanged
    for path in (root / "facts").glob("*.csv"):
        path.unlink()
    shutil.copy(converted / "facts.xlsx", root / "facts" / "facts.xlsx")
    assert cli(["check", "--workspace", str(root)]).exit_code == 0


def _fill(sheet, rows: list[dict]) -> None:
    """Type rows into a sheet below its header, column by column name, as a person would."""
    columns = {cell.value: cell.column for cell in sheet[1]}
    start = sheet.max_row + 1 if any(c.value is not None for c in sheet[sheet.max_row]) else 2
    for offset, row in enumerate(rows):
        for name, value in row.items():
            sheet.cell(start + offset, columns[name], value)


def test_from_init_to_a_first_application_through_the_workbook(cli, tmp_path):
    root = tmp_path / "buurthuis"
    result = cli(["init", str(root)], env=NO_LANGUAGE)
    assert result.exit_code == 0, result.output
    assert "De nieuwe werkmap staat klaar" in result.output

    # the organisation, typed after the colons of organisation.yaml
    organisation = root / "facts" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    for key, value in (("name", "Stichting Buurthuis De Linde"), ("legal_form", "stichting"),
                       ("mission", "Een open huis voor iedereen in de wijk."),
                       ("city", "Amersfoort")):
        text = re.sub(rf"^{key}:\s+#", f"{key}: {value}  #", text, count=1, flags=re.M)
    organisation.write_text(text, encoding="utf-8")

    result = cli(["facts", "to-xlsx", "--workspace", str(root)], env=NO_LANGUAGE)
    assert result.exit_code == 0, result.output
    workbook = root / "facts" / "facts.xlsx"
    book = load_workbook(workbook)
    assert book.sheetnames[0] == "Uitleg"
    explanation = " ".join(str(c.value) for row in book["Uitleg"].iter_rows() for c in row
                           if c.value)
    assert "De feiten van Stichting Buurthuis De Linde" in explanation
    assert "verschillende mensen die dat jaar kwamen" in explanation
    for name, table in TABLES.items():
        assert [c.value for c in book[name][1]] == table.column_names
        assert book[name].freeze_panes == "A2"

    # first the locations; then the workbook again, so the lists know them
    _fill(book["locations"], [{"location_id": "linde", "name": "De Linde",
                               "neighbourhood": "Schothorst", "city": "Amersfoort",
                               "opened": dt.datetime(2015, 1, 1)}])
    book.save(workbook)
    assert cli(["facts", "to-xlsx", "--workspace", str(root)], env=NO_LANGUAGE).exit_code == 0
    book = load_workbook(workbook)
    budget_lists = _validations(book, "budget")
    assert _list_values(book, budget_lists["location_id"].formula1) == ["all", "linde"]

    _fill(book["budget"], [
        {"year": 2019, "location_id": "linde", "category": "Huisvesting", "item": "Huur",
         "amount": 9000},
        {"year": 2019, "location_id": "linde", "category": "Activiteiten",
         "item": "Materialen", "amount": 3000.5},
        {"year": 2019, "location_id": "linde", "category": "Personeel",
         "item": "Coördinator", "amount": 8000}])
    _fill(book["funding"], [
        {"year": 2019, "location_id": "linde", "source": "eigen bijdragen", "amount": 2000,
         "status": "committed"},
        {"year": 2019, "location_id": "linde", "source": "fonds", "amount": 10000,
         "status": "requested"}])
    _fill(book["volunteers"], [{"year": 2018, "location_id": "linde", "volunteers": 12}])
    _fill(book["participants"], [{"year": 2018, "location_id": "linde",
                                  "unique_participants": 140, "visits": 2100}])
    book.save(workbook)

    result = cli(["check", "--workspace", str(root)], env=NO_LANGUAGE)
    assert result.exit_code == 0, result.output
    result = cli(["build", "--workspace", str(root)], env=NO_LANGUAGE)
    assert result.exit_code == 0, result.output
    application = root / "output" / "2019" / "fonds" / "aanvraag-2019-linde.docx"
    text = docx_text(application)
    assert "Stichting Buurthuis De Linde" in text
    assert "€ 10.000" in text          # the amount asked
    assert "€ 20.000,50" in text       # the budget total
    assert "Nog te schrijven" in text  # the texts are still skeletons, visibly in a draft


def test_init_refuses_a_folder_that_is_not_empty(cli, tmp_path):
    (tmp_path / "vol").mkdir()
    (tmp_path / "vol" / "notities.txt").write_text("x", encoding="utf-8")
    result = cli(["init", str(tmp_path / "vol")])
    assert result.exit_code == 1
    assert "the folder is not empty" in result.output
    assert [p.name for p in (tmp_path / "vol").iterdir()] == ["notities.txt"]


def test_init_makes_every_part_of_a_workspace(cli, tmp_path):
    root = tmp_path / "nieuw"
    assert cli(["init", str(root)]).exit_code == 0
    for name, table in TABLES.items():
        assert (root / "facts" / f"{name}.csv").read_text(encoding="utf-8") == \
            ",".join(table.column_names) + "\n"
    organisation = (root / "facts" / "organisation.yaml").read_text(encoding="utf-8")
    for line in organisation.splitlines():
        if re.match(r"^\s*[a-z_]+:", line) and not line.strip().startswith("#"):
            assert "#" in line or line.rstrip().endswith(":"), f"no comment on: {line}"
    assert {p.name for p in (root / "templates").glob("*.docx")} == {
        p.name for p in (Path(__file__).parent.parent / "templates")
        .glob("*.docx")}
    assert {p.stem for p in (root / "funders").glob("*.yaml")} == {
        "gemeente", "woningcorporatie", "fonds", "zorgverzekeraar"}
    assert (root / "README.md").read_text(encoding="utf-8").startswith("# Jullie grantgen")
    # an untouched new workspace says what to fill in first, and nothing else
    result = cli(["check", "--workspace", str(root)])
    assert result.exit_code == 1
    assert "facts/organisation.yaml, line 5: 'name' is still empty." in result.output
    assert "3 error(s)" in result.output


def test_init_example_copies_the_example(cli, tmp_path):
    root = tmp_path / "voorbeeld"
    assert cli(["init", "--example", str(root)]).exit_code == 0
    repository = Path(__file__).parent.parent
    for folder in ("facts", "funders", "texts"):
        files = sorted(p.name for p in (repository / folder).iterdir())
        assert sorted(p.name for p in (root / folder).iterdir()) == files
        for name in files:
            assert (root / folder / name).read_bytes() == \
                (repository / folder / name).read_bytes()


def test_the_wheel_carries_the_example():
    import tomllib

    config = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    # the example workspace, and the built-in templates (templates/ at the top level)
    assert included == {**{name: f"grantgen/example/{name}" for name in ("facts", "funders",
                                                                          "texts",
                                                                          "attachments")},
                        "templates": "grantgen/templates"}
