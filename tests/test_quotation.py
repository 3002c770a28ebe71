"""A quotation within the edition's quotation marks: inner double quotes shown as single."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reading_edition.text.quotation import curl_quotes, quoted

QUOTES = str.maketrans("", "", '"“”‘’')


def test_inner_quotes_become_single_and_open_or_close_by_position() -> None:
    assert quoted('"He said it," Meade said. "No."') == "“‘He said it,’ Meade said. ‘No.’”"
    assert quoted('contained “diplomatic” and ("Mirror")') == (
        "“contained ‘diplomatic’ and (‘Mirror’)”"
    )
    assert quoted("no quotes, Obama’s word") == "“no quotes, Obama’s word”"


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ('said:"no"', "“said:‘no’”"),  # after a colon, opening
        ('x/"y"', "“x/‘y’”"),
        ('¡"No"! ¿"Sí"?', "“¡‘No’! ¿‘Sí’?”"),  # Spanish inverted marks
        ('"El presidente …", dijo', "“‘El presidente …’, dijo”"),
        ("„Nein“, sagte er", "“‚Nein‘, sagte er”"),  # German quotes in German single ones
        ('the "top secret" label', "“the ‘top secret’ label”"),
    ],
)
def test_each_inner_quote_faces_the_right_way(source: str, shown: str) -> None:
    assert quoted(source) == shown


def test_curl_quotes_tells_apostrophes_from_quotes() -> None:
    assert curl_quotes("\"The Mirror\" and Obama's 'word'") == "“The Mirror” and Obama’s ‘word’"


@given(st.text(alphabet=st.sampled_from(list('ab ,.(—"“”’'))))
def test_only_the_quote_marks_change_and_only_the_outer_ones_are_double(text: str) -> None:
    shown = quoted(text)
    assert shown.translate(QUOTES) == text.translate(QUOTES)  # the same words, in order
    assert shown[0] == "“" and shown[-1] == "”"
    assert not set('"“”') & set(shown[1:-1])
