"""HTML (and EPUB) rendering of annotation nodes. The markup contract (classes, ids, ARIA) is
what the theme styles and the browser tests check; keep them in step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from reading_edition.sphinxext.annotations.nodes import anno_marker, anno_note, anno_span


def visit_span(self: HTML5Translator, node: anno_span) -> None:
    ident = f' id="passage-{node["anno"]}"' if node.get("first") else ""
    self.body.append(f'<mark class="anno-span" data-anno="{self.attval(node["anno"])}"{ident}>')


def depart_span(self: HTML5Translator, node: anno_span) -> None:
    self.body.append("</mark>")


def visit_marker(self: HTML5Translator, node: anno_marker) -> None:
    anno, number = self.attval(node["anno"]), node["number"]
    label = self.attval(f"Annotation {number}: {node['kind']}, {node['title']}")
    # In HTML the theme draws the number from data-n: it is no text node of the paragraph.
    # EPUB readers do not load the theme, so the number stays text there.
    text = str(number) if self.builder.name.startswith("epub") else ""
    self.body.append(
        f'<a class="anno-marker" id="ref-{anno}" href="#note-{anno}" role="doc-noteref" '
        f'aria-label="{label}" data-n="{number}">{text}</a>'
    )
    raise nodes.SkipNode


def visit_note(self: HTML5Translator, node: anno_note) -> None:
    anno = self.attval(node["anno"])
    label = self.attval(f"Annotation {node['number']}: {node['title']}")
    self.body.append(
        f'<aside class="anno-note anno-kind-{self.attval(node["kind"].lower())}" '
        f'id="note-{anno}" aria-label="{label}">'
    )


def depart_note(self: HTML5Translator, node: anno_note) -> None:
    self.body.append("</aside>\n")
