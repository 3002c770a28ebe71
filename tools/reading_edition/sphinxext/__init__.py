"""Sphinx extension of the annotated reading edition.

``setup()`` lists what is registered; each feature lives in its own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reading_edition import THEME_DIR, __version__
from reading_edition.sphinxext.annotations import setup_annotations
from reading_edition.sphinxext.annotations_toctree import setup_annotations_toctree
from reading_edition.sphinxext.article_facts import setup_article_facts
from reading_edition.sphinxext.article_language import setup_article_language
from reading_edition.sphinxext.citation import setup_citation
from reading_edition.sphinxext.design_print import setup_design_print
from reading_edition.sphinxext.directive_values import setup_directive_values
from reading_edition.sphinxext.epub_edition import setup_epub
from reading_edition.sphinxext.fidelity_check import setup_fidelity
from reading_edition.sphinxext.garbage_collection import setup_garbage_collection
from reading_edition.sphinxext.incremental import setup_incremental
from reading_edition.sphinxext.locations import setup_locations
from reading_edition.sphinxext.parser import EditionMystParser
from reading_edition.sphinxext.print_edition import setup_print
from reading_edition.sphinxext.reader import setup_reader
from reading_edition.sphinxext.reading_text import setup_reading_text
from reading_edition.sphinxext.reference_words import setup_reference_words
from reading_edition.sphinxext.security import setup_security
from reading_edition.sphinxext.sources_register import setup_sources_register
from reading_edition.sphinxext.text_hygiene import setup_text_hygiene
from reading_edition.sphinxext.wide_tables import setup_wide_tables

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    app.add_html_theme("edition", str(THEME_DIR))
    app.add_source_parser(EditionMystParser, override=True)
    setup_reading_text(app)
    setup_fidelity(app)
    setup_annotations(app)
    setup_locations(app)  # messages about an annotation name its file as the checker does
    setup_annotations_toctree(app)  # a new edition's toctree for 0, 1 or many annotations
    setup_article_facts(app)  # a new edition's front page, from its seeds/*.meta.yaml
    setup_article_language(app)  # the article's language on its reading text (lang, LaTeX)
    setup_reader(app)  # footnotes beside the text, glossary definitions in place
    setup_wide_tables(app)  # web pages: a wide table scrolls in its own box, not the page
    setup_security(app)
    setup_reference_words(app)
    setup_directive_values(app)  # hlist's columns, a dropdown's icon: the checker's converters
    setup_incremental(app)  # findings repeated until fixed; deletions leave nothing behind
    setup_epub(app)  # the EPUB's builder: cover, title page, package metadata
    setup_print(app)  # PDF and EPUB: tagged PDF template, apparatus, typography
    setup_design_print(app)  # PDF and EPUB: each tab set's panels in turn under their labels
    setup_text_hygiene(app)  # no-break spaces before numbers; single spaces in the reading text
    setup_citation(app)  # the release in every output; citation metadata, Cite blocks
    setup_sources_register(app)  # every cited source once: page, PDF list, CSL-JSON
    setup_garbage_collection(app)  # fewer full collections while building (a sixth of a build)
    return {
        "version": __version__,
        # Bump when what the extension keeps in the environment (or writes into the doctrees it
        # reads) changes shape: Sphinx then re-reads everything instead of unpickling stale
        # data. 2: note gists; 3: typed records, moved notes, links and relations of each page;
        # 4: sources' quotations with their inner quotes single; 5: placements (was anchors),
        # pages with index entries, no list of invalid files; 6: term definitions with no-break
        # spaces before numbers, the pages' footnote sources (sources register), sources
        # without url.
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
