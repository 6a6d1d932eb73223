"""`grantgen variables`: every name a template may use, with its meaning, how to write it
in Word and its value in one document of the workspace."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from grantgen.commands.review import review_context
from grantgen.core.errors import GrantgenError, InputError, Problem
from grantgen.core.formatting import filters_for, is_missing
from grantgen.core.i18n import _
from grantgen.core.workspace import Workspace
from grantgen.documents.charts import Chart
from grantgen.documents.names import Name
from grantgen.documents.names_yearend import CHART
from grantgen.documents.schema import DECLARED, context_names, declared_names
from grantgen.documents.templates import BUILTIN, find_template
from grantgen.facts.tables import ALL
from grantgen.figures.plan import COMPANION_KINDS, FILE_WORDS, DocumentKind, DocumentSpec
from grantgen.pipeline.build import prepare
from grantgen.texts.library import Text

#: the kinds of document `grantgen variables --kind` knows, and the Dutch words for them
KINDS = ("application", "report", "annual-report", "review-pack")
KIND_WORDS = {"aanvraag": "application", "verantwoording": "report",
              "jaarverslag": "annual-report", "beoordeling": "review-pack",
              "annual_report": "annual-report", "review_pack": "review-pack"}


def kind_of(word: str) -> str:
    """'report' for 'report' or 'verantwoording'; a GrantgenError for an unknown word."""
    kind = KIND_WORDS.get(word.strip().lower(), word.strip().lower())
    if kind not in KINDS:
        raise GrantgenError(_("'{kind}' is not a kind of document grantgen writes. Kinds: "
                              "{kinds}.").format(kind=word, kinds=", ".join(KINDS)))
    return kind


@dataclass
class _Chosen:
    """The document whose values `grantgen variables` shows (or none: names only)."""

    kind: str
    spec: Any = None
    context: dict | None = None
    #: the plan has no such application: one asking € 0 was made up
    made_up: bool = False
    #: why there are no values, or what else there is
    notes: list[str] = field(default_factory=list)


def _find_document(prepared, given: str) -> tuple[str, Any, int | None]:
    """The kind, spec (None for a review pack) and year of the document at `given`, a path in
    the output folder as the manifest, the file manager or a later version names it."""


    wanted = given.replace("\\", "/")
    wanted = re.sub(r"-v\d+(\.docx|\.pdf)$", r"\1", wanted)
    wanted = re.sub(r"\.pdf$", ".docx", wanted)
    for spec in prepared.specs:
        if wanted == spec.path or wanted.endswith("/" + spec.path):
            if spec.kind in COMPANION_KINDS:  # a form's values use its application's names
                spec = spec.application
            return spec.kind, spec, spec.year
    name = wanted.rsplit("/", 1)[-1]
    words = "|".join(FILE_WORDS[DocumentKind.REVIEW_PACK].values())
    pack = re.fullmatch("(?:" + words + r")(?:-(\d{4}))?\.docx", name)
    if pack:
        return "review-pack", None, int(pack.group(1)) if pack.group(1) else None
    example = prepared.specs[0].path if prepared.specs else "2019/oranje-fonds/aanvraag-2019.docx"
    raise GrantgenError(_("'{given}' is not a document the funding plan calls for. Give its path "
                          "in the output folder, such as {example}, or a funder id.").format(
                              given=given, example=example))


def _check_funder(prepared, funder_id: str | None) -> None:
    funders = prepared.facts.funders
    if funder_id is not None and funder_id not in funders:
        known = ", ".join(sorted(funders)) or _("none")
        raise GrantgenError(_("There is no funder '{funder}' in funders/. Funders: {known}.")
                            .format(funder=funder_id, known=known))


def _choose(workspace: Workspace, prepared, kind: str, funder_id: str | None,
            year: int | None, location: str | None) -> _Chosen:
    """The document of `kind` to show values of: the first in the plan that fits; for an
    application without one, one made up; for the other kinds, none (names only)."""

    _check_funder(prepared, funder_id)
    if kind != "application" and location is not None:
        raise GrantgenError(_("--location chooses an application; leave it out for the names "
                              "of a report, the annual report or the review pack."))
    if kind == "annual-report" and funder_id is not None:
        raise GrantgenError(_("The annual report is about the whole organisation, not about one "
                              "funder: leave out '{funder}'.").format(funder=funder_id))
    if kind == "review-pack" and funder_id is not None:
        raise GrantgenError(_("The review pack is about every document, not about one funder: "
                              "leave out '{funder}'.").format(funder=funder_id))
    funders = prepared.facts.funders
    if kind == "review-pack":

        try:
            made = review_context(workspace, None, year)
        except InputError:
            raise  # a problem in the workspace itself
        except GrantgenError:  # nothing built yet
            return _Chosen(kind, notes=[_(
                "There are no documents in the output folder{about} yet, so the names are "
                "shown without values: run grantgen build first.").format(
                    about=_(" about {year}").format(year=year) if year else "")])
        return _Chosen(kind, DocumentSpec(DocumentKind.REVIEW_PACK, year or 0,
                                          made.context["language"]), made.context)
    for spec in prepared.specs:
        if spec.kind == kind and funder_id in (None, spec.funder_id) and \
                year in (None, spec.year) and location in (None, spec.location_id):
            return _Chosen(kind, spec, prepared.contexts.build(spec))
    if kind == "report":
        about = ((_(" to {funder}").format(funder=funders[funder_id].name) if funder_id else "")
                 + (_(" on {year}").format(year=year) if year else ""))
        return _Chosen(kind, notes=[_(
            "The funding plan calls for no report{about}, so the names are shown without "
            "values. A report is written to every funder with committed or received funding "
            "in a year that has realised costs in facts/actuals.csv.").format(about=about)])
    if kind == "annual-report":
        return _Chosen(kind, notes=[_(
            "The funding plan calls for no annual report{about}, so the names are shown "
            "without values. An annual report is written for every year that has realised "
            "costs in facts/actuals.csv.").format(
                about=_(" on {year}").format(year=year) if year else "")])
    if not funders:
        return _Chosen(kind)
    funder = funders[funder_id] if funder_id else next(iter(funders.values()))
    budget_years = prepared.facts.years("budget")
    chosen_year = year or (max(budget_years) if budget_years else dt.date.today().year)
    spec = DocumentSpec(DocumentKind.APPLICATION, chosen_year, funder.language, funder.id,
                        location or ALL, 0.0)
    chosen = _Chosen(kind, spec, prepared.contexts.build(spec), made_up=True)
    others = [s for s in prepared.specs if s.funder_id == funder.id and s.year == chosen_year
              and s.kind == "report"]
    if others:
        chosen.notes.append(_("{funder} has a report on {year}: grantgen variables {id} --year "
                              "{year} --kind report shows its names.").format(
                                  funder=funder.name, year=chosen_year, id=funder.id))
    return chosen


def _heading(chosen: _Chosen, prepared) -> str:
    """The first line of the listing: which kind of template, and whose values."""
    spec, kind = chosen.spec, chosen.kind
    if chosen.context is None:
        return {
            "application": _("The names a Word template may use. Add a funder profile to "
                             "funders/ to see their values too."),
            "report": _("The names a template of an accountability report may use."),
            "annual-report": _("The names a template of the annual report may use."),
            "review-pack": _("The names the template of the review pack may use."),
        }[kind]
    funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
    if kind == "application":
        assert funder is not None  # an application, planned or made up, is to a funder
        return _("The names a Word template may use, with their value in the application "
                 "{year} to {funder} for {location}.").format(
                     year=spec.year, funder=funder.name,
                     location=chosen.context["location"]["name"])
    if kind == "report":
        assert funder is not None  # a planned report is to a funder
        return _("The names a template of an accountability report may use, with their value "
                 "in the report on {year} to {funder}.").format(year=spec.year,
                                                                 funder=funder.name)
    if kind == "annual-report":
        return _("The names a template of the annual report may use, with their value in the "
                 "annual report {year}.").format(year=spec.year)
    return _("The names the template of the review pack may use, with their value in the "
             "review pack of {scope}.").format(scope=chosen.context["review"]["scope"])


def _template_line(workspace: Workspace, chosen: _Chosen, prepared) -> str | None:
    """Which Word file the chosen document is made from, and how to change it."""

    spec = chosen.spec
    if spec is None or chosen.made_up:
        return None
    funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
    found = find_template(workspace, chosen.kind, funder, spec.language)
    if isinstance(found, Problem):
        return None
    path, shown = found
    if path.parent == BUILTIN:
        return _("It is made from the built-in template {name}: to change it, copy {source} "
                 "into templates/ under the same name and edit the copy in Word.").format(
                     name=path.name, source=path)
    return _("It is made from the template {file}: open that in Word to change it.").format(
        file=shown)


def _shown(value: Any, filter: str | None, language: str, unit: Any = None,
           signed: bool = False) -> str:

    if isinstance(value, Text):
        value = str(value).replace("\n", " ")
    if isinstance(value, Chart):
        return _("(a picture)")
    if isinstance(value, bool):
        return _("true") if value else _("false")
    if isinstance(value, (dict, list, tuple)):
        return ""
    if is_missing(value):
        return _("(empty)")
    if filter and not isinstance(value, str):
        if filter == "indicator":
            return filters_for(language)["indicator"](value, unit or "count")
        if signed:
            return filters_for(language)[filter](value, signed=True)
        return filters_for(language)[filter](value)
    text = str(value)
    return text[:70] + ("..." if len(text) > 70 else "")


def _how(path: str, name: Name | None, loop_vars: dict[str, str], is_bool: bool = False) -> str:
    """How a template writes the name: {{ ask.amount | amount }}, or the loop for a list."""
    written = path
    for list_path, var in sorted(loop_vars.items(), key=lambda kv: -len(kv[0])):
        if path.startswith(list_path + "[]"):
            written = var + path[len(list_path) + 2:]
            break
    if "*" in written:
        return ""
    if is_bool:
        return "{%p if " + written + " %}...{%p endif %}"
    if name is not None and (name.items is not None or name.same_as is not None):
        return "{%" + f" for {name.var} in {written} %" + "}...{% endfor %}"
    if name is not None and name.fields is CHART:
        return "{{ " + written + " }}"
    if name is not None and (name.fields or name.any_key):
        return ""
    if name is not None and name.filter == "indicator":
        return "{{ " + written + " | indicator(" + written.rsplit(".", 1)[0] + ".unit) }}"
    if name is not None and name.filter:
        signed = "(signed=True)" if name.signed else ""
        return "{{ " + written + " | " + name.filter + signed + " }}"
    return "{{ " + written + " }}"


def listing(workspace: Workspace, funder_id: str | None = None, year: int | None = None,
            location: str | None = None, kind: str | None = None) -> str:
    """Every name a template of `kind` (default: application) may use, with its meaning, how
    to write it and its value in one document of that kind. `funder_id` may also be the path
    of a document in the output folder: its kind and year then choose."""

    prepared = prepare(workspace)
    if funder_id is not None and ("/" in funder_id or "\\" in funder_id
                                  or funder_id.lower().endswith((".docx", ".pdf"))):
        found_kind, spec, found_year = _find_document(prepared, funder_id)
        if kind is not None and kind_of(kind) != found_kind:
            raise GrantgenError(_("{path} is a document of kind {found}, not {kind}.").format(
                path=funder_id, found=found_kind, kind=kind_of(kind)))
        kind = found_kind
        year = found_year if year is None else year
        location = spec.location_id if spec is not None and found_kind == "application" \
            else location
        funder_id = spec.funder_id if spec is not None else None
    kind = kind_of(kind or "application")
    chosen = _choose(workspace, prepared, kind, funder_id, year, location)
    declared = declared_names(DECLARED[kind])
    values: dict[str, Any] = {}
    lines: list[str] = [_heading(chosen, prepared)]
    if chosen.context is not None:
        values = context_names(chosen.context)
        if chosen.made_up:
            lines.append(_("(The funding plan has no such application; the values are those "
                           "of an application asking {amount}.)").format(amount="€ 0"))
    template = _template_line(workspace, chosen, prepared)
    lines += ([template] if template else []) + chosen.notes
    lines.append(_("Write a name between {{ and }}; a name with '[]' is one item of a list, "
                   "used inside its {% for %} loop. See README.md, 'Changing a template in "
                   "Word'."))
    others = ", ".join(k for k in KINDS if k != kind)
    lines.append(_("The names of another kind of document: --kind {kinds}.").format(
        kinds=others))
    loop_vars = {path: name.var for path, name in declared.items() if name.items is not None}
    paths: list[tuple[str, Name | None]] = []
    name: Name | None  # a declared name here; None below for an extra column
    for path, name in declared.items():
        if not path.endswith(".*"):
            paths.append((path, name))
            continue
        # the user's own keys (text blocks, sections), each with its value
        parent = path[:-2]
        own = [p for p in values if p.startswith(parent + ".") and "." not in p[len(parent) + 1:]]
        paths += [(p, name) for p in own] or [(path, name)]
        paths += [(f"{p}.{k}", n) for p in own for k, n in name.fields.items()]
    known = {p for p, _n in paths}
    paths += [(p, None) for p in values if p not in known and not _covered(p, declared)]
    width = min(max(len(p) for p, _n in paths) + 2, 44)
    language = chosen.spec.language if chosen.spec is not None else \
        prepared.facts.organisation.settings.language
    for path, name in paths:
        if "." not in path and "[]" not in path:
            lines.append("")
        meaning = _(name.meaning) if name else _("an extra column of your facts")
        if len(path) + 1 < width:
            lines.append(f"{path.ljust(width)}{meaning}")
        else:  # a long name on a line of its own
            lines += [path, " " * width + meaning]
        how = _how(path, name, loop_vars, isinstance(values.get(path), bool)
                   or (name is not None and _is_flag(name)))
        shown = ""
        if path in values:
            unit = values.get(path.rsplit(".", 1)[0] + ".unit")
            shown = _shown(values[path], name.filter if name else None, language, unit,
                           bool(name and name.signed))
            if "[]" in path and shown:
                shown += " " + _("(the first item)")
        if how or shown:
            lines.append(" " * width + how + (f"  ->  {shown}" if shown else ""))
    return "\n".join(lines)


def _is_flag(name: Name) -> bool:
    """A true-or-false name (its meaning starts 'true when' or 'true for')."""
    return name.meaning.startswith(("true when", "true for")) and not name.fields


def _covered(path: str, declared: dict[str, Name]) -> bool:
    """True when `path` is a user's own key under a name declared with any_key, or an item of
    a list declared the same as another."""
    if any(n.same_as is not None and path.startswith(p + "[]") for p, n in declared.items()):
        return True
    parts = path.split(".")
    for n in range(len(parts) - 1, 0, -1):
        if ".".join(parts[:n]) + ".*" in declared:
            return True
    return False
