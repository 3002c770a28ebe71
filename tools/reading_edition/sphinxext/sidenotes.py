"""Footnotes beside their passage: in HTML, each footnote follows the paragraph that cites it.

Docutils puts footnotes at the end of the page. The edition's theme shows notes in the margin
next to the text on wide screens and opens them in place on narrow ones; both need the note
right after the paragraph holding its mark (where the annotation notes are too). The footnote
keeps its id, label, back link and ``role="doc-footnote"``; only its place in the page changes.
Other outputs (LaTeX, EPUB, text) keep the footnotes where docutils put them.

In the reading text, a paragraph and the notes after it are one group (``<div
class="note-group">``, HTML only): without JavaScript, the theme places a paragraph's notes
beside its first line with CSS anchor positioning, and the group is the scope in which a note
finds its own paragraph (``anchor-scope``; see edition.css).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.nodes import anno_marker, anno_note
from reading_edition.sphinxext.builders import WEB
from reading_edition.sphinxext.reading_text import reading_texts

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Containers in which a paragraph is part of the running text (not a list, table or note).
FLOW_PARENTS = (nodes.section, nodes.container, nodes.document)


class FootnotesAfterTheirParagraph(SphinxPostTransform):
    """Move every footnote to just after the paragraph of its first reference, among that
    paragraph's notes in the order of their marks."""

    default_priority = 900
    builders = WEB

    def run(self, **kwargs: Any) -> None:
        # References and footnotes in one walk of the page (each walk of the article with its
        # 1,000 notes costs about 10 ms), both listed before any footnote moves.
        first_ref: dict[str, nodes.footnote_reference] = {}
        footnotes: list[nodes.footnote] = []
        for node in self.document.findall(nodes.Element):
            if isinstance(node, nodes.footnote_reference):
                first_ref.setdefault(node.get("refid", ""), node)
            elif isinstance(node, nodes.footnote):
                footnotes.append(node)
        for footnote in footnotes:
            ref = next((first_ref[i] for i in footnote["ids"] if i in first_ref), None)
            para = _running_paragraph(ref) if ref is not None else None
            if ref is None or para is None:
                continue
            footnote.parent.remove(footnote)
            _insert_in_mark_order(para, footnote, ref)
        for rule in list(self.document.findall(nodes.transition)):
            # The rule that introduced the end-of-page notes goes when no note is left under it.
            if "footnotes" in rule["classes"] and not any(
                isinstance(n, nodes.footnote)
                for n in rule.findall(include_self=False, siblings=True)
            ):
                rule.parent.remove(rule)


class note_group(nodes.General, nodes.Element):
    """A paragraph of the reading text and the notes that follow it (HTML only)."""


class NoteGroups(SphinxPostTransform):
    """Group each paragraph of the reading text with the notes after it (annotations and
    footnotes, placed there by the transforms above)."""

    default_priority = 960  # after every transform that places or rewrites the notes
    builders = WEB

    def run(self, **kwargs: Any) -> None:
        for container in reading_texts(self.document):
            # The reading text and the blocks in it (the standfirst), not the notes' bodies.
            for parent in [container, *container.findall(nodes.container, include_self=False)]:
                if not isinstance(parent.parent, anno_note):
                    _group_notes(parent)


def _group_notes(parent: nodes.Element) -> None:
    """Wrap each paragraph among ``parent``'s children and the notes right after it."""
    index = 0
    while index < len(parent.children):
        para = parent.children[index]
        end = index + 1
        while end < len(parent.children) and isinstance(
            parent.children[end], (anno_note, nodes.footnote)
        ):
            end += 1
        if isinstance(para, nodes.paragraph) and end > index + 1:
            group = note_group()
            group.extend(parent.children[index:end])  # Element.extend re-parents each node
            parent.children[index:end] = [group]
            group.parent = parent
        index += 1


def visit_note_group(self: HTML5Translator, node: note_group) -> None:
    # No line break after the tag, none after the end tag: the page's text between two
    # paragraphs stays as it was (W3C text-quote clients match it exactly).
    self.body.append(self.starttag(node, "div", "", CLASS="note-group"))


def depart_note_group(self: HTML5Translator, node: note_group) -> None:
    self.body.append("</div>")


def _insert_in_mark_order(para: nodes.paragraph, note: nodes.Element, mark: nodes.Node) -> None:
    """Put ``note`` among the notes that follow ``para``, in the order of their marks in it
    (annotation notes are placed there first, by ``annotations/marking.py``)."""
    order = {id(n): i for i, n in enumerate(para.findall())}
    marks: dict[str, int] = {}
    # Both kinds of mark are inline: findall with a class takes docutils' fast path.
    for node in para.findall(nodes.Inline):
        if not isinstance(node, (anno_marker, nodes.footnote_reference)):
            continue
        key = node.get("anno") or node.get("refid")
        marks.setdefault(str(key), order[id(node)])
    parent, here = para.parent, order[id(mark)]
    position = parent.index(para) + 1
    while position < len(parent.children):
        sibling = parent.children[position]
        if not isinstance(sibling, (anno_note, nodes.footnote)):
            break
        keys = [sibling.get("anno"), *sibling.get("ids", ())]
        if min((marks[str(k)] for k in keys if str(k) in marks), default=-1) > here:
            break
        position += 1
    parent.insert(position, note)


def _running_paragraph(node: nodes.Node) -> nodes.paragraph | None:
    """The paragraph of running text that holds ``node``, if any."""
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.paragraph):
        parent = parent.parent
    if parent is None or not isinstance(parent.parent, FLOW_PARENTS):
        return None
    return parent


def setup_sidenotes(app: Sphinx) -> None:
    app.add_post_transform(FootnotesAfterTheirParagraph)
    app.add_node(note_group, html=(visit_note_group, depart_note_group))
    app.add_post_transform(NoteGroups)
