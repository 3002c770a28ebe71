"""What an annotation body may contain: the refusals of the hardened build, made on the
markdown-it tokens MyST parses, so the checker gives the build's verdict without Sphinx.

The build refuses raw HTML, some directives, math, unsafe link schemes and remote images in
its doctree transforms (``sphinxext/security*.py``); the same rules, with the same messages from
:mod:`reading_edition.model.policy`, are applied here to the tokens those nodes are made from,
at the line MyST gives the node. The build calls :func:`body_findings` too, on every annotation
body, so a refusal is reported once, in one wording, whichever tool finds it. References are
checked as well: glossary terms (``{term}``), other documents (``{doc}`` and Markdown links to
``.md`` files). What the body's structure must be (directives' places and blocks, tables, code,
thematic breaks, nesting) is :mod:`reading_edition.text.body_structure`'s; a directive as MyST
reads it, :mod:`reading_edition.text.directive_tokens`'.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from markdown_it.token import Token

from reading_edition.model.annotation import moved_link_message
from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.policy import (
    EVAL_RST_MESSAGE,
    INVISIBLE,
    REFUSED_DIRECTIVES,
    REFUSED_LINK_TYPES,
    csv_option_message,
    file_link_path,
    is_remote,
    label_link_problem,
    link_type_message,
    math_message,
    raw_message,
    refused_directive_message,
    refused_link,
    remote_image_message,
)
from reading_edition.text.body_structure import block_problems, nesting_problems, page_problems
from reading_edition.text.directive_tokens import (
    DIRECTIVE,
    directive_name,
    empty_body,
    option_format_problem,
    option_lines,
    stopped,
    tokens_with_lines,
)
from reading_edition.text.fixes import (
    missing_page_message,
    unknown_document_message,
    unknown_term_message,
    with_fix,
)
from reading_edition.text.markup import (
    DIRECTIVE_OPTIONS,
    NEEDS_CONTENT,
    argument_count_problem,
    argument_problem,
    directive_problem,
    option_value_problem,
    role_problem,
    run_problem,
    unknown_option_message,
)
from reading_edition.text.reading_source import inline_words, parser, permissive_tokens, tokens_of

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
    #: Why a Markdown link to another file (``policy.file_link_path``) fails in the build, in
    #: its words (no such file, or one outside the sources), or None if it is a download.
    file_link_problem: Callable[[str, str], str | None] | None = None
    #: Why a local image's address names no readable file (Sphinx's words), or None if it does.
    missing_image: Callable[[str], str | None] | None = None
    #: Ids of moved annotations and the id each moved to: a link names the new one.
    moved: Mapping[str, str] = field(default_factory=dict)
    #: The ids of the annotations (their files, valid or not): a link's nearest is suggested.
    notes: tuple[str, ...] = ()
    #: The glossary's terms as written: an unknown term's nearest is suggested.
    term_names: tuple[str, ...] = ()


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
    for token, line in tokens_with_lines(text, 0):
        for message in _refusals(token):
            found.append(LocatedError(path, line, message))
        for message in _reference_problems(token, refs):
            found.append(LocatedError(path, line, message))
        # A component's image node has no line: Sphinx names the file only (line 0).
        found += [LocatedError(path, 0, m) for m in _component_image_problems(token, refs)]
        if parser_warnings and token.type in {"fence", "colon_fence"}:
            found += [LocatedError(path, n, m) for n, m in _option_problems(token, line)]
            found += [LocatedError(path, n, m) for n, m in block_problems(token, line)]
    if parser_warnings:
        found += [LocatedError(path, n, m) for n, m in page_problems(text)]
    if _DROPPED_HINT.search(INVISIBLE.sub("", text)):
        found += [LocatedError(path, n, m) for n, m in _dropped_links(text)]
    found += [LocatedError(path, n, m) for n, m in _first_block_problems(text)]
    found += [LocatedError(path, n, m) for n, m in nesting_problems(text)]
    if parser_warnings:
        found += [LocatedError(path, n, m) for n, m in _heading_problems(text)]
    # One message per line and problem, as the build reports it (``refusals.report``); the
    # parser's words with the edition's fix, as the build gives them (``text/fixes.py``).
    unique = {(e.line, e.message): e for e in found}
    unique = {key: LocatedError(e.path, e.line, with_fix(e.message)) for key, e in unique.items()}
    return sorted(unique.values(), key=lambda e: e.line)


def _dropped_links(text: str) -> Iterator[tuple[int, str]]:
    """Links markdown-it refuses to make (``javascript:``, ``vbscript:``, ``file:``, most
    ``data:``): it publishes them as their literal text, so the reader would find
    ``[…](javascript:…)`` in the page. Found by parsing again with every link kept."""
    validate = parser().validateLink
    for token, line in tokens_with_lines(text, 0, permissive_tokens):
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


def _option_problems(token: Token, line: int) -> Iterator[tuple[int, str]]:
    """An argument the directive refuses, at its line (sphinx-design's error); options it does
    not take, or values it refuses, at the option's line (MyST's warnings); a value it refuses
    when it runs, at its line (docutils' error)."""
    match = DIRECTIVE.match(token.info.strip())
    if match is None:
        return
    name, first_line = match.group(1), token.info.strip()[match.end() :]
    if DIRECTIVE_OPTIONS.get(name) and (unreadable := option_format_problem(token)):
        yield line + unreadable[0], f"{name!r}: {unreadable[1]}"
    if refused := argument_count_problem(name, first_line):
        yield line, refused
        return  # MyST stops there: no word of the options
    if refused := argument_problem(name, first_line):
        yield line, refused
    elif name in NEEDS_CONTENT and empty_body(token, name, first_line):
        yield line, NEEDS_CONTENT[name]
    if not DIRECTIVE_OPTIONS.get(name):
        return  # MyST reads options only for directives that take some
    for offset, option in option_lines(token):
        key, value = option
        if key not in DIRECTIVE_OPTIONS[name]:
            yield line + offset, unknown_option_message(name, key)
        elif refused := option_value_problem(name, key, value):
            yield line + offset, refused
        elif refused := run_problem(name, key, value):
            yield line, refused


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
        href = str(token.attrs.get("href", ""))
        problem = refused_link(href) or label_link_problem(href)
        if problem:
            yield problem
    elif token.type == "image":
        src = str(token.attrs.get("src", ""))
        if is_remote(src):
            yield remote_image_message(src)
    elif token.type in {"fence", "colon_fence"}:
        yield from _directive_refusals(token)


def _directive_refusals(token: Token) -> Iterator[str]:
    match = DIRECTIVE.match(token.info.strip())
    if match is None:
        return
    name = match.group(1)
    argument = token.info.strip()[match.end() :].strip()
    options = {o.key: o.value.strip() for _, o in option_lines(token)}
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
    if (link_type := _link_type(name, options)) and link_type[1] in REFUSED_LINK_TYPES:
        yield link_type_message(*link_type)
    if name in _LINK_ARGUMENTS:
        problem = refused_link(argument)
        if problem:
            yield problem
    for option, value in options.items():
        if option in _LINK_OPTIONS:
            problem = refused_link(value)
            if problem:
                yield problem
    for _, written in option_lines(token):
        image = written.value.strip()
        if written.key in _IMAGE_OPTIONS and is_remote(image) and not refused_link(image):
            yield remote_image_message(image)


def _link_type(name: str, options: Mapping[str, str]) -> tuple[str, str] | None:
    """A sphinx-design component's link type, as (option, value) with the directive's default:
    ``button-ref`` links ``any`` unless told, a card ``url``."""
    if name == "button-ref":
        return "ref-type", options.get("ref-type", "any")
    if name in {"card", "grid-item-card"} and "link-type" in options:
        return "link-type", options["link-type"]
    return None


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
        match = DIRECTIVE.match(token.info.strip())
        if match and match.group(1) in {"image", "figure"}:
            return token.info.strip()[match.end() :].strip()
    return None


def _doc_link(token: Token) -> str | None:
    """The page a sphinx-design component links to as a document, as ``{doc}`` does: a
    ``{button-ref}`` with ``:ref-type: doc``, a card with ``:link-type: doc`` (the other
    link types, by label, are refused: :func:`_link_type`)."""
    name = directive_name(token)
    if name not in {"button-ref", "card", "grid-item-card"} or stopped(token):
        return None
    options = {o.key: o.value.strip() for _, o in option_lines(token)}
    if name == "button-ref" and options.get("ref-type") == "doc":
        return token.info.strip()[len(name) + 2 :].strip() or None
    if name != "button-ref" and options.get("link-type") == "doc":
        return options.get("link") or None
    return None


def _component_image_problems(token: Token, refs: References) -> Iterator[str]:
    """A card's image or the article info's avatar that names no readable file."""
    if refs.missing_image is None or not token.type.endswith("fence") or stopped(token):
        return
    if directive_name(token) not in {"card", "grid-item-card", "article-info"}:
        return
    for _, option in option_lines(token):
        image = option.value.strip()
        local = option.key in _IMAGE_OPTIONS and image and not is_remote(image)
        if local and (problem := refs.missing_image(image)):
            yield problem


def _reference_problems(token: Token, refs: References) -> Iterator[str]:
    address = _image_address(token)
    if address and refs.missing_image is not None and not is_remote(address) and not stopped(token):
        problem = refs.missing_image(address)
        if problem:
            yield problem
    if (target := _doc_link(token)) is not None and refs.document_exists is not None:
        docname = _docname(target, refs.folder)
        if docname is not None and not refs.document_exists(docname):
            yield unknown_document_message(target, refs.notes)
        elif docname is not None:
            yield from _moved_link(docname, target, refs)
    if token.type == "myst_role":
        name = token.meta.get("name")
        content = token.content
        target_match = _ROLE_TARGET.search(content)
        target = (target_match.group(1) if target_match else content).strip()
        if name == "term" and refs.terms is not None and target.casefold() not in refs.terms:
            yield unknown_term_message(target, refs.term_names)
        elif name == "doc" and refs.document_exists is not None:
            docname = _docname(target, refs.folder)
            if docname is not None and not refs.document_exists(docname):
                yield unknown_document_message(target, refs.notes)
            elif docname is not None:
                yield from _moved_link(docname, target, refs)
    elif token.type == "link_open" and refs.document_exists is not None:
        href = str(token.attrs.get("href", ""))
        path = file_link_path(href)
        if path is not None and refs.file_link_problem is not None:
            problem = refs.file_link_problem(path, href)
            yield from [problem] if problem else []
        if href.endswith(".md") and "://" not in href and not href.startswith("mailto:"):
            docname = _docname(href.removesuffix(".md"), refs.folder)
            on_disk = refs.path_is_document is not None and refs.path_is_document(href)
            if not on_disk and (docname is None or not refs.document_exists(docname)):
                yield missing_page_message(href, refs.notes)
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
