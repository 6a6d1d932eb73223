"""The funding plan decides what is built: one DocumentSpec per document, with its file name."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import cast

from grantgen.facts.dataset import Facts
from grantgen.facts.tables import ALL
from grantgen.figures.compute import COMMITTED


class DocumentKind(str, Enum):
    """The kinds of document grantgen makes; each is also its plain string ("application")
    in the manifest, the templates' names and the commands' options."""

    APPLICATION = "application"
    REPORT = "report"
    ANNUAL_REPORT = "annual-report"
    REVIEW_PACK = "review-pack"
    #: the funder's online form, filled in: a plain-text file beside the application
    FORM = "form"
    #: the application's budget and dekkingsplan as an Excel workbook with live formulas
    BUDGET_WORKBOOK = "budget-workbook"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    def __hash__(self) -> int:  # as its string: a dict keyed by "report" finds it
        return hash(self.value)


#: the kinds of document a year's end calls for
YEAR_END_KINDS = (DocumentKind.REPORT, DocumentKind.ANNUAL_REPORT)
#: files that go with an application to a funder with an online form (a profile's `form:`):
#: made from the application's context, not from a Word template; never approved on their
#: own, they follow their application and are written anew by every build
COMPANION_KINDS = frozenset({DocumentKind.FORM, DocumentKind.BUDGET_WORKBOOK})
#: what a companion's file name adds to its application's, and its suffix
_COMPANION_FILES = {DocumentKind.FORM: ".txt", DocumentKind.BUDGET_WORKBOOK: ".xlsx"}

#: file-name words per document kind and language
FILE_WORDS = {
    DocumentKind.APPLICATION: {"nl": "aanvraag", "en": "application"},
    DocumentKind.REPORT: {"nl": "verantwoording", "en": "report"},
    DocumentKind.ANNUAL_REPORT: {"nl": "jaarverslag", "en": "annual-report"},
    DocumentKind.REVIEW_PACK: {"nl": "beoordeling", "en": "review-pack"},
    DocumentKind.FORM: {"nl": "formulier", "en": "form"},
    DocumentKind.BUDGET_WORKBOOK: {"nl": "begroting", "en": "budget"},
}
_ORGANISATION = {"nl": "organisatie", "en": "organisation"}


@dataclass(frozen=True)
class DocumentSpec:
    """One document the plan calls for."""

    kind: DocumentKind
    year: int
    language: str = "nl"
    funder_id: str | None = None
    location_id: str | None = None
    #: the amount asked (application) or granted (report)
    amount: float | None = None

    @property
    def key(self) -> str:
        """Identifies the document across builds (its versions share the key)."""
        parts = [self.kind, str(self.year), self.funder_id or "-", self.location_id or "-"]
        return "/".join(parts)

    @property
    def path(self) -> str:
        """Where it goes, relative to the output folder:
        2019/oranje-fonds/aanvraag-2019-de-klop.docx; a form or budget workbook beside its
        application, 2019/oranje-fonds/aanvraag-2019-de-klop.formulier.txt"""
        kind = DocumentKind(self.kind)
        if kind in COMPANION_KINDS:
            stem = self.application.path.removesuffix(".docx")
            return f"{stem}.{FILE_WORDS[kind][self.language]}{_COMPANION_FILES[kind]}"
        word = FILE_WORDS[kind][self.language]
        name = f"{word}-{self.year}"
        if self.kind == "application" and self.location_id:
            name += "-" + (_ORGANISATION[self.language] if self.location_id == ALL
                           else self.location_id)
        folder = f"{self.year}/{self.funder_id}" if self.funder_id else f"{self.year}"
        return f"{folder}/{name}.docx"

    @property
    def application(self) -> DocumentSpec:
        """The application a form or budget workbook goes with (an application: itself)."""
        return replace(self, kind=DocumentKind.APPLICATION)


def companions(facts: Facts, specs: list[DocumentSpec]) -> list[DocumentSpec]:
    """The online form and the budget workbook of every application to a funder whose
    profile has a `form:`: portals take the texts field by field and the budget as a file."""
    return [replace(spec, kind=kind) for spec in specs
            if spec.kind == DocumentKind.APPLICATION and spec.funder_id
            and facts.funders[spec.funder_id].form
            for kind in (DocumentKind.FORM, DocumentKind.BUDGET_WORKBOOK)]


def applications(facts: Facts, year: int | None = None) -> list[DocumentSpec]:
    """One application per funding row with status requested and a source with a profile."""
    funding = facts["funding"]
    if not len(funding):
        return []
    rows = funding[(funding["status"] == "requested") & funding["source"].isin(facts.funders)]
    if year is not None:
        rows = rows[rows["year"] == year]
    specs = []
    for _index, row in rows.iterrows():
        funder = facts.funders[row["source"]]
        specs.append(DocumentSpec(DocumentKind.APPLICATION, int(row["year"]), funder.language,
                                  funder.id, row["location_id"], float(row["amount"])))
    return sorted(specs, key=lambda s: (s.year, s.funder_id or "", s.location_id or ""))


def years_with_actuals(facts: Facts) -> list[int]:
    """The finished years: those the actuals table has realised costs for."""
    return facts.years("actuals")


def reports(facts: Facts, year: int | None = None) -> list[DocumentSpec]:
    """One accountability report per funder with committed or received funding in a year
    that has actuals, on that year; its amount is what the funder granted in all."""
    funding = facts["funding"]
    finished = years_with_actuals(facts)
    if not len(funding) or not finished:
        return []
    rows = funding[funding["status"].isin(COMMITTED) & funding["source"].isin(facts.funders)
                   & funding["year"].isin(finished)]
    if year is not None:
        rows = rows[rows["year"] == year]
    granted = rows.groupby(["year", "source"])["amount"].sum()
    specs = []
    for key, amount in granted.items():
        grant_year, funder_id = cast(tuple[int, str], key)  # grouped by year and source
        funder = facts.funders[funder_id]
        specs.append(DocumentSpec(DocumentKind.REPORT, int(grant_year), funder.language, funder.id,
                                  None, float(amount)))
    return sorted(specs, key=lambda s: (s.year, s.funder_id or ""))


def annual_reports(facts: Facts, year: int | None = None) -> list[DocumentSpec]:
    """One annual report (jaarverslag) per year that has actuals."""
    language = facts.organisation.settings.language
    return [DocumentSpec(DocumentKind.ANNUAL_REPORT, y, language) for y in years_with_actuals(facts)
            if year is None or y == year]


def plan(facts: Facts, year: int | None = None) -> list[DocumentSpec]:
    """Every document the funding plan calls for, restricted to `year` when given."""
    asked = applications(facts, year)
    return (asked + companions(facts, asked) + reports(facts, year)
            + annual_reports(facts, year))
