"""From a document's kind to the builder of its context: one entry per kind of document."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from grantgen.documents.annual_report import annual_report
from grantgen.documents.application import application
from grantgen.documents.budget_workbook import budget_workbook, workbook_file
from grantgen.documents.form import form, form_file
from grantgen.documents.parts import Parts
from grantgen.documents.report import report
from grantgen.documents.yearend import YearEnd
from grantgen.figures.plan import DocumentKind, DocumentSpec


class ContextBuilder(Parts):
    """Builds the context of each document of one build from the same facts and figures:
    the shared parts (Parts), and per kind the builder BUILDERS names."""

    @cached_property
    def yearend(self) -> YearEnd:
        """The year-end parts, made on first use (charts are drawn once and reused)."""
        return YearEnd(self)

    def build(self, spec: DocumentSpec) -> dict:
        builder = BUILDERS.get(DocumentKind(spec.kind))
        if builder is None:
            raise ValueError(f"no context for documents of kind {spec.kind!r}")
        return builder(self, spec)


#: the builder of each kind's context (the review pack is made by grantgen review)
BUILDERS: dict[DocumentKind, Callable[[ContextBuilder, DocumentSpec], dict]] = {
    DocumentKind.APPLICATION: application,
    DocumentKind.REPORT: lambda contexts, spec: report(contexts.yearend, spec),
    DocumentKind.ANNUAL_REPORT: lambda contexts, spec: annual_report(contexts.yearend, spec),
    DocumentKind.FORM: form,
    DocumentKind.BUDGET_WORKBOOK: budget_workbook,
}

#: the writer of each kind that is no Word document (COMPANION_KINDS): its file's bytes
#: from its context, without a template
WRITERS: dict[DocumentKind, Callable[[dict], bytes]] = {
    DocumentKind.FORM: form_file,
    DocumentKind.BUDGET_WORKBOOK: workbook_file,
}
