"""Writing a .docx package: fixed time stamps (same content, same bytes), the document's
properties, and the digest of what a document says."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Callable
from typing import Any

from grantgen.core.files import ZIP_DATE, normalise_zip

#: the time stamp of every part of every .docx grantgen writes
#: zip parts that change with every save but say nothing about the content
_VOLATILE = {"docProps/core.xml"}


class _FixedTimeZip:
    """python-docx's package writer's zip, with the fixed time stamp on every part."""

    def __init__(self, buffer):
        self._zip = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def write_package(document, writer) -> bool:
    """Hand every member of the .docx package of a python-docx Document to `writer`
    (`write(pack_uri, blob)`), in the order and with the bytes python-docx saves them;
    False where python-docx's package writer is not what this expects."""
    try:
        from docx.opc.pkgwriter import PackageWriter

        package = document.part.package
        parts = package.parts
        for part in parts:
            part.before_marshal()
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    except (ImportError, AttributeError):
        return False
    return True


def docx_bytes(document) -> bytes:
    """A python-docx Document as .docx bytes with fixed time stamps on every part: what
    saving it and normalise_zip give, in one go (the parts compressed once, not twice)."""
    buffer = io.BytesIO()
    writer = _FixedTimeZip(buffer)
    if not write_package(document, writer):  # python-docx's writer changed: the long way
        buffer = io.BytesIO()
        document.save(buffer)
        return normalise_zip(buffer.getvalue())
    writer.close()
    return buffer.getvalue()


class _Recording(_FixedTimeZip):
    """_FixedTimeZip that keeps the sha256 of every member it writes."""

    def __init__(self, buffer):
        super().__init__(buffer)
        self.members: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.members[pack_uri.membername] = hashlib.sha256(blob).digest()
        super().write(pack_uri, blob)


def docx_bytes_and_digest(document, change: Callable[[Any], list]) -> tuple[bytes, str]:
    """docx_bytes(document), and package_digest() of the document after `change(document)`
    (which changes it in place and gives the parts it changed): only those parts are
    written out again for the digest, the others' digests are those of the bytes."""
    buffer = io.BytesIO()
    writer = _Recording(buffer)
    if not write_package(document, writer):  # python-docx's writer changed: the long way
        data = docx_bytes(document)
        change(document)
        return data, package_digest(document)
    writer.close()
    members = dict(writer.members)
    for part in change(document):
        members[part.partname.membername] = hashlib.sha256(part.blob).digest()
    return buffer.getvalue(), _hexdigest(members)


def _hexdigest(members: dict[str, bytes]) -> str:
    """content_digest from the sha256 of each member."""
    digest = hashlib.sha256()
    for name in sorted(members):
        if name in _VOLATILE:
            continue
        digest.update(name.encode() + b"\0")
        digest.update(members[name])
    return digest.hexdigest()


def document_properties(title: str, author: str, language: str, when: dt.datetime) -> dict:
    """The document's properties (File > Properties in Word). Created and modified are the
    document's date, not the time of day, so two builds of one day give the same bytes."""
    day = dt.datetime.combine(when.date(), dt.time())
    return {"title": title, "author": author, "last_modified_by": author,
            "language": "nl-NL" if language == "nl" else "en-GB",
            "created": day, "modified": day, "revision": 1}


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
    """A package writer (write_package) that computes content_digest instead of
    writing a zip."""

    def __init__(self):
        self.members: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.members[pack_uri.membername] = hashlib.sha256(blob).digest()

    def hexdigest(self) -> str:
        return _hexdigest(self.members)


def package_digest(document) -> str:
    """content_digest of a python-docx Document as it would be saved."""

    writer = _Digest()
    if not write_package(document, writer):
        return content_digest(docx_bytes(document))
    return writer.hexdigest()
