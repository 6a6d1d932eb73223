"""The review pack for the board (`grantgen review`): every document about to leave, with the
findings of check, its key figures and what changed since its last approved version, and a
sign-off table; written as a Word document (kind `review-pack`) and summed up in the terminal.

Review packs are working documents: they carry no CONCEPT mark, are never approved, and
builds leave them alone; each `grantgen review` writes the pack anew.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from grantgen.checks.rules import documents_of
from grantgen.core.errors import GrantgenError, InputError, Problem, Problems
from grantgen.core.files import digest_of
from grantgen.core.formatting import amount, number, percent
from grantgen.core.formatting import date as format_date
from grantgen.core.i18n import _
from grantgen.core.workspace import Workspace
from grantgen.documents.registry import ContextBuilder
from grantgen.documents.templates import find_template
from grantgen.figures.deadlines import document_deadline
from grantgen.figures.plan import COMPANION_KINDS, FILE_WORDS, DocumentKind, DocumentSpec
from grantgen.output.publish import Entry, publish, read_manifest
from grantgen.output.versions import History
from grantgen.pipeline.build import Prepared, check, inputs_sha256, prepare
from grantgen.word.package import document_properties
from grantgen.word.render import TemplateFailure, render

#: figure name -> (Dutch label, English label, format); the review shows these first
FIGURES: dict[str, tuple[str, str, str]] = {
    "ask.amount": ("Gevraagd bedrag", "Amount requested", "amount"),
    "ask.share": ("Aandeel in de begroting", "Share of the budget", "percent"),
    "ask.share_of_gap": ("Aandeel in het tekort", "Share of the shortfall", "percent"),
    "ask.balance": ("Kosten min inkomsten en deze aanvraag", "Costs less income and this "
                    "request", "amount"),
    "budget.total": ("Totale begroting", "Total budget", "amount"),
    "funding.committed": ("Toegezegd en ontvangen", "Committed and received", "amount"),
    "funding.requested": ("Aangevraagd, alle aanvragen", "Requested, all applications",
                          "amount"),
    "funding.gap": ("Tekort na toezeggingen", "Shortfall after commitments", "amount"),
    "funding.open_after_requests": ("Open na alle aanvragen", "Open after all applications",
                                    "amount"),
    "reach.year": ("Jaar van de bereikcijfers", "Year of the reach figures", "year"),
    "reach.unique_participants": ("Unieke deelnemers", "Unique participants", "number"),
    "reach.visits": ("Bezoeken", "Visits", "number"),
    "reach.new_participants": ("Nieuwe deelnemers", "New participants", "number"),
    "reach.volunteers": ("Vrijwilligers", "Volunteers", "number"),
    "reach.volunteer_hours": ("Vrijwilligersuren", "Volunteer hours", "number"),
    "reach.perspectiefbanen": ("Perspectiefbanen", "Perspectiefbanen", "number"),
    "reach.paid_fte": ("Betaalde fte", "Paid fte", "number"),
    "reach_org.unique_participants": ("Unieke deelnemers, hele organisatie",
                                      "Unique participants, whole organisation", "number"),
    "reach_org.visits": ("Bezoeken, hele organisatie", "Visits, whole organisation", "number"),
    "reach_org.volunteers": ("Vrijwilligers, hele organisatie",
                             "Volunteers, whole organisation", "number"),
}
#: the figures each document's summary shows (all of them count for the changes)
KEY_FIGURES = ("ask.amount", "ask.share", "budget.total", "funding.committed", "funding.gap",
               "reach.unique_participants", "reach.volunteers", "reach_org.unique_participants")
#: duplicates of figures above, left out of the changes
_SAME_AS = {"ask.gap": "funding.gap", "funding.budget": "budget.total",
            "budget.year": None, "reach_org.year": None}

_WORDS = {
    "nl": {"draft": "concept", "approved": "goedgekeurd", "error": "fout", "warning": "let op",
           "application": "aanvraag", "report": "verantwoording",
           "annual-report": "jaarverslag", "all": "Hele organisatie", "days_left": "nog {n} dagen",
           "days_ago": "{n} dagen geleden", "today": "vandaag", "all_years": "alle jaren",
           "none": "geen", "findings": "{errors} fout(en), {warnings} let op"},
    "en": {"draft": "draft", "approved": "approved", "error": "error", "warning": "warning",
           "application": "application", "report": "report", "annual-report": "annual report",
           "all": "Whole organisation", "days_left": "{n} days left", "days_ago": "{n} days ago",
           "today": "today", "all_years": "all years", "none": "none",
           "findings": "{errors} error(s), {warnings} warning(s)"},
}


@dataclass
class ReviewResult:
    out: Path
    path: str
    #: one dict per document reviewed, as the review pack's context has them
    documents: list[dict]
    #: lines on drafts older than the facts
    stale: list[str]
    language: str
    entry: Entry


def _label(name: str, language: str) -> str:
    if name in FIGURES:
        return FIGURES[name][0 if language == "nl" else 1]
    return name.replace("_", " ").replace(".", ": ")


def _shown(name: str, value, language: str) -> str:

    kind = FIGURES.get(name, ("", "", ""))[2]
    if value is None:
        return "–"
    if kind == "amount" or (not kind and name.split(".")[0] in ("ask", "budget", "funding")
                            and "share" not in name):
        return amount(value, language=language)
    if kind == "percent" or "share" in name:
        return percent(value, language=language)
    if kind == "year" or name.endswith(".year"):
        return str(value)
    return number(value, language=language)


def figure_rows(figures: dict, language: str, names: tuple[str, ...] | None = None) -> list[dict]:
    """The figures as rows of label and formatted value, the known ones first."""
    chosen = [n for n in (names or FIGURES) if n in figures]
    if not chosen:  # a kind of document with figures of its own
        chosen = sorted(figures)
    return [{"name": n, "label": _label(n, language), "value": figures[n],
             "shown": _shown(n, figures[n], language)} for n in chosen]


def changes(old: dict, new: dict, language: str) -> list[dict]:
    """Every figure that differs between two versions, with its old and new value."""
    names = [n for n in FIGURES if n in old or n in new]
    names += sorted((set(old) | set(new)) - set(names))
    result = []
    for name in names:
        if name in _SAME_AS:
            continue
        before, after = old.get(name), new.get(name)
        if _same(before, after):
            continue
        result.append({"name": name, "label": _label(name, language),
                       "old": _shown(name, before, language),
                       "new": _shown(name, after, language)})
    return result


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


@dataclass
class ReviewContext:
    """What a review pack shows, gathered before it is written (`grantgen variables` shows
    the names and values of `context`)."""

    prepared: Any
    out: Path
    entries: list[Entry]
    context: dict
    documents: list[dict]
    stale: list[str]
    scope: str
    day: dt.date


def review_context(workspace: Workspace, out: Path | None = None, year: int | None = None,
                   date: dt.date | None = None) -> ReviewContext:
    """The context of the review pack of the documents in the output folder (of `year`, or
    all); a GrantgenError when there are none."""

    prepared = prepare(workspace, year, date)
    facts = prepared.facts
    language = facts.organisation.settings.language
    words = _WORDS.get(language, _WORDS["nl"])
    out = Path(out) if out is not None else workspace.default_output
    entries = read_manifest(out) if out.exists() else []
    history = History(entries)
    # an online form or budget workbook is reviewed with its application (its findings too)
    current = [e for e in history.current() if (year is None or e.year == year)
               and e.kind not in COMPANION_KINDS]
    if not current:
        raise GrantgenError(_("{out}: there are no documents{year} to review; run grantgen "
                              "build first.").format(
            out=out, year=_(" about {year}").format(year=year) if year else ""))
    day = prepared.date
    # what check finds, with the build cache: right after a build, what that build found
    problems = check(workspace, year, date, out)
    specs = {s.key: s for s in prepared.specs}

    stale = stale_documents(workspace, prepared, history)
    order = {"application": 0, "report": 1, "annual-report": 2}
    current.sort(key=lambda e: (e.year or 0, order.get(e.kind, 9), e.funder_id or "",
                                e.location_id or "", e.path))
    documents = [_document_row(position, entry, prepared, specs, problems, history, day)
                 for position, entry in enumerate(current, start=1)]

    scope = str(year) if year is not None else words["all_years"]
    signers = [{"name": m.get("name"), "role": m.get("role")}
               for m in (facts.organisation.model_dump().get("board") or [])]

    org = ContextBuilder(facts, prepared.figures, prepared.blocks, day).organisation(language)
    context = {
        "org": org, "year": year, "language": language,
        "document": {"kind": "review-pack", "year": year, "date": day, "status": "draft",
                     "version": 1},
        "review": {"scope": scope, "date": day, "count": len(documents),
                   "drafts": sum(d["status"] == "draft" for d in documents),
                   "approved": sum(d["status"] == "approved" for d in documents),
                   "errors": sum(d["errors"] for d in documents),
                   "warnings": sum(d["warnings"] for d in documents),
                   "asked": sum(d["amount"] or 0 for d in documents
                                if d["kind"] == "application" and d["status"] == "draft"),
                   "stale": stale,
                   "signers": signers or [{"name": "", "role": ""}] * 3},
        "documents": documents,
    }
    return ReviewContext(prepared, out, entries, context, documents, stale, scope, day)


def stale_documents(workspace: Workspace, prepared: Prepared, history: History) -> list[str]:
    """The documents the facts call for that are not built yet, or whose draft is older than
    the facts, texts or templates."""
    stale: list[str] = []
    for spec in prepared.specs:
        latest = history.latest(spec.key)
        if latest is None:
            stale.append(_("{path} is not built yet.").format(path=spec.path))
            continue
        funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
        found = find_template(workspace, spec.kind, funder, spec.language)
        if latest.status == "draft" and not isinstance(found, Problem) and \
                inputs_sha256(prepared, spec, *found) != latest.inputs_sha256:
            stale.append(_("{path} is older than the facts, texts or templates.").format(
                path=latest.path))
    return stale


def _deadline_text(deadline: dt.date | None, days: int | None, words: dict,
                   language: str) -> str:
    if deadline is None or days is None:
        return "–"
    shown = format_date(deadline, "short", language)
    if days == 0:
        return f"{shown} ({words['today']})"
    key = "days_left" if days > 0 else "days_ago"
    return f"{shown} ({words[key].format(n=abs(days))})"


def _paths_of(spec: DocumentSpec) -> set[str]:
    """The files of a document: an application's with its online form and budget workbook."""
    if spec.kind != DocumentKind.APPLICATION:
        return {spec.path}
    return {spec.path} | {replace(spec, kind=kind).path for kind in COMPANION_KINDS}


def _document_row(position: int, entry: Entry, prepared: Prepared, specs: dict,
                  problems: Problems, history: History, day: dt.date) -> dict:
    """One document of the review: its figures, findings, deadline and changes."""
    facts = prepared.facts
    language = facts.organisation.settings.language
    words = _WORDS.get(language, _WORDS["nl"])
    spec = specs.get(entry.key)
    funder = facts.funders.get(entry.funder_id) if entry.funder_id else None
    paths = _paths_of(spec) if spec else set()
    findings = [p for p in problems.items if paths & set(documents_of(p))]
    findings.sort(key=lambda p: p.severity != "error")
    deadline, deadline_label = (document_deadline(funder, entry.kind, entry.year, day)
                                if funder is not None and entry.year is not None else (None, ""))
    days = (deadline - day).days if deadline is not None else None
    previous = history.approved(entry.key) if entry.status == "draft" else None
    location = entry.location_id
    location_name = (words["all"] if location == "all" else
                     str(facts.location(location).get("name", location)) if location
                     else "–")
    errors = sum(p.severity == "error" for p in findings)
    return {
        "number": position, "path": entry.path, "title": entry.title or entry.path,
        "kind": entry.kind, "kind_label": words.get(entry.kind, entry.kind),
        "year": entry.year,
        "funder": funder.name if funder else (entry.funder_id or "–"),
        "location": location_name,
        "amount": spec.amount if spec is not None else entry.figures.get("ask.amount"),
        "deadline": deadline, "deadline_label": deadline_label,
        "days_left": days, "deadline_text": _deadline_text(deadline, days, words, language),
        "status": entry.status, "status_label": words.get(entry.status, entry.status),
        "version": entry.version, "approved_by": entry.approved_by,
        "approved_at": entry.approved_at[:10] if entry.approved_at else None,
        "findings": [{"severity": p.severity, "severity_label": words[p.severity],
                      "where": p.where(), "message": p.message, "hint": p.hint or ""}
                     for p in findings],
        "errors": errors, "warnings": len(findings) - errors,
        "findings_text": (words["findings"].format(errors=errors,
                                                   warnings=len(findings) - errors)
                          if findings else words["none"]),
        "figures": figure_rows(entry.figures, language, KEY_FIGURES),
        "changes": changes(previous.figures, entry.figures, language) if previous else [],
        "compared_with": ({"path": previous.path, "version": previous.version,
                           "approved_by": previous.approved_by,
                           "approved_at": (previous.approved_at or "")[:10]}
                          if previous else None),
    }


def review(workspace: Workspace, out: Path | None = None, year: int | None = None,
           date: dt.date | None = None) -> ReviewResult:
    """Write the review pack of the documents in the output folder (of `year`, or all)."""

    made = review_context(workspace, out, year, date)
    prepared, out, entries, context = made.prepared, made.out, made.entries, made.context
    documents, stale, scope, day = made.documents, made.stale, made.scope, made.day
    facts = prepared.facts
    language = facts.organisation.settings.language
    # dated as the documents it reviews are (grantgen/core/clock.py)
    when = dt.datetime.combine(day, dt.time())
    found = find_template(workspace, "review-pack", None, language)
    if isinstance(found, Problem):
        raise GrantgenError(str(found))
    template, template_name = found
    name = FILE_WORDS[DocumentKind.REVIEW_PACK].get(language, "review-pack")
    path = f"{year}/{name}-{year}.docx" if year is not None else f"{name}.docx"
    title = (f"{'Beoordelingspakket' if language == 'nl' else 'Review pack'} {scope}")
    try:
        data = render(template, template_name, context, language,
                      document_properties(title, facts.organisation.name, language, when))
    except TemplateFailure as e:
        raise InputError(Problems(items=[e.problem])) from e
    entry = Entry(path=path, kind="review-pack", funder_id=None, location_id=None, year=year,
                  sha256=hashlib.sha256(data).hexdigest(), template=template_name,
                  status="draft", inputs_sha256=digest_of(prepared.digests), language=language,
                  version=1, key=f"review-pack/{year if year is not None else 'all'}/-/-",
                  title=title, date=day.isoformat())
    kept = [e for e in entries if e.path != path]
    old_pdf = {e.pdf for e in entries if e.path == path and e.pdf}
    publish(out, {path: data}, kept + [entry], remove=old_pdf)
    return ReviewResult(out, path, documents, stale, language, entry)
