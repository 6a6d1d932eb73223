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
from grantgen.checks.yearend import year_end_problems
from grantgen.core.clock import build_time, document_date
from grantgen.core.errors import InputError, Problem, Problems
from grantgen.core.files import digest_of, file_digest
from grantgen.core.timing import stage
from grantgen.core.workspace import Workspace
from grantgen.documents.form import form_problems
from grantgen.documents.registry import WRITERS, ContextBuilder
from grantgen.documents.templates import find_template
from grantgen.facts.dataset import Facts
from grantgen.facts.reading import load_facts
from grantgen.figures.compute import Figures
from grantgen.figures.plan import COMPANION_KINDS, DocumentKind, DocumentSpec, plan
from grantgen.output import history
from grantgen.output.changes import Changes, compare
from grantgen.output.pdf import add_pdfs
from grantgen.output.publish import Entry, hand_edits, publish, read_manifest
from grantgen.output.versions import WORKING_KINDS, History, versioned_path
from grantgen.pipeline.changes import mark_no_longer_made, set_drafts_aside
from grantgen.pipeline.workers import run
from grantgen.texts.fitting import same_problem, text_problems
from grantgen.texts.library import Blocks, load_blocks
from grantgen.word.draftmark import final_digest, mark_texts
from grantgen.word.package import document_properties
from grantgen.word.render import TemplateFailure, compile_template, render
from grantgen.word.template_check import check_template


@dataclass
class Prepared:
    """Everything a build needs, loaded and checked."""

    workspace: Workspace
    facts: Facts
    figures: Figures
    blocks: Blocks
    specs: list[DocumentSpec]
    problems: Problems
    #: the build's moment (grantgen/core/clock.py): for what records a time, never a document
    when: dt.datetime
    #: the document date: every document is dated this day, and deadlines, attachment ages
    #: and the staleness of texts are counted from it
    date: dt.date
    digests: dict[str, str] = field(default_factory=dict)
    #: the findings of each (template, language) checked in this build
    template_checks: dict[tuple[str, str], list[Problem]] = field(default_factory=dict)
    #: the (template, language) whose findings went into a document's problems already
    template_reported: set[tuple[str, str]] = field(default_factory=set)

    @property
    def contexts(self) -> ContextBuilder:
        return ContextBuilder(self.facts, self.figures, self.blocks, self.date)


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


def prepare(workspace: Workspace, year: int | None = None,
            date: dt.date | None = None) -> Prepared:
    """Load and validate the workspace; raises InputError listing every error found.
    `date`: the document date (default: the workspace's setting, else today)."""
    problems = Problems()
    facts = load_facts(workspace, problems)
    with stage("load"):
        blocks = load_blocks(workspace, problems,
                             facts.organisation.settings.language if facts is not None
                             else "nl")
    if facts is None or problems.errors:
        raise InputError(problems)
    with stage("figures"):
        figures = Figures(facts)
        specs = plan(facts, year)
    if any(spec.kind in ("report", "annual-report") for spec in specs):

        with stage("validate"):
            problems.extend(year_end_problems(facts, figures, specs))
    with stage("load"):
        digests = _input_digests(workspace)
    day = document_date(date, facts.organisation.settings.document_date)
    return Prepared(workspace, facts, figures, blocks, specs, problems, build_time(), day,
                    digests)


def _input_digests(workspace: Workspace) -> dict[str, str]:
    digests = {}
    for folder in (workspace.facts_dir, workspace.funders_dir, workspace.texts_dir,
                   workspace.templates_dir):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith((".", "~$")):
                    digests[workspace.relative(path)] = file_digest(path)
    return digests


def inputs_sha256(prepared: Prepared, spec: DocumentSpec, template: Path | None,
                   template_name: str) -> str:
    """A digest of every input file that went into the document (`template` None: a form or
    budget workbook, made without one)."""
    wanted = {k: v for k, v in prepared.digests.items()
              if k.startswith(("facts/", "texts/"))}
    if spec.funder_id:
        funder_file = prepared.facts.funders[spec.funder_id].file
        if funder_file in prepared.digests:
            wanted[funder_file] = prepared.digests[funder_file]
    # a built-in template by the name the manifest gives it, never by where grantgen is
    # installed, so the digest is the same on every machine
    if template is not None:
        wanted[template_name] = file_digest(template)
    return digest_of(wanted)


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
            prepared.template_checks[key] = check_template(template, template_name, context,
                                                           spec.language)
    if report and key not in prepared.template_reported:
        prepared.template_reported.add(key)
        template_problems = list(prepared.template_checks[key])
    if any(p.severity == "error" for p in prepared.template_checks[key]):
        return None, template_problems
    with stage("render"):
        return _rendered(prepared, spec, context, template, template_name, template_problems,
                         version, date, marked, digest)


def _rendered(prepared: Prepared, spec: DocumentSpec, context: dict, template: Path,
              template_name: str, template_problems: list[Problem], version: int,
              date: dt.date | None, marked: bool,
              digest: bool) -> tuple[Rendered | None, list[Problem]]:
    date = date or prepared.date
    if isinstance(context.get("document"), dict):
        context["document"].update(date=date, version=version, status="draft",
                                   path=versioned_path(spec.path, version))
    title = title_of(spec, prepared)
    when = dt.datetime.combine(date, prepared.when.time())
    mark = mark_texts(version, spec.language) if marked else None
    properties = document_properties(title, prepared.facts.organisation.name, spec.language,
                                     when)
    try:
        data = render(template, template_name, context, spec.language, properties, mark=mark)
    except TemplateFailure as e:
        return None, [e.problem]
    problems = template_problems + text_problems(context, template_name)
    if any(p.severity == "error" for p in problems):
        return None, problems
    content = None
    if digest:
        with stage("write"):
            content = final_digest(data)
    return Rendered(spec, data, template_name,
                    inputs_sha256(prepared, spec, template, template_name), title,
                    key_figures(context), version, date, content), problems


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
    with stage("render"):
        data = WRITERS[DocumentKind(spec.kind)](context)
    return Rendered(spec, data, f"(built-in) {spec.kind}",
                    inputs_sha256(prepared, spec, None, ""), title_of(spec, prepared), {},
                    date=prepared.date,
                    content_sha256=hashlib.sha256(data).hexdigest()), problems


def _check_first(prepared: Prepared, contexts: ContextBuilder,
                 spec: DocumentSpec) -> dict | None:
    """When `spec` is the first document of its template, check the template with its
    context (as rendering it would) and return that context; else None."""
    funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
    found = find_template(prepared.workspace, spec.kind, funder, spec.language)
    if isinstance(found, Problem) or (str(found[0]), spec.language) in prepared.template_checks:
        return None
    template, template_name = found
    with stage("context"):
        context = contexts.build(spec)
    with stage("validate"):
        findings = check_template(template, template_name, context, spec.language)
        prepared.template_checks[(str(template), spec.language)] = findings
    if not any(p.severity == "error" for p in findings):
        with stage("render"):
            compile_template(template, template_name, spec.language)
    return context


def render_many(prepared: Prepared, contexts: ContextBuilder,
                jobs: list[tuple[DocumentSpec, int]], digest: bool = False,
                progress: Callable[[int, int], None] | None = None,
                ) -> list[tuple[Rendered | None, list[Problem]]]:
    """Each (document, version) of `jobs` rendered, in order, over the machine's cores when
    there are many (grantgen/workers.py). Templates are checked here first, in the order of
    the documents, so every process renders with the same findings; the contexts built for
    that are used again."""

    with stage("figures"):  # once, here, rather than in every process that renders
        prepared.figures.warm()
    built = {}
    for index, (spec, _version) in enumerate(jobs):
        context = _check_first(prepared, contexts, spec)
        if context is not None:
            built[index] = context

    def one(index: int) -> tuple[Rendered | None, list[Problem]]:
        spec, version = jobs[index]
        return render_one(prepared, contexts, spec, version, context=built.pop(index, None),
                          digest=digest)

    return run(one, len(jobs), progress)


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
    every document rendered."""
    try:
        prepared = prepare(workspace, year, date)
    except InputError as e:
        return e.problems
    out = Path(out) if out is not None else workspace.default_output
    history = History(read_manifest(out) if out.exists() else [])
    return check_prepared(prepared, history.approved_keys(), progress)


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
                    approved: Entry) -> bool:
    """Whether the approved version is what the document would say now (its date aside)."""
    if not (approved.content_sha256 and approved.date):
        # approved before grantgen kept content digests: compare the inputs instead
        found = find_template(prepared.workspace, spec.kind,
                              prepared.facts.funders.get(spec.funder_id or ""), spec.language)
        return not isinstance(found, Problem) and \
            approved.inputs_sha256 == inputs_sha256(prepared, spec, *found)
    item, _problems = render_one(prepared, contexts, spec, approved.version,
                                 dt.date.fromisoformat(approved.date), report=False)
    return item is not None and final_digest(item.data) == approved.content_sha256


def build(workspace: Workspace, out: Path | None = None, year: int | None = None,
          pdf: bool = False, progress: Callable[[int, int], None] | None = None,
          date: dt.date | None = None) -> BuildResult:
    """Build every document the plan calls for into `out`; nothing is written on an error.

    Approved documents are never rewritten: when what one says changes, a new draft version
    is written beside it. `pdf` adds a PDF beside every document of the build's scope.
    `progress(done, total)` is told of every document rendered. `date`: the document date
    (default: the workspace's setting, else today). The result's problems are what check
    reports: the checks' findings (the funders' rules, ...) too, which never stop a build.
    """
    prepared = prepare(workspace, year, date)
    out = Path(out) if out is not None else workspace.default_output
    previous = read_manifest(out) if out.exists() else []
    history = History(previous)
    contexts = prepared.contexts
    problems = Problems()
    rendered: list[Rendered] = []
    unchanged: list[str] = []
    jobs: list[tuple[DocumentSpec, int]] = []
    for spec in prepared.specs:
        approved = history.approved(spec.key)
        version = 1
        if approved is not None:
            if _reads_the_same(prepared, contexts, spec, approved):
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
    with stage("write"):
        return _write(prepared, out, year, pdf, previous, kept, rendered, unchanged)


def _write(prepared: Prepared, out: Path, year: int | None, pdf: bool, previous: list[Entry],
           kept: list[Entry], rendered: list[Rendered], unchanged: list[str]) -> BuildResult:
    """The rendered documents and the manifest published into `out`, in one step."""
    files: dict[str, bytes] = {}
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
    entries = [e for e in kept if e.path not in files] + written
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
    publish(out, files, entries, remove=remove)
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
