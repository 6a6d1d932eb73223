"""Reading YAML settings files with line numbers, and turning schema errors into Problems."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from grantgen.core.dates import NOT_A_DATE
from grantgen.core.errors import Problems
from grantgen.core.i18n import N_, _
from grantgen.core.yamlwords import explain


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


def _report_duplicates(node: yaml.Node, file: str, offset: int, problems: Problems,
                       path: tuple = ()) -> bool:
    """A key written twice in one mapping, as a Problem on the second: YAML itself would
    silently keep the last one. True when there is one."""
    found = False
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None and name in seen:
                where = ".".join(str(p) for p in path + (name,))
                problems.add(file, _("the key '{key}' is written twice: on line {first} and "
                                     "on this line.").format(key=where,
                                                             first=seen[name] + offset),
                             line=key.start_mark.line + 1 + offset,
                             hint=_("Keep one of the two; otherwise only the last would "
                                    "count."))
                found = True
            elif name is not None:
                seen[name] = key.start_mark.line + 1
            found = _report_duplicates(value, file, offset, problems, path + (name,)) or found
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            found = _report_duplicates(value, file, offset, problems, path + (i,)) or found
    return found


class _Loader(yaml.SafeLoader):
    """The safe loader, except that an impossible date (2018-02-30) stays text, so that the
    schema reports it with its line instead of the YAML parser stopping on it."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

#: the same loader on libyaml's C parser, several times as fast, where PyYAML has it: each
#: text is read with it, and read again with the pure-Python _Loader when it fails, so that
#: a mistake is always explained as PyYAML words it (core/yamlwords.py). libyaml accepts a
#: tab where PyYAML refuses one (`programme:<tab>Buurt`), so a text with a tab is read by
#: _Loader alone, which says where the tab is.
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """_Loader on the C parser."""

    _CLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _FastLoader = _CLoader


def _load(loader_class: type, text: str) -> tuple[Any, Any]:
    """(node tree, data) of YAML text, parsed once: the nodes give the lines, the data is
    constructed from them."""
    loader = loader_class(text)  # a safe loader: no Python objects
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


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
    return parse_yaml(text, file, problems)


def parse_yaml(text: str, file: str, problems: Problems, first_line: int = 1) -> tuple[Any, dict]:
    """The data of YAML text that starts on line `first_line` of `file`, and its line map."""
    offset = first_line - 1
    try:
        if _FastLoader is None or "\t" in text:
            raise yaml.YAMLError("read by the pure-Python parser")
        node, data = _load(_FastLoader, text)
    except yaml.YAMLError:
        try:
            node, data = _load(_Loader, text)
        except yaml.YAMLError as e:
            explained = explain(e, text)
            problems.add(file, explained.message, hint=explained.hint,
                         line=explained.line + offset if explained.line is not None else None)
            return None, {}
    if node is not None and _report_duplicates(node, file, offset, problems):
        return None, {}
    lines = _line_map(node) if node is not None else {}
    return data, {key: line + offset for key, line in lines.items()}


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


#: pydantic's error types, said in words a volunteer understands (and translated)
_REASONS = {
    "literal_error": N_("choose one of {expected}"),
    "enum": N_("choose one of {expected}"),
    "bool_parsing": N_("write true or false"),
    "bool_type": N_("write true or false"),
    "int_parsing": N_("write a whole number"),
    "int_from_float": N_("write a whole number"),
    "int_type": N_("write a whole number"),
    "float_parsing": N_("write a number, with a point for decimals (0.75)"),
    "float_type": N_("write a number, with a point for decimals (0.75)"),
    "date_parsing": N_("write a date as 2018-11-30"),
    "date_from_datetime_parsing": N_("write a date as 2018-11-30"),
    "date_type": N_("write a date as 2018-11-30"),
    "string_type": N_("write text"),
    "list_type": N_("write a list: one line per item, each starting with '- '"),
    "dict_type": N_("write 'key: value' lines below it, indented"),
    "model_type": N_("write 'key: value' lines below it, indented"),
    "greater_than_equal": N_("it must be {ge} or more"),
    "greater_than": N_("it must be more than {gt}"),
    "less_than_equal": N_("it must be {le} or less"),
    "less_than": N_("it must be less than {lt}"),
    "string_pattern_mismatch": N_("use lowercase letters, digits and hyphens only"),
    "finite_number": N_("write a number, with a point for decimals (0.75)"),
    # raised by grantgen's own schemas (profiles/funders.py)
    "grantgen_date_or_day": N_("give either 'date', or 'day' and 'month'"),
    "grantgen_no_such_day": N_("month {month} has no day {day}"),
}


N_("or")


def reason(item: Mapping[str, Any]) -> str:
    """Why pydantic refused a value, in plain words (never pydantic's own)."""
    if item["type"] == "value_error" and (item.get("ctx") or {}).get("error") is not None:
        # a ValueError of grantgen's own schemas carries its message, translated already
        return str(item["ctx"]["error"])
    words = _REASONS.get(item["type"], N_("this key does not take this value"))
    context = {k: str(v) for k, v in (item.get("ctx") or {}).items()}
    if "expected" in context:  # pydantic lists the choices as "'a', 'b' or 'c'"
        context["expected"] = context["expected"].replace(" or ", " " + _("or") + " ")
    try:
        return _(words).format(**context)
    except (KeyError, IndexError):
        return _("this key does not take this value")


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
        elif item.get("input", "") is None and len(loc) == 1 and \
                model.model_fields.get(str(loc[0])) is not None and \
                model.model_fields[str(loc[0])].is_required():
            # `name:` written with nothing after it, as a fresh organisation.yaml has it
            problems.add(file, _("'{key}' is still empty.").format(key=where), line=line,
                         hint=_("Fill it in after the colon; it is required."))
        elif item["type"] == NOT_A_DATE:
            problems.add(file, _("{key}: '{value}' is not a date.").format(
                key=where, value=item.get("input")), line=line,
                hint=_("Write dates as 2018-11-30 or 30-11-2018."))
        elif item["type"] == "missing":
            problems.add(file, _("the key '{key}' is missing.").format(key=where), line=line,
                         hint=_("Add it; it is required."))
        else:
            value = item.get("input")
            if isinstance(value, (dict, list)) or value is None:
                message = _("{key}: {reason}.").format(key=where, reason=reason(item))
            else:
                message = _("{key}: {value!r} is not valid: {reason}.").format(
                    key=where, value=value, reason=reason(item))
            hint = (_("Write one of the values listed.") if item["type"] == "literal_error"
                    else _("Correct the value; README.md describes every key."))
            problems.add(file, message, line=line, hint=hint)
