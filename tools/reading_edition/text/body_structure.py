"""What a body's structure must be for the build to take it, in the build's words and at its
lines (``text/body_rules.py`` calls these; the checker says them first, the build's parser
and directives say them themselves): what directives check of their place and
their blocks when they run (``text/markup.py``'s ``PARENTS``, ``CHILDREN`` and the rules after
them), the tables docutils builds, code blocks as Sphinx highlights them
(``text/code_languages.py``), a name given twice, thematic breaks where docutils refuses them,
and lists and quotes nested deeper than the PDF can print (the only rule here the build applies
itself, as its PDF error names no file).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping, Sequence

from docutils.nodes import fully_normalize_name
from markdown_it.token import Token

from reading_edition.text.code_languages import dedent_problem, emphasis_problem, language_problem
from reading_edition.text.directive_tokens import (
    directive_name,
    empty_body,
    option_lines,
    option_names,
    stopped,
    tokens_with_lines,
)
from reading_edition.text.markup import (
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
    list_table_row_problem,
    no_content_message,
    one_block_expected,
    table_dimensions_problem,
    table_widths_problem,
)
from reading_edition.text.reading_source import tokens_of
from reading_edition.text.source_lint import LITERAL_DIRECTIVES, directive_body


def block_problems(token: Token, line: int) -> Iterator[tuple[int, str]]:
    """What a directive's block (the fence ``token`` at ``line``) holds that the build
    refuses: a tab set's blocks, a table's rows, a code block's language and lines."""
    yield from _tab_set_problems(token, line)
    yield from ((line, message) for message in _list_table_problems(token))
    yield from ((line, message) for message in _code_problems(token))


def page_problems(text: str) -> Iterator[tuple[int, str]]:
    """What the build refuses of a body as a page: a name given twice, thematic breaks, a
    directive's place and blocks."""
    yield from _duplicate_names(text)
    yield from _transition_problems(text)
    structure = list(_structure_problems(text, 0, None))
    # sphinx-design tells of a card's legacy separators once a page, at the first card.
    legacy = [finding for finding in structure if finding[1] == CARD_LEGACY][1:]
    yield from (finding for finding in structure if finding not in legacy)


def nesting_problems(text: str) -> Iterator[tuple[int, str]]:
    """Lists and quotes nested deeper than the PDF (LaTeX) can print them."""
    return _nesting_problems(text, 0, ())


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
    for token, line in tokens_with_lines(text, 0):
        if token.type == "hr" and line not in top_lines:
            yield line, TRANSITION_NOT_IN_SECTION


def _duplicate_names(text: str) -> Iterator[tuple[int, str]]:
    """A label (``(name)=``) or a directive's ``:name:`` given twice in one page: docutils warns
    at the second, at its line for a label and with none (0) for a ``:name:`` (its node has
    no line yet when the name is noted)."""
    seen: set[str] = set()
    for token, line in tokens_with_lines(text, 0):
        if token.type == "myst_target":
            names = [(token.content, line)]
        elif token.type.endswith("fence") and directive_name(token) in DIRECTIVE_OPTIONS:
            if stopped(token):
                continue
            names = [(o.value, 0) for _, o in option_lines(token) if o.key == "name"]
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
    name = directive_name(token)
    if name is None:
        words = token.info.split()
        if token.type == "fence" and words:
            problem = language_problem(words[0], token.content)
            if problem:
                yield problem
        return
    if name not in _CODE_DIRECTIVES or stopped(token):
        return
    words = token.info.strip()[len(name) + 2 :].split()
    options = {o.key: o.value.strip() for _, o in option_lines(token)}
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


def _one_block_body(token: Token) -> tuple[Sequence[Token], str] | None:
    """A directive body's tokens and the type of its one top-level block ("" when it is not
    one block); None for an empty body."""
    body, _skipped = directive_body(token.content)
    if not body.strip():
        return None
    tokens = tokens_of(body)
    top = [t for t in tokens if t.level == 0 and t.nesting != -1]
    return tokens, top[0].type if len(top) == 1 else ""


def _list_table_problems(token: Token) -> Iterator[str]:
    """A ``{list-table}`` or ``{table}`` whose body docutils refuses (at the directive's
    line): not one bulleted list of rows, each a list of cells, the same number in each (or
    not one table); ``:widths:`` not one per column; header rows or stub columns that leave no
    body."""
    name = directive_name(token)
    if name == "table":
        yield from _table_problems(token)
    if name == "csv-table":
        yield from _csv_table_problems(token)
    if name != "list-table":
        return
    found = _one_block_body(token)
    if found is None:
        return  # refused as empty (NEEDS_CONTENT)
    tokens, block = found
    if block != "bullet_list_open":
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


def csv_data_message(name: str, error: str) -> str:
    """Why docutils' CSV reader refuses a table's rows: its words, on one line (docutils puts
    the reason on a line of its own and echoes the directive; the build says this instead,
    ``sphinxext/security.py``'s ``SafeCSVTable``)."""
    return f'Error with CSV data in "{name}" directive: {error}'


def _csv_rows(lines: list[str], options: Mapping[str, str]) -> list[list[str]] | str | None:
    """The rows docutils reads from a ``{csv-table}``'s lines (its ``DocutilsDialect``); the
    CSV reader's error if it refuses them; None when an option's value is refused (said
    already)."""
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
        reader = csv.reader((line + "\n" for line in lines), **settings)  # type: ignore[arg-type]
    except (ValueError, TypeError, csv.Error):
        return None
    try:
        return list(reader)
    except csv.Error as error:
        return str(error)


def _csv_table_problems(token: Token) -> Iterator[str]:
    """A ``{csv-table}`` whose rows docutils' CSV reader refuses (its header option's first,
    as docutils reads them), or whose header rows, stub columns or widths do not fit them."""
    options = {o.key: o.value.strip() for _, o in option_lines(token)}
    if "file" in options or "url" in options:
        return  # refused for the option (sphinxext/security.py)
    lines = directive_body(token.content)[0].split("\n")
    if lines and not lines[0].strip():
        lines = lines[1:]  # MyST drops one blank line after the options
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if not lines:
        return  # refused as empty (NEEDS_CONTENT)
    header = _csv_rows(options["header"].split("\n"), options) if "header" in options else []
    rows = _csv_rows(lines, options) if isinstance(header, list) else header
    for read in (header, rows):
        if isinstance(read, str):
            yield csv_data_message("csv-table", read)
            return
    if rows is None or header is None:
        return
    assert isinstance(rows, list) and isinstance(header, list)
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
    found = _one_block_body(token)
    if found is None:
        return  # refused as empty (NEEDS_CONTENT)
    tokens, block = found
    if block != "table_open":
        yield one_block_expected("table", "table")
        return
    first_row = next(i for i, t in enumerate(tokens) if t.type == "tr_close")
    columns = sum(t.type in {"th_open", "td_open"} for t in tokens[:first_row])
    options = {o.key: o.value for _, o in option_lines(token)}
    if "widths" in options and (
        problem := table_widths_problem("table", options["widths"], columns)
    ):
        yield problem


def _table_size_problems(name: str, token: Token, rows: list[int]) -> Iterator[str]:
    """``:widths:``, ``:header-rows:`` and ``:stub-columns:`` against the table's rows."""
    options = {o.key: o.value.strip() for _, o in option_lines(token)}
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
    if directive_name(token) != "tab-set":
        return
    body, skipped = directive_body(token.content)
    for child in tokens_of(body):
        if child.level != 0 or child.nesting == -1 or not child.map:
            continue
        if child.type in {"myst_target", "myst_line_comment"}:
            continue  # sphinx-design keeps a label (and drops a comment) without a word
        if directive_name(child) != "tab-item":
            yield line + skipped + child.map[0] + 1, TAB_SET_CHILD


#: A card's legacy header or footer line (``sphinx_design.cards.REGEX_HEADER``, ``_FOOTER``).
_LEGACY_SEPARATOR = re.compile(r"^(?:\^{3,}|\+{3,})\s*$")


#: What sphinx-design drops from a component's blocks without a word: comments and labels.
_IGNORED_BLOCKS = frozenset({"myst_target", "myst_line_comment"})


#: Directives that make a literal block (a tab of a ``{tab-set-code}``), without a caption.
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode"})


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
        and not stopped(token)
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
        name = directive_name(token)
        if name is None or name not in DIRECTIVE_OPTIONS or stopped(token):
            continue
        line = offset + token.map[0] + 1
        if name in NEEDS_CONTENT and empty_body(token, name, token.info.strip()[len(name) + 2 :]):
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
    elif name == "sidebar" and not first_line.strip() and "subtitle" in option_names(token):
        yield line, SUBTITLE_WITHOUT_TITLE
    if name in NO_CONTENT and not empty_body(token, name, first_line):
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
                if directive_name(child) not in allowed and not _refused_there(child)
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
        tabs = [child for child, _ in blocks if directive_name(child) == "tab-item"]
        selected = [tab for tab in tabs if "selected" in option_names(tab)]
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
        options = option_names(token)
        for slot in ("header", "footer"):
            slots = [n for child, n in blocks if directive_name(child) == f"card-{slot}"]
            if len(slots) > 1:
                yield slots[1], CARD_SLOT_TWICE.format(slot=slot)
            if slots and slot in options:
                yield line, CARD_SLOT_OPTION.format(slot=slot)


def _refused_there(child: Token) -> bool:
    """A topic or sidebar in a component: docutils refuses it with an error, which the
    component skips as it does every error message."""
    return directive_name(child) in {"topic", "sidebar"}


def _child_line(child: Token, line: int, parent_line: int) -> int:
    """The line the build gives a warning located at a component's block: the block's own,
    its parent's for a directive whose node has none (``UNLOCATED``), a table's first row."""
    name = directive_name(child)
    if name in UNLOCATED:
        return parent_line
    if name == "table":
        return line + 1 + directive_body(child.content)[1]
    return line


def _is_code(token: Token) -> bool:
    """Whether a block is a literal block: a code fence or an indented code block, or a code
    directive without a caption (with one Sphinx wraps it in a container)."""
    if token.type == "code_block" or (token.type == "fence" and directive_name(token) is None):
        return True
    return directive_name(token) in _CODE_DIRECTIVES and "caption" not in option_names(token)


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
        elif token.type.endswith("fence") and token.map and not stopped(token):
            name = directive_name(token)
            if name is None or name not in DIRECTIVE_OPTIONS or name in LITERAL_DIRECTIVES:
                continue
            body, skipped = directive_body(token.content)
            around = (*outer, *stack, *(("quote",) if name in _QUOTE_DIRECTIVES else ()))
            yield from _nesting_problems(body, offset + token.map[0] + 1 + skipped, around)
