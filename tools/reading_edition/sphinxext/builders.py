"""The builders the edition writes for, named once.

Transforms that differ by output declare ``builders = …`` with these tuples (Sphinx runs a
post-transform only for the builders it names), and event handlers that receive the app test
``app.builder.name`` against them. No module retypes a builder's name.
"""

from __future__ import annotations

#: The web pages, in the edition's theme: notes in brief, margin notes, term previews.
WEB: tuple[str, ...] = ("html", "dirhtml", "singlehtml")
#: The EPUB (format "html", but its reading systems do not load the theme).
EPUB: tuple[str, ...] = ("epub",)
#: The PDF, through LaTeX.
LATEX: tuple[str, ...] = ("latex",)
#: The publications: every note whole, tables and sources typeset for reading off-screen.
BOOK: tuple[str, ...] = (*EPUB, *LATEX)
#: Pages written by Sphinx's HTML translator (the web pages and the EPUB's).
HTML_PAGES: tuple[str, ...] = (*WEB, *EPUB)
#: Every output the edition is made for.
ALL: tuple[str, ...] = (*WEB, *EPUB, *LATEX)
#: Builders that write the Web Annotation export beside the pages.
EXPORTING: tuple[str, ...] = ("html", "dirhtml")
