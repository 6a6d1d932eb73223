"""Dates as people type them: one reading for the fact tables, organisation.yaml, the funder
profiles, the texts' headers and the command line, so that all of them accept the same.

Accepted: ISO (2018-11-30) and Dutch (30-11-2018, 30/11/2018, 30-11-18) dates, and a date with
a time of day as a spreadsheet writes it (2018-11-30 00:00:00; the time is left out). The
American way (11/30/2018) is refused rather than guessed, and so is an impossible date
(31-02-2018).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

#: the ways a date may be written, tried in this order
FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d-%m-%y")
#: the dates the fact tables can hold (pandas' datetime64[ns]); anything outside is a typo
EARLIEST = dt.date(1678, 1, 1)
LATEST = dt.date(2261, 12, 31)
#: what a schema reports for a value that is no date (core/yamlfile.py words it)
NOT_A_DATE = "grantgen_not_a_date"


def parse_date(text: str) -> dt.date | None:
    """The date `text` is written as, or None when it is no date (or an impossible one)."""
    text = text.strip()
    for fmt in FORMATS:
        try:
            value = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return value if EARLIEST <= value <= LATEST else None
    return None


def _date_value(value: object) -> dt.date:
    """A value of a YAML file as a date: YAML itself reads an unquoted 2016-02-15 as a date,
    while 15-02-2016 stays text; both are read as parse_date reads a cell of a fact table."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date) and EARLIEST <= value <= LATEST:
        return value
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
    # a number (2016, which pydantic would read as seconds since 1970) is no date either
    raise PydanticCustomError(NOT_A_DATE, "not a date")


#: a date in a YAML schema (pydantic), read as the fact tables read one
Date = Annotated[dt.date, BeforeValidator(_date_value)]
