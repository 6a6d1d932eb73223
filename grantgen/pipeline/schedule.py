"""In which order a build hands its documents to the rendering processes
(pipeline/workers.py), and which document waits for which.

- The longest first, so that no process is left with a long one at the end while the
  others wait: an annual report (with charts) before an application, an online form last.
- Each template is checked once, with the first document that uses it; the other
  documents of that template start once that one is done, with its findings.
- Documents with charts of one template follow one another, as many as make up a
  process's share of the work: a process that is done takes the next piece of work, so the
  one that drew a chart draws the next, and fewer processes load matplotlib. Budget
  workbooks follow one another the same way, so fewer processes load openpyxl.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from grantgen.figures.plan import DocumentKind
from grantgen.pipeline.workers import processes

#: about how much work each kind of document is, against an application (1): an annual
#: report draws charts; a form or workbook has no Word document to render
WORK: dict[str, float] = {DocumentKind.ANNUAL_REPORT.value: 4.0, DocumentKind.FORM.value: 0.3,
                          DocumentKind.BUDGET_WORKBOOK.value: 0.6}

#: the kinds of document for which a process first loads a library of its own: matplotlib
#: to draw an annual report's charts, openpyxl to write a budget workbook
HEAVY: dict[str, str] = {DocumentKind.ANNUAL_REPORT.value: "matplotlib",
                         DocumentKind.BUDGET_WORKBOOK.value: "openpyxl"}


def _kind(kind: str) -> str:
    """A kind as its plain string, whether a DocumentKind or a str."""
    return str(getattr(kind, "value", kind))


def _work(kind: str) -> float:
    return WORK.get(_kind(kind), 1.0)


def schedule(kinds: Sequence[str], templates: Sequence[Hashable | None]
             ) -> tuple[list[int], list[int | None]]:
    """(the order in which to hand out the documents, and for each the earlier one it waits
    for or None) of documents of these kinds, each with its template's key (None: no Word
    template, as for an online form)."""
    first: dict[Hashable, int] = {}
    for index, key in enumerate(templates):
        if key is not None:
            first.setdefault(key, index)
    after: list[int | None] = [first[key] if key is not None and first[key] != index
                               else None for index, key in enumerate(templates)]
    _chain_heavy(kinds, templates, after)
    order = sorted(range(len(kinds)), key=lambda index: -_work(kinds[index]))
    return order, after


def _chain_heavy(kinds: Sequence[str], templates: Sequence[Hashable | None],
                 after: list[int | None]) -> None:
    """Documents that need a library of their own (HEAVY) of one template (or, for a
    workbook, made without one), one after the other in `after`, as many as make up a
    process's share of the work. Each follows one of its own template, so what is handed
    over with it are its template's findings."""
    count = processes(len(kinds))
    if count <= 1:
        return
    share = sum(_work(kind) for kind in kinds) / count
    chains: dict[Hashable, list[int]] = {}
    for index, kind in enumerate(kinds):
        library = HEAVY.get(_kind(kind))
        if library is not None:  # a workbook has no template: it follows one without
            chains.setdefault((library, templates[index]), []).append(index)
    for indices in chains.values():
        previous, load = None, 0.0
        for index in indices:
            work = _work(kinds[index])
            if previous is not None and load + work <= share:
                after[index] = previous
                load += work
            else:
                load = work
            previous = index
