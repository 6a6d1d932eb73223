"""funders/<funder_id>.yaml: the funder profiles, their declared schema and defaults by type."""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from grantgen.core.dates import Date
from grantgen.core.errors import Problems
from grantgen.core.files import relative_path
from grantgen.core.i18n import _
from grantgen.core.ids import SLUG_PATTERN
from grantgen.core.yamlfile import read_yaml, report_validation

FunderType = Literal["municipality", "housing-corporation", "private-fund", "health-insurer"]
FUNDER_TYPES: tuple[str, ...] = FunderType.__args__  # type: ignore[attr-defined]
DocumentKind = Literal["application", "report", "annual-report", "review-pack"]
LegalForm = Literal["stichting", "vereniging", "cooperatie"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FunderContact(_Strict):
    """Who the documents are addressed to."""

    name: str | None = None
    department: str | None = None
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    email: str | None = None
    phone: str | None = None
    #: the opening line of a letter, e.g. "Geacht college" or "Dear members of the board"
    salutation: str | None = None


class Section(_Strict):
    """A narrative section of the funder's form: which text block fills it, within what limit."""

    block: str
    title: str | None = None
    max_words: int | None = Field(default=None, ge=1)


class FormField(_Strict):
    """A field of the funder's online form: its label, what fills it, and the portal's limit.

    Exactly one of `text` (a text block of texts/), `section` (a section of the profile's
    `sections:`) or `value` (a template expression, `"{{ reach.unique_participants | number }}"`)
    fills it."""

    label: str = Field(min_length=1)
    text: str | None = Field(default=None, min_length=1)
    section: str | None = Field(default=None, min_length=1)
    value: str | None = Field(default=None, min_length=1)
    #: at most this many characters, spaces and line breaks included (as portals count)
    max_chars: int | None = Field(default=None, ge=1)
    #: at most this many words
    max_words: int | None = Field(default=None, ge=1)
    #: the portal's own question or explanation for the field
    help: str | None = None

    #: the line of the profile where the field starts (not a YAML key)
    _line: int | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _one_source(self):
        given = [key for key in FORM_SOURCES if getattr(self, key) is not None]
        if not given:
            raise ValueError(_("the field '{label}' does not say what fills it: give it "
                               "text, section or value").format(label=self.label))
        if len(given) > 1:
            raise ValueError(_("the field '{label}' gives {given}: give only one of text, "
                               "section or value").format(label=self.label,
                                                          given=" + ".join(given)))
        return self

    @property
    def line(self) -> int | None:
        return self._line

    @property
    def source(self) -> str:
        """What fills the field: 'text', 'section' or 'value'."""
        return next(key for key in FORM_SOURCES if getattr(self, key) is not None)


#: the keys of a form field that say what fills it (exactly one of them)
FORM_SOURCES = ("text", "section", "value")


class Rules(_Strict):
    """What the funder accepts; `grantgen check` holds every application against these."""

    min_amount: float | None = Field(default=None, ge=0)
    max_amount: float | None = Field(default=None, ge=0)
    #: the largest share of the budget (0-1) the funder will carry
    max_share: float | None = Field(default=None, gt=0, le=1)
    #: the share of the budget (0-1) that must come from others (co-funding, own contribution)
    min_cofunding: float | None = Field(default=None, ge=0, lt=1)
    #: budget categories or items the funder does not pay for (e.g. normal running costs)
    excluded_costs: list[str] = []
    #: the budget must be sluitend: costs = committed income + this request
    balanced_budget: bool = False
    #: legal forms the funder accepts; empty = any
    legal_forms: list[LegalForm] = []
    #: volunteers are a hard requirement
    requires_volunteers: bool = False
    min_volunteers: int | None = Field(default=None, ge=0)
    #: above this amount the fund wants to be contacted before an application
    contact_above: float | None = Field(default=None, ge=0)


class Deadline(_Strict):
    """A deadline: a fixed date, or the same day every year relative to the grant year."""

    kind: Literal["application", "report"] = "application"
    label: str | None = None
    #: a one-off date (2018-10-01 or 01-10-2018, as in the fact tables)
    date: Date | None = None
    #: or every year: day and month ...
    day: int | None = Field(default=None, ge=1, le=31)
    month: int | None = Field(default=None, ge=1, le=12)
    #: ... in the year of the grant plus this offset (-1: the year before; +1: the year after)
    year_offset: int = 0

    @model_validator(mode="after")
    def _one_way(self):
        if self.date is None and (self.day is None or self.month is None):
            raise PydanticCustomError("grantgen_date_or_day", "give 'date' or 'day' and 'month'")
        if self.date is None:
            try:
                dt.date(2000, self.month, self.day)  # a leap year: 29 February is a day
            except ValueError:
                raise PydanticCustomError("grantgen_no_such_day", "no such day",
                                          {"day": self.day, "month": self.month}) from None
        return self

    def for_year(self, year: int) -> dt.date:
        """The deadline of the documents about `year`."""
        if self.date is not None:
            return self.date
        assert self.month is not None and self.day is not None  # _one_way checked them
        year += self.year_offset
        if (self.month, self.day) == (2, 29) and not calendar.isleap(year):
            return dt.date(year, 2, 28)  # 29 February, in a year that has none
        return dt.date(year, self.month, self.day)


class Attachment(_Strict):
    """A document the funder wants with an application or report."""

    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    kind: Literal["application", "report"] = "application"
    #: only when the amount asked or granted is at least this much
    above: float | None = Field(default=None, ge=0)
    #: the file may be at most this many months old (e.g. a KvK extract: 12)
    max_age_months: int | None = Field(default=None, ge=1)
    #: the document itself holds it (e.g. the budget and dekkingsplan): no file needed
    in_document: bool = False
    #: only with a first application: not when the funder has funded the organisation before
    first_application_only: bool = False


class ReportingTier(_Strict):
    """What a report must contain from a granted amount upwards (verantwoordingsprotocol)."""

    above: float = Field(ge=0)
    label: str
    #: 'result-per-budget-line', 'accountant-statement', 'content-report', 'financial-report'
    requires: list[str] = []


class Funder(_Strict):
    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    #: the name as it reads inside a sentence, article included: 'het Oranje Fonds',
    #: 'de gemeente Utrecht' ("Hierbij vraagt ... het Oranje Fonds om"); default: the name
    name_in_sentence: str | None = None
    type: FunderType
    language: Literal["nl", "en"] = "nl"
    programme: str | None = None
    website: str | None = None
    description: str | None = None
    contact: FunderContact = FunderContact()
    #: template file per document kind, looked up in the workspace's templates/, then built in
    templates: dict[DocumentKind, str] = {}
    #: indicator themes the funder cares about, in order; outcomes lead with these
    themes: list[str] = []
    sections: dict[str, Section] = {}
    rules: Rules = Rules()
    deadlines: list[Deadline] = []
    attachments: list[Attachment] = []
    reporting: list[ReportingTier] = []
    #: the fields of the funder's online form, in their order
    form: list[FormField] = []

    #: where the profile came from (not a YAML key)
    _file: str = PrivateAttr("")

    @property
    def file(self) -> str:
        return self._file


#: what a profile gets when it does not say otherwise, by funder type
TYPE_DEFAULTS: dict[str, dict] = {
    "municipality": {
        "themes": ["activering", "zelfredzaamheid", "sociaal-isolement"],
        "rules": {"balanced_budget": True},
        "contact": {"salutation": "Geacht college"},
    },
    "housing-corporation": {
        "themes": ["leefbaarheid", "samenleven", "sociaal-isolement"],
        "contact": {"salutation": "Geachte heer, mevrouw"},
    },
    "private-fund": {
        "themes": ["sociaal-isolement", "participatie", "activering"],
        "rules": {"legal_forms": ["stichting", "vereniging"]},
        "contact": {"salutation": "Geacht fondsbestuur"},
    },
    "health-insurer": {
        "themes": ["gezondheid", "eenzaamheid", "sociaal-isolement"],
        "contact": {"salutation": "Geachte heer, mevrouw"},
    },
}

_ENGLISH_SALUTATION = "Dear members of the board"

#: the narrative sections the built-in templates show (`{{p sections.summary }}`), and the
#: text block each is filled from unless a profile's `sections:` says otherwise; the block
#: names are those of the example workspace's texts/ folder
STANDARD_SECTIONS: dict[str, dict] = {
    "summary": {"block": "samenvatting"},
    "organisation": {"block": "organisatie"},
    "need": {"block": "aanleiding"},
    "approach": {"block": "aanpak"},
    "continuity": {"block": "continuiteit"},
    "health": {"block": "gezondheid"},
    "liveability": {"block": "leefbaarheid"},
}


def _merge(defaults: dict, data: dict) -> dict:
    """`data` over `defaults`, recursively for mappings; lists and values are replaced."""
    merged = copy.deepcopy(defaults)
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def with_type_defaults(data: dict) -> dict:
    defaults = copy.deepcopy(TYPE_DEFAULTS.get(data.get("type", ""), {}))
    defaults["sections"] = _merge(STANDARD_SECTIONS, defaults.get("sections", {}))
    if data.get("language") == "en":
        defaults.setdefault("contact", {})["salutation"] = _ENGLISH_SALUTATION
    return _merge(defaults, data)


def load_funder(path: Path, file: str, problems: Problems) -> Funder | None:
    data, lines = read_yaml(path, file, problems)
    if data is None:
        if not any(p.file == file for p in problems.items):
            problems.add(file, _("is empty."), hint=_("A profile needs at least: id, name, type."))
        return None
    if not isinstance(data, dict):
        problems.add(file, _("must hold 'key: value' lines, not a list or a single value."),
                     hint=_("Write each setting on a line of its own as 'key: value', without "
                            "a '-' in front."))
        return None
    in_characters = _limits_in_characters(data, file, lines, problems)
    for name in in_characters:  # said above; the rest of the profile is checked as usual
        data["sections"][name] = {k: v for k, v in data["sections"][name].items()
                                  if k != "max_chars"}
    try:
        funder = Funder.model_validate(with_type_defaults(data))
    except ValidationError as e:
        report_validation(e, Funder, file, lines, problems)
        return None
    if not _form_sections(funder, file, lines, problems) or in_characters:
        return None
    if funder.id != path.stem:
        problems.add(file, _("the id '{id}' differs from the file name '{stem}'.").format(
            id=funder.id, stem=path.stem), line=lines.get(("id",)),
            hint=_("Rename the file to {id}.yaml or set id: {stem}.").format(
                id=funder.id, stem=path.stem))
        return None
    funder._file = file
    return funder


def _limits_in_characters(data: dict, file: str, lines: dict, problems: Problems) -> list[str]:
    """The sections given a limit in characters, each reported: a section of the Word
    document is limited in words; a limit in characters is for a field of the online form."""
    sections = data.get("sections")
    found = [name for name, section in sections.items()
             if isinstance(section, dict) and "max_chars" in section] \
        if isinstance(sections, dict) else []
    for name in found:
        problems.add(file, _("sections.{section}.max_chars: a section of the Word document is "
                             "limited in words (max_words), not in characters.").format(
            section=name), line=lines.get(("sections", name, "max_chars")),
            hint=_("Give the section max_words, or, for a field of the funder's online form, "
                   "write the field under 'form:' with its max_chars (README: Online forms)."))
    return found


def _form_sections(funder: Funder, file: str, lines: dict, problems: Problems) -> bool:
    """Each form field knows its line; one filled from a section names a section the
    profile has. False after reporting each field that does not."""
    ok = True
    for index, field in enumerate(funder.form):
        field._line = lines.get(("form", index))
        if field.section is not None and field.section not in funder.sections:
            ok = False
            problems.add(file, _("form.{index}.section: the field '{label}' is filled from the "
                                 "section '{section}', which this profile does not have.")
                         .format(index=index, label=field.label, section=field.section),
                         line=lines.get(("form", index, "section"), field.line),
                         hint=_("Use one of its sections ({known}), or fill the field from a "
                                "text block with 'text:'.").format(
                             known=", ".join(sorted(funder.sections))))
    return ok


def load_funders(folder: Path, root: Path, problems: Problems,
                 failed: set[str] | None = None) -> dict[str, Funder]:
    """Every profile in `folder` that loads; the ids of those that do not go into `failed`."""

    funders: dict[str, Funder] = {}
    if not folder.is_dir():
        problems.add(relative_path(folder, root), _("the folder is missing."),
                     hint=_("Create funders/ with one <funder_id>.yaml per funder."))
        return funders
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".yaml", ".yml") or path.name.startswith("."):
            continue
        file = relative_path(path, root)
        if not re.fullmatch(SLUG_PATTERN, path.stem):
            problems.add(file, _("'{stem}' is not a valid funder id.").format(stem=path.stem),
                         hint=_("Name the file with lowercase letters, digits and hyphens, "
                                "e.g. oranje-fonds.yaml."))
            continue
        funder = load_funder(path, file, problems)
        if funder is not None:
            funders[funder.id] = funder
        elif failed is not None:
            failed.add(path.stem)
    return funders
