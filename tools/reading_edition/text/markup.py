"""The directives an annotation body is likely to use and the options each accepts, as the
edition's build registers them (docutils, Sphinx, sphinx-design): the checker gives the parser's
verdict on an unknown option without starting Sphinx. ``tests/test_one_verdict.py`` compares
this table with the live directives' ``option_spec``, so an upgrade that changes one fails there.

The same tables are the edition's allowlist for annotation bodies (:data:`ANNOTATION_ROLES`,
:data:`ANNOTATION_DIRECTIVES`): the checker refuses any other role or directive, and so does the
build (``sphinxext/security_renderer.py``), with one message naming what a body may use.
"""

from __future__ import annotations

import difflib

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


def unknown_option_message(directive: str, option: str) -> str:
    """MyST's words for an option the directive does not take (the build's warning)."""
    return (
        f"{directive!r}: Unknown option key: {option!r} "
        f"(allowed: {sorted(DIRECTIVE_OPTIONS[directive])})"
    )


#: Directive names that are roles too (``{code}`x```): the only ones a body may write as a role.
ALSO_ROLES = frozenset({"code"})
#: sphinx-design's badge colours: ``{bdg-primary}``, ``{bdg-primary-line}``…
BADGE_COLOURS = (
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
