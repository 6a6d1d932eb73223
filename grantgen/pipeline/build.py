"""Building: facts -> figures -> a context per document -> Word -> the output folder.

`prepare` gathers and checks everything (grantgen/pipeline/prepare.py, read in a process of
its own while this one opens the templates: pipeline/warmup.py), `render_many` makes every
document in memory (pipeline/rendering.py), and only then does `build` write, in one step;
a failed build leaves the output as it was. `check` does all of it but the writing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from grantgen.core import cache
from grantgen.core.clock import build_time
from grantgen.core.clock import today as clock_today
from grantgen.core.errors import InputError, OutputError, Problem, Problems
from grantgen.core.timing import stage
from grantgen.core.workspace import Workspace
from grantgen.documents.registry import ContextBuilder
from grantgen.documents.templates import find_template
from grantgen.figures.plan import COMPANION_KINDS, DocumentSpec
from grantgen.output import history
from grantgen.output.changes import Changes, compare, in_scope
from grantgen.output.pdf import add_pdfs
from grantgen.output.publish import (
    MANIFEST,
    Entry,
    hand_edits,
    holds,
    manifest_bytes,
    publish,
    read_manifest,
)
from grantgen.output.versions import WORKING_KINDS, History, versioned_path
from grantgen.pipeline.approved import (
    lost_approvals,
    lost_files,
    reads_the_same,
    restore_missing,
    worth_recording,
)
from grantgen.pipeline.changes import mark_no_longer_made, set_drafts_aside
from grantgen.pipeline.prepare import Prepared, findings, inputs_sha256, prepare
from grantgen.pipeline.rendering import (
    Rendered,
    add_new,
    render_all,
    render_many,
    render_one,
)
from grantgen.pipeline.runs import (
    RunRecord,
    manifest_digest,
    open_store,
    record_run,
    recorded_run,
    run_keys,
    workspace_digests,
)
from grantgen.pipeline.warmup import prepare_meanwhile
from grantgen.pipeline.workers import fewer_collections
from grantgen.word.draftmark import final_digest

__all__ = ["BuildResult", "Prepared", "Rendered", "build", "check", "check_prepared",
           "inputs_sha256", "prepare", "render_all", "render_many", "render_one"]

@dataclass
class BuildResult:
    out: Path
    entries: list[Entry]
    written: list[str]
    problems: Problems
    #: approved documents whose content has not changed: left as they are
    unchanged: list[str] = field(default_factory=list)
    #: PDFs written (`--pdf`)
    pdfs: list[str] = field(default_factory=list)
    #: drafts changed by hand since grantgen wrote them: {draft path: where it is kept}
    edited: dict[str, str] = field(default_factory=dict)
    #: what changed since the previous build: documents new, changed, unchanged, no longer made
    changes: Changes = field(default_factory=lambda: Changes(first=True))
    #: online forms and budget workbooks written beside their applications
    companions: list[str] = field(default_factory=list)


def check(workspace: Workspace, year: int | None = None, date: dt.date | None = None,
          out: Path | None = None,
          progress: Callable[[int, int], None] | None = None) -> Problems:
    """Every problem of the workspace, found by doing all of a build except writing, and
    every finding of the funders' rules (grantgen/checks/). `date`: the document date
    (default: the workspace's setting, else today). `progress(done, total)` is told of
    every document rendered.

    With the build cache of the output folder (when a build made one): a check with nothing
    changed since the last one finds what that one found; after a build of the same inputs
    (with no approved documents) it finds what that build found, without reading the facts
    again; and otherwise documents rendered before from all the same are not rendered
    again."""
    out = Path(out) if out is not None else workspace.default_output
    store = open_store(out, create=False)
    keys: list[str] = []
    inputs = built = None
    if store is not None:
        try:
            listed = read_manifest(out)
        except OutputError:  # reported below, where check always reported it
            store = None
        else:
            approved = sorted(History(listed).approved_keys())
            inputs, digests = workspace_digests(workspace)
            keys = run_keys("check", digests, [year, clock_today(date).isoformat(), approved,
                                               lost_files(out, listed)], "")
            found = recorded_run(store, keys[0])
            if found is not None:
                return found.problems
            built = recorded_run(store, run_keys(
                "build", digests, _build_options(year, build_time().date(), date),
                manifest_digest(out))[0])
            if built is not None and not (built.plain and not approved):
                built = None
    if built is not None:
        # a build of all the same, with no document approved, found what this check finds:
        # the facts', the rendering's and the funders' rules' problems, in this order
        problems = Problems(_suppressed=dict(built.problems._suppressed))
        problems.extend(built.problems)
    else:
        with cache.using(store), fewer_collections():
            try:
                prepared = prepare_meanwhile(workspace, year, date, inputs, _approved(out))
            except InputError as e:
                problems = e.problems
            else:
                history = History(read_manifest(out) if out.exists() else [])
                problems = check_prepared(prepared, history.approved_keys(), progress)
                problems.extend(lost_approvals(
                    out, history.approved, prepared.specs, lambda spec, entry:
                    _reads_the_same(prepared, prepared.contexts, spec, entry)))
    if store is not None:
        record_run(store, keys, RunRecord(problems))
        store.flush()
    return problems


def _approved(out: Path) -> frozenset[str] | None:
    """The keys of the documents approved in `out`, for the findings worked out with the
    facts; None when its manifest cannot be read (which is reported where it always was)."""
    try:
        return frozenset(History(read_manifest(out) if out.exists() else []).approved_keys())
    except OutputError:
        return None


def check_prepared(prepared: Prepared, approved: AbstractSet[str] = frozenset(),
                   progress: Callable[[int, int], None] | None = None) -> Problems:
    """The problems of a prepared workspace: its own, the rendering's and the funders'
    rules' (`approved`: keys of documents whose current version is approved)."""

    _rendered, problems = render_all(prepared, progress)
    found = Problems(_suppressed=dict(prepared.problems._suppressed))
    found.extend(prepared.problems)
    found.extend(problems)
    found.extend(findings(prepared, approved))
    return found


def _reads_the_same(prepared: Prepared, contexts: ContextBuilder, spec: DocumentSpec,
                    approved: Entry) -> tuple[bool, bytes | None]:
    """pipeline/approved.py reads_the_same() of a planned document's approved version."""
    def render(version: int, date: dt.date) -> tuple[bytes, str | None] | None:
        item, _problems = render_one(prepared, contexts, spec, version, date, report=False,
                                     digest=True)
        return (item.data, item.content_sha256) if item is not None else None

    def same_inputs() -> bool:
        found = find_template(prepared.workspace, spec.kind,
                              prepared.facts.funders.get(spec.funder_id or ""), spec.language)
        return not isinstance(found, Problem) and \
            approved.inputs_sha256 == inputs_sha256(prepared, spec, *found)

    return reads_the_same(approved, render, same_inputs)


def build(workspace: Workspace, out: Path | None = None, year: int | None = None,
          pdf: bool = False, progress: Callable[[int, int], None] | None = None,
          date: dt.date | None = None) -> BuildResult:
    """Build every document the plan calls for into `out`; nothing is written on an error.

    Approved documents are never rewritten: when what one says changes, a new draft version
    is written beside it. `pdf` adds a PDF beside every document of the build's scope.
    `progress(done, total)` is told of every document rendered. `date`: the document date
    (default: the workspace's setting, else today). The result's problems are what check
    reports: the checks' findings (the funders' rules, ...) too, which never stop a build.

    The build cache in `out` (grantgen/pipeline/cache.py) keeps what this build made for the
    next: a document made from all the same is not rendered again, and a build with nothing
    changed since the last finds the output as it left it and has nothing to do.
    """
    out = Path(out) if out is not None else workspace.default_output
    store = open_store(out)
    inputs, digests = workspace_digests(workspace)
    day = build_time().date()
    options = _build_options(year, day, date)
    start = manifest_digest(out)
    if not pdf:
        found = recorded_run(store, run_keys("build", digests, options, start)[0], out)
        if found is not None:
            if store is not None:
                store.prune(store.used)
            scope = [e for e in found.entries if in_scope(e, year)]
            return BuildResult(out, found.entries, found.written, found.problems,
                               found.unchanged, changes=Changes(first=False, unchanged=[
                                   e for e in scope if e.kind not in COMPANION_KINDS]),
                               companions=sorted(e.path for e in scope
                                                 if e.kind in COMPANION_KINDS))
    with cache.using(store), fewer_collections():
        result, prepared, plain = _build(workspace, out, year, pdf, progress, inputs, date)
    if store is not None:
        if not pdf and prepared.when.date() == day and worth_recording(result.problems):
            record_run(store, run_keys("build", digests, options, start, manifest_digest(out)),
                       RunRecord(result.problems, read_manifest(out), result.written,
                                 result.unchanged, manifest_digest(out), plain=plain))
        store.flush()
        store.prune(store.used)
    return result


def _build_options(year: int | None, day: dt.date, date: dt.date | None) -> list:
    """The options a whole build is recorded under beside its inputs (grantgen/pipeline/
    runs.py): its year, the day it ran and the document date asked for. A check looks the
    build up under the same."""
    return [year, day.isoformat(), date.isoformat() if date else None]


def _build(workspace: Workspace, out: Path, year: int | None, pdf: bool,
           progress: Callable[[int, int], None] | None,
           inputs: dict[str, str], date: dt.date | None = None
           ) -> tuple[BuildResult, Prepared, bool]:
    """build() itself, with the build cache in use; with what it prepared, and whether no
    document of it was approved (it rendered every document as a first draft)."""
    prepared = prepare_meanwhile(workspace, year, date, inputs, _approved(out))
    previous = read_manifest(out) if out.exists() else []
    history = History(previous)
    contexts = prepared.contexts
    problems = Problems()
    rendered: list[Rendered] = []
    unchanged: list[str] = []
    jobs: list[tuple[DocumentSpec, int]] = []
    restored: dict[str, bytes] = {}
    for spec in prepared.specs:
        approved = history.approved(spec.key)
        version = 1
        if approved is not None:
            same, draft = _reads_the_same(prepared, contexts, spec, approved)
            again, missing = restore_missing(out, approved, draft if same else None,
                                             spec.path)
            if missing is not None:
                problems.extend([missing])
            if again is not None:
                restored[approved.path] = again
            if same:
                unchanged.append(approved.path)
                continue
            version = approved.version + 1
        jobs.append((spec, version))
    for item, found in render_many(prepared, contexts, jobs, digest=True, progress=progress):
        add_new(problems, found)
        if item is not None:
            rendered.append(item)
    prepared.problems.extend(problems)
    if prepared.problems.errors:
        raise InputError(prepared.problems)
    prepared.problems.extend(findings(prepared, history.approved_keys()))
    # approved documents, review packs and other years stay; this scope's drafts are made anew
    kept = [e for e in previous if e.status != "draft" or e.kind in WORKING_KINDS
            or (year is not None and e.year != year)]
    plain = not history.approved_keys() and all(version == 1 for _spec, version in jobs) \
        and len(jobs) == len(prepared.specs)
    with stage("write"):
        return (_write(prepared, out, year, pdf, previous, kept, rendered, unchanged,
                       restored), prepared, plain)


def _write(prepared: Prepared, out: Path, year: int | None, pdf: bool, previous: list[Entry],
           kept: list[Entry], rendered: list[Rendered], unchanged: list[str],
           restored: dict[str, bytes]) -> BuildResult:
    """The rendered documents, the approved ones made again (`restored`) and the manifest
    published into `out`, in one step."""
    files: dict[str, bytes] = dict(restored)
    written: list[Entry] = []
    for item in rendered:
        spec = item.spec
        path = versioned_path(spec.path, item.version)
        files[path] = item.data
        written.append(Entry(
            path=path, kind=spec.kind, funder_id=spec.funder_id,
            location_id=spec.location_id, year=spec.year,
            sha256=hashlib.sha256(item.data).hexdigest(), template=item.template,
            status="draft", inputs_sha256=item.inputs_sha256, language=spec.language,
            version=item.version, key=spec.key, title=item.title, figures=item.figures,
            date=(item.date or prepared.date).isoformat(),
            content_sha256=item.content_sha256 or final_digest(item.data)))
    # what this build wrote replaces an entry of the same path
    entries = [e for e in kept if e.path not in {w.path for w in written}] + written
    pdfs: list[str] = []
    if pdf:
        pdfs = add_pdfs(out, entries, files, lambda e: e.kind not in WORKING_KINDS and
                        e.kind not in COMPANION_KINDS and (year is None or e.year == year))
    planned = {spec.key for spec in prepared.specs}
    changes = compare(previous, entries, planned, year)
    entries = mark_no_longer_made(prepared.facts, changes, entries, planned,
                                  prepared.when.date())
    keep = {p for e in entries for p in (e.path, e.pdf) if p}
    remove = {p for e in previous for p in (e.path, e.pdf) if p} - keep
    documents = sorted(p for p in files if p.endswith(".docx"))
    edited = hand_edits(out, previous, files, remove)
    _remember(out, previous, written, edited)
    set_drafts_aside(prepared.workspace, out, changes, previous, remove)
    # a file the output folder holds already, byte for byte, is kept rather than written
    # again; when that is every file and the manifest too, the output is left as it is
    changed = {path: data for path, data in files.items() if not holds(out, path, data)}
    listed = [e for e in entries if e.path in files or (out / e.path).is_file()]
    if changed or remove or not holds(out, MANIFEST, manifest_bytes(listed)):
        publish(out, changed, entries, remove=remove)
    history.tidy(out, entries)
    return BuildResult(out, entries, documents, prepared.problems, unchanged, pdfs, edited,
                       changes, sorted(e.path for e in written if e.kind in COMPANION_KINDS))


def _remember(out: Path, previous: list[Entry], written: list[Entry],
              edited: dict[str, str]) -> None:
    """What each new draft keeps of the draft it replaces at its path: a copy of it when it
    said something else (`previous`, for the board to see what changed), and the copies of
    earlier drafts changed by hand (`edited`)."""
    before = {e.path: e for e in previous if e.status == "draft"}
    copies: dict[str, bytes] = {}
    for entry in written:
        old = before.get(entry.path)
        if old is None or old.key != entry.key:
            continue
        entry.edited = [p for p in old.edited if (out / p).is_file()]
        if entry.path in edited:
            entry.edited.append(edited[entry.path])
        entry.previous = old.previous
        if old.content_sha256 != entry.content_sha256 and entry.path not in edited:
            try:
                copies[old.sha256] = (out / old.path).read_bytes()
            except OSError:
                continue
            entry.previous = {"sha256": old.sha256, "version": old.version,
                              "date": old.date, "figures": old.figures}
    history.keep(out, copies)
