"""The article's reading text read straight from its MyST source, without a Sphinx build.

The checker (``make check``) needs the words readers see, fast. This walks the markdown-it tokens
of ``docs/article.md`` the same way the build's doctree walk does (``reading_text.words_of``):
role text as displayed, footnote markers and editorial marks left out. A test keeps the two
walks in agreement on the real article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser

from reading_edition.text.anchoring import ReadingIndex
from reading_edition.text.inline_notes import add_inline_notes

_ROLE_TARGET = re.compile(r"\s*<[^<>]*>\s*$")
_FENCE_NAME = re.compile(r"^\{([\w-]+)\}\s*(.*)$")
_OPTION = re.compile(r"^:[\w-]+:")


@dataclass(frozen=True)
class ReadingText:
    """The headline and the numbered paragraphs (¶ 1 is ``paragraphs[0]``).

    ``blocks`` is every block of the article's words in reading order, subheadings (rubrics)
    included: what the fidelity check compares with the witness. Subheadings are not numbered
    paragraphs, so they are left out of ``paragraphs``.
    """

    headline: str
    paragraphs: list[str]
    witness: str | None = None
    #: The texts of the footnotes in the reading text (the edition's words, not the article's).
    notes: tuple[str, ...] = ()
    blocks: list[str] = field(default_factory=list)
    #: The line of the ``{reading-text}`` directive (where the build reports the witness).
    line: int = 0


@cache
def parser() -> MarkdownIt:
    """The MyST markdown-it parser as the edition configures it (plus inline footnotes)."""
    md = create_md_parser(
        MdParserConfig(enable_extensions={"colon_fence", "deflist"}), DocutilsRenderer
    )
    add_inline_notes(md)
    return md


@cache
def _permissive_parser() -> MarkdownIt:
    """The same parser, keeping every link it would drop as unsafe (to find them)."""
    md = create_md_parser(
        MdParserConfig(enable_extensions={"colon_fence", "deflist"}), DocutilsRenderer
    )
    add_inline_notes(md)
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def permissive_tokens(text: str) -> tuple[Token, ...]:
    """The tokens of a MyST text with unsafe links kept as links (``javascript:`` and so on),
    so that the body rules can refuse what markdown-it would publish as literal text."""
    return tuple(_permissive_parser().parse(text))


@lru_cache(maxsize=256)
def tokens_of(text: str) -> tuple[Token, ...]:
    """The tokens of a MyST text, parsed once: the source lint and the body rules read the same
    tokens of the same body one after the other (neither changes them)."""
    return tuple(parser().parse(text))


def inline_words(token: Token) -> str:
    """The displayed words of an inline token, without footnote marks or editorial marks."""
    parts = []
    for child in token.children or ():
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif child.type == "myst_role":
            content = child.content
            if child.meta.get("name") in {"term", "ref", "doc", "numref", "abbr"}:
                content = _ROLE_TARGET.sub("", content) or content
            parts.append(content)
    return "".join(parts)


def _walk(
    tokens: list[Token],
    paragraphs: list[str],
    env: dict,
    notes: list[str] | None = None,
    blocks: list[str] | None = None,
) -> None:
    depth_in_note = 0
    for i, token in enumerate(tokens):
        if token.type == "footnote_reference_open":
            depth_in_note += 1
        elif token.type == "footnote_reference_close":
            depth_in_note -= 1
        elif depth_in_note:
            if token.type == "inline" and notes is not None:
                notes.append(inline_words(token))
            continue
        elif token.type == "paragraph_open" and token.level == 0:
            paragraphs.append(inline_words(tokens[i + 1]))
            if blocks is not None:
                blocks.append(paragraphs[-1])
        elif token.type == "colon_fence":
            match = _FENCE_NAME.match(token.info.strip())
            if match and match.group(1) in {"standfirst", "reading-text"}:
                _walk(parser().parse(token.content, env), paragraphs, env, notes, blocks)
            elif match and match.group(1) == "rubric" and blocks is not None:
                heading: list[str] = []
                _walk(parser().parse(match.group(2), env), heading, env)
                blocks.extend(heading)


def read_article(path: Path) -> ReadingText:
    """Parse the article source and return its reading text."""
    text = path.read_text(encoding="utf-8")
    env: dict = {}
    tokens = parser().parse(text, env)
    headline = ""
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and not headline:
            headline = inline_words(tokens[i + 1])
        if token.type == "colon_fence":
            match = _FENCE_NAME.match(token.info.strip())
            if match and match.group(1) == "reading-text":
                paragraphs: list[str] = []
                notes: list[str] = []
                blocks: list[str] = []
                _walk(parser().parse(token.content, env), paragraphs, env, notes, blocks)
                witness = match.group(2).strip() or None
                line = token.map[0] + 1 if token.map else 0
                return ReadingText(headline, paragraphs, witness, tuple(notes), blocks, line)
    return ReadingText(headline, [])


def residue_records(path: Path) -> list[dict]:
    """The removal records of the article's ``{removed-residue}`` block."""
    import yaml

    for token in parser().parse(path.read_text(encoding="utf-8"), {}):
        if token.type == "colon_fence" and token.info.strip() == "{removed-residue}":
            # Leading ":option:" lines are the directive's options, not records.
            lines = token.content.splitlines()
            while lines and _OPTION.match(lines[0]):
                lines.pop(0)
            records = yaml.safe_load("\n".join(lines)) or []
            return records if isinstance(records, list) else []
    return []


def reading_index(path: Path) -> ReadingIndex:
    """The anchoring index of the article at ``path``: its paragraphs, and its footnotes' texts
    (so a quote that takes words from a footnote is told so)."""
    article = read_article(path)
    return ReadingIndex(article.paragraphs, list(article.notes))
