"""Quotation marks as the edition shows them.

- ``curl_quotes``: typewriter quotes to typographic ones (titles printed in the PDF and the
  EPUB's title page, where no SmartQuotes pass runs).
- ``quoted``: a quotation inside the edition's own quotation marks. Sources are quoted word for
  word (``quote``), and many of them quote someone in turn: "Meade said", a document's "top
  secret". Set inside the edition's “…”, their double quotes would read as the end of the
  quotation (“"He said …," Meade said …”). As style guides ask of a quotation within a
  quotation, the inner double quotes, typewriter or typographic, are shown as single ones
  (German „…“ as ‚…‘); the words are not touched, and the stored quote stays as the source has
  it. Curly single quotes already inside are left as they are: ’ is also the apostrophe, so a
  third level cannot be told apart reliably.

A typewriter quote opens unless it follows a letter, a digit or closing punctuation, and only
before a non-space; otherwise it closes (an inch mark, ``12"``, is read as a closing quote).
"""

from __future__ import annotations

import re

#: What a closing quote follows: a letter or digit, or closing punctuation. A typewriter quote
#: after anything else (the start, a space, a bracket, a dash, a colon, ¡ …) and before a
#: non-space opens a quotation.
_BEFORE_CLOSING = r"\w.,;!?…)\]}’”»"
_OPENS = {mark: re.compile(rf"(?<![{_BEFORE_CLOSING}]){mark}(?=\S)") for mark in ('"', "'")}


def curl_quotes(text: str) -> str:
    """Typewriter quotes to typographic ones: "…" → “…”, '…' → ‘…’, an apostrophe → ’."""
    text = _OPENS['"'].sub("“", text).replace('"', "”")
    return _OPENS["'"].sub("‘", text).replace("'", "’")


def quoted(text: str) -> str:
    """*text* in “…”, its own double quotes turned single (‘…’, ‚…‘)."""
    inner = _OPENS['"'].sub("‘", text).replace('"', "’")
    inner = inner.replace("“", "‘").replace("”", "’").replace("„", "‚")
    return f"“{inner}”"
