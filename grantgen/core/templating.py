"""The sandboxed Jinja environment that templates and texts are rendered in: undefined
names are errors, values are escaped, a missing value never prints as 'None' or 'nan'."""

from __future__ import annotations

import marshal
import re
from functools import cache
from types import CodeType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from grantgen.core import cache as build_cache
from grantgen.core.formatting import MISSING, filters_for, is_missing

#: characters XML 1.0 cannot hold (a .docx with one does not open); tab, newline and
#: carriage return are allowed
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: vertical tab and form feed: Excel's and Word's line breaks inside a cell; a space keeps
#: the words apart
_BREAKS = str.maketrans({"\x0b": " ", "\x0c": " "})


def xml_safe(text: str) -> str:
    """`text` without the control characters a Word document cannot hold."""
    if NOT_XML.search(text) is None:
        return text
    return NOT_XML.sub("", text.translate(_BREAKS))


def _finalize(value: Any) -> Any:
    """What `{{ x }}` prints: never 'None' or 'nan' for a missing value, never a character
    that would make the document unreadable."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return xml_safe(value)
    return value


class _Environment(SandboxedEnvironment):
    """The sandbox, compiling each template source once: every document made from the same
    template part gives docxtpl the same source, and compiling is the slow part. The code
    is kept for the next process too, in the user's own cache (grantgen/core/cache.py)."""

    _cache_size = 64

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = self.template_class.from_code(self, self._code(source),
                                                     self.make_globals(None), None)
            if len(self._compiled) >= self._cache_size:
                self._compiled.pop(next(iter(self._compiled)))
            self._compiled[source] = template
        return template

    def _code(self, source: str) -> CodeType:
        """The compiled code of `source`: kept by the user's cache, or compiled now."""
        def load(data: bytes) -> CodeType | None:
            code = marshal.loads(data)
            return code if isinstance(code, CodeType) else None

        return build_cache.kept_as_code("jinja", (source,), lambda: self.compile(source),
                                        marshal.dumps, load)


@cache
def environment(language: str) -> SandboxedEnvironment:
    """The sandboxed environment of one document language, with the formatting filters."""
    env = _Environment(undefined=jinja2.StrictUndefined, autoescape=True,
                       finalize=_finalize, keep_trailing_newline=True)
    env.filters.update(filters_for(language))
    return env
