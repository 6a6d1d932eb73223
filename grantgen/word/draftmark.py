"""The CONCEPT mark of a draft: a line at the top of every page header and a watermark,
and the notes to us a draft may hold in its body (a text block that is missing).

The mark is added when a draft is rendered, whatever the template (the built-in ones or a
user's own), and taken out again when the board approves the draft, so the final document
is the reviewed draft without the mark. Mark paragraphs carry a paragraph style of their
own; that style is how `remove_mark` finds them again.
"""

from __future__ import annotations

import io

from lxml import etree

from grantgen.word.package import docx_bytes, own, package_digest, share

#: the style id of a mark paragraph; only mark paragraphs use it
MARK_STYLE = "GrantgenDraftMark"
_MARK_STYLE_NAME = "Grantgen draft mark"
_RED = "C00000"

#: the mark as document text, in the document's language: (header line, watermark)
_TEXTS = {
    "nl": ("CONCEPT \u00b7 versie {version} \u00b7 niet verzenden", "CONCEPT"),
    "en": ("DRAFT \u00b7 version {version} \u00b7 do not send", "DRAFT"),
}

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"
_W10 = "urn:schemas-microsoft-com:office:word"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


#: Word's own text watermark (a WordArt shape behind the text), as Word writes it
_WATERMARK = f"""<w:r xmlns:w="{_W}" xmlns:v="{_V}" xmlns:o="{_O}" xmlns:w10="{_W10}">
<w:rPr><w:noProof/></w:rPr>
<w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas>
<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/>
</v:formulas>
<v:path textpathok="t" o:connecttype="custom"
 o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/>
<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
<o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>
<v:shape id="GrantgenDraftWatermark" o:spid="_x0000_s1025" type="#_x0000_t136"
 style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;
z-index:-251655168;mso-position-horizontal:center;mso-position-horizontal-relative:margin;
mso-position-vertical:center;mso-position-vertical-relative:margin"
 o:allowincell="f" fillcolor="#d9d9d9" stroked="f">
<v:fill opacity=".5"/>
<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string=""/>
<w10:wrap anchorx="margin" anchory="margin"/>
</v:shape>
</w:pict>
</w:r>"""


def _mark_paragraph(text: str, watermark: str | None) -> etree._Element:
    p = etree.Element(_w("p"))
    ppr = etree.SubElement(p, _w("pPr"))
    etree.SubElement(ppr, _w("pStyle")).set(_w("val"), MARK_STYLE)
    run = etree.SubElement(p, _w("r"))
    etree.SubElement(run, _w("t")).text = text
    if watermark:
        shape = etree.fromstring(_WATERMARK)
        shape.find(f".//{{{_V}}}shape/{{{_V}}}textpath").set("string", watermark)
        p.append(shape)
    return p


def _ensure_style(document) -> None:
    if _mark_style(document.styles.element) is not None:
        return
    own(document.part._styles_part)
    _add_style(document.styles.element)


def _mark_style(styles):
    return next((style for style in styles.findall(_w("style"))
                 if style.get(_w("styleId")) == MARK_STYLE), None)


def _remove_mark_styles(styles) -> None:
    while (style := _mark_style(styles)) is not None:
        styles.remove(style)


#: id(styles with the mark's style) -> (those styles, the same without it), both shared
_marked: dict[int, tuple[etree._Element, etree._Element]] = {}
#: id(a template's shared styles) -> (those styles, the same with the mark's style)
_marking: dict[int, tuple[etree._Element, etree._Element]] = {}


def marked_styles(styles):
    """The shared styles element `styles` of a template with the mark's style added: the
    styles the drafts made from it share (word/package.share). strip_mark gives a draft
    the styles without the mark's style instead of taking it out of the shared element
    (`styles` itself, unless the template came with a mark style of its own)."""
    import copy

    found = _marking.get(id(styles))
    if found is not None and found[0] is styles:
        return found[1]
    without = styles
    if _mark_style(styles) is not None:  # a template made from a draft: its final has none
        without = copy.deepcopy(styles)
        _remove_mark_styles(without)
    with_mark = copy.deepcopy(without)
    _add_style(with_mark)
    for element in (styles, without, with_mark):
        share(element)
    _marked[id(with_mark)] = (with_mark, without)
    _marking[id(styles)] = (styles, with_mark)
    return with_mark


def _add_style(styles) -> None:
    style = etree.SubElement(styles, _w("style"))
    style.set(_w("type"), "paragraph")
    style.set(_w("customStyle"), "1")
    style.set(_w("styleId"), MARK_STYLE)
    etree.SubElement(style, _w("name")).set(_w("val"), _MARK_STYLE_NAME)
    ppr = etree.SubElement(style, _w("pPr"))
    etree.SubElement(ppr, _w("keepNext"))
    spacing = etree.SubElement(ppr, _w("spacing"))
    spacing.set(_w("before"), "0")
    spacing.set(_w("after"), "60")
    spacing.set(_w("line"), "240")
    spacing.set(_w("lineRule"), "auto")
    etree.SubElement(ppr, _w("jc")).set(_w("val"), "center")
    rpr = etree.SubElement(style, _w("rPr"))
    fonts = etree.SubElement(rpr, _w("rFonts"))
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(_w(attr), "Arial")
    etree.SubElement(rpr, _w("b"))
    etree.SubElement(rpr, _w("color")).set(_w("val"), _RED)
    etree.SubElement(rpr, _w("sz")).set(_w("val"), "18")
    etree.SubElement(rpr, _w("szCs")).set(_w("val"), "18")


def _headers_in_use(document):
    """Every header definition a page of the document shows (default, first and even pages).

    Headers are looked up through the document's relationships: docxtpl swaps rendered
    header parts in there, behind python-docx's back.
    """
    from docx.enum.section import WD_HEADER_FOOTER

    kinds = [WD_HEADER_FOOTER.PRIMARY]
    if document.settings.odd_and_even_pages_header_footer:
        kinds.append(WD_HEADER_FOOTER.EVEN_PAGE)
    sections = list(document.sections)
    rels = document.part.rels
    seen: set[str] = set()
    for index, section in enumerate(sections):
        wanted = list(kinds)
        if section.different_first_page_header_footer:
            wanted.append(WD_HEADER_FOOTER.FIRST_PAGE)
        for kind in wanted:
            # a section without a definition shows the nearest earlier section's
            rid = next((ref.rId for s in reversed(sections[:index + 1])
                        if (ref := s._sectPr.get_headerReference(kind)) is not None), None)
            if rid is None:
                header = {WD_HEADER_FOOTER.PRIMARY: sections[0].header,
                          WD_HEADER_FOOTER.EVEN_PAGE: sections[0].even_page_header,
                          WD_HEADER_FOOTER.FIRST_PAGE: sections[0].first_page_header}[kind]
                header.is_linked_to_previous = False  # adds an empty definition
                rid = sections[0]._sectPr.get_headerReference(kind).rId
            if rid not in seen:
                seen.add(rid)
                yield rels[rid].target_part.element


def mark_texts(version: int, language: str) -> tuple[str, str]:
    """The header line and the watermark of a draft of `version`, in `language`."""
    line, watermark = _TEXTS.get(language, _TEXTS["nl"])
    return line.format(version=version), watermark


def add_mark(document, text: str, watermark: str | None = None) -> None:
    """Put `text` at the top of every page header of a python-docx Document, with a
    diagonal `watermark` behind every page."""
    _ensure_style(document)
    for header in _headers_in_use(document):
        header.insert(0, _mark_paragraph(text, watermark))


def add_note(document, text: str) -> None:
    """A note to us in the body of a draft (a text block that is missing, say), in the
    mark's style: approval takes it out with the mark (strip_mark)."""
    _ensure_style(document)
    document.element.body.append(_mark_paragraph(text, None))


def remove_mark(data: bytes) -> bytes:
    """The .docx `data` without its draft mark (the same document otherwise)."""
    from docx import Document


    document = Document(io.BytesIO(data))
    strip_mark(document)
    return docx_bytes(document)


def strip_mark(document) -> list:
    """Take the draft mark off a python-docx Document (in place); the parts it changed."""
    changed = []
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None or element.tag not in (_w("hdr"), _w("ftr"), _w("document")):
            continue
        marks = _MARKS(element)
        for p in marks:
            parent = p.getparent()
            parent.remove(p)
            if parent.tag == _w("hdr") and parent.find(_w("p")) is None \
                    and parent.find(_w("tbl")) is None:
                parent.append(etree.Element(_w("p")))  # a header holds at least a paragraph
        if marks:
            changed.append(part)
    part = document.part._styles_part
    twin = _marked.get(id(part._element))
    if twin is not None and twin[0] is part._element:  # shared: the styles without it
        part._element = twin[1]
        changed.append(part)
    elif _mark_style(part._element) is not None:
        own(part)
        _remove_mark_styles(part._element)
        changed.append(part)
    return changed


#: the mark paragraphs of a part (those of the mark's paragraph style), found in one go
_MARKS = etree.XPath(f"//w:p[w:pPr/w:pStyle/@w:val='{MARK_STYLE}']", namespaces={"w": _W})


def has_mark(data: bytes) -> bool:
    """Whether the .docx `data` still carries a draft mark somewhere."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return any(f'w:val="{MARK_STYLE}"'.encode() in z.read(name)
                   for name in z.namelist() if name.startswith("word/")
                   and name.endswith(".xml") and not name.endswith("styles.xml"))


def final_digest(data: bytes) -> str:
    """content_digest(final_form(data)), without writing the final form out."""
    from docx import Document

    document = Document(io.BytesIO(data))
    strip_mark(document)
    return package_digest(document)


def final_form(data: bytes) -> bytes:
    """The document as it is approved: the draft without its mark."""
    return remove_mark(data)


def draft_form(data: bytes, version: int, language: str) -> bytes:
    """The approved document `data` as a draft again (an approval withdrawn): the CONCEPT
    mark of `version` back on every page. The reverse of final_form."""
    from docx import Document

    document = Document(io.BytesIO(data))
    strip_mark(document)
    add_mark(document, *mark_texts(version, language))
    return docx_bytes(document)
