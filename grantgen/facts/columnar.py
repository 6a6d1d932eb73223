"""The visits register read the fast way: column by column with pyarrow's CSV reader, every
column dictionary-encoded (a register of millions of visits holds a few thousand dates, a
few hundred places and some thousands of pseudonyms), typed once per distinct value, and
kept as codes (pandas categoricals) all the way to counting (grantgen/facts/register.py).

The fast way only answers for a register in which it finds nothing to report. Whatever it
is not sure of (a cell that does not convert, an empty required cell, a row with more or
fewer cells, text that is not UTF-8, quote marks, a header it cannot take as it is) makes
it step aside: the register is then read the ordinary way (grantgen/facts/load.py), which
reports every problem by file, row and column exactly as it always has.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from grantgen.core.errors import Problems
from grantgen.core.files import relative_path
from grantgen.facts import tables as t
from grantgen.facts.convert import convert, empty_column
from grantgen.facts.load import MAX_CELL, RawTable, sniff_separator

# pandas 3 keeps text in pyarrow's storage once pyarrow is installed; grantgen's tables are
# many and small, where each operation on that storage costs more than on pandas' own, and
# their behaviour should not depend on whether pyarrow is there: pandas' own storage it is
pd.set_option("mode.string_storage", "python")


def read_register(path: Path, root: Path) -> pd.DataFrame | None:
    """The typed visits register of `path`, its text columns as categoricals; None when the
    ordinary reader must read it (anything in it needs reporting)."""
    try:
        with path.open("rb") as f:
            first = f.read(1 << 16)
    except OSError:
        return None
    if b"\x00" in first or b"\n" not in first:
        return None
    try:
        header_line = first.split(b"\n", 1)[0].decode("utf-8-sig").rstrip("\r")
    except UnicodeDecodeError:
        return None
    separator = sniff_separator(header_line)
    names = next(csv.reader(io.StringIO(header_line), delimiter=separator), [])
    cleaned = [n.replace("\ufeff", "").strip().lower() for n in names]
    if not names or any(not n or n.startswith("unnamed:") for n in cleaned) or \
            len(set(cleaned)) != len(cleaned) or any('"' in n for n in names):
        return None
    columns = _read_columns(path, names, separator)
    if columns is None:
        return None
    file = relative_path(path, root)
    return _typed(file, dict(zip(cleaned, columns, strict=True)), separator == ";")


#: the column of many distinct values (a pseudonym per person): read as plain text and
#: encoded afterwards, which takes less time and memory than encoding it while reading
_MANY = "participant_id"


def _read_columns(path: Path, names: list[str], separator: str
                  ) -> list[tuple[np.ndarray, pd.Series]] | None:
    """(codes, distinct stripped texts) of each column; None for anything unusual."""
    dictionary = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(delimiter=separator, quote_char='"',
                                              double_quote=True, newlines_in_values=False,
                                              ignore_empty_lines=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() if name.strip().lower() == _MANY
                              else dictionary for name in names},
                strings_can_be_null=False, quoted_strings_can_be_null=False,
                check_utf8=True))
    except (pa.ArrowException, OSError, ValueError):
        return None
    if table.num_rows == 0:
        return None
    found = []
    empty_rows = np.ones(table.num_rows, dtype=bool)
    for _name in names:
        column = table.column(0)
        # each column leaves the table once its codes are out (what pyarrow no longer holds
        # goes back to the system), so the register is never in memory twice
        table = table.remove_column(0)
        if not pa.types.is_dictionary(column.type):
            column = pc.dictionary_encode(column)
        encoded = column.combine_chunks()  # one dictionary for all the blocks
        codes = encoded.indices.to_numpy(zero_copy_only=False)
        texts = encoded.dictionary
        del column, encoded
        pa.default_memory_pool().release_unused()
        # quote marks, control characters and overlong cells: the ordinary reader decides
        if pc.any(pc.match_substring_regex(texts, '["\x00\r\n]')).as_py() or \
                pc.any(pc.greater(pc.utf8_length(texts), MAX_CELL)).as_py():
            return None
        # the same text with other spaces around it is one value: stripped as Python strips
        # (only texts that begin or end with something else than a letter or digit can
        # change)
        raw = pd.Series(texts.to_pylist(), dtype=object)
        edges = pc.match_substring_regex(texts, "^[^A-Za-z0-9]|[^A-Za-z0-9]$")
        maybe = edges.to_numpy(zero_copy_only=False)
        if maybe.any():
            raw[maybe] = raw[maybe].str.strip()
        remap, distinct = pd.factorize(raw)
        codes = remap.astype(np.int32)[codes]
        empty = np.flatnonzero(distinct == "")
        empty_rows &= np.isin(codes, empty) if len(empty) else False
        found.append((codes, pd.Series(distinct, dtype=object)))
    if empty_rows.any():  # rows of only separators: the ordinary reader leaves them out
        return None
    return found


def _typed(file: str, columns: dict[str, tuple[np.ndarray, pd.Series]],
           dutch: bool) -> pd.DataFrame | None:
    """The typed register: each column's distinct texts typed by convert() (as the ordinary
    reader types them), spread over the rows by their codes."""
    longest = max(len(values) for _codes, values in columns.values())
    # one frame of the distinct values, each column padded with its own first value
    padded = pd.DataFrame({name: pd.concat([values, pd.Series([values.iloc[0]] * (
        longest - len(values)), dtype=object)], ignore_index=True).astype(str)
        for name, (_codes, values) in columns.items()})
    problems = Problems()
    distinct = convert(RawTable("visits", file, padded, dutch), t.TABLES["visits"], problems)
    if distinct is None or problems.items or problems._suppressed:
        return None
    rows = len(next(iter(columns.values()))[0])
    typed: dict[str, pd.Series | pd.Categorical] = {}
    for name in distinct.columns:
        if name not in columns:  # an optional column the file does not have
            spec = t.TABLES["visits"].column(name)
            typed[name] = empty_column(spec.kind if spec else t.TEXT, pd.RangeIndex(rows))
            continue
        codes, values = columns[name]
        column = distinct[name].iloc[:len(values)].reset_index(drop=True)
        if (column.dtype == object or pd.api.types.is_string_dtype(column.dtype)) and \
                all(isinstance(v, str) for v in column.dropna()):
            # text kept as codes: a categorical of the typed values
            again, categories = pd.factorize(column)
            typed[name] = pd.Categorical.from_codes(again.astype(np.int32)[codes],
                                                    categories=categories)
        else:
            typed[name] = column.take(codes).reset_index(drop=True)
    result = pd.DataFrame(typed, index=pd.RangeIndex(rows))
    result.attrs.update(distinct.attrs)
    return result
