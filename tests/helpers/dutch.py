"""How the Dutch documents write numbers, amounts and percentages, written here apart from
grantgen.core.formatting, so that a test compares a document with figures of its own."""

from __future__ import annotations


def dutch_number(n: float) -> str:
    """1087 -> '1.087' (whole numbers)."""
    return f"{n:,.0f}".replace(",", ".")


def dutch_amount(n: float) -> str:
    """40000 -> '€ 40.000' (whole euros)."""
    return "€ " + dutch_number(n)


def dutch_percent(share: float) -> str:
    """0.125 -> '12,5%'."""
    return f"{share * 100:.1f}".replace(".", ",") + "%"
