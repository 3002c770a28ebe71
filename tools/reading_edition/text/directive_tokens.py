"""A directive as MyST reads it from its fence token, for the body rules: its name, its
options with their lines (``:key: value`` lines or a YAML block, through MyST's own option
tokenizer), whether it stops before its work (the build then says nothing of its body), whether
its body is empty; and every token of a body with its file line, directive bodies included, as
MyST parses them again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from textwrap import dedent
from typing import NamedTuple

from markdown_it.token import Token
from myst_parser.parsers.directives import is_option_line
from myst_parser.parsers.options import TokenizeError, options_to_tokens

from reading_edition.text.markup import (
    ARGUMENT_COUNTS,
    DIRECTIVE_OPTIONS,
    argument_count_problem,
    argument_problem,
    run_problem,
)
from reading_edition.text.reading_source import tokens_of
from reading_edition.text.source_lint import LITERAL_DIRECTIVES, directive_body

DIRECTIVE = re.compile(r"^\{([\w:-]+)\}")


def tokens_with_lines(
    text: str, offset: int, parse: Callable[[str], tuple[Token, ...]] = tokens_of
) -> Iterator[tuple[Token, int]]:
    """Every token of ``text`` (inline children included) with the file line MyST gives its
    node; directive bodies are parsed again, as MyST does."""
    for token in parse(text):
        line = offset + (token.map[0] if token.map else 0) + 1
        yield token, line
        yield from _children(token, line)
        if token.type in {"fence", "colon_fence"} and token.map:
            name = DIRECTIVE.match(token.info.strip())
            # Not into a literal block, nor into a directive the build does not run (refused,
            # not one an annotation may use, or stopped by a value it refuses): none parses its
            # body.
            if (token.type == "colon_fence" or name) and not (
                (
                    name
                    and (
                        name.group(1) in LITERAL_DIRECTIVES | {"csv-table"}
                        or name.group(1) not in DIRECTIVE_OPTIONS
                    )
                )
                or stopped(token)  # the build parses nothing in it
            ):
                body, skipped = directive_body(token.content)
                yield from tokens_with_lines(body, offset + token.map[0] + 1 + skipped, parse)


def _children(token: Token, line: int) -> Iterator[tuple[Token, int]]:
    """Inline tokens at every depth (an inline footnote's words are children of its inline
    token), at the line of their block."""
    for child in token.children or ():
        yield child, line
        yield from _children(child, line)


class Option(NamedTuple):
    """A directive option as MyST reads it: its key and its value as written ("" if none)."""

    key: str
    value: str


def _option_block(token: Token) -> tuple[str, int] | None:
    """A directive's options as MyST tokenizes them (``:key: value`` lines, their colons
    dropped, or a YAML block between ``---`` lines), with the offset of their first line from
    the directive's line; None if it has none."""
    lines = token.content.split("\n")
    if token.content.startswith("---"):
        closing = next((i for i in range(1, len(lines)) if lines[i].startswith("---")), None)
        return dedent("\n".join(lines[1:closing])), 2  # the first option is two lines below
    if token.content.lstrip().startswith(":"):
        count = next((i for i, text in enumerate(lines) if not is_option_line(text)), len(lines))
        return dedent("\n".join(text.lstrip()[1:] for text in lines[:count])), 1
    return None


def option_lines(token: Token) -> Iterator[tuple[int, Option]]:
    """A directive's options, each with the offset of its line from the directive's line,
    read as MyST reads them (``myst_parser.parsers.directives``): ``:key: value`` lines, or a
    YAML block between ``---`` lines, through MyST's own option tokenizer. Options it cannot
    read give none (:func:`option_format_problem` says why)."""
    found = _option_block(token)
    if found is None:
        return
    block, first = found
    try:
        pairs, _state = options_to_tokens(block)
    except TokenizeError:
        return
    for key, value in pairs:
        yield first + key.start.line, Option(key.value, value.value if value else "")


def option_format_problem(token: Token) -> tuple[int, str] | None:
    """Options MyST's tokenizer cannot read (an unclosed quote), as MyST says it: the offset of
    the line from the directive's, and the message without the directive's name."""
    found = _option_block(token)
    if found is None:
        return None
    block, first = found
    try:
        options_to_tokens(block)
    except TokenizeError as error:
        return first + error.problem_mark.line, f"Invalid options format: {error.problem}"
    return None


def stopped(token: Token) -> bool:
    """The directive stops with an error before its work (a refused argument, an image's
    vertical ``align``): the build says nothing else of it, of its image file or its body."""
    match = DIRECTIVE.match(token.info.strip()) if token.type.endswith("fence") else None
    if match is None:
        return False
    name, first_line = match.group(1), token.info.strip()[match.end() :]
    return bool(
        argument_count_problem(name, first_line) or argument_problem(name, first_line)
    ) or any(run_problem(name, option.key, option.value) for _, option in option_lines(token))


def empty_body(token: Token, name: str, first_line: str) -> bool:
    """The directive's body is empty as MyST hands it over: no line after the options (one
    blank line after them is dropped), and no first line taken as body (a directive without
    arguments reads its first line as the body's)."""
    if first_line.strip() and ARGUMENT_COUNTS.get(name, (0, 0, False))[:2] == (0, 0):
        return False
    if name == "csv-table" and any(o.key in {"file", "url"} for _, o in option_lines(token)):
        return False  # refused for the option first, and only for it (sphinxext/security.py)
    body = directive_body(token.content)[0] if DIRECTIVE_OPTIONS.get(name) else token.content
    lines = body.splitlines()
    if lines and not lines[0].strip():
        lines = lines[1:]
    return not lines


def directive_name(token: Token) -> str | None:
    """The directive a fence token writes, or None (a code block, a plain colon fence)."""
    match = DIRECTIVE.match(token.info.strip()) if token.type.endswith("fence") else None
    return match.group(1) if match else None


def option_names(token: Token) -> set[str]:
    return {option.key for _, option in option_lines(token)}
