"""Rendering many documents at once: the work spread over the machine's cores.

Worker processes are forked from the build once everything is loaded, checked and computed,
so they share the facts, figures, parsed templates and drawn charts of the build without
copying or re-reading them; each renders the documents it is handed and sends back the
bytes. Results come back in the order of the documents, so the output is byte for byte the
same as that of one process. Only the build itself writes the output folder.

`GRANTGEN_JOBS=N` sets the number of processes (1: everything in the build's own process).
Where processes cannot be forked (Windows, macOS), documents are rendered one by one.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from grantgen.core import timing

#: fewer documents than this per process are not worth starting one for
MIN_PER_PROCESS = 4

#: what the forked workers run: (function, whether the build records its stages)
_TASK: tuple[Callable[..., Any], bool] | None = None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _can_fork() -> bool:
    if not sys.platform.startswith("linux"):
        return False  # macOS's system libraries are not safe to fork; Windows cannot
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def processes(count: int) -> int:
    """How many processes render `count` documents."""
    wanted = os.environ.get("GRANTGEN_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        limit = int(wanted)
    else:
        limit = available_cores()
    if limit <= 1 or count < 2 * MIN_PER_PROCESS or not _can_fork():
        return 1
    return max(1, min(limit, count // MIN_PER_PROCESS))


def _start_worker() -> None:
    # Ctrl-C is the build's to handle (it stops the workers); a worker whose build was
    # killed stops too, instead of rendering on for nobody
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the build was gone before the line above
        os._exit(1)


def _work(index: int, given: Any = None) -> tuple[int, Any, dict[str, float]]:
    assert _TASK is not None
    function, record = _TASK
    call = (lambda: function(index)) if given is None else (lambda: function(index, given))
    if not record:
        return index, call(), {}
    with timing.recording() as stages:
        result = call()
    return index, result, stages


def run(function: Callable[..., Any], count: int,
        progress: Callable[[int, int], None] | None = None,
        order: list[int] | None = None, after: list[int | None] | None = None,
        handover: Callable[[int, Any], Any] | None = None) -> list[Any]:
    """[function(0), ..., function(count - 1)], computed over several processes when there
    are many; `progress(done, count)` after each one.

    `order`: the order in which the work is handed to the processes (default: 0, 1, ...),
    the longest first, so that no process is left with a long one at the end while the
    others wait. `after[i]`: an earlier index whose result work i needs: i starts once that
    one is done, as `function(i, handover(i, its result))` (in one process, where all is
    done in index order and shared, simply `function(i)`). The results are in index order
    whatever the order of the work."""
    jobs = processes(count)
    results: list[Any] = [None] * count
    queue = list(order) if order is not None else list(range(count))
    if jobs <= 1:  # in index order: what each one needs (an earlier index) is done before it
        for index in range(count):
            results[index] = function(index)
            if progress:
                progress(index + 1, count)
        return results
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    global _TASK
    _TASK = (function, timing.is_recording())
    # objects that exist now are never collected in the workers: the collector would touch
    # each of them and so copy the build's memory into every worker
    gc.freeze()
    # a pool of concurrent.futures rather than multiprocessing.Pool: a worker that dies
    # (killed, out of memory) breaks the pool with an error instead of leaving the build
    # waiting for its result forever
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker)
    finished: set[int] = set()
    running: set = set()

    def ready(index: int) -> bool:
        return after is None or after[index] is None or after[index] in finished

    try:
        done = 0
        while queue or running:
            # as many in hand as there are processes: a process that is done takes the
            # next, which keeps work that follows other work (`after`) in that process;
            # the first ready one in the order, so the longest go first
            while len(running) < jobs and queue:
                found = next((i for i in queue if ready(i)), None)
                if found is None:
                    break
                index = found
                queue.remove(index)
                needed = after[index] if after is not None else None
                given = handover(index, results[needed]) if needed is not None and \
                    handover is not None else None
                running.add(pool.submit(_work, index, given))
            if not running:  # what is left waits for work that is not there: a mistake here
                raise RuntimeError(f"work {queue} waits for work never done")
            completed, running = wait(running, return_when=FIRST_COMPLETED)
            for future in completed:
                index, result, stages = future.result()
                results[index] = result
                finished.add(index)
                timing.add(stages)
                done += 1
                if progress:
                    progress(done, count)
    except BaseException:  # Ctrl-C or a broken worker: nothing more is started
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        _TASK = None
        gc.unfreeze()
    pool.shutdown()
    return results

