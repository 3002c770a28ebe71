"""HTML reading aids: notes beside their passage and in brief, glossary definitions in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tools.sphinxext.minify import setup_minify
from tools.sphinxext.note_gists import setup_note_gists
from tools.sphinxext.sidenotes import setup_sidenotes
from tools.sphinxext.term_previews import setup_term_previews

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_reader(app: Sphinx) -> None:
    setup_note_gists(app)
    setup_sidenotes(app)
    setup_term_previews(app)
    setup_minify(app)
