"""Source-level checks for MyST text that the parser would silently drop or swallow.

MyST does not warn when it hides text: a ``%`` line is a comment, a ``+++`` line is a block
break, an unclosed code fence or ``:::`` block turns the rest of the file into code or into the
directive's body, an unclosed ``<!--`` hides everything after it, front matter without its
closing ``---`` is read as a horizontal rule plus text, and markdown-it stops parsing (dropping
the text) past 20 levels of nesting.

:func:`lint_source` finds each of these on the markdown-it tokens of the parser MyST itself uses
(same plugins, same nesting limit), not on line patterns: what the parser made a comment, a block
break, an unclosed fence or an HTML block is reported, and so is every line with text that no
content token covers (the parser dropped it). Directive bodies, which MyST parses again on their
own, are linted the same way, one level deeper.

Stable API (used by the Sphinx build for every ``.md`` source and by the annotation checker)::

    lint_source(text: str, path: str) -> list[LintError]

Each :class:`LintError` has ``path``, ``line`` (1-based) and ``message`` (what is wrong and how to
fix it); ``str(error)`` is ``"path:line: message"``. The list is in line order; empty means clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.front_matter import CLOSERS
from reading_edition.text.reading_source import tokens_of

#: Deepest nesting accepted (block quotes, lists and directives counted together). markdown-it
#: drops text at 20 token levels, and a list level costs two of them, so 8 keeps a safe margin.
MAX_NESTING = 8

#: A lint problem is a located error like any other contributor error (path, 1-based line,
#: message), so the checker and the build report it without converting it.
LintError = LocatedError

#: Tokens that carry a page's content: a line with text must lie in the map of one of them.
#: (Containers such as block quotes and list items are not enough: past the nesting limit
#: markdown-it still opens them but drops the text inside.)
_CONTENT = frozenset(
    {
        "inline",
        "fence",
        "colon_fence",
        "code_block",
        "html_block",
        "hr",
        "heading_open",
        "table_open",
        "front_matter",
        "myst_line_comment",
        "myst_block_break",
        "myst_target",
        "math_block",
        "math_block_label",
        "footnote_reference_open",
        "dt_open",
        "dd_open",
    }
)
_CONTAINERS = frozenset({"blockquote_open", "bullet_list_open", "ordered_list_open"})
#: Directives whose body is not Markdown (code, data, math): not linted as text.
LITERAL_DIRECTIVES = frozenset(
    {"code-block", "code", "sourcecode", "code-cell", "math", "raw", "eval-rst", "csv-table"}
)
_DIRECTIVE = re.compile(r"^\{([\w:-]+)\}")
_OPTION = re.compile(r"^\s*:[\w-]+:")
#: What a line keeps once block-quote and list markers are taken off: a line of only markers
#: (an empty list item, a bare ``>``) has no text to drop.
_MARKERS = re.compile(r"^(?:\s*(?:>|[-*+]|\d{1,9}[.)])(?=\s|$))*\s*")
#: A link reference definition: markdown-it consumes it into its references, with no token.
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")


@dataclass
class _Lint:
    path: str
    errors: list[LintError] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.errors.append(LintError(self.path, line, message))

    def text(self, text: str, offset: int, depth: int) -> None:
        """Lint Markdown ``text`` whose first line is file line ``offset + 1``."""
        lines = text.split("\n")
        tokens = tokens_of(text)
        covered: set[int] = set()
        open_containers = 0
        for token in tokens:
            if token.type in _CONTAINERS:
                open_containers += 1
            elif token.type.replace("_close", "_open") in _CONTAINERS and token.nesting < 0:
                open_containers -= 1
            if token.map is None:
                continue
            start, end = token.map
            if token.type in _CONTENT:
                covered.update(range(start, max(end, start + 1)))
                level = depth + open_containers
                if token.type == "inline" and level > MAX_NESTING:
                    self.add(offset + start + 1, _too_deep(level))
            self.token(token, lines, offset, depth)
        self.dropped(lines, covered, offset)

    def token(self, token: Token, lines: list[str], offset: int, depth: int) -> None:
        start, end = token.map or (0, 0)
        if token.type == "myst_line_comment":
            for number in range(start, end):
                self.add(
                    offset + number + 1,
                    "the line starts with '%', which MyST reads as a comment and does not "
                    "publish: write '\\%' for a literal percent sign, or delete the line",
                )
        elif token.type == "myst_block_break":
            self.add(
                offset + start + 1,
                "the line starts with '+++', which MyST reads as a block break and does not "
                "publish: write '\\+++' for literal text, or delete the line",
            )
        elif token.type == "html_block" and token.content.rfind("<!--") > token.content.rfind(
            "-->"
        ):
            opened = token.content[: token.content.rfind("<!--")].count("\n")
            self.add(
                offset + start + opened + 1,
                "the HTML comment opened with '<!--' here is never closed: everything after it "
                "would be hidden; remove it (HTML is not allowed in the edition)",
            )
        elif token.type in {"fence", "colon_fence"}:
            self.fence(token, lines, offset, depth)

    def fence(self, token: Token, lines: list[str], offset: int, depth: int) -> None:
        start, end = token.map or (0, 0)
        marker = token.markup
        last = _MARKERS.sub("", lines[end - 1]).strip() if end - 1 > start else ""
        if not (len(last) >= len(marker) and set(last) == {marker[0]}):
            kind = "':::' block" if marker[0] == ":" else "code fence"
            self.add(
                offset + start + 1,
                f"the {kind} opened with '{marker}' here is never closed: everything after it "
                f"would be swallowed; add a line '{marker}' where it ends",
            )
            return
        name = _DIRECTIVE.match(token.info.strip())
        literal = name is not None and name.group(1) in LITERAL_DIRECTIVES
        # A directive's body (and a ::: block's) is Markdown that MyST parses again on its own;
        # a code fence's is not.
        if (token.type == "colon_fence" or name) and not literal:
            body, skipped = directive_body(token.content)
            self.text(body, offset + start + 1 + skipped, depth + 1)

    def dropped(self, lines: list[str], covered: set[int], offset: int) -> None:
        """Lines with text that no content token covers: the parser dropped them."""
        for number, line in enumerate(lines):
            if number in covered or not _MARKERS.sub("", line).strip() or _REFERENCE.match(line):
                continue
            self.add(
                offset + number + 1,
                "the text on this line is nested deeper than MyST can parse (block quotes, lists "
                f"and directives; at most {MAX_NESTING} levels): it is dropped from the page "
                "without a warning; flatten the structure",
            )


def _too_deep(level: int) -> str:
    return (
        f"the text is nested {level} levels deep (block quotes, lists and directives; at most "
        f"{MAX_NESTING}): deeper text can vanish from the page, flatten the structure"
    )


def directive_body(content: str) -> tuple[str, int]:
    """A directive's Markdown body and the number of option lines before it."""
    lines = content.split("\n")
    skip = 0
    if lines and lines[0].strip() == "---":
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        skip = closing + 1 if closing is not None else 0
    else:
        while skip < len(lines) and _OPTION.match(lines[skip]):
            skip += 1
    return "\n".join(lines[skip:]), skip


def lint_source(text: str, path: str) -> list[LintError]:
    """Return every place in ``text`` (the file ``path``) where MyST would drop content."""
    lint = _Lint(path)
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        closed = any(line.rstrip() in CLOSERS for line in lines[1:])
        if not closed:
            lint.add(
                1,
                "the front matter opened with '---' on line 1 is never closed: add a line "
                "'---' after its last field",
            )
            return lint.errors
    lint.text(text, 0, 0)
    return sorted(lint.errors, key=lambda error: error.line)
