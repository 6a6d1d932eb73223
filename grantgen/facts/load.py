"""Reading the fact files as people really have them: CSV in its Dutch and international
variants, or one Excel workbook; every cell comes out as stripped text, typed later."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from grantgen.core.errors import Problems
from grantgen.core.files import relative_path
from grantgen.core.i18n import _
from grantgen.facts.strays import nearest_table, own_sheet_names
from grantgen.facts.tables import TABLES

#: the one workbook that may hold the facts, instead of the CSV files
WORKBOOK = "facts.xlsx"
#: longest cell we accept; anything longer is a paste accident, not a fact
MAX_CELL = 10_000


@dataclass
class RawTable:
    """One table as read from its file: text cells, empty string for a missing value."""

    name: str
    #: how messages name the file, relative to the workspace (`facts/visits.csv`)
    file: str
    frame: pd.DataFrame
    #: a ';'-separated CSV: '1.234' means one thousand two hundred and thirty-four
    dutch_numbers: bool = False
    #: read from the workbook, where a number typed as text is the only way to an ambiguity
    from_workbook: bool = False

    def row_number(self, index) -> int:
        """The row as the user sees it in Excel or a text editor (the header is row 1)."""
        return int(index) + 2


def decode(data: bytes, file: str, problems: Problems) -> str | None:
    """The text of a CSV file in UTF-8 (with or without BOM) or Windows-1252."""
    if b"\x00" in data[:65536]:
        problems.add(file, _("is not a text file (it contains binary data)."),
                     hint=_("Save it from Excel or LibreOffice as 'CSV (comma or semicolon "
                            "delimited)'."))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as e:
        problems.add(file, _("is neither UTF-8 nor Windows-1252 text (byte {byte} at position "
                             "{pos}).").format(byte=hex(data[e.start]), pos=e.start),
                     hint=_("Save it again as CSV UTF-8."))
        return None


def sniff_separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _clean_header(names) -> list[str]:
    return [str(n).replace("\ufeff", "").strip().lower() for n in names]


def _finish(frame: pd.DataFrame, name: str, file: str, problems: Problems,
            dutch: bool) -> RawTable | None:
    frame.columns = _clean_header(frame.columns)
    # Excel leaves unnamed empty columns behind ("a;b;;"): drop them when they hold nothing
    unnamed = [c for c in frame.columns if c == "" or c.startswith("unnamed:")]
    for column in unnamed:
        if (frame[column] == "").all():
            frame = frame.drop(columns=[column])
        else:
            problems.add(file, _("a column without a header holds values."),
                         hint=_("Give every column a name in the first row, or delete it."))
            return None
    duplicated = sorted({c for c in frame.columns if list(frame.columns).count(c) > 1})
    if duplicated:
        problems.add(file, _("the column {column} appears more than once in the header.").format(
            column=", ".join(duplicated)), row=1, hint=_("Keep one of them."))
        return None
    # rows Excel left with only separators are not facts
    if len(frame.columns):
        frame = frame[(frame != "").any(axis=1)]
    for column in frame.columns:
        long = frame[column].str.len() > MAX_CELL
        if long.any():
            index = cast(int, long.idxmax())  # the frame's row labels are row counts
            problems.add(file, _("this cell holds {n} characters; grantgen accepts at most "
                                 "{max}.").format(n=int(frame[column].str.len()[index]),
                                                  max=MAX_CELL),
                         row=int(index) + 2, column=column,
                         hint=_("Shorten it; longer texts belong in texts/."))
            return None
    return RawTable(name, file, frame, dutch)


def read_csv(path: Path, root: Path, problems: Problems) -> RawTable | None:
    file = relative_path(path, root)
    name = path.stem.lower()
    data = path.read_bytes()
    if not data.strip():
        problems.add(file, _("is empty."),
                     hint=_("It needs at least the header row: {columns}.").format(
                         columns=", ".join(TABLES[name].required_columns)))
        return None
    text = decode(data, file, problems)
    if text is None:
        return None
    separator = sniff_separator(text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False,
                            na_filter=False, skipinitialspace=True, engine="c")
    except pd.errors.ParserError as e:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(e))
        if match:
            problems.add(file, _("this row has {saw} cells where the header has {expected}.")
                         .format(saw=match[3], expected=match[1]), row=int(match[2]),
                         hint=_("A value containing '{sep}' must be in double quotes.").format(
                             sep=separator))
        else:
            problems.add(file, _("cannot be read as CSV: {error}").format(error=e))
        return None
    except pd.errors.EmptyDataError:
        problems.add(file, _("is empty."))
        return None
    # pandas renames a repeated column ('volunteers.1'); the header as written tells
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0]), delimiter=separator), [])
    if len(header) == len(frame.columns):
        frame.columns = header
    # column by column in order: a repeated name is reported by _finish
    frame = frame.astype(str).apply(_stripped)
    return _finish(frame, name, file, problems, dutch=separator == ";")


#: a column of fewer rows is converted cell by cell: factorising it costs more than it saves
SMALL_COLUMN = 1024


def distinct(column: pd.Series) -> tuple[np.ndarray, pd.Series] | None:
    """(codes, distinct values) of a column with far fewer distinct values than rows, where
    work done once per distinct value and spread back (`result.take(codes)`) is cheaper than
    work done per cell; None otherwise. A visits register of millions of rows holds a few
    thousand dates and a few hundred locations."""
    if len(column) < SMALL_COLUMN:  # too few rows for the detour to pay
        return None
    codes, uniques = pd.factorize(column)
    if len(uniques) * 2 > len(column):
        return None
    return codes, pd.Series(uniques, dtype=column.dtype, name=column.name)


def _stripped(column: pd.Series) -> pd.Series:
    found = distinct(column)
    if found is None:
        return column.str.strip()
    codes, values = found
    return values.str.strip().take(codes).set_axis(column.index)


def _cell_text(value) -> str:
    """An Excel cell as the text the converters read (ISO numbers and dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        # 1.234 stored as a number is one point two three four: written so, it could be
        # read as thousands; a fourth decimal says it is not
        return text + "0" if re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", text) else text
    return str(value).strip()


def sheet_file(workbook: str, table: str) -> str:
    """How messages name a table's sheet in the workbook: facts/facts.xlsx [budget]."""
    return f"{workbook} [{table}]"


def read_workbook(path: Path, root: Path, problems: Problems, required: set[str],
                  unreadable: set[str] | None = None) -> dict[str, RawTable]:
    """One RawTable per sheet whose name is a table; a sheet that is no table (besides the
    workbook's own explanation and lists) is an error naming the table it resembles.
    Tables whose sheet could not be read go into `unreadable`."""
    unreadable = set() if unreadable is None else unreadable
    from openpyxl import load_workbook  # only workspaces with a workbook pay for openpyxl

    file = relative_path(path, root)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        problems.add(file, _("cannot be opened as an Excel workbook ({error}).").format(
            error=type(e).__name__),
            hint=_("Open it in Excel or LibreOffice and save it again as .xlsx."))
        return {}
    tables: dict[str, RawTable] = {}
    sheets, strays = _table_sheets(book, file, problems)
    for name in sorted(required - set(sheets)):
        renamed = [sheet for sheet, near in strays.items() if near == name]
        problems.add(file, _("the sheet '{sheet}' is missing.").format(sheet=name),
                     hint=_("Is it the sheet '{found}'? Rename it to '{sheet}'.").format(
                         found=renamed[0], sheet=name) if renamed else
                     _("Add a sheet named '{sheet}' with the header row: {columns}.")
                     .format(sheet=name, columns=", ".join(TABLES[name].required_columns)))
    for name, sheet_name in sheets.items():
        table = _read_sheet(book[sheet_name], name, sheet_file(file, name), problems)
        if table is not None:
            tables[name] = table
        else:
            unreadable.add(name)
    book.close()
    return tables


def _table_sheets(book, file: str,
                  problems: Problems) -> tuple[dict[str, str], dict[str, str | None]]:
    """(table -> its sheet, stray sheet -> the table it resembles or None), with an error
    for every sheet that is no table but for the workbook's own explanation and lists."""
    own = own_sheet_names()
    names = {sheet.strip().lower() for sheet in book.sheetnames}
    tables: dict[str, str] = {}
    strays: dict[str, str | None] = {}
    for sheet_name in book.sheetnames:
        name = sheet_name.strip().lower()
        if name in own:
            continue
        where = f"{file} [{sheet_name}]"
        if name in TABLES:
            if name not in tables:
                tables[name] = sheet_name
            else:
                problems.add(where, _("the sheet '{sheet}' is the table {name} a second "
                                      "time, after the sheet '{other}'.").format(
                                          sheet=sheet_name, name=name, other=tables[name]),
                             hint=_("Keep one of the two sheets."))
            continue
        header = next(book[sheet_name].iter_rows(max_row=1, values_only=True), ())
        near = nearest_table(sheet_name, [_cell_text(v) for v in header])
        strays[sheet_name] = near
        problems.add(where, _("the sheet '{sheet}' is not a table of the facts, so what it "
                              "holds would not be read.").format(sheet=sheet_name),
                     hint=_stray_sheet_hint(near, near in names))
    return tables, strays


def _stray_sheet_hint(near: str | None, there: bool) -> str:
    if near is None:
        return _("Sheets are named after their table: {names}. Rename it, or move it to "
                 "another workbook.").format(names=", ".join(TABLES))
    if there:
        return _("Did you mean '{near}'? Put what it holds in the sheet '{near}', then "
                 "delete this sheet.").format(near=near)
    return _("Did you mean '{near}'? Rename the sheet to '{near}'.").format(near=near)


def _read_sheet(sheet, name: str, sheet_file: str, problems: Problems) -> RawTable | None:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or all(v is None for v in header):
        problems.add(sheet_file, _("the sheet is empty."), hint=_("Row 1 needs the column names."))
        return None
    width = len(header)
    records = [[_cell_text(v) for v in row[:width]] + [""] * (width - len(row)) for row in rows]
    frame = pd.DataFrame(records, columns=[_cell_text(h) for h in header], dtype=object)
    if not len(frame):
        frame = pd.DataFrame({h: pd.Series(dtype=object) for h in frame.columns})
    table = _finish(frame.astype(str) if len(frame) else frame, name, sheet_file, problems,
                    dutch=False)
    if table is not None:
        table.from_workbook = True
    return table
