"""`grantgen check` on broken workspaces: exit 1, every problem with file, row and column."""

import pytest

from workspace_factory import TABLES, make_workspace, write_csv


def check(cli, root, *extra):
    return cli(["check", "--workspace", str(root), *extra])


def test_example_passes_check(cli, example):
    result = check(cli, example)
    assert result.exit_code == 0, result.output
    assert "texts/" not in result.output  # its texts are fresh, without typed-in years (#5)


LOC_HEADER = TABLES["locations"][0]
VISIT_HEADER = TABLES["visits"][0]

CASES = {
    "missing-file": (
        {"drop": ("locations",)},
        ["facts/locations.csv: is missing. Add it with the header row: location_id, name, "
         "neighbourhood, city, opened."]),
    "misspelt-column": (
        {"tables": {"locations": [["locaton_id", "name", "neighbourhood", "city", "opened"],
                                  ["linde", "De Linde", "Schothorst", "Amersfoort",
                                   "2015-01-01"]]}},
        ["facts/locations.csv, row 1: the required column 'location_id' is missing. "
         "Rename 'locaton_id' to 'location_id'."]),
    "wrong-type": (
        {"tables": {"volunteers": [["year", "location_id", "volunteers"],
                                   ["2017", "linde", "zes"]]}},
        ["facts/volunteers.csv, row 2, column volunteers: 'zes' is not a whole number."]),
    "impossible-date": (
        {"tables": {"visits": [VISIT_HEADER, ["2017-02-30", "linde", "q-a1", "koffie"]]}},
        ["facts/visits.csv, row 2, column date: '2017-02-30' is not a date. Write dates as "
         "2018-11-30 or 30-11-2018."]),
    "negative-amount": (
        {"tables": {"budget": [["year", "location_id", "category", "item", "amount"],
                               ["2019", "linde", "Huisvesting", "Huur", "-9000"]]}},
        ["facts/budget.csv, row 2, column amount: '-9000' is negative."]),
    "unknown-location": (
        {"tables": {"budget": [["year", "location_id", "category", "item", "amount"],
                               ["2019", "lind", "Huisvesting", "Huur", "9000"]]}},
        ["facts/budget.csv, row 2, column location_id: unknown location 'lind'. "
         "Did you mean 'linde'?"]),
    "unknown-activity": (
        {"tables": {"visits": [VISIT_HEADER, ["2017-02-01", "linde", "q-a1", "yoga"]]}},
        ["facts/visits.csv, row 2, column activity_id: unknown activity 'yoga' at location "
         "'linde'."]),
    "duplicate-id": (
        {"tables": {"locations": [LOC_HEADER,
                                  ["linde", "De Linde", "Schothorst", "Amersfoort",
                                   "2015-01-01", ""],
                                  ["eik", "De Eik", "Liendert", "Amersfoort", "2016-03-01", ""],
                                  ["linde", "De Linde 2", "Vathorst", "Amersfoort",
                                   "2015-01-01", ""]]}},
        ["facts/locations.csv, row 4, column location_id: duplicate: location_id linde is "
         "already in row 2."]),
    "visit-outside-open-period": (
        {"tables": {"visits": [VISIT_HEADER, ["2016-01-05", "eik", "q-a1", "koffie"]]}},
        ["facts/visits.csv, row 2, column date: this visit on 2016-01-05 is before eik "
         "opened."]),
    "path-shaped-id": (
        {"tables": {"locations": [LOC_HEADER,
                                  ["../x", "X", "Y", "Amersfoort", "2015-01-01", ""]]}},
        ["facts/locations.csv, row 2, column location_id: '../x' is not a valid id."]),
    "visits-and-participants-disagree": (
        {"tables": {"participants": [["year", "location_id", "unique_participants"],
                                     ["2017", "linde", "5"]]}},
        ["facts/participants.csv, row 2, column unique_participants: linde in 2017: 5 unique "
         "participants here, but 2 different participant_ids in facts/visits.csv."]),
    "unknown-funder-key": (
        {"funders": {"fonds-a": {"id": "fonds-a", "name": "Fonds A", "type": "private-fund",
                                 "rules": {"max_amout": 5000}}}},
        ["funders/fonds-a.yaml, line 5: unknown key 'rules.max_amout'. Did you mean "
         "'max_amount'?"]),
    "funder-id-differs-from-file": (
        {"funders": {"fonds-a": {"id": "fonds-b", "name": "Fonds A", "type": "private-fund"}}},
        ["funders/fonds-a.yaml, line 1: the id 'fonds-b' differs from the file name 'fonds-a'."]),
    "unknown-funder-type": (
        {"funders": {"fonds-a": {"id": "fonds-a", "name": "Fonds A", "type": "fund"}}},
        ["funders/fonds-a.yaml, line 3: type: 'fund' is not valid: choose one of "
         "'municipality', 'housing-corporation', 'private-fund' or 'health-insurer'."]),
    "organisation-missing-key": (
        {"organisation": {"name": "X", "legal_form": "stichting"}},
        ["facts/organisation.yaml: the key 'mission' is missing."]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_workspace(cli, tmp_path, name):
    setup, expected = CASES[name]
    make_workspace(tmp_path, **setup)
    result = check(cli, tmp_path)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    for line in expected:
        assert any(out.startswith(line) for out in lines), (line, result.output)
    assert "Traceback" not in result.output


def test_every_problem_listed_at_once(cli, tmp_path):
    make_workspace(tmp_path, tables={
        "visits": [VISIT_HEADER, ["2017-02-30", "linde", "q-a1", "koffie"],
                   ["2017-03-01", "nergens", "q-a1", "koffie"]],
        "budget": [["year", "location_id", "category", "item", "amount"],
                   ["2019", "linde", "Huisvesting", "Huur", "-1"],
                   ["twintig", "linde", "Huisvesting", "Gas", "10"]]})
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    for expected in ("facts/visits.csv, row 2, column date",
                     "facts/visits.csv, row 3, column location_id",
                     "facts/budget.csv, row 2, column amount",
                     "facts/budget.csv, row 3, column year"):
        assert expected in result.output, result.output


def test_problems_left_out_are_counted_right_after_the_last_one_shown(cli, tmp_path):
    """Twenty-five bad dates: twenty listed, then how many more, before the next file's."""
    from grantgen.facts.convert import MAX_CELL_PROBLEMS

    bad = [[f"2017-02-{30 + i % 2}", "linde", f"q-a{i}", "koffie"] for i in range(25)]
    make_workspace(tmp_path, tables={
        "visits": [VISIT_HEADER] + bad,
        "budget": [["year", "location_id", "category", "item", "amount"],
                   ["2019", "linde", "Huisvesting", "Huur", "-1"]]})
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    dates = [i for i, line in enumerate(lines) if "facts/visits.csv, row" in line
             and "column date" in line]
    assert len(dates) == MAX_CELL_PROBLEMS
    more = lines[dates[-1] + 1]
    assert more == (f"facts/visits.csv, column date: {25 - MAX_CELL_PROBLEMS} more problems "
                    "like the ones above."), result.output
    assert any("facts/budget.csv, row 2, column amount" in line
               for line in lines[dates[-1] + 2:]), result.output


def test_binary_garbage_and_empty_file(cli, tmp_path):
    make_workspace(tmp_path)
    (tmp_path / "facts" / "visits.csv").write_bytes(b"\x00\x01\x02garbage\xff\xfe")
    (tmp_path / "facts" / "budget.csv").write_bytes(b"")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert "facts/visits.csv: is not a text file (it contains binary data)." in result.output
    assert "facts/budget.csv: is empty." in result.output


def test_yaml_syntax_error_names_the_line(cli, tmp_path):
    make_workspace(tmp_path)
    (tmp_path / "funders" / "fonds-a.yaml").write_text(
        "id: fonds-a\nname: Fonds A\ntype: [private-fund\n", encoding="utf-8")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert ("funders/fonds-a.yaml, line 3: the [ opened on this line is never closed: "
            "'type: [private-fund'. If the [ is part of the text, put the value in quotes: "
            "type: \"[private-fund\"; otherwise close it with ]." in result.output)


def test_both_workbook_and_csv(cli, tmp_path):
    make_workspace(tmp_path)
    (tmp_path / "facts" / "facts.xlsx").write_bytes(b"")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert "facts/facts.xlsx: facts.xlsx and CSV files" in result.output


def test_workbook_missing_a_sheet(cli, tmp_path):
    from openpyxl import Workbook

    make_workspace(tmp_path)
    for path in (tmp_path / "facts").glob("*.csv"):
        path.unlink()
    book = Workbook()
    book.active.title = "visits"
    book.active.append(VISIT_HEADER)
    book.save(tmp_path / "facts" / "facts.xlsx")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert "facts/facts.xlsx: the sheet 'locations' is missing." in result.output


def test_not_a_workspace(cli, tmp_path):
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert "this is not a grantgen workspace: facts/, funders/ missing." in result.output


def test_usage_error_exits_2(cli, tmp_path):
    assert cli(["build", "--year", "twee"]).exit_code == 2
    assert cli(["nonsense"]).exit_code == 2


def test_dutch_csv_row_numbers_follow_the_file(cli, tmp_path):
    make_workspace(tmp_path)
    write_csv(tmp_path / "facts" / "budget.csv", [
        ["year", "location_id", "category", "item", "amount"],
        ["2019", "linde", "Huisvesting", "Huur", "9.000"],
        ["", "", "", "", ""],
        ["2019", "linde", "Activiteiten", "Materialen", "drie"]], ";")
    result = check(cli, tmp_path)
    assert "facts/budget.csv, row 4, column amount: 'drie' is not an amount." in result.output
