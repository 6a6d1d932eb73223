"""The rendered body of a Word document in its document part.

docxtpl renders the body as a string, parses it on its own and moves the result into the
document, which costs more than parsing the whole document part once with the rendered body
in place (grantgen/word/render.py does the latter). These are the helpers for it: the part's
XML around its body, the namespaces the body need not declare again, and the test of
whether docxtpl's table repair has anything to do.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY = _W + "body"


@lru_cache(maxsize=1)
def recovering_parser():
    """docxtpl's parser for a rendered part (recovering from what it can), with
    python-docx's element classes, as the document part's own elements have them."""
    from docx.oxml.parser import element_class_lookup

    parser = etree.XMLParser(recover=True)
    parser.set_element_class_lookup(element_class_lookup)
    return parser


@lru_cache(maxsize=1)
def docpr_elements():
    """The pictures' drawing properties (wp:docPr) of a part, as docxtpl finds them."""
    from docx.oxml.ns import nsmap

    return etree.XPath("//wp:docPr", namespaces=nsmap)


def document_part(document, body_xml: str):
    """The document part's root element with `body_xml` (the rendered body) as its body:
    the part's own XML around it, parsed once. The body as docxtpl serialises it declares
    every namespace in scope; those the root declares alike are left to the root, as in the
    part before."""
    root = document.element
    head, tail = _around_body(root)
    if body_xml.startswith("<w:body"):
        body_xml = without_declared(body_xml, root.nsmap)
    return etree.fromstring(head + body_xml + tail, parser=recovering_parser())


def _around_body(root) -> tuple[str, str]:
    """The XML of the document part `root` before and after its body."""
    shell = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    for child in root:
        if child.tag == BODY:
            etree.SubElement(shell, BODY)
        else:
            shell.append(copy.deepcopy(child))
    head, _, tail = etree.tostring(shell, encoding="unicode").partition("<w:body/>")
    return head, tail


def grid_mismatch(body) -> bool:
    """Whether docxtpl's fix_tables would change a table of `body`: a row with more cells
    than the grid has columns, or a grid wider than its widest row (in grid spans)."""
    for table in _TABLES(body):
        columns = _GRID_COLUMNS(table)
        if not _HAS_GRID(table):
            return True  # fix_tables fails on it, as it should
        widest = 0
        for row in table.iter(_W + "tr"):  # rows of nested tables too, as fix_tables does
            cells = _CELLS(row)
            if cells > columns:
                return True
            widest = max(widest, cells + sum(int(v) - 1 for v in _SPANS(row)))
        if columns > widest:
            return True
    return False


_XPATH_NS = {"w": _W[1:-1]}
_TABLES = etree.XPath(".//w:tbl", namespaces=_XPATH_NS)
_HAS_GRID = etree.XPath("boolean(w:tblGrid)", namespaces=_XPATH_NS)
_GRID_COLUMNS = etree.XPath("count(w:tblGrid[1]/w:gridCol)", namespaces=_XPATH_NS)
_CELLS = etree.XPath("count(w:tc)", namespaces=_XPATH_NS)
_SPANS = etree.XPath("w:tc/w:tcPr[1]/w:gridSpan[1]/@w:val", namespaces=_XPATH_NS)


def without_declared(xml: str, nsmap: dict) -> str:
    """`xml` (an element) without the namespace declarations of its start tag that the
    document's root makes alike: the part is parsed whole, with the element in place."""
    opening, rest = xml.split(">", 1)
    for prefix, uri in nsmap.items():
        if prefix:
            opening = opening.replace(f' xmlns:{prefix}="{uri}"', "")
    return opening + ">" + rest
