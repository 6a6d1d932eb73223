"""Values as contexts hold them: pandas' missing values as None, and the small reckonings
several documents share (a change from one year to the next, whether a target was met)."""

from __future__ import annotations

from typing import Any

import pandas as pd


def clean(value: Any) -> Any:
    """Pandas' missing values as None, numpy numbers as Python numbers, timestamps as dates."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, (list, tuple, dict, str)):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    if hasattr(value, "item"):
        return value.item()
    return value


def capitalised(text: str) -> str:
    """'eigen bijdragen' -> 'Eigen bijdragen' (a label typed in lower case in the facts)."""
    return text[:1].upper() + text[1:]


def record(row: pd.Series | dict) -> dict:
    return {str(k): clean(v) for k, v in dict(row).items()}


def num(value: Any) -> float | None:
    """A number as float; None for a missing value."""
    return None if value is None or pd.isna(value) else float(value)


def text(value: Any) -> str | None:
    """A text cell stripped; None when empty or missing."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    stripped = str(value).strip()
    return stripped or None


def change(now: float | None, before: float | None) -> dict:
    """The change from `before` to `now`, in units and as a share of `before`."""
    if now is None or before is None:
        return {"value": None, "share": None}
    return {"value": now - before, "share": (now - before) / before if before else None}


def target_met(value: float | None, target: float | None, higher_is_better: bool) -> bool | None:
    """Whether an outcome met its target (None when either is not known): at or above it,
    or at or below it for an indicator where lower is better."""
    if value is None or target is None:
        return None
    return value >= target if higher_is_better else value <= target
