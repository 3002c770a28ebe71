"""The directives an annotation body is likely to use and the options each accepts, as the
edition's build registers them (docutils, Sphinx, sphinx-design): the checker gives the parser's
verdict on an unknown option without starting Sphinx. ``tests/test_one_verdict.py`` compares
this table with the live directives' ``option_spec``, so an upgrade that changes one fails there.
"""

from __future__ import annotations

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


def unknown_option_message(directive: str, option: str) -> str:
    """MyST's words for an option the directive does not take (the build's warning)."""
    return (
        f"{directive!r}: Unknown option key: {option!r} "
        f"(allowed: {sorted(DIRECTIVE_OPTIONS[directive])})"
    )


#: Directive names that are roles too (``{code}`x```): the only ones a body may write as a role.
ALSO_ROLES = frozenset({"code"})


def unknown_role_message(name: str) -> str:
    """MyST's words for a role the build does not know (a directive written as a role)."""
    return f'Unknown interpreted text role "{name}".'
