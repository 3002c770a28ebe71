"""The printed index reads a paragraph's words, not the LaTeX set between them
(``print_index.own_text``): a break point inside an identifier makes no index word."""

from __future__ import annotations

from docutils import nodes
from reading_edition.sphinxext.print_index import own_text, term_pattern


def test_a_break_point_inside_an_identifier_makes_no_index_word() -> None:
    paragraph = nodes.paragraph()
    paragraph += nodes.Text("See NSA_TAO_FLATLIQUID_")
    paragraph += nodes.raw("", r"\allowbreak{}", format="latex")
    paragraph += nodes.Text("WHITETAMALE here, and FLATLIQUID alone.")
    text = own_text(paragraph)
    assert "allowbreak" not in text
    assert term_pattern("WHITETAMALE").search(text) is None
    assert term_pattern("FLATLIQUID").search(text) is not None
