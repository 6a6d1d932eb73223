"""Rendering many documents at once: the work spread over the machine's cores.

Worker processes are forked from the build once everything is loaded, checked and computed,
so they share the facts, figures, parsed templates and drawn charts of the build without
copying or re-reading them; each renders the documents it is handed and sends back the
bytes. Results come back in the order of the documents, so the output is byte for byte the
same as that of one process. Only the build itself writes the output folder.

Work that follows other work (a template's documents after its first, which checks it; the
annual reports one after the other, which draw charts) goes to the process that did that
work when it is free: that process has the template open and the library loaded.

Before that, `meanwhile` reads the facts in a process of its own while the build's loads
what the rendering will need (templates, formatting data), on the core that would wait
otherwise: the workers forked afterwards find it all loaded.

`GRANTGEN_JOBS=N` sets the number of processes (1: everything in the build's own process).
Where processes cannot be forked (Windows, macOS), documents are rendered one by one.
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from grantgen.core import timing
from grantgen.core.errors import GrantgenError
from grantgen.core.i18n import _

#: fewer documents than this per process are not worth starting one for
MIN_PER_PROCESS = 4

#: what the forked workers run: (function, whether the build records its stages)
_TASK: tuple[Callable[..., Any], bool] | None = None

T = TypeVar("T")


class WorkerStopped(GrantgenError):
    """A process of the build ended before it sent its result (killed, out of memory): not
    the workspace's fault, and nothing was written, which the message says."""

    def __init__(self, status: int | None = None):
        self.status = status
        super().__init__(_(
            "A process making the documents stopped before it was done (exit status "
            "{status}): the computer may have run short of memory. Nothing was written. Try "
            "again; with GRANTGEN_JOBS=1 the documents are made in one process, with less "
            "memory.").format(status=status if status is not None else "?"))

    def __reduce__(self):
        return type(self), (self.status,)


#: the collector's thresholds while a build runs (Python's default: 700, 10, 10)
COLLECT_EVERY = (20_000, 20, 20)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's collector of cyclic garbage runs less often inside: rendering makes and drops
    hundreds of thousands of small objects (XML elements, template nodes), and at Python's
    default thresholds the collector took about a tenth of a build's CPU; at COLLECT_EVERY
    it takes about a thirtieth, with the same peak memory (size S). The rendering processes
    forked inside have the same thresholds; afterwards they are as before (the board's
    page builds in a process that lives on)."""
    before = gc.get_threshold()
    gc.set_threshold(*COLLECT_EVERY)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def stopped(process: Any) -> WorkerStopped:
    """The error of a process that ended without its result, with its exit status."""
    process.join(timeout=5)
    return WorkerStopped(process.exitcode)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    if not sys.platform.startswith("linux"):
        return False  # macOS's system libraries are not safe to fork; Windows cannot
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def wanted_processes() -> int:
    """How many processes may work at once: GRANTGEN_JOBS, else the machine's cores."""
    wanted = os.environ.get("GRANTGEN_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        return int(wanted)
    return available_cores()


def processes(count: int) -> int:
    """How many processes render `count` documents."""
    limit = wanted_processes()
    if limit <= 1 or count < 2 * MIN_PER_PROCESS or not can_fork():
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


class _RemoteTraceback(Exception):
    """Where an exception raised in another process was raised there: its traceback, as
    text, the cause of the exception raised again here (as concurrent.futures does), so
    that the error log of a bug shows the line that failed."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def outcome(call: Callable[[], Any], record: bool) -> bytes:
    """call()'s ("done", result, stage times, None) or ("error", exception, stage times,
    its traceback), pickled, for the build's process (which raises it again there)."""
    stages: dict[str, float] = {}
    try:
        if record:
            with timing.recording() as stages:
                payload: tuple = ("done", call(), stages, None)
        else:
            payload = ("done", call(), stages, None)
    except BaseException as e:  # noqa: BLE001  (raised again in the build's process)
        payload = ("error", e, stages, "".join(traceback.format_exception(e)))
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        if payload[0] == "error":  # an exception whose arguments do not make it again
            pickle.loads(data)
    except Exception:  # noqa: BLE001
        text = payload[3] if payload[0] == "error" else traceback.format_exc()
        data = pickle.dumps(("error", RuntimeError(text), stages, text))
    return data


def result(data: bytes) -> Any:
    """What outcome() pickled: the result, or its exception raised (from where it was
    raised); its stage times are added to this process's recording."""
    kind, value, stages, where = pickle.loads(data)
    timing.add(stages)
    if kind == "error":
        raise value from _RemoteTraceback(where)
    return value


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
    done in index order and shared, simply `function(i)`), in the process that did that
    one when it is free. The results are in index order whatever the order of the work.
    WorkerStopped when a process ends without its result."""
    jobs = processes(count)
    if jobs <= 1:  # in index order: what each one needs (an earlier index) is done before it
        results: list[Any] = []
        for index in range(count):
            results.append(function(index))
            if progress:
                progress(index + 1, count)
        return results
    global _TASK
    _TASK = (function, timing.is_recording())
    # objects that exist now are never collected in the workers: the collector would touch
    # each of them and so copy the build's memory into every worker
    gc.freeze()
    pool = _Pool(jobs)
    try:
        results = pool.run(count, list(order) if order is not None else list(range(count)),
                           after, handover, progress)
    except BaseException:  # Ctrl-C, a process stopped, an error: nothing more is done
        pool.close(stop=True)
        raise
    finally:
        _TASK = None
        gc.unfreeze()
    pool.close()
    return results


class _Pool:
    """Processes forked from this one, each handed one piece of work at a time over a pipe
    of its own (so that work can go to the process that did what it follows, which
    concurrent.futures cannot do); a process that ends without its result stops the run
    with WorkerStopped instead of leaving it waiting."""

    def __init__(self, count: int):
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.connections: list[Any] = []
        self.processes: list[Any] = []
        for _number in range(count):
            mine, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, list(self.connections)),
                                      daemon=True)
            process.start()
            theirs.close()
            self.connections.append(mine)
            self.processes.append(process)

    def run(self, count: int, queue: list[int], after: list[int | None] | None,
            handover: Callable[[int, Any], Any] | None,
            progress: Callable[[int, int], None] | None) -> list[Any]:
        from multiprocessing.connection import wait

        results: list[Any] = [None] * count
        done_by: dict[int, int] = {}  # index -> the worker that did it
        busy: dict[int, int] = {}  # worker -> the index it is doing
        while queue or busy:
            for worker, index in self._assign(queue, after, done_by, busy):
                needed = after[index] if after is not None else None
                given = handover(index, results[needed]) if needed is not None and \
                    handover is not None else None
                try:
                    self.connections[worker].send((index, given))
                except OSError:  # it ended right after its last result
                    raise stopped(self.processes[worker]) from None
                busy[worker] = index
            if not busy:  # what is left waits for work that is not there: a mistake here
                raise RuntimeError(f"work {queue} waits for work never done")
            watched = {self.connections[w]: w for w in busy}
            ended = {self.processes[w].sentinel: w for w in busy}
            for ready in wait(list(watched) + list(ended)):
                if ready in ended:  # a process ended; what it sent before is read first
                    gone = ended[ready]
                    if gone not in busy or self.connections[gone].poll():
                        continue
                    raise stopped(self.processes[gone])
                worker = watched[ready]
                if worker not in busy:
                    continue
                try:
                    data = self.connections[worker].recv_bytes()
                except EOFError:
                    raise stopped(self.processes[worker]) from None
                index = busy.pop(worker)
                results[index] = result(data)
                done_by[index] = worker
                if progress:
                    progress(len(done_by), count)
        return results

    def _assign(self, queue: list[int], after: list[int | None] | None,
                done_by: dict[int, int], busy: dict[int, int]) -> list[tuple[int, int]]:
        """(worker, index) for each free worker and the work it takes from `queue` (which
        loses it): work that follows what this worker did first, else the first that is
        ready in the order."""
        def needed(index: int) -> int | None:
            return after[index] if after is not None else None

        def ready(index: int) -> bool:
            return needed(index) is None or needed(index) in done_by

        def follows(index: int) -> int | None:  # the worker that did what it follows
            before = needed(index)
            return done_by.get(before) if before is not None else None

        free = [w for w in range(len(self.processes)) if w not in busy]
        handed: list[tuple[int, int]] = []
        for worker in list(free):
            index = next((i for i in queue if ready(i) and follows(i) == worker), None)
            if index is not None:
                queue.remove(index)
                free.remove(worker)
                handed.append((worker, index))
        for worker in free:
            index = next((i for i in queue if ready(i)), None)
            if index is None:
                break
            queue.remove(index)
            handed.append((worker, index))
        return handed

    def close(self, stop: bool = False) -> None:
        """Tell the workers they are done and wait for them; `stop`: end them now, in the
        middle of their work."""
        for connection in self.connections:
            try:
                if not stop:
                    connection.send(None)  # done: the worker returns
            except OSError:
                pass
            connection.close()
        for process in self.processes:
            if stop:
                process.terminate()
            process.join()


def _serve(connection: Any, others: list[Any]) -> None:
    """A worker: the work it is sent, one piece at a time, until it is told it is done."""
    for other in others:  # the pipes of the workers forked before it are theirs
        other.close()
    _start_worker()
    assert _TASK is not None
    function, record = _TASK
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, given = message
        arguments = (index,) if given is None else (index, given)
        connection.send_bytes(outcome(functools.partial(function, *arguments), record))


def meanwhile(task: Callable[[], T], steps: Iterable[Callable[[], object]]) -> T:
    """task(), computed in a process of its own while this one takes `steps`, one by one,
    until task is done; its result comes back pickled, its exception is raised here.

    The steps are work whose effect stays in this process, such as templates opened, for
    the rendering processes forked from it later: done here while another core computes
    task, they cost the build no time. A step that fails is passed over (what it would
    have loaded is loaded where it is needed, and fails there with its message); the
    steps left when task is done are not taken.

    In one process (GRANTGEN_JOBS=1, one core, no fork): task() alone, no steps."""
    if wanted_processes() <= 1 or not can_fork():
        return task()
    import multiprocessing

    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_compute, args=(writer, task, timing.is_recording()),
                            daemon=True)
    child.start()
    writer.close()
    data = None
    try:
        remaining = iter(steps)
        while not reader.poll():
            try:
                step = next(remaining, None)
                if step is None:
                    break
                step()
            except Exception:  # noqa: BLE001,S112  (see above: loaded again where needed)
                continue
        try:
            data = reader.recv_bytes()
        except EOFError:  # killed, out of memory: it sent nothing
            raise stopped(child) from None
    finally:
        reader.close()
        if data is None:  # Ctrl-C, or it stopped: it has nothing more to do
            child.terminate()
        child.join()
    return result(data)


def _compute(writer: Any, task: Callable[[], Any], record: bool) -> None:
    """meanwhile's process: task's outcome, pickled to `writer`."""
    _start_worker()
    writer.send_bytes(outcome(task, record))
    writer.close()
