"""Numbers as people type them: Dutch (1.234,56; 40.000; 12,5) and ISO (1234.56), and the one
shape that cannot be read either way for sure: one group of three digits after a single
point or comma (`12.700`, `1,234`), which is thousands to one reader and decimals to another.

The rule: a cell is read when only one reading makes sense; when two do, it is an error that
shows both. So in a ';'-separated (Dutch) file `12.700` is twelve thousand seven hundred (the
file's own convention), while in a ','-separated file it could be € 12.700 or € 12,70; `1,234`
could be either in any file. More than one group (`1.234.567`, `1,234,567`) can only be
thousands, and so can one group in a count or a year, which have no decimals.
"""

from __future__ import annotations

import pandas as pd

from grantgen.core.formatting import amount, number
from grantgen.core.i18n import _, current_language

#: one or more groups of three digits after a point: '12.700', '1.234.567'
_DOT_GROUPS = r"-?[1-9]\d{0,2}(?:\.\d{3})+"
#: one or more groups of three digits after a comma: '1,234', '1,234,567'
_COMMA_GROUPS = r"-?[1-9]\d{0,2}(?:,\d{3})+"


def _plain(text: pd.Series) -> pd.Series:
    """The cell without the euro sign and spaces (`€ 1.234,50` -> `1.234,50`)."""
    return (text.str.replace("€", "", regex=False).str.replace("\u00a0", "", regex=False)
            .str.replace(" ", "", regex=False))


def _groups(s: pd.Series, dutch: bool, whole: bool) -> tuple[pd.Series, pd.Series]:
    """(cells that are thousands for sure, cells that may be thousands or decimals)."""
    dots = s.str.fullmatch(_DOT_GROUPS).fillna(False).astype(bool)
    commas = s.str.fullmatch(_COMMA_GROUPS).fillna(False).astype(bool)
    several = s.str.count(r"[.,]") > 1
    thousands = (dots & (several | dutch | whole)) | (commas & (several | whole))
    return thousands, (dots | commas) & ~thousands


def _only_digits(text: pd.Series) -> bool:
    """Whether every cell is empty or digits alone (`12700`, `2019`): as most are, and as
    they read one way only, whatever the file's notation."""
    return bool(text.str.fullmatch(r"\d*").fillna(False).all())


def ambiguous_numbers(text: pd.Series, dutch: bool, whole: bool = False) -> pd.Series:
    """The cells whose thousands and decimals cannot be told apart (`12.700` in a
    ','-separated file, `1,234` in any); never in a count or year (`whole`)."""
    if _only_digits(text):  # none (of the dtype the full reading gives)
        return text.str.len() < 0
    return _groups(_plain(text), dutch, whole)[1]


def parse_numbers(text: pd.Series, dutch: bool, whole: bool = False) -> pd.Series:
    """Numbers as written in Dutch (1.234,56; 40.000; 12,5) or ISO (1234.56); NaN otherwise,
    and NaN for a cell that could be read two ways (ambiguous_numbers).

    `dutch`: a ';'-separated file, where '1.234' is one thousand two hundred and thirty-four.
    `whole`: a count or year, where one group of three digits can only be thousands. With
    both '.' and ',' the last one is the decimal mark.
    """
    if _only_digits(text):  # nothing to take apart: read as written (the same reading)
        return pd.to_numeric(text.where(text != "", None), errors="coerce")
    s = _plain(text)
    thousands, ambiguous = _groups(s, dutch, whole)
    has_comma = s.str.contains(",", regex=False)
    has_dot = s.str.contains(".", regex=False)
    last_is_comma = s.str.rfind(",") > s.str.rfind(".")
    dutch_mark = has_comma & (~has_dot | last_is_comma) & ~thousands
    english_thousands = has_comma & has_dot & ~last_is_comma
    read = s.mask(thousands, s.str.replace(r"[.,]", "", regex=True))
    read = read.mask(dutch_mark, s.str.replace(".", "", regex=False)
                     .str.replace(",", ".", regex=False))
    read = read.mask(english_thousands, s.str.replace(",", "", regex=False))
    read = read.mask(ambiguous, "x")
    # only plain decimal notation: no '1e5', 'inf' or 'nan' from a spreadsheet
    read = read.where(read.str.fullmatch(r"-?(\d+\.?\d*|\.\d+)").fillna(False), "x")
    return pd.to_numeric(read.where(text != "", None), errors="coerce")


# ---- the message that shows both readings ----------------------------------------------------

def _readings(value: str) -> tuple[str, str]:
    """The digits before and after the one mark of `12.700`: ('12', '700')."""
    plain = _plain(pd.Series([value])).iloc[0]
    whole, decimals = plain.replace(",", ".").split(".")
    return whole, decimals


def _shown(value: float, decimals: int, money: bool, language: str) -> str:
    """A reading as the user's language writes it: `€ 12.700`, `€ 12,70`, `1,234`."""
    if money and decimals <= 2:
        return amount(value, cents=decimals > 0, language=language)
    text = number(value, decimals=decimals, language=language)
    return ("€ " if language == "nl" else "€") + text if money else text


def ambiguity_message(value: str, money: bool) -> str:
    """`'12.700' could be € 12.700 or € 12,70.`, in the language of the messages."""
    whole, digits = _readings(value)
    significant = len(digits.rstrip("0"))
    language = current_language()
    decimal = _shown(float(f"{whole}.{digits}"),
                     max(significant, 2 if money and significant else 0), money, language)
    return _("'{value}' could be {thousands} or {decimal}.").format(
        value=value, thousands=_shown(float(whole + digits), 0, money, language),
        decimal=decimal)


def ambiguity_hint(value: str, dutch: bool, money: bool, workbook: bool) -> str:
    """How to write the cell so it reads only one way, in this file's notation."""
    if workbook:
        return _("The cell holds text, so it can be read either way: type the number again "
                 "in a cell that is not formatted as text.")
    whole, digits = _readings(value)
    kept = digits.rstrip("0")
    if money and len(kept) == 1:
        kept += "0"
    if len(kept) == 3:
        kept += "0"  # four decimals cannot be thousands
    decimal = f"{whole}{',' if dutch else '.'}{kept}" if kept else whole
    if dutch:
        return _("Write {thousands} or {decimal}.").format(thousands=whole + digits,
                                                          decimal=decimal)
    return _("Write {thousands} or {decimal} (in a comma-separated file the decimal mark is a "
             "point).").format(thousands=whole + digits, decimal=decimal)
