"""Rendering a Word template with a context: the one module that imports docxtpl.

Templates run in a sandboxed Jinja2 environment where an undefined name is an error and
every value is escaped for XML, so a '&' in a name cannot break a document.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import jinja2
from lxml import etree

from grantgen.core import cache as build_cache
from grantgen.core.errors import GrantgenError, Problem
from grantgen.core.i18n import N_, _
from grantgen.core.templating import NOT_XML, environment, xml_safe
from grantgen.texts.library import Text
from grantgen.word import body as part_body
from grantgen.word.draftmark import add_mark, add_note, marked_styles, strip_mark
from grantgen.word.markdown import add_markdown
from grantgen.word.package import docx_bytes, docx_bytes_and_digest, share
from grantgen.word.toc import fill_table_of_contents

#: fixed time stamp of every part in the .docx zip, so equal input gives equal bytes


class TemplateFailure(GrantgenError):
    """A template could not be rendered; carries the problem located in the template."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _paragraph_of(exc: Exception) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", []) or [] if line.strip()]
    text = " ".join(lines)
    return text[:160]


#: how messages name the parts of a Word document
PART_LABELS = {"body": N_("body"), "header": N_("header"), "footer": N_("footer"),
               "footnotes": N_("footnotes")}


def part_label(partname: str) -> str:
    """'body', 'header', 'footer' or 'footnotes' for a part name like /word/header2.xml."""
    name = str(partname).rsplit("/", 1)[-1]
    for label in ("header", "footer", "footnotes"):
        if name.startswith(label):
            return label
    return "body"


def paragraph_text(line: str, limit: int = 120) -> str:
    """The text a person sees in a line of a template source (one paragraph), tags and all."""
    text = re.sub(r"<[^>]+>", "", line)
    text = (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def located(part: str, paragraph: str) -> str:
    """'in the header, in the paragraph “...”: ' or '' when nothing is known."""
    label = _(PART_LABELS[part]) if part in PART_LABELS else part
    if paragraph:
        return _("in the {part}, in the paragraph \u201c{text}\u201d: ").format(
            part=label, text=paragraph)
    if part:
        return _("in the {part}: ").format(part=label)
    return ""


def template_line(exc: BaseException) -> int | None:
    """The line of the template source where `exc` happened: Jinja's own for a syntax
    error, else the innermost frame of the compiled template in the traceback."""
    lineno = getattr(exc, "lineno", None)
    if isinstance(exc, jinja2.TemplateSyntaxError) and lineno:
        return lineno
    found = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


def explain(exc: Exception, template: str, part: str = "", source: str | None = None,
            lineno: int | None = None) -> Problem:
    """A template error as a Problem a person who edits templates in Word understands:
    which part (body, header, footer) and which paragraph, when `source` (the part's
    template source) is given."""
    paragraph = ""
    if source is not None:
        lineno = lineno or template_line(exc)
        lines = source.splitlines()
        if lineno and 0 < lineno <= len(lines):
            paragraph = paragraph_text(lines[lineno - 1])
    where = located(part, paragraph)
    context = ""
    if not where:
        near = _paragraph_of(exc)
        context = _(" Near: \u201c{text}\u201d.").format(text=near) if near else ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        message = _("a tag is not valid: {error}.").format(error=exc.message)
        hint = _("Every {{ needs a }}, every {% if %} an {% endif %} and every {% for %} an "
                 "{% endfor %}; text in a tag needs straight quotes ('...').")
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        message = _("the template tries to reach Python internals, which templates may not "
                    "use ({error}).").format(error=exc)
        hint = _("Remove the tag; use only the names that 'grantgen variables' lists.")
    elif isinstance(exc, jinja2.UndefinedError):
        name = re.search(r"'([^']+)'(?: is undefined| has no attribute '([^']+)')",
                         str(exc))
        shown = (name.group(2) or name.group(1)) if name else str(exc)
        message = _("the template uses the name '{name}', which does not exist ({error}).") \
            .format(name=shown, error=exc)
        hint = _("Correct the name; 'grantgen variables' lists the names a template may use.")
    else:
        message = _("the template cannot be rendered: {error}.").format(
            error=getattr(exc, "message", None) or exc)
        hint = _("Check the tag in this paragraph: a filter such as 'amount' needs a number.")
    return Problem(template, where + message + context, hint=hint)


def _add_text(subdoc, text: Text, draft: bool = False) -> None:
    """A text block's Markdown into a subdocument, in the template's own styles. A text that
    cannot be used (a missing block, a writing hint) is a note to us: a draft shows it as
    part of its draft mark, which approval takes out, so the final document shows nothing
    in its place (check, build and the review say why)."""
    if not text.missing:
        add_markdown(subdoc.subdocx, text.body)
    elif draft and text.body:
        add_note(subdoc.subdocx, text.body)


def _xml_safe_text(text):
    """A text block without characters a Word document cannot hold."""
    body = getattr(text, "body", None)
    if isinstance(body, str) and dataclasses.is_dataclass(text) and NOT_XML.search(body):
        return dataclasses.replace(text, body=xml_safe(body))
    return text


@lru_cache(maxsize=1)
def _blank_document():
    """The element of an empty python-docx document (its namespaces, an empty body)."""
    from docx import Document

    element = Document().element
    body = element.body
    for child in list(body):
        body.remove(child)
    return element


class _Subdoc:
    """What docxtpl's `new_subdoc()` gives, without opening python-docx's default document
    anew for every text block: a python-docx Document with an empty body whose part is the
    template's own (so its styles and numbering are the template's), printed into the
    template as the XML of its paragraphs."""

    def __init__(self, tpl):
        import copy

        from docx.document import Document

        self.subdocx = Document(copy.deepcopy(_blank_document()), tpl.get_docx().part)

    def _get_xml(self) -> str:
        body = self.subdocx.element.body
        if body.sectPr is not None:
            body.remove(body.sectPr)
        return re.sub(r"</?w:body[^>]*>", "",
                      etree.tostring(body, encoding="unicode", pretty_print=False))

    __str__ = __html__ = _get_xml


def new_subdoc(tpl) -> _Subdoc:
    return _Subdoc(tpl)


class _SubdocTexts(dict):
    """`texts` as the template sees it: each block turned into a Word subdocument on use."""

    def __init__(self, library: dict, tpl, convert: Callable):
        super().__init__()
        self.library = library
        self.tpl = tpl
        self.convert = convert

    def subdoc(self, text):
        """`text` as a Word subdocument of the template being rendered."""
        subdoc = new_subdoc(self.tpl)
        self.convert(subdoc, _xml_safe_text(text))
        return subdoc

    def __missing__(self, name: str):
        self[name] = self.subdoc(self.library[name])
        return self[name]


class _SectionDoc:
    """A section as the template sees it: `{{ sections.summary.title }}` reads the section,
    `{{p sections.summary }}` puts its text in as a Word subdocument."""

    def __init__(self, section, make: Callable):
        self._section = section
        self._make = make
        self._xml: str | None = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._section, name)

    def __html__(self) -> str:
        if self._xml is None:
            self._xml = str(self._make())
        return self._xml

    __str__ = __html__


class _SubdocSections(_SubdocTexts):
    """`sections` as the template sees it: each section wrapped on use (see _SectionDoc)."""

    def __missing__(self, name: str):
        section = self.library[name]
        self[name] = _SectionDoc(section, lambda: self.subdoc(section.text))
        return self[name]


@lru_cache(maxsize=1)
def _picture_class():
    """docxtpl's InlineImage with the chart's alternative text (descr) and name on it."""
    from docx.oxml.ns import qn
    from docxtpl import InlineImage

    class Picture(InlineImage):
        def __init__(self, tpl, chart):
            from docx.shared import Cm

            super().__init__(tpl, io.BytesIO(chart.png), width=Cm(chart.width_cm))
            self.chart = chart
            self.caption = chart.caption
            self.alt = chart.alt

        def _insert_image(self):
            inline = self.tpl.current_rendering_part.new_pic_inline(
                self.image_descriptor, self.width, self.height)
            for element in (inline.find(qn("wp:docPr")), inline.find(".//" + qn("pic:cNvPr"))):
                if element is not None:
                    element.set("name", self.chart.name)
                    element.set("descr", self.alt)
            # the picture gets a run of its own, as docxtpl's InlineImage does it; its XML
            # without the indentation python-docx's .xml adds for reading, which would stay
            # in the document as text between its elements, and without the namespaces the
            # document declares (it is parsed with the body, word/body.py)
            xml = part_body.without_declared(etree.tostring(inline, encoding="unicode"),
                                             self.tpl.docx.element.nsmap)
            return ('</w:t></w:r><w:r><w:drawing>' + xml + '</w:drawing></w:r><w:r>'
                    '<w:t xml:space="preserve">')

        def __str__(self):
            return self._insert_image()

        def __html__(self):
            return self._insert_image()

    return Picture


def _pictures(charts: dict, tpl) -> dict:
    """`charts` as the template sees it: each chart a picture with .caption and .alt."""
    picture = _picture_class()
    return {name: picture(tpl, chart) for name, chart in charts.items()}


@lru_cache(maxsize=1)
def _docxtpl():
    """docxtpl's DocxTemplate, imported with its subdocument support.

    docxcompose (which docxtpl uses for subdocuments) rebinds python-docx's global 'cp'
    prefix to the custom-properties namespace when imported; python-docx then writes
    lastModifiedBy and revision into the wrong namespace of docProps/core.xml. The
    prefix is set back to the core-properties namespace python-docx means.
    """
    from docx.oxml.ns import nsmap
    from docxtpl import DocxTemplate
    from docxtpl import subdoc as _subdoc  # noqa: F401  (imports docxcompose now, not later)

    nsmap["cp"] = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

    class Template(DocxTemplate):
        """DocxTemplate that mends the tags of each template part once per build: every
        document made from the same part gives the same source (grantgen/render.py)."""

        def patch_xml(self, src_xml):
            return _patched(src_xml)

        def resolve_listing(self, xml):
            # docxtpl turns tabs, line and page breaks in texts into Word's own elements,
            # paragraph by paragraph and run by run; a part without any such character in
            # its texts (most of them) comes out as it went in
            if not any(c in text for text in _TEXTS.findall(xml) for c in _LISTING):
                return xml
            return super().resolve_listing(xml)

        def fix_tables(self, xml):
            # docxtpl parses the rendered body on its own and then moves it into the
            # document, which costs more than parsing the whole document part once with
            # the body in place; its table repair (for {%tc %} loops that change the number
            # of columns) runs only where a table's grid does not match its rows
            root = part_body.document_part(self.docx, xml)
            body = root.find(part_body.BODY)
            if part_body.grid_mismatch(body):
                root.replace(body, super().fix_tables(xml))
                body = root.find(part_body.BODY)
            self._rendered_root = root
            return body

        def fix_docpr_ids(self, tree):
            # docxtpl's, for python-docx's elements (whose xpath() takes no namespaces)
            for element in part_body.docpr_elements()(tree):
                self.docx_ids_index += 1
                element.attrib["id"] = str(self.docx_ids_index)

        def map_tree(self, tree):
            root = getattr(self, "_rendered_root", None)
            if root is None or tree.getparent() is not root:
                return super().map_tree(tree)
            from docx.document import Document

            part = self.docx.part
            part._element = root
            self.docx = Document(root, part)

        def render_properties(self, context, jinja_env=None):
            # docxtpl renders each document property as a template; a property without
            # anything Jinja would change is kept as it is rather than compiled
            core = self.docx.core_properties
            if all(_plain_text(getattr(core, name)) for name in _RENDERED_PROPERTIES):
                for name in _RENDERED_PROPERTIES:  # set, as docxtpl sets them
                    setattr(core, name, getattr(core, name))
                return
            super().render_properties(context, jinja_env)

    return Template


#: the texts of a part (<w:t> elements) and the characters docxtpl's resolve_listing turns
#: into Word elements in them: tab, new paragraph, line break, page break
_TEXTS = re.compile(r"<w:t(?: [^>]*)?>(.*?)</w:t>", re.DOTALL)
_LISTING = "\t\a\n\f"
#: the document properties docxtpl renders as templates (DocxTemplate.render_properties)
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def _plain_text(value: str) -> bool:
    """Whether Jinja renders `value` as it is: no tag, comment or expression ('{'), and no
    line ending it would change (a trailing one is dropped, \\r\\n becomes \\n)."""
    return "{" not in value and "\r" not in value and not value.endswith("\n")


@lru_cache(maxsize=64)
def _patched(source: str) -> str:
    """docxtpl's patch_xml (a function of the part's XML alone), remembered: in this
    process, and for the next in the user's own cache with the compiled templates
    (grantgen/core/cache.py), as mending a large part's tags takes longer than rendering
    it."""
    def patch() -> str:
        from docxtpl import DocxTemplate

        return DocxTemplate.patch_xml(None, source)  # type: ignore[arg-type]

    return build_cache.kept_as_code("docxtpl patch", (source,), patch,
                                    lambda text: text.encode("utf-8"),
                                    lambda data: data.decode("utf-8"))


def template_bytes(path: Path) -> bytes:
    """The template file as it is now (what is made of it is remembered by its content,
    never by the file's time)."""
    return Path(path).read_bytes()


def _open(template: Path, template_name: str, data: bytes | None = None,
          marked: bool = False):
    """The DocxTemplate of `template` (whose bytes are `data` when read already), ready to
    render; TemplateFailure for a damaged file.

    The file is opened once per process and each document gets a copy of it (copying the
    parts takes half the time of parsing them again), except for its styles: those every
    document of the template shares (word/package.share), with the draft mark's style
    already in them for a draft (`marked`), until a text block adds a style."""
    import copy

    DocxTemplate = _docxtpl()  # noqa: N806
    data = data if data is not None else template_bytes(template)
    tpl = DocxTemplate(io.BytesIO(data))
    opened = _opened(hashlib.sha256(data).hexdigest(), template_name, data)
    memo: dict = {}
    styles = _styles_element(opened)
    if styles is not None:
        memo[id(styles)] = marked_styles(styles) if marked else styles
    tpl.docx = copy.deepcopy(opened, memo)
    tpl.render_init()
    return tpl


def _styles_element(document):
    """The styles element of a template's Document, shared (word/package.share), or None
    for a template without a styles part."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        part = document.part.part_related_by(RT.STYLES)
    except KeyError:
        return None
    share(part._element)
    return part._element


@lru_cache(maxsize=16)
def _opened(digest: str, template_name: str, data: bytes):
    """The python-docx Document of the template file `data` (never rendered into: _open
    copies it), remembered by the digest of its bytes."""
    from docx import Document

    _docxtpl()  # python-docx's namespace prefixes as docxtpl's import leaves them
    try:
        return Document(io.BytesIO(data))
    except Exception as e:  # a damaged file raises zip, XML or key errors
        raise TemplateFailure(Problem(template_name, _(
            "is not a Word document that can be opened ({error}).").format(
            error=type(e).__name__), hint=_("Open it in Word and save it again as .docx."))) from e


@dataclasses.dataclass(frozen=True)
class TemplatePart:
    """One part of a template (the body, a header, a footer) as docxtpl renders it."""

    #: the part's name in the .docx package: /word/document.xml, /word/header1.xml
    name: str
    #: body, header, footer
    label: str
    #: the part's XML as stored in the file
    raw: str
    #: the Jinja source docxtpl makes of it: tags mended, one paragraph per line
    source: str


def _source(tpl, raw: str) -> str:
    # docxtpl puts every paragraph on a line of its own before rendering (render_xml_part)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(raw))


def template_parts(template: Path, template_name: str) -> list[TemplatePart]:
    """The parts of `template` that are rendered, as the renderer sees them."""
    data = template_bytes(template)
    return list(_template_parts(hashlib.sha256(data).hexdigest(), template_name, data))


@lru_cache(maxsize=32)
def _template_parts(digest: str, template_name: str, data: bytes) -> tuple[TemplatePart, ...]:
    # remembered by the digest of the file's bytes (`data` compares by value as well)
    tpl = _open(Path(template_name), template_name, data)
    found = [(tpl.docx.part.partname, tpl.get_xml())]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _key, part in tpl.get_headers_footers(uri):
            found.append((part.partname, tpl.get_part_xml(part)))
    return tuple(TemplatePart(str(name), part_label(name), raw, _source(tpl, raw))
                 for name, raw in found)


def warm(template: Path, template_name: str, language: str) -> None:
    """Open `template` and compile its parts now, in `language`'s environment: each is kept
    for the process, and for the rendering processes forked from it later
    (grantgen/pipeline/workers.meanwhile). TemplateFailure for a damaged file."""
    env = environment(language)
    for part in template_parts(template, template_name):
        env.from_string(part.source)


def _failure(exc: Exception, tpl, template: Path, template_name: str) -> TemplateFailure:
    """The located problem of a render that failed in the part docxtpl was rendering."""
    current = getattr(tpl, "current_rendering_part", None)
    partname = str(getattr(current, "partname", "") or "")
    source = None
    if partname:
        try:
            source = next((p.source for p in template_parts(template, template_name)
                           if p.name == partname), None)
        except TemplateFailure:
            source = None
    return TemplateFailure(explain(exc, template_name, part_label(partname) if partname else "",
                                   source))


def render(template: Path, template_name: str, context: dict, language: str,
           properties: dict | None = None, mark: tuple[str, str] | None = None) -> bytes:
    """The rendered .docx as bytes. Raises TemplateFailure with the problem located.

    `mark` (header line, watermark) marks a draft on every page (grantgen/draftmark.py).
    """
    return docx_bytes(_rendered(template, template_name, context, language, properties,
                                mark))


def render_with_final(template: Path, template_name: str, context: dict, language: str,
                      properties: dict | None = None, mark: tuple[str, str] | None = None
                      ) -> tuple[bytes, str]:
    """render(), and the digest of the document as approved (word/draftmark.final_digest of
    the bytes: without its draft mark), taken from the document still in memory instead of
    opening the bytes again."""
    document = _rendered(template, template_name, context, language, properties, mark)
    # once the bytes are written, the mark comes off: what is left is the final form
    return docx_bytes_and_digest(document, strip_mark)


def _rendered(template: Path, template_name: str, context: dict, language: str,
              properties: dict | None, mark: tuple[str, str] | None):
    """The rendered python-docx Document."""
    draft = mark is not None
    tpl = _open(template, template_name, marked=draft)

    def add_text(subdoc, text: Text) -> None:
        _add_text(subdoc, text, draft)

    context = dict(context)
    if "texts" in context:
        context["texts"] = _SubdocTexts(context["texts"], tpl, add_text)
    if "sections" in context:
        context["sections"] = _SubdocSections(context["sections"], tpl, add_text)
    if "charts" in context:
        context["charts"] = _pictures(context["charts"], tpl)
    try:
        tpl.render(context, environment(language), autoescape=True)
    except GrantgenError:
        raise
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError,
            ArithmeticError, SyntaxError) as e:
        # SyntaxError: lxml's, for a tag that broke the document's XML
        raise _failure(e, tpl, template, template_name) from e
    fill_table_of_contents(tpl.docx)
    if properties:
        core = tpl.docx.core_properties
        for key, value in properties.items():
            setattr(core, key, xml_safe(value) if isinstance(value, str) else value)
    if mark:

        add_mark(tpl.docx, *mark)
    return tpl.docx
