"""Files as grantgen writes and names them: atomic writes, digests and relative paths."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO


def relative_path(path: Path, root: Path) -> str:
    """`path` as a person finds it: relative to `root` when inside it, else as given."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], object],
                     prefix: str = ".grantgen-") -> None:
    """Write `path` whole or not at all: into a temporary file beside it, flushed to disk,
    then renamed over it. `data` is the bytes, or a function that writes to a binary file.
    The file gets the permissions of any file the user saves, not a temporary file's."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            if isinstance(data, bytes):
                f.write(data)
            else:
                data(f)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digest_of(digests: Mapping[str, str]) -> str:
    """One digest of many files' digests, by name: the inputs a document was made from."""
    digest = hashlib.sha256()
    for name in sorted(digests):
        digest.update(f"{name}\0{digests[name]}\n".encode())
    return digest.hexdigest()


#: the time stamp of every part of a package grantgen writes (.docx, .xlsx): zip's earliest
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """The same zip package (.docx, .xlsx) with the fixed time stamp on every part: same
    content, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
