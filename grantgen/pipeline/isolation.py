"""Builds, checks and decisions for a process that runs threads (`grantgen serve`): each in
a process of its own, forked from one that runs none.

A build forks the processes that render (pipeline/workers.py). A process forked from one
whose other threads are busy gets their locks as they were at that moment, held or not, and
no thread of the copy will ever release one that was held: a build forked while a page's
thread was reading Babel's locale data (which Babel reads under a lock) would wait for that
lock for ever, and with it the board's page (no build, no decision until it is restarted).

So the board's page runs that work through `isolated`: in a process forked from
multiprocessing's fork server, which is started afresh (not forked), runs no threads and
has grantgen loaded once (`start`). Its children fork the build's workers safely. The
call's progress comes back as it happens, its result (or its exception, raised again here)
at the end; the user's language goes with it.

Where processes are not forked at all (one process asked for with GRANTGEN_JOBS=1; Windows
and macOS, where grantgen renders in one process) there is nothing to guard against, and
the call runs in this process.
"""

from __future__ import annotations

import atexit
import functools
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from grantgen.core.i18n import current_language, set_language
from grantgen.pipeline.workers import can_fork, outcome, result, stopped, wanted_processes

T = TypeVar("T")

#: what the fork server loads before it forks anything: the pipeline, so that each call
#: starts with it imported
PRELOAD = ("grantgen.pipeline.build",)

_starting = threading.Lock()
_started = False
#: the processes running a call, stopped when this process ends
_running: set[Any] = set()

#: the first byte of a message from the call's process: progress, or the outcome
_PROGRESS, _OUTCOME = b"p", b"o"


def in_processes() -> bool:
    """Whether calls run in processes of their own (see the module's text)."""
    return wanted_processes() > 1 and can_fork()


def start(modules: Sequence[str] = PRELOAD) -> None:
    """Start the fork server now, with `modules` loaded in it (before this process starts
    threads, at best; it is started afresh either way): the first call need not wait for
    it. Nothing when calls run in this process."""
    global _started
    if not in_processes():
        return
    with _starting:
        if _started:
            return
        import multiprocessing
        from multiprocessing import forkserver

        # and the program's main module (the `grantgen` command), which each call's process
        # would otherwise run again to find it
        multiprocessing.get_context("forkserver").set_forkserver_preload(
            [*modules, "__main__"])
        forkserver.ensure_running()
        atexit.register(_stop_all)
        _started = True


def isolated(function: Callable[..., T], *args: Any,
             progress: Callable[[int, int], None] | None = None, **kwargs: Any) -> T:
    """function(*args, **kwargs) in a process of its own forked from the fork server, its
    result returned and its exception raised here. `progress`, when given, is passed on to
    function as its `progress` and called here with what it reports. `function` and its
    arguments are pickled: a module's function, and data."""
    if not in_processes():
        return function(*args, **kwargs, **({"progress": progress} if progress else {}))
    start()
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    reader, writer = context.Pipe(duplex=False)
    call = functools.partial(function, *args, **kwargs)
    child = context.Process(target=_call, args=(writer, call, current_language(),
                                                progress is not None),
                            name=f"grantgen-{getattr(function, '__name__', 'call')}")
    child.start()
    writer.close()
    _running.add(child)
    data = None
    try:
        while data is None:
            try:
                message = reader.recv_bytes()
            except EOFError:  # killed, out of memory: it sent no outcome
                raise stopped(child) from None
            if message[:1] == _PROGRESS and progress is not None:
                progress(*pickle.loads(message[1:]))
            elif message[:1] == _OUTCOME:
                data = message[1:]
    finally:
        reader.close()
        if data is None:
            child.terminate()
        child.join()
        _running.discard(child)
    return result(data)


def _call(writer: Any, call: Callable[..., Any], language: str, reports: bool) -> None:
    """The call's process: its progress and outcome, pickled to `writer`."""
    # Ctrl-C stops the server, which stops this process (_stop_all): the call does not see it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_language(language)

    def report(done: int, total: int) -> None:
        writer.send_bytes(_PROGRESS + pickle.dumps((done, total)))

    if reports:
        call = functools.partial(call, progress=report)
    writer.send_bytes(_OUTCOME + outcome(call, False))
    writer.close()


def _stop_all() -> None:
    """This process is ending: the calls still running are stopped (a build that has not
    written leaves the output folder as it was)."""
    for child in list(_running):
        child.terminate()
        child.join(timeout=5)
