"""What a reader sees on each page of a PDF that LibreOffice made of a document: its lines,
which of them are headings, and the words of the .docx it came from.

pdftohtml (poppler) gives every piece of text of a page with its place and font; a heading
is bold text in the templates' accent colour (Heading 1-3, the title, a story's title). The
page header and footer (the draft mark, the organisation, page numbers) sit in the page's
margins and are left out of the body.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

#: the colour of the headings in the built-in templates (scripts/docx_builder.py ACCENT)
ACCENT = "#1f5c4b"
#: the page's top and bottom margins hold the header and footer (2.2 cm and 2.0 cm, in pt)
TOP_MARGIN, BOTTOM_MARGIN = 58.0, 56.0
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Line:
    """One line of a page's body: its text pieces at (about) the same height."""

    top: float
    text: str
    heading: bool


def pdf_pages(pdf: Path) -> list[list[Line]]:
    """The body lines of every page of `pdf`, top to bottom."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    root = ElementTree.fromstring(xml)
    fonts: dict[str, tuple[bool, str]] = {}
    pages = []
    for page in root.iter("page"):
        height = float(page.get("height", "842"))
        for spec in page.iter("fontspec"):
            fonts[spec.get("id", "")] = ("bold" in spec.get("family", "").lower(),
                                         spec.get("color", "").lower())
        pieces = []
        for text in page.iter("text"):
            top = float(text.get("top", "0"))
            words = "".join(text.itertext()).strip()
            if not words or top < TOP_MARGIN or top > height - BOTTOM_MARGIN:
                continue
            bold, colour = fonts.get(text.get("font", ""), (False, ""))
            bold = bold or text.find("b") is not None
            pieces.append((top, words, bold and colour == ACCENT))
        pages.append(_lines(pieces))
    return pages


def _lines(pieces: list[tuple[float, str, bool]]) -> list[Line]:
    """Pieces of text whose tops lie within 3 pt of each other form one line."""
    lines: list[list[tuple[float, str, bool]]] = []
    for piece in sorted(pieces, key=lambda p: p[0]):
        if lines and piece[0] - lines[-1][0][0] <= 3:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [Line(group[0][0], " ".join(p[1] for p in group), all(p[2] for p in group))
            for group in lines]


def docx_words(docx: Path) -> set[str]:
    """Every word of a .docx: its body, tables, headers and footers, as Word stores them
    (each paragraph's runs joined, so a word split over runs counts whole)."""
    words: set[str] = set()
    with zipfile.ZipFile(docx) as package:
        for name in package.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            xml = package.read(name).decode("utf-8")
            for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
                text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph))
                words.update(WORD.findall(_unescaped(text)))
    return words


def _unescaped(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def foreign_words(page: list[Line], words: set[str]) -> list[str]:
    """Words on a page that are no word of the document (a word broken by a narrow column
    shows as two pieces that are not); numbers aside (page numbers, fields)."""
    return [w for line in page for w in WORD.findall(line.text)
            if w not in words and not w.isdigit()]


def stranded_heading(page: list[Line], next_page: list[Line]) -> str | None:
    """A heading at the foot of a page with less than two lines of its own after it, if
    any: the last line of the page, or the line above it when the next page goes on with
    that section (does not start with a heading of its own)."""
    if page and page[-1].heading:
        return page[-1].text
    if len(page) > 1 and page[-2].heading and next_page and not next_page[0].heading:
        return page[-2].text
    return None
