"""Files and sheets in facts/ that are no table of the contract, and the lock files beside an
open one.

A copy (`funding (1).csv`, `Kopie van budget.csv`, `budget - Kopie.csv`), a misspelt name
(`budgets.csv`) or a renamed or copied sheet (`Financiering`, `budget (2)`) would otherwise
go unread without a word: each is an error naming the table it resembles, by its name with
the marks of a copy taken off, by its Dutch name or by its header row. Excel (`~$facts.xlsx`)
and LibreOffice (`.~lock.facts.xlsx#`) keep a lock file beside a file that is open: it is
no table, and a conversion that would move or overwrite the open file refuses to.
"""

from __future__ import annotations

import difflib
import gettext
import re
from pathlib import Path

from grantgen.core.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, N_
from grantgen.facts.tables import TABLES

#: the sheets of the facts workbook that are no table: its explanation and its lists
OWN_SHEETS = (N_("Explanation"), N_("Lists"))

#: how copies are named: by Windows, macOS, a browser's downloads, Excel's copied sheets
_COPY_MARKS = (
    r"^(kopie|copy)\s+(van|of)\s+",
    r"\s*\(\d+\)$",
    r"\s*-\s*(kopie|copy)$",
    r"\s+(kopie|copy)(\s+\d+)?$",
    r"[\s_-]+(oud|old|nieuw|new|bak|backup)$",
)

#: the tables by the Dutch names people give them
DUTCH_NAMES = {
    "locaties": "locations", "bezoeken": "visits", "bezoekers": "visits",
    "deelnemers": "participants", "deelnemersprofielen": "participant_profiles",
    "profielen": "participant_profiles", "vrijwilligers": "volunteers",
    "activiteiten": "activities", "indicatoren": "indicators", "resultaten": "outcomes",
    "uitkomsten": "outcomes", "begroting": "budget", "realisatie": "actuals",
    "financiering": "funding", "dekking": "funding", "inkomsten": "funding",
    "verhalen": "stories", "toelichtingen": "explanations", "toelichting": "explanations",
}


def own_sheet_names() -> set[str]:
    """The names of the workbook's own sheets in every language, in lowercase."""
    names = set()
    for message in OWN_SHEETS:
        names.add(message.lower())
        for language in LANGUAGES:
            catalogue = gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)
            names.add(catalogue.gettext(message).lower())
    return names


def base_name(name: str) -> str:
    """The name without the marks of a copy, lowercase, words joined by `_`:
    `Kopie van budget (2)` -> `budget`, `Participant profiles` -> `participant_profiles`."""
    base = name.strip().lower()
    changed = True
    while changed:
        changed = False
        for mark in _COPY_MARKS:
            shorter = re.sub(mark, "", base).strip()
            if shorter != base and shorter:
                base, changed = shorter, True
    return re.sub(r"[\s-]+", "_", base)


def _by_header(header: list[str]) -> str | None:
    """The one table whose required columns the header holds, the most of its columns."""
    columns = {str(c).strip().lower() for c in header}
    scores: dict[str, int] = {}
    for name, table in TABLES.items():
        if set(table.required_columns) <= columns:
            scores[name] = len(columns & set(table.column_names))
    if not scores:
        return None
    best = max(scores.values())
    found = [name for name, score in scores.items() if score == best]
    return found[0] if len(found) == 1 else None


def nearest_table(name: str, header: list[str] | None = None) -> str | None:
    """The table a file or sheet named `name` (with `header` as its first row) most likely
    is, or None."""
    base = base_name(name)
    if base in TABLES:
        return base
    if base in DUTCH_NAMES:
        return DUTCH_NAMES[base]
    near = difflib.get_close_matches(base, list(TABLES) + list(DUTCH_NAMES), n=1, cutoff=0.75)
    if near:
        return DUTCH_NAMES.get(near[0], near[0])
    return _by_header(header) if header else None


def is_lock_file(path: Path) -> bool:
    """Whether `path` is a lock file of Excel (`~$...`) or LibreOffice (`.~lock....#`)."""
    return path.name.startswith("~$") or (path.name.startswith(".~lock.")
                                          and path.name.endswith("#"))


def lock_files(path: Path) -> list[Path]:
    """The lock files beside `path` that say it is open: Excel's `~$facts.xlsx` (for a long
    name the first two letters give way: `~$dget2019.xlsx`) and LibreOffice's
    `.~lock.facts.xlsx#`."""
    folder, name = path.parent, path.name
    found = []
    for candidate in (f"~${name}", f"~${name[2:]}", f".~lock.{name}#"):
        lock = folder / candidate
        if lock not in found and lock.is_file():
            found.append(lock)
    return found
