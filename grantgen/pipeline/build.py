"""Building: facts -> figures -> a context per document -> Word -> the output folder.

`prepare` gathers and checks everything, `render_all` makes every document in memory, and
only then does `build` write, in one step; a failed build leaves the output as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from grantgen.checks.organisation import organisation_problems
from grantgen.checks.rules import check_rules
from grantgen.core import cache
from grantgen.core.clock import build_time
from grantgen.core.clock import today as clock_today
from grantgen.core.errors import InputError, OutputError, Problem, Problems
from grantgen.core.formatting import warm as warm_formatting
from grantgen.core.timing import stage
from grantgen.core.workspace import Workspace
from grantgen.documents.form import form_problems
from grantgen.documents.registry import WRITERS, ContextBuilder
from grantgen.documents.templates import find_template
from grantgen.figures.plan import COMPANION_KINDS, DocumentKind, DocumentSpec
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
from grantgen.pipeline.cache import (
    CachedDocument,
    cached_document,
    companion_key,
    document_key,
    keep_document,
    template_findings,
)
from grantgen.pipeline.changes import mark_no_longer_made, set_drafts_aside
from grantgen.pipeline.prepare import Prepared, inputs_sha256, prepare
from grantgen.pipeline.runs import (
    RunRecord,
    manifest_digest,
    open_store,
    record_run,
    recorded_run,
    run_keys,
    workspace_digests,
)
from grantgen.pipeline.schedule import schedule
from grantgen.pipeline.workers import run
from grantgen.texts.fitting import same_problem, text_problems
from grantgen.word.draftmark import final_digest, mark_texts
from grantgen.word.package import document_properties
from grantgen.word.render import TemplateFailure
from grantgen.word.render import render_with_final as render  # bytes, final-form digest
from grantgen.word.template_check import check_template

__all__ = ["BuildResult", "Prepared", "Rendered", "build", "check", "check_prepared",
           "inputs_sha256", "prepare", "render_all", "render_many", "render_one"]


@dataclass
class Rendered:
    spec: DocumentSpec
    data: bytes
    template: str
    inputs_sha256: str
    title: str
    figures: dict
    version: int = 1
    date: dt.date | None = None
    #: the digest of its content as approved (versions.content_digest of its final form)
    content_sha256: str | None = None


def title_of(spec: DocumentSpec, prepared: Prepared) -> str:
    facts = prepared.facts
    funder = facts.funders.get(spec.funder_id) if spec.funder_id else None
    location = ""
    if spec.location_id and spec.location_id != "all":
        location = " " + str(facts.location(spec.location_id).get("name", spec.location_id))
    words = {"application": ("Aanvraag", "Application"), "report": ("Verantwoording", "Report"),
             "annual-report": ("Jaarverslag", "Annual report"),
             "review-pack": ("Beoordeling", "Review pack"),
             "form": ("Online formulier", "Online form"),
             "budget-workbook": ("Begroting", "Budget")}[spec.kind]
    word = words[1] if spec.language == "en" else words[0]
    to = f" {funder.name}" if funder else ""
    return f"{word}{to} {spec.year}{location}".strip()


def key_figures(context: dict) -> dict:
    """The figures a document states, flat, for the manifest and the review pack."""
    figures: dict = {}
    for name in ("ask", "budget", "funding", "reach", "reach_org"):
        part = context.get(name)
        if isinstance(part, dict):
            for key, value in part.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    figures[f"{name}.{key}"] = value
    return figures


def render_one(prepared: Prepared, contexts: ContextBuilder, spec: DocumentSpec,
               version: int = 1, date: dt.date | None = None,
               marked: bool = True, context: dict | None = None, report: bool = True,
               digest: bool = False) -> tuple[Rendered | None, list[Problem]]:
    """One document rendered in memory as draft `version` dated `date` (default: the build's
    date), with the draft mark unless `marked` is False; and the problems found on the way.

    `context`: the document's context when it was built already. `report`: whether the
    findings of its template's check are passed on (with the first document that reports
    them). `digest`: also compute the digest of its content as approved.
    """
    if spec.kind in COMPANION_KINDS:
        return _companion(prepared, contexts, spec, context)
    funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
    found = find_template(prepared.workspace, spec.kind, funder, spec.language)
    if isinstance(found, Problem):
        return None, [found]
    template, template_name = found
    if context is None:
        with stage("context"):
            context = contexts.build(spec)
    # each template is checked once per build, with the context of the first document
    # using it; a template with errors renders no document
    key = (str(template), spec.language)
    template_problems: list[Problem] = []
    if key not in prepared.template_checks:
        with stage("validate"):
            prepared.template_checks[key], prepared.template_shapes[key] = template_findings(
                cache.active(), template, template_name, context, spec.language, check_template)
    if report and key not in prepared.template_reported:
        prepared.template_reported.add(key)
        template_problems = list(prepared.template_checks[key])
    if any(p.severity == "error" for p in prepared.template_checks[key]):
        return None, template_problems
    with stage("render"):
        return _rendered(prepared, spec, context, template, template_name, template_problems,
                         version, date, marked, digest)


def _made_of(prepared: Prepared, spec: DocumentSpec, context: dict, version: int,
             date: dt.date | None, marked: bool
             ) -> tuple[dt.date, str, dict, tuple[str, str] | None]:
    """(date, title, document properties, draft mark) of draft `version` of a document, with
    its context's `document` made to say so."""
    date = date or prepared.date
    if isinstance(context.get("document"), dict):
        context["document"].update(date=date, version=version, status="draft",
                                   path=versioned_path(spec.path, version))
    title = title_of(spec, prepared)
    when = dt.datetime.combine(date, prepared.when.time())
    mark = mark_texts(version, spec.language) if marked else None
    properties = document_properties(title, prepared.facts.organisation.name, spec.language,
                                     when)
    return date, title, properties, mark


def _rendered(prepared: Prepared, spec: DocumentSpec, context: dict, template: Path,
              template_name: str, template_problems: list[Problem], version: int,
              date: dt.date | None, marked: bool,
              digest: bool) -> tuple[Rendered | None, list[Problem]]:
    date, title, properties, mark = _made_of(prepared, spec, context, version, date, marked)
    # rendered before from all the same (grantgen/pipeline/cache.py): not rendered again
    store = cache.active()
    key = document_key(context, template, template_name, spec.language, properties,
                       mark) if store is not None else None
    made = cached_document(store, key)
    if made is None:
        try:
            data, final = render(template, template_name, context, spec.language,
                                 properties, mark=mark)
        except TemplateFailure as e:
            made = CachedDocument(None, None, [e.problem], failed=True)
        else:
            problems = text_problems(context, template_name)
            fails = any(p.severity == "error" for p in problems)
            made = CachedDocument(None if fails else data, None if fails else final,
                                  problems)
        keep_document(store, key, made)
    if made.failed:
        return None, made.problems
    problems = template_problems + made.problems
    if made.data is None or any(p.severity == "error" for p in problems):
        return None, problems
    if digest and made.content_sha256 is None:
        with stage("write"):
            made.content_sha256 = final_digest(made.data)
        keep_document(store, key, made)
    return Rendered(spec, made.data, template_name,
                    inputs_sha256(prepared, spec, template, template_name), title,
                    key_figures(context), version, date, made.content_sha256), problems


def _companion(prepared: Prepared, contexts: ContextBuilder, spec: DocumentSpec,
               context: dict | None) -> tuple[Rendered | None, list[Problem]]:
    """An online form or budget workbook, written from its application's context by its
    writer (documents/registry.py), without a Word template."""
    if context is None:
        with stage("context"):
            context = contexts.build(spec)
    problems = form_problems(context)
    if any(p.severity == "error" for p in problems):
        return None, problems
    # made before from the same context (grantgen/pipeline/cache.py): not made again
    store = cache.active()
    key = companion_key(context, spec.kind) if store is not None else None
    made = cached_document(store, key)
    if made is None or made.data is None:
        with stage("render"):
            data = WRITERS[DocumentKind(spec.kind)](context)
        keep_document(store, key, CachedDocument(data, hashlib.sha256(data).hexdigest(), []))
    else:
        data = made.data
    return Rendered(spec, data, f"(built-in) {spec.kind}",
                    inputs_sha256(prepared, spec, None, ""), title_of(spec, prepared), {},
                    date=prepared.date,
                    content_sha256=hashlib.sha256(data).hexdigest()), problems


def template_key(prepared: Prepared, spec: DocumentSpec) -> tuple[str, str] | None:
    """(template file, language) of a document, as its template's findings are kept."""
    funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
    found = find_template(prepared.workspace, spec.kind, funder, spec.language)
    return None if isinstance(found, Problem) else (str(found[0]), spec.language)


def render_many(prepared: Prepared, contexts: ContextBuilder,
                jobs: list[tuple[DocumentSpec, int]], digest: bool = False,
                progress: Callable[[int, int], None] | None = None,
                ) -> list[tuple[Rendered | None, list[Problem]]]:
    """Each (document, version) of `jobs` rendered, in order, over the machine's cores when
    there are many (grantgen/pipeline/workers.py).

    Each template is checked once, with the context of the first document using it, which
    also reports what the check found. The other documents of that template start once
    that one is done, with its findings handed to the process that renders them: no
    template is checked twice, whichever process renders which document."""

    with stage("figures"):  # once, here, rather than in every process that renders
        prepared.figures.warm()
        # the language data of the formatting (Babel loads it on first use)
        for language in sorted({spec.language for spec, _version in jobs}):
            warm_formatting(language)
    templates = [template_key(prepared, spec) for spec, _version in jobs]
    order, after = schedule([spec.kind for spec, _version in jobs], templates)
    # the first document of each template waits for none: it checks the template
    first = {index for index, key in enumerate(templates)
             if key is not None and after[index] is None}

    def one(index: int, checked: tuple | None = None) -> tuple:
        spec, version = jobs[index]
        key = templates[index]
        if checked is not None and key is not None:  # the first document's findings
            prepared.template_checks[key], prepared.template_shapes[key] = checked
        result = render_one(prepared, contexts, spec, version, digest=digest,
                            report=index in first)
        used = (prepared.template_checks.get(key, []), prepared.template_shapes.get(key)) \
            if key is not None else None
        # what this document used and made of the cache goes back with it to the build
        store = cache.active()
        return result, used, store.take_work() if store is not None else None

    done = run(one, len(jobs), progress, order=order, after=after,
               handover=lambda _index, result: result[1])
    store = cache.active()
    results = []
    for index, (result, used, work) in enumerate(done):
        if store is not None and work is not None:
            store.add_work(*work)
        key = templates[index]
        if key is not None and index in first and used is not None:
            prepared.template_checks[key], prepared.template_shapes[key] = used
        results.append(result)
    return results


def render_all(prepared: Prepared, progress: Callable[[int, int], None] | None = None,
               ) -> tuple[list[Rendered], Problems]:
    """Every planned document rendered in memory, and the problems found on the way."""
    problems = Problems()
    rendered: list[Rendered] = []
    jobs = [(spec, 1) for spec in prepared.specs]
    for item, found in render_many(prepared, prepared.contexts, jobs, progress=progress):
        _add_new(problems, found)
        if item is not None:
            rendered.append(item)
    return rendered, problems


def _add_new(problems: Problems, found: list[Problem]) -> None:
    """Add the problems not already listed: one broken template fails every document, and a
    text used in many documents is reported once."""
    for problem in found:
        if not any(same_problem(problem, known) for known in problems.items):
            problems.extend([problem])


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
        with cache.using(store):
            try:
                prepared = prepare(workspace, year, date, inputs)
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


def findings(prepared: Prepared, approved: AbstractSet[str] = frozenset()) -> list[Problem]:
    """What the checks find about the planned documents beyond the facts and the rendering:
    the funders' rules and what the letters need of the organisation. A build reports them
    as check does, and never stops on them."""
    return check_rules(prepared, approved).items + organisation_problems(prepared)


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
    with cache.using(store):
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
    prepared = prepare(workspace, year, date, inputs)
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
        _add_new(problems, found)
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
