"""The names a template may use, declared with their meaning (`grantgen variables`).

`APPLICATION` describes the context `ContextBuilder.application` builds, name by name; a
test keeps the two in step, so every name a template can use is explained here and
nowhere else. `listing` shows every name with its meaning, how to write it in Word and
its value in one application.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .errors import GrantgenError
from .i18n import N_, _
from .tables import ALL
from .workspace import Workspace


@dataclass(frozen=True)
class Name:
    """One name of the context: what it means and how a template shows it."""

    meaning: str
    #: the filter that formats it (amount, number, percent, date, indicator), if any
    filter: str | None = None
    #: a mapping: its names
    fields: dict[str, Name] = field(default_factory=dict)
    #: a list: the names of each item (empty for a list of plain values)
    items: dict[str, Name] | None = None
    #: a list: the loop variable the built-in templates use for its items
    var: str = "x"
    #: a mapping whose keys are the user's own (text blocks, sections): its values
    any_key: Name | None = None


#: an item of a list of plain values (themes, excluded costs)
ITEM_MEANING = N_("one item of the list")


def _n(meaning: str, filter: str | None = None, **kwargs) -> Name:
    return Name(meaning, filter, **kwargs)


CONTACT = {
    "name": _n(N_("name")), "role": _n(N_("role")), "email": _n(N_("email address")),
    "phone": _n(N_("phone number")),
}

LOCATION = {
    "id": _n(N_("short id of the location (all: the organisation as a whole)")),
    "location_id": _n(N_("the same as id")),
    "name": _n(N_("name of the location (or 'Hele organisatie')")),
    "neighbourhood": _n(N_("neighbourhood (wijk)")),
    "city": _n(N_("city")),
    "opened": _n(N_("date the location opened"), "date"),
    "closed": _n(N_("date the location closed, if it did"), "date"),
    "address": _n(N_("street address")),
    "description": _n(N_("a sentence about the location")),
    "is_organisation": _n(N_("true when the document is about the organisation as a whole")),
}

ACTIVITY = {
    "activity_id": _n(N_("short id of the activity")),
    "location_id": _n(N_("location of the activity (all: every location)")),
    "name": _n(N_("name of the activity")),
    "category": _n(N_("kind of activity")),
    "frequency": _n(N_("how often")),
    "description": _n(N_("a sentence about the activity")),
}

REACH = {
    "year": _n(N_("the year of these figures")),
    "unique_participants": _n(N_("different people who came that year"), "number"),
    "visits": _n(N_("visits that year"), "number"),
    "new_participants": _n(N_("people who came for the first time that year"), "number"),
    "possibly_double_counted": _n(N_("true when the organisation-wide count is a sum of the "
                                     "locations and may count people twice")),
    "volunteers": _n(N_("number of volunteers"), "number"),
    "volunteer_hours": _n(N_("hours volunteered that year"), "number"),
    "perspectiefbanen": _n(N_("people in a perspectiefbaan"), "number"),
    "paid_fte": _n(N_("paid staff in fte"), "number"),
}

ATTACHMENT = {
    "id": _n(N_("short id of the attachment")),
    "name": _n(N_("what the attachment is, as the funder names it")),
    "kind": _n(N_("application or report: when the funder wants it")),
    "above": _n(N_("only from this amount upwards"), "amount"),
    "max_age_months": _n(N_("how many months old the document may be at most")),
    "in_document": _n(N_("true when the document itself holds it, so no file is needed")),
    "first_application_only": _n(N_("true when only a first application needs it")),
}

FUNDER = {
    "id": _n(N_("short id of the funder (its file name in funders/)")),
    "name": _n(N_("name of the funder")),
    "type": _n(N_("kind of funder: municipality, housing-corporation, private-fund or "
                  "health-insurer")),
    "type_label": _n(N_("kind of funder in words (gemeente, fonds, ...)")),
    "language": _n(N_("language of the funder's documents: nl or en")),
    "programme": _n(N_("the funder's programme or budget you apply to")),
    "website": _n(N_("the funder's website")),
    "description": _n(N_("a description of the funder, from its profile")),
    "salutation": _n(N_("the opening of the letter, e.g. 'Geacht college'")),
    "contact": _n(N_("who the letter is addressed to"), fields={
        "name": _n(N_("name of the contact person")),
        "department": _n(N_("department")),
        "address": _n(N_("postal address")),
        "postcode": _n(N_("postcode")),
        "city": _n(N_("city")),
        "email": _n(N_("email address")),
        "phone": _n(N_("phone number")),
        "salutation": _n(N_("the opening of the letter, as written in the profile")),
    }),
    "templates": _n(N_("own templates per document kind, from the profile"),
                    any_key=_n(N_("file name of the template in templates/"))),
    "themes": _n(N_("indicator themes the funder cares about, in order"), items={}, var="t"),
    "sections": _n(N_("the sections of the funder's form, from the profile"),
                   any_key=_n(N_("one section"), fields={
                       "block": _n(N_("the text block that fills it")),
                       "title": _n(N_("its title")),
                       "max_words": _n(N_("the most words it may have"), "number")})),
    "rules": _n(N_("what the funder accepts, from the profile"), fields={
        "min_amount": _n(N_("the least you may ask"), "amount"),
        "max_amount": _n(N_("the most you may ask"), "amount"),
        "max_share": _n(N_("the largest share of the budget the funder carries"), "percent"),
        "min_cofunding": _n(N_("the share of the budget that must come from others"),
                            "percent"),
        "excluded_costs": _n(N_("costs the funder does not pay for"), items={}, var="c"),
        "balanced_budget": _n(N_("true when costs must equal income plus this request")),
        "legal_forms": _n(N_("legal forms the funder accepts (empty: any)"), items={}, var="f"),
        "requires_volunteers": _n(N_("true when volunteers are a hard requirement")),
        "min_volunteers": _n(N_("the least number of volunteers the funder wants"), "number"),
        "contact_above": _n(N_("above this amount, contact the funder first"), "amount"),
    }),
    "deadlines": _n(N_("the funder's deadlines"), var="d", items={
        "kind": _n(N_("application or report")),
        "label": _n(N_("what the deadline is for")),
        "date": _n(N_("a fixed date"), "date"),
        "day": _n(N_("day of the month (every year)")),
        "month": _n(N_("month (every year)")),
        "year_offset": _n(N_("years after the grant year (-1: the year before)")),
    }),
    "attachments": _n(N_("every attachment the funder asks for"), items=ATTACHMENT, var="a"),
    "reporting": _n(N_("what a report must contain, by amount"), var="r", items={
        "above": _n(N_("from this amount upwards"), "amount"),
        "label": _n(N_("what is asked")),
        "requires": _n(N_("what it requires"), items={}, var="q"),
    }),
}

ITEM = _n(ITEM_MEANING)

#: every name of an application's context, in the order `grantgen variables` shows them
APPLICATION: dict[str, Name] = {
    "year": _n(N_("the year applied for")),
    "language": _n(N_("language of this document: nl or en")),
    "document": _n(N_("this document"), fields={
        "kind": _n(N_("kind of document: application")),
        "year": _n(N_("the year it is about")),
        "date": _n(N_("the date it was made"), "date"),
        "path": _n(N_("where it is written in the output folder")),
        "status": _n(N_("draft or approved")),
        "version": _n(N_("version number")),
    }),
    "org": _n(N_("your organisation, from facts/organisation.yaml"), fields={
        "name": _n(N_("name of the organisation")),
        "legal_form": _n(N_("legal form: stichting, vereniging or cooperatie")),
        "legal_form_label": _n(N_("legal form in words")),
        "mission": _n(N_("the mission")),
        "kvk": _n(N_("KvK number")),
        "rsin": _n(N_("RSIN (tax number)")),
        "iban": _n(N_("bank account (IBAN)")),
        "anbi": _n(N_("true when the organisation has ANBI status")),
        "address": _n(N_("street address")),
        "postcode": _n(N_("postcode")),
        "city": _n(N_("city")),
        "website": _n(N_("website")),
        "email": _n(N_("email address")),
        "phone": _n(N_("phone number")),
        "founded": _n(N_("date founded"), "date"),
        "board": _n(N_("the board members"), items={
            "name": _n(N_("name")), "role": _n(N_("role on the board"))}, var="m"),
        "contact": _n(N_("the contact person for funders"), fields=CONTACT),
    }),
    "funder": _n(N_("the funder this application goes to, from funders/"), fields=FUNDER),
    "location": _n(N_("the location applied for (or the whole organisation)"),
                   fields=LOCATION),
    "locations": _n(N_("the locations this application covers, each with its activities"),
                    var="loc", items={**LOCATION, "activities": _n(
                        N_("the activities at this location"), items=ACTIVITY, var="a")}),
    "reach": _n(N_("reach and volunteers of this location in the last year with figures"),
                fields=REACH),
    "reach_org": _n(N_("the same for the organisation as a whole (people counted once)"),
                    fields=REACH),
    "reach_table": _n(N_("reach over the last three years with figures, per location"),
                      fields={
                          "years": _n(N_("the years in the table"), items={}, var="y"),
                          "rows": _n(N_("one row per location and year"), var="r", items={
                              "location": _n(N_("name of the location, in its first row "
                                                "only")),
                              "location_id": _n(N_("short id of the location")), **REACH}),
                          "total": _n(N_("the organisation as a whole, one row per year"),
                                      items=REACH, var="r"),
                          "double_counted": _n(N_("true when a total may count people "
                                                  "twice")),
                      }),
    "outcomes": _n(N_("results and targets of the outcome indicators"), fields={
        "year": _n(N_("the last year with a measured result")),
        "next_year": _n(N_("the year applied for")),
        "rows": _n(N_("one row per indicator and location; the funder's themes first"),
                   var="o", items={
                       "indicator_id": _n(N_("short id of the indicator")),
                       "label": _n(N_("what is measured")),
                       "unit": _n(N_("unit: count, percent, euro or hours")),
                       "location_id": _n(N_("short id of the location")),
                       "location": _n(N_("name of the location")),
                       "themes": _n(N_("themes of the indicator"), items={}, var="t"),
                       "in_themes": _n(N_("true when it matches one of the funder's themes")),
                       "year": _n(N_("the year of the result")),
                       "value": _n(N_("the measured result (write: o.value | "
                                      "indicator(o.unit))"), "indicator"),
                       "target": _n(N_("the target of that year"), "indicator"),
                       "next_target": _n(N_("the target of the year applied for"),
                                         "indicator"),
                       "higher_is_better": _n(N_("true when a higher value is better")),
                       "met": _n(N_("true when the target was met, false when not, empty "
                                    "without a target")),
                   }),
    }),
    "budget": _n(N_("the budget (planned costs) of the year applied for"), fields={
        "year": _n(N_("the year of the budget")),
        "categories": _n(N_("the cost categories"), var="c", items={
            "name": _n(N_("name of the category")),
            "lines": _n(N_("the cost items of the category"), var="l", items={
                "item": _n(N_("the cost item")),
                "amount": _n(N_("its amount"), "amount")}),
            "subtotal": _n(N_("total of the category"), "amount"),
        }),
        "total": _n(N_("total costs"), "amount"),
        "has_lines": _n(N_("true when there is a budget for this year")),
    }),
    "funding": _n(N_("the dekkingsplan: every source of income and its status"), fields={
        "sources": _n(N_("every source of income"), var="s", items={
            "source": _n(N_("the source as written in funding (a funder_id or a label)")),
            "name": _n(N_("name of the source")),
            "status": _n(N_("requested, committed, received or rejected")),
            "status_label": _n(N_("the status in words")),
            "amount": _n(N_("the amount"), "amount"),
            "is_this_request": _n(N_("true for the request of this application")),
        }),
        "committed": _n(N_("income committed or received"), "amount"),
        "requested": _n(N_("income requested and not yet committed"), "amount"),
        "budget": _n(N_("total costs"), "amount"),
        "gap": _n(N_("the gap: total costs minus committed income"), "amount"),
        "open_after_requests": _n(N_("what remains open when every request is granted"),
                                  "amount"),
    }),
    "ask": _n(N_("what this application asks"), fields={
        "amount": _n(N_("the amount asked of this funder"), "amount"),
        "share": _n(N_("the amount as a share of the total costs"), "percent"),
        "gap": _n(N_("the gap after committed income"), "amount"),
        "balance": _n(N_("costs minus committed income minus this request (0: the budget "
                         "balances)"), "amount"),
        "share_of_gap": _n(N_("the amount as a share of the gap"), "percent"),
    }),
    "attachments": _n(N_("the attachments this funder wants with this application"),
                      items=ATTACHMENT, var="a"),
    "age_bands": _n(N_("participants per age group in the last year with figures"), var="a",
                    items={
                        "band": _n(N_("the age group: <23, 18-60, 60+ or ?")),
                        "label": _n(N_("the age group in words")),
                        "count": _n(N_("number of participants"), "number"),
                        "small": _n(N_("true when the group is too small to show")),
                        "shown": _n(N_("the number to show ('< 5' for a small group)"),
                                    "number"),
                    }),
    "tenants": _n(N_("participants who rent from this housing corporation"), fields={
        "known": _n(N_("true when the facts say who rents from whom")),
        "count": _n(N_("number of participants who rent from the funder"), "number"),
        "shown": _n(N_("the number to show ('< 5' for a small group)"), "number"),
        "share": _n(N_("their share of all participants"), "percent"),
        "year": _n(N_("the year of these figures")),
    }),
    "texts": _n(N_("your texts from texts/: write {{ texts.samenvatting }} for "
                   "texts/samenvatting.md"), any_key=_n(N_("a text block from texts/"))),
    "sections": _n(N_("the sections of the funder's form, each filled with the longest version "
                      "of its text block that fits the funder's word limit: write "
                      "{{p sections.summary }}, and {{ sections.summary.title }} for its title"),
                   any_key=_n(N_("a section of the funder's form"))),
}

#: the declared names of each document kind's context
DECLARED: dict[str, dict[str, Name]] = {"application": APPLICATION}


def declared_names(names: dict[str, Name], prefix: str = "") -> dict[str, Name]:
    """Every declared name, flat: 'funding.sources[].amount'; '*' stands for any key."""
    flat: dict[str, Name] = {}
    for key, name in names.items():
        path = f"{prefix}.{key}" if prefix else key
        flat[path] = name
        flat.update(declared_names(name.fields, path))
        if name.items is not None:
            flat.update(declared_names(name.items, path + "[]") if name.items
                        else {path + "[]": ITEM})
        if name.any_key is not None:
            flat[path + ".*"] = name.any_key
            flat.update(declared_names(name.any_key.fields, path + ".*"))
    return flat


def context_names(value: Any, prefix: str = "", open_keys: frozenset[str] = frozenset()
                  ) -> dict[str, Any]:
    """Every name of a context, flat, with its (first) value; keys under a name in
    `open_keys` (the user's own keys) are written as '*'."""
    flat: dict[str, Any] = {}
    if prefix and not (prefix.endswith("[]") and isinstance(value, dict)):
        flat[prefix] = value  # an item that is a mapping is only its names
    if isinstance(value, dict):
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


# ---- the listing ----------------------------------------------------------------------------

def _choose(prepared, funder_id: str | None, year: int | None, location: str | None):
    """The application to show values of: the first one that fits, or one made up."""
    from .plan import DocumentSpec

    funders = prepared.facts.funders
    if funder_id is not None and funder_id not in funders:
        known = ", ".join(sorted(funders)) or _("none")
        raise GrantgenError(_("There is no funder '{funder}' in funders/. Funders: {known}.")
                            .format(funder=funder_id, known=known))
    for spec in prepared.specs:
        if spec.kind == "application" and funder_id in (None, spec.funder_id) and \
                year in (None, spec.year) and location in (None, spec.location_id):
            return spec, False
    if not funders:
        return None, False
    funder = funders[funder_id] if funder_id else next(iter(funders.values()))
    budget_years = prepared.facts.years("budget")
    chosen_year = year or (max(budget_years) if budget_years else dt.date.today().year)
    return DocumentSpec("application", chosen_year, funder.language, funder.id,
                        location or ALL, 0.0), True


def _shown(value: Any, filter: str | None, language: str, unit: Any = None) -> str:
    from .formatting import filters_for, is_missing
    from .texts import Text

    if isinstance(value, Text):
        value = str(value).replace("\n", " ")
    if isinstance(value, bool):
        return _("true") if value else _("false")
    if isinstance(value, (dict, list, tuple)):
        return ""
    if is_missing(value):
        return _("(empty)")
    if filter and not isinstance(value, str):
        if filter == "indicator":
            return filters_for(language)["indicator"](value, unit or "count")
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
    if name is not None and name.items is not None:
        return "{%" + f" for {name.var} in {written} %" + "}...{% endfor %}"
    if name is not None and (name.fields or name.any_key):
        return ""
    if name is not None and name.filter == "indicator":
        return "{{ " + written + " | indicator(" + written.rsplit(".", 1)[0] + ".unit) }}"
    if name is not None and name.filter:
        return "{{ " + written + " | " + name.filter + " }}"
    return "{{ " + written + " }}"


def listing(workspace: Workspace, funder_id: str | None = None, year: int | None = None,
            location: str | None = None) -> str:
    """Every name a template may use, with its meaning, how to write it and its value."""
    from .build import prepare

    prepared = prepare(workspace)
    spec, made_up = _choose(prepared, funder_id, year, location)
    declared = declared_names(APPLICATION)
    values: dict[str, Any] = {}
    lines: list[str] = []
    if spec is not None:
        context = prepared.contexts.build(spec)
        values = context_names(context)
        funder = prepared.facts.funders[spec.funder_id]
        lines.append(_("The names a Word template may use, with their value in the application "
                       "{year} to {funder} for {location}.").format(
                           year=spec.year, funder=funder.name,
                           location=context["location"]["name"]))
        if made_up:
            lines.append(_("(The funding plan has no such application; the values are those "
                           "of an application asking {amount}.)").format(amount="€ 0"))
    else:
        lines.append(_("The names a Word template may use. Add a funder profile to funders/ "
                       "to see their values too."))
    lines.append(_("Write a name between {{ and }}; a name with '[]' is one item of a list, "
                   "used inside its {% for %} loop. See README.md, 'Changing a template in "
                   "Word'."))
    loop_vars = {path: name.var for path, name in declared.items() if name.items is not None}
    paths: list[tuple[str, Name | None]] = []
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
    language = spec.language if spec is not None else "nl"
    for path, name in paths:
        if "." not in path and "[]" not in path:
            lines.append("")
        meaning = _(name.meaning) if name else _("an extra column of your facts")
        lines.append(f"{path.ljust(width)}{meaning}")
        how = _how(path, name, loop_vars, isinstance(values.get(path), bool))
        shown = ""
        if path in values:
            unit = values.get(path.rsplit(".", 1)[0] + ".unit")
            shown = _shown(values[path], name.filter if name else None, language, unit)
            if "[]" in path and shown:
                shown += " " + _("(the first item)")
        if how or shown:
            lines.append(" " * width + how + (f"  ->  {shown}" if shown else ""))
    return "\n".join(lines)


def _covered(path: str, declared: dict[str, Name]) -> bool:
    """True when `path` is a user's own key under a name declared with any_key."""
    parts = path.split(".")
    for n in range(len(parts) - 1, 0, -1):
        if ".".join(parts[:n]) + ".*" in declared:
            return True
    return False
