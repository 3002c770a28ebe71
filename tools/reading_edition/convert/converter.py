"""Turn a captured web page into the edition's MyST reading text.

A capture holds the article's words and the page around them: menus, bylines, dates, captions
and credits, share counts, "related" lists, promotions, footers. The converter keeps the
article's words exactly as captured and records every removal with its kind and the reason, so
the edition can show the reader what was taken out and why, and the fidelity check can prove that
nothing else changed.

Two kinds of capture:

- a plain-text capture (a reader's "select all, copy"): its lines are sorted by general rules
  (:mod:`reading_edition.convert.capture_text`, wordings in :mod:`~.page_wording`);
- a saved HTML page (``.html``, ``.html.gz``, or a WARC file): the page's text is laid out one
  block per line as the *witness text*, and the article's blocks are chosen with trafilatura
  (:mod:`reading_edition.convert.capture_html`, optional packages: ``reading-edition[convert]``).

Run ``edition convert --help``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from reading_edition.convert.capture_files import (
    ConversionError,
    decode_html,
    decode_text,
    read_capture_file,
)
from reading_edition.convert.capture_text import Removal, byline_author, read_capture
from reading_edition.convert.language_guess import guess_language
from reading_edition.convert.page_dates import iso_date
from reading_edition.convert.page_wording import REASONS
from reading_edition.text.article_facts import ArticleFacts
from reading_edition.text.dates import date_problem

__all__ = [
    "REASONS",
    "ArticleFacts",
    "Conversion",
    "ConversionError",
    "Removal",
    "convert",
    "convert_file",
    "convert_html",
    "convert_path",
    "to_myst",
]


@dataclass
class Conversion:
    """The result of converting one capture."""

    source: str
    #: What the capture shows of the article: its headline and standfirst open the reading
    #: text; ``edition init`` writes all of it to the witness's metadata file.
    facts: ArticleFacts
    #: Body blocks in reading order: ("p", text) or ("h", text).
    body: list[tuple[str, str]] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    #: For a saved page: the witness text (one block per line) the reading text traces to.
    witness_text: str | None = None
    #: The page's words for the article's date when they were not read as a date (the facts
    #: then say "unknown"): ``edition init`` writes them beside the date for the editor.
    unread_date: str | None = None

    @property
    def title(self) -> str:
        """The headline: the reading text's first block."""
        return self.facts.title

    @property
    def standfirst(self) -> str | None:
        """The standfirst, if the capture shows one: the block after the headline."""
        return self.facts.standfirst

    def removal_counts(self) -> list[tuple[str, int]]:
        """How many lines or blocks of each kind were removed, most first."""
        return Counter(r.kind for r in self.removals).most_common()


#: A text capture's removals are listed line by line up to this many, else summarised by kind
#: as a saved page's are: a residue table of many pages is no reading, and in the PDF a
#: longtable of ~150 rows stopped xelatex ("Infinite glue shrinkage found in box being split").
FULL_TABLE_AT_MOST = 40


def convert(text: str, source: str = "capture") -> Conversion:
    """Sort a text capture into headline, standfirst, body and recorded residue."""
    if "\x00" in text:
        raise ConversionError(f"{source}: contains a NUL byte; is it really a text capture?")
    if not text.strip():
        raise ConversionError(f"{source}: the capture is empty; nothing to convert.")
    reading = read_capture(text)
    first_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.strip())
    if not any(kind == "p" for kind, _, _ in reading.body):
        raise ConversionError(
            f"{source}:{first_line}: no body paragraph found after the headline; "
            "is this a capture of an article?"
        )
    if reading.headline.text is None:
        body_line = reading.body[0][1]
        raise ConversionError(
            f"{source}:{body_line}: no headline found before the article's first paragraph; "
            "add the headline on a line of its own above it in a copy of the capture."
        )
    # The date line as an ISO date ("Nov 19, 2019 8:03 am ET" gives 2019-11-19), or the
    # byline's ("By Jo Lee - 2019-11-19T12:48:14Z") where that says more, or unknown.
    read = [d for d in (iso_date(reading.date.text), iso_date(reading.byline.text)) if d]
    date = max(read, key=len) if read else None
    return Conversion(
        source=source,
        unread_date=reading.date.text if date is None else None,
        facts=ArticleFacts(
            title=reading.headline.text,
            standfirst=reading.standfirst.text,
            author=byline_author(reading.byline.text),
            date=date,
            # A text capture names no language: guessed from the article's words.
            language=guess_language(text for kind, _, text in reading.body if kind == "p"),
        ),
        body=[(kind, text) for kind, _, text in reading.body],
        removals=reading.removals,
    )


def convert_html(page: str, source: str = "page", url: str | None = None) -> Conversion:
    """Sort a saved page's blocks into headline, standfirst, body and recorded residue."""
    from reading_edition.convert.capture_html import read_html

    try:
        reading = read_html(page)
    except ConversionError as err:
        raise ConversionError(f"{source}: {err}") from None
    if not reading.kept:
        raise ConversionError(
            f"{source}: no article found in the page (the extractor kept no block); is this "
            "the page of an article, saved whole?"
        )
    blocks = reading.blocks
    if reading.headline is None:
        raise ConversionError(
            f"{source}: the page has no title and no headline before the article; "
            "this converter needs one of them."
        )
    removals = [
        Removal(blocks[i].line, kind, blocks[i].text, REASONS[kind]) for i, kind in reading.removed
    ]
    body = [("h" if blocks[i].tag in _HEADINGS else "p", blocks[i].text) for i in reading.kept]
    standfirst = blocks[reading.standfirst].text if reading.standfirst is not None else None
    title = blocks[reading.headline].text
    # The page's metadata, its title replaced by the headline found from it.
    shown = reading.facts or ArticleFacts(title)
    facts = replace(shown, title=title, standfirst=standfirst, url=url or shown.url)
    unread = None
    if facts.date and date_problem(facts.date):  # the page's metadata: ISO, else read as one
        unread = None if iso_date(facts.date) else facts.date
        facts = replace(facts, date=iso_date(facts.date))
    return Conversion(
        source=source,
        unread_date=unread,
        facts=facts,
        body=body,
        removals=removals,
        witness_text=reading.witness_text,
    )


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def convert_path(path: Path) -> Conversion:
    """Read a capture file of any kind (within the size limits) and convert it."""
    capture = read_capture_file(path)
    if capture.kind == "html":
        return convert_html(decode_html(capture.page), str(path), capture.url)
    return convert(decode_text(capture.page, path), str(path))


def _yaml_string(value: str) -> str:
    """Quote a string for the removal list (double-quoted YAML, JSON-compatible).

    Control characters other than the tab cannot stand in YAML; they are written as escapes,
    which YAML reads back as the same characters.
    """
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", escaped)
    return f'"{escaped}"'


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: ASCII punctuation that Markdown or MyST reads inside a line (emphasis, code, links, HTML,
#: roles, inline notes, tables, a heading's closing #); a backslash keeps it a plain character.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>{}|~^&#])")
#: Line openings that Markdown or MyST reads as blocks: headings, quotes, lists, fences,
#: comments, targets, numbered items ("1." or "1)").
_BLOCK_OPENING = re.compile(r"^([#>+\-=:%(]|\d+(?=[.)]))")


def myst_text(text: str) -> str:
    """A captured line as MyST that displays exactly that line, nothing read as markup."""
    escaped = _INLINE_MARKUP.sub(r"\\\1", text)
    match = _BLOCK_OPENING.match(escaped)
    if match:
        if match.group(1)[0].isdigit():
            end = match.end()
            escaped = f"{escaped[:end]}\\{escaped[end:]}"
        else:
            escaped = "\\" + escaped
    return escaped


def to_myst(conversion: Conversion, witness: str) -> str:
    """Render a conversion as the edition's MyST article.

    ``witness`` is the path the reading-text directive names: the text capture itself, or for
    a saved page the witness text derived from it. A page's removals (hundreds of blocks) are
    shown summarised by kind; the full list stays in the source for the fidelity check.
    """
    out = [
        f"# {myst_text(conversion.title)}",
        "",
        f"::::{{reading-text}} {witness}",
    ]
    if conversion.standfirst:
        out += ["", ":::{standfirst}", myst_text(conversion.standfirst), ":::"]
    for kind, text in conversion.body:
        shown = myst_text(text)
        out += ["", f":::{{rubric}} {shown}\n:::" if kind == "h" else shown]
    out += ["::::", "", "## About this text", ""]
    if conversion.witness_text is not None or len(conversion.removals) > FULL_TABLE_AT_MOST:
        # The sentence above the table is the directive's, counted from the list below.
        out += [":::{removed-residue}", ":summary:"]
    else:
        out += [":::{removed-residue}"]
    for removal in conversion.removals:
        out += [
            f"- line: {removal.line}",
            f"  kind: {removal.kind}",
            f"  text: {_yaml_string(removal.text)}",
            f"  reason: {_yaml_string(removal.reason)}",
        ]
    out += [":::", ""]
    return "\n".join(out)


def convert_file(path: Path, witness: str) -> str:
    """Read a capture (text or saved page) and return the MyST article."""
    return to_myst(convert_path(path), witness)
