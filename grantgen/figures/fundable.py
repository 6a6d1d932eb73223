"""What a funder's contribution may pay for: the budget lines it does not exclude.

A funder profile's `rules.excluded_costs` names budget categories or items (normal running
costs such as energy or insurance); every other line of the budget of the application's
year and location is a cost the funder may pay for. The lines the funder may pay for must
add up to at least the amount asked (grantgen check), and the application shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Fundable:
    """The budget lines of one application, parted into those the funder may pay for and
    those it excludes, each a frame with the budget's columns."""

    lines: pd.DataFrame
    excluded: pd.DataFrame

    @property
    def total(self) -> float:
        return round(float(self.lines["amount"].sum()), 2)

    @property
    def excluded_total(self) -> float:
        return round(float(self.excluded["amount"].sum()), 2)

    def covers(self, asked: float) -> bool:
        """Whether the lines the funder may pay for add up to at least `asked`."""
        return asked <= self.total + 0.005


def folded(name: object) -> str:
    """A category or item as the rules compare it: without surrounding spaces, any case."""
    return str(name).strip().casefold()


def excluded_mask(lines: pd.DataFrame, excluded_costs: list[str]) -> pd.Series:
    """True for each budget line whose category or item the funder excludes."""
    names = {folded(n) for n in excluded_costs}
    if not names or not len(lines):
        return pd.Series(False, index=lines.index, dtype=bool)
    return (lines["category"].map(folded).isin(names)
            | lines["item"].map(folded).isin(names)).astype(bool)


def fundable(lines: pd.DataFrame, excluded_costs: list[str]) -> Fundable:
    """The budget lines (Figures.budget_lines) parted by the funder's excluded costs."""
    hit = excluded_mask(lines, excluded_costs)
    if not hit.any():
        # every line: the frame itself, so that what was worked out from it holds for both
        return Fundable(lines, lines[hit])
    return Fundable(lines[~hit], lines[hit])
