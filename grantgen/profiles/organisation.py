"""facts/organisation.yaml: the organisation that applies, as a declared schema."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from grantgen.core.dates import Date
from grantgen.core.errors import Problems
from grantgen.core.i18n import _
from grantgen.core.yamlfile import read_yaml, report_validation


class BoardMember(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    role: str


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None


class Settings(BaseModel):
    """How grantgen treats this workspace (an extension of FACTS.md)."""

    model_config = ConfigDict(extra="forbid")
    #: language of messages and of documents for funders without one
    language: Literal["nl", "en"] = "nl"
    #: groups smaller than this are shown as '< n' in breakdowns (age band, landlord, ...)
    privacy_threshold: int = Field(default=5, ge=1)
    #: a realised cost line that differs from its budget line by more than this share
    #: (0.10: 10%) needs an explanation in facts/explanations (year-end reports)
    deviation_threshold: float = Field(default=0.10, ge=0, le=10)
    #: the day every document is dated, and deadlines, the age of attachments and the
    #: staleness of texts are counted from (default: today; `--date` overrides it)
    document_date: Date | None = None


class Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    legal_form: Literal["stichting", "vereniging", "cooperatie"]
    mission: str
    kvk: str | None = None
    rsin: str | None = None
    iban: str | None = None
    anbi: bool = False
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    #: written as in the fact tables: 2016-02-15 or 15-02-2016 (core/dates.py)
    founded: Date | None = None
    board: list[BoardMember] = []
    contact: Contact | None = None
    settings: Settings = Settings()

    @field_validator("kvk", "rsin", "iban", "phone", "postcode", mode="before")
    @classmethod
    def _numbers_as_text(cls, value):
        # YAML reads 12345678 as a number; these are codes, keep them as written
        return str(value) if isinstance(value, int) else value

    @field_validator("board", mode="before")
    @classmethod
    def _no_board_yet(cls, value):
        # `board:` with nothing after it, as a new workspace has it: no board members yet
        return [] if value is None else value

    @field_validator("legal_form", mode="before")
    @classmethod
    def _lower(cls, value):
        if isinstance(value, str):
            return value.strip().lower().replace("coöperatie", "cooperatie")
        return value


def load_organisation(path: Path, file: str, problems: Problems) -> Organisation | None:
    if not path.exists():
        problems.add(file, _("is missing."),
                     hint=_("Create it with at least: name, legal_form and mission."))
        return None
    data, lines = read_yaml(path, file, problems)
    if data is None and not lines:
        if path.stat().st_size == 0 or data is None:
            if not any(p.file == file for p in problems.items):
                problems.add(file, _("is empty."),
                             hint=_("It needs at least: name, legal_form and mission."))
        return None
    if not isinstance(data, dict):
        problems.add(file, _("must hold 'key: value' lines, not a list or a single value."),
                     hint=_("Write each setting on a line of its own as 'key: value', without "
                            "a '-' in front."))
        return None
    try:
        return Organisation.model_validate(data)
    except ValidationError as e:
        report_validation(e, Organisation, file, lines, problems)
        return None
