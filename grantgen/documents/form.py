"""The online form of an application (a profile's `form:`): its context, the fields filled
from the application's own context, and the plain-text file the build writes beside the
application, field by field with its count against the portal's limit."""

from __future__ import annotations

from typing import Any

from grantgen.core.errors import Problem
from grantgen.core.formatting import number
from grantgen.documents.application import application
from grantgen.documents.parts import Parts
from grantgen.figures.plan import DocumentSpec
from grantgen.texts.fitting import TextLibrary
from grantgen.texts.forms import FilledField, fill_form

#: the words of the form file, in the funder's language (document text, not messages)
_WORDS: dict[str, dict[str, Any]] = {
    "nl": {"title": "Online formulier van {funder}: aanvraag {year}, {location}",
           "intro": "Per veld: de naam van het veld, de tekst om in het portaal over te nemen, "
                    "en de telling.",
           "chars": ("teken", "tekens"), "words": ("woord", "woorden"),
           "too_long": " (te lang)", "missing": " (tekst ontbreekt nog)",
           "no_value": " (geen waarde in de feiten)",
           "shortened": " (ingekort tot de hele zinnen die passen; de kortste versie heeft "
                        "{n} {unit})",
           "empty": " (geen hele zin past; de kortste versie heeft {n} {unit})"},
    "en": {"title": "Online form of {funder}: application {year}, {location}",
           "intro": "For each field: its name, the text to enter in the portal, and its count.",
           "chars": ("character", "characters"), "words": ("word", "words"),
           "too_long": " (too long)", "missing": " (text still missing)",
           "no_value": " (no value in the facts)",
           "shortened": " (shortened to the whole sentences that fit; the shortest version "
                        "has {n} {unit})",
           "empty": " (no whole sentence fits; the shortest version has {n} {unit})"},
}
#: the line between two fields
RULE = "─" * 40


def with_path(context: dict, spec: DocumentSpec) -> dict:
    """The application's context as the context of its form or budget workbook: what is
    found while filling it in is about that file."""
    context["document"]["path"] = spec.path
    return context


def form(parts: Parts, spec: DocumentSpec) -> dict:
    """The context of an application's online form: the application's own (the names a
    `value:` may use), with `form.fields` filled and fitted and `form.problems` found."""
    context = with_path(application(parts, spec.application), spec)
    assert spec.funder_id is not None  # a form is always a funder's
    funder = parts.facts.funders[spec.funder_id]
    fields, problems = fill_form(context["texts"], funder, context)
    context["form"] = {"fields": fields, "problems": problems}
    return context


def form_problems(context: dict) -> list[Problem]:
    """What was found while filling in a form or budget workbook: its texts' and its own."""
    texts = context.get("texts")
    found = list(texts.problems) if isinstance(texts, TextLibrary) else []
    return found + list((context.get("form") or {}).get("problems", []))


def count_line(field: FilledField, language: str) -> str:
    """`612 / 1.000 tekens`, `95 / 150 woorden`, both, or `612 tekens` without a limit."""
    words = _WORDS.get(language, _WORDS["nl"])

    def unit(kind: str, n: int) -> str:
        return words[kind][0 if n == 1 else 1]

    parts = []
    if field.max_chars is not None:
        parts.append(f"{number(field.chars, language=language)} / "
                     f"{number(field.max_chars, language=language)} "
                     f"{unit('chars', field.max_chars)}")
    if field.max_words is not None:
        parts.append(f"{number(field.words, language=language)} / "
                     f"{number(field.max_words, language=language)} "
                     f"{unit('words', field.max_words)}")
    if not parts:
        parts.append(f"{number(field.chars, language=language)} "
                     f"{unit('chars', field.chars)}")
    line = ", ".join(parts)
    if field.missing:
        line += words["no_value" if field.source == "value" else "missing"]
    elif field.shortened:
        kind, full = (("chars", field.full_chars) if field.max_chars is not None
                      else ("words", field.full_words))
        line += words["shortened" if field.text else "empty"].format(
            n=number(full, language=language), unit=unit(kind, full or 0))
    elif not field.fits:
        line += words["too_long"]
    return line


def form_text(context: dict) -> str:
    """The form as one plain text: a heading, then each field as its label on a line of
    its own, its text, and its count against the limit."""
    language = context["language"]
    words = _WORDS.get(language, _WORDS["nl"])
    lines = [words["title"].format(funder=context["funder"]["name"], year=context["year"],
                                   location=context["location"]["name"]), words["intro"]]
    for field in context["form"]["fields"]:
        lines += ["", RULE, field.label, field.text, count_line(field, language)]
    return "\n".join(lines) + "\n"


def form_file(context: dict) -> bytes:
    """The form file: UTF-8 text."""
    return form_text(context).encode("utf-8")
