"""The names a template may use, declared with their meaning: the shared names and those of
an application. `APPLICATION` describes the context documents/application.py builds, name
by name; a test keeps the two in step, so every name a template can use is explained here
and in names_yearend.py, and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass, field

from grantgen.core.i18n import N_


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


def named(meaning: str, filter: str | None = None, **kwargs) -> Name:
    return Name(meaning, filter, **kwargs)


CONTACT = {
    "name": named(N_("name")), "role": named(N_("role")), "email": named(N_("email address")),
    "phone": named(N_("phone number")),
}

LOCATION = {
    "id": named(N_("short id of the location (all: the organisation as a whole)")),
    "location_id": named(N_("the same as id")),
    "name": named(N_("name of the location (or 'Hele organisatie')")),
    "name_in_sentence": named(N_("the name as it reads inside a sentence (the location's "
                                 "name, or 'de hele organisatie')")),
    "neighbourhood": named(N_("neighbourhood (wijk)")),
    "city": named(N_("city")),
    "opened": named(N_("date the location opened"), "date"),
    "closed": named(N_("date the location closed, if it did"), "date"),
    "address": named(N_("street address")),
    "description": named(N_("a sentence about the location")),
    "is_organisation": named(N_("true when the document is about the organisation as a whole")),
}

ACTIVITY = {
    "activity_id": named(N_("short id of the activity")),
    "location_id": named(N_("location of the activity (all: every location)")),
    "name": named(N_("name of the activity")),
    "category": named(N_("kind of activity")),
    "frequency": named(N_("how often")),
    "description": named(N_("a sentence about the activity")),
}

REACH = {
    "year": named(N_("the year of these figures")),
    "unique_participants": named(N_("different people who came that year"), "number"),
    "visits": named(N_("visits that year"), "number"),
    "new_participants": named(N_("people who came for the first time that year"), "number"),
    "possibly_double_counted": named(N_("true when the organisation-wide count is a sum of the "
                                     "locations and may count people twice")),
    "volunteers": named(N_("number of volunteers"), "number"),
    "volunteer_hours": named(N_("hours volunteered that year"), "number"),
    "perspectiefbanen": named(N_("people in a perspectiefbaan"), "number"),
    "paid_fte": named(N_("paid staff in fte"), "number"),
}

ATTACHMENT = {
    "id": named(N_("short id of the attachment")),
    "name": named(N_("what the attachment is, as the funder names it")),
    "kind": named(N_("application or report: when the funder wants it")),
    "above": named(N_("only from this amount upwards"), "amount"),
    "max_age_months": named(N_("how many months old the document may be at most")),
    "in_document": named(N_("true when the document itself holds it, so no file is needed")),
    "first_application_only": named(N_("true when only a first application needs it")),
}

FUNDER = {
    "id": named(N_("short id of the funder (its file name in funders/)")),
    "name": named(N_("name of the funder")),
    "name_in_sentence": named(N_("the funder's name as it reads inside a sentence, e.g. 'het "
                              "Oranje Fonds' (name_in_sentence in its profile; else the name)")),
    "name_at_start": named(N_("the same, opening a sentence: 'Het Oranje Fonds'")),
    "type": named(N_("kind of funder: municipality, housing-corporation, private-fund or "
                  "health-insurer")),
    "type_label": named(N_("kind of funder in words (gemeente, fonds, ...)")),
    "language": named(N_("language of the funder's documents: nl or en")),
    "programme": named(N_("the funder's programme or budget you apply to")),
    "website": named(N_("the funder's website")),
    "description": named(N_("a description of the funder, from its profile")),
    "salutation": named(N_("the opening of the letter, e.g. 'Geacht college'")),
    "contact": named(N_("who the letter is addressed to"), fields={
        "name": named(N_("name of the contact person")),
        "department": named(N_("department")),
        "address": named(N_("postal address")),
        "postcode": named(N_("postcode")),
        "city": named(N_("city")),
        "email": named(N_("email address")),
        "phone": named(N_("phone number")),
        "salutation": named(N_("the opening of the letter, as written in the profile")),
    }),
    "templates": named(N_("own templates per document kind, from the profile"),
                    any_key=named(N_("file name of the template in templates/"))),
    "themes": named(N_("indicator themes the funder cares about, in order"), items={}, var="t"),
    "sections": named(N_("the sections of the funder's form, from the profile"),
                   any_key=named(N_("one section"), fields={
                       "block": named(N_("the text block that fills it")),
                       "title": named(N_("its title")),
                       "max_words": named(N_("the most words it may have"), "number")})),
    "rules": named(N_("what the funder accepts, from the profile"), fields={
        "min_amount": named(N_("the least you may ask"), "amount"),
        "max_amount": named(N_("the most you may ask"), "amount"),
        "max_share": named(N_("the largest share of the budget the funder carries"), "percent"),
        "min_cofunding": named(N_("the share of the budget that must come from others"),
                            "percent"),
        "excluded_costs": named(N_("costs the funder does not pay for"), items={}, var="c"),
        "balanced_budget": named(N_("true when costs must equal income plus this request")),
        "legal_forms": named(N_("legal forms the funder accepts (empty: any)"), items={}, var="f"),
        "requires_volunteers": named(N_("true when volunteers are a hard requirement")),
        "min_volunteers": named(N_("the least number of volunteers the funder wants"), "number"),
        "contact_above": named(N_("above this amount, contact the funder first"), "amount"),
    }),
    "deadlines": named(N_("the funder's deadlines"), var="d", items={
        "kind": named(N_("application or report")),
        "label": named(N_("what the deadline is for")),
        "date": named(N_("a fixed date"), "date"),
        "day": named(N_("day of the month (every year)")),
        "month": named(N_("month (every year)")),
        "year_offset": named(N_("years after the grant year (-1: the year before)")),
    }),
    "attachments": named(N_("every attachment the funder asks for"), items=ATTACHMENT, var="a"),
    "reporting": named(N_("what a report must contain, by amount"), var="r", items={
        "above": named(N_("from this amount upwards"), "amount"),
        "label": named(N_("what is asked")),
        "requires": named(N_("what it requires"), items={}, var="q"),
    }),
    "form": named(N_("the fields of the funder's online form, from the profile (the build "
                     "writes them filled in beside the application)"), var="f", items={
        "label": named(N_("the field's name in the portal")),
        "text": named(N_("the text block that fills it")),
        "section": named(N_("the section that fills it")),
        "value": named(N_("the placeholder that fills it")),
        "max_chars": named(N_("the most characters it may have"), "number"),
        "max_words": named(N_("the most words it may have"), "number"),
        "help": named(N_("the portal's own question")),
    }),
}

ITEM = named(ITEM_MEANING)

ORG = {
    "name": named(N_("name of the organisation")),
    "legal_form": named(N_("legal form: stichting, vereniging or cooperatie")),
    "legal_form_label": named(N_("legal form in words")),
    "mission": named(N_("the mission")),
    "kvk": named(N_("KvK number")),
    "rsin": named(N_("RSIN (tax number)")),
    "iban": named(N_("bank account (IBAN)")),
    "anbi": named(N_("true when the organisation has ANBI status")),
    "address": named(N_("street address")),
    "postcode": named(N_("postcode")),
    "city": named(N_("city")),
    "website": named(N_("website")),
    "email": named(N_("email address")),
    "phone": named(N_("phone number")),
    "founded": named(N_("date founded"), "date"),
    "board": named(N_("the board members"), items={
        "name": named(N_("name")), "role": named(N_("role on the board"))}, var="m"),
    "contact": named(N_("the contact person for funders"), fields=CONTACT),
}


def org_name() -> Name:
    return named(N_("your organisation, from facts/organisation.yaml"), fields=ORG)


def document_name(kind: str, path: bool = True) -> Name:
    """`document`: what the document itself is; `kind` is the meaning of document.kind."""
    fields = {
        "kind": named(kind),
        "year": named(N_("the year it is about")),
        "date": named(N_("the date it was made"), "date"),
        "path": named(N_("where it is written in the output folder")),
        "status": named(N_("draft or approved")),
        "version": named(N_("version number")),
    }
    if not path:
        del fields["path"]
    return named(N_("this document"), fields=fields)


def picked(names: dict[str, Name], *keys: str) -> dict[str, Name]:
    return {key: names[key] for key in keys}


PRIVACY = named(N_("privacy in breakdowns by age group, landlord and neighbourhood"), fields={
    "threshold": named(N_("groups smaller than this show as '< 5' "
                       "(settings.privacy_threshold)"), "number")})

#: a group of a breakdown by age group or neighbourhood (grantgen/privacy.py)
GROUP = {
    "key": named(N_("the group as the facts write it ('?': unknown)")),
    "label": named(N_("the group in words")),
    "count": named(N_("number of participants"), "number"),
    "small": named(N_("true when the group is too small to show")),
    "shown": named(N_("the number to show ('< 5' for a small group)"), "number"),
}

AGE_BAND = {
    "band": named(N_("the age group: <23, 18-60, 60+ or ?")),
    "key": named(N_("the same as band")),
    "label": named(N_("the age group in words")),
    **picked(GROUP, "count", "small", "shown"),
}

TENANTS = {
    "known": named(N_("true when the facts say who rents from whom")),
    "count": named(N_("number of participants who rent from the funder"), "number"),
    "shown": named(N_("the number to show ('< 5' for a small group)"), "number"),
    "small": named(N_("true when the group is too small to show")),
    "share": named(N_("their share of all participants"), "percent"),
    "year": named(N_("the year of these figures")),
}

TEXTS = named(N_("your texts from texts/: write {{ texts.samenvatting }} for "
              "texts/samenvatting.md"), any_key=named(N_("a text block from texts/")))

#: every name of an application's context, in the order `grantgen variables` shows them
APPLICATION: dict[str, Name] = {
    "year": named(N_("the year applied for")),
    "language": named(N_("language of this document: nl or en")),
    "document": document_name(N_("kind of document: application")),
    "org": org_name(),
    "funder": named(N_("the funder this application goes to, from funders/"), fields=FUNDER),
    "location": named(N_("the location applied for (or the whole organisation)"),
                   fields=LOCATION),
    "locations": named(N_("the locations this application covers, each with its activities"),
                    var="loc", items={**LOCATION, "activities": named(
                        N_("the activities at this location"), items=ACTIVITY, var="a")}),
    "reach": named(N_("reach and volunteers of this location in the last year with figures"),
                fields=REACH),
    "reach_org": named(N_("the same for the organisation as a whole (people counted once)"),
                    fields=REACH),
    "reach_table": named(N_("reach over the last three years with figures, per location"),
                      fields={
                          "years": named(N_("the years in the table"), items={}, var="y"),
                          "rows": named(N_("one row per location and year"), var="r", items={
                              "location": named(N_("name of the location, in its first row "
                                                "only")),
                              "location_id": named(N_("short id of the location")), **REACH}),
                          "total": named(N_("the organisation as a whole, one row per year"),
                                      items=REACH, var="r"),
                          "double_counted": named(N_("true when a total may count people "
                                                  "twice")),
                      }),
    "outcomes": named(N_("results and targets of the outcome indicators"), fields={
        "year": named(N_("the last year with a measured result")),
        "next_year": named(N_("the year applied for")),
        "rows": named(N_("one row per indicator and location; the funder's themes first"),
                   var="o", items={
                       "indicator_id": named(N_("short id of the indicator")),
                       "label": named(N_("what is measured")),
                       "unit": named(N_("unit: count, percent, euro or hours")),
                       "location_id": named(N_("short id of the location")),
                       "location": named(N_("name of the location")),
                       "themes": named(N_("themes of the indicator"), items={}, var="t"),
                       "in_themes": named(N_("true when it matches one of the funder's themes")),
                       "year": named(N_("the year of the result")),
                       "value": named(N_("the measured result (write: o.value | "
                                      "indicator(o.unit))"), "indicator"),
                       "target": named(N_("the target of that year"), "indicator"),
                       "next_target": named(N_("the target of the year applied for"),
                                         "indicator"),
                       "higher_is_better": named(N_("true when a higher value is better")),
                       "met": named(N_("true when the target was met, false when not, empty "
                                    "without a target")),
                   }),
    }),
    "budget": named(N_("the budget (planned costs) of the year applied for"), fields={
        "year": named(N_("the year of the budget")),
        "categories": named(N_("the cost categories"), var="c", items={
            "name": named(N_("name of the category")),
            "lines": named(N_("the cost items of the category"), var="l", items={
                "item": named(N_("the cost item")),
                "amount": named(N_("its amount"), "amount")}),
            "subtotal": named(N_("total of the category"), "amount"),
        }),
        "total": named(N_("total costs"), "amount"),
        "has_lines": named(N_("true when there is a budget for this year")),
    }),
    "funding": named(N_("the dekkingsplan: every source of income and its status"), fields={
        "sources": named(N_("every source of income"), var="s", items={
            "source": named(N_("the source as written in funding (a funder_id or a label)")),
            "name": named(N_("name of the source")),
            "status": named(N_("requested, committed, received or rejected")),
            "status_label": named(N_("the status in words")),
            "amount": named(N_("the amount"), "amount"),
            "is_this_request": named(N_("true for the request of this application")),
        }),
        "committed": named(N_("income committed or received"), "amount"),
        "requested": named(N_("income requested and not yet committed"), "amount"),
        "budget": named(N_("total costs"), "amount"),
        "gap": named(N_("the gap: total costs minus committed income"), "amount"),
        "open_after_requests": named(N_("what remains open when every request is granted"),
                                  "amount"),
        "oversubscribed": named(N_("true when the requests together are more than the gap: "
                                "several funders are asked at once")),
        "requested_over_gap": named(N_("how much the requests together exceed the gap"),
                                    "amount"),
        "other_requests": named(N_("the other open requests, each with the names of "
                                   "funding.sources[]"), var="s", same_as="funding.sources"),
    }),
    "ask": named(N_("what this application asks"), fields={
        "amount": named(N_("the amount asked of this funder"), "amount"),
        "share": named(N_("the amount as a share of the total costs"), "percent"),
        "gap": named(N_("the gap after committed income"), "amount"),
        "balance": named(N_("costs minus committed income minus this request (0: the budget "
                         "balances)"), "amount"),
        "share_of_gap": named(N_("the amount as a share of the gap"), "percent"),
        "pays_for": named(N_("what this funder's contribution is for: the budget lines it does "
                             "not exclude (rules.excluded_costs)"), fields={
            "categories": named(N_("those lines by category, each with the names of "
                                   "budget.categories[]"), var="c",
                                same_as="budget.categories"),
            "total": named(N_("the total of the lines the funder may pay for"), "amount"),
            "excluded": named(N_("the lines the funder excludes, by category, each with the "
                                 "names of budget.categories[]"), var="c",
                              same_as="budget.categories"),
            "excluded_total": named(N_("the total of the lines the funder excludes"), "amount"),
            "has_exclusions": named(N_("true when the budget holds costs the funder excludes")),
            "covers": named(N_("true when the lines the funder may pay for add up to at least "
                               "the amount asked")),
        }),
    }),
    "attachments": named(N_("the attachments this funder wants with this application"),
                      items=ATTACHMENT, var="a"),
    "age_bands": named(N_("participants per age group in the last year with figures"), var="a",
                    items=AGE_BAND),
    "neighbourhoods": named(N_("participants per neighbourhood they live in, in the last year "
                            "with figures: the largest first, small groups and unknown last"),
                         var="n", items=GROUP),
    "tenants": named(N_("participants who rent from this housing corporation"), fields=TENANTS),
    "privacy": PRIVACY,
    "texts": TEXTS,
    "sections": named(N_("the sections of the funder's form, each filled with the longest version "
                      "of its text block that fits the funder's word limit: write "
                      "{{p sections.summary }}, and {{ sections.summary.title }} for its title"),
                   any_key=named(N_("a section of the funder's form"))),
}
