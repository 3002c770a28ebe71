"""Which internal links of a paragraph send the reader elsewhere and so get their page in print
(``print_pagerefs.see_references``): read on a paragraph built as the resolver leaves it."""

from __future__ import annotations

import pytest
from docutils import nodes
from reading_edition.sphinxext.print_pagerefs import see_references


def paragraph(*pieces: str) -> nodes.paragraph:
    """Text pieces, with "[x]" an internal link to the page x."""
    para = nodes.paragraph()
    for piece in pieces:
        if piece.startswith("[") and piece.endswith("]"):
            para += nodes.reference("", piece[1:-1], refuri=f"%{piece[1:-1]}", internal=True)
        else:
            para += nodes.Text(piece)
    return para


def linked(*pieces: str) -> list[str]:
    return [r.astext() for r in see_references(paragraph(*pieces))]


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (("On his work, see ", "[a]", "; on his protest, the note on ", "[b]", "."), ["a", "b"]),
        (("See ", "[a]", ". The note on ", "[b]", " says more."), ["a"]),
        (("(see ", "[a]", ") and ", "[b]", "."), ["a"]),
        (("The same holds (cf. ", "[a]", ")."), ["a"]),
        (("As ", "[b]", " says (", "[a]", ")."), ["a"]),
        (("See p. 4 and ", "[a]", "."), ["a"]),
    ],
)
def test_a_see_runs_to_its_sentence_or_parenthesis(
    pieces: tuple[str, ...], expected: list[str]
) -> None:
    assert linked(*pieces) == expected
