"""The facts workbook: facts/facts.xlsx written from the CSV files and back again.

`to_xlsx` writes one sheet per table after a first sheet explaining every table and
column, with frozen headers, fitting widths, number and date formats and drop-down lists
taken from the facts; `to_csv` writes the CSV files from the workbook. Cells are read as
the loader reads them, so the round trip CSV -> workbook -> CSV keeps every fact; a cell
that does not convert (a typo in a date, say) stays as the text it was, to be fixed.

What a conversion replaces in the workspace is moved to backup/<date-time>/, never deleted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from grantgen.core.errors import InputError, Problems, WorkspaceError
from grantgen.core.files import relative_path, write_atomically
from grantgen.core.i18n import N_, _
from grantgen.core.workspace import Workspace
from grantgen.facts import tables as t
from grantgen.facts.convert import parse_dates, parse_numbers
from grantgen.facts.load import WORKBOOK, RawTable
from grantgen.facts.reading import read_tables
from grantgen.facts.strays import lock_files
from grantgen.profiles.funders import load_funders

#: the last row the drop-down lists and formats reach (Excel's last row)
LAST_ROW = 1_048_576

#: how each kind of column is described on the explanation sheet
KIND_WORDS = {
    t.SLUG: N_("a short code: lowercase letters, digits and hyphens (de-klop)"),
    t.TEXT: N_("text"),
    t.DATE: N_("a date (30-11-2018)"),
    t.YEAR: N_("a year (2019)"),
    t.COUNT: N_("a whole number"),
    t.NUMBER: N_("a number (decimals allowed)"),
    t.AMOUNT: N_("an amount in euros, without the € sign"),
    t.YESNO: N_("yes or no"),
    t.CHOICE: N_("one of: {choices}"),
    t.LIST: N_("words separated by ; (for example: activering;participatie)"),
}

#: Excel number formats by column kind; '@' keeps codes and text as typed (no 1-1 -> date)
NUMBER_FORMATS = {
    t.DATE: "dd-mm-yyyy",
    t.YEAR: "0",
    t.COUNT: "#,##0",
    t.NUMBER: "General",
    t.AMOUNT: '"€ "#,##0.00',
    t.SLUG: "@", t.TEXT: "@", t.YESNO: "@", t.CHOICE: "@", t.LIST: "@",
}

REQUIRED_FILL = "1F4E79"
OPTIONAL_FILL = "8EA9C1"


@dataclass
class Conversion:
    """What a conversion wrote and which files it moved out of the way."""

    written: list[Path]
    rows: dict[str, int]
    backup: Path | None = None
    moved: list[str] = field(default_factory=list)
    #: the workspace, for showing paths inside it relative to it
    root: Path | None = None

    def shown(self, path: Path | None) -> str:
        """`path` as a person finds it: relative to the workspace when inside it."""
        if path is None:
            return ""
        try:
            return relative_path(path, self.root) if self.root else str(path)
        except ValueError:
            return str(path)


# ---- reading the facts as text --------------------------------------------------------------

def _sources(workspace: Workspace) -> tuple[list[Path], Path | None]:
    """The fact CSV files and the workbook present in facts/."""
    folder = workspace.facts_dir
    csvs = [p for p in sorted(folder.glob("*.csv"))
            if p.stem.lower() in t.TABLES and not p.name.startswith(".")]
    workbook = folder / WORKBOOK
    return csvs, (workbook if workbook.is_file() else None)


def read_raw(workspace: Workspace) -> dict[str, RawTable]:
    """Every fact table of the workspace as text, from the CSV files or the workbook."""

    problems = Problems()
    raw = read_tables(workspace, problems)
    # a new workspace may have no tables yet; everything else must read cleanly
    errors = [p for p in problems.errors if p.message != _("is missing.")]
    if errors:
        raise InputError(errors)
    return raw


def _headers(raw: RawTable | None, table: t.Table) -> list[str]:
    """The columns of a sheet: the file's own, in its order, then the table's missing ones."""
    given = list(raw.frame.columns) if raw is not None else []
    return given + [c for c in table.column_names if c not in given]


def _typed_cells(raw: RawTable, column: str, spec: t.Column | None) -> list:
    """The cells of one column as Excel values: numbers and dates where they convert."""
    text = raw.frame[column].astype(str)
    values: list = [v if v != "" else None for v in text]
    if spec is None:
        return values
    if spec.kind == t.DATE:
        parsed = parse_dates(text)
        return [p.date() if not pd.isna(p) else v for p, v in zip(parsed, values, strict=True)]
    if spec.kind in (t.YEAR, t.COUNT, t.NUMBER, t.AMOUNT):
        numbers = parse_numbers(text, raw.dutch_numbers, whole=spec.kind in (t.YEAR, t.COUNT))
        result = []
        for number, value in zip(numbers, values, strict=True):
            if pd.isna(number):
                result.append(value)
            elif float(number).is_integer() and abs(number) < 2 ** 53:
                result.append(int(number))
            else:
                result.append(float(number))
        return result
    return values


# ---- lists for the drop-downs ---------------------------------------------------------------

def _unique(values) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, str) and value.strip():
            seen.setdefault(value.strip(), None)
    return list(seen)


def _column(raw: dict[str, RawTable], table: str, column: str) -> list[str]:
    if table in raw and column in raw[table].frame.columns:
        return _unique(raw[table].frame[column])
    return []


@dataclass
class DropDown:
    """One drop-down list: its values, and whether other values are refused or only warned."""

    name: str
    values: list[str]
    #: 'stop' refuses other values, 'warning' asks, 'information' only tells
    style: str = "stop"


def drop_downs(workspace: Workspace, raw: dict[str, RawTable]) -> dict[tuple[str, str], DropDown]:
    """(table, column) -> its drop-down list, with the values taken from the facts."""

    funders = load_funders(workspace.funders_dir, workspace.root, Problems())
    locations = _column(raw, "locations", "location_id")
    lists = {
        "locations": DropDown("location_id", locations, "warning"),
        "locations_all": DropDown("location_id (+ all)", [t.ALL] + locations, "warning"),
        "activities": DropDown("activity_id", _column(raw, "activities", "activity_id"),
                               "warning"),
        "indicators": DropDown("indicator_id", _column(raw, "indicators", "indicator_id"),
                               "warning"),
        "corporations": DropDown("housing_corporation", [
            f.id for f in funders.values() if f.type == "housing-corporation"], "warning"),
        "sources": DropDown("source", _unique(list(funders) + _column(raw, "funding", "source")),
                            "information"),
        "categories": DropDown("category", _unique(_column(raw, "budget", "category")
                                                   + _column(raw, "actuals", "category")),
                               "information"),
        "activity_categories": DropDown("category (activities)",
                                        _column(raw, "activities", "category"), "information"),
        "yesno": DropDown("yes/no", ["yes", "no"]),
    }
    result: dict[tuple[str, str], DropDown] = {}
    for name, table in t.TABLES.items():
        for spec in table.columns:
            key = (name, spec.name)
            if spec.name == "location_id" and name != "locations":
                result[key] = lists["locations_all" if table.allows_all else "locations"]
            elif spec.kind == t.CHOICE:
                result[key] = DropDown(spec.name, list(spec.choices))
            elif spec.kind == t.YESNO:
                result[key] = lists["yesno"]
            elif key == ("visits", "activity_id"):
                result[key] = lists["activities"]
            elif key == ("outcomes", "indicator_id"):
                result[key] = lists["indicators"]
            elif key == ("participant_profiles", "housing_corporation"):
                result[key] = lists["corporations"]
            elif key == ("funding", "source"):
                result[key] = lists["sources"]
            elif key in (("budget", "category"), ("actuals", "category")):
                result[key] = lists["categories"]
            elif key == ("activities", "category"):
                result[key] = lists["activity_categories"]
    return {k: v for k, v in result.items() if v.values}


# ---- writing the workbook -------------------------------------------------------------------

def _width(header: str, values: list, kind: str | None) -> float:
    """A column width (in characters) that fits the header and most values."""
    longest = len(header) + 3  # room for the filter arrow
    if kind == t.DATE:
        longest = max(longest, 11)
    for value in values[:500]:
        if value is not None:
            text = value.strftime("%d-%m-%Y") if isinstance(value, dt.date) else str(value)
            longest = max(longest, len(text) + (4 if kind == t.AMOUNT else 1))
    return float(min(max(longest, 8), 60))


def _explanation(book, title: str, org_name: str | None,
                 lists: dict[tuple[str, str], DropDown]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = book.create_sheet(title, 0)
    bold = Font(bold=True)
    heading = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    head = _("The facts of {name}").format(name=org_name) if org_name else _("The facts")
    sheet.append([head])
    sheet["A1"].font = heading
    lines = [
        _("Each sheet of this workbook is one table of your facts; each row is one fact. "
          "Keep the sheet names and the column names in row 1 as they are."),
        _("A column with a dark header must be filled in; one with a light header may stay "
          "empty. An empty cell means: not known."),
        _("Type dates as 30-11-2018, amounts in euros without the € sign, and numbers as you "
          "always do."),
        _("Where a cell has a drop-down list (an arrow appears when you click it), choose a "
          "value from the list. location_id 'all' means: the organisation as a whole."),
        _("Added a location, activity, indicator or funder? Save and close this workbook and "
          "run 'grantgen facts to-xlsx': the drop-down lists then know it too."),
        _("Never type a participant's name: use a pseudonym (participant_id), such as p0001."),
        _("When you are done, save the workbook and run 'grantgen check': it tells you what "
          "is still wrong, with the sheet, row and column."),
    ]
    for line in lines:
        sheet.append(["• " + line])
        sheet.cell(sheet.max_row, 1).alignment = wrap
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row,
                          end_column=5)
        sheet.row_dimensions[sheet.max_row].height = 30
    sheet.append([])
    header = [_("Sheet"), _("Column"), _("Required"), _("What to fill in"), _("Meaning")]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL)
    for name, table in t.TABLES.items():
        sheet.append([name, "", "", "", _(table.meaning)])
        row = sheet.max_row
        sheet.cell(row, 1).hyperlink = f"#'{name}'!A1"
        for cell in sheet[row]:
            cell.font = bold
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        for spec in table.columns:
            kind = _(KIND_WORDS[spec.kind])
            if spec.kind == t.CHOICE:
                kind = kind.format(choices=", ".join(spec.choices))
            listed = lists.get((name, spec.name))
            if listed is not None and spec.kind not in (t.CHOICE, t.YESNO):
                kind += "; " + _("choose from the list")
            meaning = _(spec.meaning) if spec.meaning else ""
            sheet.append(["", spec.name, _("yes") if spec.required else _("no"), kind,
                          meaning])
            for cell in sheet[sheet.max_row]:
                cell.alignment = wrap
            # spreadsheets do not grow a row for wrapped text they did not lay out themselves
            wrapped = max(-(-len(kind) // 40), -(-len(meaning) // 58), 1)
            sheet.row_dimensions[sheet.max_row].height = 15 * wrapped
    for letter, width in zip("ABCDE", (22, 22, 10, 42, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    # printed, the explanation fits the width of a landscape page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _lists_sheet(book, title: str, lists: dict[tuple[str, str], DropDown]) -> dict[int, str]:
    """A hidden sheet holding every drop-down list in a column; id(list) -> its range."""
    from openpyxl.utils import get_column_letter, quote_sheetname

    sheet = book.create_sheet(title)
    ranges: dict[int, str] = {}
    column = 0
    for listed in lists.values():
        if id(listed) in ranges:
            continue
        column += 1
        letter = get_column_letter(column)
        sheet.cell(1, column, listed.name)
        for row, value in enumerate(listed.values, start=2):
            sheet.cell(row, column, value).number_format = "@"
        ranges[id(listed)] = (f"{quote_sheetname(title)}!${letter}$2:"
                              f"${letter}${len(listed.values) + 1}")
        sheet.column_dimensions[letter].width = max(12, max(len(v) for v in listed.values) + 2)
    sheet.sheet_state = "hidden"
    return ranges


def _table_sheet(book, name: str, raw: RawTable | None, lists: dict, ranges: dict) -> int:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    table = t.TABLES[name]
    sheet = book.create_sheet(name)
    headers = _headers(raw, table)
    rows = len(raw.frame) if raw is not None else 0
    columns = []
    for header in headers:
        spec = table.column(header)
        if raw is not None and header in raw.frame.columns:
            columns.append(_typed_cells(raw, header, spec))
        else:
            columns.append([None] * rows)
    sheet.append(headers)
    for values in zip(*columns, strict=True) if columns else ():
        sheet.append(list(values))
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        spec = table.column(header)
        kind = spec.kind if spec is not None else None
        cell = sheet.cell(1, index)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL if spec is not None
                                and spec.required else OPTIONAL_FILL)
        cell.alignment = Alignment(vertical="center")
        if spec is not None and spec.meaning:
            note = _(spec.meaning)
            if spec.required:
                note += " " + _("(required)")
            cell.comment = Comment(note, "grantgen", width=260, height=90)
        number_format = NUMBER_FORMATS.get(kind, "@") if kind is not None else "@"
        sheet.column_dimensions[letter].number_format = number_format
        if number_format != "@":  # text cells are text already; numbers need their format
            for (data_cell,) in sheet.iter_rows(min_row=2, max_row=rows + 1, min_col=index,
                                                max_col=index):
                if isinstance(data_cell.value, (int, float, dt.date)):
                    data_cell.number_format = number_format
        sheet.column_dimensions[letter].width = _width(header, columns[index - 1], kind)
        area = f"{letter}2:{letter}{LAST_ROW}"
        listed = lists.get((name, header))
        if listed is not None:
            check = DataValidation(type="list", formula1=ranges[id(listed)], allow_blank=True,
                                   errorStyle=listed.style, showErrorMessage=True)
            check.errorTitle = header
            check.error = (_("Choose a value from the list.") if listed.style == "stop" else
                           _("This value is not in the list. Is it spelt right? For a new "
                             "one, add it where it is defined first."))
            check.add(area)
            sheet.add_data_validation(check)
        elif kind in (t.YEAR, t.COUNT, t.AMOUNT, t.NUMBER):
            low, high = (1900, 2200) if kind == t.YEAR else (0, 10 ** 12)
            check = DataValidation(type="whole" if kind in (t.YEAR, t.COUNT) else "decimal",
                                   operator="between", formula1=str(low), formula2=str(high),
                                   allow_blank=True, showErrorMessage=True, errorStyle="stop")
            check.errorTitle = header
            check.error = (_("Type a year, such as 2019.") if kind == t.YEAR else
                           _("Type a whole number, 0 or more.") if kind == t.COUNT else
                           _("Type a number, 0 or more, such as 1234,50."))
            check.add(area)
            sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{rows + 1}"
    return rows


def write_workbook(path: Path, workspace: Workspace, raw: dict[str, RawTable]) -> dict[str, int]:
    """Write the facts workbook to `path` (replacing it in one step); rows per sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    lists = drop_downs(workspace, raw)
    counts: dict[str, int] = {}
    ranges = _lists_sheet(book, _("Lists"), lists)
    for name in t.TABLES:
        counts[name] = _table_sheet(book, name, raw.get(name), lists, ranges)
    _explanation(book, _("Explanation"), _organisation_name(workspace), lists)
    book.active = 0
    write_atomically(path, book.save)
    return counts


def _organisation_name(workspace: Workspace) -> str | None:
    try:
        import yaml

        data = yaml.safe_load((workspace.facts_dir / "organisation.yaml").read_text("utf-8-sig"))
        name = data.get("name") if isinstance(data, dict) else None
        return name if isinstance(name, str) and name.strip() else None
    except Exception:  # the name is a nicety; organisation.yaml's problems show in check
        return None


# ---- writing CSV ---------------------------------------------------------------------------

def csv_text(raw: RawTable, table: t.Table) -> str:
    """A table as CSV the international way: UTF-8, ',' and ISO dates and numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    headers = list(raw.frame.columns) or table.column_names
    writer.writerow(headers)
    for row in raw.frame.itertuples(index=False, name=None):
        writer.writerow(row)
    return buffer.getvalue()


def _empty(name: str) -> RawTable:
    table = t.TABLES[name]
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in table.column_names})
    return RawTable(name, f"facts/{name}.csv", frame)


# ---- the two conversions -------------------------------------------------------------------

def backup_folder(workspace: Workspace) -> Path:
    """A new folder backup/<date-time>/ of the workspace, for what a conversion or a build
    replaces: nothing is deleted."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    folder = workspace.root / "backup" / stamp
    n = 1
    while folder.exists():
        n += 1
        folder = workspace.root / "backup" / f"{stamp}-{n}"
    return folder


def _move_to_backup(workspace: Workspace, files: list[Path]) -> tuple[Path | None, list[str]]:
    if not files:
        return None, []
    folder = backup_folder(workspace) / "facts"
    folder.mkdir(parents=True)
    moved = []
    for path in files:
        shutil.move(str(path), str(folder / path.name))
        moved.append(workspace.relative(path))
    return folder.parent, moved


def to_xlsx(workspace: Workspace, out: Path | None = None) -> Conversion:
    """Write the facts workbook: to `out`, or to facts/facts.xlsx, moving the CSVs aside."""
    csvs, workbook = _sources(workspace)
    if out is None and workbook is not None and csvs:
        raise _both(workspace, csvs)
    target = Path(out) if out is not None else workspace.facts_dir / WORKBOOK
    if target.suffix.lower() != ".xlsx":
        raise WorkspaceError(_("{path}: a workbook file name ends in .xlsx.").format(
            path=target))
    refuse_open(workspace, [target] + (csvs if out is None else []))
    raw = read_raw(workspace)
    if out is None and workbook is not None:
        # refreshing the workbook from itself: keep the old one in the backup first
        folder = backup_folder(workspace) / "facts"
        folder.mkdir(parents=True)
        shutil.copy2(workbook, folder / workbook.name)
        counts = write_workbook(target, workspace, raw)
        return Conversion([target], counts, folder.parent, [workspace.relative(workbook)],
                          workspace.root)
    counts = write_workbook(target, workspace, raw)
    backup, moved = (None, []) if out is not None else _move_to_backup(workspace, csvs)
    return Conversion([target], counts, backup, moved, workspace.root)


def to_csv(workspace: Workspace, out: Path | None = None) -> Conversion:
    """Write one CSV file per sheet of facts/facts.xlsx: into `out`, or into facts/, moving
    the workbook aside."""
    csvs, workbook = _sources(workspace)
    if workbook is None:
        raise WorkspaceError(_("{path}: there is no facts/{name}; the facts are already CSV "
                               "files.").format(path=workspace.facts_dir, name=WORKBOOK))
    if out is None and csvs:
        raise _both(workspace, csvs)
    folder = Path(out) if out is not None else workspace.facts_dir
    refuse_open(workspace, ([workbook] if out is None else [])
                + [folder / f"{name}.csv" for name in t.TABLES])
    raw = read_raw(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    written, counts = [], {}
    for name, table in t.TABLES.items():
        source = raw.get(name) or _empty(name)
        path = folder / f"{name}.csv"
        text = csv_text(source, table)
        write_atomically(path, text.encode("utf-8"))
        written.append(path)
        counts[name] = len(source.frame)
    backup, moved = (None, []) if out is not None else _move_to_backup(workspace, [workbook])
    return Conversion(written, counts, backup, moved, workspace.root)


def refuse_open(workspace: Workspace, paths: list[Path]) -> None:
    """Stop before a conversion moves or overwrites a file that is open in Excel or
    LibreOffice: what it shows would be saved over the conversion, or lost."""
    for path in paths:
        locks = lock_files(path)
        if locks:
            raise WorkspaceError(_(
                "{file} is open in Excel or LibreOffice ({lock} is beside it); close it first, "
                "then run this again. Nothing was changed. If it is not open, {lock} is left "
                "over from a crash: delete it.").format(
                file=workspace.relative(path), lock=locks[0].name))


def _both(workspace: Workspace, csvs: list[Path]) -> WorkspaceError:
    return WorkspaceError(_(
        "{folder}: both facts.xlsx and CSV files ({files}) are there; grantgen cannot tell "
        "which holds the facts. Move the ones you do not use out of facts/ first.").format(
        folder=workspace.relative(workspace.facts_dir), files=", ".join(p.name for p in csvs)))
