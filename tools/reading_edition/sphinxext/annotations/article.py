"""Put annotations on the pages, at write time, once every annotation is anchored.

``MarkPassages`` (article): wraps each anchored passage in ``anno_span`` nodes (a quote that
spans markup becomes several spans; overlapping quotes nest), adds the numbered ``anno_marker``
after it and, for HTML, the ``anno_note`` after its paragraph. It runs before Sphinx resolves
references (priority 5 < 10), so references inside copied annotation bodies resolve for the
article page.

``FillPlaceholders`` (annotation pages, index): the quoted passage with a link back to it,
related annotations, and the index grouped by kind; for LaTeX the index becomes the numbered
notes with page references.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join

from reading_edition.model.kinds import KINDS
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.html import heading_section
from reading_edition.sphinxext.annotations.nodes import (
    anno_marker,
    anno_note,
    anno_placeholder,
    anno_span,
)
from reading_edition.sphinxext.annotations.reader import educated, is_annotation_body
from reading_edition.sphinxext.annotations.records import Anchor, NoteRecord
from reading_edition.sphinxext.note_gists import BRIEF_BUILDERS, gist_nodes
from reading_edition.sphinxext.reading_text import (
    EDITORIAL_CLASSES,
    is_reading_text,
    paragraph_number,
    reading_paragraphs,
)
from reading_edition.text.dates import for_people
from reading_edition.text.quotation import quoted

if TYPE_CHECKING:
    from reading_edition.sphinxext.annotations.domain import AnnotationDomain

#: Attribute of a pending reference copied from an annotation body into another page.
COPIED = "edition_copied"

SKIPPED = (nodes.footnote_reference, nodes.footnote, paragraph_number, anno_marker)


def _text_nodes(node: nodes.Node) -> list[nodes.Text]:
    """The Text nodes that make up the reading text of a paragraph, in order."""
    if isinstance(node, nodes.Text):
        return [node]
    if isinstance(node, SKIPPED) or not isinstance(node, nodes.Element):
        return []
    if EDITORIAL_CLASSES & set(node.get("classes", ())):
        return []
    return [t for child in node.children for t in _text_nodes(child)]


def _locate(texts: list[nodes.Text]) -> tuple[str, list[tuple[int, int]]]:
    """Normalised paragraph text, and for each of its characters (text index, char index)."""
    out: list[str] = []
    where: list[tuple[int, int]] = []
    pending_space: tuple[int, int] | None = None
    for ti, text in enumerate(texts):
        for ci, char in enumerate(str(text)):
            if char.isspace():
                if out and pending_space is None:
                    pending_space = (ti, ci)
                continue
            if pending_space is not None:
                out.append(" ")
                where.append(pending_space)
                pending_space = None
            out.append(char)
            where.append((ti, ci))
    return "".join(out), where


class ParagraphText:
    """A paragraph's reading-text Text nodes, kept up to date as passages are marked.

    Marking splits Text nodes but never changes the characters, so the normalised → raw offset
    map is computed once per paragraph; finding a passage is then a bisection instead of a walk
    of the whole (ever more nested) paragraph per annotation, which made marking quadratic.
    """

    def __init__(self, paragraph: nodes.paragraph) -> None:
        self.texts = _text_nodes(paragraph)
        self.starts: list[int] = []  # raw offset of each Text node in the joined raw text
        offset = 0
        for text in self.texts:
            self.starts.append(offset)
            offset += len(text)
        _, where = _locate(self.texts)
        self.raw = [self.starts[ti] + ci for ti, ci in where]

    def locate(self, position: int) -> tuple[int, int]:
        """(text index, char index) of a normalised character, as ``_locate`` gives it."""
        raw = self.raw[position]
        ti = bisect_right(self.starts, raw) - 1
        return ti, raw - self.starts[ti]


def _replace(text: nodes.Text, pieces: list[nodes.Node]) -> None:
    """Replace this very Text node (``Element.replace`` finds the first *equal* string)."""
    parent = text.parent
    index = list(map(id, parent.children)).index(id(text))
    parent[index : index + 1] = pieces


def mark_range(
    paragraph: nodes.paragraph,
    start: int,
    end: int,
    anno_id: str,
    state: ParagraphText | None = None,
) -> nodes.Node | None:
    """Wrap normalised characters [start, end) of a paragraph in spans; return the last span.

    Pass the same ``state`` for every passage of a paragraph to mark many passages fast.
    """
    state = state or ParagraphText(paragraph)
    texts, starts = state.texts, state.starts
    if end > len(state.raw) or start >= end:
        return None
    (t0, c0), (t1, c1) = state.locate(start), state.locate(end - 1)
    last: nodes.Node | None = None
    new_texts: list[nodes.Text] = []
    new_starts: list[int] = []
    for ti in range(t0, t1 + 1):
        text = texts[ti]
        value = str(text)
        a = c0 if ti == t0 else 0
        b = c1 + 1 if ti == t1 else len(value)
        if not value[a:b].strip():
            new_texts.append(text)
            new_starts.append(starts[ti])
            continue
        pieces: list[nodes.Node] = []
        if a:
            pieces.append(nodes.Text(value[:a]))
        span = anno_span(value[a:b], value[a:b], anno=anno_id, first=not last)
        pieces.append(span)
        if b < len(value):
            pieces.append(nodes.Text(value[b:]))
        _replace(text, pieces)
        for piece, offset in zip(pieces, (0, a, b) if a else (a, b), strict=False):
            new_texts.append(piece if isinstance(piece, nodes.Text) else piece.children[0])
            new_starts.append(starts[ti] + offset)
        last = span
    texts[t0 : t1 + 1] = new_texts
    starts[t0 : t1 + 1] = new_starts
    return last


def _top_level(node: nodes.Node, paragraph: nodes.paragraph) -> nodes.Node:
    while node.parent is not None and node.parent is not paragraph:
        node = node.parent
    return node


def _with_footnotes(copy: nodes.Element, doctree: nodes.document) -> nodes.Element:
    """Add to a copied body the footnotes its marks refer to: MyST places a page's footnotes
    at its end, outside the body, and a mark without its footnote breaks the EPUB (a dangling
    link) and the LaTeX build (Sphinx finds no footnote for the mark)."""
    inside = {i for n in copy.findall(nodes.footnote) for i in n["ids"]}
    wanted = {r["refid"] for r in copy.findall(nodes.footnote_reference) if r.get("refid")}
    for footnote in doctree.findall(nodes.footnote):
        if wanted & set(footnote["ids"]) and not inside & set(footnote["ids"]):
            copy += footnote.deepcopy()
    return copy


def _retarget(node: nodes.Element, prefix: str, docname: str) -> nodes.Element:
    """Make a copied annotation body safe to embed: unique ids, references from this page."""
    for element in node.findall(nodes.Element):
        for attr in ("ids", "backrefs"):
            if element.get(attr):
                element[attr] = [f"{prefix}{i}" for i in element[attr]]
        for attr in ("refid",):
            if element.get(attr):
                element[attr] = f"{prefix}{element[attr]}"
        element["names"] = []
        if isinstance(element, addnodes.pending_xref):
            # A relative {doc} target is relative to the annotation, not to this page; so is a
            # Markdown link to another annotation's file, which becomes a {doc} reference.
            target = element.get("reftarget", "")
            origin = element.get("refdoc", docname)
            if element.get("reftype") == "myst" and target.endswith(".md") and "://" not in target:
                element["reftype"], element["refdomain"] = "doc", "std"
                element["refexplicit"] = True
                target = target.removesuffix(".md")
                element["reftarget"] = target
            if element.get("reftype") == "doc" and target and not target.startswith("/"):
                element["reftarget"] = "/" + docname_join(origin, target)
            element["refdoc"] = docname
            # A copy: a reference that does not resolve is reported once, on the annotation's
            # own page (see resolve.py's missing-reference handler), not again here.
            element[COPIED] = True
    return node


def new_note(record: NoteRecord, anchor: Anchor) -> anno_note:
    """An empty note for an anchored annotation; the callers fill it for their format."""
    return anno_note(
        anno=record.id,
        number=anchor.number,
        kind=record.kind_label,
        title=record.title,
        paragraph=anchor.paragraph + 1,
    )


class _AnnotationPostTransform(SphinxPostTransform):
    formats = ("html", "latex")

    @property
    def domain(self) -> AnnotationDomain:
        return annotation_domain(self.env)

    def page_uri(self, docname: str, anchor: str = "") -> str:
        uri = self.env._app.builder.get_relative_uri(self.env.docname, docname)
        return f"{uri}#{anchor}" if anchor else uri

    def link(self, text: str, docname: str, anchor: str = "", **attrs: Any) -> nodes.reference:
        """A link to another page (HTML only: in print, annotation pages are not separate)."""
        uri = self.page_uri(docname, anchor)
        return nodes.reference("", text, internal=True, refuri=uri, **attrs)


class MarkPassages(_AnnotationPostTransform):
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        container = next(iter(self.document.findall(is_reading_text)), None)
        # For LaTeX the document is the whole edition assembled under the root document.
        if container is None or not self.domain.articles:
            return
        paragraphs = reading_paragraphs(container)
        html = self.env._app.builder.format == "html"
        notes_after: dict[int, list[nodes.Node]] = {}
        states: dict[int, ParagraphText] = {}
        for record in self.domain.in_reading_order():
            anchor = self.domain.anchors[record.id]
            paragraph = paragraphs[anchor.paragraph]
            if anchor.paragraph not in states:
                states[anchor.paragraph] = ParagraphText(paragraph)
            state = states[anchor.paragraph]
            last = mark_range(paragraph, anchor.start, anchor.end, record.id, state)
            if last is None:
                continue
            marker = anno_marker(
                anno=record.id,
                number=anchor.number,
                title=record.title,
                kind=record.kind_label,
            )
            top = _top_level(last, paragraph)
            paragraph.insert(paragraph.index(top) + 1, marker)
            if html:
                notes_after.setdefault(anchor.paragraph, []).append(self.note(record, anchor))
        for index in sorted(notes_after, reverse=True):
            paragraph = paragraphs[index]
            parent = paragraph.parent
            position = parent.index(paragraph) + 1
            for offset, note in enumerate(notes_after[index]):
                parent.insert(position + offset, note)

    def note(self, record: NoteRecord, anchor: Anchor) -> anno_note:
        """The note after the passage's paragraph: in brief for HTML pages, whole in EPUB."""
        note = new_note(record, anchor)
        head = nodes.paragraph(classes=["anno-head"])
        head += nodes.inline("", str(anchor.number), classes=["anno-num"])
        head += nodes.inline("", record.kind_label, classes=["anno-kind"])
        head += self.link(record.title, record.docname, classes=["anno-title"])
        note += head
        brief = self.env._app.builder.name in BRIEF_BUILDERS
        body: nodes.Element | None
        if brief:
            gist = self.domain.gists.get(record.id)
            body = nodes.container(classes=["anno-body"])
            if gist is not None:
                body += gist_nodes(gist)
        else:
            doctree = self.env.get_doctree(record.docname)
            body = next(iter(doctree.findall(is_annotation_body)), None)
            body = _with_footnotes(body.deepcopy(), doctree) if body is not None else None
        if body is not None:
            note += _retarget(body, f"{record.id}--", self.env.docname)
        if record.sources and not brief:
            sources = nodes.paragraph(classes=["anno-sources-line"])
            sources += nodes.Text("Sources: ")
            for i, source in enumerate(record.sources):
                if i:
                    sources += nodes.Text("; ")
                title = educated(source.title, self.config.language)
                sources += nodes.reference("", title, refuri=source.url)
                sources += nodes.Text(f" ({source.publisher}, {for_people(source.date)})")
                if source.via:
                    sources += nodes.Text(", read via ")
                    sources += nodes.reference("", source.via.publisher, refuri=source.via.url)
            note += sources
        back = nodes.paragraph(classes=["anno-back-line"])
        back += nodes.reference(
            "",
            f"Back to ¶ {anchor.paragraph + 1}",
            refid=f"ref-{record.id}",
            classes=["anno-back"],
        )
        note += back
        return note


class FillPlaceholders(_AnnotationPostTransform):
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        for placeholder in list(self.document.findall(anno_placeholder)):
            what = placeholder["what"]
            filled = getattr(self, f"fill_{what.replace('-', '_')}")(placeholder)
            placeholder.replace_self(filled)

    def _article(self) -> str | None:
        return min(self.domain.articles) if self.domain.articles else None

    def fill_passage(self, node: anno_placeholder) -> list[nodes.Node]:
        record = self.domain.annotations.get(node["anno"])
        anchor = self.domain.anchors.get(node["anno"])
        article = self._article()
        if not record or not anchor or not article:
            return [
                nodes.paragraph(
                    text="This annotation is not attached to the text: its quote "
                    "does not match the article (see the build log)."
                )
            ]
        quote = nodes.block_quote(classes=["anno-passage"])
        para = nodes.paragraph()
        before, after = anchor.before, anchor.after
        if before:
            # Start the context at a word boundary.
            before = before.split(" ", 1)[1] if " " in before and len(before) >= 80 else before
            para += nodes.inline("", f"…{before}", classes=["anno-context"])
        para += nodes.inline("", record.exact, classes=["anno-quoted"])
        if after:
            after = after.rsplit(" ", 1)[0] if " " in after and len(after) >= 80 else after
            para += nodes.inline("", f"{after}…", classes=["anno-context"])
        quote += para
        where = nodes.paragraph(classes=["anno-where"])
        where += nodes.Text(f"Annotation {anchor.number}, on ")
        where += self.link(
            f"¶ {anchor.paragraph + 1} of the article", article, f"passage-{record.id}"
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
        if self.env._app.builder.format == "html" and not self.env._app.builder.name.startswith(
            "epub"
        ):
            # A real heading on the annotation's web page (the EPUB and PDF keep the rubric).
            section = heading_section("related-annotations", "Related annotations")
            section += items
            return [section]
        return [nodes.rubric("Related annotations", "Related annotations"), items]

    def fill_index(self, node: anno_placeholder) -> list[nodes.Node]:
        ordered = self.domain.in_reading_order()
        if self.env._app.builder.format == "latex":
            return [self.latex_note(r) for r in ordered]
        result: list[nodes.Node] = []
        for kind, label in KINDS.items():
            group = [r for r in ordered if r.kind == kind]
            if not group:
                continue
            section = nodes.section(ids=[f"kind-{kind}"], classes=["anno-index-group"])
            section += nodes.title("", f"{label} ({len(group)})")
            items = nodes.bullet_list(classes=["anno-index"])
            for r in group:
                anchor = self.domain.anchors[r.id]
                para = nodes.paragraph()
                para += nodes.inline("", f"{anchor.number}. ", classes=["anno-num"])
                para += self.link(r.title, r.docname)
                para += nodes.Text(f" — ¶ {anchor.paragraph + 1}: {quoted(r.exact)}")
                items += nodes.list_item("", para)
            section += items
            result.append(section)
        if not result:
            result.append(nodes.paragraph(text="There are no annotations yet."))
        return result

    def latex_note(self, record: NoteRecord) -> anno_note:
        anchor = self.domain.anchors[record.id]
        note = new_note(record, anchor)
        doctree = self.env.get_doctree(record.docname)
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None:
            copied = nodes.container()
            for child in section.children[1:]:
                # The note's head already says kind and title; the page's byline is not repeated.
                if isinstance(child, anno_placeholder) or "anno-meta" in child.get("classes", ()):
                    continue
                copied += child.deepcopy()
            for child in _with_footnotes(copied, doctree).children:
                note += _retarget(child, f"{record.id}--", self.env.docname)
        return note
