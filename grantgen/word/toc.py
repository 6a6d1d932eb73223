"""The table of contents of a rendered document, filled in from its headings.

A template marks where the table of contents goes with a Word TOC field. Word fills such a
field when the document opens, but LibreOffice shows whatever the field held when it was
saved, which in a template is only a placeholder. So at render time the field is replaced by
its entries: one paragraph per heading (levels 1 and 2, or those of the field's \\o switch),
each a link to a bookmark on its heading with a PAGEREF field for the page number. Both
Word (the documents ask to update fields on opening) and LibreOffice (which computes
page references while laying out) then show the right page numbers.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

#: the bookmark names Word itself gives headings listed in a table of contents
_PREFIX = "_Toc"
_LEVELS = re.compile(r'\\o\s+"(\d)-(\d)"')


#: the paragraphs of a body whose field codes hold 'TOC' (fill_table_of_contents looks closer)
_WITH_TOC = etree.XPath(".//w:p[.//w:instrText[contains(., 'TOC')]]",
                        namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/"
                                         "2006/main"})


def _instr_text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:instrText")))


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _heading_level(paragraph, styles: dict[str, int]) -> int | None:
    style = paragraph.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    if style is None:
        return None
    return styles.get(style.get(qn("w:val")))


def _heading_styles(document) -> dict[str, int]:
    """Style id -> outline level for the heading styles ('Heading1' -> 1), by name, since a
    template saved by a Dutch Word names its style ids 'Kop1'."""
    levels = {}
    for style in document.styles:
        name = (style.name or "").lower()
        match = re.fullmatch(r"heading (\d)", name)
        if match:
            levels[style.style_id] = int(match.group(1))
    return levels


def _run(*children) -> etree._Element:
    run = OxmlElement("w:r")
    for child in children:
        run.append(child)
    return run


def _t(text: str) -> etree._Element:
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    # an empty text stays None: written <w:t/>, as it reads back (the digest of a
    # document's final form is taken in memory and must equal that of the file)
    t.text = text or None
    return t


def _fld_char(kind: str, dirty: bool = False) -> etree._Element:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    return char


def _instr(code: str) -> etree._Element:
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    return instr


def _entry(level: int, text: str, bookmark: str, style_ids: dict[int, str]) -> etree._Element:
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_ids.get(level, f"TOC{level}"))
    ppr.append(style)
    p.append(ppr)
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    link.append(_run(_t(text)))
    link.append(_run(OxmlElement("w:tab")))
    link.append(_run(_fld_char("begin", dirty=True)))
    link.append(_run(_instr(f"PAGEREF {bookmark} \\h")))
    link.append(_run(_fld_char("separate")))
    link.append(_run(_t("")))
    link.append(_run(_fld_char("end")))
    p.append(link)
    return p


def _toc_styles(document) -> dict[int, str]:
    """Level -> style id of the 'TOC 1', 'TOC 2', ... styles the template defines."""
    ids = {}
    for style in document.styles:
        match = re.fullmatch(r"toc (\d)", (style.name or "").lower())
        if match:
            ids[int(match.group(1))] = style.style_id
    return ids


def fill_table_of_contents(document) -> bool:
    """Replace each TOC field of the body by entries for its headings; True if any was.

    Only a field whose begin and end sit in one paragraph (as the built-in templates and a
    fresh Word field have it) is replaced; a table of contents Word already filled is left
    for Word to update.
    """
    body = document.element.body
    fields = [p for p in _WITH_TOC(body) if "TOC" in _instr_text(p).split()
              and len(p.findall(".//" + qn("w:fldChar"))) >= 3]
    if not fields:
        return False
    levels = _heading_styles(document)
    style_ids = _toc_styles(document)
    used = [int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart"))
            if (b.get(qn("w:id")) or "").isdigit()]
    next_id = max(used, default=0) + 1
    for field in fields:
        match = _LEVELS.search(_instr_text(field))
        low, high = (int(match.group(1)), int(match.group(2))) if match else (1, 3)
        entries = []
        for paragraph in body.iter(qn("w:p")):
            level = _heading_level(paragraph, levels)
            text = _text(paragraph).strip()
            if level is None or not low <= level <= high or not text:
                continue
            name = f"{_PREFIX}{next_id:08d}"
            start = OxmlElement("w:bookmarkStart")
            start.set(qn("w:id"), str(next_id))
            start.set(qn("w:name"), name)
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), str(next_id))
            ppr = paragraph.find(qn("w:pPr"))
            paragraph.insert(0 if ppr is None else list(paragraph).index(ppr) + 1, start)
            paragraph.append(end)
            next_id += 1
            entries.append(_entry(level, text, name, style_ids))
        parent = field.getparent()
        position = list(parent).index(field)
        for offset, entry in enumerate(entries):
            parent.insert(position + 1 + offset, entry)
        parent.remove(field)
    return True
