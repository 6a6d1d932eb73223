"""Markdown text blocks as Word paragraphs in the template's own styles, and their word counts.

The Markdown is parsed by markdown-it-py (CommonMark, raw HTML off) and written with
python-docx into a document whose part is the template's (a docxtpl subdocument), so the
paragraphs use the template's styles: Normal for paragraphs, "Heading 2" and below for
sub-headings, "List Bullet" and "List Number" (and their deeper levels) for lists, "Quote"
for quotes and "Hyperlink" for links. Each numbered list gets its own numbering instance
that starts again at its first number, as Word does when a user starts a new list.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from grantgen.texts.markdown import parse
from grantgen.word.package import own

#: control characters XML cannot hold (a text pasted from elsewhere may carry them)
_NOT_IN_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])

#: link targets that become real hyperlinks; other targets show their text only
_LINK_SCHEMES = ("http://", "https://", "mailto:", "ftp://", "tel:")

# how lists look where the template defines no list numbering of its own
_BULLETS = ("\u2022", "\u25e6", "\u25aa")
_NUMBER_FORMATS = (("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}."))
_INDENT = 360  # twentieths of a point per list level (a quarter inch)


# ---- writing Word ---------------------------------------------------------------------------


def add_markdown(document, markdown: str) -> None:
    """Append `markdown` to `document` (python-docx) as paragraphs in the document's styles."""
    _Writer(document).write(parse(markdown))


def _element(tag: str, **attrs: str):
    """A WordprocessingML element: _element("w:numId", val="3") is <w:numId w:val="3"/>."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key if ":" in key else "w:" + key), value)
    return element


#: fewer characters than this fill one line of a page (about 95 at 10 pt on A4)
_ONE_LINE = 90


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _keep_with_next(paragraph) -> None:
    """<w:keepNext/> in the paragraph's properties: it stays on the page of the next."""
    paragraph.get_or_add_pPr().keepNext_val = True


@dataclass
class _List:
    ordered: bool
    depth: int
    style: str
    num_id: int
    ilvl: int
    left: int | None  # the level's left indent in twips, for continuation paragraphs


@dataclass
class _Item:
    within: _List
    started: bool = False  # its first paragraph (the one with the bullet) is written


@dataclass
class _Inline:
    bold: int = 0
    italic: int = 0
    link: Any = None  # the w:hyperlink element runs go into, or None
    links: list = field(default_factory=list)


class _Writer:
    """Writes one block's tokens as w:p elements; keeps the state of open lists and quotes.

    Paragraphs and runs are written as XML directly: python-docx looks a style up by name on
    every call, which made a text block cost more than the rest of its document.
    """

    def __init__(self, document):
        self.doc = document
        self.numbering = _Numbering(document)
        self.lists: list[_List] = []
        self.items: list[_Item] = []
        self.quotes = 0
        self.heading_base = 1
        self.bold_heading = False
        self.paragraph = None  # the w:p being written
        #: a heading was just written: a short paragraph after it is kept with the next too
        self.after_heading = False

    def write(self, tokens: tuple[Token, ...]) -> None:
        levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
        # the highest heading in a block becomes Heading 2: the block sits under a section
        # heading of the template, whatever number of '#' the writer started with
        self.heading_base = min(levels) if levels else 1
        for token in tokens:
            handler = getattr(self, "_" + token.type, None)
            if handler is not None:
                handler(token)

    def _new_paragraph(self, style: str | None = None):
        """A w:p at the end of the document, in paragraph style `style` (a name) if it has it."""
        p = self.doc.add_paragraph()._p
        style_id = self.numbering.style_id(style) if style else None
        if style_id:
            p.style = style_id
        return p

    # ---- blocks --------------------------------------------------------------------------
    def _paragraph_open(self, token: Token) -> None:
        if self.items and not self.items[-1].started:
            item = self.items[-1]
            item.started = True
            self.paragraph = self._list_paragraph(item.within)
        elif self.items:
            self.paragraph = self._continuation(self.items[-1].within)
        else:
            self.paragraph = self._new_paragraph("Quote" if self.quotes else None)

    def _paragraph_close(self, token: Token) -> None:
        if self.after_heading and self.paragraph is not None:
            # a heading stays with at least two lines of what follows: a paragraph of one
            # line (a list's first item, say) is kept with the next as well
            self.after_heading = False
            text = "".join(t.text or "" for t in self.paragraph.iter(_qn("w:t")))
            if len(text) < _ONE_LINE:
                _keep_with_next(self.paragraph)
        self.paragraph = None

    def _heading_open(self, token: Token) -> None:
        level = min(int(token.tag[1]) - self.heading_base + 2, 9)
        style = next((f"Heading {n}" for n in range(level, 1, -1)
                      if self.numbering.style_id(f"Heading {n}")), None)
        self.paragraph = self._new_paragraph(style)
        self.bold_heading = style is None  # a template without heading styles: bold text

    def _heading_close(self, token: Token) -> None:
        self.bold_heading = False
        if self.paragraph is not None:
            # kept with what follows, whatever the template's heading style says
            _keep_with_next(self.paragraph)
        self.after_heading = True
        self.paragraph = None

    def _bullet_list_open(self, token: Token) -> None:
        self._open_list(ordered=False, start=1)

    def _ordered_list_open(self, token: Token) -> None:
        start = token.attrGet("start")
        self._open_list(ordered=True, start=int(start) if start is not None else 1)

    def _open_list(self, ordered: bool, start: int) -> None:
        depth = len(self.lists)
        style, num_id, ilvl, left = self.numbering.list_format(ordered, depth, start)
        self.lists.append(_List(ordered, depth, style, num_id, ilvl, left))

    def _bullet_list_close(self, token: Token) -> None:
        self.lists.pop()

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, token: Token) -> None:
        self.items.append(_Item(self.lists[-1]))

    def _list_item_close(self, token: Token) -> None:
        item = self.items.pop()
        if not item.started:  # an empty item ('-' alone) still shows its bullet
            self._list_paragraph(item.within)

    def _blockquote_open(self, token: Token) -> None:
        self.quotes += 1

    def _blockquote_close(self, token: Token) -> None:
        self.quotes -= 1

    def _code_block(self, token: Token) -> None:
        self.paragraph = self._new_paragraph()
        lines = token.content.rstrip("\n").split("\n")
        for i, line in enumerate(lines):
            run = self._run(line, _Inline(), code=True)
            if i < len(lines) - 1:
                run.append(_element("w:br"))
        self.paragraph = None

    _fence = _code_block

    def _list_paragraph(self, within: _List):
        p = self._new_paragraph(within.style)
        num_pr = p.get_or_add_pPr().get_or_add_numPr()
        num_pr.append(_element("w:ilvl", val=str(within.ilvl)))
        num_pr.append(_element("w:numId", val=str(within.num_id)))
        return p

    def _continuation(self, within: _List):
        """A second paragraph inside a list item: indented like the item, without a bullet."""
        name = "List Continue" + ("" if within.depth == 0 else f" {within.depth + 1}")
        if self.numbering.style_id(name):
            return self._new_paragraph(name)
        p = self._new_paragraph()
        if within.left:
            p.get_or_add_pPr().get_or_add_ind().left = within.left * 635  # twips to EMU
        return p

    # ---- inline --------------------------------------------------------------------------
    def _inline(self, token: Token) -> None:
        if self.paragraph is None:  # inline text outside a paragraph: give it one
            self._paragraph_open(token)
        state = _Inline(bold=int(self.bold_heading))
        for child in token.children or []:
            kind = child.type
            if kind == "text":
                if child.content:
                    self._run(child.content, state)
            elif kind == "code_inline":
                self._run(child.content, state, code=True)
            elif kind == "softbreak":
                self._run(" ", state)
            elif kind == "hardbreak":
                self._run("", state).append(_element("w:br"))
            elif kind == "strong_open":
                state.bold += 1
            elif kind == "strong_close":
                state.bold -= 1
            elif kind == "em_open":
                state.italic += 1
            elif kind == "em_close":
                state.italic -= 1
            elif kind == "link_open":
                state.links.append(state.link)
                state.link = self._hyperlink(str(child.attrGet("href") or ""))
            elif kind == "link_close":
                state.link = state.links.pop() if state.links else None
            elif kind == "image":
                self._run(child.content, state)

    def _run(self, text: str, state: _Inline, code: bool = False):
        """A w:r with `text` in the current paragraph (or link), formatted as `state` says."""
        run = _element("w:r")
        properties = []
        if state.link is not None:
            properties.append(_element("w:rStyle", val=self.numbering.hyperlink_style()))
        if code:
            properties.append(_element("w:rFonts", ascii="Courier New", hAnsi="Courier New",
                                       cs="Courier New"))
        if state.bold:
            properties.append(_element("w:b"))
        if state.italic:
            properties.append(_element("w:i"))
        if properties:
            rpr = _element("w:rPr")
            rpr.extend(properties)
            run.append(rpr)
        text = text.translate(_NOT_IN_XML)
        if text:
            t = _element("w:t", **{"xml:space": "preserve"})
            t.text = text
            run.append(t)
        (state.link if state.link is not None else self.paragraph).append(run)
        return run

    def _hyperlink(self, href: str):
        """A w:hyperlink element with an external relationship, or None for other targets."""
        if not href.lower().startswith(_LINK_SCHEMES):
            return None
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        rel_id = self.doc.part.relate_to(href, RT.HYPERLINK, is_external=True)
        link = _element("w:hyperlink", **{"r:id": rel_id, "history": "1"})
        self.paragraph.append(link)
        return link


@dataclass
class _Known:
    """What the text blocks of one document found out about its styles and numbering."""

    #: abstractNumId we created, per ordered
    own: dict[bool, int] = field(default_factory=dict)
    #: style name -> style id, None where the document has no such style
    ids: dict[str, str | None] = field(default_factory=dict)
    #: style name -> the abstract numbering it is linked to, or None
    linked: dict[str, Any] = field(default_factory=dict)
    #: the highest numId in use, once looked up
    last_num: int | None = None
    #: style name (as Word stores it) -> its w:style, once read
    by_name: dict[str, Any] | None = None


#: per document part (the template being rendered): what its text blocks found out
_SHARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _Numbering:
    """The list styles and numbering definitions of one document, created where missing.

    A list uses the template's "List Bullet" / "List Number" style and the numbering that
    style is linked to. Every numbered list gets a new w:num over that definition with a
    start override, so it counts from its own first number.
    """

    def __init__(self, document):
        self.doc = document
        self._part = None
        # what is known of the document's styles and numbering, shared by all its text
        # blocks (each has a _Numbering of its own, over the same template part)
        shared = _SHARED.get(document.part)
        if shared is None:
            shared = _SHARED[document.part] = _Known()
        self._own = shared.own
        self._ids = shared.ids
        self._known = shared

    # ---- styles --------------------------------------------------------------------------
    def style_id(self, name: str) -> str | None:
        """The id of the document's style called `name` ("List Bullet" -> "ListBullet"),
        or None when the document has no such style."""
        if name not in self._ids:
            found = self._style_element(name)
            self._ids[name] = found.get(_qn("w:styleId")) if found is not None else None
        return self._ids[name]

    def _style_element(self, name: str):
        """The document's w:style called `name`, as python-docx's `styles[name]` finds it
        (the first of that name, built-in names as Word stores them), or None: every style
        read once per document rather than searched for each name."""
        from docx.styles import BabelFish

        if self._known.by_name is None:
            by_name: dict[str, Any] = {}
            for style in self.doc.styles.element.findall(_qn("w:style")):
                label = style.find(_qn("w:name"))
                if label is not None and label.get(_qn("w:val")) is not None:
                    by_name.setdefault(label.get(_qn("w:val")), style)
            self._known.by_name = by_name
        return self._known.by_name.get(BabelFish.ui2internal(name))

    def style(self, name: str) -> str | None:
        """`name` when the document has that style, else None."""
        return name if self.style_id(name) else None

    def hyperlink_style(self) -> str:
        """The id of the template's Hyperlink character style, added when it has none."""
        if self.style_id("Hyperlink") is None:
            from docx.enum.style import WD_STYLE_TYPE
            from docx.shared import RGBColor

            own(self.doc.part._styles_part)  # the template's styles are shared
            style = self.doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
            style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
            style.font.underline = True
            self._ids.pop("Hyperlink")
            self._known.by_name = None
        return self.style_id("Hyperlink") or "Hyperlink"

    def _paragraph_style(self, name: str):
        from docx.enum.style import WD_STYLE_TYPE

        if self.style_id(name) is None:
            own(self.doc.part._styles_part)  # the template's styles are shared
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            style.paragraph_format.space_after = 0
            self._ids.pop(name)
            self._known.linked.pop(name, None)
            self._known.by_name = None
        return self.doc.styles[name]

    # ---- numbering part ------------------------------------------------------------------
    @property
    def element(self):
        """The w:numbering element of the document, with a numbering part added if missing."""
        if self._part is None:
            from docx.opc.constants import CONTENT_TYPE as CT
            from docx.opc.constants import RELATIONSHIP_TYPE as RT
            from docx.opc.packuri import PackURI
            from docx.oxml import parse_xml
            from docx.oxml.ns import nsdecls
            from docx.parts.numbering import NumberingPart

            part = self.doc.part
            try:
                self._part = part.part_related_by(RT.NUMBERING)
            except KeyError:
                element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
                self._part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING,
                                           element, part.package)
                part.relate_to(self._part, RT.NUMBERING)
        return self._part.element

    def _abstract_of(self, num_id: int):
        from docx.oxml.ns import qn

        for num in self.element.findall(qn("w:num")):
            if num.get(qn("w:numId")) == str(num_id):
                ref = num.find(qn("w:abstractNumId"))
                if ref is None:
                    return None
                for abstract in self.element.findall(qn("w:abstractNum")):
                    if abstract.get(qn("w:abstractNumId")) == ref.get(qn("w:val")):
                        return abstract
        return None

    def _linked(self, style_name: str):
        """The abstract numbering a paragraph style is linked to (w:numPr), or None."""
        if style_name not in self._known.linked:
            self._known.linked[style_name] = self._look_up_linked(style_name)
        return self._known.linked[style_name]

    def _look_up_linked(self, style_name: str):
        from docx.oxml.ns import qn

        if self.style(style_name) is None:
            return None
        ppr = self._style_element(style_name).pPr
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_id is None or num_id.get(qn("w:val")) in (None, "0"):
            return None
        return self._abstract_of(int(num_id.get(qn("w:val"))))

    @staticmethod
    def _level(abstract, ilvl: int):
        from docx.oxml.ns import qn

        for lvl in abstract.findall(qn("w:lvl")):
            if lvl.get(qn("w:ilvl")) == str(ilvl):
                return lvl
        return None

    @staticmethod
    def _left(level) -> int | None:
        from docx.oxml.ns import qn

        ind = level.find(f"{qn('w:pPr')}/{qn('w:ind')}") if level is not None else None
        if ind is None:
            return None
        value = ind.get(qn("w:left")) or ind.get(qn("w:start"))
        return int(value) if value and value.lstrip("-").isdigit() else None

    def list_format(self, ordered: bool, depth: int,
                    start: int) -> tuple[str, int, int, int | None]:
        """(paragraph style, numId, ilvl, left indent) for a new list at nesting `depth`."""
        from docx.oxml.ns import qn

        base = "List Number" if ordered else "List Bullet"
        # Word's own way to nest: "List Bullet 2", "List Bullet 3", ... each with its numbering
        candidates = [(f"{base} {d + 1}" if d else base, depth - d) for d in range(depth, -1, -1)]
        for style, ilvl in candidates:
            abstract = self._linked(style)
            if abstract is not None and self._level(abstract, ilvl) is not None:
                break
        else:
            style, ilvl = base, min(depth, 8)
            self._paragraph_style(style)
            abstract = self._own_abstract(ordered)
        abstract_id = int(abstract.get(qn("w:abstractNumId")))
        num_id = self._new_num(abstract_id, ilvl, start if ordered else None)
        return style, num_id, ilvl, self._left(self._level(abstract, ilvl))

    def _new_num(self, abstract_id: int, ilvl: int, start: int | None) -> int:
        """A new w:num over `abstract_id`; with `start`, its level `ilvl` starts there."""
        from docx.oxml.ns import qn
        from docx.oxml.parser import OxmlElement

        numbering = self.element
        if self._known.last_num is None:
            ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))
                   if (n.get(qn("w:numId")) or "").isdigit()]
            self._known.last_num = max(ids, default=0)
        num_id = self._known.last_num = self._known.last_num + 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract_id))
        num.append(ref)
        if start is not None:
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), str(ilvl))
            start_override = OxmlElement("w:startOverride")
            start_override.set(qn("w:val"), str(start))
            override.append(start_override)
            num.append(override)
        # w:num elements come after every w:abstractNum and before w:numIdMacAtCleanup
        cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            numbering.append(num)
        return num_id

    def _own_abstract(self, ordered: bool):
        """A nine-level bullet or number definition, for templates without a linked one."""
        from docx.oxml.ns import qn
        from docx.oxml.parser import OxmlElement

        numbering = self.element
        if ordered in self._own:
            for abstract in numbering.findall(qn("w:abstractNum")):
                if abstract.get(qn("w:abstractNumId")) == str(self._own[ordered]):
                    return abstract
        ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))
               if (a.get(qn("w:abstractNumId")) or "").isdigit()]
        abstract_id = max(ids, default=-1) + 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))

        def child(parent, tag: str, **attrs: str):
            element = OxmlElement(tag)
            for key, value in attrs.items():
                element.set(qn(key), value)
            parent.append(element)
            return element

        child(abstract, "w:multiLevelType", **{"w:val": "hybridMultilevel"})
        for level in range(9):
            lvl = child(abstract, "w:lvl", **{"w:ilvl": str(level)})
            child(lvl, "w:start", **{"w:val": "1"})
            if ordered:
                fmt, text = _NUMBER_FORMATS[level % 3]
                child(lvl, "w:numFmt", **{"w:val": fmt})
                child(lvl, "w:lvlText", **{"w:val": text.format(n=level + 1)})
            else:
                child(lvl, "w:numFmt", **{"w:val": "bullet"})
                child(lvl, "w:lvlText", **{"w:val": _BULLETS[level % 3]})
            child(lvl, "w:lvlJc", **{"w:val": "left"})
            ppr = child(lvl, "w:pPr")
            child(ppr, "w:ind", **{"w:left": str(_INDENT * (level + 1)),
                                   "w:hanging": str(_INDENT)})
        # every w:abstractNum comes before the first w:num
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        self._own[ordered] = abstract_id
        return abstract
