"""Small groups in breakdowns: a count below the workspace's privacy threshold is shown as
`< 5`, never as the number itself, so nobody can be picked out of a table.

The threshold is `settings.privacy_threshold` in facts/organisation.yaml (default 5). The
template context holds only what may be shown: a small group's count is a `Suppressed`
value, which the formatting filters print as it is.
"""

from __future__ import annotations

from collections.abc import Iterable


class Suppressed(str):
    """A count too small to publish: prints as `< 5`, and is a string in templates
    (`{% if x is string %}`)."""

    threshold: int

    def __new__(cls, threshold: int) -> Suppressed:
        value = super().__new__(cls, f"< {threshold}")
        value.threshold = threshold
        return value

    def __reduce__(self):
        return (Suppressed, (self.threshold,))


def is_small(count: int | None, threshold: int) -> bool:
    """Whether a group of `count` people is too small to show (an empty group is not)."""
    return count is not None and 0 < count < threshold


def shown(count: int | None, threshold: int) -> int | Suppressed | None:
    """The count as a document may show it."""
    if count is None:
        return None
    return Suppressed(threshold) if is_small(count, threshold) else int(count)


def breakdown(groups: Iterable[tuple[str, str, int]], threshold: int) -> list[dict]:
    """Rows of a breakdown from (key, label, count): each with `count` as it may be shown
    and `small` when it is suppressed."""
    return [{"key": key, "label": label, "count": shown(count, threshold),
             "shown": shown(count, threshold), "small": is_small(count, threshold)}
            for key, label, count in groups]
