"""Source-level checks for MyST text that a parser would silently drop or swallow.

MyST does not warn when it hides text: a ``%`` line is a comment, a ``+++`` line is a block
break, an unclosed code fence or ``:::`` block turns the rest of the file into code or into the
directive's body, an unclosed ``<!--`` hides everything after it, front matter without its
closing ``---`` is read as a horizontal rule plus text, and markdown-it stops parsing (dropping
the text) past 20 levels of nesting. :func:`lint_source` finds each of these in the raw text.

Stable API (used by the Sphinx build for every ``.md`` source and by the annotation checker)::

    lint_source(text: str, path: str) -> list[LintError]

Each :class:`LintError` has ``path``, ``line`` (1-based) and ``message`` (what is wrong and how to
fix it); ``str(error)`` is ``"path:line: message"``. The list is in line order; empty means clean.
"""

from __future__ import annotations

import re

from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.front_matter import CLOSERS

#: Deepest nesting accepted (block quotes, list levels and directives counted together). markdown-it
#: drops text at 20 token levels, and a list level costs two of them, so 8 keeps a safe margin.
MAX_NESTING = 8

_FENCE = re.compile(r"^(?P<indent> *)(?P<marker>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_QUOTES = re.compile(r"^(?: {0,3}> ?)+")


#: A lint problem is a located error like any other contributor error (path, 1-based line,
#: message), so the checker and the build report it without converting it.
LintError = LocatedError


def lint_source(text: str, path: str) -> list[LintError]:
    """Return every place in ``text`` (the file ``path``) where MyST would drop content."""
    lines = text.splitlines()
    errors: list[LintError] = []
    start = _check_front_matter(lines, path, errors)
    _check_block(lines[start:], start, 0, path, errors)
    return sorted(errors, key=lambda error: error.line)


def _check_front_matter(lines: list[str], path: str, errors: list[LintError]) -> int:
    """Check that front matter opened on line 1 is closed; return the index of the body."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in CLOSERS:
            return index + 1
    errors.append(
        LintError(
            path,
            1,
            "the front matter opened with '---' on line 1 is never closed: "
            "add a line '---' after its last field",
        )
    )
    return len(lines)


def _check_block(
    lines: list[str], offset: int, depth: int, path: str, errors: list[LintError]
) -> None:
    """Check Markdown lines (``offset`` lines into the file) nested ``depth`` directives deep."""
    index = 0
    while index < len(lines):
        line = lines[index]
        lineno = offset + index + 1
        quotes = _QUOTES.match(line)
        quote_depth = quotes.group(0).count(">") if quotes else 0
        content = line[quotes.end() :] if quotes else line
        fence = _FENCE.match(content)
        if fence:
            index = _check_fence(lines, index, fence, offset, depth, path, errors)
            continue
        _check_line(content, lineno, depth, quote_depth, path, errors)
        if "<!--" in content:
            index = _check_comment(lines, index, offset, path, errors)
            continue
        index += 1


def _check_line(
    content: str, lineno: int, depth: int, quote_depth: int, path: str, errors: list[LintError]
) -> None:
    """Check one line of Markdown outside code for comments, block breaks and deep nesting."""
    stripped = content.lstrip()
    if stripped.startswith("%"):
        errors.append(
            LintError(
                path,
                lineno,
                "the line starts with '%', which MyST reads as a comment and does not publish: "
                "write '\\%' for a literal percent sign, or delete the line",
            )
        )
    elif stripped.startswith("+++"):
        errors.append(
            LintError(
                path,
                lineno,
                "the line starts with '+++', which MyST reads as a block break and does not "
                "publish: write '\\+++' for literal text, or delete the line",
            )
        )
    if stripped:
        level = depth + quote_depth + (len(content) - len(stripped)) // 2
        if level > MAX_NESTING:
            errors.append(
                LintError(
                    path,
                    lineno,
                    f"the text is nested {level} levels deep (block quotes, lists and "
                    f"directives; at most {MAX_NESTING}): deeper text can vanish from the page, "
                    "flatten the structure",
                )
            )


def _check_fence(
    lines: list[str],
    index: int,
    fence: re.Match[str],
    offset: int,
    depth: int,
    path: str,
    errors: list[LintError],
) -> int:
    """Find the end of the fence opened at ``lines[index]``; return the index after it."""
    marker = fence.group("marker")
    info = fence.group("info").strip()
    if marker[0] == "`" and "`" in info:
        return index + 1  # not a fence in CommonMark: an inline code span
    closing = re.compile(rf"^ *(?:> ?)*{re.escape(marker[0])}{{{len(marker)},}}\s*$")
    for end in range(index + 1, len(lines)):
        if closing.match(lines[end]):
            # The body of a directive or a ::: block is Markdown again; a code block is not.
            if info.startswith("{") or marker[0] == ":":
                _check_directive_body(
                    lines[index + 1 : end], offset + index + 1, depth, path, errors
                )
            return end + 1
    kind = "':::' block" if marker[0] == ":" else "code fence"
    errors.append(
        LintError(
            path,
            offset + index + 1,
            f"the {kind} opened with '{marker}' here is never closed: everything after it "
            f"would be swallowed; add a line '{marker}' where it ends",
        )
    )
    return len(lines)


def _check_directive_body(
    body: list[str], offset: int, depth: int, path: str, errors: list[LintError]
) -> None:
    """Check a directive's body, skipping its leading ``:option: value`` lines."""
    skip = 0
    while skip < len(body) and re.match(r"^\s*:[\w-]+:", body[skip]):
        skip += 1
    _check_block(body[skip:], offset + skip, depth + 1, path, errors)


def _check_comment(
    lines: list[str], index: int, offset: int, path: str, errors: list[LintError]
) -> int:
    """Find the ``-->`` closing the comment opened on ``lines[index]``; return the next index."""
    opening = lines[index].index("<!--")
    rest = lines[index][opening + 4 :]
    for end in range(index, len(lines)):
        if "-->" in (rest if end == index else lines[end]):
            return end + 1
    errors.append(
        LintError(
            path,
            offset + index + 1,
            "the HTML comment opened with '<!--' here is never closed: everything after it "
            "would be hidden; remove it (HTML is not allowed in the edition)",
        )
    )
    return len(lines)
