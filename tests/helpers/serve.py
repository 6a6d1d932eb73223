"""`grantgen serve` started as a user starts it: a process of its own, its address read from
what it prints, stopped with Ctrl-C (SIGINT)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

URL = re.compile(r"http://(?P<host>[0-9.]+):(?P<port>\d+)/\?token=(?P<token>[A-Za-z0-9_-]+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    port: int
    token: str
    #: every line the server printed before its address
    printed: list[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self, timeout: float = 20) -> tuple[int, str]:
        """Ctrl-C, as a user stops it: (exit status, what it printed after the address)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, _err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _err = self.process.communicate()
            return -1, out
        return self.process.returncode, out


def serve(workspace: Path, *options: str, env: dict | None = None,
          timeout: float = 60) -> Served:
    """Start `grantgen serve --workspace W --no-browser` (on a free --port unless given)."""
    args = [sys.executable, "-m", "grantgen", "serve", "--workspace", str(workspace),
            "--no-browser", *options]
    if "--port" not in options:
        args += ["--port", str(free_port())]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, **(env or {})})
    printed: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        printed.append(line)
        found = URL.search(line)
        if found:
            return Served(process, found.group(0), int(found.group("port")),
                          found.group("token"), printed)
    process.kill()
    raise AssertionError("grantgen serve printed no address:\n" + "".join(printed))


def manifest(out: Path) -> dict:
    return {e["path"]: e for e in
            json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]}


def decisions(out: Path) -> list[dict]:
    log = out / "decisions.jsonl"
    if not log.is_file():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
