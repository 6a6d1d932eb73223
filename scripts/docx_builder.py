"""Building blocks for writing the built-in Word templates with python-docx.

Every Jinja tag is written into a single run, so Word's habit of splitting runs never
breaks a tag in the templates we ship. Tables get one look: a shaded header row that
repeats on every page, thin horizontal rules, amounts right-aligned.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ACCENT = RGBColor(0x1F, 0x5C, 0x4B)
ACCENT_HEX = "1F5C4B"
LIGHT_HEX = "E4EFEB"
RULE_HEX = "9DB5AD"
GREY = RGBColor(0x59, 0x59, 0x59)
FONT = "Arial"
FIXED_DATE = dt.datetime(2018, 1, 1)


@dataclass
class Col:
    """A table column: its header, the cell content (text with tags) and its look."""

    header: str
    cell: str
    width: float = 4.0  # cm
    right: bool = False
    bold: bool = False


#: what a cell's margins take of its width (80 twips left and right), and some room to spare
_CELL_PADDING_CM = 80 * 2 / 567 + 0.12
#: a value a tag stands for when a header is measured ({{ year }}: a year)
_TAG_SAMPLE = "0000"


@cache
def text_width_cm(text: str, bold: bool = False, size: float = 10.0) -> float:
    """How wide `text` is at `size` points, measured in DejaVu Sans (the font LibreOffice
    falls back on where Arial is missing, wider than Arial): columns that fit it fit Arial."""
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font

    path = findfont(FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal"),
                    fallback_to_default=False)
    font = FT2Font(path)
    font.set_size(size, 72)
    font.set_text(text, 0.0)
    width, _height = font.get_width_height()  # in 64ths of a point at 72 dpi
    return width / 64 / 72 * 2.54


def longest_word_cm(text: str, bold: bool = False) -> float:
    """The width of the widest word of a cell's static text: a column narrower than that
    breaks the word ("Unieke deelneme / rs"). Tags count as a sample value; a soft hyphen
    is a place the word may break."""
    shown = re.sub(r"\{\{.*?\}\}", _TAG_SAMPLE, text)
    shown = re.sub(r"\{%.*?%\}", " ", shown)
    words = [part for word in shown.split() for part in word.split("\u00ad")]
    return max((text_width_cm(w, bold) for w in words), default=0.0)


def fitted(columns: list[Col], texts: list[list[tuple[str, bool]]]) -> list[Col]:
    """The columns with widths that hold the longest word of each column's static texts
    ((text, bold) pairs), the room taken from the columns with most to spare; the table's
    width stays what it was. A table that cannot hold its words is an error of the script."""
    need = [max((longest_word_cm(t, b) for t, b in column), default=0.0) + _CELL_PADDING_CM
            for column in texts]
    widths = [c.width for c in columns]
    short = sum(max(n - w, 0.0) for n, w in zip(need, widths, strict=True))
    if short <= 1e-9:
        return columns
    spare = [max(w - n, 0.0) for n, w in zip(need, widths, strict=True)]
    if sum(spare) < short:
        raise ValueError(f"the columns {[c.header for c in columns]} cannot hold their words: "
                         f"they need {need} cm")
    share = short / sum(spare)
    new = [round(max(n, w - s * share), 2) if n > w - 1e-9 else round(w - s * share, 2)
           for n, w, s in zip(need, widths, spare, strict=True)]
    new[-1] = round(new[-1] + sum(widths) - sum(new), 2)
    return [replace(c, width=w) for c, w in zip(columns, new, strict=True)]


def _set(element, tag: str, **attrs) -> OxmlElement:
    child = element.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        element.append(child)
    for key, value in attrs.items():
        child.set(qn(key), value)
    return child


def shade(cell, fill: str) -> None:
    _set(cell._tc.get_or_add_tcPr(), "w:shd", **{"w:val": "clear", "w:color": "auto",
                                                  "w:fill": fill})


def _borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge, size, color in (("top", "8", ACCENT_HEX), ("bottom", "8", ACCENT_HEX),
                              ("insideH", "4", RULE_HEX)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), size)
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), color)
        borders.append(el)
    for edge in ("left", "right", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", "40"), ("bottom", "40"), ("left", "80"), ("right", "80")):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), width)
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def _row_flags(row, header: bool = False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    _set(tr_pr, "w:cantSplit")
    if header:
        _set(tr_pr, "w:tblHeader")


def _field(paragraph, code: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) that Word and LibreOffice fill in."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    run._r.append(instr)
    run = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


class Builder:
    """One template being written."""

    def __init__(self, title: str, header_right: str, footer_left: str, language: str,
                 page_word: str, of_word: str, landscape: bool = False):
        self.doc = Document()
        self.language = language
        self._styles()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.orientation = WD_ORIENT.PORTRAIT
        if landscape:
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
            section.orientation = WD_ORIENT.LANDSCAPE
        section.left_margin = section.right_margin = Cm(2.3)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
        section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
        self._header_footer(header_right, footer_left, page_word, of_word)
        props = self.doc.core_properties
        props.title = title
        props.author = "grantgen"
        props.last_modified_by = "grantgen"
        props.created = props.modified = FIXED_DATE
        props.revision = 1
        props.comments = ""
        props.language = "nl-NL" if language == "nl" else "en-GB"
        # the default template's first empty paragraph
        body = self.doc.element.body
        for p in list(body.iterchildren(qn("w:p"))):
            body.remove(p)

    # ---- styles --------------------------------------------------------------------------
    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        lang = _set(normal.element.get_or_add_rPr(), "w:lang")
        lang.set(qn("w:val"), "nl-NL" if self.language == "nl" else "en-GB")
        fmt = normal.paragraph_format
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.15
        for name, size, before in (("Title", 22, 0), ("Heading 1", 15, 18),
                                   ("Heading 2", 12, 12), ("Heading 3", 10.5, 10)):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = ACCENT
            style.font.italic = False
            rpr = style.element.get_or_add_rPr()
            fonts = _set(rpr, "w:rFonts")
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attr), FONT)
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                if fonts.get(qn(attr)) is not None:
                    del fonts.attrib[qn(attr)]
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
        title = styles["Title"].element.get_or_add_pPr()
        for child in title.findall(qn("w:pBdr")):
            title.remove(child)
        styles["Subtitle"].font.name = FONT
        styles["Subtitle"].font.size = Pt(13)
        styles["Subtitle"].font.color.rgb = GREY
        styles["Subtitle"].font.italic = False
        for name in ("List Bullet", "List Number", "Quote", "Caption", "Header", "Footer"):
            styles[name].font.name = FONT
        styles["Caption"].font.size = Pt(8.5)
        styles["Caption"].font.color.rgb = GREY
        styles["Quote"].font.size = Pt(10)
        styles["Quote"].font.color.rgb = ACCENT
        # links in text blocks take the template's own Hyperlink style (Word's built-in name)
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER, builtin=True)
        link.font.color.rgb = ACCENT
        link.font.underline = True
        for name in ("Header", "Footer"):
            styles[name].font.size = Pt(8)
            styles[name].font.color.rgb = GREY
            # the default centre and right tab stops sit where A4 with our margins has none
            ppr = styles[name].element.get_or_add_pPr()
            for tabs in ppr.findall(qn("w:tabs")):
                ppr.remove(tabs)

    def _header_footer(self, header_right: str, footer_left: str, page_word: str,
                       of_word: str) -> None:
        section = self.doc.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Header"]
        header.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)  # right
        header.add_run("{{ org.name }}")
        header.add_run("\t" + header_right)
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        footer.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)
        footer.add_run(footer_left + "\t" + page_word + " ")
        _field(footer, "PAGE")
        footer.add_run(" " + of_word + " ")
        _field(footer, "NUMPAGES")

    # ---- paragraphs ----------------------------------------------------------------------
    def heading(self, text: str, level: int = 1):
        return self.doc.add_paragraph(text, style=f"Heading {level}")

    def title(self, text: str, subtitle: str | None = None) -> None:
        self.doc.add_paragraph(text, style="Title")
        if subtitle:
            self.doc.add_paragraph(subtitle, style="Subtitle")

    def para(self, *parts: str | tuple[str, str], style: str | None = None,
             align: str | None = None, space_after: float | None = None, keep: bool = False):
        """A paragraph of runs: plain strings, or (text, 'b'|'i'|'bi'|'small') pairs; `keep`
        keeps it with the next (an introduction to what follows)."""
        p = self.doc.add_paragraph(style=style)
        for part in parts:
            text, look = (part, "") if isinstance(part, str) else part
            run = p.add_run(text)
            run.bold = "b" in look or None
            run.italic = "i" in look or None
            if "small" in look:
                run.font.size = Pt(8.5)
                run.font.color.rgb = GREY
        if align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if space_after is not None:
            p.paragraph_format.space_after = Pt(space_after)
        if keep:
            p.paragraph_format.keep_with_next = True
        return p

    def tag(self, text: str) -> None:
        """A paragraph holding only a block tag ({%p if %}, {%p for %}); docxtpl removes it."""
        self.doc.add_paragraph(text)

    def text_block(self, expression: str) -> None:
        """Where a text (a subdocument) goes: `{{p sections.summary }}`, `{{p texts.x }}`."""
        self.doc.add_paragraph("{{p " + expression + " }}")

    def bullet(self, text: str) -> None:
        self.doc.add_paragraph(text, style="List Bullet")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def toc(self, heading: str, placeholder: str) -> None:
        """A table of contents that Word and LibreOffice update when the document opens.

        grantgen fills the entries in when it renders (grantgen/toc.py), in the styles
        'TOC 1' and 'TOC 2' defined here: the title, dotted leaders, the page at the right.
        """
        self._toc_styles()
        heading_p = self.doc.add_paragraph(heading, style="TOC Heading")
        heading_p.paragraph_format.space_before = Pt(6)
        _field(self.doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', placeholder)
        settings = self.doc.settings.element
        _set(settings, "w:updateFields", **{"w:val": "true"})

    def _toc_styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

        styles = self.doc.styles
        section = self.doc.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        heading = styles["TOC Heading"]
        heading.font.name = FONT
        heading.font.size = Pt(15)
        heading.font.bold = True
        heading.font.color.rgb = ACCENT
        for level, (size, bold, indent, before) in {1: (10.5, True, 0.0, 6),
                                                    2: (10, False, 0.8, 0)}.items():
            name = f"TOC {level}"
            try:
                style = styles[name]
            except KeyError:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = bold
            fmt = style.paragraph_format
            fmt.left_indent = Cm(indent)
            fmt.space_before = Pt(before)
            fmt.space_after = Pt(2)
            fmt.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    def picture(self, expression: str, caption: str) -> None:
        """Where a chart goes (`charts.participants`): the picture centred, then its caption
        (which may use the chart's own `.caption`) in the Caption style, kept together."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.space_after = Pt(2)
        p.add_run("{{ " + expression + " }}")
        c = self.doc.add_paragraph(caption, style="Caption")
        c.paragraph_format.space_after = Pt(10)

    def quote(self, text: str, source: str, title: str | None = None) -> None:
        """A quotation with its source on a line of its own, in the Quote style; a title
        above it when given (a tag that may render empty)."""
        if title:
            t = self.doc.add_paragraph(style="Quote")
            t.paragraph_format.left_indent = Cm(0.8)
            t.paragraph_format.space_after = Pt(0)
            t.paragraph_format.keep_with_next = True
            run = t.add_run(title)
            run.bold = True
        p = self.doc.add_paragraph(style="Quote")
        p.paragraph_format.left_indent = Cm(0.8)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = True
        run = p.add_run(text)
        run.italic = True
        s = self.doc.add_paragraph(style="Quote")
        s.paragraph_format.left_indent = Cm(0.8)
        run = s.add_run(source)
        run.font.size = Pt(8.5)
        run.font.color.rgb = GREY

    # ---- tables --------------------------------------------------------------------------
    def _table(self, columns: list[Col], rows: int):
        table = self.doc.add_table(rows=rows, cols=len(columns))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _borders(table)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.append(layout)
        for row in table.rows:
            for cell, col in zip(row.cells, columns, strict=True):
                cell.width = Cm(col.width)
        for grid_col, col in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), columns,
                                 strict=True):
            grid_col.set(qn("w:w"), str(int(Cm(col.width).twips)))
        return table

    @staticmethod
    def _fill(cell, text: str, right: bool = False, bold: bool = False,
              italic: bool = False) -> None:
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        if right:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if text:
            run = p.add_run(text)
            run.bold = bold or None
            run.italic = italic or None

    @staticmethod
    def _keep_together(table) -> None:
        """Keep every row with the next, so a short table does not break across pages."""
        for row in list(table.rows)[:-1]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True

    def _keep_previous(self) -> None:
        """Keep the paragraph before a table (its introduction) with the table. Block tags
        in between are passed over (docxtpl removes them); a text block (`{{p ...}}`) or an
        empty spacer is left as it is."""
        for element in reversed(list(self.doc.element.body.iterchildren())):
            if element.tag == qn("w:sectPr"):
                continue  # the section's properties close the body
            if element.tag != qn("w:p"):
                return
            text = "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()
            if text.startswith("{%p") or text.startswith("{%-p"):
                continue
            if text and not text.startswith("{{p"):
                element.get_or_add_pPr().keepNext_val = True
            return

    def grid(self, columns: list[Col], rows: list[tuple[str, list[str] | str]],
             keep_together: bool = False, hold_groups: bool = True) -> None:
        """A table from rows of (look, cells): look is 'header', 'data', 'group' (bold),
        'subtotal' (italic), 'total' (bold on a shaded row) or 'tag' (a {%tr %} row, whose
        cells is the tag text). `keep_together` keeps a short table on one page;
        `hold_groups` keeps header and group rows with the row after them. Column widths
        grow to hold the longest word of their static texts (fitted)."""
        texts: list[list[tuple[str, bool]]] = [[] for _c in columns]
        for look, cells in rows:
            if look == "tag":
                continue
            for i, (text, col) in enumerate(zip(cells, columns, strict=False)):
                texts[i].append((text, look in ("header", "group", "total") or (
                    look == "data" and col.bold)))
        columns = fitted(columns, texts)
        self._keep_previous()
        table = self._table(columns, len(rows))
        if keep_together:
            self._keep_together(table)
        if hold_groups:
            for row, (look, _cells) in zip(table.rows, rows, strict=True):
                if look in ("header", "group"):
                    for cell in row.cells:
                        for paragraph in cell.paragraphs:
                            paragraph.paragraph_format.keep_with_next = True
        for row, (look, cells) in zip(table.rows, rows, strict=True):
            _row_flags(row, header=look == "header")
            if look == "tag":
                self._fill(row.cells[0], cells)  # type: ignore[arg-type]
                continue
            for i, (cell, col) in enumerate(zip(row.cells, columns, strict=True)):
                text = cells[i] if i < len(cells) else ""
                if look in ("header", "total"):
                    shade(cell, LIGHT_HEX)
                self._fill(cell, text, right=col.right,
                           bold=look in ("header", "group", "total") or (
                               look == "data" and col.bold),
                           italic=look == "subtotal")
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def table(self, columns: list[Col], loop: str,
              footer: list[list[str]] | None = None, keep_together: bool = False) -> None:
        """A header row, a data row repeated by `loop` ('for x in xs'), then total rows."""
        rows: list[tuple[str, list[str] | str]] = [("header", [c.header for c in columns]),
                                                   ("tag", "{%tr " + loop + " %}"),
                                                   ("data", [c.cell for c in columns]),
                                                   ("tag", "{%tr endfor %}")]
        rows += [("total", cells) for cells in footer or []]
        self.grid(columns, rows, keep_together=keep_together)

    def key_values(self, rows: list[tuple[str, str]], widths: tuple[float, float] = (5.0, 11.4),
                   condition: dict[int, str] | None = None, keep_together: bool = False) -> None:
        """A two-column table of labels and values (no header)."""
        columns = fitted([Col("", "", widths[0]), Col("", "", widths[1])],
                         [[(label, True) for label, _v in rows],
                          [(value, False) for _l, value in rows]])
        self._keep_previous()
        spec: list[tuple[str, str, str]] = []
        for i, (label, value) in enumerate(rows):
            if condition and i in condition:
                spec.append(("tag", "{%tr if " + condition[i] + " %}", ""))
                spec.append(("row", label, value))
                spec.append(("tag", "{%tr endif %}", ""))
            else:
                spec.append(("row", label, value))
        table = self._table(columns, len(spec))
        for row, (kind, label, value) in zip(table.rows, spec, strict=True):
            _row_flags(row)
            if kind == "tag":
                self._fill(row.cells[0], label)
                continue
            shade(row.cells[0], LIGHT_HEX)
            self._fill(row.cells[0], label, bold=True)
            self._fill(row.cells[1], value)
        if keep_together:
            self._keep_together(table)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def save(self, path) -> None:
        self.doc.save(path)
