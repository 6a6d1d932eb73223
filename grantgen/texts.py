"""The content library: the organisation's narrative text blocks in texts/<block>.md."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problems
from .i18n import _
from .workspace import Workspace

#: what a document shows where a text block is missing (document text, in its language)
_PLACEHOLDERS = {
    "nl": "[Tekstblok '{name}' ontbreekt: schrijf texts/{name}.md]",
    "en": "[Text block '{name}' is missing: write texts/{name}.md]",
}


@dataclass(frozen=True)
class Text:
    """A text for one place in a document: its Markdown body, or a visible placeholder."""

    block: str
    body: str
    file: str = ""
    missing: bool = False

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.body.split("\n\n") if p.strip()]

    def __str__(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class TextBlock:
    block: str
    file: str
    body: str

    @property
    def unwritten(self) -> bool:
        """Only a writing hint in square brackets, as `grantgen init` leaves every text."""
        paragraphs = [p.strip() for p in self.body.split("\n\n") if p.strip()]
        return bool(paragraphs) and all(p.startswith("[") and p.endswith("]")
                                        for p in paragraphs)


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            return text[end + 4:].lstrip("\n")
    return text


def load_blocks(workspace: Workspace, problems: Problems) -> dict[str, TextBlock]:
    folder: Path = workspace.texts_dir
    blocks: dict[str, TextBlock] = {}
    if not folder.is_dir():
        return blocks
    for path in sorted(folder.glob("*.md")):
        file = workspace.relative(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.add(file, _("is not UTF-8 text."), hint=_("Save it as UTF-8."))
            continue
        block = TextBlock(path.stem, file, _strip_front_matter(text))
        if block.unwritten:
            problems.warn(file, _("holds only the writing hint between [ and ]; the documents "
                                  "show it in italics."),
                          hint=_("Replace it with your own text, or delete the file if no "
                                 "document needs it."))
        blocks[path.stem] = block
    return blocks


class TextLibrary(dict):
    """The `texts` of a template context: a missing block gives a visible placeholder and
    is remembered, so the build can warn about it instead of failing."""

    def __init__(self, blocks: dict[str, TextBlock], language: str):
        super().__init__()
        self.blocks = blocks
        self.language = language
        self.missing: set[str] = set()
        for name, block in blocks.items():
            self[name] = Text(name, block.body, block.file, missing=block.unwritten)

    def __missing__(self, name: str) -> Text:
        self.missing.add(name)
        placeholder = _PLACEHOLDERS.get(self.language, _PLACEHOLDERS["nl"])
        return Text(name, placeholder.format(name=name), f"texts/{name}.md", missing=True)
