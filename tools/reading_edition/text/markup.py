"""The directives an annotation body is likely to use and the options each accepts, as the
edition's build registers them (docutils, Sphinx, sphinx-design): the checker gives the parser's
verdict on an unknown option without starting Sphinx. ``tests/test_one_verdict.py`` compares
this table with the live directives' ``option_spec``, so an upgrade that changes one fails there.

:data:`OPTION_VALUES` and :data:`ARGUMENT_VALUES` are the converters the build runs on option
values and on the two arguments sphinx-design checks, so the checker refuses a value (``13``
columns, ``:color: neon``) at its line, in the build's words; the same test runs each against
the live converter.

:data:`PARENTS`, :data:`CHILDREN` and the rules after them are what directives check of their
place and their blocks when they run (a grid item outside a grid, a carousel's block that is not
a card, an ``hlist`` that is not one list, a table docutils refuses), in the build's words;
``text/body_structure.py`` applies them to the tokens.

The same tables are the edition's allowlist for annotation bodies (:data:`ANNOTATION_ROLES`,
:data:`ANNOTATION_DIRECTIVES`): the checker refuses any other role or directive, and so does the
build (``sphinxext/security_renderer.py``), with one message naming what a body may use.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import cast

from docutils.parsers.rst import directives
from docutils.parsers.rst.directives import images, tables

from reading_edition.model.policy import REFUSED_DIRECTIVES

# Option sets that upstream declares once for several directives are written once here too.
#: docutils' admonitions (and Sphinx's ``seealso``) share one ``option_spec``.
_ADMONITION = frozenset(["class", "collapsible", "name"])
_ADMONITIONS = (
    "admonition",
    "attention",
    "caution",
    "danger",
    "error",
    "hint",
    "important",
    "note",
    "tip",
    "warning",
    "seealso",
)
#: Sphinx registers one directive as both ``code-block`` and ``sourcecode``.
_CODE_BLOCK = frozenset(
    ["caption", "class", "dedent", "emphasize-lines", "force", "lineno-start", "linenos", "name"]
)
#: sphinx-design's card; ``grid-item-card`` takes these and its grid item's own.
_CARD = frozenset(
    [
        "class-body",
        "class-card",
        "class-footer",
        "class-header",
        "class-img-bottom",
        "class-img-top",
        "class-title",
        "footer",
        "header",
        "img-alt",
        "img-background",
        "img-bottom",
        "img-top",
        "link",
        "link-alt",
        "link-new-tab",
        "link-type",
        "margin",
        "shadow",
        "text-align",
        "width",
    ]
)
#: sphinx-design's ``button-link`` and ``button-ref`` share one base directive's options.
_BUTTON = frozenset(
    [
        "align",
        "class",
        "click-parent",
        "color",
        "expand",
        "new-tab",
        "outline",
        "ref-type",
        "shadow",
        "tooltip",
    ]
)

#: Directive name: the options it accepts (a directive not listed here is not checked).
DIRECTIVE_OPTIONS: dict[str, frozenset[str]] = {
    **dict.fromkeys(_ADMONITIONS, _ADMONITION),
    "topic": frozenset(["class", "name"]),
    "rubric": frozenset(["class", "heading-level", "name"]),
    "epigraph": frozenset(),
    "highlights": frozenset(),
    "pull-quote": frozenset(),
    "compound": frozenset(["class", "name"]),
    "container": frozenset(["name"]),
    "table": frozenset(["align", "class", "name", "width", "widths"]),
    "list-table": frozenset(
        ["align", "class", "header-rows", "name", "stub-columns", "width", "widths"]
    ),
    "csv-table": frozenset(
        [
            "align",
            "class",
            "delim",
            "encoding",
            "escape",
            "file",
            "header",
            "header-rows",
            "keepspace",
            "name",
            "quote",
            "stub-columns",
            "url",
            "width",
            "widths",
        ]
    ),
    "image": frozenset(
        ["align", "alt", "class", "height", "loading", "name", "scale", "target", "width"]
    ),
    "figure": frozenset(
        [
            "align",
            "alt",
            "class",
            "figclass",
            "figname",
            "figwidth",
            "height",
            "loading",
            "name",
            "scale",
            "target",
            "width",
        ]
    ),
    "code-block": _CODE_BLOCK,
    "code": frozenset(["class", "force", "name", "number-lines"]),
    "sourcecode": _CODE_BLOCK,
    "versionadded": frozenset(),
    "versionchanged": frozenset(),
    "deprecated": frozenset(),
    "centered": frozenset(),
    "hlist": frozenset(["columns"]),
    "line-block": frozenset(["class", "name"]),
    "parsed-literal": frozenset(["class", "name"]),
    "sidebar": frozenset(["class", "name", "subtitle"]),
    "card": _CARD,
    "grid": frozenset(
        ["class-container", "class-row", "gutter", "margin", "outline", "padding", "reverse"]
    ),
    "grid-item": frozenset(
        ["child-align", "child-direction", "class", "columns", "margin", "outline", "padding"]
    ),
    "grid-item-card": _CARD | {"class-item", "columns", "padding"},
    "tab-set": frozenset(["class", "orientation", "sync-group"]),
    "tab-item": frozenset(
        ["class-container", "class-content", "class-label", "name", "selected", "sync"]
    ),
    "tab-set-code": frozenset(["class-item", "class-set", "no-sync", "orientation", "sync-group"]),
    "dropdown": frozenset(
        [
            "animate",
            "chevron",
            "class-body",
            "class-container",
            "class-title",
            "color",
            "icon",
            "margin",
            "name",
            "open",
        ]
    ),
    "button-link": _BUTTON,
    "button-ref": _BUTTON,
    "card-carousel": frozenset(["class"]),
    "article-info": frozenset(
        [
            "author",
            "avatar",
            "avatar-alt",
            "avatar-link",
            "avatar-outline",
            "class-avatar",
            "class-container",
            "date",
            "read-time",
        ]
    ),
    "div": frozenset(["name", "style"]),
    "card-header": frozenset(["class"]),
    "card-footer": frozenset(["class"]),
}


# The converters of option and argument values, as the build runs them. docutils' own are
# reused (plain functions; docutils is not Sphinx). Sphinx's and sphinx-design's cannot be
# imported here (the checker runs without Sphinx: an import-linter contract), so they are
# mirrored, each naming the upstream function; ``tests/test_one_verdict.py`` runs every
# mirror and the live converter on the same values and wants the same verdict and words.
Converter = Callable[[str | None], object]


def needs_value(converter: Converter) -> Converter:
    """``converter``, refusing an empty value in docutils' words (``unchanged_required``).

    docutils' ``single_char_or_unicode`` (``csv-table``'s ``delim``, ``quote``, ``escape``) and
    ``Figure.figwidth_value`` raise AttributeError on an empty value, which MyST does not catch:
    the build stopped with a traceback. The build's directives use this wrapper too
    (``sphinxext/security.py``), so both refuse the empty value with these words.
    """

    def required(argument: str | None) -> object:
        if argument is None:
            raise ValueError("argument required but none supplied")
        return converter(argument)

    return required


def _choice(choices: Sequence[str]) -> Converter:
    """Mirrors ``sphinx_design.shared.make_choice``."""
    return lambda argument: directives.choice(argument, choices)


def _collapsible(argument: str | None) -> str:
    """Mirrors ``sphinx.directives.admonitions._collapsible_arg``."""
    if argument is None:
        return "open"
    if (value := argument.lower().strip()) in {"open", "closed"}:
        return value
    raise ValueError(f'"{argument}" unknown; choose from "open" or "closed".')


def _optional_int(argument: str | None) -> int | None:
    """Mirrors ``sphinx.directives.optional_int``."""
    if argument is None:
        return None
    value = int(argument)
    if value < 0:
        raise ValueError("negative value; must be positive or zero")
    return value


def _int(argument: str | None) -> int:
    """The builtin ``int``, as Sphinx uses it (``lineno-start``): an
    empty value (None) raises int's own TypeError, as in the build."""
    return int(cast(str, argument))


def _margin_or_padding(argument: str | None, allowed: Sequence[str]) -> list[str]:
    """Mirrors ``sphinx_design.shared._margin_or_padding_option`` (the values' verdict)."""
    if argument is None:
        raise ValueError("argument required but none supplied")
    values = argument.split()
    for value in values:
        if value not in allowed:
            raise ValueError(f"{value} is not in: {tuple(allowed)}")
    if len(values) not in {1, 4}:
        raise ValueError("argument must be one (all) or four (top bottom left right) integers")
    return values


def _margin(argument: str | None) -> list[str]:
    """Mirrors ``sphinx_design.shared.margin_option``."""
    return _margin_or_padding(argument, ("auto", "0", "1", "2", "3", "4", "5"))


def _padding(argument: str | None) -> list[str]:
    """Mirrors ``sphinx_design.shared.padding_option``."""
    return _margin_or_padding(argument, ("0", "1", "2", "3", "4", "5"))


def _text_align(argument: str | None) -> str:
    """Mirrors ``sphinx_design.shared.text_align``."""
    return directives.choice(argument, ["left", "right", "center", "justify"])


def _media(argument: str | None, *, allow_auto: bool, low: int, high: int) -> list[str]:
    """Mirrors ``sphinx_design.grids._media_option``: one or four (xs sm md lg) values."""
    message = (
        "argument must be 1 or 4 (xs sm md lg) values, and each value should be "
        f"{'either auto or ' if allow_auto else ''}an integer from {low} to {high}"
    )
    values = (argument or "").split()
    if len(values) not in {1, 4}:
        raise ValueError(message)
    for value in values:
        if allow_auto and value == "auto":
            continue
        try:
            number = int(value)
        except ValueError as exc:
            raise ValueError(message) from exc
        if not low <= number <= high:
            raise ValueError(message)
    return values


def _columns(argument: str | None) -> list[str]:
    """Mirrors ``sphinx_design.grids.row_columns_option`` and ``item_columns_option``."""
    return _media(argument, allow_auto=True, low=1, high=12)


def _gutter(argument: str | None) -> list[str]:
    """Mirrors ``sphinx_design.grids.gutter_option``."""
    return _media(argument, allow_auto=False, low=0, high=5)


def octicon(argument: str | None) -> str:
    """A dropdown's ``icon``: one of sphinx-design's octicon names, with the nearest name when
    it is not. sphinx-design's own converter (``make_choice(list_octicons())``) lists all 409
    names; the build's dropdown uses this one (``sphinxext/directive_values.py``), so check
    and build say the same short words.

    The names come from sphinx-design's public ``sphinx_design.icons.list_octicons``, imported
    here only when a dropdown has an icon: the import loads Sphinx (a fifth of a second), which
    the checker otherwise never does (the import contract's one exception, pyproject.toml).
    """
    from sphinx_design.icons import list_octicons

    names = list_octicons()
    value = (argument or "").strip()
    if value in names:
        return value
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6) if value else []
    advice = (
        f'did you mean "{close[0]}"?'
        if close
        else f'use one of sphinx-design\'s {len(names)} octicons, such as "info" or "alert".'
    )
    if not value:
        raise ValueError(f"must supply an octicon name; {advice}")
    raise ValueError(f'"{value}" is not an octicon name; {advice}')


#: sphinx-design's semantic colours (``sphinx_design.shared.SEMANTIC_COLORS``).
SEMANTIC_COLOURS = (
    "primary",
    "secondary",
    "success",
    "info",
    "warning",
    "danger",
    "light",
    "muted",
    "dark",
    "white",
    "black",
)
_ADMONITION_VALUES: dict[str, Converter] = {
    "class": directives.class_option,
    "collapsible": _collapsible,
    "name": directives.unchanged,
}
_CLASS_NAME: dict[str, Converter] = {
    "class": directives.class_option,
    "name": directives.unchanged,
}
#: ``docutils.parsers.rst.directives.tables``: the options every table directive shares
#: (``table`` takes ``:widths: grid`` too).
_TABLE_VALUES: dict[str, Converter] = {
    **_CLASS_NAME,
    "align": tables.align,
    "width": directives.length_or_percentage_or_unitless,
    "widths": directives.value_or(("auto",), directives.positive_int_list),
}
_IMAGE_VALUES: dict[str, Converter] = {
    **_CLASS_NAME,
    "align": images.Image.align,
    "alt": directives.unchanged,
    "height": directives.length_or_unitless,
    "loading": images.Image.loading,
    "scale": directives.percentage,
    "target": directives.unchanged_required,
    "width": directives.length_or_percentage_or_unitless,
}
#: ``sphinx.directives.code.CodeBlock``.
_CODE_BLOCK_VALUES: dict[str, Converter] = {
    **_CLASS_NAME,
    "caption": directives.unchanged_required,
    "dedent": _optional_int,
    "emphasize-lines": directives.unchanged_required,
    "force": directives.flag,
    "lineno-start": _int,
    "linenos": directives.flag,
}
#: ``sphinx_design.cards.CardDirective``.
_CARD_VALUES: dict[str, Converter] = {
    **{option: directives.class_option for option in _CARD if option.startswith("class-")},
    "footer": directives.unchanged,
    "header": directives.unchanged,
    "img-alt": directives.unchanged,
    "img-background": directives.uri,
    "img-bottom": directives.uri,
    "img-top": directives.uri,
    "link": directives.unchanged_required,
    "link-alt": directives.unchanged,
    "link-new-tab": directives.flag,
    "link-type": _choice(["url", "any", "ref", "doc"]),
    "margin": _margin,
    "shadow": _choice(["none", "sm", "md", "lg"]),
    "text-align": _text_align,
    "width": _choice(["auto", "25%", "50%", "75%", "100%"]),
}
#: ``sphinx_design.badges_buttons._ButtonDirective``.
_BUTTON_VALUES: dict[str, Converter] = {
    "align": _text_align,
    "class": directives.class_option,
    "click-parent": directives.flag,
    "color": _choice(SEMANTIC_COLOURS),
    "expand": directives.flag,
    "new-tab": directives.flag,
    "outline": directives.flag,
    "ref-type": _choice(["any", "ref", "doc", "myst"]),
    "shadow": directives.flag,
    "tooltip": directives.unchanged_required,
}
_ORIENTATIONS = _choice(("horizontal", "vertical"))  # sphinx_design.tabs.ORIENTATIONS

#: Directive name: option: the converter the build runs on its value (MyST reads an empty value
#: as None, and any value of a ``flag`` as None). Same keys as :data:`DIRECTIVE_OPTIONS`.
OPTION_VALUES: dict[str, dict[str, Converter]] = {
    **dict.fromkeys(_ADMONITIONS, _ADMONITION_VALUES),
    "topic": _CLASS_NAME,
    "rubric": {  # sphinx.directives.patches.Rubric
        **_CLASS_NAME,
        "heading-level": _choice(("1", "2", "3", "4", "5", "6")),
    },
    "epigraph": {},
    "highlights": {},
    "pull-quote": {},
    "compound": _CLASS_NAME,
    "container": {"name": directives.unchanged},
    "table": {
        **_TABLE_VALUES,
        "widths": directives.value_or(("auto", "grid"), directives.positive_int_list),
    },
    "list-table": {
        **_TABLE_VALUES,
        "header-rows": directives.nonnegative_int,
        "stub-columns": directives.nonnegative_int,
    },
    "csv-table": {
        **_TABLE_VALUES,
        "delim": needs_value(directives.single_char_or_whitespace_or_unicode),
        "encoding": directives.encoding,
        "escape": needs_value(directives.single_char_or_unicode),
        "file": directives.path,
        "header": directives.unchanged,
        "header-rows": directives.nonnegative_int,
        "keepspace": directives.flag,
        "quote": needs_value(directives.single_char_or_unicode),
        "stub-columns": directives.nonnegative_int,
        "url": directives.uri,
    },
    "image": _IMAGE_VALUES,
    "figure": {
        **_IMAGE_VALUES,
        "align": images.Figure.align,
        "figclass": directives.class_option,
        "figname": directives.unchanged,
        "figwidth": needs_value(images.Figure.figwidth_value),
    },
    "code-block": _CODE_BLOCK_VALUES,
    "code": {  # sphinx.directives.patches.Code
        **_CLASS_NAME,
        "force": directives.flag,
        "number-lines": _optional_int,
    },
    "sourcecode": _CODE_BLOCK_VALUES,
    "versionadded": {},
    "versionchanged": {},
    "deprecated": {},
    "centered": {},
    # sphinx.directives.other.HList takes any int; the build's takes 1 or more, as here (0 stopped
    # the build with ZeroDivisionError; a negative number published no list).
    "hlist": {"columns": directives.positive_int},
    "line-block": _CLASS_NAME,
    "parsed-literal": _CLASS_NAME,
    "sidebar": {**_CLASS_NAME, "subtitle": directives.unchanged_required},
    "card": _CARD_VALUES,
    "grid": {  # sphinx_design.grids.GridDirective
        "class-container": directives.class_option,
        "class-row": directives.class_option,
        "gutter": _gutter,
        "margin": _margin,
        "outline": directives.flag,
        "padding": _padding,
        "reverse": directives.flag,
    },
    "grid-item": {  # sphinx_design.grids.GridItemDirective
        "child-align": _choice(["start", "end", "center", "justify", "spaced"]),
        "child-direction": _choice(["column", "row"]),
        "class": directives.class_option,
        "columns": _columns,
        "margin": _margin,
        "outline": directives.flag,
        "padding": _padding,
    },
    "grid-item-card": {  # sphinx_design.grids.GridItemCardDirective
        **_CARD_VALUES,
        "class-item": directives.class_option,
        "columns": _columns,
        "padding": _padding,
    },
    "tab-set": {  # sphinx_design.tabs.TabSetDirective
        "class": directives.class_option,
        "orientation": _ORIENTATIONS,
        "sync-group": directives.unchanged_required,
    },
    "tab-item": {  # sphinx_design.tabs.TabItemDirective
        "class-container": directives.class_option,
        "class-content": directives.class_option,
        "class-label": directives.class_option,
        "name": directives.unchanged,
        "selected": directives.flag,
        "sync": directives.unchanged_required,
    },
    "tab-set-code": {  # sphinx_design.tabs.TabSetCodeDirective
        "class-item": directives.class_option,
        "class-set": directives.class_option,
        "no-sync": directives.flag,
        "orientation": _ORIENTATIONS,
        "sync-group": directives.unchanged_required,
    },
    "dropdown": {  # sphinx_design.dropdown.DropdownDirective
        "animate": _choice(("fade-in", "fade-in-slide-down")),
        "chevron": _choice(("right-down", "down-up")),
        "class-body": directives.class_option,
        "class-container": directives.class_option,
        "class-title": directives.class_option,
        "color": _choice(SEMANTIC_COLOURS),
        "icon": octicon,
        "margin": _margin,
        "name": directives.unchanged,
        "open": directives.flag,
    },
    "button-link": _BUTTON_VALUES,
    "button-ref": _BUTTON_VALUES,
    "card-carousel": {"class": directives.class_option},
    "article-info": {  # sphinx_design.article_info.ArticleInfoDirective
        "author": directives.unchanged_required,
        "avatar": directives.uri,
        "avatar-alt": directives.unchanged,
        "avatar-link": directives.uri,
        "avatar-outline": _choice(SEMANTIC_COLOURS),
        "class-avatar": directives.class_option,
        "class-container": directives.class_option,
        "date": directives.unchanged_required,
        "read-time": directives.unchanged_required,
    },
    "div": {"name": directives.unchanged, "style": directives.unchanged},
    "card-header": {"class": directives.class_option},
    "card-footer": {"class": directives.class_option},
}
#: Directive name: the converter its argument goes through when the directive runs (the
#: others take any words): ``sphinx_design.cards.CardCarouselDirective`` (a column count,
#: ``make_choice`` of 1 to 12) and ``sphinx_design.grids.GridDirective`` (``row_columns_option``).
ARGUMENT_VALUES: dict[str, Converter] = {
    "card-carousel": lambda argument: directives.choice(
        (argument or "").strip(), [str(i) for i in range(1, 13)]
    ),
    "grid": _columns,
}


#: Directive name: (required, optional, last-takes-spaces) arguments, the directive class's
#: ``required_arguments``, ``optional_arguments`` and ``final_argument_whitespace``, which MyST
#: counts the words of the first line against (``parse_directive_arguments``). A directive not
#: listed takes none: MyST reads its first line as the first line of its body.
ARGUMENT_COUNTS: dict[str, tuple[int, int, bool]] = {
    **dict.fromkeys(("admonition", "topic", "rubric", "image", "figure"), (1, 0, True)),
    **dict.fromkeys(("centered", "tab-item", "button-link", "button-ref"), (1, 0, True)),
    **dict.fromkeys(("versionadded", "versionchanged", "deprecated"), (1, 1, True)),
    **dict.fromkeys(("container", "table", "list-table", "csv-table", "sidebar"), (0, 1, True)),
    **dict.fromkeys(("card", "grid", "grid-item-card", "dropdown", "div"), (0, 1, True)),
    **dict.fromkeys(("code-block", "code", "sourcecode"), (0, 1, False)),
    "card-carousel": (1, 0, False),
}


def argument_count_problem(directive: str, first_line: str) -> str | None:
    """MyST's words for a directive given too few or too many arguments (it then does not run
    the directive, nor report its options), or None."""
    required, optional, spaces = ARGUMENT_COUNTS.get(directive, (0, 0, False))
    if not required and not optional:
        return None
    count = len(first_line.split())
    if count < required:
        return f"Directive {directive!r}: {required} argument(s) required, {count} supplied"
    if count > required + optional and not spaces:
        return (
            f"Directive {directive!r}: maximum {required + optional} argument(s) allowed, "
            f"{count} supplied"
        )
    return None


#: Directives that refuse an empty body when they run, each with its words: docutils'
#: ``Directive.assert_has_content`` (its admonitions, body elements and tables; Sphinx's
#: ``code`` and sphinx-design's grid, tab set, tab item, carousel, card header and footer call
#: it too), and the list and CSV tables' own. ``tests/test_one_verdict.py`` builds every
#: directive of the allowlist empty and wants exactly these refused.
NEEDS_CONTENT: dict[str, str] = {
    name: f'Content block expected for the "{name}" directive; none found.'
    for name in (
        *_ADMONITIONS,
        *("topic", "epigraph", "highlights", "pull-quote", "compound", "container", "table"),
        *("line-block", "parsed-literal", "sidebar", "grid", "tab-set", "tab-item"),
        *("tab-set-code", "card-carousel", "card-header", "card-footer", "code"),
    )
} | {
    "list-table": 'The "list-table" directive is empty; content required.',
    "csv-table": 'The "csv-table" directive requires content; none supplied.',
}


#: sphinx-design's warning suffix: its messages carry their type, as the build prints them.
def _design(message: str, kind: str) -> str:
    return f"{message} [design.{kind}]"


_GRID_PARENT = _design("The parent of a 'grid-item' should be a 'grid-row'", "grid")
_CARD_PARENT = "The parent of a 'card-{slot}' should be a 'card' or 'grid-item-card'"
#: Directive: (the directives it must sit directly in, the build's words when it does not).
#: sphinx-design warns when it runs (``GridItemDirective``, ``GridItemCardDirective``,
#: ``TabItemDirective``, ``_CardSlotDirective``: the directive's parse parent).
PARENTS: dict[str, tuple[frozenset[str], str]] = {
    "grid-item": (frozenset({"grid"}), _GRID_PARENT),
    "grid-item-card": (frozenset({"grid"}), _GRID_PARENT),
    "tab-item": (
        frozenset({"tab-set"}),
        _design("The parent of a 'tab-item' should be a 'tab-set'", "tab"),
    ),
    **{
        f"card-{slot}": (
            frozenset({"card", "grid-item-card"}),
            _design(_CARD_PARENT.format(slot=slot), "card"),
        )
        for slot in ("header", "footer")
    },
}
#: Directive: (the directives its blocks must be, the build's words at the first that is not).
#: sphinx-design checks the blocks directly in it when it runs (``CardCarouselDirective``,
#: ``GridDirective``) and warns once, at the first other block; comments and labels aside.
#: (A tab set's blocks are checked in ``body_rules``: it warns at each and drops them.)
CHILDREN: dict[str, tuple[frozenset[str], str]] = {
    "card-carousel": (
        frozenset({"card"}),
        _design("All children of a 'card-carousel' should be 'card'", "card"),
    ),
    "grid": (
        frozenset({"grid-item", "grid-item-card"}),
        _design("All children of a 'grid-row' should be 'grid-item'", "grid"),
    ),
}
#: Directives whose node carries no line of its own: a warning located at one is printed at
#: its parent's line. (Sphinx's ``rubric`` had none and ``parsed-literal`` line 1: the build
#: gives them the directive's line, ``sphinxext/locations.py``.)
UNLOCATED = frozenset(
    {"centered", "csv-table", "epigraph", "grid-item-card", "highlights", "hlist"}
    | {"list-table", "pull-quote", "tab-item"}
)
#: ``sphinx.directives.other.HList``: its body must be one bulleted list (at its line).
HLIST_NOT_A_LIST = ".. hlist content is not a list"
#: ``sphinx_design.tabs.TabSetCodeDirective``: only code blocks (at the set's line).
TAB_SET_CODE_CHILD = _design(
    "All children of a 'tab-code-set' should be a 'literal_block'", "tab_code"
)
#: ``sphinx_design.tabs.TabSetHtmlTransform``: one tab selected (at the set's line).
TABS_SELECTED = _design("Multiple selected 'tab-item' directives", "tab")
#: ``sphinx_design.cards.CardDirective``: a second header or footer block is merged (at its
#: line); a ``:header:`` or ``:footer:`` option beside a block of its kind is ignored.
CARD_SLOT_TWICE = _design(
    "Card has multiple 'card-{slot}' directives; merging them into one", "card"
)
CARD_SLOT_OPTION = _design(
    "Card ':{slot}:' option ignored: a 'card-{slot}' directive (or '^^^'/'+++' separator) is "
    "also present, which takes precedence",
    "card",
)
#: docutils' ``BasePseudoSection`` and ``Sidebar``: a topic or sidebar only at the body's top
#: level (a topic in a sidebar too), and a sidebar's subtitle only with a title.
PSEUDO_SECTION_NESTED = 'The "{name}" directive may not be used within topics or body elements.'
SIDEBAR_IN_SIDEBAR = 'The "sidebar" directive may not be used within a sidebar element.'
SUBTITLE_WITHOUT_TITLE = 'The "subtitle" option may not be used without a title.'


#: sphinx-design's deprecation of a card's ``^^^``/``+++`` lines (``CardDirective``, once a
#: page, at the first card whose body has one, code included).
CARD_LEGACY = _design(
    "The '^^^'/'+++' card header/footer separators are deprecated; use the "
    "'card-header'/'card-footer' directives instead (see "
    "https://sphinx-design.readthedocs.io/en/latest/cards.html#legacy-separator-syntax; "
    'silence with suppress_warnings=["design.card_legacy"]; once every card is migrated, set '
    "sd_card_legacy_separators=False)",
    "card_legacy",
)
#: docutils' ``Figure``: the first block of a figure's body is its caption.
FIGURE_CAPTION = "Figure caption must be a paragraph or empty comment."


def one_block_expected(directive: str, block: str) -> str:
    """docutils' words for a table directive whose body is not one table (``RSTTable``) or one
    bulleted list (``ListTable.check_list_content``)."""
    return (
        f'Error parsing content block for the "{directive}" directive: exactly one {block} '
        "expected."
    )


def list_table_row_problem(row: int) -> str:
    """docutils' words for a list table's row that is not a list of cells."""
    return (
        'Error parsing content block for the "list-table" directive: two-level bullet list '
        f"expected, but row {row} does not contain a second-level bullet list."
    )


def table_widths_problem(directive: str, widths: str, columns: int) -> str | None:
    """docutils' words for ``:widths:`` that do not give every column one (``Table``'s
    ``get_column_widths``), or None."""
    try:
        value = OPTION_VALUES[directive]["widths"](widths.strip() or None)
    except (ValueError, TypeError):
        return None  # refused as a value already
    if isinstance(value, list) and len(value) != columns:
        return f'"{directive}" widths do not match the number of columns in table ({columns}).'
    return None


def table_dimensions_problem(
    directive: str, rows: Sequence[int], header_rows: int, stub_columns: int
) -> str | None:
    """docutils' words for header rows or stub columns that leave no body (``Table``'s
    ``check_table_dimensions``); ``rows`` is the number of cells of each row."""
    if len(rows) < header_rows:
        return (
            f"{header_rows} header row(s) specified but only {len(rows)} row(s) of data "
            f'supplied ("{directive}" directive).'
        )
    if len(rows) == header_rows > 0:
        return (
            f"Insufficient data supplied ({len(rows)} row(s)); no data remaining for table "
            f'body, required by "{directive}" directive.'
        )
    for cells in rows:
        if cells < stub_columns:
            return (
                f"{stub_columns} stub column(s) specified but only {cells} columns(s) of data "
                f'supplied ("{directive}" directive).'
            )
        if cells == stub_columns > 0:
            return (
                f"Insufficient data supplied ({cells} columns(s)); no data remaining for table "
                f'body, required by "{directive}" directive.'
            )
    return None


#: Directives that take no body (``has_content`` is false): MyST warns of one at their line.
#: ``tests/test_one_verdict.py`` compares the set with the live directives.
NO_CONTENT = frozenset({"rubric", "image", "centered", "article-info"})


def no_content_message(directive: str) -> str:
    """MyST's words for a body given to a directive that takes none."""
    return f"{directive!r}: Has content, but none permitted"


def option_value_problem(directive: str, option: str, value: str) -> str | None:
    """The build's words for an option value the directive refuses (MyST's warning, which
    names what the value may be), or None."""
    converter = OPTION_VALUES.get(directive, {}).get(option)
    if converter is None:
        return None
    text: str | None = value.strip() or None  # MyST reads an empty value as None
    if converter is directives.flag:
        text = None  # MyST takes any value of a flag
    try:
        converter(text)
    except (ValueError, TypeError) as error:
        return f"{directive!r}: Invalid option value for {option!r}: {text}: {error}"
    return None


def run_problem(directive: str, option: str, value: str) -> str | None:
    """docutils' words for a value the option's converter takes but the directive refuses
    when it runs (at the directive's line): ``Image.run`` takes a vertical ``align`` (``top``,
    ``middle``, ``bottom``) only in a substitution definition, which MyST has none of."""
    if directive == "image" and option == "align" and value.strip() in images.Image.align_v_values:
        return (
            f'Error in "image" directive: "{value.strip()}" is not a valid value for the "align" '
            'option.  Valid values for "align" are: "'
            + '", "'.join(images.Image.align_h_values)
            + '".'
        )
    return None


def argument_problem(directive: str, argument: str) -> str | None:
    """sphinx-design's words for an argument the directive refuses, or None."""
    converter = ARGUMENT_VALUES.get(directive)
    if converter is None or not argument.strip():
        return None
    try:
        converter(argument.strip())
    except ValueError as error:
        return f"Invalid directive argument: {error}"
    return None


def unknown_option_message(directive: str, option: str) -> str:
    """MyST's words for an option the directive does not take (the build's warning)."""
    return (
        f"{directive!r}: Unknown option key: {option!r} "
        f"(allowed: {sorted(DIRECTIVE_OPTIONS[directive])})"
    )


#: Directive names that are roles too (``{code}`x```): the only ones a body may write as a role.
ALSO_ROLES = frozenset({"code"})
#: sphinx-design's badge colours: ``{bdg-primary}``, ``{bdg-primary-line}``… (its semantic
#: colours, as for a dropdown's or a button's ``:color:``).
BADGE_COLOURS = SEMANTIC_COLOURS
#: The roles an annotation body may use (CONTRIBUTING, "The body"): glossary terms, links to
#: pages and notes, inline code and sphinx-design's badges (words only: a link is a Markdown
#: link or a button, whose address the checker reads).
ANNOTATION_ROLES = frozenset(
    {"term", "doc", "bdg"}
    | ALSO_ROLES
    | {f"bdg-{colour}" for colour in BADGE_COLOURS}
    | {f"bdg-{colour}-line" for colour in BADGE_COLOURS}
)
#: The directives an annotation body may use: those whose options the checker knows.
ANNOTATION_DIRECTIVES = frozenset(DIRECTIVE_OPTIONS)
#: Names refused with a message of their own (``model/policy.py``): not "unknown".
OWN_MESSAGE_ROLES = frozenset({"math"})
OWN_MESSAGE_DIRECTIVES = frozenset(REFUSED_DIRECTIVES) | {"eval-rst", "math"}


def _did_you_mean(name: str, allowed: frozenset[str]) -> str:
    close = difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.6)
    return f" Did you mean '{{{close[0]}}}'?" if close else ""


def role_problem(name: str) -> str | None:
    """Why an annotation body may not use the role ``{name}``, with what to write; or None."""
    if name in ANNOTATION_ROLES or name in OWN_MESSAGE_ROLES:
        return None
    if name in ANNOTATION_DIRECTIVES:
        return (
            f"'{name}' is a directive, not a role: write it as a block, a line ':::{{{name}}}' "
            "with its content below and a closing ':::'."
        )
    return (
        f"the role '{{{name}}}' is not one an annotation may use."
        + _did_you_mean(name, ANNOTATION_ROLES)
        + " Use {term} for a glossary term, {doc} for a link to a page or a note, {code} for "
        "code, or a badge: {bdg}, {bdg-<colour>} or {bdg-<colour>-line}, where <colour> is "
        + ", ".join(BADGE_COLOURS)
        + "."
    )


def directive_problem(name: str) -> str | None:
    """Why an annotation body may not use the directive ``{name}``, with what it may use."""
    if name in ANNOTATION_DIRECTIVES or name in OWN_MESSAGE_DIRECTIVES:
        return None
    return (
        f"the directive '{{{name}}}' is not one an annotation may use."
        f"{_did_you_mean(name, ANNOTATION_DIRECTIVES)} An annotation may use: "
        + ", ".join(sorted(ANNOTATION_DIRECTIVES))
        + "."
    )
