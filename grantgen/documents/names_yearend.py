"""The names the year-end documents and the review pack may use, declared with their
meaning: the annual report, the accountability reports (documents/yearend.py) and the
review pack (commands/review.py)."""

from __future__ import annotations

from grantgen.core.i18n import N_
from grantgen.documents.names import (
    ACTIVITY,
    AGE_BAND,
    ATTACHMENT,
    FUNDER,
    LOCATION,
    PRIVACY,
    REACH,
    TENANTS,
    TEXTS,
    Name,
    document_name,
    named,
    org_name,
    picked,
)

# ---- the year-end documents: annual report and accountability reports (yearend.py) ----------

#: the figures that change from one year to the next (yearend._METRICS)
METRICS = {
    "unique_participants": N_("unique participants"), "visits": N_("visits"),
    "new_participants": N_("new participants"), "volunteers": N_("volunteers"),
    "volunteer_hours": N_("volunteer hours"), "perspectiefbanen": N_("perspectiefbanen"),
}

CHANGE = {
    "value": named(N_("the change from the year before (+12, -3); empty without that year"),
                "number", signed=True),
    "share": named(N_("the change as a share of the year before (+8,5%)"), "percent",
                signed=True),
}

#: reach and volunteers of a year, with the year before and the change
FIGURES = {
    **REACH,
    "previous": named(N_("the same figures of the year before (empty when there are none)"),
                   fields=REACH),
    "change": named(N_("the change from the year before, per figure"), fields={
        key: named(meaning, fields=CHANGE) for key, meaning in METRICS.items()}),
}

MONEY = {
    "budget": named(N_("the budgeted amount"), "amount"),
    "actual": named(N_("the amount realised (spent); empty when not all of it is known"),
                 "amount"),
    "difference": named(N_("realised minus budget (+ spent more, - spent less)"), "amount",
                     signed=True),
    "share": named(N_("the difference as a share of the budget"), "percent", signed=True),
}

COST_LINE = {
    "category": named(N_("the cost category, as in the budget")),
    "item": named(N_("the cost item, as in the budget")),
    **MONEY,
    "budgeted": named(N_("true when the budget has this line")),
    "deviates": named(N_("true when realised and budget differ by more than the threshold "
                      "(10%), or the line was not budgeted")),
    "explanation": named(N_("why it differs, from facts/explanations.csv (empty when not "
                         "given)")),
    "needs_explanation": named(N_("true when it deviates and has no explanation yet")),
}

COSTS = {
    "year": named(N_("the year of the costs")),
    "blocks": named(N_("per location (and organisation-wide costs): its costs by category"),
                 var="blk", items={
                     "location_id": named(N_("short id of the location (all: "
                                          "organisation-wide costs)")),
                     "name": named(N_("name of the location")),
                     "reported": named(N_("true when realised costs are known for it")),
                     "categories": named(N_("its cost categories"), var="c", items={
                         "name": named(N_("name of the category")),
                         "lines": named(N_("the cost lines of the category"), var="l",
                                     items=COST_LINE),
                         **MONEY}),
                     **MONEY}),
    "categories": named(N_("every cost category, over all locations together"), var="c",
                     items={"name": named(N_("name of the category")), **MONEY}),
    "deviations": named(N_("every cost line that deviates, with its explanation"), var="d",
                     items={**COST_LINE,
                            "location": named(N_("name of the location")),
                            "location_id": named(N_("short id of the location"))}),
    "missing_explanations": named(N_("how many deviations have no explanation yet"), "number"),
    "threshold": named(N_("a line deviates when it differs more than this share "
                       "(settings.deviation_threshold)"), "percent"),
    "has_lines": named(N_("true when there are cost lines for this year")),
    **MONEY,
}

INCOME = {
    "sources": named(N_("the income of the year: every source committed or received, "
                     "received first"), var="s", items={
        "source": named(N_("the source as written in funding (a funder_id or a label)")),
        "name": named(N_("name of the source")),
        "status": named(N_("requested, committed, received or rejected")),
        "status_label": named(N_("the status in words")),
        "amount": named(N_("the amount"), "amount"),
        "counts": named(N_("true when it is income: committed or received")),
        "is_this_funder": named(N_("true for the funder this report goes to")),
    }),
    "not_granted_sources": named(N_("what was asked and not granted (requested or rejected), "
                                 "never income; each with the names of income.sources[]"),
                              var="s", same_as="income.sources"),
    "realised": named(N_("income committed or received"), "amount"),
    "received": named(N_("income received"), "amount"),
    "committed": named(N_("income committed, not yet received"), "amount"),
    "not_granted": named(N_("income requested but not granted, or rejected"), "amount"),
    "actual_costs": named(N_("the realised costs"), "amount"),
    "result": named(N_("income minus realised costs (the result of the year)"), "amount",
                 signed=True),
}

STORY = {
    "story_id": named(N_("short id of the story")),
    "location_id": named(N_("short id of its location (all: the organisation)")),
    "location": named(N_("name of its location (empty for the organisation as a whole)")),
    "title": named(N_("a short title")),
    "person": named(N_("how the person may be named, e.g. 'bezoeker (72)'")),
    "quote": named(N_("the quote, in the person's own words")),
    "themes": named(N_("themes of the story"), items={}, var="t"),
}

#: results against targets in the year (yearend.outcome_rows)
RESULT = {
    "indicator_id": named(N_("short id of the indicator")),
    "label": named(N_("what is measured")),
    "unit": named(N_("unit: count, percent, euro or hours")),
    "location_id": named(N_("short id of the location")),
    "location": named(N_("name of the location")),
    "value": named(N_("the measured result (write: o.value | indicator(o.unit))"), "indicator"),
    "target": named(N_("the target of the year"), "indicator"),
    "met": named(N_("true when the target was met, false when not, empty without a target")),
    "difference": named(N_("result minus target"), "number", signed=True),
    "source": named(N_("where the value comes from")),
    "themes": named(N_("themes of the indicator"), items={}, var="t"),
    "in_themes": named(N_("true when it matches one of the funder's themes")),
}

#: a chart: `{{ charts.participants }}` in a paragraph of its own shows the picture
CHART = {
    "caption": named(N_("its caption, with the years or the year")),
    "alt": named(N_("what it shows, in words (the picture's alternative text)")),
}

PERIOD = {
    "start": named(N_("first day"), "date"),
    "end": named(N_("last day"), "date"),
}

CHAPTER = {
    **LOCATION,
    "activities": named(N_("the activities at this location"), items=ACTIVITY, var="a"),
    "period": named(N_("the part of the year the location was open"), fields={
        **PERIOD,
        "whole_year": named(N_("true when it was open the whole year")),
        "opened_this_year": named(N_("true when it opened this year")),
        "closed_this_year": named(N_("true when it closed this year")),
        "closed": named(N_("the day it closed, when that was this year"), "date"),
    }),
    "figures": named(N_("its reach and volunteers this year, with the year before"),
                  fields=FIGURES),
    "stories": named(N_("its stories of this year, only those with consent"), items=STORY,
                  var="s"),
    "outcomes": named(N_("its results against targets this year"), items=RESULT, var="o"),
    "costs": named(N_("its costs: budget against realised"), fields=MONEY),
}

YEAR_END_REACH_TABLE = {
    "rows": named(N_("one row per location, with the year before and the change"), var="r",
               items={"name": named(N_("name of the location")),
                      "location_id": named(N_("short id of the location")),
                      "opened_this_year": named(N_("true when it opened this year (without "
                                                   "figures for the year before: new)")),
                      **FIGURES}),
    "total": named(N_("the locations together, each person once (empty for one location; "
                   "the year before and the change only for the whole organisation)"),
                fields=FIGURES),
    "sum_of_locations": named(N_("the participants of the locations added up"), "number"),
    "counted_more_than_once": named(N_("people who came to more than one location: the sum of "
                                    "the locations minus the total"), "number"),
}

TIER = {
    "above": named(N_("from this amount upwards"), "amount"),
    "label": named(N_("what is asked")),
    "requires": named(N_("what it requires"), items={}, var="q"),
}

#: the accountability report to one funder on one finished year (YearEnd.report)
REPORT: dict[str, Name] = {
    "year": named(N_("the year reported on")),
    "language": named(N_("language of this document: nl or en")),
    "document": document_name(N_("kind of document: report")),
    "org": org_name(),
    "funder": named(N_("the funder this report goes to, from funders/"), fields=FUNDER),
    "period": named(N_("the year reported on, as dates"), fields=PERIOD),
    "grant": named(N_("what the funder granted for the year"), fields={
        "amount": named(N_("the amount granted in all"), "amount"),
        "rows": named(N_("one row per grant: location and amount"), var="g", items={
            "location": named(N_("name of the location (or 'Hele organisatie')")),
            "location_id": named(N_("short id of the location (all: the organisation as a "
                                 "whole)")),
            "amount": named(N_("the amount"), "amount"),
            "status": named(N_("committed or received")),
            "status_label": named(N_("the status in words")),
        }),
        "whole_organisation": named(N_("true when the grant is for the organisation as a "
                                    "whole")),
        "locations": named(N_("the names of the funded locations"), items={}, var="n"),
        "locations_text": named(N_("the funded locations in one phrase: 'De Klop en TOP'")),
        "share_of_costs": named(N_("the grant as a share of the realised costs"), "percent"),
    }),
    "locations": named(N_("a chapter per funded location: its activities, figures, results and "
                       "stories"), var="loc", items=CHAPTER),
    "promised": named(N_("what the application stated against what was realised"), fields={
        "year": named(N_("the year whose figures the application stated (empty when there was "
                      "none)")),
        "rows": named(N_("one row per location: stated and realised"), var="r", items={
            "name": named(N_("name of the location")),
            "stated": named(N_("unique participants the application stated"), "number"),
            "stated_visits": named(N_("visits the application stated"), "number"),
            "stated_volunteers": named(N_("volunteers the application stated"), "number"),
            "realised": named(N_("unique participants realised"), "number"),
            "realised_visits": named(N_("visits realised"), "number"),
            "realised_volunteers": named(N_("volunteers realised"), "number"),
            "change": named(N_("realised against stated participants"), fields=CHANGE),
        }),
        "outcomes": named(N_("results against the targets of the year, in the funder's themes"),
                       var="o", items=RESULT),
        "stated": named(N_("unique participants stated, the locations together"), "number"),
        "realised": named(N_("unique participants realised, the locations together"), "number"),
        "possibly_double_counted": named(N_("true when the organisation-wide count is a sum of "
                                         "the locations and may count people twice")),
        "with_target": named(N_("how many results have a target"), "number"),
        "met": named(N_("how many targets were met"), "number"),
    }),
    "reach_table": named(N_("reach per funded location this year, with the year before"),
                      fields=YEAR_END_REACH_TABLE),
    "age_bands": named(N_("participants per age group this year (reports to a municipality)"),
                    var="a", items=AGE_BAND),
    "tenants": named(N_("participants who rent from this housing corporation (reports to a "
                     "housing corporation)"), fields=TENANTS),
    "volunteers": named(N_("the volunteers, against what the funder requires"), fields={
        "required": named(N_("true when the funder requires volunteers")),
        "minimum": named(N_("the least number of volunteers the funder wants"), "number"),
        "rows": named(N_("one row per funded location"), var="v", items={
            "name": named(N_("name of the location")),
            "volunteers": named(N_("number of volunteers"), "number"),
            "volunteer_hours": named(N_("hours volunteered that year"), "number"),
            "perspectiefbanen": named(N_("people in a perspectiefbaan"), "number"),
            "meets_minimum": named(N_("true when the location has the volunteers the funder "
                                   "wants, empty without a minimum")),
        }),
    }),
    "costs": named(N_("budget against realised costs of the funded locations"), fields=COSTS),
    "income": named(N_("income of the funded locations this year, by source and status"),
                 fields=INCOME),
    "stories": named(N_("stories of this year at the funded locations, only those with "
                     "consent"), var="s", items=STORY),
    "tiers": named(N_("the reporting tiers of the funder's profile that apply to this grant"),
                var="t", items=TIER),
    "tier": named(N_("the highest tier that applies (empty when none does)"), fields=TIER),
    "requires": named(N_("what the tiers require, each true or false: "
                      "requires.accountant_statement, requires.content_report, "
                      "requires.financial_report, requires.result_per_budget_line (and any "
                      "other requirement the profile names, with _ for -)"),
                   any_key=named(N_("true when a tier that applies requires it"))),
    "attachments": named(N_("the attachments this funder wants with this report"),
                      items=ATTACHMENT, var="a"),
    "deadline": named(N_("the date the report is due"), "date"),
    "deadline_label": named(N_("what the funder's profile says of that deadline")),
    "reach": named(N_("reach of the funded locations together this year (each person once)"),
                fields=picked(REACH, "unique_participants", "visits",
                             "possibly_double_counted")),
    "reach_org": named(N_("reach and volunteers of the organisation as a whole this year"),
                    fields=REACH),
    "budget": named(N_("the costs of the funded locations"), fields={
        "total": named(N_("total budget"), "amount"),
        "actual": named(N_("total realised"), "amount")}),
    "funding": named(N_("the grant"), fields={"granted": named(N_("the amount granted in all"),
                                                         "amount")}),
    "privacy": PRIVACY,
    "texts": TEXTS,
    "sections": named(N_("the sections of the built-in templates, each filled with its text "
                      "block: write {{p sections.summary }}"),
                   any_key=named(N_("a section"))),
}

#: the annual report (jaarverslag) of one finished year (YearEnd.annual_report)
ANNUAL_REPORT: dict[str, Name] = {
    "year": named(N_("the year of the annual report")),
    "previous_year": named(N_("the year before")),
    "language": named(N_("language of this document: nl or en")),
    "document": document_name(N_("kind of document: annual-report")),
    "org": org_name(),
    "period": named(N_("the year, as dates"), fields=PERIOD),
    "numbers": named(N_("the year in numbers, organisation-wide, against the year before"),
                  fields={
                      "year": named(N_("the year of these figures")),
                      "previous_year": named(N_("the year before, when it has figures")),
                      "rows": named(N_("one row per figure"), var="r", items={
                          "key": named(N_("which figure: unique_participants, visits, "
                                       "new_participants, volunteers, volunteer_hours or "
                                       "perspectiefbanen")),
                          "label": named(N_("the figure in words")),
                          "value": named(N_("this year"), "number"),
                          "previous": named(N_("the year before"), "number"),
                          "change": named(N_("the change from the year before"), "number",
                                       signed=True),
                          "change_share": named(N_("the change as a share of the year before"),
                                             "percent", signed=True),
                      }),
                      "possibly_double_counted": named(N_("true when the organisation-wide count "
                                                       "is a sum of the locations and may "
                                                       "count people twice")),
                  }),
    "reach_table": named(N_("reach per location this year, with the year before and the "
                         "organisation-wide total"), fields=YEAR_END_REACH_TABLE),
    "locations": named(N_("a chapter per location open this year: its activities, figures, "
                       "results, stories and costs"), var="loc", items=CHAPTER),
    "opened": named(N_("the locations that opened this year, each with the names of "
                    "locations[]"), var="loc", same_as="locations"),
    "closed": named(N_("the locations that closed this year, each with the names of "
                    "locations[]"), var="loc", same_as="locations"),
    "outcomes": named(N_("results against targets this year"), fields={
        "rows": named(N_("one row per indicator and location"), var="o", items=RESULT),
        "summary": named(N_("one row per indicator: where its target was met"), var="o", items={
            "indicator_id": named(N_("short id of the indicator")),
            "label": named(N_("what is measured")),
            "unit": named(N_("unit: count, percent, euro or hours")),
            "with_target": named(N_("at how many locations it has a target"), "number"),
            "met": named(N_("at how many of them the target was met"), "number"),
            "not_met": named(N_("the locations where it was not met"), items={}, var="n"),
        }),
        "with_target": named(N_("how many results have a target"), "number"),
        "met": named(N_("how many targets were met"), "number"),
    }),
    "organisation_wide": named(N_("what belongs to the organisation as a whole, told once "
                               "rather than under each location"), fields={
        "outcomes": named(N_("its results against targets this year, each with the names of "
                             "outcomes.rows[]"), var="o", same_as="outcomes.rows"),
        "stories": named(N_("its stories of this year, only those with consent, each with the "
                            "names of locations[].stories[]"), var="s",
                         same_as="locations[].stories"),
    }),
    "costs": named(N_("budget against realised costs, per location and category"),
                fields=COSTS),
    "income": named(N_("income of the year by source and status, and the result"),
                 fields=INCOME),
    "charts": named(N_("the charts: each in a paragraph of its own"), fields={
        "participants": named(N_("chart of the unique participants per location over the "
                              "years"), fields=CHART),
        "budget": named(N_("chart of the budget against the realised costs per category"),
                     fields=CHART),
    }),
    "reach": named(N_("reach and volunteers of the organisation as a whole this year"),
                fields=REACH),
    "reach_org": named(N_("the same as reach"), fields=REACH),
    "budget": named(N_("the costs of the year"), fields={
        "total": named(N_("total budget"), "amount"),
        "actual": named(N_("total realised"), "amount")}),
    "privacy": PRIVACY,
    "texts": TEXTS,
    "sections": named(N_("the sections of the built-in templates, each filled with its text "
                      "block: write {{p sections.summary }}"),
                   any_key=named(N_("a section"))),
}

#: the review pack for the board (review.review_context)
REVIEW_PACK: dict[str, Name] = {
    "year": named(N_("the year the pack is about (empty for all years)")),
    "language": named(N_("language of this document: nl or en")),
    "document": document_name(N_("kind of document: review-pack"), path=False),
    "org": org_name(),
    "review": named(N_("the review as a whole"), fields={
        "scope": named(N_("the year, or 'alle jaren'")),
        "date": named(N_("the day of the review"), "date"),
        "count": named(N_("how many documents it lists"), "number"),
        "drafts": named(N_("how many of them are drafts to decide on"), "number"),
        "approved": named(N_("how many are approved"), "number"),
        "errors": named(N_("errors found by check, in all"), "number"),
        "warnings": named(N_("warnings found by check, in all"), "number"),
        "asked": named(N_("the amount the draft applications ask, in all"), "amount"),
        "stale": named(N_("documents older than the facts, or not built yet: build first"),
                    items={}, var="line"),
        "signers": named(N_("the board members who sign"), var="m", items={
            "name": named(N_("name")), "role": named(N_("role on the board"))}),
    }),
    "documents": named(N_("every current document, one after another"), var="d", items={
        "number": named(N_("its number in the pack")),
        "title": named(N_("its title")),
        "path": named(N_("where it is written in the output folder")),
        "kind": named(N_("application, report or annual-report")),
        "kind_label": named(N_("the kind in words")),
        "year": named(N_("the year it is about")),
        "funder": named(N_("name of the funder ('–' for the annual report)")),
        "location": named(N_("name of the location")),
        "amount": named(N_("the amount asked or granted"), "amount"),
        "deadline": named(N_("its next deadline"), "date"),
        "deadline_label": named(N_("what the funder's profile says of that deadline")),
        "days_left": named(N_("days until the deadline (below 0: passed)"), "number"),
        "deadline_text": named(N_("the deadline with the days left, in words")),
        "status": named(N_("draft or approved")),
        "status_label": named(N_("the status in words")),
        "version": named(N_("version number")),
        "approved_by": named(N_("who approved it")),
        "approved_at": named(N_("the day it was approved"), "date"),
        "findings": named(N_("what check found, errors first"), var="f", items={
            "severity": named(N_("error or warning")),
            "severity_label": named(N_("error or warning, in words")),
            "where": named(N_("the file, row and column or line")),
            "message": named(N_("what is wrong")),
            "hint": named(N_("what to do")),
        }),
        "errors": named(N_("how many errors"), "number"),
        "warnings": named(N_("how many warnings"), "number"),
        "findings_text": named(N_("the errors and warnings in words")),
        "figures": named(N_("its key figures"), var="x", items={
            "name": named(N_("the name of the figure, as in grantgen variables")),
            "label": named(N_("the figure in words")),
            "value": named(N_("its value")),
            "shown": named(N_("its value as the document shows it")),
        }),
        "changes": named(N_("every figure that changed since the approved version"), var="c",
                      items={
                          "name": named(N_("the name of the figure, as in grantgen variables")),
                          "label": named(N_("the figure in words")),
                          "old": named(N_("the value in the approved version")),
                          "new": named(N_("the value in this draft")),
                      }),
        "compared_with": named(N_("the approved version it is compared with (empty when there "
                               "is none)"), fields={
            "path": named(N_("where it is written in the output folder")),
            "version": named(N_("version number")),
            "approved_by": named(N_("who approved it")),
            "approved_at": named(N_("the day it was approved"), "date"),
        }),
    }),
}

#: the declared names of each document kind's context
