"""Copies of the drafts a build replaced, so the board can see what changed since then.

A draft that is built again at the same path (version 1 before anything is approved, say)
is overwritten; when the new draft says something else, the old one is kept as
`<sha256>.docx` in a hidden folder beside the output folder (`.output.grantgen-history`
for `output/`), and the new draft's manifest entry names it (`previous`). Only the copies
some entry names are kept. They are grantgen's own working files: not documents, not in
the manifest, and never served as files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from grantgen.core.files import write_atomically
from grantgen.output.publish import Entry

_SHA = re.compile(r"^[0-9a-f]{64}$")


def history_folder(out: Path) -> Path:
    return out.parent / f".{out.name}.grantgen-history"


def copy_of(out: Path, sha256: str) -> Path | None:
    """The kept copy of the draft with this sha256, if there is one."""
    if not _SHA.match(sha256 or ""):
        return None
    path = history_folder(out) / f"{sha256}.docx"
    return path if path.is_file() else None


def keep(out: Path, copies: Mapping[str, bytes]) -> None:
    """Keep the drafts `copies` (sha256 -> bytes), before the output that replaces them is
    published (a build stopped in between leaves a copy that the next one tidies away)."""
    if not copies:
        return
    folder = history_folder(out)
    folder.mkdir(parents=True, exist_ok=True)
    for sha, data in copies.items():
        target = folder / f"{sha}.docx"
        if _SHA.match(sha) and not target.exists():
            write_atomically(target, data, prefix=f".{sha}.tmp-")


def tidy(out: Path, entries: list[Entry]) -> None:
    """Remove the copies no entry of the manifest names any more."""
    folder = history_folder(out)
    if not folder.is_dir():
        return
    wanted = {f"{e.previous['sha256']}.docx" for e in entries
              if isinstance(e.previous, dict) and e.previous.get("sha256")}
    for path in folder.iterdir():
        if path.name not in wanted:
            try:
                path.unlink()
            except OSError:
                pass
