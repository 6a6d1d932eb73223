"""Dutch and English formatting of amounts, numbers, percentages and dates, built on Babel.

These functions are the template filters (`{{ x | amount }}`); each takes the document
language. Missing values (None, NaN) become an en dash, never "None" or "nan".
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Context, Decimal, getcontext, localcontext
from functools import lru_cache, partial
from typing import Any

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal

from grantgen.core.privacy import Suppressed

MISSING = "–"

LOCALES = {"nl": "nl_NL", "en": "en_GB"}

# Babel's own Dutch pattern puts a no-break space after the euro sign; funders and
# DOMAIN.md write a plain space (`€ 40.000`), so the patterns are spelled out here.
_CURRENCY_PATTERNS = {
    "nl": ("¤ #,##0;¤ -#,##0", "¤ #,##0.00;¤ -#,##0.00"),
    "en": ("¤#,##0;-¤#,##0", "¤#,##0.00;-¤#,##0.00"),
}

_UNIT_WORDS = {"nl": {"hours": "uur"}, "en": {"hours": "hours"}}


def _as_is(value: Any) -> bool:
    """A value the filters print unchanged: a count too small to show ('< 5')."""
    return isinstance(value, Suppressed)


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if type(value) in (int, str, bool):  # the values of most cells: no need to ask pandas
        return False
    if isinstance(value, Decimal):
        return value.is_nan()
    try:
        import pandas as pd  # only when a pandas value reaches us

        return bool(pd.isna(value)) if not isinstance(value, (str, list, dict)) else False
    except (ImportError, TypeError, ValueError):
        return False


def _number(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return Decimal(value)
    # round floats to cents first so 0.1 + 0.2 never shows as 0,30000000000000004
    return Decimal(str(round(float(value), 6)))


def _precise():
    """Decimal arithmetic with room for any amount (the default stops at 28 digits)."""
    context = getcontext().copy()
    context.prec = 100
    return localcontext(context)


def _rounded(value: Decimal, places: int) -> Decimal:
    """`value` rounded to `places` decimals half away from zero, as people round money
    (0,005 -> 0,01), and never a negative zero (-0,001 -> 0)."""
    rounded = value.quantize(_PLACES[places] if places in _PLACES else
                             Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP,
                             context=_PRECISE)
    return rounded if rounded != 0 else abs(rounded)


#: the precise context of _precise(), made once: a document rounds thousands of amounts
_PRECISE = Context(prec=100)
_PLACES = {places: Decimal(1).scaleb(-places) for places in range(4)}


def _locale(language: str) -> str:
    return LOCALES.get(language, LOCALES["nl"])


def _babel(value: Decimal, pattern: str, language: str, currency: bool) -> str:
    """Babel's text of `value` in `pattern` (an amount in euros with `currency`). A document
    formats the same few amounts and numbers many times over, and Babel takes long over
    each, so its answers are kept: by the exact text of the Decimal (Decimal('1.0') and
    Decimal('1.00') are equal, but need not print the same) and the decimal context's
    rounding, the one setting of the context Babel could see besides the precision."""
    return _babel_text(str(value), pattern, language, currency, getcontext().rounding)


@lru_cache(maxsize=16384)
def _babel_text(value: str, pattern: str, language: str, currency: bool,
                rounding: str | None) -> str:
    with _precise():
        if currency:
            return format_currency(Decimal(value), "EUR", format=pattern,
                                   locale=_locale(language), currency_digits=False)
        return format_decimal(Decimal(value), format=pattern, locale=_locale(language),
                              decimal_quantization=True)


def amount(value: Any, cents: bool | None = None, signed: bool = False,
           language: str = "nl") -> str:
    """`€ 40.000` for whole euros, `€ 1.234,50` otherwise (English: `€40,000`, `€1,234.50`)."""
    if is_missing(value):
        return MISSING
    if _as_is(value):
        return str(value)
    number = _number(value)
    if not number.is_finite():
        return MISSING
    number = _rounded(number, 2)
    if cents is None:
        cents = number != number.to_integral_value()
    whole, decimal = _CURRENCY_PATTERNS.get(language, _CURRENCY_PATTERNS["nl"])
    text = _babel(number, decimal if cents else whole, language, currency=True)
    if signed and number > 0:
        text = "+" + text
    return text


def number(value: Any, decimals: int | None = None, signed: bool = False,
           language: str = "nl") -> str:
    """`1.087`, `12,5` (English: `1,087`, `12.5`); `decimals` fixes the digits after the comma."""
    if is_missing(value):
        return MISSING
    if _as_is(value):
        return str(value)
    num = _number(value)
    if not num.is_finite():
        return MISSING
    num = _rounded(num, 2 if decimals is None else decimals)
    if decimals is None:
        pattern = "#,##0.##"
    elif decimals == 0:
        pattern = "#,##0"
    else:
        pattern = "#,##0." + "0" * decimals
    text = _babel(num, pattern, language, currency=False)
    if signed and num > 0:
        text = "+" + text
    return text


def percent(value: Any, decimals: int = 1, signed: bool = False, language: str = "nl",
            fixed: bool = False) -> str:
    """A fraction as a percentage: 0.125 -> `12,5%` (English `12.5%`); `fixed` keeps every
    decimal (0.03 -> `3,0%`), so a column of percentages lines up."""
    if is_missing(value):
        return MISSING
    if _as_is(value):
        return str(value)
    pattern = "#,##0." + ("0" if fixed else "#") * decimals if decimals else "#,##0"
    share = _number(value)
    if not share.is_finite():
        return MISSING
    share = _rounded(share * 100, decimals)
    if share == 0:
        share = abs(share)  # never '-0,0%'
    # (decimal_quantization=True in _babel is Babel's default)
    text = _babel(share, pattern, language, currency=False)
    if signed and share > 0:
        text = "+" + text
    return text + "%"


def date(value: Any, style: str = "long", language: str = "nl") -> str:
    """`30 november 2018` (long), `30-11-2018` (short); English `30 November 2018`, `30/11/2018`."""
    if is_missing(value) or value == "":
        return MISSING
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime().date()
    if style == "short":
        return value.strftime("%d-%m-%Y" if language == "nl" else "%d/%m/%Y")
    if style == "month":
        return _babel_date(value, "MMMM y", locale=_locale(language))
    return _babel_date(value, "d MMMM y", locale=_locale(language))


def indicator_value(value: Any, unit: str = "count", language: str = "nl") -> str:
    """An outcome value in its unit: counts, percentages (12.5 -> `12,5%`), euros, hours."""
    if is_missing(value):
        return MISSING
    if _as_is(value):
        return str(value)
    if unit == "percent":
        return number(value, language=language) + "%"
    if unit == "euro":
        return amount(value, language=language)
    if unit == "hours":
        hours = _UNIT_WORDS.get(language, _UNIT_WORDS["nl"])["hours"]
        return f"{number(value, language=language)} {hours}"
    return number(value, language=language)


def filters_for(language: str) -> dict[str, Any]:
    """The template filters bound to one document language."""
    return {
        "amount": partial(amount, language=language),
        "number": partial(number, language=language),
        "percent": partial(percent, language=language),
        "date": partial(date, language=language),
        "indicator": partial(indicator_value, language=language),
    }


def warm(language: str) -> None:
    """Format one of each kind of value in `language` now, so that what Babel loads on first
    use is there before rendering processes are forked (each would load it again)."""
    amount(1234.5, language=language)
    number(1234, language=language)
    percent(0.5, language=language)
    date(dt.date(2000, 1, 1), language=language)
