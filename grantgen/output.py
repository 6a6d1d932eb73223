"""The output folder and its manifest.json, published all at once.

A build prepares the complete new output folder beside the old one and swaps the two in
one atomic step (Linux renameat2 RENAME_EXCHANGE), so whoever looks at the output folder,
at any moment, even after the build was killed, sees one consistent build: every
document complete and manifest.json listing exactly the documents there. Where the swap is
not available, files are replaced one by one and the manifest is written last.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import __version__
from .errors import OutputError
from .i18n import _

MANIFEST = "manifest.json"
_STAGING = ".grantgen-staging-"
_RETIRED = ".grantgen-retired-"


@dataclass
class Entry:
    """One document in manifest.json."""

    path: str
    kind: str
    funder_id: str | None
    location_id: str | None
    year: int
    sha256: str
    template: str
    status: str
    inputs_sha256: str
    language: str = "nl"
    version: int = 1
    #: identifies the document across builds and versions (kind/year/funder/location)
    key: str = ""
    title: str = ""
    #: approval record, once approved
    approved_by: str | None = None
    approved_at: str | None = None
    #: the key figures the document states, for the review pack's comparison
    figures: dict = field(default_factory=dict)
    #: the date the document is dated (ISO), so a later build can tell a real change from
    #: a new date
    date: str | None = None
    #: sha256 over the document's content without the draft mark and the file's time stamps:
    #: equal for a draft and the final version made of it (grantgen/versions.py)
    content_sha256: str | None = None
    #: the PDF of the document (`--pdf`), beside it, and its sha256
    pdf: str | None = None
    pdf_sha256: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> Entry:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def read_manifest(out: Path) -> list[Entry]:
    path = out / MANIFEST
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data["documents"] if isinstance(data, dict) else data
        return [Entry.from_dict(item) for item in items]
    except (ValueError, KeyError, TypeError) as e:
        raise OutputError(_("{path}: the manifest cannot be read ({error}). Move the output "
                            "folder aside and build again.").format(path=path, error=e)) from e


def manifest_bytes(entries: list[Entry]) -> bytes:
    documents = sorted((asdict(e) for e in entries), key=lambda d: d["path"])
    data = {"generator": f"grantgen {__version__}", "documents": documents}
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders; False where the system cannot."""
    if not hasattr(os, "O_DIRECTORY") or os.name != "posix":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EXDEV, errno.EBUSY, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _clean_leftovers(out: Path) -> None:
    """Remove what a build that was killed may have left beside the output folder."""
    for prefix in (_STAGING, _RETIRED):
        for leftover in out.parent.glob(f".{out.name}{prefix}*"):
            shutil.rmtree(leftover, ignore_errors=True)


def publish(out: Path, files: dict[str, bytes], entries: list[Entry],
            remove: set[str] = frozenset()) -> None:
    """Make `out` hold `files` (relative path -> bytes) besides what it held, minus `remove`,
    with a manifest of `entries`; all in one step."""
    out = out.resolve() if out.exists() else out.absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(out)
        staging = out.parent / f".{out.name}{_STAGING}{os.getpid()}"
        staging.mkdir()
        try:
            if out.exists():
                _copy_tree(out, staging, skip=set(files) | set(remove) | {MANIFEST})
            for relative, data in files.items():
                _write(staging / relative, data)
            _write(staging / MANIFEST, manifest_bytes(entries))
            if not out.exists():
                os.rename(staging, out)
                return
            if _exchange(staging, out):
                retired = out.parent / f".{out.name}{_RETIRED}{os.getpid()}"
                os.rename(staging, retired)
                shutil.rmtree(retired, ignore_errors=True)
                return
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        shutil.rmtree(staging, ignore_errors=True)
        _publish_in_place(out, files, entries, remove)
    except OSError as e:
        raise OutputError(_("{path}: cannot write the output ({error}).").format(
            path=e.filename or out, error=e.strerror or e)) from e


def _copy_tree(source: Path, target: Path, skip: set[str]) -> None:
    """Hard links (or copies) of everything in `source` except the relative paths in `skip`."""
    for path in source.rglob("*"):
        relative = path.relative_to(source).as_posix()
        if relative in skip or path.is_dir():
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, destination)
        except OSError:
            shutil.copy2(path, destination)


def _publish_in_place(out: Path, files: dict[str, bytes], entries: list[Entry],
                      remove: set[str]) -> None:
    for relative, data in files.items():
        _write(out / relative, data)
    _write(out / MANIFEST, manifest_bytes(entries))
    for relative in remove:
        (out / relative).unlink(missing_ok=True)
