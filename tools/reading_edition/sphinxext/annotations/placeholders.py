"""Filling placeholders, at write time, once every annotation is anchored: on an annotation's
page the quoted passage with a link back to it and the related annotations; on a moved file's
page where its note went; on an ``annotation-index`` page the notes grouped by kind.

One transform per output: the web pages give "Related annotations" a real heading, the EPUB
and the PDF a rubric; the PDF's index is the numbered notes (``latex_notes.py``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from reading_edition.model.kinds import KINDS
from reading_edition.sphinxext.annotations.domain import AnnotationPostTransform, page_link
from reading_edition.sphinxext.annotations.html import heading_section
from reading_edition.sphinxext.annotations.nodes import anno_placeholder
from reading_edition.sphinxext.builders import EPUB, WEB
from reading_edition.sphinxext.text_hygiene import PASSAGE
from reading_edition.text.quotation import quoted


class FillPlaceholders(AnnotationPostTransform):
    """The EPUB's pages (and the base of the others)."""

    default_priority = 6
    builders = EPUB

    def run(self, **kwargs: Any) -> None:
        for placeholder in list(self.document.findall(anno_placeholder)):
            what = placeholder["what"]
            filled = getattr(self, f"fill_{what.replace('-', '_')}")(placeholder)
            placeholder.replace_self(filled)

    def link(self, text: str, docname: str, fragment: str = "", **attrs: Any) -> nodes.Element:
        return page_link(self.env, text, docname, fragment, **attrs)

    def fill_passage(self, node: anno_placeholder) -> list[nodes.Node]:
        record = self.domain.annotations.get(node["anno"])
        place = self.domain.placements.get(node["anno"])
        article = self.domain.article_docname()
        if not record or not place or not article:
            return [
                nodes.paragraph(
                    text="This annotation is not attached to the text: its quote "
                    "does not match the article (see the build log)."
                )
            ]
        quote = nodes.block_quote(classes=[PASSAGE])
        para = nodes.paragraph()
        before, after = place.before, place.after
        # Where the paragraph goes on beyond the context shown, the context starts and ends at a
        # word boundary and an ellipsis says so; a quote at the paragraph's edge gets none.
        if place.before_cut:
            before = "…" + (before.split(" ", 1)[1] if " " in before else before)
        if place.after_cut:
            after = (after.rsplit(" ", 1)[0] if " " in after else after) + "…"
        if before:
            para += nodes.inline("", before, classes=["anno-context"])
        para += nodes.inline("", record.exact, classes=["anno-quoted"])
        if after:
            para += nodes.inline("", after, classes=["anno-context"])
        quote += para
        where = nodes.paragraph(classes=["anno-where"])
        where += nodes.Text(f"Annotation {place.number}, on ")
        where += self.link(
            f"¶ {place.paragraph + 1} of the article", article, f"passage-{record.id}"
        )
        return [quote, where]

    def fill_moved(self, node: anno_placeholder) -> list[nodes.Node]:
        moved = self.domain.moved.get(node["anno"])
        target = self.domain.annotations.get(moved.moved_to) if moved else None
        para = nodes.paragraph(classes=["anno-moved"])
        if moved is None or target is None:
            para += nodes.Text("This annotation has been withdrawn.")
            return [para]
        para += nodes.Text("This note has moved: it is now part of ")
        para += self.link(target.title, target.docname)
        para += nodes.Text(".")
        return [para]

    def fill_related(self, node: anno_placeholder) -> list[nodes.Node]:
        record = self.domain.annotations.get(node["anno"])
        items = nodes.bullet_list(classes=["anno-related"])
        for other in record.related if record else []:
            target = self.domain.annotations.get(other)
            if target:
                items += nodes.list_item(
                    "",
                    nodes.paragraph("", "", self.link(target.title, target.docname)),
                )
        if not items.children:
            return []
        return self.related(items)

    def related(self, items: nodes.bullet_list) -> list[nodes.Node]:
        """The related annotations under a rubric (the EPUB and the PDF)."""
        return [nodes.rubric("Related annotations", "Related annotations"), items]

    def fill_index(self, node: anno_placeholder) -> list[nodes.Node]:
        ordered = self.domain.in_reading_order()
        result: list[nodes.Node] = []
        for kind, label in KINDS.items():
            group = [r for r in ordered if r.kind == kind]
            if not group:
                continue
            section = nodes.section(ids=[f"kind-{kind}"], classes=["anno-index-group"])
            section += nodes.title("", f"{label} ({len(group)})")
            items = nodes.bullet_list(classes=["anno-index"])
            for r in group:
                place = self.domain.placements[r.id]
                para = nodes.paragraph()
                para += nodes.inline("", f"{place.number}. ", classes=["anno-num"])
                para += self.link(r.title, r.docname)
                para += nodes.Text(f" — ¶ {place.paragraph + 1}: {quoted(r.exact)}")
                items += nodes.list_item("", para)
            section += items
            result.append(section)
        if not result:
            result.append(nodes.paragraph(text="There are no annotations yet."))
        return result


class FillPlaceholdersWeb(FillPlaceholders):
    """The web pages: "Related annotations" is a real heading of the annotation's page."""

    builders = WEB

    def related(self, items: nodes.bullet_list) -> list[nodes.Node]:
        section = heading_section("related-annotations", "Related annotations")
        section += items
        return [section]
