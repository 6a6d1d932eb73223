"""Versions of a document across builds: file names, content digests and the manifest history.

A document (identified by its key: kind/year/funder/location) starts as draft version 1.
Once the board approves a version, builds never touch that file again; when what the
document says changes, the next build writes draft version N+1 beside it, named
`aanvraag-2019-de-klop-v2.docx`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from grantgen.output.publish import Entry

#: kinds that are made by `grantgen review`, not by the funding plan
WORKING_KINDS = {"review-pack"}


def versioned_path(path: str, version: int) -> str:
    """`2019/x/aanvraag-2019-de-klop.docx` for version 1, `...-de-klop-v2.docx` after."""
    if version <= 1:
        return path
    p = PurePosixPath(path)
    return str(p.with_name(f"{p.stem}-v{version}{p.suffix}"))


class History:
    """The documents of a manifest grouped by key, oldest version first."""

    def __init__(self, entries: list[Entry]):
        self.by_key: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            if entry.kind not in WORKING_KINDS:
                self.by_key[entry.key or entry.path].append(entry)
        for versions in self.by_key.values():
            versions.sort(key=lambda e: (e.version, e.status == "approved"))

    def latest(self, key: str) -> Entry | None:
        """The newest version of the document: what is current."""
        versions = self.by_key.get(key)
        return versions[-1] if versions else None

    def approved(self, key: str) -> Entry | None:
        """The newest approved version of the document, if any."""
        for entry in reversed(self.by_key.get(key, [])):
            if entry.status == "approved":
                return entry
        return None

    def current(self) -> list[Entry]:
        """The newest version of every document."""
        return [versions[-1] for versions in self.by_key.values()]

    def approved_keys(self) -> set[str]:
        """Documents whose newest version is approved (nothing newer waits for review)."""
        return {key for key, versions in self.by_key.items()
                if versions[-1].status == "approved"}
