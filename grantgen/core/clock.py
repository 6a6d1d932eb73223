"""The time of a build: now, or SOURCE_DATE_EPOCH when set, so equal input gives equal documents."""

from __future__ import annotations

import datetime as dt
import os


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so equal input gives equal documents."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now().replace(microsecond=0)


def today(given: dt.date | None = None) -> dt.date:
    """The date deadlines are counted from: `given`, SOURCE_DATE_EPOCH's date, or today."""
    if given is not None:
        return given
    return build_time().date()
