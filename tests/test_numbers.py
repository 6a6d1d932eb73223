"""Reading numbers (grantgen/facts/numbers.py): a column of digits alone is read without
taking thousands and decimals apart, and that gives what the full reading gives."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

import grantgen.facts.numbers as numbers

DIGITS = ["", "12700", "007", "2019", "0", "123456789012"]
OTHERS = ["1.234", "1,5", "€ 40.000", "-5", "12.700", " 12", "1e5", "abc", "1.234,50"]


@pytest.mark.parametrize("dtype", [object, "string"])
@pytest.mark.parametrize("cells", [DIGITS, DIGITS[:2], ["", ""], DIGITS + OTHERS[:1],
                                   OTHERS, DIGITS[1:] + OTHERS])
def test_digits_alone_read_as_the_full_reading_reads_them(monkeypatch, dtype, cells):
    text = pd.Series(cells, dtype=dtype)
    for dutch, whole in itertools.product([False, True], repeat=2):
        fast = (numbers.parse_numbers(text, dutch, whole),
                numbers.ambiguous_numbers(text, dutch, whole))
        with monkeypatch.context() as patched:
            patched.setattr(numbers, "_only_digits", lambda _text: False)
            full = (numbers.parse_numbers(text, dutch, whole),
                    numbers.ambiguous_numbers(text, dutch, whole))
        assert fast[0].dtype == full[0].dtype and fast[0].equals(full[0])
        assert fast[1].dtype == full[1].dtype and fast[1].equals(full[1])
    assert numbers._only_digits(text) == all(c.isdigit() or c == "" for c in cells)
