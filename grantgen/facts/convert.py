"""Typing the text cells of a fact table: ids, dates, years, counts, amounts, yes/no, lists.

Conversions are vectorised (a visits register may hold millions of rows); every cell that
does not convert becomes a Problem naming its file, row and column.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import cast

import numpy as np
import pandas as pd

from grantgen.core.dates import parse_date
from grantgen.core.errors import Problems
from grantgen.core.i18n import _
from grantgen.core.ids import SLUG_PATTERN
from grantgen.facts import tables as t
from grantgen.facts.load import RawTable, distinct
from grantgen.facts.numbers import (
    ambiguity_hint,
    ambiguity_message,
    ambiguous_numbers,
    parse_numbers,
)

#: cell problems listed per file and column before the rest are only counted
MAX_CELL_PROBLEMS = 20

_YES = {"yes", "ja", "y", "j", "true", "waar", "1"}
_NO = {"no", "nee", "n", "false", "onwaar", "0"}

#: a message for a bad cell: text formatted with {value}, or made from the cell's text
Message = str | Callable[[str], str]


def _report(problems: Problems, raw: RawTable, column: str, bad: pd.Series, message: Message,
            hint: Message) -> None:
    """One problem per bad cell (up to MAX_CELL_PROBLEMS), `message` formatted with {value}."""
    indexes = bad[bad].index
    for index in indexes[:MAX_CELL_PROBLEMS]:
        value = cast(str, raw.frame.at[index, column])  # a raw table holds text
        shown = value if len(value) <= 60 else value[:57] + "..."
        problems.add(raw.file, message(value) if callable(message) else
                     message.format(value=shown), row=raw.row_number(index), column=column,
                     hint=hint(value) if callable(hint) else hint)
    if len(indexes) > MAX_CELL_PROBLEMS:
        problems.suppressed(raw.file, column, len(indexes) - MAX_CELL_PROBLEMS)


def parse_dates(text: pd.Series) -> pd.Series:
    """The dates of a column as core/dates.py reads a date (2018-11-30, 30-11-2018, ...),
    read once per distinct text; NaT where the text is no date."""
    codes, uniques = pd.factorize(text)
    dates = pd.to_datetime(pd.Series([parse_date(str(value)) for value in uniques],
                                     dtype=object)).astype("datetime64[ns]")
    spread = pd.Series(dates.to_numpy()[codes], index=text.index, dtype="datetime64[ns]")
    return spread.where(codes >= 0)


def empty_column(kind: str, index: pd.Index) -> pd.Series:
    """A column of missing values with the dtype its kind converts to."""
    if kind == t.DATE:
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    if kind in (t.YEAR, t.COUNT):
        return pd.Series(pd.NA, index=index, dtype="Int64")
    if kind in (t.NUMBER, t.AMOUNT):
        return pd.Series(float("nan"), index=index, dtype=float)
    return pd.Series([None] * len(index), index=index, dtype=object)


def convert(raw: RawTable, table: t.Table, problems: Problems) -> pd.DataFrame | None:
    """The typed frame of `raw`, or None when a required column is missing."""
    frame = raw.frame
    missing = [c for c in table.required_columns if c not in frame.columns]
    if missing:
        unknown = [c for c in frame.columns if table.column(c) is None]
        for column in missing:
            near = difflib.get_close_matches(column, unknown, n=1, cutoff=0.6)
            hint = (_("Rename '{found}' to '{column}'.").format(found=near[0], column=column)
                    if near else
                    _("Add the column '{column}' to the header row.").format(column=column))
            problems.add(raw.file, _("the required column '{column}' is missing.").format(
                column=column), row=1, hint=hint)
        return None
    typed = {}
    for column in frame.columns:
        spec = table.column(column)
        text = frame[column].astype(str)
        typed[column] = (_convert_column(raw, spec, text, problems) if spec is not None
                         else text.where(text != "", None))
        if spec is not None and spec.required:
            empty = text == ""
            if empty.any():
                _report(problems, raw, column, empty, _("this required cell is empty."),
                        _("Fill it in, or delete the row."))
    for spec in table.columns:
        if spec.name not in typed:  # optional column left out: all missing
            typed[spec.name] = empty_column(spec.kind, frame.index)
    result = pd.DataFrame(typed, index=frame.index)
    result.attrs["file"] = raw.file
    result.attrs["rows"] = {"offset": 2}
    return result


#: a cell problem found while converting a column: (which cells, message, hint)
Fault = tuple[pd.Series, Message, Message]


def _convert_column(raw: RawTable, spec: t.Column, text: pd.Series,
                    problems: Problems) -> pd.Series:
    """The typed column, with a problem for each cell that does not convert. The conversion
    is done once per distinct text (_on_distinct): a visits register of millions of rows
    holds a few thousand dates, locations and activities."""
    values, faults = _on_distinct(text, lambda values: _typed(spec, values, raw))
    for bad, message, hint in faults:
        _report(problems, raw, spec.name, bad, message, hint)
    return values


def _on_distinct(text: pd.Series, typed: Callable[[pd.Series], tuple[pd.Series, list[Fault]]]
                 ) -> tuple[pd.Series, list[Fault]]:
    """`typed(text)` computed on the distinct values of `text` and spread back over its
    rows, when there are far fewer distinct values than rows."""
    found = distinct(text)
    if found is None:
        return typed(text)
    codes, uniques = found
    values, faults = typed(uniques)
    # pandas-stubs: Series.name is a Hashable, which rename()'s overloads do not take
    name = text.name
    spread = values.take(codes).set_axis(text.index).rename(name)  # type: ignore[call-overload]
    return spread, [(pd.Series(bad.to_numpy(dtype=bool)[codes], index=text.index), message,
                     hint) for bad, message, hint in faults]


def _typed(spec: t.Column, text: pd.Series, raw: RawTable) -> tuple[pd.Series, list[Fault]]:
    """The typed values of `text` and the cells that do not convert."""
    present = text != ""
    kind = spec.kind
    if kind == t.SLUG:
        bad = present & ~text.str.fullmatch(SLUG_PATTERN).fillna(False)
        return text.where(present, None).astype(object), [
            (bad, _("'{value}' is not a valid id."),
             _("Ids use lowercase letters, digits and hyphens only, e.g. 'de-klop'."))]
    if kind == t.DATE:
        parsed = parse_dates(text)
        return parsed, [(present & parsed.isna(), _("'{value}' is not a date."),
                         _("Write dates as 2018-11-30 or 30-11-2018."))]
    if kind in (t.YEAR, t.COUNT, t.NUMBER, t.AMOUNT):
        return _typed_number(kind, text, present, raw)
    if kind == t.YESNO:
        lower = text.str.lower()
        yes = lower.isin(_YES)
        bad = present & ~yes & ~lower.isin(_NO)
        return yes.where(present, None).astype(object), [
            (bad, _("'{value}' is not yes or no."), _("Write yes or no."))]
    if kind == t.CHOICE:
        normal = text.str.lower() if spec.choices[0].islower() else text
        bad = present & ~normal.isin(spec.choices)
        return normal.where(present, None).astype(object), [
            (bad, _("'{value}' is not one of: ") + ", ".join(spec.choices) + ".",
             _("Use one of the values listed."))]
    if kind == t.LIST:
        return text.map(lambda v: tuple(w.strip() for w in v.replace(",", ";").split(";")
                                        if w.strip())), []
    return text.where(present, None).astype(object), []


def _typed_number(kind: str, text: pd.Series, present: pd.Series,
                  raw: RawTable) -> tuple[pd.Series, list[Fault]]:
    dutch = raw.dutch_numbers
    whole = kind in (t.YEAR, t.COUNT)
    values = parse_numbers(text, dutch, whole)
    ambiguous = ambiguous_numbers(text, dutch, whole)
    money = kind == t.AMOUNT
    message = {t.YEAR: _("'{value}' is not a year."),
               t.COUNT: _("'{value}' is not a whole number."),
               t.NUMBER: _("'{value}' is not a number."),
               t.AMOUNT: _("'{value}' is not an amount.")}[kind]
    year_hint = _("Write the year in four digits, e.g. 2018.")
    faults: list[Fault] = [
        (ambiguous, lambda value: ambiguity_message(value, money),
         lambda value: ambiguity_hint(value, dutch, money, raw.from_workbook)),
        (present & values.isna() & ~ambiguous, message,
         year_hint if kind == t.YEAR else
         _("Write numbers as 1234,56 or 1.234,56 (or 1234.56 in a comma-separated file).")),
        ((values < 0).fillna(False), _("'{value}' is negative."),
         _("Amounts and counts cannot be below zero; record refunds as income."))]
    if kind not in (t.YEAR, t.COUNT):
        return values.astype(float), faults
    fractional = values.notna() & (values != np.floor(values.fillna(0)))
    faults.append((fractional, _("'{value}' is not a whole number."),
                   _("Counts and years have no decimals.")))
    if kind == t.YEAR:
        odd = values.notna() & ((values < 1900) | (values > 2200))
        faults.append((odd, _("'{value}' is not a plausible year."), year_hint))
    return values.round().astype("Int64"), faults
