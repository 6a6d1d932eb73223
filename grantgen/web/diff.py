"""What changed between two versions of a document, paragraph by paragraph and word by word.

The paragraphs (and tables, one line per row) of both versions are lined up with difflib;
a paragraph that was changed is shown once, with the words taken out and the words put in
marked, so a changed sentence stands out in a long text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from grantgen.word.reading import Block

_WORD = re.compile(r"\s+|[^\s]+")


@dataclass
class Piece:
    """A run of words: 'same', 'removed' or 'added'."""

    kind: str
    text: str


@dataclass
class Change:
    """One paragraph that differs: 'changed' (with `pieces`), 'added' or 'removed'."""

    kind: str
    pieces: list[Piece] = field(default_factory=list)
    #: a table's row or a heading, so the page can show it as such
    block: str = "paragraph"


@dataclass
class Difference:
    changes: list[Change]
    #: paragraphs that are the same in both
    same: int

    def __bool__(self) -> bool:
        return bool(self.changes)


def words(old: str, new: str) -> list[Piece]:
    """`old` into `new` as runs of words kept, taken out and put in."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(pieces, "same", "".join(a[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _add(pieces, "removed", "".join(a[i1:i2]))
        if tag in ("insert", "replace"):
            _add(pieces, "added", "".join(b[j1:j2]))
    return pieces


def _add(pieces: list[Piece], kind: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1].text += text
    else:
        pieces.append(Piece(kind, text))


def _lines(blocks: list[Block]) -> list[tuple[str, str]]:
    """(kind, text) per paragraph; a table gives one line per row."""
    lines = []
    for block in blocks:
        if block.kind == "table":
            lines += [("row", " | ".join(row)) for row in block.rows]
        else:
            lines.append((block.kind, block.text))
    return lines


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio() >= 0.4


def compare(old: list[Block], new: list[Block]) -> Difference:
    """The paragraphs that differ between the blocks of two versions, in the new one's order."""
    a, b = _lines(old), _lines(new)
    matcher = difflib.SequenceMatcher(None, [t for _k, t in a], [t for _k, t in b],
                                      autojunk=False)
    changes: list[Change] = []
    same = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same += i2 - i1
            continue
        gone, came = a[i1:i2], b[j1:j2]
        # pair a removed paragraph with an added one that reads alike: one changed paragraph
        while gone and came:
            if _similar(gone[0][1], came[0][1]):
                changes.append(Change("changed", words(gone[0][1], came[0][1]), came[0][0]))
                gone, came = gone[1:], came[1:]
            elif len(gone) >= len(came):
                changes.append(Change("removed", [Piece("removed", gone[0][1])], gone[0][0]))
                gone = gone[1:]
            else:
                changes.append(Change("added", [Piece("added", came[0][1])], came[0][0]))
                came = came[1:]
        changes += [Change("removed", [Piece("removed", t)], k) for k, t in gone]
        changes += [Change("added", [Piece("added", t)], k) for k, t in came]
    return Difference(changes, same)
