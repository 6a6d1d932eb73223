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

from grantgen.commands.review import review_context
from grantgen.core.errors import GrantgenError, InputError, Problem
from grantgen.core.formatting import filters_for, is_missing
from grantgen.core.i18n import N_, _
from grantgen.core.workspace import Workspace
from grantgen.documents.charts import Chart
from grantgen.documents.templates import BUILTIN, find_template
from grantgen.facts.tables import ALL
from grantgen.figures.plan import FILE_WORDS, DocumentSpec
from grantgen.pipeline.build import prepare
from grantgen.texts.library import Text


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
    #: a change or difference: the filter shows its sign (`| number(signed=True)`: +12)
    signed: bool = False
    #: a list whose items have the names of the items of this other list (its path)
    same_as: str | None = None


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

ORG = {
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
}


def _org() -> Name:
    return _n(N_("your organisation, from facts/organisation.yaml"), fields=ORG)


def _document(kind: str, path: bool = True) -> Name:
    """`document`: what the document itself is; `kind` is the meaning of document.kind."""
    fields = {
        "kind": _n(kind),
        "year": _n(N_("the year it is about")),
        "date": _n(N_("the date it was made"), "date"),
        "path": _n(N_("where it is written in the output folder")),
        "status": _n(N_("draft or approved")),
        "version": _n(N_("version number")),
    }
    if not path:
        del fields["path"]
    return _n(N_("this document"), fields=fields)


def _pick(names: dict[str, Name], *keys: str) -> dict[str, Name]:
    return {key: names[key] for key in keys}


PRIVACY = _n(N_("privacy in breakdowns by age group, landlord and neighbourhood"), fields={
    "threshold": _n(N_("groups smaller than this show as '< 5' "
                       "(settings.privacy_threshold)"), "number")})

#: a group of a breakdown by age group or neighbourhood (grantgen/privacy.py)
GROUP = {
    "key": _n(N_("the group as the facts write it ('?': unknown)")),
    "label": _n(N_("the group in words")),
    "count": _n(N_("number of participants"), "number"),
    "small": _n(N_("true when the group is too small to show")),
    "shown": _n(N_("the number to show ('< 5' for a small group)"), "number"),
}

AGE_BAND = {
    "band": _n(N_("the age group: <23, 18-60, 60+ or ?")),
    "key": _n(N_("the same as band")),
    "label": _n(N_("the age group in words")),
    **_pick(GROUP, "count", "small", "shown"),
}

TENANTS = {
    "known": _n(N_("true when the facts say who rents from whom")),
    "count": _n(N_("number of participants who rent from the funder"), "number"),
    "shown": _n(N_("the number to show ('< 5' for a small group)"), "number"),
    "small": _n(N_("true when the group is too small to show")),
    "share": _n(N_("their share of all participants"), "percent"),
    "year": _n(N_("the year of these figures")),
}

TEXTS = _n(N_("your texts from texts/: write {{ texts.samenvatting }} for "
              "texts/samenvatting.md"), any_key=_n(N_("a text block from texts/")))

#: every name of an application's context, in the order `grantgen variables` shows them
APPLICATION: dict[str, Name] = {
    "year": _n(N_("the year applied for")),
    "language": _n(N_("language of this document: nl or en")),
    "document": _document(N_("kind of document: application")),
    "org": _org(),
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
                    items=AGE_BAND),
    "neighbourhoods": _n(N_("participants per neighbourhood they live in, in the last year "
                            "with figures: the largest first, small groups and unknown last"),
                         var="n", items=GROUP),
    "tenants": _n(N_("participants who rent from this housing corporation"), fields=TENANTS),
    "privacy": PRIVACY,
    "texts": TEXTS,
    "sections": _n(N_("the sections of the funder's form, each filled with the longest version "
                      "of its text block that fits the funder's word limit: write "
                      "{{p sections.summary }}, and {{ sections.summary.title }} for its title"),
                   any_key=_n(N_("a section of the funder's form"))),
}

# ---- the year-end documents: annual report and accountability reports (yearend.py) ----------

#: the figures that change from one year to the next (yearend._METRICS)
METRICS = {
    "unique_participants": N_("unique participants"), "visits": N_("visits"),
    "new_participants": N_("new participants"), "volunteers": N_("volunteers"),
    "volunteer_hours": N_("volunteer hours"), "perspectiefbanen": N_("perspectiefbanen"),
}

CHANGE = {
    "value": _n(N_("the change from the year before (+12, -3); empty without that year"),
                "number", signed=True),
    "share": _n(N_("the change as a share of the year before (+8,5%)"), "percent",
                signed=True),
}

#: reach and volunteers of a year, with the year before and the change
FIGURES = {
    **REACH,
    "previous": _n(N_("the same figures of the year before (empty when there are none)"),
                   fields=REACH),
    "change": _n(N_("the change from the year before, per figure"), fields={
        key: _n(meaning, fields=CHANGE) for key, meaning in METRICS.items()}),
}

MONEY = {
    "budget": _n(N_("the budgeted amount"), "amount"),
    "actual": _n(N_("the amount realised (spent); empty when not all of it is known"),
                 "amount"),
    "difference": _n(N_("realised minus budget (+ spent more, - spent less)"), "amount",
                     signed=True),
    "share": _n(N_("the difference as a share of the budget"), "percent", signed=True),
}

COST_LINE = {
    "category": _n(N_("the cost category, as in the budget")),
    "item": _n(N_("the cost item, as in the budget")),
    **MONEY,
    "budgeted": _n(N_("true when the budget has this line")),
    "deviates": _n(N_("true when realised and budget differ by more than the threshold "
                      "(10%), or the line was not budgeted")),
    "explanation": _n(N_("why it differs, from facts/explanations.csv (empty when not "
                         "given)")),
    "needs_explanation": _n(N_("true when it deviates and has no explanation yet")),
}

COSTS = {
    "year": _n(N_("the year of the costs")),
    "blocks": _n(N_("per location (and organisation-wide costs): its costs by category"),
                 var="blk", items={
                     "location_id": _n(N_("short id of the location (all: "
                                          "organisation-wide costs)")),
                     "name": _n(N_("name of the location")),
                     "reported": _n(N_("true when realised costs are known for it")),
                     "categories": _n(N_("its cost categories"), var="c", items={
                         "name": _n(N_("name of the category")),
                         "lines": _n(N_("the cost lines of the category"), var="l",
                                     items=COST_LINE),
                         **MONEY}),
                     **MONEY}),
    "categories": _n(N_("every cost category, over all locations together"), var="c",
                     items={"name": _n(N_("name of the category")), **MONEY}),
    "deviations": _n(N_("every cost line that deviates, with its explanation"), var="d",
                     items={**COST_LINE,
                            "location": _n(N_("name of the location")),
                            "location_id": _n(N_("short id of the location"))}),
    "missing_explanations": _n(N_("how many deviations have no explanation yet"), "number"),
    "threshold": _n(N_("a line deviates when it differs more than this share "
                       "(settings.deviation_threshold)"), "percent"),
    "has_lines": _n(N_("true when there are cost lines for this year")),
    **MONEY,
}

INCOME = {
    "sources": _n(N_("every source of income of the year, received first"), var="s", items={
        "source": _n(N_("the source as written in funding (a funder_id or a label)")),
        "name": _n(N_("name of the source")),
        "status": _n(N_("requested, committed, received or rejected")),
        "status_label": _n(N_("the status in words")),
        "amount": _n(N_("the amount"), "amount"),
        "counts": _n(N_("true when it is income: committed or received")),
        "is_this_funder": _n(N_("true for the funder this report goes to")),
    }),
    "realised": _n(N_("income committed or received"), "amount"),
    "received": _n(N_("income received"), "amount"),
    "committed": _n(N_("income committed, not yet received"), "amount"),
    "not_granted": _n(N_("income requested but not granted, or rejected"), "amount"),
    "actual_costs": _n(N_("the realised costs"), "amount"),
    "result": _n(N_("income minus realised costs (the result of the year)"), "amount",
                 signed=True),
}

STORY = {
    "story_id": _n(N_("short id of the story")),
    "location_id": _n(N_("short id of its location (all: the organisation)")),
    "location": _n(N_("name of its location (empty for the organisation as a whole)")),
    "title": _n(N_("a short title")),
    "person": _n(N_("how the person may be named, e.g. 'bezoeker (72)'")),
    "quote": _n(N_("the quote, in the person's own words")),
    "themes": _n(N_("themes of the story"), items={}, var="t"),
}

#: results against targets in the year (yearend.outcome_rows)
RESULT = {
    "indicator_id": _n(N_("short id of the indicator")),
    "label": _n(N_("what is measured")),
    "unit": _n(N_("unit: count, percent, euro or hours")),
    "location_id": _n(N_("short id of the location")),
    "location": _n(N_("name of the location")),
    "value": _n(N_("the measured result (write: o.value | indicator(o.unit))"), "indicator"),
    "target": _n(N_("the target of the year"), "indicator"),
    "met": _n(N_("true when the target was met, false when not, empty without a target")),
    "difference": _n(N_("result minus target"), "number", signed=True),
    "source": _n(N_("where the value comes from")),
    "themes": _n(N_("themes of the indicator"), items={}, var="t"),
    "in_themes": _n(N_("true when it matches one of the funder's themes")),
}

#: a chart: `{{ charts.participants }}` in a paragraph of its own shows the picture
CHART = {
    "caption": _n(N_("its caption, with the years or the year")),
    "alt": _n(N_("what it shows, in words (the picture's alternative text)")),
}

PERIOD = {
    "start": _n(N_("first day"), "date"),
    "end": _n(N_("last day"), "date"),
}

CHAPTER = {
    **LOCATION,
    "activities": _n(N_("the activities at this location"), items=ACTIVITY, var="a"),
    "period": _n(N_("the part of the year the location was open"), fields={
        **PERIOD,
        "whole_year": _n(N_("true when it was open the whole year")),
        "opened_this_year": _n(N_("true when it opened this year")),
        "closed_this_year": _n(N_("true when it closed this year")),
        "closed": _n(N_("the day it closed, when that was this year"), "date"),
    }),
    "figures": _n(N_("its reach and volunteers this year, with the year before"),
                  fields=FIGURES),
    "stories": _n(N_("its stories of this year, only those with consent"), items=STORY,
                  var="s"),
    "outcomes": _n(N_("its results against targets this year"), items=RESULT, var="o"),
    "costs": _n(N_("its costs: budget against realised"), fields=MONEY),
}

YEAR_END_REACH_TABLE = {
    "rows": _n(N_("one row per location, with the year before and the change"), var="r",
               items={"name": _n(N_("name of the location")),
                      "location_id": _n(N_("short id of the location")), **FIGURES}),
    "total": _n(N_("the locations together, each person once (empty for one location; "
                   "the year before and the change only for the whole organisation)"),
                fields=FIGURES),
    "sum_of_locations": _n(N_("the participants of the locations added up"), "number"),
    "counted_more_than_once": _n(N_("people who came to more than one location: the sum of "
                                    "the locations minus the total"), "number"),
}

TIER = {
    "above": _n(N_("from this amount upwards"), "amount"),
    "label": _n(N_("what is asked")),
    "requires": _n(N_("what it requires"), items={}, var="q"),
}

#: the accountability report to one funder on one finished year (YearEnd.report)
REPORT: dict[str, Name] = {
    "year": _n(N_("the year reported on")),
    "language": _n(N_("language of this document: nl or en")),
    "document": _document(N_("kind of document: report")),
    "org": _org(),
    "funder": _n(N_("the funder this report goes to, from funders/"), fields=FUNDER),
    "period": _n(N_("the year reported on, as dates"), fields=PERIOD),
    "grant": _n(N_("what the funder granted for the year"), fields={
        "amount": _n(N_("the amount granted in all"), "amount"),
        "rows": _n(N_("one row per grant: location and amount"), var="g", items={
            "location": _n(N_("name of the location (or 'Hele organisatie')")),
            "location_id": _n(N_("short id of the location (all: the organisation as a "
                                 "whole)")),
            "amount": _n(N_("the amount"), "amount"),
            "status": _n(N_("committed or received")),
            "status_label": _n(N_("the status in words")),
        }),
        "whole_organisation": _n(N_("true when the grant is for the organisation as a "
                                    "whole")),
        "locations": _n(N_("the names of the funded locations"), items={}, var="n"),
        "locations_text": _n(N_("the funded locations in one phrase: 'De Klop en TOP'")),
        "share_of_costs": _n(N_("the grant as a share of the realised costs"), "percent"),
    }),
    "locations": _n(N_("a chapter per funded location: its activities, figures, results and "
                       "stories"), var="loc", items=CHAPTER),
    "promised": _n(N_("what the application stated against what was realised"), fields={
        "year": _n(N_("the year whose figures the application stated (empty when there was "
                      "none)")),
        "rows": _n(N_("one row per location: stated and realised"), var="r", items={
            "name": _n(N_("name of the location")),
            "stated": _n(N_("unique participants the application stated"), "number"),
            "stated_visits": _n(N_("visits the application stated"), "number"),
            "stated_volunteers": _n(N_("volunteers the application stated"), "number"),
            "realised": _n(N_("unique participants realised"), "number"),
            "realised_visits": _n(N_("visits realised"), "number"),
            "realised_volunteers": _n(N_("volunteers realised"), "number"),
            "change": _n(N_("realised against stated participants"), fields=CHANGE),
        }),
        "outcomes": _n(N_("results against the targets of the year, in the funder's themes"),
                       var="o", items=RESULT),
        "stated": _n(N_("unique participants stated, the locations together"), "number"),
        "realised": _n(N_("unique participants realised, the locations together"), "number"),
        "with_target": _n(N_("how many results have a target"), "number"),
        "met": _n(N_("how many targets were met"), "number"),
    }),
    "reach_table": _n(N_("reach per funded location this year, with the year before"),
                      fields=YEAR_END_REACH_TABLE),
    "age_bands": _n(N_("participants per age group this year (reports to a municipality)"),
                    var="a", items=AGE_BAND),
    "tenants": _n(N_("participants who rent from this housing corporation (reports to a "
                     "housing corporation)"), fields=TENANTS),
    "volunteers": _n(N_("the volunteers, against what the funder requires"), fields={
        "required": _n(N_("true when the funder requires volunteers")),
        "minimum": _n(N_("the least number of volunteers the funder wants"), "number"),
        "rows": _n(N_("one row per funded location"), var="v", items={
            "name": _n(N_("name of the location")),
            "volunteers": _n(N_("number of volunteers"), "number"),
            "volunteer_hours": _n(N_("hours volunteered that year"), "number"),
            "perspectiefbanen": _n(N_("people in a perspectiefbaan"), "number"),
            "meets_minimum": _n(N_("true when the location has the volunteers the funder "
                                   "wants, empty without a minimum")),
        }),
    }),
    "costs": _n(N_("budget against realised costs of the funded locations"), fields=COSTS),
    "income": _n(N_("income of the funded locations this year, by source and status"),
                 fields=INCOME),
    "stories": _n(N_("stories of this year at the funded locations, only those with "
                     "consent"), var="s", items=STORY),
    "tiers": _n(N_("the reporting tiers of the funder's profile that apply to this grant"),
                var="t", items=TIER),
    "tier": _n(N_("the highest tier that applies (empty when none does)"), fields=TIER),
    "requires": _n(N_("what the tiers require, each true or false: "
                      "requires.accountant_statement, requires.content_report, "
                      "requires.financial_report, requires.result_per_budget_line (and any "
                      "other requirement the profile names, with _ for -)"),
                   any_key=_n(N_("true when a tier that applies requires it"))),
    "attachments": _n(N_("the attachments this funder wants with this report"),
                      items=ATTACHMENT, var="a"),
    "deadline": _n(N_("the date the report is due"), "date"),
    "deadline_label": _n(N_("what the funder's profile says of that deadline")),
    "reach": _n(N_("reach of the funded locations together this year (each person once)"),
                fields=_pick(REACH, "unique_participants", "visits",
                             "possibly_double_counted")),
    "reach_org": _n(N_("reach and volunteers of the organisation as a whole this year"),
                    fields=REACH),
    "budget": _n(N_("the costs of the funded locations"), fields={
        "total": _n(N_("total budget"), "amount"),
        "actual": _n(N_("total realised"), "amount")}),
    "funding": _n(N_("the grant"), fields={"granted": _n(N_("the amount granted in all"),
                                                         "amount")}),
    "privacy": PRIVACY,
    "texts": TEXTS,
    "sections": _n(N_("the sections of the built-in templates, each filled with its text "
                      "block: write {{p sections.summary }}"),
                   any_key=_n(N_("a section"))),
}

#: the annual report (jaarverslag) of one finished year (YearEnd.annual_report)
ANNUAL_REPORT: dict[str, Name] = {
    "year": _n(N_("the year of the annual report")),
    "previous_year": _n(N_("the year before")),
    "language": _n(N_("language of this document: nl or en")),
    "document": _document(N_("kind of document: annual-report")),
    "org": _org(),
    "period": _n(N_("the year, as dates"), fields=PERIOD),
    "numbers": _n(N_("the year in numbers, organisation-wide, against the year before"),
                  fields={
                      "year": _n(N_("the year of these figures")),
                      "previous_year": _n(N_("the year before, when it has figures")),
                      "rows": _n(N_("one row per figure"), var="r", items={
                          "key": _n(N_("which figure: unique_participants, visits, "
                                       "new_participants, volunteers, volunteer_hours or "
                                       "perspectiefbanen")),
                          "label": _n(N_("the figure in words")),
                          "value": _n(N_("this year"), "number"),
                          "previous": _n(N_("the year before"), "number"),
                          "change": _n(N_("the change from the year before"), "number",
                                       signed=True),
                          "change_share": _n(N_("the change as a share of the year before"),
                                             "percent", signed=True),
                      }),
                      "possibly_double_counted": _n(N_("true when the organisation-wide count "
                                                       "is a sum of the locations and may "
                                                       "count people twice")),
                  }),
    "reach_table": _n(N_("reach per location this year, with the year before and the "
                         "organisation-wide total"), fields=YEAR_END_REACH_TABLE),
    "locations": _n(N_("a chapter per location open this year: its activities, figures, "
                       "results, stories and costs"), var="loc", items=CHAPTER),
    "opened": _n(N_("the locations that opened this year, each with the names of "
                    "locations[]"), var="loc", same_as="locations"),
    "closed": _n(N_("the locations that closed this year, each with the names of "
                    "locations[]"), var="loc", same_as="locations"),
    "outcomes": _n(N_("results against targets this year"), fields={
        "rows": _n(N_("one row per indicator and location"), var="o", items=RESULT),
        "summary": _n(N_("one row per indicator: where its target was met"), var="o", items={
            "indicator_id": _n(N_("short id of the indicator")),
            "label": _n(N_("what is measured")),
            "unit": _n(N_("unit: count, percent, euro or hours")),
            "with_target": _n(N_("at how many locations it has a target"), "number"),
            "met": _n(N_("at how many of them the target was met"), "number"),
            "not_met": _n(N_("the locations where it was not met"), items={}, var="n"),
        }),
        "with_target": _n(N_("how many results have a target"), "number"),
        "met": _n(N_("how many targets were met"), "number"),
    }),
    "costs": _n(N_("budget against realised costs, per location and category"),
                fields=COSTS),
    "income": _n(N_("income of the year by source and status, and the result"),
                 fields=INCOME),
    "charts": _n(N_("the charts: each in a paragraph of its own"), fields={
        "participants": _n(N_("chart of the unique participants per location over the "
                              "years"), fields=CHART),
        "budget": _n(N_("chart of the budget against the realised costs per category"),
                     fields=CHART),
    }),
    "reach": _n(N_("reach and volunteers of the organisation as a whole this year"),
                fields=REACH),
    "reach_org": _n(N_("the same as reach"), fields=REACH),
    "budget": _n(N_("the costs of the year"), fields={
        "total": _n(N_("total budget"), "amount"),
        "actual": _n(N_("total realised"), "amount")}),
    "privacy": PRIVACY,
    "texts": TEXTS,
    "sections": _n(N_("the sections of the built-in templates, each filled with its text "
                      "block: write {{p sections.summary }}"),
                   any_key=_n(N_("a section"))),
}

#: the review pack for the board (review.review_context)
REVIEW_PACK: dict[str, Name] = {
    "year": _n(N_("the year the pack is about (empty for all years)")),
    "language": _n(N_("language of this document: nl or en")),
    "document": _document(N_("kind of document: review-pack"), path=False),
    "org": _org(),
    "review": _n(N_("the review as a whole"), fields={
        "scope": _n(N_("the year, or 'alle jaren'")),
        "date": _n(N_("the day of the review"), "date"),
        "count": _n(N_("how many documents it lists"), "number"),
        "drafts": _n(N_("how many of them are drafts to decide on"), "number"),
        "approved": _n(N_("how many are approved"), "number"),
        "errors": _n(N_("errors found by check, in all"), "number"),
        "warnings": _n(N_("warnings found by check, in all"), "number"),
        "asked": _n(N_("the amount the draft applications ask, in all"), "amount"),
        "stale": _n(N_("documents older than the facts, or not built yet: build first"),
                    items={}, var="line"),
        "signers": _n(N_("the board members who sign"), var="m", items={
            "name": _n(N_("name")), "role": _n(N_("role on the board"))}),
    }),
    "documents": _n(N_("every current document, one after another"), var="d", items={
        "number": _n(N_("its number in the pack")),
        "title": _n(N_("its title")),
        "path": _n(N_("where it is written in the output folder")),
        "kind": _n(N_("application, report or annual-report")),
        "kind_label": _n(N_("the kind in words")),
        "year": _n(N_("the year it is about")),
        "funder": _n(N_("name of the funder ('–' for the annual report)")),
        "location": _n(N_("name of the location")),
        "amount": _n(N_("the amount asked or granted"), "amount"),
        "deadline": _n(N_("its next deadline"), "date"),
        "deadline_label": _n(N_("what the funder's profile says of that deadline")),
        "days_left": _n(N_("days until the deadline (below 0: passed)"), "number"),
        "deadline_text": _n(N_("the deadline with the days left, in words")),
        "status": _n(N_("draft or approved")),
        "status_label": _n(N_("the status in words")),
        "version": _n(N_("version number")),
        "approved_by": _n(N_("who approved it")),
        "approved_at": _n(N_("the day it was approved"), "date"),
        "findings": _n(N_("what check found, errors first"), var="f", items={
            "severity": _n(N_("error or warning")),
            "severity_label": _n(N_("error or warning, in words")),
            "where": _n(N_("the file, row and column or line")),
            "message": _n(N_("what is wrong")),
            "hint": _n(N_("what to do")),
        }),
        "errors": _n(N_("how many errors"), "number"),
        "warnings": _n(N_("how many warnings"), "number"),
        "findings_text": _n(N_("the errors and warnings in words")),
        "figures": _n(N_("its key figures"), var="x", items={
            "name": _n(N_("the name of the figure, as in grantgen variables")),
            "label": _n(N_("the figure in words")),
            "value": _n(N_("its value")),
            "shown": _n(N_("its value as the document shows it")),
        }),
        "changes": _n(N_("every figure that changed since the approved version"), var="c",
                      items={
                          "name": _n(N_("the name of the figure, as in grantgen variables")),
                          "label": _n(N_("the figure in words")),
                          "old": _n(N_("the value in the approved version")),
                          "new": _n(N_("the value in this draft")),
                      }),
        "compared_with": _n(N_("the approved version it is compared with (empty when there "
                               "is none)"), fields={
            "path": _n(N_("where it is written in the output folder")),
            "version": _n(N_("version number")),
            "approved_by": _n(N_("who approved it")),
            "approved_at": _n(N_("the day it was approved"), "date"),
        }),
    }),
}

#: the declared names of each document kind's context
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


# ---- the listing ----------------------------------------------------------------------------

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
    import re


    wanted = given.replace("\\", "/")
    wanted = re.sub(r"-v\d+(\.docx|\.pdf)$", r"\1", wanted)
    wanted = re.sub(r"\.pdf$", ".docx", wanted)
    for spec in prepared.specs:
        if wanted == spec.path or wanted.endswith("/" + spec.path):
            return spec.kind, spec, spec.year
    name = wanted.rsplit("/", 1)[-1]
    words = "|".join(FILE_WORDS["review-pack"].values())
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
        return _Chosen(kind, DocumentSpec("review-pack", year or 0,
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
    spec = DocumentSpec("application", chosen_year, funder.language, funder.id,
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
        return _("The names a Word template may use, with their value in the application "
                 "{year} to {funder} for {location}.").format(
                     year=spec.year, funder=funder.name,
                     location=chosen.context["location"]["name"])
    if kind == "report":
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
