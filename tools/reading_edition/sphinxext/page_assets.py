"""Which pages load the theme's script, decided from the page's doctree (``html-page-context``).

``edition.js`` places margin notes, opens glossary previews and opens dropdowns for printing; a
page without a reading text, a term preview or a dropdown has nothing for it to do and does not
load it. The layout reads ``edition_script`` and ``edition_notes`` from the context instead of
searching the rendered HTML for class names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from reading_edition.model.kinds import FACTUAL_KINDS, KIND_SPECS
from reading_edition.sphinxext.builders import WEB
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


#: What the built copy of annotate.js is told (a string literal survives minifying).
CONFIG_PLACEHOLDER = '"__EDITION_CONFIG__"'


def annotate_config(app: Sphinx, exception: Exception | None) -> None:
    """Write the repository, branch and kinds into the built ``annotate.js``."""
    if exception is not None or app.builder.name not in WEB:
        return
    path = Path(app.outdir) / "_static" / "annotate.js"
    if not path.is_file():
        return
    config = {
        "repository": app.config.edition_repository or "",
        "branch": app.config.edition_branch or "main",
        "kinds": [[kind.name, kind.label] for kind in KIND_SPECS],
        "factual": sorted(FACTUAL_KINDS),
    }
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(CONFIG_PLACEHOLDER, json.dumps(config, ensure_ascii=False)), encoding="utf-8"
    )


def setup_page_assets(app: Sphinx) -> None:
    # Where "Annotate this passage" sends a reader: GitHub's new-file page of this repository
    # (e.g. "https://github.com/owner/edition") and branch; without one, the file is offered
    # to download or copy.
    app.add_config_value("edition_repository", "", "html", types=[str])
    app.add_config_value("edition_branch", "main", "html", types=[str])
    app.connect("html-page-context", page_assets)
    app.connect("build-finished", annotate_config)
