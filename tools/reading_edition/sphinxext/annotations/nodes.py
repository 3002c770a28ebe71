"""Doctree nodes of annotations. Builders without a visitor for them never see them: the
post-transforms that create them run for HTML, EPUB and LaTeX only (``marking.py``,
``placeholders.py``, ``latex_notes.py``)."""

from __future__ import annotations

from docutils import nodes


class anno_span(nodes.Inline, nodes.TextElement):
    """Part of an annotated passage (a quote spanning markup is several spans)."""


class anno_marker(nodes.Inline, nodes.Element):
    """The numbered marker after an annotated passage; links to the note."""


class anno_note(nodes.General, nodes.Element):
    """An annotation's note: beside the passage in HTML, in the notes section in print."""


class anno_placeholder(nodes.General, nodes.Element):
    """Filled after reading, once every annotation is known: ``what`` says with what."""
