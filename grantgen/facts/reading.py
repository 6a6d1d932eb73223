"""Reading the facts of a workspace: the tables from CSV files or the workbook, with the
organisation and the funder profiles, typed and validated into one Facts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from grantgen.core.errors import Problems
from grantgen.core.files import relative_path
from grantgen.core.i18n import _
from grantgen.core.timing import stage
from grantgen.core.workspace import Workspace
from grantgen.facts import tables as t
from grantgen.facts.columnar import read_register
from grantgen.facts.convert import convert
from grantgen.facts.dataset import REQUIRED_TABLES, Facts, empty_frame
from grantgen.facts.load import (
    WORKBOOK,
    RawTable,
    read_csv,
    read_workbook,
    sheet_file,
    sniff_separator,
)
from grantgen.facts.strays import base_name, is_lock_file, lock_files, nearest_table
from grantgen.facts.validate import validate
from grantgen.profiles.funders import load_funders
from grantgen.profiles.organisation import load_organisation


def read_tables(workspace: Workspace, problems: Problems,
                unreadable: set[str] | None = None,
                skip: frozenset[str] = frozenset()) -> dict[str, RawTable]:
    """The raw tables of facts/, from CSV files or the one workbook, never both; the names
    of tables whose file or sheet is there but could not be read go into `unreadable`.
    CSV files of the tables in `skip` are not read. A CSV file or workbook that is no table
    is an error naming the table it resembles; lock files are passed over."""
    unreadable = set() if unreadable is None else unreadable
    folder = workspace.facts_dir
    root = workspace.root
    csvs = _table_files(folder, root, problems)
    known_csvs = {n: p for n, p in csvs.items() if n in t.TABLES}
    workbook = folder / WORKBOOK
    _open_files([workbook, *known_csvs.values()], root, problems)
    strays = {}
    for path in _files(folder, (".csv", ".xlsx")):
        if path.suffix.lower() == ".csv" and path.stem.lower() in t.TABLES:
            continue
        if path.name == WORKBOOK:
            continue
        strays[path] = _stray_file(path, root, csvs, problems)
    for path in _files(folder, OTHER_SPREADSHEETS):
        # a table kept in a format grantgen does not read would be left out without a word
        near = nearest_table(path.stem)
        if near is not None and near in csvs:
            hint = _("Put what it holds in facts/{near}.csv, then move this file out of "
                     "facts/.").format(near=near)
        elif near is not None:
            hint = _("Save it from Excel or LibreOffice as CSV (UTF-8), named {near}.csv, "
                     "then move this file out of facts/.").format(near=near)
        else:
            hint = _("Save its tables as CSV (UTF-8) files or as facts.xlsx, then move this "
                     "file out of facts/.")
        problems.add(relative_path(path, root), _(
            "is a spreadsheet grantgen cannot read ({kind}): what it holds would not be "
            "read.").format(kind=path.suffix.lower()), hint=hint)
    if workbook.is_file() and known_csvs:
        problems.add(relative_path(workbook, root),
                     _("facts.xlsx and CSV files ({files}) are both present; grantgen cannot "
                       "tell which holds the facts.").format(
                         files=", ".join(p.name for p in known_csvs.values())),
                     hint=_("Keep one: move the CSV files or facts.xlsx out of facts/."))
        return {}
    raw: dict[str, RawTable] = {}
    if workbook.is_file():
        return read_workbook(workbook, root, problems, required=REQUIRED_TABLES,
                             unreadable=unreadable)
    for name, path in known_csvs.items():
        if name in skip:
            continue
        table = read_csv(path, root, problems)
        if table is not None:
            raw[name] = table
        else:
            unreadable.add(name)
    for name in sorted(REQUIRED_TABLES - set(known_csvs)):
        renamed = [p.name for p, near in strays.items() if near == name]
        hint = _("Add it with the header row: {columns}.").format(
            columns=", ".join(t.TABLES[name].required_columns))
        if renamed:
            hint = _("Is it {file}? Rename that file to {name}.csv.").format(
                file=renamed[0], name=name)
        problems.add(f"facts/{name}.csv", _("is missing."), hint=hint)
    return raw


#: spreadsheet files of other formats than .xlsx: in facts/ they are an error, never passed
#: over (Excel's old format, LibreOffice's own, Excel with macros, Apple Numbers)
OTHER_SPREADSHEETS = (".xls", ".ods", ".xlsm", ".xlsb", ".numbers", ".fods")


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files in `folder` ending in one of `suffixes`, without hidden and lock files."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir())
            if p.suffix.lower() in suffixes and p.is_file() and not p.name.startswith(".")
            and not is_lock_file(p)]


def _table_files(folder: Path, root: Path, problems: Problems) -> dict[str, Path]:
    """table name -> its CSV file; two files of one table (`Budget.csv`, `budget.csv`) are
    an error."""
    csvs: dict[str, Path] = {}
    for path in _files(folder, (".csv",)):
        name = path.stem.lower()
        if name in csvs and name in t.TABLES:
            problems.add(relative_path(path, root), _(
                "{other} holds the table {name} too; grantgen cannot tell which one to "
                "read.").format(other=csvs[name].name, name=name),
                hint=_("Keep one of the two files."))
            continue
        csvs[name] = path
    return csvs


def _stray_file(path: Path, root: Path, csvs: dict[str, Path],
                problems: Problems) -> str | None:
    """An error for a CSV file or workbook in facts/ that is no table; the table it
    resembles, if any."""
    file = relative_path(path, root)
    if path.suffix.lower() == ".xlsx":
        if base_name(path.stem) != "facts":
            hint = _("Move it out of facts/.")
        elif (path.parent / WORKBOOK).is_file():
            hint = _("Is it a copy? Keep one workbook, named {workbook}.").format(
                workbook=WORKBOOK)
        else:
            hint = _("Rename it to {workbook}.").format(workbook=WORKBOOK)
        problems.add(file, _("is not the facts workbook: grantgen reads only "
                             "facts/{workbook}.").format(workbook=WORKBOOK), hint=hint)
        return None
    near = nearest_table(path.stem, _header(path))
    message = _("is not a table of the facts, so what it holds would not be read.")
    if near is None:
        hint = _("The tables are: {names}. Rename it after its table, or move it out of "
                 "facts/.").format(names=", ".join(t.TABLES))
    elif (path.parent / WORKBOOK).is_file():
        hint = _("Did you mean '{near}'? The facts are in {workbook}: put what it holds in "
                 "its sheet '{near}', then move this file out of facts/.").format(
                     near=near, workbook=WORKBOOK)
    elif near in csvs:
        hint = _("Did you mean '{near}'? Put what it holds in facts/{near}.csv, then move "
                 "this file out of facts/.").format(near=near)
    else:
        hint = _("Did you mean '{near}'? Rename it to {near}.csv.").format(near=near)
    problems.add(file, message, hint=hint)
    return near


def _header(path: Path) -> list[str]:
    """The first row of a CSV file, as well as it can be read without reading the file."""
    try:
        with path.open("rb") as f:
            first = f.readline(65536)
    except OSError:
        return []
    text = first.decode("utf-8-sig", errors="replace").strip()
    return [c.strip().strip('"') for c in text.split(sniff_separator(text))]


def _open_files(paths: list[Path], root: Path, problems: Problems) -> None:
    """A warning for each fact file that is open in Excel or LibreOffice right now."""
    for path in paths:
        locks = lock_files(path) if path.is_file() else []
        if locks:
            problems.warn(relative_path(path, root), _(
                "is open in Excel or LibreOffice ({lock} is beside it); what is not saved "
                "yet is not read.").format(lock=locks[0].name),
                hint=_("Save it, then run grantgen again."))


def load_facts(workspace: Workspace, problems: Problems,
               skip: frozenset[str] = frozenset()) -> Facts | None:
    """All facts of the workspace, validated; None when an error stops us from going on.

    Every problem found is added to `problems`, errors and warnings alike. The tables in
    `skip` are left empty and unchecked, for a command that does not need them (listing the
    funders does not need the visits register, which may hold millions of rows).
    """
    with stage("load"):
        organisation = load_organisation(workspace.facts_dir / "organisation.yaml",
                                         "facts/organisation.yaml", problems)
        failed_funders: set[str] = set()
        funders = load_funders(workspace.funders_dir, workspace.root, problems, failed_funders)
        unreadable: set[str] = set()
        # the visits register the columnar way when nothing in it needs reporting
        register = None if "visits" in skip else _register(workspace)
        raw = read_tables(workspace, problems, unreadable,
                          skip | ({"visits"} if register is not None else set()))
    typed: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    book = workspace.facts_dir / "facts.xlsx"
    workbook = relative_path(book, workspace.root) if book.is_file() else None
    if register is not None:
        typed["visits"], files["visits"] = register
    with stage("validate"):
        for name, table in t.TABLES.items():
            if name in raw:
                files[name] = raw[name].file
                frame = convert(raw[name], table, problems)
                if frame is not None:
                    typed[name] = frame
            else:  # how a message names the table the workspace would keep it in
                files.setdefault(name, sheet_file(workbook, name) if workbook
                                 else f"facts/{name}.csv")
    # a table left unread is there all the same: rules about its absence do not apply
    present = set(typed) | {name for name in skip
                            if (workspace.facts_dir / f"{name}.csv").is_file()}
    for name, table in t.TABLES.items():
        typed.setdefault(name, empty_frame(table))
    if unreadable or any(name not in present for name in raw) or "locations" not in present:
        # cross-table rules on a table that did not load would only report false problems
        return None
    facts = Facts(organisation, funders, typed, files, present,  # type: ignore[arg-type]
                  failed_funders)
    with stage("validate"):
        validate(facts, problems)
    return None if problems.errors or organisation is None else facts


def _register(workspace: Workspace) -> tuple[pd.DataFrame, str] | None:
    """(the typed register, its file) read by grantgen/facts/columnar.py, when the facts are
    CSV files (not the workbook) and it has nothing to report; else None."""
    folder = workspace.facts_dir
    csvs = [p for p in sorted(folder.glob("*.csv")) if not p.name.startswith(".")
            and p.stem.lower() == "visits"]
    if len(csvs) != 1 or (folder / "facts.xlsx").exists():
        return None
    with stage("load"):
        frame = read_register(csvs[0], workspace.root)
    return (frame, relative_path(csvs[0], workspace.root)) if frame is not None else None
