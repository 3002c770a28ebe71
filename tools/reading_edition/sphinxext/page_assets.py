"""Which pages load the theme's script, decided from the page's doctree (``html-page-context``).

``edition.js`` places margin notes, opens glossary previews and opens dropdowns for printing; a
page without a reading text, a term preview or a dropdown has nothing for it to do and does not
load it. The layout reads ``edition_script`` and ``edition_notes`` from the context instead of
searching the rendered HTML for class names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from reading_edition.sphinxext.reading_text import is_reading_text
from reading_edition.sphinxext.term_previews import term_preview

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _is_dropdown(node: nodes.Node) -> bool:
    # sphinx-design's <details> node; matched by name so the extension does not need it.
    return type(node).__name__ == "dropdown_main"


def _has(doctree: nodes.Node, condition: Any) -> bool:
    return next(iter(doctree.findall(condition)), None) is not None


def page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    notes = doctree is not None and _has(doctree, is_reading_text)
    context["edition_notes"] = notes
    context["edition_script"] = notes or (
        doctree is not None and (_has(doctree, term_preview) or _has(doctree, _is_dropdown))
    )


def setup_page_assets(app: Sphinx) -> None:
    app.connect("html-page-context", page_assets)
