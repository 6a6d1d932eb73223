"""The build cache in use (the store itself: grantgen/core/cache.py).

- A document is found by a digest of everything it is made from: its whole context written
  out canonically, the template file's bytes, its language, its document properties and
  draft mark, and grantgen's code and libraries. An unchanged document is not rendered
  again: its bytes, and what rendering it found, come from the cache.
- A template's check is found by the template's bytes and the shape of the context it is
  checked with (which names and keys there are: all the check looks at).
- A whole build (or check) is found by the digest of every input file, the date, the options
  and the manifest it starts from: when nothing changed, its outcome is the one recorded,
  once the output folder is seen to still hold exactly what it wrote.

A value the canonical form does not know makes its document uncacheable: it is rendered
every time, never mistaken for another.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import hashlib
import json
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel

from grantgen.core import cache as build_cache
from grantgen.core.cache import (
    Store,
    code_fingerprint,
    digest,
    pack,
    problem_data,
    problem_of,
    unpack,
)
from grantgen.core.errors import Problem
from grantgen.core.i18n import current_language
from grantgen.texts.fitting import SectionLibrary, TextLibrary
from grantgen.texts.library import Blocks
from grantgen.word.render import template_bytes

DOCUMENTS = "documents"
TEMPLATE_CHECKS = "template-checks"
RUNS = "runs"


class Uncacheable(Exception):
    """A context holds a value whose canonical form is not known."""


# ---- the canonical form of a context ---------------------------------------------------------
def canonical(value: Any) -> str:
    """`value` written out so that two values give the same text only when a template
    sees them the same (types, order of keys and items, every field)."""
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts)


def context_digest(value: Any) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8", "surrogatepass")).hexdigest()


def _write(value: Any, parts: list[str]) -> None:
    kind = type(value)
    if kind is str:
        parts.append(f"s{len(value)}:")
        parts.append(value)
    elif value is None:
        parts.append("N")
    elif kind is bool:
        parts.append("T" if value else "F")
    elif kind is int:
        parts.append(f"i{value};")
    elif kind is float:
        parts.append(f"f{value!r};")
    elif kind is dict:
        parts.append(f"{{{len(value)}")
        for key, item in value.items():
            _write(key, parts)
            _write(item, parts)
        parts.append("}")
    elif kind is list or kind is tuple:
        parts.append(f"{'[' if kind is list else '('}{len(value)}")
        for item in value:
            _write(item, parts)
        parts.append("]")
    elif kind is dt.date or kind is dt.datetime or kind is dt.time:
        parts.append(f"t{kind.__name__}:{value.isoformat()};")
    elif kind is bytes:
        parts.append(f"b{hashlib.sha256(value).hexdigest()};")
    else:
        _write_object(value, parts)


def _name(value: Any) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


def _write_object(value: Any, parts: list[str]) -> None:
    if isinstance(value, TextLibrary):
        # its texts are filled from the context it belongs to (written out already), the
        # library of blocks and the language; what it filled in so far is not its own
        parts.append(f"<texts {value.language}")
        _write_blocks(value.blocks, parts)
        parts.append(">")
    elif isinstance(value, SectionLibrary):
        parts.append("<sections")
        for part in (value.texts, value.sections, value.funder):
            _write(part, parts)
        parts.append(">")
    elif isinstance(value, enum.Enum):
        parts.append(f"<{_name(value)} ")
        _write(value.value, parts)
        parts.append(">")
    elif isinstance(value, BaseModel):
        parts.append(f"<{_name(value)} ")
        _write(value.model_dump(), parts)
        _write(dict(sorted((value.__pydantic_private__ or {}).items())), parts)
        parts.append(">")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts.append(f"<{_name(value)}")
        for item in dataclasses.fields(value):
            _write(item.name, parts)
            _write(getattr(value, item.name), parts)
        parts.append(">")
    elif isinstance(value, (str, int, float)) and type(value).__module__ != "numpy":
        # a subclass such as privacy.Suppressed or markupsafe.Markup: its type, its value
        # and what it carries besides
        base = str if isinstance(value, str) else int if isinstance(value, int) else float
        parts.append(f"<{_name(value)} ")
        _write(base(value), parts)
        _write(dict(sorted(getattr(value, "__dict__", {}).items())), parts)
        parts.append(">")
    elif isinstance(value, (set, frozenset)):
        items = sorted(canonical(item) for item in value)
        parts.append(f"{{set {len(items)}")
        parts.extend(items)
        parts.append("}")
    elif isinstance(value, np.generic):
        parts.append(f"<numpy {value.dtype.str} {value.item()!r}>")
    elif isinstance(value, pd.Timestamp) or value is pd.NaT or value is pd.NA:
        parts.append(f"<{_name(value)} {value!r}>")
    elif isinstance(value, decimal.Decimal):
        parts.append(f"<decimal {value}>")
    else:
        raise Uncacheable(_name(value))


#: the canonical form of each library of blocks, once per build (they do not change)
_BLOCKS: dict[int, tuple[weakref.ref, str]] = {}


def _write_blocks(blocks: Blocks, parts: list[str]) -> None:
    known = _BLOCKS.get(id(blocks))
    if known is None or known[0]() is not blocks:
        inner: list[str] = [f"<blocks {blocks.language}"]
        for name, block in blocks.items():
            _write(name, inner)
            _write(block, inner)
        written = "".join(inner) + ">"
        known = (weakref.ref(blocks), hashlib.sha256(written.encode("utf-8",
                                                                    "surrogatepass")).hexdigest())
        _BLOCKS[id(blocks)] = known
    parts.append(known[1])


# ---- documents ---------------------------------------------------------------------------------
@dataclasses.dataclass
class CachedDocument:
    """A document as rendering made it, and what rendering found."""

    #: the .docx, or None when rendering failed or found an error
    data: bytes | None
    #: the digest of its content as approved (versions.content_digest of its final form)
    content_sha256: str | None
    problems: list[Problem]
    #: rendering failed (its one problem says where); a template's findings are not added
    failed: bool = False


def template_digest(template: Path) -> str:
    return hashlib.sha256(template_bytes(template)).hexdigest()


def document_key(context: dict, template: Path, template_name: str, language: str,
                 properties: dict, mark: tuple[str, str] | None) -> str | None:
    """The key of a document made from all of these; None when it cannot have one."""
    try:
        made_of = canonical([properties, mark, context])
    except Uncacheable:
        return None
    return digest("document", code_fingerprint(), current_language(), template_digest(template),
                  template_name, language, made_of.encode("utf-8", "surrogatepass"))


def companion_key(context: dict, kind: str) -> str | None:
    """The key of an online form or budget workbook (documents/registry.py WRITERS) made
    from `context`: what its writer reads; None when it cannot have one."""
    try:
        made_of = canonical(context)
    except Uncacheable:
        return None
    return digest("companion", code_fingerprint(), current_language(), kind,
                  made_of.encode("utf-8", "surrogatepass"))


def cached_document(store: Store | None, key: str | None) -> CachedDocument | None:
    if store is None or key is None:
        return None
    payload = store.get(DOCUMENTS, key)
    found = unpack(payload) if payload is not None else None
    if found is None:
        return None
    meta, data = found
    try:
        problems = [problem_of(p) for p in meta["problems"]]
        if meta["data"] and hashlib.sha256(data).hexdigest() != meta["data"]:
            return None
        return CachedDocument(data if meta["data"] else None, meta["content_sha256"], problems,
                              bool(meta["failed"]))
    except (KeyError, TypeError):
        return None


def keep_document(store: Store | None, key: str | None, document: CachedDocument) -> None:
    if store is None or key is None:
        return
    data = document.data or b""
    meta = {"data": hashlib.sha256(data).hexdigest() if document.data else None,
            "content_sha256": document.content_sha256,
            "problems": [problem_data(p) for p in document.problems],
            "failed": document.failed}
    store.put(DOCUMENTS, key, pack(meta, data))


# ---- template checks -------------------------------------------------------------------------
_UNKNOWN = "?"


def shape(value: Any) -> Any:
    """What a template check sees of a context (grantgen/word/template_check.py): the keys
    of its dicts, and of a list of dicts one dict merged from all (a key any of them has,
    with the first value that is not None); every other value is only 'a value'."""
    if type(value) is dict:
        return {"d": [[canonical(key), shape(item)] for key, item in value.items()]}
    if isinstance(value, (list, tuple)) and value and all(type(i) is dict for i in value):
        merged: dict = {}
        for item in value:
            for key, inner in item.items():
                if key not in merged or merged[key] is None:
                    merged[key] = inner
        return {"l": shape(merged)}
    return _UNKNOWN


def template_findings(store: Store | None, template: Path, template_name: str, context: dict,
                      language: str, check: Callable[[Path, str, dict, str], list[Problem]]
                      ) -> tuple[list[Problem], str | None]:
    """(check(template, template_name, context, language), the key of the context's shape):
    the findings are those found before for the same template and a context of the same
    shape when the build cache (`store`) or the user's own cache has them. The key is None
    for a shape that cannot have one.

    The findings are the template's, whatever workspace it is used in: what the check sees
    of a context is its shape, all in the key. So they are kept in the user's own cache too
    (grantgen/core/cache.py CodeStore, beside the compiled templates), for a build into
    another output folder, or after the build cache was deleted."""
    try:
        seen = canonical(shape(context))
    except Uncacheable:
        return check(template, template_name, context, language), None
    key = digest("template-check", code_fingerprint(), current_language(),
                 template_digest(template), template_name, language, seen)
    found = store.get_json(TEMPLATE_CHECKS, key) if store is not None else None
    if isinstance(found, list):
        try:
            return [problem_of(p) for p in found], key
        except TypeError:
            pass
    checked = []

    def check_now() -> list[Problem]:
        checked.append(True)
        return check(template, template_name, context, language)

    findings = build_cache.kept_as_code(
        "template findings", (key,), check_now,
        lambda made: json.dumps([problem_data(p) for p in made], ensure_ascii=False,
                                sort_keys=True).encode(),
        lambda data: [problem_of(p) for p in json.loads(data)])
    if store is not None:
        store.put_json(TEMPLATE_CHECKS, key, [problem_data(p) for p in findings])
    if checked and build_cache.CODE is not None:
        build_cache.CODE.put(_last_shape_key(template, template_name, language), key.encode())
    return findings, key


def _last_shape_key(template: Path, template_name: str, language: str) -> str:
    """Where the user's cache keeps the key of the findings of the last check of this
    template (its context's shape, which the facts decide, is known only once they are
    read)."""
    return digest("template last checked", code_fingerprint(), current_language(),
                  template_digest(template), template_name, language)


def checked_before(template: Path, template_name: str, language: str) -> bool:
    """Whether the user's cache holds the findings of this template for the shape of context
    it was last checked with: then the next check of it most likely needs nothing parsed
    (pipeline/warmup.py does not parse it ahead)."""
    store = build_cache.CODE
    if store is None:
        return False
    last = store.get(_last_shape_key(template, template_name, language))
    # kept_as_code keeps the findings under this key
    return last is not None and store.get(digest(
        "template findings", code_fingerprint(), last.decode("ascii", "replace"))) is not None


# ---- whole builds and checks -----------------------------------------------------------------
def run_key(what: str, digests: dict[str, str], *options: object) -> str:
    """The key of a whole build or check of inputs with these `digests`, and `options`
    (the year, the date, the manifest it starts from, ...)."""
    return digest(what, code_fingerprint(), current_language(),
                  canonical(sorted(digests.items())), canonical(list(options)))
