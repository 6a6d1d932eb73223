"""Writing a .docx package: fixed time stamps (same content, same bytes), the document's
properties, and the digest of what a document says."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

from grantgen.core.files import ZIP_DATE, normalise_zip

#: the time stamp of every part of every .docx grantgen writes
#: zip parts that change with every save but say nothing about the content
_VOLATILE = {"docProps/core.xml"}


class _FixedTimeZip:
    """The zip of a .docx as python-docx's package writer hands it its parts, with the fixed
    time stamp on every part, written as Python's zipfile writes it (same headers, same
    deflate at the same level, so the same bytes).

    It is written here rather than by zipfile because zipfile cannot take data it
    compressed before: the large parts every document of a template has alike (styles,
    theme, fonts) are compressed once per process and their deflated bytes reused."""

    def __init__(self, buffer):
        self._out = buffer
        self._central: list[bytes] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.add(pack_uri.membername, blob)

    def add(self, name: str, blob: bytes, sha256: bytes | None = None) -> None:
        encoded = name.encode("ascii", "strict") if name.isascii() else name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAME
        crc, packed = _deflated(blob, sha256)
        offset = self._out.tell()
        fields = (_VERSION, flags, _DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(packed),
                  len(blob), len(encoded))
        self._out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + encoded)
        self._out.write(packed)
        self._central.append(struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", _MADE_BY, *fields, 0, 0, 0, 0, _ATTRIBUTES,
            offset) + encoded)

    def close(self) -> None:
        start = self._out.tell()
        for entry in self._central:
            self._out.write(entry)
        size = self._out.tell() - start
        count = len(self._central)
        self._out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size,
                                    start, 0))


#: the header fields of a member as zipfile writes them: version 2.0 needed (deflate), made
#: by 2.0 on Unix, rw-r--r--, the name in UTF-8 flagged where it is not ASCII
_VERSION = 20
_MADE_BY = (3 << 8) | 20
_DEFLATED = zipfile.ZIP_DEFLATED
_UTF8_NAME = 0x800
_ATTRIBUTES = 0o644 << 16
_DOS_DATE = (ZIP_DATE[0] - 1980) << 9 | ZIP_DATE[1] << 5 | ZIP_DATE[2]
_DOS_TIME = ZIP_DATE[3] << 11 | ZIP_DATE[4] << 5 | ZIP_DATE[5] // 2
#: parts at least this large are remembered deflated (smaller ones are quick to deflate)
_REMEMBERED_FROM = 4096
_remembered: dict[bytes, tuple[int, bytes]] = {}


def _deflated(blob: bytes, sha256: bytes | None = None) -> tuple[int, bytes]:
    """(crc32, raw deflate at zlib's default level) of `blob`, as zipfile makes them; those
    of a large part remembered by its digest for the next document (at most 64 kept)."""
    if len(blob) < _REMEMBERED_FROM:
        return _deflate(blob)
    key = (sha256 or hashlib.sha256(blob).digest()) + len(blob).to_bytes(8, "little")
    found = _remembered.get(key)
    if found is None:
        found = _deflate(blob)
        if len(_remembered) >= 64:
            _remembered.pop(next(iter(_remembered)))
        _remembered[key] = found
    return found


def _deflate(blob: bytes) -> tuple[int, bytes]:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(blob), compressor.compress(blob) + compressor.flush()


# ---- parts shared by the documents of one template ----------------------------------------
#: id(element) -> (element, its part's bytes, their sha256): the root elements of parts
#: that documents made from one template share instead of each holding a copy (a template's
#: styles are some 350 kB of XML, read by every document and written by almost none)
_shared: dict[int, tuple[Any, bytes, bytes, int]] = {}


def share(element) -> None:
    """Let documents share the part XML `element` until one of them changes it (own()).
    Its bytes are made once, here; `element` must not be changed from now on."""
    from docx.opc.oxml import serialize_part_xml

    if id(element) not in _shared:
        blob = serialize_part_xml(element)
        _shared[id(element)] = (element, blob, hashlib.sha256(blob).digest(), len(element))


def is_shared(element) -> bool:
    found = _shared.get(id(element))
    return found is not None and found[0] is element


def own(part) -> None:
    """Give `part` (a python-docx XmlPart) an element of its own before it is changed,
    where it shares one with other documents."""
    import copy

    if is_shared(part._element):
        part._element = copy.deepcopy(part._element)


def _bytes_of(part) -> tuple[bytes, bytes | None]:
    """(the bytes of `part`, their sha256 where known already)."""
    element = getattr(part, "_element", None)
    if element is not None and is_shared(element):
        _element, blob, digest, children = _shared[id(element)]
        if len(element) != children:  # a slip in grantgen's code, which tests must catch
            raise RuntimeError(f"{part.partname} is shared but was changed without own()")
        return blob, digest
    return part.blob, None


def write_package(document, writer) -> bool:
    """Hand every member of the .docx package of a python-docx Document to `writer`
    (`add(name, blob, sha256)`), in the order and with the bytes python-docx saves them;
    False where python-docx's package writer is not what this expects."""
    try:
        from docx.opc.pkgwriter import PackageWriter

        package = document.part.package
        parts = package.parts
        for part in parts:
            part.before_marshal()
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        for part in parts:  # PackageWriter._write_parts, with the shared parts' bytes
            blob, digest = _bytes_of(part)
            writer.add(part.partname.membername, blob, digest)
            if len(part.rels):
                writer.write(part.partname.rels_uri, part.rels.xml)
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

    def add(self, name: str, blob: bytes, sha256: bytes | None = None) -> None:
        digest = self.members[name] = sha256 or hashlib.sha256(blob).digest()
        super().add(name, blob, digest)


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
        blob, digest = _bytes_of(part)
        members[part.partname.membername] = digest or hashlib.sha256(blob).digest()
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
        self.add(pack_uri.membername, blob)

    def add(self, name: str, blob: bytes, sha256: bytes | None = None) -> None:
        self.members[name] = sha256 or hashlib.sha256(blob).digest()

    def hexdigest(self) -> str:
        return _hexdigest(self.members)


def package_digest(document) -> str:
    """content_digest of a python-docx Document as it would be saved."""

    writer = _Digest()
    if not write_package(document, writer):
        return content_digest(docx_bytes(document))
    return writer.hexdigest()
