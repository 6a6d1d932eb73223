"""The board's decisions: an append-only log of approvals and withdrawals in the output folder.

`output/decisions.jsonl` holds one JSON object a line, oldest first:
who decided, when, about which file (its path, version and sha256), the decision's id (the
documents approved together share it), the meeting and the reason given. Lines are only ever
added: a withdrawal is a new line, never an edit of the approval. The log is published
together with the manifest (grantgen/output/publish.py), so a decision and its record
appear at the same moment; it is not a document and is not listed in the manifest.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from grantgen.core.errors import OutputError
from grantgen.core.i18n import _

DECISIONS = "decisions.jsonl"

APPROVE = "approve"
WITHDRAW = "withdraw"


@dataclass
class Record:
    """One line of the log: one document in one decision."""

    decision: str  # APPROVE or WITHDRAW
    decision_id: str
    at: str
    by: str
    role: str | None
    path: str
    key: str
    version: int
    sha256: str
    title: str = ""
    meeting: str | None = None
    reason: str | None = None
    #: the errors check found in the document when it was approved
    errors: int = 0

    @classmethod
    def from_dict(cls, data: dict) -> Record:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def read_log_bytes(out: Path) -> bytes:
    path = out / DECISIONS
    try:
        return path.read_bytes() if path.is_file() else b""
    except OSError as e:
        raise OutputError(_("{path}: cannot read the log of decisions ({error}).")
                          .format(path=path, error=e.strerror or e)) from e


def read_log(out: Path) -> list[Record]:
    """Every decision in the log, oldest first."""
    records = []
    for number, line in enumerate(read_log_bytes(out).decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(Record.from_dict(json.loads(line)))
        except (ValueError, TypeError) as e:
            raise OutputError(_(
                "{path}, line {line}: this line of the log of decisions cannot be read "
                "({error}). The log must not be edited by hand; put back the line as it "
                "was.").format(path=out / DECISIONS, line=number, error=e)) from e
    return records


def appended(out: Path, records: list[Record]) -> bytes:
    """The log with `records` added at its end: the bytes to publish as DECISIONS."""
    before = read_log_bytes(out)
    if before and not before.endswith(b"\n"):
        before += b"\n"
    lines = b"".join(json.dumps(asdict(r), ensure_ascii=False).encode("utf-8") + b"\n"
                     for r in records)
    return before + lines


def records_of(records: list[Record], key: str) -> list[Record]:
    """The decisions about one document (all its versions), oldest first."""
    return [r for r in records if r.key == key]
