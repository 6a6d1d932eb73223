"""Work that changes the output folder, one piece at a time: a build in the background (with
its progress for the page to show) and the board's decisions, which wait for nothing else.

The build runs in a process of its own (grantgen/pipeline/isolation.py), as a build forks
and this process runs the page's threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from grantgen.core.errors import GrantgenError, InputError, Problem
from grantgen.core.workspace import Workspace
from grantgen.pipeline.build import BuildResult, build
from grantgen.pipeline.isolation import isolated


@dataclass
class BuildState:
    running: bool = False
    done: int = 0
    total: int = 0
    result: BuildResult | None = None
    problems: list[Problem] = field(default_factory=list)
    message: str = ""
    #: how many builds this server started
    number: int = 0


class Jobs:
    def __init__(self, workspace: Workspace, out: Path):
        self.workspace = workspace
        self.out = out
        self.state = BuildState()
        #: held while anything writes the output folder: a build, or a decision (app.py)
        self.writing = threading.Lock()

    def start_build(self) -> bool:
        """Start a build in the background; False when one is running already."""
        if not self.writing.acquire(blocking=False):
            return False
        self.state = BuildState(running=True, number=self.state.number + 1)
        thread = threading.Thread(target=self._build, name="grantgen-build", daemon=True)
        thread.start()
        return True

    def _progress(self, done: int, total: int) -> None:
        self.state.done, self.state.total = done, total

    def _build(self) -> None:
        state = self.state
        try:
            state.result = isolated(build, self.workspace, self.out, progress=self._progress)
        except InputError as e:
            state.problems = list(e.problems.errors)
        except GrantgenError as e:
            state.message = str(e)
        except Exception as e:  # a bug of ours: say so on the page rather than hang
            state.message = f"{type(e).__name__}: {e}"
        finally:
            state.running = False
            self.writing.release()
