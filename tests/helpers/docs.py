"""Test helpers for reading what users see: the text of a .docx, LibreOffice's location."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from docx import Document


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_text(path: Path | str) -> str:
    """All text a reader sees: body paragraphs and tables in order, headers and footers."""
    doc = Document(str(path))
    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(" ".join(
                                "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                                for p in cell.iter() if p.tag.endswith("}p")).strip())
                    lines.append(" | ".join(cells))
    for section in doc.sections:
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs)
    return "\n".join(lines)


def all_docx(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.docx"))


#: the golden texts of the example's documents
GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def assert_golden(output: Path, paths: list[str]) -> None:
    """The text of each document at `paths` in `output` is its golden text in tests/golden/
    (GRANTGEN_UPDATE_GOLDEN=1 rewrites them: read the diff before committing)."""
    for path in paths:
        text = docx_text(output / path)
        golden = GOLDEN / (path.replace("/", "__") + ".txt")
        if os.environ.get("GRANTGEN_UPDATE_GOLDEN"):
            golden.write_text(text + "\n", encoding="utf-8")
        assert text + "\n" == golden.read_text(encoding="utf-8"), (
            f"{path} differs from {golden.name}; rerun with GRANTGEN_UPDATE_GOLDEN=1 when the "
            "change is intended, and read the diff")
