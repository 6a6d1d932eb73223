"""The budget's categories and items, and the labels of other income, in the language of a
document.

The facts name cost categories and items in the workspace's own words, usually Dutch. An
English document shows them in English: from the optional columns `category_en` and
`item_en` of the budget or actuals (an extension of FACTS.md; written once, on any row of
that category or line, it holds for every year and location), else for a category from the
built-in English names of the usual Dutch cost categories, else as the facts write it (and
`grantgen check` warns). The same goes for a label of other income in funding (`eigen
bijdragen`), with the optional column `source_en`; funders are named as their profile does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from grantgen.documents.values import text
from grantgen.facts.dataset import Facts

#: the English columns of the budget and actuals tables, and of funding
CATEGORY_EN, ITEM_EN, SOURCE_EN = "category_en", "item_en", "source_en"

#: English names of the usual Dutch cost categories (written in lower case)
CATEGORIES_EN = {
    "personeel": "Staff",
    "personeelskosten": "Staff costs",
    "huisvesting": "Accommodation",
    "huisvestingskosten": "Accommodation costs",
    "activiteiten": "Activities",
    "activiteitenkosten": "Activity costs",
    "vrijwilligers": "Volunteers",
    "vrijwilligerskosten": "Volunteer costs",
    "organisatie": "Organisation",
    "organisatiekosten": "Organisation costs",
    "algemene kosten": "General costs",
    "communicatie": "Communication",
    "pr en communicatie": "PR and communication",
    "publiciteit": "Publicity",
    "materialen": "Materials",
    "materiaalkosten": "Material costs",
    "inkoop": "Purchases",
    "projectkosten": "Project costs",
    "bestuur": "Board",
    "administratie": "Administration",
    "deskundigheidsbevordering": "Training",
    "onvoorzien": "Contingencies",
    "overig": "Other",
    "overige kosten": "Other costs",
}


def _key(value: object) -> str:
    return str(value).strip().casefold()


def _given(frame: pd.DataFrame, column: str) -> list[tuple[str, str, str]]:
    """(category, item, English name) of every row of `frame` that gives one in `column`."""
    if column not in frame.columns:
        return []
    found = []
    for category, item, english in frame[["category", "item", column]].itertuples(index=False):
        name = text(english)
        if name is not None:
            found.append((str(category), str(item), name))
    return found


@dataclass
class Glossary:
    """English names of the facts' cost categories and items, gathered once per build."""

    categories: dict[str, str] = field(default_factory=dict)
    items: dict[tuple[str, str], str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: Facts) -> Glossary:
        glossary = cls()
        for table in ("budget", "actuals"):
            frame = facts[table]
            for category, _item, english in _given(frame, CATEGORY_EN):
                glossary.categories.setdefault(_key(category), english)
            for category, item, english in _given(frame, ITEM_EN):
                glossary.items.setdefault((_key(category), _key(item)), english)
        funding = facts["funding"]
        if SOURCE_EN in funding.columns:
            for source, english in funding[["source", SOURCE_EN]].itertuples(index=False):
                name = text(english)
                if name is not None:
                    glossary.sources.setdefault(_key(source), name)
        return glossary

    def category(self, name: str, language: str) -> str:
        if language != "en":
            return name
        key = _key(name)
        return self.categories.get(key) or CATEGORIES_EN.get(key) or name

    def item(self, category: str, item: str, language: str) -> str:
        if language != "en":
            return item
        return self.items.get((_key(category), _key(item))) or item

    def source(self, label: str, language: str) -> str:
        """A label of other income (not a funder) in `language`."""
        if language != "en":
            return label
        return self.sources.get(_key(label)) or label

    def has_item(self, category: str, item: str) -> bool:
        """Whether the facts give an English name for this line."""
        return (_key(category), _key(item)) in self.items

    def has_category(self, name: str) -> bool:
        key = _key(name)
        return key in self.categories or key in CATEGORIES_EN

    def untranslated(self, lines: pd.DataFrame) -> list[tuple[str, str | None]]:
        """The categories (item None) and lines of `lines` without an English name, each
        once, in the order of the budget."""
        missing: dict[tuple[str, str | None], None] = {}
        for category, item in lines[["category", "item"]].itertuples(index=False):
            if not self.has_category(category):
                missing.setdefault((str(category), None))
            if not self.has_item(category, item):
                missing.setdefault((str(category), str(item)))
        return list(missing)


def glossary_of(facts: Facts) -> Glossary:
    """The glossary of a build's facts, gathered on first use."""
    known = facts.derived.get("glossary")
    if not isinstance(known, Glossary):
        known = facts.derived["glossary"] = Glossary.of(facts)
    return known
