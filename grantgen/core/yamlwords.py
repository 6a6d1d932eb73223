"""What the YAML parser could not read, said in plain words: which line, that line as it is
written, and what to type instead. The parser's own words ('mapping values are not allowed
here') never reach the user; they only tell this module which mistake it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from grantgen.core.i18n import _

#: how much of a line a message shows
_SHOWN = 80
#: 'key: value' on a line, with an optional '- ' of a list item in front
_KEY_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#'\"][^:#]*?):[ \t]+(?P<value>.*)$")
_LIST_ITEM = re.compile(r"^(?P<lead>\s*-\s+)(?P<value>.*)$")


@dataclass(frozen=True)
class Explained:
    """A YAML mistake as a Problem gives it: the line (of the text parsed), message and hint."""

    line: int | None
    message: str
    hint: str


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _line_at(text: str, index: int) -> int:
    """The 0-based number of the line on which a mark of the parser is: at the end of the
    text, the last line that holds anything."""
    lines = _lines(text)
    index = min(index, len(lines) - 1)
    while index > 0 and not lines[index].strip():
        index -= 1
    return index


def shown(line: str) -> str:
    """A line as a message quotes it: tabs made visible, invisible characters left out."""
    line = line.replace("\t", "[tab]")
    line = "".join(c for c in line if c.isprintable()).strip()
    return line if len(line) <= _SHOWN else line[: _SHOWN - 3] + "..."


def quoted(value: str) -> str:
    """`value` between quotes as YAML reads it back exactly: double quotes, or single quotes
    when it holds a double quote or a backslash (a single quote inside is written twice)."""
    value = value.strip()
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def with_value_quoted(line: str) -> str:
    """The line with its value in quotes: `title: Samen: sterk` -> `title: "Samen: sterk"`."""
    for pattern in (_KEY_VALUE, _LIST_ITEM):
        match = pattern.match(line)
        if match:
            key = match.groupdict().get("key")
            head = match["lead"].strip() + (" " if match["lead"].strip() else "")
            return head + (f"{key.strip()}: " if key else "") + quoted(match["value"])
    return quoted(line)


def _key_of(line: str) -> str:
    match = _KEY_VALUE.match(line)
    return match["key"].strip() if match else ""


def explain(error: yaml.YAMLError, text: str) -> Explained:
    """`error` of the parser on `text`, in plain words."""
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position)
        return Explained(line + 1, _("this line holds an invisible control character "
                                     "(code {code}), which a YAML file cannot hold: "
                                     "'{text}'.").format(code=f"#x{error.character:04x}",
                                                         text=shown(_lines(text)[line])),
                         _("Delete it (it often comes along when text is copied from another "
                           "program), or type the line again."))
    if not isinstance(error, yaml.MarkedYAMLError) or error.problem_mark is None:
        return Explained(None, _("YAML cannot read this file."), _general_hint())
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark
    start = error.context_mark or mark
    lines = _lines(text)
    for explainer in (_tab, _quote, _bracket, _colon, _no_colon, _indentation, _start,
                      _second_document):
        found = explainer(problem, context, mark, start, lines)
        if found is not None:
            return found
    line = _line_at(text, mark.line)
    return Explained(line + 1, _("YAML cannot read this line: '{text}'.").format(
        text=shown(lines[line])), _general_hint())


def _general_hint() -> str:
    return _("Write every setting as 'key: value', with a space after the colon; indent with "
             "spaces, lining up the keys of one level; and put a value that starts with or "
             "holds a special character (: # [ ] & * ! | > ' \" % @ `) between quotes.")


def _text_line(lines: list[str], index: int) -> int:
    return _line_at("\n".join(lines), index)


def _tab(problem, context, mark, start, lines) -> Explained | None:
    if "'\\t'" not in problem and "tab character" not in problem:
        return None
    line = _text_line(lines, mark.line)
    text = lines[line]
    if "\t" in text[: len(text) - len(text.lstrip())]:
        return Explained(line + 1, _("this line is indented with a tab: '{text}'.").format(
            text=shown(text)), _("Indent with spaces, not a tab: YAML does not accept tabs. "
                                 "Use two spaces for each level."))
    return Explained(line + 1, _("this line holds a tab where YAML does not accept one: "
                                 "'{text}'.").format(text=shown(text)),
                     _("Replace the tab with a space."))


def _quote(problem, context, mark, start, lines) -> Explained | None:
    if "quoted scalar" not in context:
        return None
    line = _text_line(lines, start.line)
    text = lines[line]
    if "end of stream" in problem or "document separator" in problem:
        quote = text[start.column] if start.column < len(text) else '"'
        return Explained(line + 1, _("the quote {quote} opened on this line is never closed: "
                                     "'{text}'.").format(quote=quote, text=shown(text)),
                         _("Add the closing {quote} at the end of the value; or, if the "
                           "{quote} is part of the text, write: {fixed}").format(
                             quote=quote, fixed=with_value_quoted(text)))
    return Explained(line + 1, _("between double quotes a backslash (\\) must start a code "
                                 "YAML knows, and here it does not: '{text}'.").format(
        text=shown(text)), _("Use single quotes around the value instead: {fixed}").format(
        fixed=_single_quoted(text)))


def _single_quoted(line: str) -> str:
    match = _KEY_VALUE.match(line)
    if not match:
        return line.strip()
    value = match["value"].strip()
    if len(value) > 1 and value[0] == value[-1] == '"':
        value = value[1:-1]
    lead = match["lead"].strip()
    return (lead + " " if lead else "") + match["key"].strip() + ": '" + \
        value.replace("'", "''") + "'"


def _bracket(problem, context, mark, start, lines) -> Explained | None:
    if "flow sequence" not in context and "flow mapping" not in context:
        return None
    line = _text_line(lines, start.line)
    text = lines[line]
    bracket = text[start.column] if start.column < len(text) else "["
    closing = {"[": "]", "{": "}"}.get(bracket, "]")
    return Explained(line + 1, _("the {bracket} opened on this line is never closed: "
                                 "'{text}'.").format(bracket=bracket, text=shown(text)),
                     _("If the {bracket} is part of the text, put the value in quotes: "
                       "{fixed}; otherwise close it with {closing}.").format(
                         bracket=bracket, fixed=with_value_quoted(text), closing=closing))


def _colon(problem, context, mark, start, lines) -> Explained | None:
    if "mapping values are not allowed" not in problem:
        return None
    line = _text_line(lines, mark.line)
    text = lines[line]
    if re.search(r":[ \t]", text[: mark.column]):  # a second ': ' on the line: in the value
        return Explained(line + 1, _("the value of '{key}' holds a colon followed by a "
                                     "space, which YAML reads as the start of another key: "
                                     "'{text}'.").format(key=_key_of(text), text=shown(text)),
                         _("Put the value in quotes: {fixed}").format(
                             fixed=with_value_quoted(text)))
    return Explained(line + 1, _("this line is indented further than the line above it, so "
                                 "YAML reads it as part of that line's value: '{text}'.")
                     .format(text=shown(text)),
                     _("Indent it with as many spaces as the keys above it at the same level."))


def _no_colon(problem, context, mark, start, lines) -> Explained | None:
    if "could not find expected ':'" not in problem:
        return None
    line = _text_line(lines, start.line)
    return Explained(line + 1, _("this line has no colon, so YAML cannot tell a key from its "
                                 "value: '{text}'.").format(text=shown(lines[line])),
                     _("Write it as 'key: value', with a colon and a space after the key. If "
                       "it continues the text of the line above, put that whole text on one "
                       "line, in quotes."))


def _indentation(problem, context, mark, start, lines) -> Explained | None:
    if not problem.startswith("expected <block end>"):
        return None
    line = _text_line(lines, mark.line)
    text = lines[line]
    before = text[: mark.column]
    if "<scalar>" in problem and before.rstrip()[-1:] in ("'", '"'):
        return Explained(line + 1, _("the value of '{key}' goes on after its closing quote: "
                                     "'{text}'.").format(key=_key_of(text), text=shown(text)),
                         _("Put the whole value between quotes: {fixed}").format(
                             fixed=_single_quoted_all(text)))
    return Explained(line + 1, _("this line is not lined up with the lines above it: "
                                 "'{text}'.").format(text=shown(text)),
                     _("Indent it with spaces exactly as far as the other keys of its level "
                       "(or the other '- ' items of its list)."))


def _single_quoted_all(line: str) -> str:
    """`title: "Samen" sterk` -> `title: '"Samen" sterk'`: the text exactly as typed."""
    match = _KEY_VALUE.match(line)
    if not match:
        return line.strip()
    lead = match["lead"].strip()
    return (lead + " " if lead else "") + match["key"].strip() + ": '" + \
        match["value"].strip().replace("'", "''") + "'"


#: what the parser says when a value starts with a character that means something in YAML
_SPECIAL_START = ("that cannot start any token", "while scanning an alias",
                  "while scanning an anchor", "undefined alias", "constructor for the tag",
                  "while scanning a directive", "sequence entries are not allowed",
                  "while scanning a tag", "while scanning a block scalar")


def _start(problem, context, mark, start, lines) -> Explained | None:
    if not any(words in problem or words in context for words in _SPECIAL_START):
        return None
    where = start if _at_context(context) else mark
    line = _text_line(lines, where.line)
    text = lines[line]
    char = text[where.column] if where.column < len(text) else text.strip()[:1]
    match = _KEY_VALUE.match(text)
    if match and match["key"].startswith(char) and where.column == len(match["lead"]):
        fixed = match["lead"].strip() + quoted(match["key"].strip()) + ": " + match["value"]
    else:
        fixed = with_value_quoted(text)
    return Explained(line + 1, _("{char} at the start of a value (or of a line) means "
                                 "something else in YAML: '{text}'.").format(
        char=char, text=shown(text)), _("Put it in quotes: {fixed}").format(fixed=fixed))


def _at_context(context: str) -> bool:
    """Whether the parser's context mark (rather than its problem mark) is at the character
    the value starts with."""
    return context.startswith(("while scanning an alias", "while scanning an anchor",
                               "while scanning a directive", "while scanning a tag",
                               "while scanning a block scalar"))


def _second_document(problem, context, mark, start, lines) -> Explained | None:
    if "single document" not in context:
        return None
    line = _text_line(lines, mark.line)
    return Explained(line + 1, _("a line '---' here starts a second part of the file, and a "
                                 "settings file has only one: '{text}'.").format(
        text=shown(lines[line])), _("Remove this '---' line, or the lines after it that "
                                    "belong to another file."))
