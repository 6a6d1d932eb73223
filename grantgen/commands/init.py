"""`grantgen init`: a new workspace to fill in, or a copy of the example workspace.

A new workspace gets every fact table as an empty CSV file with its header row, an
organisation.yaml with a comment on every field, one funder profile per funder type to
adapt, the built-in Word templates, a skeleton with its header for every text block the
templates use (the year-end ones too), an empty attachments/ and a README saying what to do
next (grantgen/starter/). A copy of the example takes its attachments/ too. The example is
shipped inside the package when installed (see pyproject.toml) and read from the repository
root in a checkout, one source for both.
"""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from grantgen.core.errors import WorkspaceError
from grantgen.core.i18n import _
from grantgen.core.resources import PACKAGE, example_root
from grantgen.documents.templates import BUILTIN
from grantgen.facts import tables as t

STARTER = PACKAGE / "starter"
#: the folders of the example workspace that a copy takes
EXAMPLE_FOLDERS = ("facts", "funders", "texts", "templates", "attachments")


@dataclass
class Initialised:
    root: Path
    readme: Path
    created: list[str] = field(default_factory=list)


def example_source() -> Path:
    """The example workspace: inside the installed package, or the root of a checkout."""
    root = example_root()
    if root is not None:
        return root
    raise WorkspaceError(_("The example workspace is not part of this installation of "
                           "grantgen. Reinstall grantgen, or start an empty workspace "
                           "without --example."))


def _check_target(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(_("{folder}: this is a file, not a folder. Give the name of a new "
                               "folder.").format(folder=folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise WorkspaceError(_("{folder}: the folder is not empty, and grantgen does not "
                               "write into a folder that holds other files. Give the name of "
                               "a new or empty folder.").format(folder=folder))


def header_csv(table: t.Table) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(table.column_names)
    return buffer.getvalue()


def init_workspace(folder: Path, example: bool = False,
                   language: str | None = None) -> Initialised:
    """Create a workspace in `folder` (new or empty); returns what was created."""
    folder = Path(folder).expanduser()
    _check_target(folder)
    source = example_source() if example else None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WorkspaceError(_("{folder}: the folder cannot be created ({error}).").format(
            folder=folder, error=e.strerror or e)) from e
    created: list[str] = []
    if source is not None:
        for name in EXAMPLE_FOLDERS:
            # a checkout's templates/ holds the built-in templates, not the example's own
            if (source / name).is_dir() and (source / name).resolve() != BUILTIN.resolve():
                shutil.copytree(source / name, folder / name,
                                ignore=shutil.ignore_patterns(".*", "~$*", "__pycache__"))
                created.append(f"{name}/")
    else:
        facts = folder / "facts"
        facts.mkdir()
        for name, table in t.TABLES.items():
            (facts / f"{name}.csv").write_text(header_csv(table), encoding="utf-8")
        organisation = (STARTER / "organisation.yaml").read_text(encoding="utf-8")
        if language == "en":
            organisation = organisation.replace("  language: nl ", "  language: en ")
        (facts / "organisation.yaml").write_text(organisation, encoding="utf-8")
        created.append("facts/")
        for name in ("funders", "texts"):
            shutil.copytree(STARTER / name, folder / name)
            created.append(f"{name}/")
        templates = folder / "templates"
        templates.mkdir()
        for path in sorted(BUILTIN.glob("*.docx")):
            shutil.copy2(path, templates / path.name)
        created.append("templates/")
        (folder / "attachments").mkdir()
        created.append("attachments/")
    (folder / "output").mkdir(exist_ok=True)
    readme = folder / "README.md"
    shutil.copy2(STARTER / "README.md", readme)
    created.append("README.md")
    return Initialised(folder.resolve(), readme.resolve(), created)
