"""How long each stage of a build takes: load, validate, figures, context, render, write.

`build()` and the steps it calls mark their stages with `stage(name)`; nothing is kept
unless someone records, as the benchmark does:

    with recording() as stages:
        build(workspace)
    stages  # {'load': 0.41, 'validate': 0.12, ...} in seconds

Stages done in worker processes (rendering many documents at once) come back with their
results and are added up: their sum is work done, which may exceed the wall time the build
spent on them. `stage` nests: time spent in an inner stage is not counted in the outer one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: the stages of a build, in order
STAGES = ("load", "validate", "figures", "context", "render", "write")

_recorded: ContextVar[dict[str, float] | None] = ContextVar("grantgen_stages", default=None)
#: the stage running now, so that an inner stage can pause the outer one
_running: ContextVar[list[tuple[str, float]] | None] = ContextVar("grantgen_stage_stack",
                                                                 default=None)


@contextmanager
def recording() -> Iterator[dict[str, float]]:
    """Record the stages of whatever runs inside; yields the dict that fills up."""
    stages: dict[str, float] = {}
    token = _recorded.set(stages)
    stack = _running.set([])
    try:
        yield stages
    finally:
        _running.reset(stack)
        _recorded.reset(token)


def is_recording() -> bool:
    return _recorded.get() is not None


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the time spent inside towards stage `name` (when someone records)."""
    stages = _recorded.get()
    if stages is None:
        yield
        return
    stack = _running.get()
    assert stack is not None  # recording() sets both context variables
    now = time.perf_counter()
    if stack:  # pause the outer stage
        outer, since = stack[-1]
        stages[outer] = stages.get(outer, 0.0) + now - since
    stack.append((name, now))
    try:
        yield
    finally:
        now = time.perf_counter()
        _name, since = stack.pop()
        stages[name] = stages.get(name, 0.0) + now - since
        if stack:  # resume the outer stage
            stack[-1] = (stack[-1][0], now)


def add(times: dict[str, float]) -> None:
    """Add stage times measured elsewhere (in a worker process) to the recording."""
    stages = _recorded.get()
    if stages is None:
        return
    for name, seconds in times.items():
        stages[name] = stages.get(name, 0.0) + seconds
