"""What a build loads while its facts are read: the work of the rendering that does not
depend on the facts, done on the core that would wait otherwise.

Reading and checking the facts takes one core for a few tenths of a second before any
document can start; the processes that render them start fresh and load the formatting
data and the templates on the way. `prepare` reads the facts in a process of its own
(grantgen/pipeline/workers.meanwhile) while the build's loads those (`steps`): the
rendering processes, forked from it afterwards, find them loaded.

The steps are small, as the build waits for the one under way when the facts are read.
After the templates, in a build whose output folder has no build cache yet (so the charts
and workbooks will be made, not found), the libraries of the charts and of the workbooks
are loaded, a module a step (documents/charts.MODULES): matplotlib takes 0.4 s to load,
longer than the time left, so whatever part of it is loaded when the facts are read is
loaded for the rendering process that draws the charts, and the rest loads there
(grantgen/pipeline/schedule.py keeps those documents in one process).

Which templates a build will use depends on the facts (who is applied to, for which years);
the steps guess it from the funders' profiles. A guess that is wrong only loads something
for nothing: whatever a document needs is loaded where it is needed, as without this.
Nothing here changes what a document says.

A workspace whose facts are large (LARGE_FACTS) is read in the build's own process, as
handing facts from one process to another costs more than it gains there.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from functools import partial
from pathlib import Path

from grantgen.core import cache
from grantgen.core.errors import Problems
from grantgen.core.formatting import warm as warm_formatting
from grantgen.core.workspace import Workspace
from grantgen.documents import budget_workbook, charts
from grantgen.documents.templates import find_template
from grantgen.figures.plan import DocumentKind
from grantgen.pipeline.cache import checked_before
from grantgen.pipeline.prepare import Prepared, prepare, prepare_and_find
from grantgen.pipeline.workers import meanwhile
from grantgen.profiles.funders import Funder, load_funders
from grantgen.profiles.organisation import load_organisation
from grantgen.word import render, template_check

#: facts files (CSV, the workbook) larger than this in all are read in the build's process
LARGE_FACTS = 32 * 1024 * 1024


def prepare_meanwhile(workspace: Workspace, year: int | None = None,
                      date: dt.date | None = None,
                      digests: dict[str, str] | None = None,
                      approved: AbstractSet[str] | None = None) -> Prepared:
    """prepare(), in a process of its own while this one loads what the rendering will
    likely need (`steps`); in this process alone when the facts are large. With `approved`
    (the keys of the approved documents), the checks' findings too (prepare_and_find), which
    the build would otherwise work out on one core after rendering."""
    task = partial(prepare, workspace, year, date, digests) if approved is None else \
        partial(prepare_and_find, workspace, year, date, digests, approved)
    if facts_size(workspace) > LARGE_FACTS:
        return task()
    return meanwhile(task, steps(workspace))


def facts_size(workspace: Workspace) -> int:
    """The bytes of the workspace's facts files."""
    folder = workspace.facts_dir
    if not folder.is_dir():
        return 0
    return sum(path.stat().st_size for path in folder.iterdir() if path.is_file())


def steps(workspace: Workspace) -> Iterator[Callable[[], object]]:
    """The loading steps, the surest first: the formatting of the documents' languages, then
    the templates of the funders' applications and reports and of the annual report, each
    opened and compiled, then parsed for the template check (unless what its last check
    found is in the user's cache); then, when the output folder has no build cache yet, the
    modules of matplotlib and, if a funder has an online form, openpyxl. (The profiles are
    read before the first step, as the steps depend on them.)"""
    problems = Problems()  # the build reports what is wrong with them, not this
    organisation = load_organisation(workspace.facts_dir / "organisation.yaml",
                                     "facts/organisation.yaml", problems)
    funders = load_funders(workspace.funders_dir, workspace.root, problems)
    language = organisation.settings.language if organisation is not None else "nl"
    languages = sorted({language} | {funder.language for funder in funders.values()})
    for code in languages:
        yield partial(warm_formatting, code)
    wanted: list[tuple[str, Funder | None, str]] = [
        (kind, funder, funder.language) for kind in (DocumentKind.APPLICATION,
                                                     DocumentKind.REPORT)
        for funder in funders.values()]
    wanted.append((DocumentKind.ANNUAL_REPORT, None, language))
    seen: set[Path] = set()
    for kind, funder, each in wanted:
        found = find_template(workspace, kind, funder, each)
        if isinstance(found, tuple) and found[0] not in seen:
            seen.add(found[0])
            yield partial(render.warm, found[0], found[1], each)
            yield partial(_warm_check, found[0], found[1], each)
    store = cache.active()
    if store is not None and store.empty():  # a first build: charts and workbooks are made
        libraries = list(charts.MODULES)
        if any(funder.form for funder in funders.values()):
            libraries += budget_workbook.MODULES
        for name in libraries:
            yield partial(importlib.import_module, name)


def _warm_check(template: Path, template_name: str, language: str) -> None:
    """The template parsed for its check, unless the user's cache holds what its last check
    found (the check then most likely does not run: grantgen/pipeline/cache.py)."""
    if not checked_before(template, template_name, language):
        template_check.warm(template, template_name, language)
