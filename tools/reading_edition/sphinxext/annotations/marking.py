"""Offset mapping and marking: a passage, given as normalised characters [start, end) of a
paragraph's reading text, wrapped in ``anno_span`` nodes (across roles, emphasis and footnote
marks; a quote that spans markup becomes several spans).

``MarkPassages`` marks every anchored passage of the article, adds the numbered ``anno_marker``
after it and, on the web pages and in the EPUB, the note after its paragraph (``notes.py``). It
runs before Sphinx resolves references (priority 5 < 10), so references inside copied
annotation bodies, and the notes' links to their pages, resolve for the article page.

The offsets are those of ``text/anchoring.py`` (whitespace runs collapsed to one space), in the
paragraph's reading text: Text nodes minus footnote marks, paragraph numbers, markers and
editorial insertions.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes

from reading_edition.sphinxext.annotations.domain import AnnotationPostTransform
from reading_edition.sphinxext.annotations.nodes import anno_marker, anno_note, anno_span
from reading_edition.sphinxext.annotations.note_cache import (
    KEY,
    note_key,
    shown_titles,
    world_key,
)
from reading_edition.sphinxext.annotations.notes import article_note, new_note
from reading_edition.sphinxext.builders import EPUB, LATEX, WEB
from reading_edition.sphinxext.reading_text import (
    EDITORIAL_CLASSES,
    first_reading_text,
    paragraph_number,
    reading_paragraphs,
)

if TYPE_CHECKING:
    from reading_edition.sphinxext.annotations.records import NoteRecord, Placement

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


def top_level(node: nodes.Node, paragraph: nodes.paragraph) -> nodes.Node:
    """The child of ``paragraph`` that holds ``node``."""
    while node.parent is not None and node.parent is not paragraph:
        node = node.parent
    return node


class MarkPassages(AnnotationPostTransform):
    """The PDF's article: passages marked and numbered; its notes are the index's."""

    default_priority = 5
    builders = LATEX
    #: The note after its paragraph: none (print), "brief" (web pages) or "whole" (EPUB).
    notes: ClassVar[str] = ""

    def run(self, **kwargs: Any) -> None:
        container = first_reading_text(self.document)
        # For LaTeX the document is the whole edition assembled under the root document.
        if container is None or not self.domain.articles:
            return
        paragraphs = reading_paragraphs(container)
        notes_after: dict[int, list[nodes.Node]] = {}
        states: dict[int, ParagraphText] = {}
        for record in self.domain.in_reading_order():
            place = self.domain.placements[record.id]
            paragraph = paragraphs[place.paragraph]
            if place.paragraph not in states:
                states[place.paragraph] = ParagraphText(paragraph)
            state = states[place.paragraph]
            last = mark_range(paragraph, place.para_start, place.para_end, record.id, state)
            if last is None:
                continue
            marker = anno_marker(
                anno=record.id,
                number=place.number,
                title=record.title,
                kind=record.kind_label,
            )
            top = top_level(last, paragraph)
            paragraph.insert(paragraph.index(top) + 1, marker)
            note = self.note(record, place)
            if note is not None:
                notes_after.setdefault(place.paragraph, []).append(note)
        for index in sorted(notes_after, reverse=True):
            paragraph = paragraphs[index]
            parent = paragraph.parent
            position = parent.index(paragraph) + 1
            for offset, note in enumerate(notes_after[index]):
                parent.insert(position + offset, note)

    def note(self, record: NoteRecord, place: Placement) -> anno_note | None:
        """The note after the passage's paragraph, if this output has one there."""
        if not self.notes:
            return None
        return article_note(self.env, record, place, brief=self.notes == "brief")


class MarkPassagesWeb(MarkPassages):
    """The web pages' article: each note in brief after its paragraph (``note_gists.py``),
    empty when the last build's HTML of it is kept (``note_cache.py``)."""

    builders = WEB
    notes = "brief"

    def run(self, **kwargs: Any) -> None:
        if first_reading_text(self.document) is None or not self.domain.articles:
            return
        self.cache = self.domain.note_cache
        if self.cache is not None:
            self.cache.article_written = True
            self.world = world_key(self.env, self.domain, self.cache.builder)
        super().run(**kwargs)

    def note(self, record: NoteRecord, place: Placement) -> anno_note | None:
        if self.cache is None:
            return article_note(self.env, record, place, brief=True)
        key = note_key(
            self.world,
            record,
            place,
            self.domain.gists.get(record.id),
            shown_titles(self.env, record.docname),
        )
        if self.cache.kept(record.id, key) is not None:
            note = new_note(record, place)
        else:
            note = article_note(self.env, record, place, brief=True)
        note[KEY] = key
        return note


class MarkPassagesEpub(MarkPassages):
    """The EPUB's article: each note whole after its paragraph, as an EPUB footnote."""

    builders = EPUB
    notes = "whole"
