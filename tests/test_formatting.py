"""Dutch and English notation of amounts, numbers, percentages and dates."""

import datetime as dt

import pytest

from grantgen.core.formatting import amount, date, indicator_value, number, percent


@pytest.mark.parametrize("value, nl, en", [
    (40000, "€ 40.000", "€40,000"),
    (1234.5, "€ 1.234,50", "€1,234.50"),
    (0.1 + 0.2, "€ 0,30", "€0.30"),
    (999, "€ 999", "€999"),
    (-500, "€ -500", "-€500"),
    (1_000_000, "€ 1.000.000", "€1,000,000"),
])
def test_amounts(value, nl, en):
    assert amount(value) == nl
    assert amount(value, language="en") == en


def test_numbers_and_percentages():
    assert number(1087) == "1.087"
    assert number(12.5) == "12,5"
    assert number(1087, language="en") == "1,087"
    assert percent(0.125) == "12,5%"
    assert percent(0.125, language="en") == "12.5%"
    assert percent(0.5) == "50%"


def test_dates():
    assert date(dt.date(2018, 11, 30)) == "30 november 2018"
    assert date(dt.date(2018, 11, 30), "short") == "30-11-2018"
    assert date(dt.date(2018, 11, 30), language="en") == "30 November 2018"
    assert date(dt.date(2016, 4, 1), "month") == "april 2016"


def test_missing_values_never_print_none_or_nan():
    for fn in (amount, number, percent, date):
        assert fn(None) == "–"
    assert amount(float("nan")) == "–"


def test_indicator_units():
    assert indicator_value(12.5, "percent") == "12,5%"
    assert indicator_value(5900, "hours") == "5.900 uur"
    assert indicator_value(5900, "hours", language="en") == "5,900 hours"
    assert indicator_value(1500, "euro") == "€ 1.500"
    assert indicator_value(14, "count") == "14"
