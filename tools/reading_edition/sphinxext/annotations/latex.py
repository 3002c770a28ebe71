"""LaTeX rendering of annotation nodes, with the macros of ``tools/latex/edition.sty``:
a linked marker after the passage, and numbered notes (in the notes section) that give the page
of their passage, while the marker's link leads to the note's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from reading_edition.sphinxext.text_hygiene import latex_with_titles

if TYPE_CHECKING:
    from sphinx.writers.latex import LaTeXTranslator

    from reading_edition.sphinxext.annotations.nodes import anno_marker, anno_note


def visit_marker(self: LaTeXTranslator, node: anno_marker) -> None:
    # The marker, and a run-in pointer below the page's footnotes naming the note and its page.
    # Publication titles in italics, as the note's HTML heading and the index set them.
    title = latex_with_titles(self, node["title"]) + pointer_comma(node["title"])
    self.body.append(
        rf"\editionannotationmark{{{node['number']}}}{{{node['anno']}}}"
        rf"\editionannotationpointer{{{node['number']}}}{{{node['anno']}}}{{{title}}}"
    )
    raise nodes.SkipNode


def pointer_comma(title: str) -> str:
    """The comma between a pointer's title and its "see p.": none after a title that ends in
    its own question or exclamation mark ("…published?" and not "…published?,")."""
    return "" if title.rstrip("”’\"')").endswith(("?", "!")) else ","


def visit_note(self: LaTeXTranslator, node: anno_note) -> None:
    # An apparatus entry: number, paragraph and lemma (print_edition.PrintNotes sets it), the
    # page of the passage; then kind and title.
    title = latex_with_titles(self, node["title"], bookmark=True)
    self.body.append(
        "\n\\begin{editionannotation}"
        f"{{{node['number']}}}{{{node['anno']}}}{{{self.encode(node['kind'])}}}"
        f"{{{title}}}{{{node.get('paragraph', '')}}}"
        f"{{{self.encode(node.get('lemma', ''))}}}\n"
    )
    if node.get("docname"):
        # Links to the annotation's page ({doc} in other notes and pages) lead to the note.
        self.body.append(f"\\label{{\\detokenize{{{node['docname']}::doc}}}}\n")


def depart_note(self: LaTeXTranslator, node: anno_note) -> None:
    self.body.append("\n\\end{editionannotation}\n")
