"""Annotation notes in the article, in brief: HTML pages carry each note's first paragraph.

The article has many long annotations (about 30 notes, several paragraphs and sources each).
Carried whole, they would triple the page (the edition's budget is 60 KB for the page and its
CSS and JavaScript) and, on wide screens, make the margin column far taller than the text, so
that notes could no longer sit beside their passage. So the note in the article keeps its head
(number, kind, and the title, which links to the annotation's page), the first paragraph of its
body (its gist) and its back link.
The annotation's own page, the LaTeX/PDF edition and EPUB keep every note whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from tools.sphinxext.annotations.nodes import anno_note
from tools.sphinxext.term_previews import HTML_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class NotesInBrief(SphinxPostTransform):
    """Shorten each annotation note in an HTML page to its head, gist and links."""

    # After the annotation notes are placed (article.py, priorities 5-6), before term previews.
    default_priority = 700
    builders = HTML_BUILDERS

    def run(self, **kwargs: Any) -> None:
        for note in self.document.findall(anno_note):
            for child in list(note.children):
                classes = child.get("classes", []) if isinstance(child, nodes.Element) else []
                if "anno-sources-line" in classes:
                    note.remove(child)
                elif "anno-body" in classes and isinstance(child, nodes.Element):
                    for extra in child.children[1:]:
                        child.remove(extra)
                    # A footnote mark whose footnote was left out would be a dead link.
                    kept = {i for n in child.findall(nodes.Element) for i in n["ids"]}
                    for mark in list(child.findall(nodes.footnote_reference)):
                        if mark.get("refid") not in kept:
                            mark.parent.remove(mark)


def setup_note_gists(app: Sphinx) -> None:
    app.add_post_transform(NotesInBrief)
