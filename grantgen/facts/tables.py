"""The fact tables of ../shared/FACTS.md as declarations: columns, their types and keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from grantgen.core.i18n import N_

# column kinds
SLUG = "slug"          # lowercase id: [a-z0-9][a-z0-9-]*
TEXT = "text"
DATE = "date"
YEAR = "year"
COUNT = "count"        # a whole number, not negative
NUMBER = "number"      # a decimal number, not negative (hours, fte, indicator values)
AMOUNT = "amount"      # euros, not negative
YESNO = "yesno"
CHOICE = "choice"      # one of Column.choices
LIST = "list"          # ';'-separated words

ALL = "all"  # the reserved location_id meaning "the organisation as a whole"

FUNDING_STATUSES = ("requested", "committed", "received", "rejected")
INDICATOR_UNITS = ("count", "percent", "euro", "hours")
AGE_BANDS = ("<23", "18-60", "60+")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    #: what the column means, for messages, `grantgen variables` and the workbook's "Uitleg"
    meaning: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    #: columns whose combination must be unique
    key: tuple[str, ...] = ()
    meaning: str = ""
    #: location_id may be `all` in this table
    allows_all: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "locations",
            (
                Column("location_id", SLUG, True,
                       meaning=N_("short id of the location, used in every other table "
                                  "(e.g. de-klop)")),
                Column("name", TEXT, True, meaning=N_("name of the location")),
                Column("neighbourhood", TEXT, True, meaning=N_("neighbourhood (wijk)")),
                Column("city", TEXT, True, meaning=N_("city")),
                Column("opened", DATE, True, meaning=N_("date the location opened")),
                Column("closed", DATE, meaning=N_("date the location closed, if it did")),
                Column("address", TEXT, meaning=N_("street address")),
                Column("description", TEXT, meaning=N_("a sentence about the location")),
            ),
            key=("location_id",),
            meaning=N_("the locations (neighbourhood rooms) of the organisation"),
            allows_all=False,
        ),
        Table(
            "visits",
            (
                Column("date", DATE, True, meaning=N_("date of the visit")),
                Column("location_id", SLUG, True, meaning=N_("location visited")),
                Column("participant_id", TEXT, True,
                       meaning=N_("pseudonym of the participant, never a name")),
                Column("activity_id", SLUG, meaning=N_("activity joined")),
            ),
            meaning=N_("the attendance register: one row per visit"),
            allows_all=False,
        ),
        Table(
            "participants",
            (
                Column("year", YEAR, True, meaning=N_("year the figures are about")),
                Column("location_id", SLUG, True,
                       meaning=N_("location, or all for the organisation as a whole")),
                Column("unique_participants", COUNT, True,
                       meaning=N_("different people who came that year")),
                Column("visits", COUNT, meaning=N_("visits that year")),
                Column("new_participants", COUNT, meaning=N_("people who came for the first time")),
            ),
            key=("year", "location_id"),
            meaning=N_("yearly participant counts, when there is no visits register"),
        ),
        Table(
            "participant_profiles",
            (
                Column("participant_id", TEXT, True,
                       meaning=N_("pseudonym of the participant, as in the visits register")),
                Column("age_band", CHOICE, choices=AGE_BANDS,
                       meaning=N_("age group: <23, 18-60 or 60+")),
                Column("housing_corporation", SLUG,
                       meaning=N_("funder_id of the participant's landlord")),
                Column("neighbourhood", TEXT, meaning=N_("neighbourhood the participant lives in")),
            ),
            key=("participant_id",),
            meaning=N_("what we know of participants, for reach per age band and landlord"),
        ),
        Table(
            "volunteers",
            (
                Column("year", YEAR, True, meaning=N_("year the figures are about")),
                Column("location_id", SLUG, True,
                       meaning=N_("location, or all for the organisation as a whole")),
                Column("volunteers", COUNT, True, meaning=N_("number of volunteers")),
                Column("volunteer_hours", NUMBER, meaning=N_("hours volunteered that year")),
                Column("perspectiefbanen", COUNT, meaning=N_("people in a perspectiefbaan")),
                Column("paid_fte", NUMBER, meaning=N_("paid staff in fte")),
            ),
            key=("year", "location_id"),
            meaning=N_("volunteers and staff per year"),
        ),
        Table(
            "activities",
            (
                Column("location_id", SLUG, True,
                       meaning=N_("location, or all for an activity at every location")),
                Column("activity_id", SLUG, True,
                       meaning=N_("short id of the activity (e.g. samen-eten)")),
                Column("name", TEXT, True, meaning=N_("name of the activity")),
                Column("category", TEXT, True,
                       meaning=N_("kind of activity, e.g. ontmoeting or maaltijd")),
                Column("frequency", TEXT, meaning=N_("how often, e.g. 'wekelijks'")),
                Column("description", TEXT, meaning=N_("a sentence about the activity")),
            ),
            key=("location_id", "activity_id"),
            meaning=N_("the activities per location"),
        ),
        Table(
            "indicators",
            (
                Column("indicator_id", SLUG, True,
                       meaning=N_("short id of the indicator (e.g. minder-eenzaam)")),
                Column("label", TEXT, True,
                       meaning=N_("what is measured, as a document shows it")),
                Column("unit", CHOICE, True, choices=INDICATOR_UNITS,
                       meaning=N_("unit: count, percent, euro or hours")),
                Column("themes", LIST,
                       meaning=N_("';'-separated themes, matched with the funders' themes")),
                Column("higher_is_better", YESNO,
                       meaning=N_("yes when a higher value is better, no when lower is better")),
            ),
            key=("indicator_id",),
            meaning=N_("the outcome indicators"),
            allows_all=False,
        ),
        Table(
            "outcomes",
            (
                Column("year", YEAR, True, meaning=N_("year the result or target is about")),
                Column("location_id", SLUG, True,
                       meaning=N_("location, or all for the organisation as a whole")),
                Column("indicator_id", SLUG, True, meaning=N_("indicator, from indicators")),
                Column("value", NUMBER, meaning=N_("measured value; empty = not yet measured")),
                Column("target", NUMBER, meaning=N_("target; empty = no target")),
                Column("source", TEXT, meaning=N_("where the value comes from")),
            ),
            key=("year", "location_id", "indicator_id"),
            meaning=N_("outcomes per indicator, with targets"),
        ),
        Table(
            "budget",
            (
                Column("year", YEAR, True, meaning=N_("year of the budget")),
                Column("location_id", SLUG, True,
                       meaning=N_("location, or all for costs of the organisation as a whole")),
                Column("category", TEXT, True,
                       meaning=N_("cost category, e.g. Huisvesting or Personeel")),
                Column("item", TEXT, True, meaning=N_("cost item, e.g. Huur")),
                Column("amount", AMOUNT, True, meaning=N_("planned amount in euros")),
            ),
            key=("year", "location_id", "category", "item"),
            meaning=N_("the planned costs (begroting)"),
        ),
        Table(
            "actuals",
            (
                Column("year", YEAR, True, meaning=N_("year the costs were made")),
                Column("location_id", SLUG, True,
                       meaning=N_("location, or all for costs of the organisation as a whole")),
                Column("category", TEXT, True,
                       meaning=N_("cost category, as in the budget")),
                Column("item", TEXT, True, meaning=N_("cost item, as in the budget")),
                Column("amount", AMOUNT, True, meaning=N_("amount spent in euros")),
            ),
            key=("year", "location_id", "category", "item"),
            meaning=N_("the realised costs (realisatie) of a finished year"),
        ),
        Table(
            "funding",
            (
                Column("year", YEAR, True, meaning=N_("year the money is for")),
                Column("location_id", SLUG, True,
                       meaning=N_("location, or all for the organisation as a whole")),
                Column("source", TEXT, True,
                       meaning=N_("funder_id of a funder profile, or a label of other income")),
                Column("amount", AMOUNT, True, meaning=N_("amount in euros")),
                Column("status", CHOICE, True, choices=FUNDING_STATUSES,
                       meaning=N_("requested, committed, received or rejected; each "
                                  "requested row with a funder profile becomes an "
                                  "application")),
            ),
            meaning=N_("income and its status"),
        ),
        Table(
            "stories",
            (
                Column("story_id", SLUG, True, meaning=N_("short id of the story")),
                Column("location_id", SLUG, True,
                       meaning=N_("location, or all for the organisation as a whole")),
                Column("year", YEAR, True, meaning=N_("year of the story")),
                Column("quote", TEXT, True, meaning=N_("the quote, in the person's own words")),
                Column("consent", YESNO, True,
                       meaning=N_("yes only when the person agreed to publication")),
                Column("title", TEXT, meaning=N_("a short title")),
                Column("person", TEXT,
                       meaning=N_("how the person may be named, e.g. 'bezoeker (72)'")),
                Column("themes", LIST, meaning=N_("';'-separated themes")),
            ),
            key=("story_id",),
            meaning=N_("stories and quotes; only those with consent reach a document"),
        ),
        # an extension of FACTS.md: why a realised cost line differs from its budget line
        Table(
            "explanations",
            (
                Column("year", YEAR, True),
                Column("location_id", SLUG, True),
                Column("category", TEXT, True),
                Column("item", TEXT, True),
                Column("explanation", TEXT, True,
                       meaning="why the realised amount differs from the budget"),
            ),
            key=("year", "location_id", "category", "item"),
            meaning="explanations of differences between budget and actuals, per cost line",
        ),
    )
}

#: order in which tables are read and validated (definitions before their users)
TABLE_ORDER = tuple(TABLES)
