"""Rendering a Word template with a context: the one module that imports docxtpl.

Templates run in a sandboxed Jinja2 environment where an undefined name is an error and
every value is escaped for XML, so a '&' in a name cannot break a document.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import GrantgenError, Problem
from .formatting import MISSING, filters_for, is_missing
from .i18n import _
from .texts import Text
from .toc import fill_table_of_contents

#: fixed time stamp of every part in the .docx zip, so equal input gives equal bytes
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _finalize(value: Any) -> Any:
    """What `{{ x }}` prints: never 'None' or 'nan' for a missing value."""
    if is_missing(value):
        return MISSING
    return value


class _Environment(SandboxedEnvironment):
    """A sandboxed environment that compiles each template source once.

    docxtpl hands the environment the XML of every document part as a string; documents
    made from one template share those strings, and compiling them is half the work of
    rendering a long document. A compiled Template renders any number of times.
    """

    _CACHED = 64

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            if len(self._compiled) >= self._CACHED:
                self._compiled.pop(next(iter(self._compiled)))
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


@cache
def environment(language: str) -> SandboxedEnvironment:
    """The sandboxed environment of one document language, with the formatting filters."""
    env = _Environment(undefined=jinja2.StrictUndefined, autoescape=True,
                       finalize=_finalize, keep_trailing_newline=True)
    env.filters.update(filters_for(language))
    return env


class TemplateFailure(GrantgenError):
    """A template could not be rendered; carries the problem located in the template."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _paragraph_of(exc: Exception) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", []) or [] if line.strip()]
    text = " ".join(lines)
    return text[:160]


def explain(exc: Exception, template: str, part: str = "") -> Problem:
    """A template error as a Problem a person who edits templates in Word understands."""
    where = _paragraph_of(exc)
    context = _(" Near: \u201c{text}\u201d.").format(text=where) if where else ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        message = _("a tag in the template is not valid: {error}.").format(error=exc.message)
        hint = _("Every {{ needs a }}, every {% if %} an {% endif %} and every {% for %} an "
                 "{% endfor %}.")
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        message = _("the template tries to reach something templates may not use ({error}).") \
            .format(error=exc)
        hint = _("Use only the names that 'grantgen variables' lists.")
    elif isinstance(exc, jinja2.UndefinedError):
        name = re.search(r"'([^']+)'(?: is undefined| has no attribute '([^']+)')",
                         str(exc))
        shown = (name.group(2) or name.group(1)) if name else str(exc)
        message = _("the template uses the name '{name}', which does not exist ({error}).") \
            .format(name=shown, error=exc)
        hint = _("'grantgen variables' lists the names a template may use.")
    elif isinstance(exc, jinja2.TemplateError):
        message = _("the template cannot be rendered: {error}.").format(error=exc)
        hint = None
    else:
        message = _("the template cannot be rendered: {error}.").format(error=exc)
        hint = None
    return Problem(template, message + context, hint=hint, column=part or None)


def _add_text(subdoc, text: Text) -> None:
    """A text block's Markdown into a subdocument, in the template's own styles."""
    from .markdown_docx import add_markdown, add_placeholder

    if text.missing:
        add_placeholder(subdoc.subdocx, text.body)
    else:
        add_markdown(subdoc.subdocx, text.body)


class _SubdocTexts(dict):
    """`texts` as the template sees it: each block turned into a Word subdocument on use."""

    def __init__(self, library: dict, tpl, convert: Callable):
        super().__init__()
        self.library = library
        self.tpl = tpl
        self.convert = convert

    def __missing__(self, name: str):
        subdoc = self.tpl.new_subdoc()
        self.convert(subdoc, self.library[name])
        self[name] = subdoc
        return subdoc


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


class _SubdocSections(dict):
    """`sections` as the template sees it: each section wrapped on use (see _SectionDoc)."""

    def __init__(self, library: dict, tpl, convert: Callable):
        super().__init__()
        self.library = library
        self.tpl = tpl
        self.convert = convert

    def __missing__(self, name: str):
        section = self.library[name]

        def make():
            subdoc = self.tpl.new_subdoc()
            self.convert(subdoc, section.text)
            return subdoc

        self[name] = _SectionDoc(section, make)
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
            # the picture gets a run of its own, as docxtpl's InlineImage does it
            return ('</w:t></w:r><w:r><w:drawing>' + inline.xml + '</w:drawing></w:r><w:r>'
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
    return DocxTemplate


@lru_cache(maxsize=64)
def _template_bytes(path: str, mtime: float) -> bytes:
    return Path(path).read_bytes()


def template_bytes(path: Path) -> bytes:
    """The template file, read once per build however many documents use it."""
    return _template_bytes(str(path), path.stat().st_mtime)


def render(template: Path, template_name: str, context: dict, language: str,
           properties: dict | None = None,
           add_text: Callable = _add_text, mark: tuple[str, str] | None = None) -> bytes:
    """The rendered .docx as bytes. Raises TemplateFailure with the problem located.

    `mark` (header line, watermark) marks a draft on every page (grantgen/draftmark.py).
    """
    DocxTemplate = _docxtpl()  # noqa: N806
    try:
        tpl = DocxTemplate(io.BytesIO(template_bytes(template)))
        tpl.render_init()
    except Exception as e:  # a damaged file raises zip, XML or key errors
        raise TemplateFailure(Problem(template_name, _(
            "is not a Word document that can be opened ({error}).").format(
            error=type(e).__name__), hint=_("Open it in Word and save it again as .docx."))) from e
    context = dict(context)
    if "texts" in context:
        context["texts"] = _SubdocTexts(context["texts"], tpl, add_text)
    if "sections" in context:
        context["sections"] = _SubdocSections(context["sections"], tpl, add_text)
    if "charts" in context:
        context["charts"] = _pictures(context["charts"], tpl)
    try:
        tpl.render(context, environment(language), autoescape=True)
    except jinja2.TemplateError as e:
        raise TemplateFailure(explain(e, template_name)) from e
    except GrantgenError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError) as e:
        raise TemplateFailure(explain(e, template_name)) from e
    fill_table_of_contents(tpl.docx)
    if properties:
        core = tpl.docx.core_properties
        for key, value in properties.items():
            setattr(core, key, value)
    if mark:
        from .draftmark import add_mark

        add_mark(tpl.docx, *mark)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """The same .docx with fixed time stamps on every part: same content, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def document_properties(title: str, author: str, language: str, when: dt.datetime) -> dict:
    return {"title": title, "author": author, "last_modified_by": author,
            "language": "nl-NL" if language == "nl" else "en-GB",
            "created": when, "modified": when, "revision": 1}
