"""The online forms of the funding plan as data, for whoever shows them (the board's web page):
each application's form field by field, with its text, its count and its limit. The build
writes the same fields into the form file beside each application."""

from __future__ import annotations

from dataclasses import dataclass, field

from grantgen.core.errors import Problem
from grantgen.core.workspace import Workspace
from grantgen.documents.form import form_problems
from grantgen.figures.plan import DocumentKind, DocumentSpec
from grantgen.pipeline.build import Prepared, prepare
from grantgen.texts.forms import FilledField


@dataclass
class OnlineForm:
    """One application's online form: which application, and its fields as the portal
    takes them (FilledField: label, help, text, chars, words, max_chars, max_words, fits,
    shortened, the text file used)."""

    #: the form file and its application, relative to the output folder
    path: str
    application: str
    funder_id: str
    funder: str
    year: int
    location_id: str | None
    location: str
    language: str
    fields: list[FilledField] = field(default_factory=list)
    #: what check says about the form (a text that fits no limit, a value that fails)
    problems: list[Problem] = field(default_factory=list)


def form_of(prepared: Prepared, spec: DocumentSpec) -> OnlineForm:
    """The online form of one document of the plan (a spec of kind `form`)."""
    context = prepared.contexts.build(spec)
    assert spec.funder_id is not None  # a form is always a funder's
    return OnlineForm(spec.path, spec.application.path, spec.funder_id,
                      context["funder"]["name"], spec.year, spec.location_id,
                      context["location"]["name"], spec.language,
                      list(context["form"]["fields"]), form_problems(context))


def online_forms(workspace: Workspace, year: int | None = None,
                 funder_id: str | None = None) -> list[OnlineForm]:
    """The online form of every application to a funder with `form:` in its profile (of
    `year` and to `funder_id` when given), in the order of the plan. Raises InputError
    when the workspace has errors, as a build does."""
    prepared = prepare(workspace, year)
    return [form_of(prepared, spec) for spec in prepared.specs
            if spec.kind == DocumentKind.FORM and funder_id in (None, spec.funder_id)]
