"""The board's page runs builds, checks and decisions in processes forked from one that runs
no threads (grantgen/pipeline/isolation.py): a process forked from one whose other thread
holds a lock never gets that lock, and a build forks. These tests show the hazard, that an
isolated call is safe from it, and that its result, progress, language and errors come back
as a direct call's would."""

import multiprocessing
import os
import threading
from pathlib import Path

import pytest

from grantgen.core.errors import InputError, Problems
from grantgen.core.i18n import current_language, set_language

# functions an isolated call runs: a module's, as they travel pickled by name


def _who(progress=None) -> tuple[int, str]:
    for done in range(1, 4):
        if progress is not None:
            progress(done, 3)
    return os.getpid(), current_language()


def _fails() -> None:
    problems = Problems()
    problems.add("facts/budget.csv", "the amount 'twaalf' is not a number", row=3,
                 column="amount")
    raise InputError(problems)


def _formats_in_a_forked_process() -> str:
    """What a build does: fork (here once), and format an amount with Babel there."""
    from grantgen.pipeline.workers import meanwhile

    return meanwhile(_amount, [])


def _amount() -> str:
    from babel import localedata
    from babel.numbers import format_currency

    # read afresh, under Babel's lock, as a first use of a language does
    localedata._cache.clear()
    localedata._dict_cache.clear()
    return format_currency(1234.5, "EUR", locale="nl_NL")


@pytest.fixture
def jobs(monkeypatch):
    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    from grantgen.pipeline import isolation

    if not isolation.in_processes():
        pytest.skip("processes are not forked here: calls run in the process itself")
    return isolation


@pytest.fixture
def babel_held():
    """Babel's lock held by another thread, as while a page reads a language's formats."""
    from babel import localedata

    holding, release = threading.Event(), threading.Event()

    def hold():
        with localedata._cache_lock:
            holding.set()
            release.wait(30)

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    holding.wait(5)
    yield
    release.set()
    thread.join(5)


def test_a_process_forked_while_another_thread_holds_a_lock_waits_for_ever(babel_held):
    """The hazard: forked directly, the process never gets Babel's lock."""
    child = multiprocessing.get_context("fork").Process(target=_amount, daemon=True)
    child.start()
    child.join(timeout=3)
    stuck = child.is_alive()
    child.terminate()
    child.join()
    assert stuck, "the forked process got a lock held by a thread it does not have"


def test_an_isolated_call_is_not_held_up_by_the_threads_of_this_process(jobs, babel_held):
    assert jobs.isolated(_formats_in_a_forked_process) == "€\xa01.234,50"


def test_an_isolated_call_runs_elsewhere_with_its_progress_and_language(jobs):
    seen = []
    before = current_language()
    try:
        set_language("nl")
        pid, language = jobs.isolated(_who, progress=lambda done, total: seen.append(
            (done, total)))
    finally:
        set_language(before)
    assert pid != os.getpid()
    assert language == "nl"
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_an_isolated_calls_error_is_raised_here_as_itself(jobs):
    with pytest.raises(InputError) as raised:
        jobs.isolated(_fails)
    (problem,) = raised.value.problems.errors
    assert (problem.file, problem.row, problem.column) == ("facts/budget.csv", 3, "amount")


def test_with_one_process_the_call_runs_here(monkeypatch):
    from grantgen.pipeline import isolation

    monkeypatch.setenv("GRANTGEN_JOBS", "1")
    assert isolation.isolated(_who)[0] == os.getpid()


def test_the_boards_build_runs_isolated(jobs, example: Path):
    """The page's build (web/jobs.py) in a process of its own: its documents, its progress."""
    from grantgen.core.workspace import Workspace
    from grantgen.web.jobs import Jobs

    root = example
    board = Jobs(Workspace.open(root), root / "output")
    assert board.start_build()
    deadline = threading.Event()
    for _ in range(600):
        if not board.state.running:
            break
        deadline.wait(0.1)
    state = board.state
    assert not state.running and not state.message and not state.problems
    assert state.result is not None and state.result.written
    assert state.done == state.total > 0
    for path in state.result.written:
        assert (root / "output" / path).is_file()
