"""HTML rendering of annotation nodes (the EPUB shares the passage and the note's end). The
markup contract (classes, ids, ARIA) is what the theme styles and the browser tests check; keep
them in step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.note_cache import HTML
from reading_edition.sphinxext.builders import WEB
from reading_edition.text.dates import for_people

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
    # The theme draws the number from data-n: it is no text node of the paragraph. (The EPUB,
    # whose readers do not load the theme, has its own visitor with the number as text.)
    self.body.append(
        f'<a class="anno-marker" id="ref-{anno}" href="#note-{anno}" role="doc-noteref" '
        f'aria-label="{label}" data-n="{number}"></a>'
    )
    raise nodes.SkipNode


def visit_note(self: HTML5Translator, node: anno_note) -> None:
    anno = self.attval(node["anno"])
    # Named by its mark ("Annotation 3: Person, Felipe Calderón"), which is always on the page:
    # the title is not written a third time (at 100 notes, 0.35 KB of the page's gzip budget).
    # No class per kind: no rule used it (0.26 KB more).
    if node.get(HTML):
        # The note written once, at ``doctree-resolved``, or kept from the last build
        # (``note_cache.py``); its children are its words for the search index.
        self.body.append(node[HTML])
        raise nodes.SkipNode
    self.body.append(f'<aside class="anno-note" id="note-{anno}" aria-labelledby="ref-{anno}">')


def depart_note(self: HTML5Translator, node: anno_note) -> None:
    self.body.append("</aside>\n")


class DatesForPeople(SphinxPostTransform):
    """Annotation pages, in every output: dates written for people in the byline and the
    sources (``text/dates.py``). The records and the export keep ISO dates."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        for page in self.document.findall(nodes.section):
            if "annotation-page" not in page["classes"]:
                continue
            for holder in page.findall(nodes.Element):
                if {"anno-meta", "anno-sources"} & set(holder["classes"]):
                    for text in list(holder.findall(nodes.Text)):
                        new = for_people(str(text))
                        if new != str(text):
                            text.parent.replace(text, nodes.Text(new))


class AnnotationPageForReaders(SphinxPostTransform):
    """HTML annotation pages: "Sources" as a real heading (a subsection), not a rubric (the PDF
    and the EPUB have their own typesetting)."""

    default_priority = 20  # after FillPlaceholders (6), which adds "Related annotations"
    builders = WEB

    def run(self, **kwargs: Any) -> None:
        for page in self.document.findall(nodes.section):
            if "annotation-page" not in page["classes"]:
                continue
            for rubric in list(page.findall(nodes.rubric)):
                if rubric.astext() == "Sources" and rubric.parent is page:
                    following = rubric.next_node(descend=False, siblings=True)
                    section = heading_section("sources", "Sources")
                    page.replace(rubric, section)
                    if isinstance(following, nodes.bullet_list):
                        page.remove(following)
                        section += following


def heading_section(ident: str, title: str) -> nodes.section:
    section = nodes.section(ids=[ident], names=[ident])
    section += nodes.title(title, title)
    return section
