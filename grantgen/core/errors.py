"""The error hierarchy and the Problem record every check and loader reports with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from grantgen.core.i18n import _

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input, located as precisely as we can."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    #: a line in a YAML, Markdown or template file (rows are for tables)
    line: int | None = None
    hint: str | None = None
    severity: Severity = "error"
    document: str | None = None
    #: what sort of finding it is ('text-stale', 'deadline', ...), for a build to fold many
    #: of one sort into one line; None for a finding that stands on its own
    kind: str | None = None

    def where(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(_("row {row}").format(row=self.row))
        if self.line is not None:
            parts.append(_("line {line}").format(line=self.line))
        if self.column:
            parts.append(_("column {column}").format(column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.where()}: {self.message}"
        if self.document and self.document != self.file:  # a document's own file: once
            text = f"[{self.document}] {text}"
        if self.hint:
            text += f" {self.hint}"
        return text


@dataclass
class Problems:
    """A collector: checks add to it, and the caller stops once with all of them."""

    items: list[Problem] = field(default_factory=list)
    #: per (file, column): how many cell problems were left out to keep the list readable
    _suppressed: dict[tuple[str, str | None], int] = field(default_factory=dict)

    def add(self, file: str, message: str, **kwargs) -> None:
        self.items.append(Problem(file=str(file), message=message, **kwargs))

    def warn(self, file: str, message: str, **kwargs) -> None:
        self.add(file, message, severity="warning", **kwargs)

    def extend(self, problems: list[Problem] | Problems) -> None:
        self.items.extend(problems.items if isinstance(problems, Problems) else problems)

    def suppressed(self, file: str, column: str | None, count: int) -> None:
        key = (file, column)
        self._suppressed[key] = self._suppressed.get(key, 0) + count

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def summary_lines(self) -> list[str]:
        """Every problem as one line, errors first; where problems of a file and column
        were left out, how many, right after the last one shown (as a warning after
        warnings)."""
        shown = self.errors + self.warnings
        last = {(p.file, p.column): i for i, p in enumerate(shown)}
        after: dict[int, list[str]] = {}
        for (file, column), count in self._suppressed.items():
            where = file if not column else f"{file}, " + _("column {column}").format(column=column)
            line = _("{where}: {count} more problems like the ones above.").format(
                where=where, count=count)
            i = last.get((file, column), len(shown) - 1)
            if i >= 0 and shown[i].severity == "warning":
                line = _("warning: {problem}").format(problem=line)
            after.setdefault(i, []).append(line)
        lines = after.get(-1, [])
        for i, p in enumerate(shown):
            lines.append(str(p) if p.severity == "error"
                         else _("warning: {problem}").format(problem=p))
            lines += after.get(i, [])
        return lines

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


class GrantgenError(Exception):
    """Base of every error grantgen reports to the user; the CLI turns it into exit status 1."""

    exit_code = 1


class InputError(GrantgenError):
    """The workspace holds problems; carries all of them."""

    def __init__(self, problems: Problems | list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        if isinstance(problems, list):
            collected = Problems()
            collected.extend(problems)
            problems = collected
        self.problems = problems
        super().__init__("\n".join(problems.summary_lines()))

    def __reduce__(self):  # pickled with its problems (from a worker process), not its text
        return type(self), (self.problems,)


class WorkspaceError(GrantgenError):
    """The workspace folder itself is missing or unusable."""


class OutputError(GrantgenError):
    """The output folder cannot be written."""


class LibreOfficeError(GrantgenError):
    """LibreOffice is missing or failed to convert a document."""
