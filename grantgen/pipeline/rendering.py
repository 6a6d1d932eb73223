"""Making documents in memory: a planned document's context, its template's check and its
rendering (or, for an online form or budget workbook, its writer), over the machine's cores
when there are many (grantgen/pipeline/workers.py). Nothing here writes the output folder:
grantgen/pipeline/build.py does, once every document is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grantgen.core import cache
from grantgen.core.errors import Problem, Problems
from grantgen.core.formatting import warm as warm_formatting
from grantgen.core.timing import stage
from grantgen.documents.form import form_problems
from grantgen.documents.registry import WRITERS, ContextBuilder
from grantgen.documents.templates import find_template
from grantgen.figures.plan import COMPANION_KINDS, DocumentKind, DocumentSpec
from grantgen.output.versions import versioned_path
from grantgen.pipeline.cache import (
    CachedDocument,
    cached_document,
    companion_key,
    document_key,
    keep_document,
    template_findings,
)
from grantgen.pipeline.prepare import Prepared, inputs_sha256
from grantgen.pipeline.schedule import schedule
from grantgen.pipeline.workers import run
from grantgen.texts.fitting import same_problem, text_problems
from grantgen.word.draftmark import final_digest, mark_texts
from grantgen.word.package import document_properties
from grantgen.word.render import TemplateFailure
from grantgen.word.render import render_with_final as render  # bytes, final-form digest
from grantgen.word.template_check import check_template


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
        add_new(problems, found)
        if item is not None:
            rendered.append(item)
    return rendered, problems


def add_new(problems: Problems, found: list[Problem]) -> None:
    """Add the problems not already listed: one broken template fails every document, and a
    text used in many documents is reported once."""
    for problem in found:
        if not any(same_problem(problem, known) for known in problems.items):
            problems.extend([problem])
