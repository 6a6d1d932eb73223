"""Checks of a Word template before it is rendered: what Word does to tags, and names and
filters the renderer would not know, each located by part (body, header, footer) and
paragraph, in the same sandboxed environment that renders the documents.

Word splits a tag it has edited over several runs; docxtpl joins the pieces again when they
sit side by side in one paragraph, so that is not reported. What it cannot join is: a tag
continued in the next paragraph, and a tag whose pieces are separated by a hyperlink, a
tracked change, a field or a content control. Word's curly quotes ‘ ’ “ ” are turned back
into straight ones by docxtpl; other quote marks („ ‚ « ») and invisible characters
(zero-width space, soft hyphen) inside a tag are reported.
"""

from __future__ import annotations

import difflib
import io
import pickle
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from lxml import etree

from grantgen.core import cache as build_cache
from grantgen.core.errors import Problem
from grantgen.core.i18n import N_, _
from grantgen.word.render import (
    TemplateFailure,
    TemplatePart,
    environment,
    located,
    paragraph_text,
    template_parts,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: elements that may sit between the runs of one tag without breaking docxtpl's mending
_HARMLESS = {f"{W}r", f"{W}proofErr", f"{W}bookmarkStart", f"{W}bookmarkEnd",
             f"{W}permStart", f"{W}permEnd", f"{W}pPr"}
#: run content that must not be inside a tag (a field's code, a picture)
_RUN_TROUBLE = {f"{W}fldChar", f"{W}instrText", f"{W}drawing", f"{W}pict", f"{W}object"}

#: quote marks docxtpl does not turn into straight quotes, and what to type instead
_ODD_QUOTES = {"\u201e": '"', "\u201f": '"', "\u201a": "'", "\u201b": "'", "\u00ab": '"',
               "\u00bb": '"', "\u2039": "'", "\u203a": "'", "\u2033": '"', "\u2032": "'",
               "\uff02": '"', "\uff07": "'", "\u00b4": "'", "`": "'"}
#: invisible characters Word may put into text that Jinja cannot read
_INVISIBLE = {"\u200b": N_("a zero-width space"), "\u200c": N_("a zero-width non-joiner"),
              "\u200d": N_("a zero-width joiner"), "\u200e": N_("a left-to-right mark"),
              "\u200f": N_("a right-to-left mark"), "\u00ad": N_("a soft hyphen"),
              "\u2060": N_("a word joiner"), "\ufeff": N_("a zero-width no-break space")}
_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_UNKNOWN = object()
#: filter names a Dutch template author may guess, and grantgen's filter they mean
_DUTCH_FILTERS = {"bedrag": "amount", "euro": "amount", "geld": "amount", "getal": "number",
                  "aantal": "number", "nummer": "number", "procent": "percent",
                  "percentage": "percent", "datum": "date"}
#: key in a scope of the names an enclosing `{% if x is defined %}` vouches for
_DEFINED = object()


def check_template(template: Path, template_name: str, context: dict,
                   language: str) -> list[Problem]:
    """Every problem of `template` for documents with contexts shaped like `context`."""
    try:
        parts = template_parts(template, template_name)
    except TemplateFailure as e:
        return [e.problem]
    problems: list[Problem] = []
    for part in parts:
        problems.extend(_check_part(part, template_name, context, language))
    unique: dict[tuple, Problem] = {}
    for problem in problems:
        unique.setdefault((problem.message, problem.hint), problem)
    return list(unique.values())


def _problem(template: str, part: str, paragraph: str, message: str, hint: str) -> Problem:
    return Problem(template, located(part, paragraph) + message, hint=hint)


# ---- what Word did to the tags --------------------------------------------------------------
def _paragraphs(root: etree._Element) -> Iterator[tuple[etree._Element, list]]:
    """Each paragraph with its text elements (w:t) in order, nested paragraphs apart."""
    for p in root.iter(f"{W}p"):
        texts = [t for t in p.iter(f"{W}t")
                 if next(t.iterancestors(f"{W}p"), None) is p]
        yield p, texts


def _tags(text: str) -> Iterator[tuple[int, int | None]]:
    """(start, end) of every tag in `text`; end None for a tag not closed in it."""
    i = 0
    while True:
        starts = [(text.find(o, i), o) for o in _OPENERS]
        starts = [(s, o) for s, o in starts if s != -1]
        if not starts:
            return
        start, opener = min(starts)
        end = text.find(_OPENERS[opener], start + 2)
        if end == -1:
            yield start, None
            return
        yield start, end + 2
        i = end + 2


def _runs_joinable(p: etree._Element, elements: list) -> bool:
    """Whether docxtpl can join the runs holding one tag: runs side by side in the
    paragraph, with no hyperlink, tracked change, field or picture in between."""
    runs: list[etree._Element] = []
    for t in elements:
        run = t.getparent()
        if run is None or run.tag != f"{W}r":
            return False
        if not runs or runs[-1] is not run:
            runs.append(run)
    if len(runs) == 1:
        return True
    parent = runs[0].getparent()
    if any(r.getparent() is not parent for r in runs):
        return False
    siblings = list(parent)
    first, last = siblings.index(runs[0]), siblings.index(runs[-1])
    for element in siblings[first:last + 1]:
        if element.tag not in _HARMLESS:
            return False
        if element.tag == f"{W}r" and any(c.tag in _RUN_TROUBLE for c in element.iter()):
            return False
    return True


@lru_cache(maxsize=64)
def _word_problems(part: TemplatePart, template: str) -> tuple[Problem, ...]:
    """What Word did to the tags of a part (the same for every context: kept per part, and
    found before the rendering processes start: warm())."""
    try:
        root = etree.fromstring(part.raw.encode("utf-8"))
    except etree.XMLSyntaxError:
        return ()  # the renderer reports a damaged part
    problems = []
    for p, elements in _paragraphs(root):
        owners: list = []
        text = ""
        for t in elements:
            text += t.text or ""
            owners.extend([t] * len(t.text or ""))
        if "{" not in text:
            continue
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 120 else shown[:119] + "\u2026"
        for start, end in _tags(text):
            if end is None:
                problems.append(_problem(
                    template, part.label, shown,
                    _("the tag \u201c{tag}\u201d is not closed in this paragraph.").format(
                        tag=text[start:start + 40].strip()),
                    _("Close it in the same paragraph with {closer}; a tag cannot continue in "
                      "the next paragraph.").format(closer=_OPENERS[text[start:start + 2]])))
                continue
            tag = text[start:end]
            for char, straight in _ODD_QUOTES.items():
                if char in tag:
                    problems.append(_problem(
                        template, part.label, shown,
                        _("the tag \u201c{tag}\u201d holds the quote mark {char}, which "
                          "templates cannot read.").format(tag=tag, char=char),
                        _("Type a straight quote ({straight}) instead; in Word, switch off "
                          "AutoCorrect's \u2018straight quotes with smart quotes\u2019 while "
                          "editing tags.").format(straight=straight)))
                    break
            for char, name in _INVISIBLE.items():
                if char in tag:
                    problems.append(_problem(
                        template, part.label, shown,
                        _("the tag \u201c{tag}\u201d holds an invisible character ({name}).")
                        .format(tag=tag.replace(char, ""), name=_(name)),
                        _("Delete the tag and type it again.")))
                    break
            if not _runs_joinable(p, list(dict.fromkeys(owners[start:end]))):
                problems.append(_problem(
                    template, part.label, shown,
                    _("Word has split the tag \u201c{tag}\u201d around a hyperlink, tracked "
                      "change, field or content control; it cannot be filled in.").format(
                        tag=tag),
                    _("Accept all tracked changes, then select the whole tag, delete it and "
                      "type it again in one go.")))
    return tuple(problems)


# ---- names and filters, in the renderer's environment ---------------------------------------
def warm(template: Path, template_name: str, language: str) -> None:
    """Parse the parts of `template` for check_template now, and find what Word did to its
    tags (both are kept for the process and those forked from it). TemplateFailure for a
    damaged file; a syntax error is left for the check to report."""
    for part in template_parts(template, template_name):
        _word_problems(part, template_name)
        try:
            _parse(language, part.source)
        except jinja2.TemplateSyntaxError:
            continue


def _check_part(part: TemplatePart, template: str, context: dict,
                language: str) -> list[Problem]:
    problems = list(_word_problems(part, template))
    env = environment(language)
    lines = part.source.splitlines()

    def paragraph(lineno: int | None) -> str:
        return paragraph_text(lines[lineno - 1]) if lineno and 0 < lineno <= len(lines) else ""

    try:
        ast = _parse(language, part.source)
    except jinja2.TemplateSyntaxError as e:
        text = paragraph(e.lineno)
        if not any(text and text[:40] in p.message for p in problems):
            problems.append(_problem(
                template, part.label, text,
                _("a tag is not valid: {error}.").format(error=e.message),
                _("Every {{ needs a }}, every {% if %} an {% endif %} and every {% for %} an "
                  "{% endfor %}; text in a tag needs straight quotes ('...').")))
        return problems
    for lineno, message, hint in _Names(env, context).run(ast):
        problems.append(_problem(template, part.label, paragraph(lineno), message, hint))
    return problems


@lru_cache(maxsize=32)
def _parse(language: str, source: str) -> nodes.Template:
    """The syntax tree of a template source (the same template is checked in every build
    of a process, e.g. the built-in ones), kept for the next process too beside the
    compiled templates in the user's own cache (grantgen/core/cache.py: a pickle is code
    as much as compiled code is, so it is kept only where nobody else may write)."""
    env = environment(language)

    def dump(tree: nodes.Template) -> bytes:
        buffer = io.BytesIO()
        _TreePickler(buffer, env).dump(tree)
        return buffer.getvalue()

    def load(data: bytes) -> nodes.Template | None:
        tree = _TreeUnpickler(io.BytesIO(data), env).load()
        return tree if isinstance(tree, nodes.Template) else None

    return build_cache.kept_as_code("jinja ast", (language, source),
                                    lambda: env.parse(source), dump, load)


class _TreePickler(pickle.Pickler):
    """Pickles a syntax tree without the environment every node of it points to (which
    holds compiled templates); _TreeUnpickler puts the process's own one back."""

    def __init__(self, file, env: jinja2.Environment):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._env = env

    def persistent_id(self, obj: Any) -> str | None:
        return "environment" if obj is self._env else None


class _TreeUnpickler(pickle.Unpickler):
    def __init__(self, file, env: jinja2.Environment):
        super().__init__(file)
        self._env = env

    def persistent_load(self, pid: Any) -> Any:
        if pid != "environment":
            raise pickle.UnpicklingError("not a syntax tree of grantgen's")
        return self._env


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}.{node.arg.value}"
    return "\u2026"


def _near(name: str, known) -> str:
    known = [str(k) for k in known]
    near = difflib.get_close_matches(name, known, n=1, cutoff=0.6) or sorted(
        (k for k in known if len(k) >= 3 and (name.startswith(k) or k.startswith(name))),
        key=len, reverse=True)[:1]
    return _("Did you mean '{near}'? ").format(near=near[0]) if near else ""


def _unsafe_key(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Getattr):
        return node.attr
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return str(node.arg.value)
    return None


def _reaches_internals(node: nodes.Node) -> bool:
    """Whether an attribute starting with '_' is read inside this chain (reported there)."""
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if (_unsafe_key(node) or "").startswith("_"):
            return True
        node = node.node
    return False


def _defined_in(test: nodes.Node) -> set[str]:
    """The names a condition tests with 'is defined' (alone or joined by 'and')."""
    if isinstance(test, nodes.Test) and test.name == "defined":
        return {_dotted(test.node)}
    if isinstance(test, nodes.And):
        return _defined_in(test.left) | _defined_in(test.right)
    return set()


def _sample(items: Any) -> Any:
    """One element standing for every element of a list: dicts merged, so a key any of
    them has counts as known."""
    if not isinstance(items, (list, tuple)) or not items:
        return _UNKNOWN
    if all(type(i) is dict for i in items):
        merged: dict = {}
        for item in items:
            for key, value in item.items():
                if key not in merged or merged[key] is None:
                    merged[key] = value
        return merged
    return _UNKNOWN


class _Names:
    """Walks a template's syntax tree with the names in scope and sample values from a
    real context: unknown names, unknown keys of known dicts, unknown filters and tests,
    and attributes the sandbox refuses (`''.__class__`)."""

    def __init__(self, env: jinja2.Environment, context: dict):
        self.env = env
        self.context = context
        self.found: list[tuple[int | None, str, str]] = []

    def run(self, ast: nodes.Template) -> list[tuple[int | None, str, str]]:
        self.visit(ast, {}, guarded=False)
        return self.found

    def report(self, node: nodes.Node, message: str, hint: str) -> None:
        self.found.append((getattr(node, "lineno", None), message, hint))

    # a value for the expression, after checking it
    def value(self, node: nodes.Node, scope: dict, guarded: bool) -> Any:
        guarded = guarded or _dotted(node) in scope.get(_DEFINED, ())
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.context:
                return self.context[node.name]
            if node.name in self.env.globals:
                return _UNKNOWN
            if not guarded:
                self.report(node, _("the name '{name}' does not exist.").format(name=node.name),
                            _near(node.name, self.context) + _(
                                "'grantgen variables' lists the names a template may use."))
            return _UNKNOWN
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            if isinstance(node, nodes.Getattr):
                key: Any = node.attr
            elif isinstance(node.arg, nodes.Const):
                key = node.arg.value
            else:
                self.value(node.arg, scope, guarded)
                self.value(node.node, scope, guarded)
                return _UNKNOWN
            base = self.value(node.node, scope, guarded)
            if isinstance(key, str) and key.startswith("_"):
                if _reaches_internals(node.node):
                    return _UNKNOWN  # reported for the inner part of the chain
                self.report(node, _("the tag reaches \u201c{name}\u201d, a Python internal "
                                    "that templates may not use.").format(name=_dotted(node)),
                            _("Remove it; use only the names that 'grantgen variables' "
                              "lists."))
                return _UNKNOWN
            if type(base) is dict:
                if key in base:
                    return base[key]
                if not guarded:
                    self.report(node, _("'{base}' has no '{key}'.").format(
                        base=_dotted(node.node), key=key),
                        _near(str(key), base) + _(
                            "'grantgen variables' lists the names a template may use."))
            return _UNKNOWN
        if isinstance(node, nodes.Const):
            return node.value
        if isinstance(node, nodes.Filter):
            if node.name not in self.env.filters:
                dutch = _DUTCH_FILTERS.get(node.name.lower())
                near = (_("Did you mean '{near}'? ").format(near=dutch) if dutch
                        else _near(node.name, self.env.filters))
                self.report(node, _("there is no filter '{name}'.").format(name=node.name),
                            near + _(
                                "grantgen's filters are amount, number, percent, date and "
                                "indicator."))
            inner = guarded or node.name in ("default", "d")
            if node.node is not None:
                self.value(node.node, scope, inner)
            self._children(node, scope, guarded, skip=node.node)
            return _UNKNOWN
        if isinstance(node, nodes.Test):
            if node.name not in self.env.tests:
                self.report(node, _("there is no test '{name}'.").format(name=node.name),
                            _near(node.name, self.env.tests) + _(
                                "Tests are used as 'x is defined', 'x is number'."))
            inner = guarded or node.name in ("defined", "undefined")
            self.value(node.node, scope, inner)
            self._children(node, scope, guarded, skip=node.node)
            return _UNKNOWN
        self._children(node, scope, guarded)
        return _UNKNOWN

    def _children(self, node: nodes.Node, scope: dict, guarded: bool,
                  skip: nodes.Node | None = None) -> None:
        for child in node.iter_child_nodes():
            if child is skip:
                continue
            if isinstance(child, nodes.Expr):
                self.value(child, scope, guarded)
            else:
                self.visit(child, scope, guarded)

    @staticmethod
    def _bind(target: nodes.Node, scope: dict, value: Any = _UNKNOWN) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        else:
            for name in target.find_all(nodes.Name):
                scope[name.name] = _UNKNOWN

    def visit(self, node: nodes.Node, scope: dict, guarded: bool) -> None:
        if isinstance(node, nodes.Expr):
            self.value(node, scope, guarded)
        elif isinstance(node, nodes.For):
            items = self.value(node.iter, scope, guarded)
            inner = dict(scope)
            self._bind(node.target, inner, _sample(items))
            inner["loop"] = _UNKNOWN
            if node.test is not None:
                self.value(node.test, inner, guarded)
            for child in node.body:
                self.visit(child, inner, guarded)
            for child in node.else_:
                self.visit(child, scope, guarded)
        elif isinstance(node, nodes.If):
            self.value(node.test, scope, guarded)
            inner = dict(scope)
            inner[_DEFINED] = set(scope.get(_DEFINED, ())) | _defined_in(node.test)
            for child in node.body:
                self.visit(child, inner, guarded)
            for child in [*node.elif_, *node.else_]:
                self.visit(child, scope, guarded)
        elif isinstance(node, nodes.Assign):
            self.value(node.node, scope, guarded)
            self._bind(node.target, scope)
        elif isinstance(node, nodes.AssignBlock):
            for child in node.body:
                self.visit(child, scope, guarded)
            self._bind(node.target, scope)
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.Macro):
                scope[node.name] = _UNKNOWN
            inner = dict(scope)
            for arg in node.args:
                self._bind(arg, inner)
            inner.update({"caller": _UNKNOWN, "varargs": _UNKNOWN, "kwargs": _UNKNOWN})
            for default in node.defaults:
                self.value(default, scope, guarded)
            if isinstance(node, nodes.CallBlock):
                self.value(node.call, scope, guarded)
            for child in node.body:
                self.visit(child, inner, guarded)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self._bind(target, inner, self.value(value, scope, guarded))
            for child in node.body:
                self.visit(child, inner, guarded)
        elif isinstance(node, nodes.Node):
            self._children(node, scope, guarded)
