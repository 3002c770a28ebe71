"""LaTeX notes: in the PDF the annotation index is the numbered notes, each whole (its page's
body and sources, without the byline the note's head repeats), with page references written by
``latex.py``'s visitors."""

from __future__ import annotations

from docutils import nodes

from reading_edition.sphinxext.annotations.nodes import anno_note, anno_placeholder
from reading_edition.sphinxext.annotations.notes import new_note, retarget, with_footnotes
from reading_edition.sphinxext.annotations.placeholders import FillPlaceholders
from reading_edition.sphinxext.annotations.records import NoteRecord
from reading_edition.sphinxext.builders import LATEX


class FillPlaceholdersLatex(FillPlaceholders):
    """The PDF: the index placeholder becomes the numbered notes."""

    builders = LATEX

    def fill_index(self, node: anno_placeholder) -> list[nodes.Node]:
        return [self.latex_note(r) for r in self.domain.in_reading_order()]

    def latex_note(self, record: NoteRecord) -> anno_note:
        place = self.domain.placements[record.id]
        note = new_note(record, place)
        doctree = self.env.get_doctree(record.docname)
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None:
            copied = nodes.container()
            for child in section.children[1:]:
                # The note's head already says kind and title; the page's byline is not repeated.
                if isinstance(child, anno_placeholder) or "anno-meta" in child.get("classes", ()):
                    continue
                copied += child.deepcopy()
            for child in with_footnotes(copied, doctree).children:
                note += retarget(child, f"{record.id}--", self.env.docname)
        return note
