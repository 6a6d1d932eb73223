"""The output folder and its manifest.json, published all at once.

A build prepares the complete new output folder beside the old one and swaps the two in
one atomic step (Linux renameat2 RENAME_EXCHANGE), so whoever looks at the output folder,
at any moment, even after the build was killed, sees one consistent build: every
document complete and manifest.json listing exactly the documents there. Where the swap is
not available, the old folder is moved aside and the new one put in its place; a build
killed between the two moves leaves the old folder beside the output, and the next build
puts it back before anything else.

Files in the output folder that grantgen did not write (a .gitkeep, say) are kept as they
are and never listed in the manifest.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import shutil
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from grantgen import __version__
from grantgen.core.errors import OutputError
from grantgen.core.files import write_atomically
from grantgen.core.i18n import _

MANIFEST = "manifest.json"
_STAGING = ".grantgen-staging-"
_RETIRED = ".grantgen-retired-"
#: the previous output, moved aside for a moment where folders cannot be swapped atomically
_PREVIOUS = ".grantgen-previous-"
_TEMPORARY = ".tmp-"


@dataclass
class Entry:
    """One document in manifest.json."""

    path: str
    kind: str
    funder_id: str | None
    location_id: str | None
    #: None for a review pack about every year
    year: int | None
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
    #: the board's decision that approved it (grantgen/output/decisions.py)
    decision_id: str | None = None
    #: the draft this one replaced at the same path, when it said something else: its
    #: sha256 (a copy is kept in the history folder, grantgen/output/history.py), version,
    #: date and figures
    previous: dict | None = None
    #: copies of earlier drafts of this document that were changed by hand, kept by the
    #: builds that replaced them (paths in the output folder)
    edited: list[str] = field(default_factory=list)
    #: the date (ISO) of the build that found the funding plan no longer calls for this
    #: approved document; it stays as it was sent, and is named in that build only
    no_longer_made: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> Entry:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def holds(out: Path, path: str, data: bytes) -> bool:
    """Whether `out` holds `path` with exactly these bytes."""
    try:
        target = out / path
        return target.is_file() and target.stat().st_size == len(data) and \
            target.read_bytes() == data
    except OSError:
        return False


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
    write_atomically(path, data, prefix=f".{path.name}{_TEMPORARY}{os.getpid()}-")


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid <= 0 or pid == os.getpid():
        return False  # our own leftovers are from an earlier process with our number
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _leftovers(out: Path, prefix: str) -> list[tuple[Path, int]]:
    """Folders beside `out` that a build left under `prefix`, with the id of its process."""
    found = []
    for path in out.parent.glob(f".{out.name}{prefix}*"):
        pid = path.name.rsplit("-", 1)[-1]
        found.append((path, int(pid) if pid.isdigit() else 0))
    return found


def _clean_leftovers(out: Path) -> None:
    """Tidy what a build that was killed left beside the output folder: put back a previous
    output folder that a build without an atomic swap had moved aside, and remove staging
    and retired folders. Those of a build still running are left alone."""
    if not out.exists():
        previous = sorted(((p, pid) for p, pid in _leftovers(out, _PREVIOUS)
                           if not _alive(pid)), key=lambda item: item[0].stat().st_mtime)
        if previous:
            os.rename(previous[-1][0], out)
            _fsync_dir(out.parent)
    for prefix in (_STAGING, _RETIRED, _PREVIOUS):
        for leftover, pid in _leftovers(out, prefix):
            if not _alive(pid):
                shutil.rmtree(leftover, ignore_errors=True)


def publish(out: Path, files: dict[str, bytes], entries: list[Entry],
            remove: AbstractSet[str] = frozenset()) -> list[Entry]:
    """Make `out` hold `files` (relative path -> bytes) besides what it held, minus `remove`,
    with a manifest of `entries`; all in one step. Files grantgen did not write (such as
    .gitkeep) stay where they are and are not listed. Returns the entries published: those
    of `entries` whose file is there."""
    out = out.resolve() if out.exists() else out.absolute()
    pid = os.getpid()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(out)
        staging = out.parent / f".{out.name}{_STAGING}{pid}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            if out.exists():
                _copy_tree(out, staging, skip=set(files) | set(remove) | {MANIFEST})
            for relative, data in files.items():
                _write(staging / relative, data)
            # the manifest lists exactly the documents there: an entry kept from an earlier
            # build whose file someone deleted is dropped
            entries = [e for e in entries if (staging / e.path).is_file()]
            _write(staging / MANIFEST, manifest_bytes(entries))
            _fsync_dir(staging)
            if not out.exists():
                os.rename(staging, out)
            elif _exchange(staging, out):
                retired = out.parent / f".{out.name}{_RETIRED}{pid}"
                os.rename(staging, retired)
                _fsync_dir(out.parent)
                shutil.rmtree(retired, ignore_errors=True)
            else:
                # no atomic swap here: two renames; a build killed between them leaves the
                # previous folder aside, and the next build puts it back (_clean_leftovers)
                previous = out.parent / f".{out.name}{_PREVIOUS}{pid}"
                os.rename(out, previous)
                os.rename(staging, out)
                _fsync_dir(out.parent)
                shutil.rmtree(previous, ignore_errors=True)
            _fsync_dir(out.parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except OSError as e:
        raise OutputError(_("{path}: cannot write the output ({error}).").format(
            path=e.filename or out, error=e.strerror or e)) from e
    return entries


def set_aside(out: Path, paths: list[str], folder: Path) -> list[Path]:
    """Copies of the files `paths` (relative to `out`) in `folder`, in the same folders, for
    a build that is about to leave them out of `out`; the copies made."""
    made = []
    try:
        for relative in paths:
            source = out / relative
            if not source.is_file():
                continue
            target = folder / relative
            _link_or_copy(source, target)
            made.append(target)
    except OSError as e:
        raise OutputError(_("{path}: cannot keep a copy of a document that is no longer made "
                            "({error}).").format(path=e.filename or folder,
                                                 error=e.strerror or e)) from e
    return made


def _copy_tree(source: Path, target: Path, skip: set[str]) -> None:
    """Hard links (or copies) of everything in `source` except the relative paths in `skip`
    and the temporary files of a write that was interrupted."""
    for path in source.rglob("*"):
        relative = path.relative_to(source).as_posix()
        if relative in skip or path.is_dir() or (
                path.name.startswith(".") and _TEMPORARY in path.name):
            continue
        _link_or_copy(path, target / relative)


def _link_or_copy(source: Path, target: Path) -> None:
    """`target` made the same file as `source`: a hard link where the file system allows
    one, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


#: what a draft changed by hand is called when a build keeps it, by document language
_EDITED = {"nl": "bewerkt", "en": "edited"}


def edited_copy_name(path: str, language: str, taken: AbstractSet[str]) -> str:
    """`2019/x/aanvraag-2019-de-klop (bewerkt).docx`: where a build keeps a draft someone
    changed by hand; `(bewerkt 2)` and on when that name is taken."""
    p = PurePosixPath(path)
    word = _EDITED.get(language, _EDITED["nl"])
    for n in range(1, 1000):
        suffix = f" ({word})" if n == 1 else f" ({word} {n})"
        candidate = str(p.with_name(f"{p.stem}{suffix}{p.suffix}"))
        if candidate not in taken:
            return candidate
    raise OutputError(_("{path}: too many copies changed by hand beside it.").format(path=path))


def hand_edits(out: Path, previous: list[Entry], files: dict[str, bytes],
               remove: AbstractSet[str]) -> dict[str, str]:
    """Drafts in `out` that someone changed after grantgen wrote them (their sha256 is not
    the manifest's) and that this publication would overwrite or remove: each is kept under
    a name of its own, added to `files`. Returns {draft path: path of the kept copy}."""
    kept: dict[str, str] = {}
    taken = {p.relative_to(out).as_posix() for p in out.rglob("*")} if out.is_dir() else set()
    taken |= set(files)
    for entry in previous:
        if entry.status != "draft" or entry.kind == "review-pack" or \
                (entry.path not in files and entry.path not in remove):
            continue
        file = out / entry.path
        try:
            data = file.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == entry.sha256:
            continue
        copy = edited_copy_name(entry.path, entry.language, taken)
        taken.add(copy)
        files[copy] = data
        kept[entry.path] = copy
    return kept
