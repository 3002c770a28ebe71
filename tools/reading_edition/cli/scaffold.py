"""Scaffold a new annotation from a quote of the article.

The quote is anchored first; when it occurs more than once a prefix or suffix is added so the
new file passes the check as written. Only the body and the sources are left to the author.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.kinds import FACTUAL_KINDS, KINDS
from reading_edition.text.anchoring import Anchor, ReadingIndex, anchor_message, normalise


def slug(title: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:8]) or "annotation"


#: A factual note's sources, to be filled in: `edition check` refuses each placeholder until it is.
SOURCE_PLACEHOLDERS = [
    "sources:",
    '  - title: "TODO: title of the source"',
    '    publisher: "TODO: publisher"',
    '    date: "TODO: YYYY-MM-DD, or n.d. if the source shows no date"',
    '    url: "https://example.org/TODO"',
    '    quote: "TODO: the words of the source that support the note"',
]


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def choose(
    index: ReadingIndex, quote: str, occurrence: int | None = None, para: int | None = None
) -> tuple[str, Anchor, tuple[str, str] | None]:
    """The quote as the article writes it, where it is, and the prefix or suffix that picks it.

    A quote that differs from the article only in typographic characters takes the article's;
    one that occurs more than once needs ``occurrence`` (1-based) or ``para`` (¶ number), and
    the error lists every occurrence with what picks it.
    """
    quote = normalise(quote)
    result = index.find(quote)
    if result.status == "typographic" and result.typographic:
        quote = result.typographic.text
        result = index.find(quote)
    if result.anchor:
        if para is not None and result.anchor.paragraph != para - 1:
            raise LocatedError(
                "--para", 0, f"the quote is in ¶ {result.anchor.paragraph + 1}, not ¶ {para}."
            )
        return quote, result.anchor, None
    if not result.matches:
        message = anchor_message(result, quote, field="--quote")
        raise LocatedError("--quote", 0, message or "quote not usable.")
    chosen = result.matches
    if para is not None:
        chosen = [m for m in chosen if m.paragraph == para - 1]
    if occurrence is not None:
        chosen = chosen[occurrence - 1 : occurrence] if 0 < occurrence <= len(chosen) else []
    if len(chosen) == 1:
        return quote, chosen[0], index.pick(result.matches, chosen[0])
    ask = "say which with --occurrence N or --para N"
    if para is not None and occurrence is None:
        ask = (
            f"{'all' if len(chosen) == len(result.matches) else len(chosen)} of them are in "
            f"¶ {para}, so --para cannot tell them apart: say "
            "which with --occurrence N instead (N as numbered here)"
            if chosen
            else f"none is in ¶ {para}: say which with --occurrence N, or --para N with a ¶ "
            "listed here"
        )
    listing = "\n".join(
        f"  {n}. ¶ {m.paragraph + 1}: {index.context(m)}"
        + (f"  (target.{p[0]}: {p[1]!r})" if (p := index.pick(result.matches, m)) else "")
        for n, m in enumerate(result.matches, start=1)
    )
    raise LocatedError(
        "--quote",
        0,
        f"quote {quote!r} occurs {len(result.matches)} times in the article; {ask}:\n{listing}",
    )


#: Where the schema is, from the annotations folder: this repository, or a folder made by
#: ``edition init`` (which writes it at the edition's root).
SCHEMA_PATHS = (
    "../tools/reading_edition/model/annotation.schema.json",
    "../annotation.schema.json",
)
SCHEMA_PATH = SCHEMA_PATHS[0]


def schema_path(annotations: Path) -> str | None:
    """The schema's path for a new file in ``annotations``, or None if the edition has none."""
    return next((p for p in SCHEMA_PATHS if (annotations / p).is_file()), None)


def scaffold(
    index: ReadingIndex,
    quote: str,
    kind: str,
    title: str,
    author: str,
    today: dt.date | None = None,
    occurrence: int | None = None,
    para: int | None = None,
    schema: str | None = SCHEMA_PATH,
) -> str:
    """Return the text of a new annotation file, or raise LocatedError if the quote is unusable.

    ``schema`` is the front matter's JSON Schema relative to the annotations folder, for editors
    that check YAML as it is typed; None leaves the line out."""
    if kind not in KINDS:
        raise LocatedError("--kind", 0, f"{kind!r} is not a kind; use one of {', '.join(KINDS)}.")
    quote, _anchor, pick = choose(index, quote, occurrence, para)
    target = [f"  exact: {_q(quote)}"]
    if pick:
        target.append(f"  {pick[0]}: {_q(pick[1])}")
    date = (today or dt.date.today()).isoformat()
    lines = [
        "---",
        *([f"# yaml-language-server: $schema={schema}"] if schema else []),
        "target:",
        *target,
        f"kind: {kind}",
        f"title: {_q(title)}",
        f"authors: [{_q(author)}]",
        f'created: "{date}"',
    ]
    if kind in FACTUAL_KINDS:
        lines += SOURCE_PLACEHOLDERS
    lines += ["---", "", "TODO: write the annotation here, in your own words.", ""]
    return "\n".join(lines)
