"""Long runs without spaces that TeX cannot hyphenate get places to break in the PDF, so that no
valid note stands out of the margin (the valid set's PDF is held to 0 overfull lines with one)."""

from __future__ import annotations

import pytest
from reading_edition.sphinxext.print_finish import break_points


def pieces(text: str) -> list[str]:
    points = break_points(text)
    return [text[i:j] for i, j in zip([0, *points], [*points, len(text)], strict=True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no 12345678901234567890123 end", ["no 12345678", "90123456", "7890123 end"]),
        ("A SOME_LONG_IDENTIFIER_NAME_HERE", ["A SOME_", "LONG_", "IDENTIFIER_", "NAME_", "HERE"]),
        ("org.example.package.ClassName.", ["org.", "example.", "package.", "ClassName."]),
        ("a/long/path/to/some/file.txt", ["a/", "long/", "path/", "to/", "some/", "file.", "txt"]),
    ],
)
def test_a_long_run_may_break_after_punctuation_and_every_eight_digits(
    text: str, expected: list[str]
) -> None:
    assert pieces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "short_name and 1234567",  # runs too short to overflow
        "Donaudampfschifffahrtsgesellschaft",  # a word: TeX hyphenates it
        "ends with a full stop.",
    ],
)
def test_words_and_short_runs_are_left_to_tex(text: str) -> None:
    assert break_points(text) == []


def latex(pieces: list) -> str:  # type: ignore[type-arg]
    return "".join(p.astext() for p in pieces)


def test_code_breaks_only_at_its_break_points_and_is_never_hyphenated() -> None:
    from reading_edition.sphinxext.print_finish import breakable

    # A path in code: boxed pieces (no hyphenation, no break at its own hyphen), breaks between.
    assert latex(breakable("annotations/ssp-abolished.html", code=True)) == (
        r"\mbox{annotations/}\allowbreak{}\mbox{ssp-abolished.}\allowbreak{}\mbox{html}"
    )
    assert latex(breakable("annotations/", code=True)) == r"\mbox{annotations/}"
    # In prose: breaks only, the words left to TeX's hyphenation.
    assert latex(breakable("see SOME_LONG_IDENTIFIER_NAME_HERE")) == (
        r"see SOME_\allowbreak{}LONG_\allowbreak{}IDENTIFIER_\allowbreak{}NAME_\allowbreak{}HERE"
    )


def test_names_unhyphenated_but_not_the_common_words_of_titles() -> None:
    """TeX's hyphenation exceptions ignore case: a title's "Intelligence" or "President" among
    them kept "intelligence" and "president" whole everywhere, and justified lines gaped. A
    capitalised word the text also writes in lower case is a common word; a name written in
    lower case only inside an address ("…/snowden-leaves-moscow") is still a name."""
    from types import SimpleNamespace

    from docutils import nodes
    from docutils.utils import new_document
    from reading_edition.sphinxext.print_finish import edition_names
    from sphinx import addnodes

    document = new_document("test")
    glossary = addnodes.glossary()
    glossary += nodes.paragraph(text="Public Security Secretariat. Edward Snowden, Mondragón.")
    document += glossary
    document += nodes.paragraph(
        text="The president’s (intelligence) security, in https://example.org/snowden-leaves."
    )
    record = SimpleNamespace(title="Intelligence Review of President Calderón", terms=["Zurita"])
    names = edition_names(document, [record])
    assert {"Security", "Intelligence", "President"}.isdisjoint(names), names
    assert {"Snowden", "Mondragón", "Secretariat", "Calderón", "Review"} <= set(names), names
