"""The workspace folder: where facts, funder profiles, texts, templates and output live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grantgen.core.errors import WorkspaceError
from grantgen.core.files import relative_path
from grantgen.core.i18n import _


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def open(cls, root: str | Path | None = None) -> Workspace:
        path = Path(root or ".").expanduser()
        if not path.is_dir():
            raise WorkspaceError(_("{path}: the workspace folder does not exist. Give the folder "
                                   "that holds facts/ and funders/ with --workspace.")
                                 .format(path=path))
        missing = [name for name in ("facts", "funders") if not (path / name).is_dir()]
        if missing:
            raise WorkspaceError(
                _("{path}: this is not a grantgen workspace: {missing} missing. A workspace "
                  "holds facts/ and funders/ (see README.md); 'grantgen init' makes a new one.")
                .format(path=path.resolve(), missing=", ".join(f"{m}/" for m in missing)))
        return cls(path.resolve())

    @property
    def facts_dir(self) -> Path:
        return self.root / "facts"

    @property
    def funders_dir(self) -> Path:
        return self.root / "funders"

    @property
    def texts_dir(self) -> Path:
        return self.root / "texts"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def default_output(self) -> Path:
        return self.root / "output"

    def relative(self, path: Path) -> str:
        return relative_path(path, self.root)
