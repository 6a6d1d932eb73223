"""What the overview commands return: blocks of text and tables, as data; the CLI lays them
out for the terminal (grantgen/cli/show.py)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    """A table of display values; the columns in `right` hold numbers or amounts."""

    headers: list[str]
    rows: list[list[str]]
    right: set[int] = field(default_factory=set)


#: a command's answer: lines of text and tables, in order ("" is a blank line)
Listing = list["str | Table"]
