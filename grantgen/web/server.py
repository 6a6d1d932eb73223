"""`grantgen serve`: the board's web page on this computer, until Ctrl-C.

The server listens on 127.0.0.1 (or the address given with --host) on the port asked for,
or on a free one; its address, with the run's access token, is for the command line to show.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from grantgen.core.workspace import Workspace
from grantgen.pipeline.isolation import start as start_isolation
from grantgen.web.app import Board
from grantgen.web.security import Keys

LOCAL = "127.0.0.1"


@dataclass
class Server:
    board: Board
    sock: socket.socket

    @property
    def url(self) -> str:
        """The address to open, token included: the only way in."""
        host = self.board.keys.host
        shown = LOCAL if host in ("0.0.0.0", "::", LOCAL) else host
        if ":" in shown:
            shown = f"[{shown}]"
        return f"http://{shown}:{self.board.keys.port}/?token={self.board.keys.token}"

    @property
    def local(self) -> bool:
        return self.board.keys.host == LOCAL

    def run(self) -> None:
        """Serve until Ctrl-C (or SIGTERM), then stop cleanly."""
        # builds, checks and decisions run in processes forked from one started afresh
        # (grantgen/pipeline/isolation.py): started now, while this process runs no threads
        start_isolation(("grantgen.web.views",))  # what they run: the pages' views, and all below
        # the overview runs check, which takes seconds: start on it before the first visit
        threading.Thread(target=self.board.views.warm, name="grantgen-warm", daemon=True).start()
        config = uvicorn.Config(self.board.application(), log_level="warning",
                                access_log=False, lifespan="off", server_header=False)
        uvicorn.Server(config).run(sockets=[self.sock])

    def close(self) -> None:
        self.sock.close()


def open_server(workspace: Workspace, out: Path | None = None, host: str = LOCAL,
                port: int = 0) -> Server:
    """Bind the server's socket (port 0: a free one) and make its application; OSError
    when the port is taken or the address is not this computer's."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    keys = Keys(port=sock.getsockname()[1], host=host)
    out = Path(out) if out is not None else workspace.default_output
    return Server(Board(workspace, out, keys), sock)
