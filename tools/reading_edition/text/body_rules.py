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

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from textwrap import dedent
from typing import NamedTuple

from docutils.nodes import fully_normalize_name
from markdown_it.token import Token
from myst_parser.parsers.directives import is_option_line
from myst_parser.parsers.options import TokenizeError, options_to_tokens

from reading_edition.model.annotation import moved_link_message
from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.policy import (
    EVAL_RST_MESSAGE,
    INVISIBLE,
    REFUSED_DIRECTIVES,
    csv_option_message,
    is_remote,
    math_message,
    raw_message,
    refused_directive_message,
    refused_link,
    remote_image_message,
)
from reading_edition.text.code_languages import dedent_problem, emphasis_problem, language_problem
from reading_edition.text.markup import (
    ARGUMENT_COUNTS,
    CARD_LEGACY,
    CARD_SLOT_OPTION,
    CARD_SLOT_TWICE,
    CHILDREN,
    DIRECTIVE_OPTIONS,
    FIGURE_CAPTION,
    HLIST_NOT_A_LIST,
    NEEDS_CONTENT,
    NO_CONTENT,
    OPTION_VALUES,
    PARENTS,
    PSEUDO_SECTION_NESTED,
    SIDEBAR_IN_SIDEBAR,
    SUBTITLE_WITHOUT_TITLE,
    TAB_SET_CODE_CHILD,
    TABS_SELECTED,
    UNLOCATED,
    argument_count_problem,
    argument_problem,
    directive_problem,
    list_table_row_problem,
    no_content_message,
    one_block_expected,
    option_value_problem,
    role_problem,
    run_problem,
    table_dimensions_problem,
    table_widths_problem,
    unknown_option_message,
)
from reading_edition.text.reading_source import inline_words, parser, permissive_tokens, tokens_of
from reading_edition.text.source_lint import LITERAL_DIRECTIVES, directive_body

_DIRECTIVE = re.compile(r"^\{([\w:-]+)\}")
_ROLE_TARGET = re.compile(r"<([^<>]*)>\s*$")
#: Directive options whose value is a link (sphinx-design's cards, buttons, badges, the
#: article info's avatar).
_LINK_OPTIONS = frozenset(
    {"link", "img-top", "img-bottom", "img-background", "avatar", "avatar-link"}
)
#: Directive options whose value is an image (a card's, the article info's avatar).
_IMAGE_OPTIONS = frozenset({"img-top", "img-bottom", "img-background", "avatar"})
#: Characters the first block of a body (the note in brief beside the passage) may have.
FIRST_BLOCK_LIMIT = 1200
#: Directives whose argument is a link (sphinx-design's button).
_LINK_ARGUMENTS = frozenset({"button-link"})
#: Directives whose argument is a path, an address or a language, not text with roles.
_PLAIN_ARGUMENTS = frozenset(
    {"image", "figure", "button-link", "button-ref", "code", "code-block", "sourcecode"}
)
#: What may start a link markdown-it drops as unsafe (it publishes the text as written): only a
#: body that holds one of these is parsed again with every link kept.
_DROPPED_HINT = re.compile(r"(?:script|data|file):", re.IGNORECASE)


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
    #: Whether a Markdown link's file path, taken from the file's real folder on disk (as
    #: Sphinx resolves it), names a document: ``../docs/timeline.md`` from ``annotations/``.
    path_is_document: Callable[[str], bool] | None = None
    #: Why a local image's address names no readable file (Sphinx's words), or None if it does.
    missing_image: Callable[[str], str | None] | None = None
    #: Ids of moved annotations and the id each moved to: a link names the new one.
    moved: Mapping[str, str] = field(default_factory=dict)


def body_findings(
    text: str, path: str, references: References | None = None, *, parser_warnings: bool = False
) -> list[LocatedError]:
    """Every refusal in a MyST body (``text``, padded so its lines are the file's lines).

    ``parser_warnings`` adds what MyST itself warns about while parsing (an unknown directive
    option, headings that skip a level), in its words and at its line: the checker says them
    first; the build, which parses, gets them from MyST.
    """
    found: list[LocatedError] = []
    refs = references or References()
    for token, line in _tokens(text, 0):
        for message in _refusals(token):
            found.append(LocatedError(path, line, message))
        for message in _reference_problems(token, refs):
            found.append(LocatedError(path, line, message))
        # A component's image node has no line: Sphinx names the file only (line 0).
        found += [LocatedError(path, 0, m) for m in _component_image_problems(token, refs)]
        if parser_warnings and token.type in {"fence", "colon_fence"}:
            found += [LocatedError(path, n, m) for n, m in _option_problems(token, line)]
            found += [LocatedError(path, n, m) for n, m in _tab_set_problems(token, line)]
            found += [LocatedError(path, line, m) for m in _list_table_problems(token)]
            found += [LocatedError(path, line, m) for m in _code_problems(token)]
    if parser_warnings:
        found += [LocatedError(path, n, m) for n, m in _duplicate_names(text)]
        found += [LocatedError(path, n, m) for n, m in _transition_problems(text)]
        structure = list(_structure_problems(text, 0, None))
        # sphinx-design tells of a card's legacy separators once a page, at the first card.
        legacy = [finding for finding in structure if finding[1] == CARD_LEGACY][1:]
        found += [LocatedError(path, n, m) for n, m in structure if (n, m) not in legacy]
    if _DROPPED_HINT.search(INVISIBLE.sub("", text)):
        found += [LocatedError(path, n, m) for n, m in _dropped_links(text)]
    found += [LocatedError(path, n, m) for n, m in _first_block_problems(text)]
    found += [LocatedError(path, n, m) for n, m in _nesting_problems(text, 0, ())]
    if parser_warnings:
        found += [LocatedError(path, n, m) for n, m in _heading_problems(text)]
    # One message per line and problem, as the build reports it (``refusals.report``).
    unique = {(e.line, e.message): e for e in found}
    return sorted(unique.values(), key=lambda e: e.line)


def _tokens(
    text: str, offset: int, parse: Callable[[str], tuple[Token, ...]] = tokens_of
) -> Iterator[tuple[Token, int]]:
    """Every token of ``text`` (inline children included) with the file line MyST gives its
    node; directive bodies are parsed again, as MyST does."""
    for token in parse(text):
        line = offset + (token.map[0] if token.map else 0) + 1
        yield token, line
        yield from _children(token, line)
        if token.type in {"fence", "colon_fence"} and token.map:
            name = _DIRECTIVE.match(token.info.strip())
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
                or _stopped(token)  # the build parses nothing in it
            ):
                body, skipped = directive_body(token.content)
                yield from _tokens(body, offset + token.map[0] + 1 + skipped, parse)


def _children(token: Token, line: int) -> Iterator[tuple[Token, int]]:
    """Inline tokens at every depth (an inline footnote's words are children of its inline
    token), at the line of their block."""
    for child in token.children or ():
        yield child, line
        yield from _children(child, line)


def _dropped_links(text: str) -> Iterator[tuple[int, str]]:
    """Links markdown-it refuses to make (``javascript:``, ``vbscript:``, ``file:``, most
    ``data:``): it publishes them as their literal text, so the reader would find
    ``[…](javascript:…)`` in the page. Found by parsing again with every link kept."""
    validate = parser().validateLink
    for token, line in _tokens(text, 0, permissive_tokens):
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if not validate(href):
                yield (
                    line,
                    refused_link(href)
                    or (
                        f"the link target {href!r} is not allowed: use an http, https, mailto or "
                        "relative link"
                    ),
                )


class _Option(NamedTuple):
    """A directive option as MyST reads it: its key and its value as written ("" if none)."""

    key: str
    value: str


def _option_lines(token: Token) -> Iterator[tuple[int, _Option]]:
    """A directive's options, each with the offset of its line from the directive's line,
    read as MyST reads them (``myst_parser.parsers.directives``): ``:key: value`` lines, or a
    YAML block between ``---`` lines, through MyST's own option tokenizer. Options it cannot
    read give none (MyST says why)."""
    lines = token.content.split("\n")
    if token.content.startswith("---"):
        closing = next((i for i in range(1, len(lines)) if lines[i].startswith("---")), None)
        block, first = lines[1:closing], 2  # the first option is two lines below
    elif token.content.lstrip().startswith(":"):
        count = next((i for i, text in enumerate(lines) if not is_option_line(text)), len(lines))
        block, first = [text.lstrip()[1:] for text in lines[:count]], 1
    else:
        return
    try:
        pairs, _state = options_to_tokens(dedent("\n".join(block)))
    except TokenizeError:
        return
    for key, value in pairs:
        yield first + key.start.line, _Option(key.value, value.value if value else "")


def _stopped(token: Token) -> bool:
    """The directive stops with an error before its work (a refused argument, an image's
    vertical ``align``): the build says nothing else of it, of its image file or its body."""
    match = _DIRECTIVE.match(token.info.strip()) if token.type.endswith("fence") else None
    if match is None:
        return False
    name, first_line = match.group(1), token.info.strip()[match.end() :]
    return bool(
        argument_count_problem(name, first_line) or argument_problem(name, first_line)
    ) or any(run_problem(name, option.key, option.value) for _, option in _option_lines(token))


def _empty(token: Token, name: str, first_line: str) -> bool:
    """The directive's body is empty as MyST hands it over: no line after the options (one
    blank line after them is dropped), and no first line taken as body (a directive without
    arguments reads its first line as the body's)."""
    if first_line.strip() and ARGUMENT_COUNTS.get(name, (0, 0, False))[:2] == (0, 0):
        return False
    if name == "csv-table" and any(o.key in {"file", "url"} for _, o in _option_lines(token)):
        return False  # refused for the option first, and only for it (sphinxext/security.py)
    body = directive_body(token.content)[0] if DIRECTIVE_OPTIONS.get(name) else token.content
    lines = body.splitlines()
    if lines and not lines[0].strip():
        lines = lines[1:]
    return not lines


def _option_problems(token: Token, line: int) -> Iterator[tuple[int, str]]:
    """An argument the directive refuses, at its line (sphinx-design's error); options it does
    not take, or values it refuses, at the option's line (MyST's warnings); a value it refuses
    when it runs, at its line (docutils' error)."""
    match = _DIRECTIVE.match(token.info.strip())
    if match is None:
        return
    name, first_line = match.group(1), token.info.strip()[match.end() :]
    if refused := argument_count_problem(name, first_line):
        yield line, refused
        return  # MyST stops there: no word of the options
    if refused := argument_problem(name, first_line):
        yield line, refused
    elif name in NEEDS_CONTENT and _empty(token, name, first_line):
        yield line, NEEDS_CONTENT[name]
    if not DIRECTIVE_OPTIONS.get(name):
        return  # MyST reads options only for directives that take some
    for offset, option in _option_lines(token):
        key, value = option
        if key not in DIRECTIVE_OPTIONS[name]:
            yield line + offset, unknown_option_message(name, key)
        elif refused := option_value_problem(name, key, value):
            yield line + offset, refused
        elif refused := run_problem(name, key, value):
            yield line, refused


#: docutils' words for a thematic break (``***``) where a page may not have one
#: (``docutils.transforms.misc.Transitions``).
TRANSITION_NOT_IN_SECTION = "Transition must be child of <document> or <section>."
TRANSITION_FIRST = "Document or section may not begin with a transition."
TRANSITIONS_ADJACENT = (
    "At least one body element must separate transitions; adjacent transitions are not allowed."
)
TRANSITION_LAST = "Document may not end with a transition."


def _transition_problems(text: str) -> Iterator[tuple[int, str]]:
    """Thematic breaks docutils refuses in an annotation body, which the page holds in a
    container: one is allowed only in a section (under a heading), not first in it nor after
    another; one last in its section moves up after it, into the container (refused) or, at
    the body's end, to the page's end (refused)."""
    top = [t for t in tokens_of(text) if t.level == 0 and t.nesting != -1 and t.map]
    top_lines = set()
    levels: list[int] = []  # the headings whose sections are open, outermost first
    previous = "body"
    for index, token in enumerate(top):
        if token.type == "heading_open":
            level = int(token.tag[1:])
            levels = [n for n in levels if n < level] + [level]
            previous = "title"
            continue
        if token.type != "hr" or token.map is None:
            previous = "body"
            continue
        line = token.map[0] + 1
        top_lines.add(line)
        if not levels:
            yield line, TRANSITION_NOT_IN_SECTION
            previous = "transition"
            continue
        if previous == "title":
            yield line, TRANSITION_FIRST
        elif previous == "transition":
            yield line, TRANSITIONS_ADJACENT
        previous = "transition"
        following = next((int(t.tag[1:]) for t in top[index + 1 :] if t.type == "heading_open"), 0)
        after_it = top[index + 1] if index + 1 < len(top) else None
        if after_it is not None and after_it.type != "heading_open":
            continue  # not last in its section: it stays
        # Last in its section: docutils moves it after the innermost section that is not
        # last in its parent (a heading that follows closes the sections deeper than it).
        depth = len(levels) - 1
        while depth > 0 and following <= levels[depth - 1]:
            depth -= 1
        if depth == 0 and following <= levels[0]:
            yield line, TRANSITION_LAST if not following else TRANSITION_NOT_IN_SECTION
    for token, line in _tokens(text, 0):
        if token.type == "hr" and line not in top_lines:
            yield line, TRANSITION_NOT_IN_SECTION


def _duplicate_names(text: str) -> Iterator[tuple[int, str]]:
    """A label (``(name)=``) or a directive's ``:name:`` given twice in one page: docutils warns
    at the second, at its line for a label and with none (0) for a ``:name:`` (its node has
    no line yet when the name is noted)."""
    seen: set[str] = set()
    for token, line in _tokens(text, 0):
        if token.type == "myst_target":
            names = [(token.content, line)]
        elif token.type.endswith("fence") and _name(token) in DIRECTIVE_OPTIONS:
            if _stopped(token):
                continue
            names = [(o.value, 0) for _, o in _option_lines(token) if o.key == "name"]
        else:
            continue
        for name, at in names:
            normal = fully_normalize_name(name)
            if normal in seen:
                yield at, f'Duplicate explicit target name: "{normal}".'
            seen.add(normal)


def _code_problems(token: Token) -> Iterator[str]:
    """A code block in a language Pygments does not know, or whose text its lexer cannot read:
    Sphinx warns when it highlights it (``text/code_languages.py``). A block without a
    language takes the edition's default, which never fails."""
    name = _name(token)
    if name is None:
        words = token.info.split()
        if token.type == "fence" and words:
            problem = language_problem(words[0], token.content)
            if problem:
                yield problem
        return
    if name not in _CODE_DIRECTIVES or _stopped(token):
        return
    words = token.info.strip()[len(name) + 2 :].split()
    options = {o.key: o.value.strip() for _, o in _option_lines(token)}
    body = directive_body(token.content)[0].split("\n")
    if body and not body[0].strip():
        body = body[1:]  # MyST drops one blank line after the options
    while body and not body[-1].strip():
        body = body[:-1]
    if name != "code" and options.get("emphasize-lines"):
        emphasis = emphasis_problem(options["emphasize-lines"], len(body))
        if emphasis:
            yield emphasis[0]
            if emphasis[1]:
                return  # the directive gives only that warning
    dedent = options.get("dedent", "")
    if name != "code" and dedent.isdigit() and (problem := dedent_problem(body, int(dedent))):
        yield problem
    if not words:
        return
    problem = language_problem(
        words[0],
        "\n".join(body),
        # After :dedent: the text differs; the language's name is still checked.
        force="force" in options or "dedent" in options,
    )
    if problem:
        yield problem


def _list_table_problems(token: Token) -> Iterator[str]:
    """A ``{list-table}`` or ``{table}`` whose body docutils refuses (at the directive's
    line): not one bulleted list of rows, each a list of cells, the same number in each (or
    not one table); ``:widths:`` not one per column; header rows or stub columns that leave no
    body."""
    name = _name(token)
    if name == "table":
        yield from _table_problems(token)
    if name == "csv-table":
        yield from _csv_table_problems(token)
    if name != "list-table":
        return
    body, _skipped = directive_body(token.content)
    if not body.strip():
        return  # refused as empty (NEEDS_CONTENT)
    tokens = tokens_of(body)
    top = [t for t in tokens if t.level == 0 and t.nesting != -1]
    if len(top) != 1 or top[0].type != "bullet_list_open":
        yield one_block_expected("list-table", "bullet list")
        return
    rows: list[tuple[list[str], int]] = []  # (the row's blocks, its cells)
    for child in tokens:
        if child.type == "list_item_open" and child.level == 1:
            rows.append(([], 0))
        elif rows and child.level == 2 and child.nesting != -1:
            rows[-1][0].append(child.type)
        elif rows and child.type == "list_item_open" and child.level == 3:
            rows[-1] = (rows[-1][0], rows[-1][1] + 1)
    for number, (blocks, cells) in enumerate(rows, start=1):
        if blocks != ["bullet_list_open"]:
            yield list_table_row_problem(number)
            return
        if cells != rows[0][1]:
            yield (
                'Error parsing content block for the "list-table" directive: uniform two-level '
                f"bullet list expected, but row {number} does not contain the same number of "
                f"items as row 1 ({cells} vs {rows[0][1]})."
            )
            return
    yield from _table_size_problems("list-table", token, [cells for _, cells in rows])


def _csv_rows(lines: list[str], options: Mapping[str, str]) -> list[list[str]] | None:
    """The rows docutils reads from a ``{csv-table}``'s lines (its ``DocutilsDialect``), or
    None when an option's value is refused (said already) or the data is not CSV it reads."""
    settings: dict[str, object] = {
        "delimiter": ",",
        "quotechar": '"',
        "doublequote": True,
        "skipinitialspace": "keepspace" not in options,
        "strict": True,
        "lineterminator": "\n",
        "quoting": csv.QUOTE_MINIMAL,
    }
    converters = OPTION_VALUES["csv-table"]
    try:
        if "delim" in options:
            settings["delimiter"] = converters["delim"](options["delim"] or None)
        if "quote" in options:
            settings["quotechar"] = converters["quote"](options["quote"] or None)
        if "escape" in options:
            settings["doublequote"] = False
            settings["escapechar"] = converters["escape"](options["escape"] or None)
        return list(csv.reader((line + "\n" for line in lines), **settings))  # type: ignore[arg-type]
    except (ValueError, TypeError, csv.Error):
        return None


def _csv_table_problems(token: Token) -> Iterator[str]:
    """A ``{csv-table}`` whose header rows, stub columns or widths do not fit its rows."""
    options = {o.key: o.value.strip() for _, o in _option_lines(token)}
    if "file" in options or "url" in options:
        return  # refused for the option (sphinxext/security.py)
    lines = directive_body(token.content)[0].split("\n")
    if lines and not lines[0].strip():
        lines = lines[1:]  # MyST drops one blank line after the options
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if not lines:
        return  # refused as empty (NEEDS_CONTENT)
    rows = _csv_rows(lines, options)
    header = _csv_rows(options["header"].split("\n"), options) if "header" in options else []
    if rows is None or header is None:
        return
    sizes = [options.get(key, "0") or "x" for key in ("header-rows", "stub-columns")]
    if all(size.isdigit() for size in sizes):
        cells = [len(row) for row in rows]
        if problem := table_dimensions_problem("csv-table", cells, int(sizes[0]), int(sizes[1])):
            yield problem
            return
    columns = max([len(row) for row in rows + header], default=0)
    if "widths" in options and (
        problem := table_widths_problem("csv-table", options["widths"], columns)
    ):
        yield problem


def _table_problems(token: Token) -> Iterator[str]:
    """A ``{table}`` whose body is not one Markdown table, or whose ``:widths:`` do not fit."""
    body, _skipped = directive_body(token.content)
    if not body.strip():
        return  # refused as empty (NEEDS_CONTENT)
    tokens = tokens_of(body)
    top = [t for t in tokens if t.level == 0 and t.nesting != -1]
    if len(top) != 1 or top[0].type != "table_open":
        yield one_block_expected("table", "table")
        return
    first_row = next(i for i, t in enumerate(tokens) if t.type == "tr_close")
    columns = sum(t.type in {"th_open", "td_open"} for t in tokens[:first_row])
    options = {o.key: o.value for _, o in _option_lines(token)}
    if "widths" in options and (
        problem := table_widths_problem("table", options["widths"], columns)
    ):
        yield problem


def _table_size_problems(name: str, token: Token, rows: list[int]) -> Iterator[str]:
    """``:widths:``, ``:header-rows:`` and ``:stub-columns:`` against the table's rows."""
    options = {o.key: o.value.strip() for _, o in _option_lines(token)}
    if "widths" in options and (
        problem := table_widths_problem(name, options["widths"], rows[0] if rows else 0)
    ):
        yield problem
        return
    sizes = [options.get(key, "0") for key in ("header-rows", "stub-columns")]
    if all(size.isdigit() for size in sizes):
        problem = table_dimensions_problem(name, rows, int(sizes[0]), int(sizes[1]))
        if problem:
            yield problem


#: sphinx-design's words for a block in a tab set that is not a tab (it drops the block).
TAB_SET_CHILD = "All children of a 'tab-set' should be 'tab-item' [design.tab]"


def _tab_set_problems(token: Token, line: int) -> Iterator[tuple[int, str]]:
    """Blocks directly in a ``{tab-set}`` that are not ``{tab-item}``: sphinx-design warns at
    each one's line and leaves it out."""
    match = _DIRECTIVE.match(token.info.strip())
    if match is None or match.group(1) != "tab-set":
        return
    body, skipped = directive_body(token.content)
    for child in tokens_of(body):
        if child.level != 0 or child.nesting == -1 or not child.map:
            continue
        if child.type in {"myst_target", "myst_line_comment"}:
            continue  # sphinx-design keeps a label (and drops a comment) without a word
        name = _DIRECTIVE.match(child.info.strip()) if child.type.endswith("fence") else None
        if not (name and name.group(1) == "tab-item"):
            yield line + skipped + child.map[0] + 1, TAB_SET_CHILD


#: A card's legacy header or footer line (``sphinx_design.cards.REGEX_HEADER``, ``_FOOTER``).
_LEGACY_SEPARATOR = re.compile(r"^(?:\^{3,}|\+{3,})\s*$")
#: What sphinx-design drops from a component's blocks without a word: comments and labels.
_IGNORED_BLOCKS = frozenset({"myst_target", "myst_line_comment"})
#: Directives that make a literal block (a tab of a ``{tab-set-code}``), without a caption.
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode"})


def _name(token: Token) -> str | None:
    """The directive a fence token writes, or None (a code block, a plain colon fence)."""
    match = _DIRECTIVE.match(token.info.strip()) if token.type.endswith("fence") else None
    return match.group(1) if match else None


def _blocks_in(body: str, offset: int) -> list[tuple[Token, int]]:
    """The blocks directly in a directive's body (what its parse leaves as its children), each
    with its file line; the comments and labels components skip are left out, and so is a
    directive stopped by an error (the build leaves an error message there, which they skip)."""
    return [
        (token, offset + token.map[0] + 1)
        for token in tokens_of(body)
        if token.level == 0
        and token.nesting != -1
        and token.map
        and token.type not in _IGNORED_BLOCKS
        and not _stopped(token)
    ]


def _structure_problems(text: str, offset: int, parent: str | None) -> Iterator[tuple[int, str]]:
    """What directives check of where they are and what they hold when they run, in the
    build's words and at its lines (``text/markup.py``'s ``PARENTS``, ``CHILDREN`` and the
    rules after them): a grid item outside a grid, a carousel's block that is not a card, an
    ``hlist`` whose body is not one list… ``parent`` is the directive whose body ``text`` is
    (None at the body's top level)."""
    for token in tokens_of(text):
        if not token.type.endswith("fence") or not token.map:
            continue
        name = _name(token)
        if name is None or name not in DIRECTIVE_OPTIONS or _stopped(token):
            continue
        line = offset + token.map[0] + 1
        if name in NEEDS_CONTENT and _empty(token, name, token.info.strip()[len(name) + 2 :]):
            continue  # refused before it looks at its place
        # A block in a list or a quote sits in that, not directly in the directive.
        directly_in = parent if token.level == 0 else "(a list or a quote)"
        yield from _placement_problems(name, token, directly_in, line)
        if name in LITERAL_DIRECTIVES | {"csv-table"}:
            continue
        body, skipped = directive_body(token.content)
        blocks = _blocks_in(body, offset + token.map[0] + 1 + skipped)
        yield from _content_problems(name, token, line, blocks)
        yield from _structure_problems(body, offset + token.map[0] + 1 + skipped, name)


def _placement_problems(
    name: str, token: Token, parent: str | None, line: int
) -> Iterator[tuple[int, str]]:
    """A directive in a place it may not be, or with an option it may not have there."""
    if name in PARENTS and parent not in PARENTS[name][0]:
        yield line, PARENTS[name][1]
    first_line = token.info.strip()[len(name) + 2 :]
    if name == "sidebar" and parent == "sidebar":
        yield line, SIDEBAR_IN_SIDEBAR
    elif name in {"topic", "sidebar"} and parent not in {None, "sidebar"}:
        yield line, PSEUDO_SECTION_NESTED.format(name=name)
    elif name == "sidebar" and not first_line.strip() and "subtitle" in _option_names(token):
        yield line, SUBTITLE_WITHOUT_TITLE
    if name in NO_CONTENT and not _empty(token, name, first_line):
        yield line, no_content_message(name)


def _content_problems(
    name: str, token: Token, line: int, blocks: list[tuple[Token, int]]
) -> Iterator[tuple[int, str]]:
    """Blocks a component does not take, as it says when it runs."""
    if name in CHILDREN:
        allowed, message = CHILDREN[name]
        wrong = next(
            (
                (child, n)
                for child, n in blocks
                if _name(child) not in allowed and not _refused_there(child)
            ),
            None,
        )
        if wrong is not None:
            yield _child_line(wrong[0], wrong[1], line), message
    elif name == "hlist":
        # Sphinx counts every block of the body, a label or a comment too.
        every = [t for t in tokens_of(directive_body(token.content)[0]) if t.level == 0]
        if len([t for t in every if t.nesting != -1]) != 1 or every[0].type != "bullet_list_open":
            yield line, HLIST_NOT_A_LIST
    elif name == "tab-set-code":
        if any(not _is_code(child) for child, _ in blocks):
            yield line, TAB_SET_CODE_CHILD
    elif name == "tab-set":
        tabs = [child for child, _ in blocks if _name(child) == "tab-item"]
        selected = [tab for tab in tabs if "selected" in _option_names(tab)]
        if len(selected) > 1:
            yield line, TABS_SELECTED
    elif name == "figure":
        every = [t for t in tokens_of(directive_body(token.content)[0]) if t.level == 0]
        if every and every[0].type != "paragraph_open":
            yield line, FIGURE_CAPTION
    if name in {"card", "grid-item-card"}:
        if any(
            _LEGACY_SEPARATOR.match(text) for text in directive_body(token.content)[0].split("\n")
        ):
            yield line, CARD_LEGACY
        options = _option_names(token)
        for slot in ("header", "footer"):
            slots = [n for child, n in blocks if _name(child) == f"card-{slot}"]
            if len(slots) > 1:
                yield slots[1], CARD_SLOT_TWICE.format(slot=slot)
            if slots and slot in options:
                yield line, CARD_SLOT_OPTION.format(slot=slot)


def _refused_there(child: Token) -> bool:
    """A topic or sidebar in a component: docutils refuses it with an error, which the
    component skips as it does every error message."""
    return _name(child) in {"topic", "sidebar"}


def _child_line(child: Token, line: int, parent_line: int) -> int:
    """The line the build gives a warning located at a component's block: the block's own,
    its parent's for a directive whose node has none (``UNLOCATED``), a table's first row."""
    name = _name(child)
    if name in UNLOCATED:
        return parent_line
    if name == "table":
        return line + 1 + directive_body(child.content)[1]
    return line


def _option_names(token: Token) -> set[str]:
    return {option.key for _, option in _option_lines(token)}


def _is_code(token: Token) -> bool:
    """Whether a block is a literal block: a code fence or an indented code block, or a code
    directive without a caption (with one Sphinx wraps it in a container)."""
    if token.type == "code_block" or (token.type == "fence" and _name(token) is None):
        return True
    return _name(token) in _CODE_DIRECTIVES and "caption" not in _option_names(token)


#: Blocks the PDF typesets as LaTeX list environments, by the token that opens them: a
#: bulleted list (itemize), a numbered one (enumerate), a quote and a definition list.
_LIST_BLOCKS = {
    "bullet_list_open": "bulleted list",
    "ordered_list_open": "numbered list",
    "blockquote_open": "quote",
    "dl_open": "definition list",
}
#: Directives whose body the PDF sets as a quote (docutils' block_quote).
_QUOTE_DIRECTIVES = frozenset({"epigraph", "highlights", "pull-quote"})
#: LaTeX's limits: 4 bulleted lists, 4 numbered lists, 6 list environments in all, one
#: inside another; deeper, the PDF stops with "LaTeX Error: Too deeply nested".
LATEX_LIST_DEPTH = {"bulleted list": 4, "numbered list": 4}
LATEX_ALL_DEPTH = 6


def _too_deep(open_blocks: tuple[str, ...]) -> bool:
    kinds = [open_blocks.count(kind) > limit for kind, limit in LATEX_LIST_DEPTH.items()]
    return any(kinds) or len(open_blocks) > LATEX_ALL_DEPTH


def _nesting_problems(text: str, offset: int, outer: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """Lists and quotes nested deeper than the PDF can set them (``outer`` are the ones
    around ``text``, in a directive's body): the HTML shows them, LaTeX stops. Said once where
    a path first goes too deep, in the build too (the PDF's error names no file)."""
    stack: list[str] = []
    for token in tokens_of(text):
        if token.type in _LIST_BLOCKS and token.map:
            before = (*outer, *stack)
            stack.append(_LIST_BLOCKS[token.type])
            if _too_deep((*before, stack[-1])) and not _too_deep(before):
                yield (
                    offset + token.map[0] + 1,
                    f"this {stack[-1]} is the {len(before) + 1}th list or quote inside one "
                    "another: the PDF (LaTeX) sets at most 4 bulleted lists, 4 numbered lists "
                    "and 6 lists and quotes in all one inside another, and stops; flatten it "
                    "(a heading or a table can carry a level).",
                )
        elif token.type.replace("_close", "_open") in _LIST_BLOCKS and token.nesting == -1:
            stack.pop()
        elif token.type.endswith("fence") and token.map and not _stopped(token):
            name = _name(token)
            if name is None or name not in DIRECTIVE_OPTIONS or name in LITERAL_DIRECTIVES:
                continue
            body, skipped = directive_body(token.content)
            around = (*outer, *stack, *(("quote",) if name in _QUOTE_DIRECTIVES else ()))
            yield from _nesting_problems(body, offset + token.map[0] + 1 + skipped, around)


def _first_block_problems(text: str) -> Iterator[tuple[int, str]]:
    """The first block is what the article shows beside the passage (the note in brief): it
    must stay short enough to sit there."""
    size = 0
    line = 0
    inline_heading = False
    for token in tokens_of(text):
        # Headings are skipped: the article shows the first block under them.
        if token.type in {"heading_open", "heading_close"}:
            inline_heading = token.type == "heading_open"
            continue
        if inline_heading:
            continue
        if token.level == 0 and token.nesting in {0, 1} and not line:
            line = (token.map[0] if token.map else 0) + 1
        if token.type == "inline":
            size += len(inline_words(token))
        elif token.type in {"fence", "colon_fence", "code_block"}:
            size += len(token.content)
        if line and token.level == 0 and token.nesting in {0, -1}:
            break
    if size > FIRST_BLOCK_LIMIT:
        yield (
            line,
            (
                f"the first paragraph has {size:,} characters; the article shows it beside the "
                f"passage, so it may have at most {FIRST_BLOCK_LIMIT:,}: shorten it, or move the "
                "rest into a paragraph after it (the note's own page shows every paragraph)."
            ),
        )


def _heading_problems(text: str) -> Iterator[tuple[int, str]]:
    """Headings that skip a level, as MyST warns: the body's first heading must be ``#`` (the
    page's title is placed above it), then one level deeper at a time."""
    open_levels = [0]
    for token in tokens_of(text):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1:])
        parent = max(n for n in open_levels if n < level)
        if parent + 1 != level:
            line = (token.map[0] if token.map else 0) + 1
            yield (
                line,
                (
                    f"Document headings start at H{level}, not H1"
                    if parent == 0
                    else f"Non-consecutive header level increase; H{parent} to H{level}"
                ),
            )
        open_levels = [n for n in open_levels if n < level] + [level]


def _refusals(token: Token) -> Iterator[str]:
    if token.type == "myst_role":
        # Only the roles and directives of the edition's allowlist (text/markup.py): the
        # build refuses the others with the same message (sphinxext/security_renderer.py).
        problem = role_problem(str(token.meta.get("name", "")))
        if problem:
            yield problem
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
    options = {o.key: o.value.strip() for _, o in _option_lines(token)}
    problem = directive_problem(name)
    if problem:
        yield problem
    else:
        yield from _argument_role_problems(name, argument)
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
    if name in _LINK_ARGUMENTS:
        problem = refused_link(argument)
        if problem:
            yield problem
    for option, value in options.items():
        if option in _LINK_OPTIONS:
            problem = refused_link(value)
            if problem:
                yield problem
    for _, written in _option_lines(token):
        image = written.value.strip()
        if written.key in _IMAGE_OPTIONS and is_remote(image) and not refused_link(image):
            yield remote_image_message(image)


def _argument_role_problems(name: str, argument: str) -> Iterator[str]:
    """Roles in a directive's argument that MyST renders as text (a dropdown's or a card's
    title, a tab's label): the build renders them at the directive's line."""
    if not argument or name in _PLAIN_ARGUMENTS:
        return
    for token in parser().parseInline(argument):
        for child in token.children or ():
            if child.type == "myst_role":
                problem = role_problem(str(child.meta.get("name", "")))
                if problem:
                    yield problem


def _image_address(token: Token) -> str | None:
    """The address of a Markdown image or of an ``{image}`` or ``{figure}`` directive."""
    if token.type == "image":
        return str(token.attrs.get("src", ""))
    if token.type in {"fence", "colon_fence"}:
        match = _DIRECTIVE.match(token.info.strip())
        if match and match.group(1) in {"image", "figure"}:
            return token.info.strip()[match.end() :].strip()
    return None


def _doc_link(token: Token) -> str | None:
    """The page a sphinx-design component links to as a document, as ``{doc}`` does: a
    ``{button-ref}`` with ``:ref-type: doc``, a card with ``:link-type: doc`` (a ``ref`` or
    ``any`` link may name a label of any page: the build resolves those)."""
    name = _name(token)
    if name not in {"button-ref", "card", "grid-item-card"} or _stopped(token):
        return None
    options = {o.key: o.value.strip() for _, o in _option_lines(token)}
    if name == "button-ref" and options.get("ref-type") == "doc":
        return token.info.strip()[len(name) + 2 :].strip() or None
    if name != "button-ref" and options.get("link-type") == "doc":
        return options.get("link") or None
    return None


def _component_image_problems(token: Token, refs: References) -> Iterator[str]:
    """A card's image or the article info's avatar that names no readable file."""
    if refs.missing_image is None or not token.type.endswith("fence") or _stopped(token):
        return
    if _name(token) not in {"card", "grid-item-card", "article-info"}:
        return
    for _, option in _option_lines(token):
        image = option.value.strip()
        local = option.key in _IMAGE_OPTIONS and image and not is_remote(image)
        if local and (problem := refs.missing_image(image)):
            yield problem


def _reference_problems(token: Token, refs: References) -> Iterator[str]:
    address = _image_address(token)
    if (
        address
        and refs.missing_image is not None
        and not is_remote(address)
        and not _stopped(token)
    ):
        problem = refs.missing_image(address)
        if problem:
            yield problem
    if (target := _doc_link(token)) is not None and refs.document_exists is not None:
        docname = _docname(target, refs.folder)
        if docname is not None and not refs.document_exists(docname):
            yield f"unknown document: {target!r}"
        elif docname is not None:
            yield from _moved_link(docname, target, refs)
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
            elif docname is not None:
                yield from _moved_link(docname, target, refs)
    elif token.type == "link_open" and refs.document_exists is not None:
        href = str(token.attrs.get("href", ""))
        if href.endswith(".md") and "://" not in href and not href.startswith("mailto:"):
            docname = _docname(href.removesuffix(".md"), refs.folder)
            on_disk = refs.path_is_document is not None and refs.path_is_document(href)
            if not on_disk and (docname is None or not refs.document_exists(docname)):
                yield f"'myst' cross-reference target not found: {href!r}"
            elif docname is not None:
                yield from _moved_link(docname, href, refs)


def _moved_link(docname: str, target: str, refs: References) -> Iterator[str]:
    """A link to a moved note's page: readers get a page that only says where it went."""
    folder, _, name = docname.rpartition("/")
    if folder == refs.folder and name in refs.moved:
        yield moved_link_message(name, refs.moved[name])


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
