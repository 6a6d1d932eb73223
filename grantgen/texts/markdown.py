"""Markdown as text: parsing, escaping, the reader's plain text and word counts (writing
Markdown into Word is grantgen/word/markdown.py)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: characters that would start Markdown formatting inside a line; a value printed into a
#: text block gets them escaped so that it shows as itself. (&, <, > and quotes are escaped
#: as HTML entities by the template environment, which the parser decodes.)
_MARKDOWN_SPECIALS = frozenset("\\`*_[]")


@cache
def parser() -> MarkdownIt:
    """CommonMark without raw HTML: a '<b>' typed in a text shows as typed."""
    return MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=256)
def _parsed(markdown: str) -> tuple[Token, ...]:
    return tuple(parser().parse(markdown))


def parse(markdown: str) -> tuple[Token, ...]:
    """The tokens of `markdown` (read-only: a text is parsed once for its word count and
    once more for Word would be twice the work)."""
    return _parsed(markdown)


def escape(text: str) -> str:
    """`text` with the characters that start inline Markdown formatting backslash-escaped."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in text)


def plain_text(markdown: str) -> str:
    """What a reader reads: the text of every paragraph, heading and list item."""
    parts: list[str] = []
    for token in parse(markdown):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline", "image"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            parts.append("\n")
        elif token.type in ("code_block", "fence"):
            parts.append(token.content)
    return "".join(parts)


def count_words(markdown: str) -> int:
    """Words as Word counts them: runs of characters between spaces, in the reader's text."""
    return len(plain_text(markdown).split())


def prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(line, text) for each piece of prose, with its 0-based line in `markdown`: the text of
    paragraphs, headings, list items and link labels; not link targets, code or images."""
    for token in parse(markdown):
        if token.type != "inline" or token.map is None:
            continue
        line = token.map[0]
        for child in token.children or []:  # an image's alt text is inside its own token
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "text":
                yield line, child.content
