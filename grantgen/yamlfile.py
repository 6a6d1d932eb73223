"""Reading YAML settings files with line numbers, and turning schema errors into Problems."""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import Problems
from .i18n import _


def _line_map(node: yaml.Node, path: tuple = (), lines: dict | None = None) -> dict:
    """{key path: line number} for every mapping key and sequence item of a YAML node tree."""
    lines = {} if lines is None else lines
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = path + (key.value,)
            lines[sub] = key.start_mark.line + 1
            _line_map(value, sub, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            lines[path + (i,)] = value.start_mark.line + 1
            _line_map(value, path + (i,), lines)
    return lines


def read_yaml(path: Path, file: str, problems: Problems) -> tuple[Any, dict]:
    """The data of a YAML file and its line map; (None, {}) after reporting a problem."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = path.read_bytes().decode("cp1252")
        except UnicodeDecodeError:
            problems.add(file, _("is not a text file."), hint=_("Save it as UTF-8 text."))
            return None, {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problems.add(file, _("is not valid YAML: {problem}.").format(
            problem=e.problem or e.context), line=(mark.line + 1) if mark else None,
            hint=_("Check the indentation and that every 'key: value' has a space after the "
                   "colon; put text containing ':' or '#' in quotes."))
        return None, {}
    except yaml.YAMLError as e:
        problems.add(file, _("is not valid YAML: {problem}.").format(problem=e))
        return None, {}
    return data, (_line_map(node) if node is not None else {})


def _unwrap(annotation) -> type | None:
    """The BaseModel class inside Optional[...], list[...] or dict[..., ...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, dict, tuple):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int) or part not in current.model_fields:
            continue  # list index or dict key: stay with the item's model
        current = _unwrap(current.model_fields[part].annotation)
    return current


def known_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def report_validation(error: ValidationError, model: type[BaseModel], file: str,
                      lines: dict, problems: Problems) -> None:
    """One Problem per pydantic error, with the line and, for unknown keys, the nearest key."""
    for item in error.errors():
        loc = tuple(item["loc"])
        where = ".".join(str(p) for p in loc)
        line = None
        for n in range(len(loc), -1, -1):
            if loc[:n] in lines:
                line = lines[loc[:n]]
                break
        if item["type"] == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            keys = known_keys(parent) if parent else []
            near = difflib.get_close_matches(str(loc[-1]), keys, n=1, cutoff=0.5)
            hint = (_("Did you mean '{key}'?").format(key=near[0]) if near
                    else _("Known keys here: {keys}.").format(keys=", ".join(keys)))
            problems.add(file, _("unknown key '{key}'.").format(key=where), line=line, hint=hint)
        elif item["type"] == "missing":
            problems.add(file, _("the key '{key}' is missing.").format(key=where), line=line,
                         hint=_("Add it; it is required."))
        else:
            item = {**item, "msg": item["msg"].removeprefix("Value error, ")}
            value = item.get("input")
            if isinstance(value, (dict, list)) or value is None:
                message = _("{key}: {reason}.").format(key=where, reason=item["msg"])
            else:
                message = _("{key}: {value!r} is not valid: {reason}.").format(
                    key=where, value=value, reason=item["msg"])
            hint = (_("Write one of the values listed.") if item["type"] == "literal_error"
                    else _("Correct the value; README.md describes every key."))
            problems.add(file, message, line=line, hint=hint)
