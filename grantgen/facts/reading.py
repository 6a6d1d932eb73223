"""Reading the facts of a workspace: the tables from CSV files or the workbook, with the
organisation and the funder profiles, typed and validated into one Facts."""

from __future__ import annotations

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
from grantgen.facts.load import RawTable, read_csv, read_workbook
from grantgen.facts.validate import validate
from grantgen.profiles.funders import load_funders
from grantgen.profiles.organisation import load_organisation


def read_tables(workspace: Workspace, problems: Problems,
                unreadable: set[str] | None = None,
                skip: frozenset[str] = frozenset()) -> dict[str, RawTable]:
    """The raw tables of facts/, from CSV files or the one workbook, never both; the names
    of tables whose file or sheet is there but could not be read go into `unreadable`.
    CSV files of the tables in `skip` are not read."""
    unreadable = set() if unreadable is None else unreadable
    folder = workspace.facts_dir
    root = workspace.root
    csvs = {p.stem.lower(): p for p in sorted(folder.glob("*.csv")) if not p.name.startswith(".")}
    workbooks = [p for p in folder.glob("*.xlsx") if not p.name.startswith(("~$", "."))]
    known_csvs = {n: p for n, p in csvs.items() if n in t.TABLES}
    for name, path in csvs.items():
        if name not in t.TABLES:
            problems.warn(relative_path(path, root),
                          _("is not a fact table grantgen knows; it is ignored."),
                          hint=_("The tables are: {names}.").format(names=", ".join(t.TABLES)))
    workbook = folder / "facts.xlsx"
    if workbook in workbooks and known_csvs:
        problems.add(relative_path(workbook, root),
                     _("facts.xlsx and CSV files ({files}) are both present; grantgen cannot "
                       "tell which holds the facts.").format(
                         files=", ".join(p.name for p in known_csvs.values())),
                     hint=_("Keep one: move the CSV files or facts.xlsx out of facts/."))
        return {}
    raw: dict[str, RawTable] = {}
    if workbook in workbooks:
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
        problems.add(f"facts/{name}.csv", _("is missing."),
                     hint=_("Add it with the header row: {columns}.").format(
                         columns=", ".join(t.TABLES[name].required_columns)))
    return raw


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
    if register is not None:
        typed["visits"], files["visits"] = register
    with stage("validate"):
        for name, table in t.TABLES.items():
            if name in raw:
                files[name] = raw[name].file
                frame = convert(raw[name], table, problems)
                if frame is not None:
                    typed[name] = frame
            else:
                files.setdefault(name, f"facts/{name}.csv")
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
