"""Which pages load the theme's script, decided from the page's doctree (``html-page-context``).

``edition.js`` places margin notes, opens glossary previews and opens dropdowns for printing; a
page without a reading text, a term preview or a dropdown has nothing for it to do and does not
load it. The layout reads ``edition_script`` and ``edition_notes`` from the context instead of
searching the rendered HTML for class names, and ``edition_annotate``, the configuration of
"Annotate this passage", which it writes as a data attribute of the script element.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from docutils import nodes

from reading_edition.model.kinds import FACTUAL_KINDS, KIND_SPECS
from reading_edition.sphinxext.reading_text import is_reading_text
from reading_edition.sphinxext.term_previews import term_preview

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


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
    # On the article's script element (``data-annotate``): read by annotate.js, which
    # edition.js loads once words of the reading text are selected. No built file is patched.
    context["edition_annotate"] = annotate_config(app.config) if notes else ""
    context["edition_script"] = notes or (
        doctree is not None and (_has(doctree, term_preview) or _has(doctree, _is_dropdown))
    )


def annotate_config(config: Config) -> str:
    """What ``annotate.js`` is told: the repository, the branch and the kinds, as JSON escaped
    for an attribute value in single quotes (the layout writes it as is)."""
    text = json.dumps(
        {
            "repository": config.edition_repository or "",
            "branch": config.edition_branch or "main",
            "kinds": [[kind.name, kind.label] for kind in KIND_SPECS],
            "factual": sorted(FACTUAL_KINDS),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return html.escape(text, quote=False).replace("'", "&#39;")


def setup_page_assets(app: Sphinx) -> None:
    # Where "Annotate this passage" sends a reader: GitHub's new-file page of this repository
    # (e.g. "https://github.com/owner/edition") and branch; without one, the file is offered
    # to download or copy.
    app.add_config_value("edition_repository", "", "html", types=[str])
    app.add_config_value("edition_branch", "main", "html", types=[str])
    app.connect("html-page-context", page_assets)
