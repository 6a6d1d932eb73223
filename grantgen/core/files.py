"""Files as grantgen writes and names them: atomic writes, digests and relative paths."""

from __future__ import annotations

import hashlib
import os
import tempfile
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
