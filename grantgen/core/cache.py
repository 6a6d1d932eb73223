"""The build cache: what a build made, kept in the output folder (`output/.grantgen-cache/`)
so that the next build need not make it again.

Every entry is found by a key that is a digest of everything it was made from (contents,
never a file's time), so an entry can only be used where making it anew would give the same
bytes. Each entry is written whole or not at all, carries the sha256 of its payload, and
counts as missing when it does not match it (cut short, edited); it is then made and
written anew. Entries the last build did not use are removed after it, so the cache holds
about one build's worth. Deleting the folder is always safe: the next build is a clean one.

Entries hold data only (Word files, pictures, JSON); never code, which would escape the
sandbox that templates run in if someone who may change the workspace (a shared folder)
wrote it. Compiled templates are code: they are kept, as Jinja keeps its own, in a folder of
the user's own that nobody else may write (CodeStore), never in the workspace.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from grantgen import __version__
from grantgen.core.errors import Problem, Problems
from grantgen.core.resources import PACKAGE, shipped

T = TypeVar("T")

#: the cache's folder inside the output folder
FOLDER = ".grantgen-cache"
_MAGIC = b"grantgen-cache 1\n"
#: what a temporary file of an interrupted write is called (publishing skips those)
_TEMPORARY = ".tmp-"


class Store:
    """Entries by (kind, key) in `folder`. What a build makes is kept in memory and written
    only once the build has succeeded (flush()): a failed build leaves the output folder,
    cache and all, exactly as it was. `writable=False` never writes."""

    def __init__(self, folder: Path, writable: bool = True):
        self.folder = Path(folder)
        self.writable = writable
        #: the entries used since the last take_work(), as 'kind/key'
        self.used: set[str] = set()
        #: entries made and not yet written, by 'kind/key': their payload in parts, so that
        #: a document sent back by a rendering process with its entry is sent once
        self.pending: dict[str, tuple[bytes, ...]] = {}

    def _path(self, name: str) -> Path:
        return self.folder / name

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload of an entry, or None when it is missing or damaged."""
        name = f"{kind}/{key}"
        if name in self.pending:
            self.used.add(name)
            return b"".join(self.pending[name])
        try:
            data = self._path(name).read_bytes()
        except OSError:
            return None
        head, _newline, rest = data[len(_MAGIC):].partition(b"\n")
        if not data.startswith(_MAGIC) or hashlib.sha256(rest).hexdigest().encode() != head:
            return None  # damaged: made anew, and written over when the build succeeds
        self.used.add(name)
        return rest

    def put(self, kind: str, key: str, payload: bytes | tuple[bytes, ...]) -> None:
        """Keep an entry (written by flush()); its payload, or the parts it is made of."""
        name = f"{kind}/{key}"
        self.used.add(name)
        if self.writable:
            self.pending[name] = payload if isinstance(payload, tuple) else (payload,)

    def get_json(self, kind: str, key: str) -> object | None:
        payload = self.get(kind, key)
        if payload is None:
            return None
        try:
            return json.loads(payload)
        except ValueError:
            return None

    def put_json(self, kind: str, key: str, value: object) -> None:
        self.put(kind, key, json.dumps(value, ensure_ascii=False, sort_keys=True).encode())

    def take_work(self) -> tuple[set[str], dict[str, tuple[bytes, ...]]]:
        """The entries used and made since the last call, handed over (a rendering process
        sends them back to the build with its documents)."""
        work = (self.used, self.pending)
        self.used, self.pending = set(), {}
        return work

    def add_work(self, used: set[str], pending: dict[str, tuple[bytes, ...]]) -> None:
        self.used |= used
        if self.writable:
            self.pending.update(pending)

    def flush(self) -> None:
        """Write the entries made; a cache that cannot be written is no error, only slower.

        Each entry goes into a temporary file renamed into place, so nobody reads half an
        entry; it is not forced to disk first (that is what makes writing slow): an entry a
        power cut damages fails its sha256 and is made anew."""
        for name, parts in sorted(self.pending.items()):
            path = self._path(name)
            payload = b"".join(parts)
            data = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(
                    prefix=f".{path.name}{_TEMPORARY}{os.getpid()}-", dir=path.parent)
                try:
                    with os.fdopen(handle, "wb") as f:
                        f.write(data)
                    os.replace(temporary, path)
                except BaseException:
                    Path(temporary).unlink(missing_ok=True)
                    raise
            except OSError:
                break
        self.pending.clear()

    def empty(self) -> bool:
        """Whether nothing is kept on disk yet (a first build into this output folder, or
        one after the cache was deleted)."""
        try:
            return not any(self.folder.iterdir())
        except OSError:
            return True

    def entries(self) -> set[str]:
        """Every entry on disk, as 'kind/key'."""
        if not self.folder.is_dir():
            return set()
        return {f"{path.parent.name}/{path.name}" for path in self.folder.glob("*/*")
                if path.is_file() and _TEMPORARY not in path.name}

    def prune(self, keep: set[str]) -> None:
        """Remove every entry on disk not in `keep`, and what writes of processes that are
        gone left behind."""
        if not self.writable or not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if _TEMPORARY in path.name:
                pid = path.name.rsplit(_TEMPORARY, 1)[1].split("-", 1)[0]
                if pid.isdigit() and _alive(int(pid)):
                    continue
            elif f"{path.parent.name}/{path.name}" in keep:
                continue
            try:
                path.unlink()
            except OSError:
                pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


#: the store of the build or check running now (the rendering processes inherit it)
_ACTIVE: Store | None = None


def active() -> Store | None:
    """The cache of the build running now, if any."""
    return _ACTIVE


@contextmanager
def using(store: Store | None) -> Iterator[Store | None]:
    """Make `store` the active cache while the block runs."""
    global _ACTIVE
    previous, _ACTIVE = _ACTIVE, store
    try:
        yield store
    finally:
        _ACTIVE = previous


def pack(meta: dict, blob: bytes = b"") -> tuple[bytes, bytes]:
    """JSON and bytes as one payload, in its two parts (the bytes as they are)."""
    head = json.dumps(meta, ensure_ascii=False, sort_keys=True).encode()
    return len(head).to_bytes(8, "big") + head, blob


def unpack(payload: bytes) -> tuple[dict, bytes] | None:
    """The (JSON, bytes) of pack(), or None for a payload that is not one."""
    size = int.from_bytes(payload[:8], "big")
    try:
        meta = json.loads(payload[8:8 + size])
    except ValueError:
        return None
    return (meta, payload[8 + size:]) if isinstance(meta, dict) else None


def problem_data(problem: Problem) -> dict:
    return dataclasses.asdict(problem)


def problem_of(data: dict) -> Problem:
    return Problem(**data)


def problems_data(problems: Problems) -> dict:
    return {"items": [problem_data(p) for p in problems.items],
            "suppressed": [[file, column, count]
                           for (file, column), count in problems._suppressed.items()]}


def problems_of(data: dict) -> Problems:
    found = Problems([problem_of(p) for p in data["items"]])
    for file, column, count in data["suppressed"]:
        found.suppressed(file, column, count)
    return found


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of grantgen's own code, messages and built-in templates, and the versions
    of Python and the libraries that shape a document: an entry made by other code is never
    used."""
    digest = hashlib.sha256(f"grantgen {__version__}\0{sys.version}\0"
                            f"{platform.machine()}\0".encode())
    templates = shipped("templates")
    files = [(f"package/{p.relative_to(PACKAGE).as_posix()}", p)
             for p in PACKAGE.rglob("*") if p.suffix in (".py", ".mo", ".docx", ".md", ".yaml")
             and "__pycache__" not in p.parts]
    files += [(f"templates/{p.relative_to(templates).as_posix()}", p)
              for p in templates.rglob("*") if p.is_file()] if templates.is_dir() else []
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    # every installed distribution by name and version, as its metadata folder is called
    # (pandas-3.1.1.dist-info): found in a listing of each folder Python imports from
    installed: set[str] = set()
    for folder in sys.path:
        try:
            installed.update(n for n in os.listdir(folder or ".")
                             if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    digest.update("\0".join(sorted(installed)).encode())
    return digest.hexdigest()


def digest(*parts: str | bytes) -> str:
    """One key from several strings (each kept apart from the next)."""
    found = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        found.update(len(data).to_bytes(8, "big") + data)
    return found.hexdigest()


class CodeStore:
    """Compiled template code (marshal) by the digest of its source and of grantgen's code,
    in the user's own cache folder (`$XDG_CACHE_HOME/grantgen/code`, or ~/.cache/...): used
    only while that folder and its files belong to the user and nobody else may write them;
    otherwise nothing is kept. At most LIMIT entries (compiled code, syntax trees and mended
    tags of template parts, what each template's check found: some tens of MB at most), the
    least recently used go first."""

    LIMIT = 2048

    def __init__(self, folder: Path | None = None):
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        self.folder = Path(folder) if folder is not None else Path(base) / "grantgen" / "code"
        self._usable: bool | None = None

    def _private(self, path: Path) -> bool:
        try:
            found = path.stat()
        except OSError:
            return False
        return (not hasattr(os, "getuid") or found.st_uid == os.getuid()) and \
            not found.st_mode & 0o022

    def usable(self) -> bool:
        if self._usable is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError:
                self._usable = False
            else:
                self._usable = self._private(self.folder)
        return self._usable

    def get(self, key: str) -> bytes | None:
        path = self.folder / key
        if not self.usable() or not self._private(path):
            return None
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used
        except OSError:
            return None
        head, _newline, rest = data[len(_MAGIC):].partition(b"\n")
        if not data.startswith(_MAGIC) or hashlib.sha256(rest).hexdigest().encode() != head:
            return None
        return rest

    def put(self, key: str, payload: bytes) -> None:
        if not self.usable():
            return
        data = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{key}{_TEMPORARY}", dir=self.folder)
            with os.fdopen(handle, "wb") as f:
                f.write(data)
            os.replace(temporary, self.folder / key)
            if len(os.listdir(self.folder)) > self.LIMIT:  # the times read only when over
                entries = sorted(self.folder.iterdir(), key=lambda p: p.stat().st_mtime)
                for old in entries[:max(0, len(entries) - self.LIMIT)]:
                    old.unlink(missing_ok=True)
        except OSError:
            pass


#: the compiled templates of this user (see CodeStore); None keeps them per process only
CODE: CodeStore | None = CodeStore()


def kept_as_code(what: str, parts: tuple[str, ...], make: Callable[[], T],
                 dump: Callable[[T], bytes], load: Callable[[bytes], T | None]) -> T:
    """`make()`, kept in the user's CodeStore (CODE) under `what`, `parts` and grantgen's
    code: an entry there is `load`ed (None, or an exception, counts as no entry) instead of
    made again; a value made is `dump`ed into it. Without a usable store, simply make()."""
    store = CODE
    key = digest(what, code_fingerprint(), *parts) if store else ""
    data = store.get(key) if store else None
    if data is not None:
        try:
            found = load(data)
        except Exception:  # an entry of other code, or damaged: made again below
            found = None
        if found is not None:
            return found
    value = make()
    if store:
        store.put(key, dump(value))
    return value
