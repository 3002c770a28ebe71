"""What the annotation domain keeps between documents: small, frozen, typed records.

They are pickled with the environment, so they hold plain values (and the model's frozen
:class:`~reading_edition.model.annotation.Source`), never doctree nodes.
"""

from __future__ import annotations

from dataclasses import dataclass

from reading_edition.model.annotation import Source


@dataclass(frozen=True)
class NoteRecord:
    """What other pages need to know of an annotation."""

    id: str
    docname: str
    title: str
    kind: str
    kind_label: str
    exact: str
    prefix: str | None
    suffix: str | None
    #: The file line of ``target.exact``, for anchoring messages.
    line: int
    authors: tuple[str, ...]
    created: str
    updated: str | None
    sources: tuple[Source, ...]
    related: tuple[str, ...]
    related_lines: tuple[int, ...]
    terms: tuple[str, ...]
    term_lines: tuple[int, ...]
    #: The body as plain text (for the export).
    text: str
    #: A digest of the body, so pages showing it are rewritten when it changes.
    digest: str


@dataclass(frozen=True)
class MovedRecord:
    """An annotation file kept at its address after its note moved to ``moved_to``."""

    id: str
    docname: str
    title: str
    moved_to: str
    #: The file line of ``moved_to``.
    line: int
    created: str
    updated: str | None


@dataclass(frozen=True)
class ArticleText:
    """The reading text of the article page: one normalised string per paragraph."""

    paragraphs: tuple[str, ...]
    #: The footnotes' texts (not the article's words; a quote that takes them is told so).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Placement:
    """Where an annotation's note is placed, computed after reading from the anchoring's
    ``Anchor`` (``text/anchoring.py``, whose ``start`` and ``end`` count in the whole text)."""

    #: The note's number, in reading order.
    number: int
    #: The paragraph (0-based) and the character range within it, as ``Anchor`` names them.
    paragraph: int
    para_start: int
    para_end: int
    #: Up to 80 characters of context on each side, for the annotation's page, and whether the
    #: paragraph goes on beyond them (an ellipsis is shown only where it does).
    before: str
    after: str
    before_cut: bool = False
    after_cut: bool = False
