"""EPUB rendering of annotation nodes: the note is a footnote of EPUB 3 Structural Semantics.

The marker is an ``epub:type="noteref"`` link (``role="doc-noteref"``) and the note an
``<aside epub:type="footnote" role="doc-footnote">``, so reading systems that know them show the
note as a pop-up at the marker and leave it out of the running text; the others show it after
its paragraph, set apart by the EPUB stylesheet (``theme/edition_epub``). The marked passage
and the note's end are written as in HTML (``html.visit_span``, ``html.depart_note``). The
annotation's own page stays in the package outside the linear reading order
(``epub_edition.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.nodes import anno_note
from reading_edition.sphinxext.builders import EPUB

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from reading_edition.sphinxext.annotations.nodes import anno_marker


def visit_marker(self: HTML5Translator, node: anno_marker) -> None:
    anno, number = self.attval(node["anno"]), node["number"]
    label = self.attval(f"Note {number}: {node['kind']}, {node['title']}")
    self.body.append(
        f'<a class="anno-marker" id="ref-{anno}" href="#note-{anno}" epub:type="noteref" '
        f'role="doc-noteref" aria-label="{label}">{number}</a>'
    )
    raise nodes.SkipNode


def visit_note(self: HTML5Translator, node: anno_note) -> None:
    anno = self.attval(node["anno"])
    label = self.attval(f"Note {node['number']}: {node['title']}")
    self.body.append(
        f'<aside class="anno-note anno-kind-{self.attval(node["kind"].lower())}" '
        f'id="note-{anno}" epub:type="footnote" role="doc-footnote" aria-label="{label}">'
    )


class SpacedNoteHeads(SphinxPostTransform):
    """In the EPUB, a note's head reads "1 · Correction · Title", not "1CorrectionTitle": the
    separators are text, so a screen reader and a copy hear and get them too."""

    default_priority = 7  # after MarkPassages (5) has made the notes
    builders = EPUB

    def run(self, **kwargs: Any) -> None:
        for note in self.document.findall(anno_note):
            for head in note.findall(nodes.paragraph):
                if "anno-head" not in head["classes"]:
                    continue
                parts = list(head.children)
                for part in parts[1:]:
                    head.insert(head.index(part), nodes.Text(" · "))
                break
