"""The fact tables of ../shared/FACTS.md as declarations: columns, their types and keys."""

from __future__ import annotations

from dataclasses import dataclass, field

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

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
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
                Column("location_id", SLUG, True, meaning="short id of the location"),
                Column("name", TEXT, True, meaning="name of the location"),
                Column("neighbourhood", TEXT, True, meaning="neighbourhood (wijk)"),
                Column("city", TEXT, True, meaning="city"),
                Column("opened", DATE, True, meaning="date the location opened"),
                Column("closed", DATE, meaning="date the location closed, if it did"),
                Column("address", TEXT, meaning="street address"),
                Column("description", TEXT, meaning="a sentence about the location"),
            ),
            key=("location_id",),
            meaning="the locations (neighbourhood rooms) of the organisation",
            allows_all=False,
        ),
        Table(
            "visits",
            (
                Column("date", DATE, True, meaning="date of the visit"),
                Column("location_id", SLUG, True, meaning="location visited"),
                Column("participant_id", TEXT, True,
                       meaning="pseudonym of the participant, never a name"),
                Column("activity_id", SLUG, meaning="activity joined"),
            ),
            meaning="the attendance register: one row per visit",
            allows_all=False,
        ),
        Table(
            "participants",
            (
                Column("year", YEAR, True),
                Column("location_id", SLUG, True),
                Column("unique_participants", COUNT, True,
                       meaning="different people who came that year"),
                Column("visits", COUNT, meaning="visits that year"),
                Column("new_participants", COUNT, meaning="people who came for the first time"),
            ),
            key=("year", "location_id"),
            meaning="yearly participant counts, when there is no visits register",
        ),
        Table(
            "participant_profiles",
            (
                Column("participant_id", TEXT, True),
                Column("age_band", CHOICE, choices=AGE_BANDS),
                Column("housing_corporation", SLUG,
                       meaning="funder_id of the participant's landlord"),
                Column("neighbourhood", TEXT),
            ),
            key=("participant_id",),
            meaning="what we know of participants, for reach per age band and landlord",
        ),
        Table(
            "volunteers",
            (
                Column("year", YEAR, True),
                Column("location_id", SLUG, True),
                Column("volunteers", COUNT, True, meaning="number of volunteers"),
                Column("volunteer_hours", NUMBER, meaning="hours volunteered that year"),
                Column("perspectiefbanen", COUNT, meaning="people in a perspectiefbaan"),
                Column("paid_fte", NUMBER, meaning="paid staff in fte"),
            ),
            key=("year", "location_id"),
            meaning="volunteers and staff per year",
        ),
        Table(
            "activities",
            (
                Column("location_id", SLUG, True),
                Column("activity_id", SLUG, True),
                Column("name", TEXT, True),
                Column("category", TEXT, True),
                Column("frequency", TEXT, meaning="how often, e.g. 'wekelijks'"),
                Column("description", TEXT),
            ),
            key=("location_id", "activity_id"),
            meaning="the activities per location",
        ),
        Table(
            "indicators",
            (
                Column("indicator_id", SLUG, True),
                Column("label", TEXT, True),
                Column("unit", CHOICE, True, choices=INDICATOR_UNITS),
                Column("themes", LIST, meaning="';'-separated themes"),
                Column("higher_is_better", YESNO),
            ),
            key=("indicator_id",),
            meaning="the outcome indicators",
            allows_all=False,
        ),
        Table(
            "outcomes",
            (
                Column("year", YEAR, True),
                Column("location_id", SLUG, True),
                Column("indicator_id", SLUG, True),
                Column("value", NUMBER, meaning="measured value; empty = not yet measured"),
                Column("target", NUMBER, meaning="target; empty = no target"),
                Column("source", TEXT, meaning="where the value comes from"),
            ),
            key=("year", "location_id", "indicator_id"),
            meaning="outcomes per indicator, with targets",
        ),
        Table(
            "budget",
            (
                Column("year", YEAR, True),
                Column("location_id", SLUG, True),
                Column("category", TEXT, True),
                Column("item", TEXT, True),
                Column("amount", AMOUNT, True),
            ),
            key=("year", "location_id", "category", "item"),
            meaning="the planned costs (begroting)",
        ),
        Table(
            "actuals",
            (
                Column("year", YEAR, True),
                Column("location_id", SLUG, True),
                Column("category", TEXT, True),
                Column("item", TEXT, True),
                Column("amount", AMOUNT, True),
            ),
            key=("year", "location_id", "category", "item"),
            meaning="the realised costs (realisatie) of a finished year",
        ),
        Table(
            "funding",
            (
                Column("year", YEAR, True),
                Column("location_id", SLUG, True),
                Column("source", TEXT, True,
                       meaning="funder_id of a funder profile, or a label of other income"),
                Column("amount", AMOUNT, True),
                Column("status", CHOICE, True, choices=FUNDING_STATUSES),
            ),
            meaning="income and its status",
        ),
        Table(
            "stories",
            (
                Column("story_id", SLUG, True),
                Column("location_id", SLUG, True),
                Column("year", YEAR, True),
                Column("quote", TEXT, True),
                Column("consent", YESNO, True,
                       meaning="yes only when the person agreed to publication"),
                Column("title", TEXT),
                Column("person", TEXT, meaning="how the person may be named, e.g. 'bezoeker (72)'"),
                Column("themes", LIST),
            ),
            key=("story_id",),
            meaning="stories and quotes; only those with consent reach a document",
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
