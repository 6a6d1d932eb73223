"""Whole builds and checks remembered in the build cache (grantgen/core/cache.py).

A build is found by the digest of every input file (facts, funder profiles, texts,
templates, attachments), the date its documents carry, its options, grantgen's code, the
language of its messages and the manifest it starts from. A build that starts from the
manifest it wrote itself writes that same manifest again (the versions it gives follow from
the approvals in it, which a build never changes), so it is recorded under both. When a
build is found, and the output folder is seen to still hold exactly the files its manifest
lists, byte for byte, nothing needs doing: its outcome is the one recorded.

A check is found the same way, with the date it counts deadlines from and the approved
documents of the output folder instead of the manifest.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from grantgen.core.cache import FOLDER, Store, problems_data, problems_of
from grantgen.core.errors import Problems
from grantgen.core.files import file_digest
from grantgen.core.workspace import Workspace
from grantgen.documents.charts import fonts_fingerprint
from grantgen.figures.attachments import FOLDER as ATTACHMENTS
from grantgen.output.publish import MANIFEST, Entry
from grantgen.pipeline.cache import RUNS, run_key
from grantgen.pipeline.prepare import input_files


@dataclass
class RunRecord:
    """What a build (or check) did: its manifest's entries and what it reported."""

    problems: Problems
    entries: list[Entry] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: sha256 of the manifest.json it left (a check: empty)
    manifest: str = ""
    #: every cache entry it used, as 'kind/key': what its repetition uses too
    used: list[str] = field(default_factory=list)
    #: a build with no approved document: it rendered every document of its plan as a first
    #: draft, as a check does, and found what a check finds before the funders' rules
    plain: bool = False


def open_store(out: Path, create: bool = True) -> Store | None:
    """The build cache of output folder `out`; with `create` False only when it exists
    (a check never makes one)."""
    folder = Path(out) / FOLDER
    if not create and not folder.is_dir():
        return None
    return Store(folder)


def workspace_digests(workspace: Workspace) -> tuple[dict[str, str], dict[str, str]]:
    """(the digests of input_digests(), the digests of every file a build may read): the
    files of facts/, funders/, texts/, templates/ and attachments/, hidden ones too, by
    their path relative to the workspace. Each file is read once."""
    inputs = {workspace.relative(path) for path in input_files(workspace)}
    every: dict[str, str] = {}
    for folder in (workspace.facts_dir, workspace.funders_dir, workspace.texts_dir,
                   workspace.templates_dir, workspace.root / ATTACHMENTS):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    every[workspace.relative(path)] = file_digest(path)
    return {name: every[name] for name in sorted(inputs) if name in every}, every


def manifest_digest(out: Path) -> str:
    path = Path(out) / MANIFEST
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def run_keys(what: str, digests: dict[str, str], options: list, start: str,
             end: str | None = None) -> list[str]:
    """The keys of a run of `what` with `options` from state `start` (a manifest's digest),
    and, when given, from the state `end` it left."""
    states = [start] + ([end] if end is not None and end != start else [])
    return [run_key(what, digests, fonts_fingerprint(), *options, state) for state in states]


def recorded_run(store: Store | None, key: str, out: Path | None = None) -> RunRecord | None:
    """The run recorded under `key`, when the output folder `out` still holds exactly what
    its manifest lists; else None."""
    if store is None:
        return None
    data = store.get_json(RUNS, key)
    if not isinstance(data, dict):
        return None
    try:
        record = RunRecord(problems_of(data["problems"]),
                           [Entry.from_dict(e) for e in data["entries"]], list(data["written"]),
                           list(data["unchanged"]), str(data["manifest"]), list(data["used"]),
                           bool(data["plain"]))
    except (KeyError, TypeError, ValueError):
        return None
    if out is not None and not _still_there(out, record):
        return None
    store.used |= set(record.used)
    return record


def _still_there(out: Path, record: RunRecord) -> bool:
    if manifest_digest(out) != record.manifest:
        return False
    for entry in record.entries:
        for path, sha256 in ((entry.path, entry.sha256), (entry.pdf, entry.pdf_sha256)):
            if path is None:
                continue
            try:
                if hashlib.sha256((Path(out) / path).read_bytes()).hexdigest() != sha256:
                    return False
            except OSError:
                return False
    return True


def record_run(store: Store | None, keys: list[str], record: RunRecord) -> None:
    """Keep `record` under each of `keys`, with the cache entries used so far."""
    if store is None:
        return
    used = sorted(store.used | {f"{RUNS}/{key}" for key in keys})
    data = {"problems": problems_data(record.problems),
            "entries": [dataclasses.asdict(e) for e in record.entries],
            "written": record.written, "unchanged": record.unchanged,
            "manifest": record.manifest, "used": used, "plain": record.plain}
    for key in keys:
        store.put_json(RUNS, key, data)
