"""What must never reach a document, read from a workspace independently of grantgen, and a
scan of every file a build wrote for it.

The suite's `cli` fixture scans the output of every successful build, so every workspace
any test builds is checked: no participant pseudonym (visits, participant_profiles) and no
story without consent (its quote or title) in any text of any document.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

_YES = {"yes", "ja", "y", "j", "true", "waar", "1"}


def _read_table(facts: Path, name: str) -> pd.DataFrame | None:
    """A fact table as text, from its CSV (any separator, UTF-8 or Windows-1252) or the
    workbook's sheet; None when the workspace does not have it."""
    path = facts / f"{name}.csv"
    if path.is_file():
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        header = text.split("\n", 1)[0]
        sep = ";" if header.count(";") > header.count(",") else ","
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    elif (facts / "facts.xlsx").is_file():
        sheets = pd.read_excel(facts / "facts.xlsx", sheet_name=None, dtype=str)
        sheet = next((s for n, s in sheets.items() if n.strip().lower() == name), None)
        if sheet is None:
            return None
        frame = sheet.fillna("")
    else:
        return None
    frame.columns = [str(c).replace("\ufeff", "").strip().lower() for c in frame.columns]
    return frame.map(lambda v: str(v).strip())


@dataclass
class Secrets:
    """The words and passages of one workspace that no document may contain."""

    pseudonyms: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, workspace: Path) -> Secrets:
        secrets = cls()
        facts = workspace / "facts"
        for table in ("visits", "participant_profiles"):
            frame = _read_table(facts, table)
            if frame is not None and "participant_id" in frame:
                secrets.pseudonyms |= {p for p in frame["participant_id"]
                                       if p and not p.isdigit()}
        stories = _read_table(facts, "stories")
        if stories is not None and {"quote", "consent"} <= set(stories.columns):
            agreed = stories["consent"].str.lower().isin(_YES)
            public_titles = set(stories.loc[agreed, "title"]) if "title" in stories else set()
            for _i, row in stories[~agreed].iterrows():
                secrets.stories.add(" ".join(row["quote"].split()))
                title = " ".join(str(row.get("title", "")).split())
                if len(title) >= 8 and title not in public_titles:
                    secrets.stories.add(title)
        secrets.stories.discard("")
        return secrets

    def leaks(self, text: str) -> list[str]:
        flat = " ".join(text.split())
        found = []
        if self.pseudonyms:
            names = "|".join(re.escape(p) for p in sorted(self.pseudonyms, key=len, reverse=True))
            found = sorted(set(re.findall(rf"(?<![\w-])(?:{names})(?![\w-])", flat)))
        return found + sorted(s for s in self.stories if s in flat)


def file_text(path: Path) -> str:
    """Every piece of text in a file a build wrote: for a Word (or other Office) file, the
    text of every XML part (body, headers, footers, notes, comments, properties)."""
    data = path.read_bytes()
    if data[:2] == b"PK":
        texts = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    xml = archive.read(name).decode("utf-8", errors="replace")
                    # runs of one paragraph join without a space (Word splits words over
                    # runs); paragraphs, cells, tabs and breaks part words
                    xml = re.sub(r"</w:p>|</w:tc>|<w:tab/>|<w:br/>|<w:cr/>", "\n", xml)
                    xml = re.sub(r"</?w:[^>]*>", "", xml)
                    texts.append(html.unescape(re.sub(r"<[^>]+>", " ", xml)))
        return "\n".join(texts)
    return data.decode("utf-8", errors="replace")


def scan_output(workspace: Path, out: Path) -> tuple[int, list[str]]:
    """(files scanned, leaks found) for every file of a build's output folder."""
    secrets = Secrets.of(workspace)
    found = []
    files = [p for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")]
    for path in files:
        for leak in secrets.leaks(file_text(path)):
            found.append(f"{path.relative_to(out)}: {leak[:80]}")
    return len(files), found
