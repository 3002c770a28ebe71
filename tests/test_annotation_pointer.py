"""The run-in pointer under a page's footnotes ("[2] <title>, see p. 14"): its punctuation."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from docutils import nodes
from reading_edition.sphinxext.annotations.latex import visit_marker
from reading_edition.sphinxext.annotations.nodes import anno_marker


class Writer:
    """What ``visit_marker`` uses of Sphinx's LaTeX translator."""

    def __init__(self) -> None:
        self.body: list[str] = []
        self.config = SimpleNamespace(edition_publication_titles=["Der Spiegel"])

    def encode(self, text: str) -> str:
        return text


@pytest.mark.parametrize(
    ("title", "printed"),
    [
        ("Edward Snowden", "Edward Snowden,"),
        ("When, and by whom, was this published?", "When, and by whom, was this published?"),
        ("“Just the beginning!”", "“Just the beginning!”"),
        # A publication title in italics, as the text sets it; the comma after the whole title.
        ("Der Spiegel’s report", r"\textit{Der Spiegel}’s report,"),
    ],
)
def test_a_pointer_puts_no_comma_after_a_question_mark(title: str, printed: str) -> None:
    writer = Writer()
    with pytest.raises(nodes.SkipNode):
        visit_marker(writer, anno_marker(number=2, anno="x", title=title))  # type: ignore[arg-type]
    assert writer.body[0].endswith(f"{{{printed}}}"), writer.body
