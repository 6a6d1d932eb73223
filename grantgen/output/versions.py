"""Versions of a document across builds: file names, content digests and the manifest history.

A document (identified by its key: kind/year/funder/location) starts as draft version 1.
Once the board approves a version, builds never touch that file again; when what the
document says changes, the next build writes draft version N+1 beside it, named
`aanvraag-2019-de-klop-v2.docx`.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections import defaultdict
from pathlib import PurePosixPath

from grantgen.output.publish import Entry

#: zip parts that change with every save but say nothing about the content
_VOLATILE = {"docProps/core.xml"}

#: kinds that are made by `grantgen review`, not by the funding plan
WORKING_KINDS = {"review-pack"}


def versioned_path(path: str, version: int) -> str:
    """`2019/x/aanvraag-2019-de-klop.docx` for version 1, `...-de-klop-v2.docx` after."""
    if version <= 1:
        return path
    p = PurePosixPath(path)
    return str(p.with_name(f"{p.stem}-v{version}{p.suffix}"))


def content_digest(data: bytes) -> str:
    """sha256 over every part of a .docx except its time stamps: two documents with the same
    digest read the same."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in sorted(z.namelist()):
            if name in _VOLATILE:
                continue
            digest.update(name.encode() + b"\0")
            digest.update(hashlib.sha256(z.read(name)).digest())
    return digest.hexdigest()


class _Digest:
    """A package writer (render.write_package) that computes content_digest instead of
    writing a zip."""

    def __init__(self):
        self.members: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.members[pack_uri.membername] = hashlib.sha256(blob).digest()

    def hexdigest(self) -> str:
        digest = hashlib.sha256()
        for name in sorted(self.members):
            if name in _VOLATILE:
                continue
            digest.update(name.encode() + b"\0")
            digest.update(self.members[name])
        return digest.hexdigest()


def package_digest(document) -> str:
    """content_digest of a python-docx Document as it would be saved."""
    from grantgen.word.render import docx_bytes, write_package

    writer = _Digest()
    if not write_package(document, writer):
        return content_digest(docx_bytes(document))
    return writer.hexdigest()


def final_digest(data: bytes) -> str:
    """content_digest(final_form(data)), without writing the final form out."""
    from docx import Document

    from grantgen.word.draftmark import strip_mark

    document = Document(io.BytesIO(data))
    strip_mark(document)
    return package_digest(document)


def final_form(data: bytes) -> bytes:
    """The document as it is approved: the draft without its mark."""
    from grantgen.word.draftmark import remove_mark

    return remove_mark(data)


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
