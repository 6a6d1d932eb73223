"""The visits register read the columnar way (grantgen/facts/columnar.py, #16): the same
facts as the ordinary reader, its pseudonyms, places and activities kept as codes, and for
a register with anything to report exactly the messages the ordinary reader gives."""

from __future__ import annotations

import pandas as pd
import pytest

from workspace_factory import TABLES, make_workspace

HEADER = ["date", "location_id", "participant_id", "activity_id"]
ROWS = [row for row in TABLES["visits"][1:]]


def register_text(rows: list[list[str]], header: list[str] = HEADER, separator: str = ",",
                  blank_lines: bool = False) -> str:
    lines = [separator.join(header)] + [separator.join(row) for row in rows]
    if blank_lines:
        lines.insert(3, "")
        lines.append("")
    return "\n".join(lines) + "\n"


def workspace_with(tmp_path, text: str | bytes, **tables):
    root = make_workspace(tmp_path / "ws", tables=tables or None)
    path = root / "facts" / "visits.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return root


def ordinary(monkeypatch) -> None:
    """The register read the ordinary way only."""
    import grantgen.facts.reading as reading

    monkeypatch.setattr(reading, "read_register", lambda path, root: None)


def load(root):
    from grantgen.core.errors import Problems
    from grantgen.core.workspace import Workspace
    from grantgen.facts.reading import load_facts

    problems = Problems()
    facts = load_facts(Workspace.open(root), problems)
    return facts, problems


def values(frame: pd.DataFrame) -> dict[str, list]:
    return {c: [None if pd.isna(v) else v for v in frame[c].astype(object)]
            for c in frame.columns}


CLEAN = {
    "plain": register_text(ROWS),
    "semicolons, Dutch dates, spaces": register_text(
        [[f"{r[0][8:10]}-{r[0][5:7]}-{r[0][:4]}", f" {r[1]} ", f"{r[2]}  ", r[3]]
         for r in ROWS], separator=";"),
    "blank lines and CRLF": register_text(ROWS, blank_lines=True).replace("\n", "\r\n"),
    "a BOM and an extra column": "\ufeff" + register_text(
        [r + [f"note {i}"] for i, r in enumerate(ROWS)], HEADER + ["Remark"]),
    "no activity_id, quoted cells": register_text(
        [[r[0], f'"{r[1]}"', r[2]] for r in ROWS], HEADER[:3]),
    "an empty optional cell": register_text([r[:3] + [""] for r in ROWS]),
    "a no-break space and a tab around cells": register_text(
        [[r[0], f"\u00a0{r[1]}", f"\t{r[2]}\u2003", r[3]] for r in ROWS]),
}


#: registers the columnar reader leaves to the ordinary one, which reads them without a word
UNUSUAL = {
    "a quoted cell after a space": register_text(ROWS) + '2017-04-01, "linde",q-x,koffie\n',
    "a row of separators only": register_text(ROWS) + ",,,\n",
    "a quote mark inside a cell": register_text(ROWS) + '2017-04-01,linde,"q ""x""",koffie\n',
}


@pytest.mark.parametrize("case", sorted(UNUSUAL))
def test_an_unusual_register_is_read_as_the_ordinary_reader_reads_it(tmp_path, monkeypatch,
                                                                     case):
    root = workspace_with(tmp_path, UNUSUAL[case])
    facts, problems = load(root)
    ordinary(monkeypatch)
    slow, slow_problems = load(root)
    assert facts is not None and slow is not None
    assert values(facts["visits"]) == values(slow["visits"])
    assert list(facts["visits"].index) == list(slow["visits"].index)
    assert problems.summary_lines() == slow_problems.summary_lines()


@pytest.mark.parametrize("case", sorted(CLEAN))
def test_the_columnar_register_holds_the_same_facts(tmp_path, monkeypatch, case):
    from grantgen.facts.register import EncodedVisits, visit_counts

    root = workspace_with(tmp_path, CLEAN[case])
    fast, problems = load(root)
    assert fast is not None, problems.summary_lines()
    visits = fast["visits"]
    assert isinstance(visits["participant_id"].dtype, pd.CategoricalDtype)  # kept as codes
    assert isinstance(visits["location_id"].dtype, pd.CategoricalDtype)
    ordinary(monkeypatch)
    slow, slow_problems = load(root)
    assert slow is not None
    assert not isinstance(slow["visits"]["participant_id"].dtype, pd.CategoricalDtype)
    assert values(visits) == values(slow["visits"])
    assert list(visits.index) == list(slow["visits"].index)
    assert problems.summary_lines() == slow_problems.summary_lines()
    assert visit_counts(visits).equals(visit_counts(slow["visits"]))
    # the codes the register was read with are the ones it is counted with
    encoded = EncodedVisits.of(visits)
    assert (encoded.who == visits["participant_id"].cat.codes.to_numpy()).all()
    assert (encoded.location == visits["location_id"].cat.codes.to_numpy()).all()


PARTICIPANTS = [["year", "location_id", "unique_participants", "visits"],
                ["2017", "linde", "5", "3"]]
FAULTY = {
    "a date that is none": register_text(ROWS[:2] + [["31-02-2017", "linde", "q-x", "koffie"]]
                                         + ROWS[2:]),
    "an empty required cell": register_text(ROWS[:3] + [["2017-03-05", "", "q-x", "koffie"]]),
    "a row with a cell too many": register_text(ROWS) + "2017-04-01,linde,q-x,koffie,extra\n",
    "a row with a cell too few": register_text(ROWS) + "2017-04-01,linde\n",
    "an unknown location": register_text(ROWS + [["2017-05-01", "lindee", "q-x", "koffie"]]),
    "a visit before the location opened": register_text(
        ROWS + [["2015-06-01", "eik", "q-x", "koffie"]]),
    "the location all": register_text(ROWS + [["2017-05-01", "all", "q-x", "koffie"]]),
    "an activity the location does not have": register_text(
        ROWS + [["2017-05-01", "linde", "q-x", "breien"]]),
    "an invalid id": register_text(ROWS + [["2017-05-01", "De Linde", "q-x", "koffie"]]),
    "a header written twice": register_text(ROWS, ["date", "location_id", "participant_id",
                                                   "date"]),
    "the yearly counts disagree": (register_text(ROWS), {"participants": PARTICIPANTS}),
    "Windows-1252": register_text(ROWS + [["2017-05-01", "linde", "q-é", "koffie"]])
    .encode("cp1252"),
}


@pytest.mark.parametrize("case", sorted(FAULTY))
def test_a_register_with_problems_gives_the_ordinary_messages(cli, tmp_path, monkeypatch,
                                                              case):
    text, tables = FAULTY[case] if isinstance(FAULTY[case], tuple) else (FAULTY[case], {})
    root = workspace_with(tmp_path, text, **tables)
    result = cli(["check", "--workspace", str(root)])
    ordinary(monkeypatch)
    expected = cli(["check", "--workspace", str(root)])
    assert result.output == expected.output
    assert result.exit_code == expected.exit_code
    if case != "Windows-1252":
        assert "facts/visits.csv" in result.output or "facts/participants.csv" in \
            result.output


def test_a_register_in_the_workbook_is_read_as_ever(tmp_path):
    """The columnar reader reads CSV files; a workbook's sheet goes the ordinary way."""
    from grantgen.core.workspace import Workspace
    from grantgen.facts.workbook import to_xlsx

    root = make_workspace(tmp_path / "ws")
    to_xlsx(Workspace.open(root))
    facts, problems = load(root)
    assert facts is not None, problems.summary_lines()
    assert len(facts["visits"]) == len(ROWS)
    assert not isinstance(facts["visits"]["participant_id"].dtype, pd.CategoricalDtype)
