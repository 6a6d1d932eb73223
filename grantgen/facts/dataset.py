"""The shared facts dataset: every table loaded, typed and validated, with the organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from grantgen.core.errors import Problems
from grantgen.core.i18n import _
from grantgen.core.timing import stage
from grantgen.core.workspace import Workspace
from grantgen.facts import tables as t
from grantgen.facts.convert import convert, empty_column
from grantgen.facts.load import RawTable, display_path, read_csv, read_workbook
from grantgen.profiles.funders import Funder, load_funders
from grantgen.profiles.organisation import Organisation, load_organisation

#: tables a workspace must have (participants only when there is no visits register)
REQUIRED_TABLES = {"locations"}


@dataclass
class Facts:
    """Everything the documents are made from; every table present, empty when not given."""

    organisation: Organisation
    funders: dict[str, Funder]
    tables: dict[str, pd.DataFrame]
    #: table name -> how messages name its file
    files: dict[str, str] = field(default_factory=dict)
    #: tables the workspace actually has (the others are empty stand-ins)
    present: set[str] = field(default_factory=set)
    #: ids of funder profiles that exist but did not load (their problems are reported)
    failed_funders: set[str] = field(default_factory=set)
    #: values derived from the tables, computed once when first asked for (figures.py)
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def has(self, name: str) -> bool:
        return name in self.present and len(self.tables[name]) > 0

    @property
    def locations(self) -> pd.DataFrame:
        return self.tables["locations"]

    def location(self, location_id: str) -> dict:
        row = self._location_rows.get(location_id)
        return dict(row) if row is not None else {}

    @cached_property
    def _location_rows(self) -> dict[str, dict]:
        """Each location's row (the first, should an id appear twice), looked up by id."""
        rows: dict[str, dict] = {}
        locations = self.locations
        for index, location_id in enumerate(locations["location_id"]):
            if location_id not in rows:
                rows[location_id] = locations.iloc[index].to_dict()
        return rows

    def years(self, table: str) -> list[int]:
        frame = self.tables[table]
        if "year" in frame:
            return sorted(int(y) for y in frame["year"].dropna().unique())
        if table == "visits" and len(frame):
            return sorted(int(y) for y in frame["date"].dt.year.dropna().unique())
        return []


def empty_frame(table: t.Table) -> pd.DataFrame:
    index = pd.RangeIndex(0)
    return pd.DataFrame({c.name: empty_column(c.kind, index) for c in table.columns})


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
            problems.warn(display_path(path, root),
                          _("is not a fact table grantgen knows; it is ignored."),
                          hint=_("The tables are: {names}.").format(names=", ".join(t.TABLES)))
    workbook = folder / "facts.xlsx"
    if workbook in workbooks and known_csvs:
        problems.add(display_path(workbook, root),
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
    from grantgen.facts.validate import validate

    with stage("load"):
        organisation = load_organisation(workspace.facts_dir / "organisation.yaml",
                                         "facts/organisation.yaml", problems)
        failed_funders: set[str] = set()
        funders = load_funders(workspace.funders_dir, workspace.root, problems, failed_funders)
        unreadable: set[str] = set()
        raw = read_tables(workspace, problems, unreadable, skip)
    typed: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    with stage("validate"):
        for name, table in t.TABLES.items():
            if name in raw:
                files[name] = raw[name].file
                frame = convert(raw[name], table, problems)
                if frame is not None:
                    typed[name] = frame
            else:
                files[name] = f"facts/{name}.csv"
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
