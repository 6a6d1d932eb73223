"""Fitting the content library to one document: the right version of each text block in the
document's language, its placeholders filled in, and what check says about it.

A template reaches the texts in two ways. `{{p texts.<block> }}` shows the block's main
version; `{{p sections.<name> }}` shows a section of the funder's form (a profile's
`sections:`), filled with the longest version of its block that fits the section's word
limit. Placeholders in a text (`{{ reach.unique_participants | number }}`) are filled in the
template environment of the document's language, with the document's context.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import traceback
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from grantgen.core.errors import Problem, Severity
from grantgen.core.formatting import MISSING, is_missing
from grantgen.core.i18n import _
from grantgen.core.templating import environment
from grantgen.profiles.funders import STANDARD_SECTIONS, Funder, Section
from grantgen.texts import markdown
from grantgen.texts.library import Blocks, Text, TextFile

#: what a draft shows where a text block is missing (document text, in its language); the
#: note is part of the draft mark, which approval takes out (grantgen/word/render.py)
_PLACEHOLDERS = {
    "nl": "[Tekstblok '{name}' ontbreekt: schrijf {file}]",
    "en": "[Text block '{name}' is missing: write {file}]",
}
#: how long a text stays up to date after its review
REVIEW_MONTHS = 12
#: a four-digit number a reader takes for a year
_YEAR = re.compile(r"(?<![\d.,])(19\d\d|20\d\d)(?![\d])")
#: names in the template context that a text may not use (they hold the texts themselves)
_NOT_IN_TEXTS = ("texts", "sections")


def language_name(language: str) -> str:
    return {"nl": _("Dutch"), "en": _("English")}.get(language, language)


def _finalize(value: Any) -> Any:
    """What `{{ x }}` prints in a text: never None or nan, and Markdown characters in a
    value escaped, so a name with an asterisk or underscore prints as itself."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str) and not isinstance(value, Markup):
        return markdown.escape(value)
    return value


@cache
def text_environment(language: str) -> jinja2.Environment:
    """The sandboxed template environment of `language` (same filters, strict undefined
    names, autoescaping), printing values for Markdown."""
    return environment(language).overlay(finalize=_finalize)


@lru_cache(maxsize=512)
def _compiled(language: str, file: str, source: str) -> jinja2.Template:
    env = text_environment(language)
    code = env.compile(source, name=file, filename=file)
    return env.template_class.from_code(env, code, env.make_globals(None))


def _error_line(exc: BaseException, file: str) -> int | None:
    """The line of the text (as compiled) where a rendering error happened."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__)
             if frame.filename == file]
    return lines[-1] if lines else None


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, last)
        except ValueError:
            continue
    raise ValueError(day)


def _prose(source: str, env: jinja2.Environment) -> str | None:
    """`source` with every tag ({{ }}, {% %}, {# #}) replaced by a space, its line breaks
    kept, so what is left is what the writer typed; None when the tags do not parse."""
    parts: list[str] = []
    try:
        for _line, kind, value in env.lexer.tokeniter(source, None):
            if kind == "data":
                parts.append(value)
                continue
            if kind in ("variable_begin", "block_begin", "comment_begin"):
                parts.append(" ")
            parts.append("\n" * value.count("\n"))
    except jinja2.TemplateSyntaxError:
        return None
    return "".join(parts)


@dataclass(frozen=True)
class SectionText:
    """A section of the funder's form as a template sees it: `{{ sections.summary.title }}`,
    and the text that fills it."""

    name: str
    block: str
    title: str | None
    max_words: int | None
    text: Text

    @property
    def words(self) -> int:
        return self.text.words

    @property
    def variant(self) -> str | None:
        return self.text.variant

    @property
    def file(self) -> str:
        return self.text.file

    @property
    def missing(self) -> bool:
        return self.text.missing


class TextLibrary(dict):
    """The `texts` of a template context: each block's main version in the document's
    language, filled in on first use. A missing block gives a visible placeholder and a
    warning; what else is wrong (an unknown name, a missing translation, a text that fits no
    word limit, a stale text) is collected in `problems` for the build to report."""

    def __init__(self, blocks: Blocks, language: str, context: dict):
        super().__init__()
        self.blocks = blocks
        self.language = language
        self.context = context
        self.missing: set[str] = set()
        self.problems: list[Problem] = []
        self._filled: dict[str, Text | None] = {}
        self._reviewed: set[str] = set()

    # ---- the document ----------------------------------------------------------------------
    @property
    def document(self) -> str | None:
        return (self.context.get("document") or {}).get("path")

    @property
    def year(self) -> int | None:
        return self.context.get("year")

    @property
    def date(self) -> dt.date | None:
        return (self.context.get("document") or {}).get("date")

    def _add(self, file: str, message: str, severity: Severity = "error", document: bool = True,
             **kwargs) -> None:
        """Record a problem; `document=False` for one about the file whatever document uses it."""
        problem = Problem(file, message, severity=severity,
                          document=self.document if document else None, **kwargs)
        if problem not in self.problems:
            self.problems.append(problem)

    # ---- looking up ------------------------------------------------------------------------
    def __missing__(self, name: str) -> Text:
        text = self.main(name)
        self[name] = text
        return text

    def placeholder(self, name: str) -> Text:
        """Where a text cannot be used: a note to us that a draft shows as part of its mark
        and the final document leaves out; check, build and the review say why."""
        file = self.blocks.suggested_file(name, self.language)
        template = _PLACEHOLDERS.get(self.language, _PLACEHOLDERS["nl"])
        return Text(name, template.format(name=name, file=file), file, missing=True)

    def versions(self, name: str) -> list[TextFile] | Text:
        """The block's versions in the document's language, or a placeholder (and a problem)
        when there are none."""
        block = self.blocks.get(name)
        if block is None:
            self.missing.add(name)
            file = self.blocks.suggested_file(name, self.language)
            self._add(file, _("the text block '{block}' is missing; the draft shows a "
                              "placeholder, the approved document nothing.").format(block=name),
                      severity="warning",
                      hint=_("Write {file}.").format(file=file), kind="text-missing")
            return self.placeholder(name)
        files = block.versions(self.language)
        if not files:
            others = [f for f in block.files if f.variant is None] or block.files
            source = others[0]
            wanted = self.blocks.suggested_file(name, self.language)
            # FACTS.md: a text block the workspace lacks never stops a build
            self._add(wanted, _("the text block '{block}' has no {language} version, and "
                                "this document is in {language}; the document shows a "
                                "placeholder, never a text in another language.").format(
                block=name, language=language_name(self.language)), severity="warning",
                hint=_("Translate {source} into {file}.").format(source=source.file,
                                                                  file=wanted))
            return self.placeholder(name)
        return files

    def fill(self, text: TextFile) -> Text | None:
        """The text with its placeholders filled in; None after reporting why it cannot be."""
        if text.file in self._filled:
            return self._filled[text.file]
        values = {k: v for k, v in self.context.items() if k not in _NOT_IN_TEXTS}
        filled: Text | None = None
        try:
            body = _compiled(self.language, text.file, text.body).render(values)
        except jinja2.TemplateSyntaxError as e:
            self._text_error(text, e, _("a placeholder in the text is not valid: {error}.")
                             .format(error=e.message), _(
                "Every {{ needs a }}, every {% if %} an {% endif %}."))
        except jinja2.UndefinedError as e:
            found = re.search(r"'([^']+)'(?: is undefined| has no attribute '([^']+)')", str(e))
            shown = (found.group(2) or found.group(1)) if found else str(e)
            self._text_error(text, e, _("the text uses the name '{name}', which does not exist "
                                        "in this document ({error}).").format(
                name=shown, error=e), _("A text may use the same names as the templates."))
        except jinja2.exceptions.SecurityError as e:
            self._text_error(text, e, _("the text tries to reach something texts may not use "
                                        "({error}).").format(error=e), None)
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as e:
            self._text_error(text, e, _("a placeholder in the text cannot be filled in: "
                                        "{error}.").format(error=e), None)
        else:
            filled = Text(text.block, body, text.file, words=markdown.count_words(body),
                          variant=text.variant)
        self._filled[text.file] = filled
        return filled

    def _text_error(self, text: TextFile, exc: BaseException, message: str,
                    hint: str | None) -> None:
        line = _error_line(exc, text.file)
        self._add(text.file, message, line=line + text.first_line - 1 if line else None,
                  hint=hint)

    def main(self, name: str) -> Text:
        """The block's main version (the file without a version name), or its longest."""
        found = self.versions(name)
        if isinstance(found, Text):
            return found
        main = [f for f in found if f.variant is None]
        filled = [self.fill(f) for f in (main or found)]
        if any(f is None for f in filled):
            return self.placeholder(name)
        chosen = max((f for f in filled if f is not None), key=lambda t: t.words)
        return self.use(chosen)

    def fit(self, name: str, section: Section, funder: Funder | None) -> SectionText:
        """The section filled with the longest version of its block within its word limit."""
        found = self.versions(section.block)
        if isinstance(found, Text):
            return SectionText(name, section.block, section.title, section.max_words, found)
        filled = [self.fill(f) for f in found]
        if any(f is None for f in filled):
            return SectionText(name, section.block, section.title, section.max_words,
                               self.placeholder(section.block))
        texts = sorted((f for f in filled if f is not None),
                       key=lambda t: (-t.words, t.variant is not None, t.file))
        fitting = [t for t in texts if section.max_words is None or t.words <= section.max_words]
        if not fitting:
            self._too_long(name, section, funder, texts)
            return SectionText(name, section.block, section.title, section.max_words,
                               self.placeholder(section.block))
        return SectionText(name, section.block, section.title, section.max_words,
                           self.use(fitting[0]))

    def _too_long(self, name: str, section: Section, funder: Funder | None,
                  texts: list[Text]) -> None:
        counts = ", ".join(_("{file} has {words} words").format(file=t.file, words=t.words)
                           for t in texts)
        who = funder.name if funder else _("The template")
        used = {t.variant for t in texts}
        variant = "kort" if "kort" not in used else f"max-{section.max_words}"
        self._add(funder.file if funder else texts[-1].file, _(
            "{funder} allows at most {limit} words in the section '{section}', but no "
            "{language} version of the text block '{block}' fits: {counts}.").format(
            funder=who, limit=section.max_words, section=name, block=section.block,
            counts=counts, language=language_name(self.language)),
            hint=_("Shorten {file} to {limit} words or fewer, or add a shorter version "
                   "(for example {example}).").format(
                file=texts[-1].file, limit=section.max_words,
                example=self.blocks.suggested_file(section.block, self.language, variant)))

    # ---- what check says about a text in use ------------------------------------------------
    def use(self, text: Text) -> Text:
        """`text` as the document will show it, after warning about its age and years."""
        if not text.body.strip():
            self._add(text.file, _("is empty; the document shows nothing where it belongs."),
                      severity="warning", document=False, kind="text-empty",
                      hint=_("Write the text below the header."))
        if _unwritten(text.body):
            # `grantgen init` leaves every text as a writing hint, which is for us: a draft
            # shows it with its mark, the approved document nothing
            self._add(text.file, _("holds only the writing hint between [ and ]; the draft "
                                   "shows it, the approved document nothing."), severity="warning",
                      document=False, kind="text-unwritten",
                      hint=_("Replace it with your own text, or delete the file if no "
                             "document needs it."))
            return dataclasses.replace(text, missing=True)
        source = self._source(text)
        if source is not None and source.file not in self._reviewed:
            self._reviewed.add(source.file)
            self._review(source)
            self._years(source)
        return text

    def _source(self, text: Text) -> TextFile | None:
        block = self.blocks.get(text.block)
        for source in block.files if block else []:
            if source.file == text.file:
                return source
        return None

    def _review(self, text: TextFile) -> None:
        date = self.date
        if not isinstance(date, dt.date):
            return
        ask = (_("Ask {owner} to read it through").format(owner=text.owner) if text.owner
               else _("Read it through"))
        if text.reviewed is None:
            self._add(text.file, _("has no 'reviewed:' date in its header, so nobody can tell "
                                   "whether it is still up to date."), severity="warning",
                      document=False,
                      kind="text-unreviewed",
                      hint=_("{ask} and put 'reviewed: {today}' in the header between the "
                             "'---' lines at the top.").format(ask=ask, today=date.isoformat()))
        elif text.reviewed < _months_before(date, REVIEW_MONTHS):
            self._add(text.file, _("was last reviewed on {reviewed}, more than {months} months "
                                   "before the date of the document ({date}).").format(
                reviewed=text.reviewed.isoformat(), months=REVIEW_MONTHS,
                date=date.isoformat()), severity="warning", line=text.reviewed_line,
                document=False, kind="text-stale",
                hint=_("{ask}, update what has changed, and set 'reviewed:' to the date of "
                       "that review.").format(ask=ask))

    def _years(self, text: TextFile) -> None:
        """A warning for each year typed into the text that is not the document's year."""
        year = self.year
        prose = _prose(text.body, text_environment(self.language))
        if prose is None or not isinstance(year, int):
            return
        for line, content in markdown.prose_lines(prose):
            for found in dict.fromkeys(_YEAR.findall(content)):
                if int(found) == year:
                    continue
                self._add(text.file, _("mentions the year {found}, but the document is about "
                                       "{year}; a year typed into a text goes out of date.")
                          .format(found=found, year=year), severity="warning",
                          line=line + text.first_line, document=False, kind="text-year",
                          hint=_("Use a computed period instead, such as {{ year }}, "
                                 "{{ year - 1 }}, {{ reach.year }} or {{ org.founded.year }}."))


class SectionLibrary(dict):
    """The `sections` of a template context: each section of the funder's form, filled on
    first use with the version of its block that fits."""

    def __init__(self, texts: TextLibrary, sections: dict[str, Section],
                 funder: Funder | None = None):
        super().__init__()
        self.texts = texts
        self.sections = sections
        self.funder = funder

    def __missing__(self, name: str) -> SectionText:
        section = self.sections.get(name)
        if section is None:
            known = ", ".join(sorted(self.sections))
            self.texts._add(self.funder.file if self.funder else "funders/", _(
                "a template uses the section '{section}', which {funder} does not declare "
                "(known sections: {known}).").format(
                section=name, known=known,
                funder=self.funder.name if self.funder else _("no profile")),
                hint=_("Add it under 'sections:' with the text block it shows "
                       "(block: ...), or use texts.<block> in the template."))
            text = self.texts.placeholder(name)
            result = SectionText(name, name, None, None, text)
        else:
            result = self.texts.fit(name, section, self.funder)
        self[name] = result
        return result

    def unused(self, template: str) -> list[Problem]:
        """Warnings for sections the profile declares but the template never shows."""
        if self.funder is None:
            return []
        problems = []
        for name in self.sections:
            if name not in self and name not in STANDARD_SECTIONS:
                problems.append(Problem(self.funder.file, _(
                    "the section '{section}' is not used by the template {template}, so its "
                    "text and word limit play no part.").format(section=name, template=template),
                    severity="warning", document=self.texts.document, hint=_(
                    "The built-in templates show these sections: {names}. Use one of those "
                    "names, or show it in the template with {{{{p sections.{section} }}}}.")
                    .format(names=", ".join(STANDARD_SECTIONS), section=name)))
        return problems


def default_sections() -> dict[str, Section]:
    """The sections of documents without a funder: the standard ones, without limits."""
    return {name: Section(**spec) for name, spec in STANDARD_SECTIONS.items()}


def text_problems(context: dict, template: str) -> list[Problem]:
    """Everything found about the texts while rendering a document with `context`."""
    texts = context.get("texts")
    problems = list(getattr(texts, "problems", []))
    sections = context.get("sections")
    if isinstance(sections, SectionLibrary):
        problems += sections.unused(template)
    return problems


def _unwritten(body: str) -> bool:
    """Only a writing hint in square brackets, as `grantgen init` leaves every text."""
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    return bool(paragraphs) and all(p.startswith("[") and p.endswith("]") for p in paragraphs)


def same_problem(a: Problem, b: Problem) -> bool:
    """The same finding, whichever document it was found in (reported once per build)."""
    return (a.file, a.line, a.message, a.severity) == (b.file, b.line, b.message, b.severity)
