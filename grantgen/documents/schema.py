"""The schema of the names each kind of document's context has (`grantgen variables` shows
it): the declarations of names.py and names_yearend.py per kind, and the names a context
really holds, to compare them."""

from __future__ import annotations

from typing import Any

from grantgen.documents.charts import Chart
from grantgen.documents.names import APPLICATION, ITEM, Name
from grantgen.documents.names_yearend import ANNUAL_REPORT, REPORT, REVIEW_PACK

DECLARED: dict[str, dict[str, Name]] = {"application": APPLICATION, "report": REPORT,
                                        "annual-report": ANNUAL_REPORT,
                                        "review-pack": REVIEW_PACK}


def declared_names(names: dict[str, Name], prefix: str = "") -> dict[str, Name]:
    """Every declared name, flat: 'funding.sources[].amount'; '*' stands for any key."""
    flat: dict[str, Name] = {}
    for key, name in names.items():
        path = f"{prefix}.{key}" if prefix else key
        flat[path] = name
        if name.same_as is not None:
            continue  # its items are those of another list, declared there
        flat.update(declared_names(name.fields, path))
        if name.items is not None:
            flat.update(declared_names(name.items, path + "[]") if name.items
                        else {path + "[]": ITEM})
        if name.any_key is not None:
            flat[path + ".*"] = name.any_key
            flat.update(declared_names(name.any_key.fields, path + ".*"))
    return flat


def canonical(path: str, names: dict[str, Name]) -> str:
    """The declared name a context name stands for: 'closed[].name' is 'locations[].name'."""
    for alias, name in declared_names(names).items():
        if name.same_as is not None and path.startswith(alias + "[]"):
            return name.same_as + path[len(alias):]
    return path


def context_names(value: Any, prefix: str = "", open_keys: frozenset[str] = frozenset()
                  ) -> dict[str, Any]:
    """Every name of a context, flat, with its (first) value; keys under a name in
    `open_keys` (the user's own keys) are written as '*'. A chart is its picture, with the
    caption and alternative text the template sees."""

    flat: dict[str, Any] = {}
    if prefix and not (prefix.endswith("[]") and isinstance(value, dict)):
        flat[prefix] = value  # an item that is a mapping is only its names
    if isinstance(value, Chart):
        flat[prefix + ".caption"] = value.caption
        flat[prefix + ".alt"] = value.alt
    elif isinstance(value, dict):
        for key, item in value.items():
            part = "*" if prefix in open_keys else str(key)
            path = f"{prefix}.{part}" if prefix else part
            for name, found in context_names(item, path, open_keys).items():
                flat.setdefault(name, found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            for name, found in context_names(item, prefix + "[]", open_keys).items():
                flat.setdefault(name, found)
    return flat


def open_keys(names: dict[str, Name]) -> frozenset[str]:
    return frozenset(p for p, n in declared_names(names).items() if n.any_key is not None)
