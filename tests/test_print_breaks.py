"""Long runs without spaces that TeX cannot hyphenate get places to break in the PDF, so that no
valid note stands out of the margin (the valid set's PDF is held to 0 overfull lines with one)."""

from __future__ import annotations

import itertools

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
        # A hash (letters and digits: TeX hyphenates neither), every eight characters.
        ("id 5c1b0b6a2f0e4e7d9a3c8b1f", ["id 5c1b0b6a", "2f0e4e7d", "9a3c8b1f"]),
        # A run of letters longer than TeX was seen to break (a heading stood out), every 20.
        ("W" + "a" * 49, ["W" + "a" * 19, "a" * 20, "a" * 10]),
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
        r"\mbox{annotations/}\editionbreak{}\mbox{ssp-abolished.}\editionbreak{}\mbox{html}"
    )
    assert latex(breakable("annotations/", code=True)) == r"\mbox{annotations/}"
    # In prose: breaks only, the words left to TeX's hyphenation.
    assert latex(breakable("see SOME_LONG_IDENTIFIER_NAME_HERE")) == (
        r"see SOME_\editionbreak{}LONG_\editionbreak{}IDENTIFIER_\editionbreak{}"
        r"NAME_\editionbreak{}HERE"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "aVeryLongCamelCaseIdentifierName",
            ["aVery", "Long", "Camel", "Case", "Identifier", "Name"],
        ),
        ("0123456789abcdefABCDEF0123456789", ["01234567", "89abcdef", "ABCDEF01", "23456789"]),
        ("AVERYLONGNAMEINCAPITALSWITHOUTBREAKS", ["AVERYLONGNAMEINC", "APITALSWITHOUTBR", "EAKS"]),
        ("annotations/ssp-abolished.html", ["annotations/", "ssp-abolished.", "html"]),
        ("x = 1", ["x = 1"]),
    ],
)
def test_inline_code_breaks_where_it_can_and_never_keeps_a_piece_wider_than_a_column(
    text: str, expected: list[str]
) -> None:
    """TeX never hyphenates code: a piece longer than CODE_PIECE would stand out of the margin
    (a camel-case name of 60 letters did, by 12 pt), so it breaks before a capital, then every
    CODE_PIECE characters."""
    from reading_edition.sphinxext.print_finish import CODE_PIECE, code_break_points

    bounds = [0, *code_break_points(text), len(text)]
    found = [text[i:j] for i, j in itertools.pairwise(bounds)]
    assert found == expected
    assert all(len(piece) <= CODE_PIECE for piece in found if len(text) > 20)


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


@pytest.mark.parametrize(
    ("head", "printed"),
    [("Why", "Why:"), ("Kind", "Kind:"), ("What was removed", "What was removed:"), ("¶", "¶")],
)
def test_a_table_head_that_is_a_word_gets_its_colon(head: str, printed: str) -> None:
    """A head leads its cell in the PDF's rows with a colon, however short the word ("Why:"
    beside "Kind:"; reader review, item 12); a sign or a head with its own stop runs in."""
    from reading_edition.sphinxext.print_tables import head_label

    assert head_label(head).astext() == printed
    assert head_label("No.").astext() == "No."
