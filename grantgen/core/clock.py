"""The build's clock: the date documents carry, and the moment of a build.

Two things, kept apart:
- the *document date*: the day every document of a build is dated, and the day deadlines,
  the age of attachments and the staleness of texts are counted from. It is, first that
  is given: `--date` on the command line, `settings: document_date:` in
  facts/organisation.yaml, the day of SOURCE_DATE_EPOCH, today;
- the *build time*: a moment, for what records when something happened (approved_at in
  the manifest, the time stamp of a calendar file). It is SOURCE_DATE_EPOCH when set (the
  reproducible-builds convention, a Unix time), else now.
A document holds no moment, only its date, so equal input and an equal document date give
equal bytes, whatever the clock says.
"""

from __future__ import annotations

import datetime as dt
import os


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so equal input gives equal output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now().replace(microsecond=0)


def today(given: dt.date | None = None) -> dt.date:
    """`given`, else the day of SOURCE_DATE_EPOCH, else today."""
    if given is not None:
        return given
    return build_time().date()


def document_date(given: dt.date | None = None, setting: dt.date | None = None) -> dt.date:
    """The date documents are dated and counted from: `given` (the command's --date), the
    workspace's setting (settings.document_date), the day of SOURCE_DATE_EPOCH, or today."""
    return today(given if given is not None else setting)
