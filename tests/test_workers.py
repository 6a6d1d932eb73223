"""The build's processes (#16): work that follows other work goes to the process that did
that work, errors come back as themselves, and the facts are read in a process of their own
while the build's loads the templates (grantgen/pipeline/workers.py, warmup.py). What the
documents say stays the same: tests/test_performance.py builds with one process and with
several and compares the bytes. No test here measures time (benchmarks/bench.py does)."""

import multiprocessing
import os
from pathlib import Path

import pytest

from grantgen.core.errors import InputError, Problems


def test_work_that_follows_other_work_goes_to_the_process_that_did_it(monkeypatch):
    """A chain (each piece after the one before) stays in one process, while the other
    process takes the work that waits for nothing."""
    from grantgen.pipeline.workers import run

    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    after = [None, 0, 1, 2, 3, 4] + [None] * 6

    def one(index, given=None):
        return os.getpid()

    pids = run(one, 12, after=after, handover=lambda index, result: result)
    assert len(set(pids[:6])) == 1
    assert set(pids) - {pids[0]}, "the other process took nothing"
    assert os.getpid() not in pids


def test_an_error_in_a_worker_comes_back_as_itself(monkeypatch):
    from grantgen.pipeline.workers import run

    monkeypatch.setenv("GRANTGEN_JOBS", "2")

    def one(index):
        if index == 6:
            raise ValueError(f"piece {index} went wrong")
        return index

    with pytest.raises(ValueError, match="piece 6 went wrong") as raised:
        run(one, 12)
    # where it was raised in the worker, for the error log of a bug
    assert "in one" in str(raised.value.__cause__)
    assert "piece 6 went wrong" in str(raised.value.__cause__)


class _Unpicklable(Exception):
    def __init__(self, what, why):  # pickling keeps only str(self): this cannot come back
        super().__init__(f"{what}: {why}")


def test_an_error_that_cannot_travel_comes_back_with_its_traceback(monkeypatch):
    from grantgen.pipeline.workers import run

    monkeypatch.setenv("GRANTGEN_JOBS", "2")

    def one(index):
        if index == 3:
            raise _Unpicklable("piece", "three")
        return index

    with pytest.raises(RuntimeError) as raised:
        run(one, 12)
    assert str(raised.value).startswith("Traceback")
    assert "_Unpicklable: piece: three" in str(raised.value)


def test_meanwhile_computes_the_task_elsewhere_while_taking_the_steps_here(monkeypatch):
    """The task runs in another process; the steps run in this one, a failing step is
    passed over, and the steps left once the task is done are not taken."""
    from grantgen.pipeline.workers import meanwhile

    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    taken = []
    # the task waits for the first steps (however fast it is, however busy the machine)
    stepped = multiprocessing.get_context("fork").Event()

    def steps():
        yield lambda: taken.append("first")
        yield lambda: 1 / 0
        yield lambda: taken.append("after the failure") or stepped.set()
        # the task has written its result long before these would end
        for _ in range(10_000):
            yield lambda: taken.append("more") or __import__("time").sleep(0.001)

    def task():
        stepped.wait(30)
        return os.getpid(), list(taken)

    pid, seen = meanwhile(task, steps())
    assert pid != os.getpid() and seen == []
    assert taken[:2] == ["first", "after the failure"]
    assert len(taken) < 10_000


def test_meanwhile_raises_the_tasks_error_with_its_problems(monkeypatch):
    from grantgen.pipeline.workers import meanwhile

    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    problems = Problems()
    problems.add("facts/visits.csv", "the date is not a date.", row=4, column="date")

    def task():
        raise InputError(problems)

    with pytest.raises(InputError) as raised:
        meanwhile(task, [])
    assert raised.value.problems.items == problems.items
    assert str(raised.value) == str(InputError(problems))


def test_meanwhile_in_one_process_takes_no_steps(monkeypatch):
    from grantgen.pipeline.workers import meanwhile

    monkeypatch.setenv("GRANTGEN_JOBS", "1")
    taken = []
    assert meanwhile(os.getpid, [lambda: taken.append(1)]) == os.getpid()
    assert taken == []


def test_the_facts_are_read_elsewhere_while_the_templates_are_opened_here(monkeypatch,
                                                                           example: Path):
    """prepare_meanwhile gives what prepare gives; its steps open the templates of the
    workspace's funders (each once) and load the formatting of their languages."""
    from grantgen.core.workspace import Workspace
    from grantgen.documents.templates import find_template
    from grantgen.pipeline import warmup
    from grantgen.pipeline.prepare import prepare
    from grantgen.word import render

    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    workspace = Workspace.open(example)
    elsewhere = warmup.prepare_meanwhile(workspace)
    here = prepare(workspace)
    assert elsewhere.specs == here.specs
    assert elsewhere.problems.items == here.problems.items
    for name, table in here.facts.tables.items():
        assert elsewhere.facts.tables[name].equals(table), name
    assert elsewhere.figures.facts is elsewhere.facts  # one object, as in prepare's

    steps = list(warmup.steps(workspace))
    opened = [step.args[0] for step in steps if step.func is render.warm]
    assert len(opened) == len(set(opened))
    for spec in here.specs:
        if spec.kind in ("application", "report", "annual-report"):
            funder = here.facts.funders.get(spec.funder_id) if spec.funder_id else None
            found = find_template(workspace, spec.kind, funder, spec.language)
            assert found[0] in opened, spec.path
    languages = {step.args[0] for step in steps if step.func.__name__ == "warm"
                 and step.func.__module__.endswith("formatting")}
    assert languages == {spec.language for spec in here.specs}


def test_large_facts_are_read_in_the_builds_own_process(monkeypatch, example: Path):
    from grantgen.core.workspace import Workspace
    from grantgen.pipeline import warmup

    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    monkeypatch.setattr(warmup, "LARGE_FACTS", 10)
    monkeypatch.setattr(warmup, "meanwhile", lambda task, steps: pytest.fail("forked"))
    assert warmup.prepare_meanwhile(Workspace.open(example)).specs


def test_a_build_collects_garbage_less_often_and_leaves_the_collector_as_it_was(
        monkeypatch, tmp_path, example: Path):
    """Inside a build the collector's thresholds are COLLECT_EVERY; after it (even one that
    failed) they are what they were: the board's page builds in a process that lives on. A check
of facts with an error stops where the build would."""
    import gc

    from grantgen.core.workspace import Workspace
    from grantgen.pipeline import build, workers

    seen = []
    prepare = build.prepare_meanwhile
    monkeypatch.setattr(build, "prepare_meanwhile",
                        lambda *a, **k: seen.append(gc.get_threshold()) or prepare(*a, **k))
    before = gc.get_threshold()
    build.build(Workspace.open(example), tmp_path / "out")
    assert seen == [workers.COLLECT_EVERY] and gc.get_threshold() == before
    (example / "facts" / "locations.csv").write_text("id\n", encoding="utf-8")
    assert build.check(Workspace.open(example), out=tmp_path / "out").errors
    assert len(seen) == 2 and seen[1] == workers.COLLECT_EVERY
    assert gc.get_threshold() == before


def test_a_process_reading_the_facts_that_is_killed_stops_the_build_with_a_message(
        monkeypatch):
    """Killed (out of memory, say): WorkerStopped, whose message says what happened and
    what to do, which the CLI shows as it shows any error of grantgen's."""
    import signal

    from grantgen.core.errors import GrantgenError
    from grantgen.core.i18n import set_language
    from grantgen.pipeline.workers import WorkerStopped, meanwhile

    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    with pytest.raises(WorkerStopped) as raised:
        meanwhile(lambda: os.kill(os.getpid(), signal.SIGKILL), [])
    assert isinstance(raised.value, GrantgenError) and raised.value.status == -signal.SIGKILL
    assert "exit status -9" in str(raised.value) and "GRANTGEN_JOBS=1" in str(raised.value)
    set_language("nl")  # English again after the test (conftest)
    assert "GRANTGEN_JOBS=1" in str(WorkerStopped(-9)) and "geheugen" in str(WorkerStopped(-9))


def test_a_template_warmed_up_is_compiled_as_the_renderer_compiles_it(monkeypatch,
                                                                       example: Path):
    """render.warm compiles the very sources docxtpl hands to Jinja: rendering a document
    afterwards compiles none of the template's parts again."""
    from grantgen.core import templating
    from grantgen.core.workspace import Workspace
    from grantgen.documents.templates import find_template
    from grantgen.pipeline.prepare import prepare
    from grantgen.pipeline.rendering import render_one
    from grantgen.word import render

    monkeypatch.setenv("GRANTGEN_JOBS", "1")
    prepared = prepare(Workspace.open(example))
    spec = next(s for s in prepared.specs if s.kind == "application")
    template, name = find_template(prepared.workspace, spec.kind,
                                   prepared.facts.funders[spec.funder_id], spec.language)
    env = templating.environment(spec.language)
    env._compiled.clear()
    render.warm(template, name, spec.language)
    warmed = set(env._compiled)
    assert warmed and all("<w:" in source for source in warmed)
    compiled = []
    code = env._code
    monkeypatch.setattr(env, "_code", lambda source: compiled.append(source) or code(source))
    item, _problems = render_one(prepared, prepared.contexts, spec)
    assert item is not None
    assert [source for source in compiled if "<w:" in source] == []


def test_the_findings_worked_out_with_the_facts_are_taken_only_for_the_same(example,
                                                                            monkeypatch):
    """The checks' findings are worked out in the process that reads the facts (they depend
    on the facts, figures and plan alone); they are taken for those documents and those
    approved documents only, and worked out again for any other."""
    import dataclasses

    from grantgen.core.workspace import Workspace
    from grantgen.pipeline import prepare as preparing

    prepared = preparing.prepare_and_find(Workspace.open(example), approved=frozenset())
    found = preparing.rule_findings(prepared, frozenset())
    assert found, "the example has findings (its funders' rules warn)"
    calls = []
    real = preparing.rule_findings
    monkeypatch.setattr(preparing, "rule_findings",
                        lambda *args: calls.append(args) or real(*args))
    assert preparing.findings(prepared) == found
    assert not calls
    some = dataclasses.replace(prepared, specs=prepared.specs[:3])
    assert preparing.findings(some) == real(some, frozenset())
    approved = frozenset({prepared.specs[0].key})
    assert preparing.findings(prepared, approved) == real(prepared, approved)
    assert len(calls) == 2


def test_a_first_build_loads_the_chart_library_ahead_a_module_a_step(example, tmp_path):
    """While the facts are read, a build whose output folder has no build cache yet loads
    matplotlib (and openpyxl, as a funder of the example has an online form) one module a
    step, in the order drawing a chart imports them; a rebuild, whose charts are likely in
    the cache, does not."""
    import importlib

    from grantgen.core import cache
    from grantgen.core.workspace import Workspace
    from grantgen.documents import budget_workbook, charts
    from grantgen.pipeline.warmup import steps

    def imported(store):
        with cache.using(store):
            return [step.args[0] for step in steps(Workspace.open(example))
                    if getattr(step, "func", None) is importlib.import_module]

    first = cache.Store(tmp_path / "new" / cache.FOLDER)
    assert imported(first) == [*charts.MODULES, *budget_workbook.MODULES]
    assert imported(None) == []
    again = cache.Store(tmp_path / "built" / cache.FOLDER)
    again.put("charts", "k", b"png")
    again.flush()
    assert imported(again) == []
    # each is a module of the library that exists, importable on its own
    for name in charts.MODULES + budget_workbook.MODULES:
        assert importlib.import_module(name)
