"""A document's text and tables, in order, as plain data: for reading it in a browser and for
comparing two versions paragraph by paragraph (the board's web page)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from grantgen.word.draftmark import MARK_STYLE

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Block:
    """A paragraph (`kind` 'heading' with its level, 'item' of a list, or 'paragraph') or a
    table (`kind` 'table', its cells' text in `rows`)."""

    kind: str
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)

    @property
    def comparable(self) -> str:
        """One line of text that stands for the block when two versions are compared."""
        if self.kind == "table":
            return "\n".join(" | ".join(row) for row in self.rows)
        return self.text


def _text(element) -> str:
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        parts.append(node.text or "" if node.tag == f"{_W}t" else
                     "\t" if node.tag == f"{_W}tab" else "\n")
    return "".join(parts).strip()


def _paragraph(element, styles: dict[str, str]) -> Block | None:
    found = element.find(f"{_W}pPr/{_W}pStyle")
    style_id = found.get(f"{_W}val") if found is not None else ""
    if style_id == MARK_STYLE:
        return None
    style = styles.get(style_id, style_id or "")
    text = _text(element)
    if not text:
        return None
    lowered = style.lower()
    if lowered.startswith("heading") or lowered == "title":
        digits = "".join(c for c in style if c.isdigit())
        return Block("heading", text, level=int(digits) if digits else 1)
    if element.find(f"{_W}pPr/{_W}numPr") is not None or "list" in lowered:
        return Block("item", text)
    return Block("paragraph", text)


def _table(element) -> Block:
    rows = []
    for row in element.iter(f"{_W}tr"):
        rows.append([_text(cell) for cell in row.iter(f"{_W}tc")])
    return Block("table", rows=rows)


def document_blocks(data: bytes) -> list[Block]:
    """The body of the .docx `data`, paragraph by paragraph and table by table (headers,
    footers and the draft mark left out)."""
    from docx import Document

    document = Document(io.BytesIO(data))
    styles = {s.style_id: s.name or s.style_id for s in document.styles}
    blocks: list[Block] = []
    _add(blocks, document.element.body, styles)
    return blocks


def _add(blocks: list[Block], parent, styles: dict[str, str]) -> None:
    for element in parent:
        if element.tag == f"{_W}p":
            block = _paragraph(element, styles)
            if block is not None:
                blocks.append(block)
        elif element.tag == f"{_W}tbl":
            blocks.append(_table(element))
        elif element.tag == f"{_W}sdt":  # a content control, such as a table of contents
            content = element.find(f"{_W}sdtContent")
            if content is not None:
                _add(blocks, content, styles)
