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
from grantgen.facts.tables import TABLES

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


def distinct(column: pd.Series) -> tuple[np.ndarray, pd.Series] | None:
    """(codes, distinct values) of a column with far fewer distinct values than rows, where
    work done once per distinct value and spread back (`result.take(codes)`) is cheaper than
    work done per cell; None otherwise. A visits register of millions of rows holds a few
    thousand dates and a few hundred locations."""
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
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def sheet_file(workbook: str, table: str) -> str:
    """How messages name a table's sheet in the workbook: facts/facts.xlsx [budget]."""
    return f"{workbook} [{table}]"


def read_workbook(path: Path, root: Path, problems: Problems, required: set[str],
                  unreadable: set[str] | None = None) -> dict[str, RawTable]:
    """One RawTable per sheet whose name is a table; sheets with other names are ignored.
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
    sheets = {s.strip().lower(): s for s in book.sheetnames}
    for name in sorted(required - set(sheets)):
        problems.add(file, _("the sheet '{sheet}' is missing.").format(sheet=name),
                     hint=_("Add a sheet named '{sheet}' with the header row: {columns}.")
                     .format(sheet=name, columns=", ".join(TABLES[name].required_columns)))
    for name, sheet_name in sheets.items():
        if name not in TABLES:
            continue
        rows = book[sheet_name].iter_rows(values_only=True)
        header = next(rows, None)
        sheet = sheet_file(file, name)
        if header is None or all(v is None for v in header):
            problems.add(sheet, _("the sheet is empty."),
                         hint=_("Row 1 needs the column names."))
            unreadable.add(name)
            continue
        width = len(header)
        records = [[_cell_text(v) for v in row[:width]] + [""] * (width - len(row))
                   for row in rows]
        frame = pd.DataFrame(records, columns=[_cell_text(h) for h in header], dtype=object)
        if not len(frame):
            frame = pd.DataFrame({h: pd.Series(dtype=object) for h in frame.columns})
        table = _finish(frame.astype(str) if len(frame) else frame, name, sheet, problems,
                        dutch=False)
        if table is not None:
            tables[name] = table
        else:
            unreadable.add(name)
    book.close()
    return tables
