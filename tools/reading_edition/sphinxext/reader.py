"""HTML reading aids: notes beside their passage, glossary definitions in place.

(Notes in brief are placed by the annotations package; see ``note_gists``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reading_edition.sphinxext.footnote_labels import setup_footnote_labels
from reading_edition.sphinxext.minify import setup_minify
from reading_edition.sphinxext.page_assets import setup_page_assets
from reading_edition.sphinxext.search_pages import setup_search_pages
from reading_edition.sphinxext.sidenotes import setup_sidenotes
from reading_edition.sphinxext.source_line import setup_source_line
from reading_edition.sphinxext.term_previews import setup_term_previews

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_reader(app: Sphinx) -> None:
    setup_sidenotes(app)
    setup_footnote_labels(app)
    setup_term_previews(app)
    setup_minify(app)
    setup_page_assets(app)
    setup_source_line(app)
    setup_search_pages(app)
