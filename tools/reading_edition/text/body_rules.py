"""What an annotation body may contain: the refusals of the hardened build, made on the
markdown-it tokens MyST parses, so the checker gives the build's verdict without Sphinx.

The build refuses raw HTML, some directives, math, unsafe link schemes and remote images in
its doctree transforms (``sphinxext/security*.py``); the same rules, with the same messages from
:mod:`reading_edition.model.policy`, are applied here to the tokens those nodes are made from,
at the line MyST gives the node. The build calls :func:`body_findings` too, on every annotation
body, so a refusal is reported once, in one wording, whichever tool finds it. References are
checked as well: glossary terms (``{term}``), other documents (``{doc}`` and Markdown links to
``.md`` files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown_it.token import Token

from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.policy import (
    EVAL_RST_MESSAGE,
    REFUSED_DIRECTIVES,
    csv_option_message,
    is_remote,
    math_message,
    raw_message,
    refused_directive_message,
    refused_link,
    remote_image_message,
)
from reading_edition.text.reading_source import tokens_of
from reading_edition.text.source_lint import LITERAL_DIRECTIVES, directive_body

_DIRECTIVE = re.compile(r"^\{([\w:-]+)\}")
_OPTION = re.compile(r"^\s*:([\w-]+):\s*(.*)$")
_ROLE_TARGET = re.compile(r"<([^<>]*)>\s*$")
#: Directive options whose value is a link (sphinx-design's cards, buttons, badges).
_LINK_OPTIONS = frozenset({"link", "img-top", "img-bottom", "img-background"})


@dataclass(frozen=True)
class References:
    """What references in a body may point at; None skips that check (as in the build, where
    Sphinx resolves them)."""

    #: Glossary terms, case-folded.
    terms: frozenset[str] | None = None
    #: Whether a document (a docname relative to the source folder) exists.
    document_exists: Callable[[str], bool] | None = None
    #: The docname of the folder the body's file is in ("annotations").
    folder: str = "annotations"


def body_findings(text: str, path: str, references: References | None = None) -> list[LocatedError]:
    """Every refusal in a MyST body (``text``, padded so its lines are the file's lines)."""
    found: list[LocatedError] = []
    refs = references or References()
    for token, line in _tokens(text, 0):
        for message in _refusals(token):
            found.append(LocatedError(path, line, message))
        for message in _reference_problems(token, refs):
            found.append(LocatedError(path, line, message))
    return sorted(found, key=lambda e: e.line)


def _tokens(text: str, offset: int) -> Iterator[tuple[Token, int]]:
    """Every token of ``text`` (inline children included) with the file line MyST gives its
    node; directive bodies are parsed again, as MyST does."""
    for token in tokens_of(text):
        line = offset + (token.map[0] if token.map else 0) + 1
        yield token, line
        for child in token.children or ():
            yield child, line
        if token.type in {"fence", "colon_fence"} and token.map:
            name = _DIRECTIVE.match(token.info.strip())
            if (token.type == "colon_fence" or name) and not (
                name and name.group(1) in LITERAL_DIRECTIVES | {"csv-table"}
            ):
                body, skipped = directive_body(token.content)
                yield from _tokens(body, offset + token.map[0] + 1 + skipped)


def _refusals(token: Token) -> Iterator[str]:
    if token.type in {"html_block", "html_inline"}:
        yield raw_message("html", token.content)
    elif token.type == "myst_role" and token.meta.get("name") == "math":
        yield math_message(token.content)
    elif token.type == "link_open":
        problem = refused_link(str(token.attrs.get("href", "")))
        if problem:
            yield problem
    elif token.type == "image":
        src = str(token.attrs.get("src", ""))
        if is_remote(src):
            yield remote_image_message(src)
    elif token.type in {"fence", "colon_fence"}:
        yield from _directive_refusals(token)


def _directive_refusals(token: Token) -> Iterator[str]:
    match = _DIRECTIVE.match(token.info.strip())
    if match is None:
        return
    name = match.group(1)
    argument = token.info.strip()[match.end() :].strip()
    options = dict(
        (m.group(1), m.group(2).strip())
        for m in map(_OPTION.match, token.content.split("\n"))
        if m is not None
    )
    if name in REFUSED_DIRECTIVES:
        yield refused_directive_message(name)
    elif name == "eval-rst":
        yield EVAL_RST_MESSAGE
    elif name == "math":
        yield math_message(token.content)
    elif name == "csv-table":
        for option in ("file", "url"):
            if option in options:
                yield csv_option_message(option)
    elif name in {"image", "figure"} and is_remote(argument):
        yield remote_image_message(argument)
    for option, value in options.items():
        if option in _LINK_OPTIONS:
            problem = refused_link(value)
            if problem:
                yield problem


def _reference_problems(token: Token, refs: References) -> Iterator[str]:
    if token.type == "myst_role":
        name = token.meta.get("name")
        content = token.content
        target_match = _ROLE_TARGET.search(content)
        target = (target_match.group(1) if target_match else content).strip()
        if name == "term" and refs.terms is not None and target.casefold() not in refs.terms:
            yield f"term not in glossary: {target!r}"
        elif name == "doc" and refs.document_exists is not None:
            docname = _docname(target, refs.folder)
            if docname is not None and not refs.document_exists(docname):
                yield f"unknown document: {target!r}"
    elif token.type == "link_open" and refs.document_exists is not None:
        href = str(token.attrs.get("href", ""))
        if href.endswith(".md") and "://" not in href and not href.startswith("mailto:"):
            docname = _docname(href.removesuffix(".md"), refs.folder)
            if docname is not None and not refs.document_exists(docname):
                yield f"'myst' cross-reference target not found: {href!r}"


def _docname(target: str, folder: str) -> str | None:
    """The docname a ``{doc}`` target names, from a body in ``folder``; None if outside."""
    path = PurePosixPath(target) if target.startswith("/") else PurePosixPath(folder) / target
    parts: list[str] = []
    for part in path.parts:
        if part in {"", "/", "."}:
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts) or None
