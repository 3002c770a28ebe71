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
