"""The content library: the organisation's narrative text blocks in texts/, one file per version.

A block has one Markdown file per version and language, named
`<block>[.<variant>][.<language>].md`: `samenvatting.md` (the main version),
`samenvatting.kort.md` (a shorter one), `samenvatting.en.md` (English). Each file may open
with a header (front matter) between two `---` lines: title, owner, reviewed, language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from grantgen.core.dates import Date
from grantgen.core.errors import Problems
from grantgen.core.i18n import _
from grantgen.core.workspace import Workspace
from grantgen.core.yamlfile import parse_yaml, report_validation

#: the languages a text can be written in (a file name may end in .<language>.md)
LANGUAGES = ("nl", "en")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
#: files in texts/ that are not text blocks
_IGNORED = ("readme.md",)


class FrontMatter(BaseModel):
    """The header of a text file."""

    model_config = ConfigDict(extra="forbid")

    #: what the block is about, for people
    title: str | None = None
    #: who keeps it up to date
    owner: str | None = None
    #: the date someone last read it through and found it correct
    reviewed: Date | None = None
    #: the language it is written in (default: from the file name, else the workspace's)
    language: Literal["nl", "en"] | None = None



@dataclass(frozen=True)
class TextFile:
    """One version of a text block: its Markdown source and its header."""

    block: str
    #: None for the main version, else the name between the dots (`kort` in samenvatting.kort.md)
    variant: str | None
    language: str
    file: str
    #: the Markdown after the header, with placeholders not yet filled in
    body: str
    #: the line of the file on which `body` starts
    first_line: int = 1
    title: str | None = None
    owner: str | None = None
    reviewed: dt.date | None = None
    reviewed_line: int | None = None
    has_header: bool = False


@dataclass
class TextBlock:
    """Every version of one block, in every language."""

    name: str
    files: list[TextFile] = field(default_factory=list)

    def versions(self, language: str) -> list[TextFile]:
        return [f for f in self.files if f.language == language]

    @property
    def languages(self) -> list[str]:
        return sorted({f.language for f in self.files})


class Blocks(dict):
    """The content library of a workspace: {block name: TextBlock}, and the language of files
    that do not say theirs."""

    def __init__(self, language: str = "nl"):
        super().__init__()
        self.language = language

    def suggested_file(self, block: str, language: str, variant: str | None = None) -> str:
        """The file a missing version should be written to: texts/samenvatting.kort.en.md"""
        parts = [block] + ([variant] if variant else [])
        if language != self.language:
            parts.append(language)
        return "texts/" + ".".join(parts) + ".md"


@dataclass(frozen=True)
class Text:
    """A text for one place in a document: Markdown with its placeholders filled in, or a
    visible placeholder where the block is missing."""

    block: str
    body: str
    file: str = ""
    missing: bool = False
    words: int = 0
    variant: str | None = None

    def __str__(self) -> str:
        return self.body


def _split_name(stem: str) -> tuple[str, str | None, str | None] | None:
    """(block, variant, language) of a file name without .md, or None when it is not valid."""
    parts = stem.split(".")
    language = parts.pop() if len(parts) > 1 and parts[-1] in LANGUAGES else None
    if not 1 <= len(parts) <= 2 or not all(_NAME.fullmatch(p) for p in parts):
        return None
    return parts[0], (parts[1] if len(parts) == 2 else None), language


def _decode(data: bytes) -> str | None:
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return None


def _header(text: str, file: str, problems: Problems) -> tuple[dict, dict, str, int] | None:
    """(header data, its line map, the body, the body's first line); None after a problem."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, {}, text, 1
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        problems.add(file, _("the header that starts on line 1 has no closing line '---'."),
                     line=1, hint=_("End the header with a line holding only ---, then write "
                                    "the text below it."))
        return None
    before = len(problems.errors)
    data, line_map = parse_yaml("\n".join(lines[1:end]), file, problems, first_line=2)
    if len(problems.errors) > before:
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.add(file, _("the header must hold 'key: value' lines, such as "
                             "'reviewed: 2018-11-30'."), line=2)
        return None
    return data, line_map, "\n".join(lines[end + 1:]), end + 2


def load_text(path, file: str, default_language: str, problems: Problems) -> TextFile | None:
    """One text file, checked; None after reporting what is wrong with it."""
    name = _split_name(path.name[:-3])
    if name is None:
        problems.add(file, _("'{name}' is not a valid name for a text file.").format(
            name=path.name), hint=_(
            "Name it <block>.md, <block>.<version>.md or <block>.<version>.en.md, in lowercase "
            "letters, digits, '-' and '_', for example samenvatting.kort.md."))
        return None
    block, variant, name_language = name
    text = _decode(path.read_bytes())
    if text is None:
        problems.add(file, _("is not a text file."), hint=_("Save it as UTF-8 text."))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = _header(text, file, problems)
    if found is None:
        return None
    data, lines, body, first_line = found
    try:
        header = FrontMatter.model_validate(data)
    except ValidationError as e:
        report_validation(e, FrontMatter, file, lines, problems)
        return None
    language = name_language or header.language or default_language
    if name_language and header.language and header.language != name_language:
        problems.add(file, _("the header says 'language: {header}', but the file name says "
                             "'{name}'.").format(header=header.language, name=name_language),
                     line=lines.get(("language",)),
                     hint=_("Correct the header, or rename the file."))
        return None
    return TextFile(block, variant, language, file, body, first_line, header.title,
                    header.owner, header.reviewed, lines.get(("reviewed",)), bool(lines))


def _describe(text: TextFile) -> str:
    if text.variant is None:
        return _("the main version")
    return _("the version '{variant}'").format(variant=text.variant)


def load_blocks(workspace: Workspace, problems: Problems, language: str = "nl") -> Blocks:
    """Every text file in texts/, grouped by block; files that are not right become problems.

    `language` is the language of files whose name and header do not say theirs.
    """
    blocks = Blocks(language)
    folder = workspace.texts_dir
    if not folder.is_dir():
        return blocks
    seen: dict[tuple, str] = {}
    for path in sorted(folder.iterdir()):
        if (not path.is_file() or path.suffix.lower() != ".md"
                or path.name.startswith((".", "~$")) or path.name.lower() in _IGNORED):
            continue
        file = workspace.relative(path)
        if path.suffix != ".md":
            problems.add(file, _("ends in '{suffix}'; text files end in '.md'.").format(
                suffix=path.suffix), hint=_("Rename it to {name}.").format(
                name=path.stem + ".md"))
            continue
        text = load_text(path, file, language, problems)
        if text is None:
            continue
        key = (text.block, text.variant, text.language)
        if key in seen:
            problems.add(file, _("is a second text for {version} of the block '{block}' in the "
                                 "same language, besides {other}.").format(
                version=_describe(text), block=text.block, other=seen[key]),
                hint=_("Keep one of them, or give this one another version name."))
            continue
        seen[key] = file
        blocks.setdefault(text.block, TextBlock(text.block)).files.append(text)
    return blocks
