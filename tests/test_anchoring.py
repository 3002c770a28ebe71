"""Anchoring on its own (``text/anchoring.py``): a prefix or a suffix picks one of several
matches, whitespace runs count as one space, and a quote that misses is told apart (across two
paragraphs, or different only in typographic characters). Small texts written here: the rules
hold for any article."""

from __future__ import annotations

from reading_edition.text.anchoring import ReadingIndex, anchor_message

INDEX = ReadingIndex(["One cat sat here; a second cat sat there.", "A third cat\nsat   again."])


def _words(result: object, index: ReadingIndex = INDEX) -> tuple[int, str]:
    anchor = result.anchor  # type: ignore[attr-defined]
    assert anchor is not None, result
    paragraph = index.paragraphs[anchor.paragraph]
    return anchor.paragraph, paragraph[max(0, anchor.para_start - 7) : anchor.para_end]


def test_a_prefix_or_a_suffix_picks_one_of_several_matches() -> None:
    assert INDEX.find("cat sat").status == "ambiguous"
    assert _words(INDEX.find("cat sat", prefix="second")) == (0, "second cat sat")
    assert _words(INDEX.find("cat sat", suffix="there")) == (0, "second cat sat")
    assert _words(INDEX.find("cat sat", suffix="again")) == (1, " third cat sat")
    assert INDEX.find("cat sat", suffix="nowhere").anchor is None


def test_the_hint_names_the_fewest_words_that_pick_one() -> None:
    result = INDEX.find("cat sat")
    assert result.suggestion == ("prefix", "One")
    assert 'Add target.prefix: "One" to pick one.' in (anchor_message(result, "cat sat") or "")


def test_whitespace_runs_count_as_one_space() -> None:
    assert _words(INDEX.find("cat sat again")) == (1, " third cat sat again")


def test_a_quote_across_paragraphs_is_told_so() -> None:
    result = INDEX.find("there. A third")
    assert result.status == "across"
    assert result.across == (0, 1)


def test_a_quote_with_other_quotation_marks_is_told_so() -> None:
    index = ReadingIndex(["He said “yes” and left."])
    result = index.find('said "yes" and')
    assert result.status == "typographic"
    assert result.typographic is not None
    assert [(i, typed, has) for i, typed, has in result.typographic.differences] == [
        (6, '"', "“"),
        (10, '"', "”"),
    ]


def test_the_closest_passage_can_be_copied_as_it_is() -> None:
    # A hyphen that makes two words one ("lead-up" for the article's "lead up"), a plural, and
    # the article's full stop after the run: the suggestion is the article's run itself.
    index = ReadingIndex(
        [
            "Nothing here is near.",
            "He was tracked in the lead up to the national election in 2012. Then more.",
        ]
    )
    found = index.closest("in the lead-up to the national elections in 2012")
    assert found is not None
    assert (found.paragraph, found.text) == (1, "in the lead up to the national election in 2012")
    assert index.find(found.text).anchor is not None
