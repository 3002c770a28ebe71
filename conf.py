"""Sphinx configuration of the annotated reading edition.

Sources live in ``docs/`` (``annotations/`` is linked in as ``docs/annotations``); this file is at
the repository root and the Makefile passes ``-c .``. Warnings are errors (``-W`` in the Makefile)
and every cross-reference must resolve (``nitpicky``).
"""

from __future__ import annotations

import os
from pathlib import Path

from reading_edition import LATEX_DIR  # the package `make` installs into .venv
from reading_edition.sphinxext.citation import edition_release

project = "NSA ‘Hacked Mexican Presidential Communications’: an annotated reading edition"
author = "The edition's editors"
# The edition's version and date are defined once: the changelog's latest heading
# ("## Version 1.2, 6 December 2026"). SOURCE_DATE_EPOCH dates only the build (the EPUB's
# dcterms:modified, the PDF's creation date), so that two builds of the same sources are identical.
edition_changelog = "docs/changelog.md"  # the build reports a heading that names no release
_release = edition_release(Path(__file__).parent / edition_changelog)
release = version = _release.version
edition_date = _release.iso_date  # the release's ISO date, for the exports and metadata
copyright = f"{_release.date.year}, the edition’s editors (editorial text: CC BY 4.0)"
language = "en"
# A public address, when the site has one (CI's Pages deployment, Read the Docs): the pages'
# citation_public_url and the Cite blocks' addresses are then absolute.
html_baseurl = os.environ.get("EDITION_BASE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL", "")

extensions = [
    "reading_edition.sphinxext",  # reading text, inline footnotes, fidelity, annotations
    "sphinx_design",  # cards, tabs and grids in the pages around the text
]

root_doc = "index"
exclude_patterns = ["_build", "**/.*", "annotations/README.md"]
nitpicky = True
today = _release.written_date  # "6 December 2026": the release's date, on every title page

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0

# Titles of newspapers, magazines and programmes: in italics wherever the edition names them
# (not in the article's words, which stay as printed). Agencies, broadcasters and websites stay
# roman.
edition_publication_titles = [
    "Der Spiegel",
    "Spiegel Online International",
    "The Washington Post",
    "Los Angeles Times",
    "Chicago Tribune",
    "O Estado de S. Paulo",
    "The Guardian",
    "El Universal",
    "El Diario",
    "La Gaceta",
    "The Straits Times",
    "Fantástico",
    "El Diario NY",
    "Cyprus Mail",
    "The Hindu",
    "Die Welt",
    "Philippine Daily Inquirer",
    "Gazeta do Povo",
    "Diario Imagen",
    "Expansión",
    "Exame",
    "The Vindicator",
    "Metro US",
    "Encyclopaedia Britannica",
    "Época Negócios",
    "Anchorage Daily News",
    "Idaho Statesman",
    "Faribault Daily News",
]

# What the pages of these sites are, for the sources register (a source in a note may say it
# itself with `standing:`); any other site's page is a news report, a government's or the UN's
# own a primary record (citation/register.py).
edition_source_standings = {
    "britannica.com": "analysis or reference",  # an encyclopaedia's entries
    "everycrsreport.com": "analysis or reference",  # the Congressional Research Service's reports
    "electrospaces.net": "analysis or reference",  # a research site on signals intelligence
    "cyberlaw.stanford.edu": "analysis or reference",  # a university centre's blog
    "ronpaulinstitute.org": "analysis or reference",  # an institute's commentary
    "hannover.de": "analysis or reference",  # the city's pages on its history and culture
}

# Where the text comes from, on the article and the home page (HTML): the same words as the PDF's
# title page (latex/edition-titlepage.ltx; tests/test_text_hygiene.py compares them).
edition_provenance = [
    ("Published by", "Silicon UK"),
    ("Date", "not shown on the page; probably 20–21 October 2013 (uncertain)"),
    ("Author", "unknown: the page shows no byline"),
    ("Original", "https://www.silicon.co.uk/workspace/nsa-mexico-email-hacks-129860"),
]

html_theme = "edition"  # the package's small theme on `basic` (tools/theme.md)
html_theme_options = {
    "description": "an annotated reading edition of a 2013 Silicon UK report on the NSA and "
    "the email of Mexico's president Felipe Calderón, with notes, sources and a glossary."
}
html_permalinks_icon = "§"
html_title = "NSA ‘Hacked Mexican Presidential Communications’"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

latex_engine = "xelatex"
latex_use_xindy = False
# A reading edition, not a manual: the howto class (no blank pages, no "Release" title page),
# styled by the package's latex/edition.sty; each part of the edition starts on a fresh page.
latex_documents = [
    (
        "index",
        "edition.tex",
        "NSA ‘Hacked Mexican Presidential Communications’",
        "The edition's editors",
        "howto",
    ),
]
latex_additional_files = [str(LATEX_DIR / "edition.sty"), str(LATEX_DIR / "edition-titlepage.ltx")]
latex_table_style = ["booktabs"]
latex_domain_indices = False
# No footnote per link: sources print their addresses with the notes, other links give theirs
# after the link text in small type (reading_edition/sphinxext/print_edition.py).
latex_show_urls = "no"
# Paper, type size and margins come from edition_paper (a5, the book; a4; letter), which
# `make pdf PAPER=a4` sets (reading_edition/sphinxext/print_paper.py).
latex_elements = {
    "fontpkg": "",  # fonts are set in edition.sty
    "fncychap": "",
    "preamble": r"\usepackage{edition}",
    "maketitle": r"\editiontitlepage",
    "transition": "\n\n\\editiontransition\n\n",
    "tableofcontents": r"\editioncontents",
    "makeindex": "",
    "printindex": "",
}

epub_title = "NSA ‘Hacked Mexican Presidential Communications’"
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_description = (
    "An annotated reading edition of a Silicon UK news report of October 2013: the NSA's hacking"
    " of Mexican presidential e-mail, with notes, glossary and sources."
)
epub_basename = "edition"  # _build/epub/edition.epub
# Sphinx writes epub_uid both as the id of <dc:identifier> and as the NCX's dtb:uid, which
# epubcheck requires to equal the identifier itself: so the identifier is an XML name, and the
# same string serves as both. (dc:date and dcterms:modified come from SOURCE_DATE_EPOCH.)
epub_uid = "silicon-uk-129860-annotated-reading-edition"
epub_identifier = epub_uid
epub_show_urls = "no"
# The edition's EPUB theme and builder (reading_edition/sphinxext/epub_edition.py): its own
# stylesheet, a cover made at build time from the witness's title, a title page.
epub_theme = "edition-epub"
epub_cover = ("_static/edition-cover.svg", "edition-cover.html")
epub_use_index = True
