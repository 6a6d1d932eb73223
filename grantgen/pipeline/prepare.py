"""Preparing a build: the workspace loaded, validated and computed, before any document.

Apart from the rendering (grantgen/pipeline/build.py) so that the commands that only show
figures (`facts`, `deadlines`) load no document library: nothing here imports Word's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from grantgen.checks.organisation import organisation_problems
from grantgen.checks.rules import check_rules
from grantgen.checks.yearend import year_end_problems
from grantgen.core.clock import build_time, document_date
from grantgen.core.errors import InputError, Problem, Problems
from grantgen.core.files import digest_of, file_digest
from grantgen.core.timing import stage
from grantgen.core.workspace import Workspace
from grantgen.documents.registry import ContextBuilder
from grantgen.facts.dataset import Facts
from grantgen.facts.reading import load_facts
from grantgen.figures.compute import Figures
from grantgen.figures.plan import DocumentSpec, plan
from grantgen.texts.library import Blocks, load_blocks


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
    #: the key of the shape of the context each (template, language) was checked with
    #: (grantgen/pipeline/cache.py), None where it has none
    template_shapes: dict[tuple[str, str], str | None] = field(default_factory=dict)
    #: findings() worked out with the facts (prepare_and_find): for these approved keys and
    #: the documents of these keys, what they found
    found: tuple[frozenset[str], tuple[str, ...], list[Problem]] | None = None

    @cached_property
    def contexts(self) -> ContextBuilder:
        """The builder of the documents' contexts: one per build, as it keeps what the
        contexts of its documents share."""
        return ContextBuilder(self.facts, self.figures, self.blocks, self.date)


def prepare(workspace: Workspace, year: int | None = None, date: dt.date | None = None,
            digests: dict[str, str] | None = None) -> Prepared:
    """Load and validate the workspace; raises InputError listing every error found.
    `date`: the document date (default: the workspace's setting, else today). `digests`:
    those of input_digests(workspace), when they were taken already."""
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
    if digests is None:
        with stage("load"):
            digests = input_digests(workspace)
    day = document_date(date, facts.organisation.settings.document_date)
    return Prepared(workspace, facts, figures, blocks, specs, problems, build_time(), day,
                    dict(digests))


def prepare_and_find(workspace: Workspace, year: int | None = None,
                     date: dt.date | None = None, digests: dict[str, str] | None = None,
                     approved: AbstractSet[str] = frozenset()) -> Prepared:
    """prepare(), with findings() worked out right away (`approved`: the keys of approved
    documents), where the facts are read in a process of their own
    (grantgen/pipeline/warmup.py): the build takes them when it has rendered."""
    prepared = prepare(workspace, year, date, digests)
    prepared.found = (frozenset(approved), tuple(spec.key for spec in prepared.specs),
                      rule_findings(prepared, approved))
    return prepared


def findings(prepared: Prepared, approved: AbstractSet[str] = frozenset()) -> list[Problem]:
    """What the checks find about the planned documents beyond the facts and the rendering:
    the funders' rules and what the letters need of the organisation. A build reports them
    as check does, and never stops on them. They depend on the facts, figures and plan
    alone, not on what rendering finds: those prepare_and_find worked out are taken."""
    found = prepared.found
    if found is not None and found[0] == frozenset(approved) and \
            found[1] == tuple(spec.key for spec in prepared.specs):
        return list(found[2])
    return rule_findings(prepared, approved)


def rule_findings(prepared: Prepared, approved: AbstractSet[str]) -> list[Problem]:
    return check_rules(prepared, approved).items + organisation_problems(prepared)


def input_digests(workspace: Workspace) -> dict[str, str]:
    """The sha256 of every input file of the workspace (facts, funder profiles, texts and
    templates), by its path relative to the workspace."""
    return {workspace.relative(path): file_digest(path) for path in input_files(workspace)}


def input_files(workspace: Workspace) -> list[Path]:
    """The input files of input_digests()."""
    files = []
    for folder in (workspace.facts_dir, workspace.funders_dir, workspace.texts_dir,
                   workspace.templates_dir):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith((".", "~$")):
                    files.append(path)
    return files


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
