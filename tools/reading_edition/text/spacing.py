"""Spaces written for readers: a number never parted from the sign or abbreviation before it,
and the reading text's spaces single (the source's line breaks are not the article's)."""

from __future__ import annotations

import re

NBSP = "\u00a0"
#: "¶ 2", "p. 14", "pp. 3–5", "No. 7": the space before the number, any run of spaces.
_BEFORE_NUMBER = re.compile(r"(¶|\bpp?\.|\bNo\.)[ \t\r\n]+(?=[0-9])")
#: Spaces of the source (not the no-break space, which is meant).
_SPACES = re.compile(r"[ \t\r\n]+")


def bind_numbers(text: str) -> str:
    """``text`` with a no-break space between "¶", "p.", "pp." or "No." and its number."""
    if _BEFORE_NUMBER.search(text) is None:  # most texts (asked of every text of every page)
        return text
    return _BEFORE_NUMBER.sub(lambda m: m.group(1) + NBSP, text)


def single_spaces(text: str, after_space: bool) -> str:
    """``text`` with each run of spaces and line breaks as one space, and none at its start
    when the text before it (``after_space``) ended with one."""
    text = _SPACES.sub(" ", text)
    return text[1:] if after_space and text.startswith(" ") else text
