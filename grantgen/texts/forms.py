"""The funder's online form filled in: each field of a profile's `form:` as the portal takes
it, in plain text, fitted to its limit and counted.

A field is filled from a text block (`text:`), a section of the profile (`section:`) or a
template expression (`value:`). A text is fitted as a section is: of the block's versions in
the document's language, the longest that fits the field's limit, never a text cut short;
when none fits, the shortest is shown in full and check warns. Characters are counted as
portals count them, spaces and line breaks included; words as Word counts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

import jinja2

from grantgen.core.errors import Problem, Severity
from grantgen.core.formatting import MISSING
from grantgen.core.i18n import _
from grantgen.core.templating import environment
from grantgen.profiles.funders import FormField, Funder
from grantgen.texts.fitting import TextLibrary, language_name
from grantgen.texts.library import Text
from grantgen.texts.markdown import parse

#: names of the context a value may not use (they hold the texts themselves)
_NOT_IN_VALUES = ("texts", "sections")


@dataclass(frozen=True)
class FilledField:
    """One field of an online form as the portal gets it: its plain text, counted against its
    limit. Data, not layout: the form file, check and the board's web page show it."""

    label: str
    text: str
    chars: int
    words: int
    max_chars: int | None = None
    max_words: int | None = None
    #: the portal's own question (the profile's `help:`)
    help: str | None = None
    #: what fills it: 'text', 'section' or 'value'
    source: str = "text"
    #: the text block, and the file of the version chosen (None for a value)
    block: str | None = None
    file: str | None = None
    #: a visible placeholder stands where the text block is missing
    missing: bool = False
    #: no version fitted: the shortest, cut after its last whole sentence that fits (or
    #: empty when not even its first does); `full_chars` and `full_words` are its counts
    shortened: bool = False
    full_chars: int | None = None
    full_words: int | None = None

    @property
    def fits(self) -> bool:
        return ((self.max_chars is None or self.chars <= self.max_chars)
                and (self.max_words is None or self.words <= self.max_words))


def count_chars(text: str) -> int:
    """Characters as a portal counts them: spaces and line breaks included."""
    return len(text)


def count_words(text: str) -> int:
    return len(text.split())


def _inline(token) -> str:
    """The text of one paragraph, heading or list item: no marks, a link as its text with
    the address after it in brackets (when the text does not show it already)."""
    parts: list[str] = []
    href = None
    start = 0
    for child in token.children or []:
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "link_open":
            href, start = str(child.attrs.get("href") or ""), len(parts)
        elif child.type == "link_close" and href:
            label = "".join(parts[start:])
            address = href.removeprefix("mailto:")
            if address not in label:
                parts.append(f" ({address})")
            href = None
    return re.sub(r"[ \t]+", " ", "".join(parts)).strip()


def plain_text(markdown: str) -> str:
    """What a field of an online form holds: the reader's text without Markdown marks;
    paragraphs and headings apart by a blank line, each list item on a line of its own (the
    items of a numbered list keep their number)."""
    blocks: list[list[str]] = []
    numbers: list[int | None] = []  # per open list: the next item's number, None for bullets
    prefix = ""
    for token in parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if not numbers:
                blocks.append([])
            start = token.attrs.get("start", 1) if token.type == "ordered_list_open" else None
            numbers.append(int(start) if start is not None else None)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif token.type == "list_item_open" and numbers[-1] is not None:
            prefix = f"{numbers[-1]}. "
            numbers[-1] = (numbers[-1] or 0) + 1
        elif token.type == "inline":
            line = prefix + _inline(token)
            prefix = ""
            if numbers:
                blocks[-1].append(line)
            else:
                blocks.append([line])
        elif token.type in ("code_block", "fence"):
            blocks.append([token.content.rstrip("\n")])
    return "\n\n".join("\n".join(line for line in block if line) for block in blocks
                       if any(block))


#: what may close a sentence after its full stop (quotes, brackets)
_CLOSING = "\"”’')]"
#: what may open the next sentence before its first letter
_OPENING = "\"“‘(["
#: how a line that ends a sentence or an item ends
_TERMINAL = (".", "!", "?", "…", ";") + tuple(_CLOSING)


def _sentence_ends(text: str) -> list[int]:
    """The positions where a sentence or a line of `text` ends: after '.', '!', '?' or '…'
    (and a closing quote or bracket) before a line break, the end, or a space and a capital
    or digit (so 'o.a. de buren' is one sentence)."""
    ends = {len(text)} | {m.start() for m in re.finditer("\n", text)}
    for found in re.finditer(r"[.!?…]+[" + re.escape(_CLOSING) + r"]*", text):
        rest = text[found.end():]
        following = rest.lstrip(" \t")
        if not following or following[0] == "\n":
            ends.add(found.end())
        elif rest[:1] in (" ", "\t"):
            first = following.lstrip(_OPENING)[:1]
            if first.isupper() or first.isdigit():
                ends.add(found.end())
    return sorted(ends)


def _tidy(part: str) -> str:
    """A start of a text without what would dangle at its end: blank lines, and a heading or
    an introduction ('Zo werken we aan:') whose text was cut off."""
    lines = part.rstrip().split("\n")
    while lines:
        last = lines[-1].rstrip()
        alone = len(lines) == 1 or not lines[-2].strip()
        if not last or last.endswith(":") or (alone and not last.endswith(_TERMINAL)):
            lines.pop()
            continue
        break
    return "\n".join(lines).rstrip()


def whole_sentences(text: str, max_chars: int | None, max_words: int | None) -> str:
    """The longest start of `text` within the limits that ends where a sentence or line
    ends; never a sentence cut in two. Empty when not even the first sentence fits."""
    best = ""
    for end in _sentence_ends(text):
        part = _tidy(text[:end])
        if (max_chars is None or count_chars(part) <= max_chars) and \
                (max_words is None or count_words(part) <= max_words):
            best = part if len(part) > len(best) else best
    return best


@cache
def value_environment(language: str) -> jinja2.Environment:
    """The sandboxed environment of `language` for `value:` fields: the same filters and
    strict names, printing plain text (nothing escaped: a form is no Word document)."""
    return environment(language).overlay(autoescape=False)


@lru_cache(maxsize=256)
def _value_template(language: str, source: str) -> jinja2.Template:
    """`source` compiled once, in the value environment itself (not through from_string,
    whose cache the overlay shares with the escaping environment it was made from)."""
    env = value_environment(language)
    return env.template_class.from_code(env, env.compile(source), env.make_globals(None))


def _sizes(chars: int | None, words: int | None) -> str:
    """'600 characters', '150 words' or '600 characters and 150 words' (messages)."""
    parts = ([_("{n} characters").format(n=chars)] if chars is not None else []) + \
        ([_("{n} words").format(n=words)] if words is not None else [])
    return _(" and ").join(parts)


class FormFiller:
    """Fills the fields of one funder's online form for one application, from the texts and
    the context of that application; what is wrong goes into `problems`."""

    def __init__(self, texts: TextLibrary, funder: Funder, context: dict):
        self.texts = texts
        self.funder = funder
        self.context = context
        self.language = texts.language
        self.problems: list[Problem] = []

    def fields(self) -> list[FilledField]:
        return [self.fill(field) for field in self.funder.form]

    def fill(self, field: FormField) -> FilledField:
        if field.value is not None:
            return self.value(field)
        block, max_words = field.text, field.max_words
        if field.section is not None:
            section = self.funder.sections[field.section]  # the profile's loader checked it
            block = section.block
            if field.max_chars is None and max_words is None:
                max_words = section.max_words  # no limit of its own: the section's
        assert block is not None  # a field has exactly one of text, section and value
        return self.text(field, block, max_words)

    def _add(self, field: FormField, message: str, hint: str | None,
             severity: Severity = "warning") -> None:
        problem = Problem(self.funder.file, message, line=field.line, hint=hint,
                          severity=severity, document=self.texts.document)
        if problem not in self.problems:
            self.problems.append(problem)

    # ---- a value -------------------------------------------------------------------------
    def render(self, field: FormField) -> str | None:
        """The value filled in with the application's context; None after saying why not."""
        assert field.value is not None
        values = {k: v for k, v in self.context.items() if k not in _NOT_IN_VALUES}
        try:
            return _value_template(self.language, field.value).render(values)
        except jinja2.UndefinedError as e:
            self._add(field, _("the value of the form field '{label}' uses a name that an "
                               "application does not have ({error}).").format(
                label=field.label, error=e), _("'grantgen variables {funder}' lists the names "
                                               "a value may use.").format(funder=self.funder.id),
                "error")
        except jinja2.TemplateSyntaxError as e:
            self._add(field, _("the value of the form field '{label}' is not a valid "
                               "placeholder: {error}.").format(
                label=field.label, error=(e.message or "").rstrip(".")),
                _("Write it as \"{{ reach.unique_participants | number }}\", in quotes."),
                "error")
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as e:
            self._add(field, _("the value of the form field '{label}' cannot be filled in: "
                               "{error}.").format(label=field.label, error=e), None, "error")
        return None

    def value(self, field: FormField) -> FilledField:
        rendered = self.render(field)
        text = (rendered or "").strip()
        empty = text in ("", MISSING)
        if empty:  # never a dash typed into a portal: the field stays empty, check says why
            text = ""
            if rendered is not None:
                self._add(field, _("the value of the form field '{label}' is empty: the facts "
                                   "hold nothing for it in this application.").format(
                    label=field.label), _("Add what it shows to the facts, or fill in the "
                                          "field in the portal yourself."))
        filled = FilledField(field.label, text, count_chars(text), count_words(text),
                             field.max_chars, field.max_words, field.help, "value",
                             missing=empty)
        if not filled.fits:
            self._add(field, _("the online form of {funder} allows at most {limit} in the "
                               "field '{label}', but its value has {count}.").format(
                funder=self.funder.name, limit=_sizes(field.max_chars, field.max_words),
                label=field.label, count=_sizes(*self._counts(filled))),
                _("Shorten the value under 'form:', or raise the limit if the portal allows "
                  "more."))
        return filled

    # ---- a text --------------------------------------------------------------------------
    def text(self, field: FormField, block: str, max_words: int | None) -> FilledField:
        found = self.texts.versions(block)
        if not isinstance(found, Text):
            filled = [self.texts.fill(f) for f in found]
            if all(f is not None for f in filled):
                return self.fitted(field, block, max_words, [f for f in filled if f])
        placeholder = found if isinstance(found, Text) else self.texts.placeholder(block)
        text = placeholder.body
        return FilledField(field.label, text, count_chars(text), count_words(text),
                           field.max_chars, max_words, field.help, field.source, block,
                           placeholder.file, missing=True)

    def fitted(self, field: FormField, block: str, max_words: int | None,
               versions: list[Text]) -> FilledField:
        """The longest version that fits (in characters when the field counts those, else
        in words); the shortest, in full, when none does."""
        candidates = []
        for version in versions:
            text = plain_text(version.body)
            candidates.append((version, FilledField(
                field.label, text, count_chars(text), count_words(text), field.max_chars,
                max_words, field.help, field.source, block, version.file)))

        def size(item: tuple[Text, FilledField]) -> int:
            return item[1].chars if field.max_chars is not None else item[1].words

        candidates.sort(key=lambda item: (-size(item), item[0].variant is not None,
                                          item[0].file))
        fitting = [item for item in candidates if item[1].fits]
        version, chosen = fitting[0] if fitting else min(
            candidates, key=lambda item: (item[1].chars, item[1].words))
        used = self.texts.use(version)
        if used.missing:  # only the writing hint of `grantgen init`
            return replace(chosen, missing=True)
        if fitting:
            return chosen
        self._too_long(field, block, max_words, chosen, [c[0] for c in candidates])
        text = whole_sentences(chosen.text, field.max_chars, max_words)
        return replace(chosen, text=text, chars=count_chars(text), words=count_words(text),
                       shortened=True, full_chars=chosen.chars, full_words=chosen.words)

    def _counts(self, filled: FilledField) -> tuple[int | None, int | None]:
        """The counts that the field's limits are about."""
        return (filled.chars if filled.max_chars is not None else None,
                filled.words if filled.max_words is not None else None)

    def _too_long(self, field: FormField, block: str, max_words: int | None,
                  shortest: FilledField, versions: list[Text]) -> None:
        limit = _sizes(field.max_chars, max_words)
        used = {v.variant for v in versions}
        unit = "tekens" if self.language == "nl" else "characters"
        if field.max_chars is None:
            unit = "woorden" if self.language == "nl" else "words"
        variant = "kort" if "kort" not in used else \
            f"{field.max_chars or max_words}-{unit}"
        self._add(field, _(
            "the online form of {funder} allows at most {limit} in the field '{label}', but no "
            "{language} version of the text block '{block}' fits: the shortest, {file}, has "
            "{count}. The form holds only its first whole sentences that fit, marked as "
            "shortened.").format(
            funder=self.funder.name, limit=limit, label=field.label,
            language=language_name(self.language), block=block, file=shortest.file,
            count=_sizes(*self._counts(shortest))),
            _("Shorten {file} to {limit} or fewer, or add a shorter version (for example "
              "{example}).").format(file=shortest.file, limit=limit,
                                    example=self.texts.blocks.suggested_file(
                                        block, self.language, variant)))


def fill_form(texts: TextLibrary, funder: Funder, context: dict[str, Any]
              ) -> tuple[list[FilledField], list[Problem]]:
    """Every field of `funder`'s online form for the application whose context is
    `context` (its `texts` is `texts`), and what is wrong with them."""
    filler = FormFiller(texts, funder, context)
    return filler.fields(), filler.problems
