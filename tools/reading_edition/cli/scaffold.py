"""Scaffold a new annotation from a quote of the article.

The quote is anchored first; when it occurs more than once a prefix or suffix is added so the
new file passes the check as written. Only the body and the sources are left to the author.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.kinds import FACTUAL_KINDS, KINDS
from reading_edition.text.anchoring import ReadingIndex, anchor_message, normalise


def slug(title: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:8]) or "annotation"


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def scaffold(
    index: ReadingIndex,
    quote: str,
    kind: str,
    title: str,
    author: str,
    today: dt.date | None = None,
) -> str:
    """Return the text of a new annotation file, or raise LocatedError if the quote is unusable."""
    if kind not in KINDS:
        raise LocatedError("--kind", 0, f"{kind!r} is not a kind; use one of {', '.join(KINDS)}.")
    quote = normalise(quote)
    result = index.find(quote)
    target = [f"  exact: {_q(quote)}"]
    if result.status == "ambiguous" and result.suggestion:
        side, words = result.suggestion
        target.append(f"  {side}: {_q(words)}")
    elif result.status != "anchored":
        raise LocatedError("--quote", 0, anchor_message(result, quote) or "quote not usable.")
    date = (today or dt.date.today()).isoformat()
    lines = [
        "---",
        "# yaml-language-server: $schema=../tools/annotation.schema.json",
        "target:",
        *target,
        f"kind: {kind}",
        f"title: {_q(title)}",
        f"authors: [{_q(author)}]",
        f'created: "{date}"',
    ]
    if kind in FACTUAL_KINDS:
        lines += [
            "sources:",
            '  - title: "TODO: title of the source"',
            '    publisher: "TODO: publisher"',
            '    date: "n.d."',
            '    url: "https://example.org/TODO"',
            '    quote: "TODO: the words of the source that support the note"',
        ]
    lines += ["---", "", "TODO: write the annotation here, in your own words.", ""]
    return "\n".join(lines)
