"""Citable works and their formats, written by field libraries rather than by hand.

A :class:`Work` is one citable thing (the edition, one of its notes or pages, or a source it
cites), with CSL-JSON's fields. From it:

- :func:`csl_json`: CSL-JSON items, which Zotero, citeproc-js/-py and pandoc read;
- :func:`formatted` (:func:`entries`: the entry alone): the reader's text, rendered by
  citeproc-py with the edition's CSL style (``edition.csl`` beside this module): a source's
  entry (title, publisher, date), the short form the notes cite (publisher, date), the
  recommended citation of the edition and its notes;
- :func:`bibtex`: BibTeX, written by bibtexparser (LaTeX's special characters escaped by
  pylatexenc; other characters stay UTF-8, which biber, Zotero and pandoc read);
- :func:`ris`: RIS, written by rispy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

STYLE = Path(__file__).with_name("edition.csl")

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Work:
    """One citable work, in CSL-JSON's terms (names are literal: no given/family split)."""

    id: str
    type: str
    title: str
    authors: tuple[str, ...] = ()
    publisher: str = ""
    container_title: str = ""
    date: str = ""  # ISO YYYY, YYYY-MM or YYYY-MM-DD; empty or "n.d." when the work shows none
    version: str = ""
    url: str = ""
    note: str = ""
    language: str = ""

    @property
    def date_parts(self) -> list[int] | None:
        found = _ISO.match(self.date)
        return [int(p) for p in found.groups() if p] if found else None


#: Each export's media type, by its file name suffix: a downloaded file says what it holds.
#: Browsers render none of them as a page: a link to one saves a file.
MEDIA_TYPES = {
    "bib": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "json": "application/vnd.citationstyles.csl+json",
}


@dataclass(frozen=True)
class Counterparts:
    """A CSL item type's BibTeX entry type and RIS reference type."""

    bibtex: str
    ris: str


#: CSL item types the edition uses, and their BibTeX and RIS counterparts.
TYPES = {
    "book": Counterparts("book", "EDBOOK"),
    "chapter": Counterparts("incollection", "CHAP"),
    "article-newspaper": Counterparts("article", "NEWS"),
    "webpage": Counterparts("online", "ELEC"),
    "document": Counterparts("misc", "GEN"),
}


def counterparts(work: Work) -> Counterparts:
    """The work's BibTeX and RIS types (a generic document's for a type not listed)."""
    return TYPES.get(work.type, TYPES["document"])


def csl_item(work: Work) -> dict[str, Any]:
    """The work as one CSL-JSON item."""
    item: dict[str, Any] = {"id": work.id, "type": work.type}
    # (Titles keep the source's own quotation marks; the style sets them in “…”, so for the
    # reader's text a title that quotes has its inner quotes made single first: see
    # :func:`as_styled`. A title the
    # editors supplied is no title of the work: it goes as its genre, which the style sets as
    # it is, so that no description reads as a quoted headline.)
    item["genre" if is_supplied(work.title) else "title"] = work.title
    if work.authors:
        item["author"] = [{"literal": name} for name in work.authors]
    optional = {
        "publisher": work.publisher,
        "container-title": work.container_title,
        "version": work.version,
        "URL": work.url,
        "note": work.note,
        "language": work.language,
    }
    item.update({key: value for key, value in optional.items() if value})
    if work.date_parts:
        item["issued"] = {"date-parts": [work.date_parts]}
    return item


def is_supplied(title: str) -> bool:
    """Whether a title is the editors' description of an untitled work ("[page at …]"): in
    square brackets, as cataloguers write a title they supply."""
    return title.startswith("[") and title.endswith("]")


def inner_quotes(title: str) -> str:
    """A title to be set inside “…”: its own double quotes as single ones (as in a quotation)."""
    from reading_edition.text.quotation import quoted

    return quoted(title)[1:-1]


def as_styled(work: Work) -> Work:
    """The work as the style sets it: a title the style puts in “…” (every type but a book's,
    and not a title the editors supplied) has its own double quotes made single first, so a
    note titled “Just the beginning” is cited as “‘Just the beginning’”, not ““…””. Only the
    reader's text: the exports keep the title as it is (their readers add their own quotes).
    Idempotent: single quotes are left as they are."""
    if work.type == "book" or is_supplied(work.title):
        return work
    return replace(work, title=inner_quotes(work.title))


def csl_json(works: Iterable[Work]) -> str:
    """CSL-JSON: a list of items."""
    items = [csl_item(w) for w in works]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


@cache
def _style() -> Any:
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(str(STYLE), validate=False)


def _bibliography(works: Sequence[Work]) -> tuple[Any, list[Any]]:
    """A citeproc bibliography of ``works`` in the edition's style, each registered once."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON([csl_item(as_styled(w)) for w in works])
    bibliography = CitationStylesBibliography(_style(), source, formatter.plain)
    citations = [Citation([CitationItem(w.id.lower())]) for w in works]
    for citation in citations:
        bibliography.register(citation)
    return bibliography, citations


def _entries(bibliography: Any) -> dict[str, str]:
    # The bibliography comes out sorted as the style says (here: in order of registration).
    return {
        key: str(entry)
        for key, entry in zip(bibliography.keys, bibliography.bibliography(), strict=True)
    }


def formatted(works: Sequence[Work]) -> list[tuple[str, str]]:
    """Each work's (entry, short form) as plain text, in the edition's CSL style."""
    bibliography, citations = _bibliography(works)
    shorts = [str(bibliography.cite(c, lambda item: None)) for c in citations]
    entries = _entries(bibliography)
    return [(entries[w.id.lower()], short) for w, short in zip(works, shorts, strict=True)]


def entries(works: Sequence[Work]) -> list[str]:
    """Each work's entry alone (a Cite block's citation): :func:`formatted` without the short
    forms, whose rendering is about 40 % of citeproc's time per work."""
    bibliography, _citations = _bibliography(works)
    found = _entries(bibliography)
    return [found[w.id.lower()] for w in works]


@cache
def _latex_encoder() -> Any:
    from pylatexenc.latexencode import (
        RULE_DICT,
        UnicodeToLatexConversionRule,
        UnicodeToLatexEncoder,
    )

    specials = {
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\{",
        "}": r"\}",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "\\": r"\textbackslash{}",
    }
    rule = UnicodeToLatexConversionRule(
        rule_type=RULE_DICT, rule={ord(c): latex for c, latex in specials.items()}
    )
    # Every other character stays as it is (UTF-8), silently.
    return UnicodeToLatexEncoder(
        conversion_rules=[rule], unknown_char_policy="keep", unknown_char_warning=False
    )


def bibtex(works: Iterable[Work]) -> str:
    """The works as BibTeX entries (biblatex field names where BibTeX has none: version)."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    encode = _latex_encoder().unicode_to_latex
    library = bibtexparser.Library()
    for work in works:
        fields = [Field("title", encode(work.title))]
        if work.authors:
            # Braced: a name such as "The edition's editors" is one name, not split.
            fields.append(
                Field("author", " and ".join("{" + encode(a) + "}" for a in work.authors))
            )
        if work.container_title:
            fields.append(Field("booktitle", encode(work.container_title)))
        if work.publisher:
            fields.append(Field("publisher", encode(work.publisher)))
        parts = work.date_parts
        if parts:
            fields.append(Field("year", str(parts[0])))
            fields.append(Field("date", work.date))
        if work.version:
            fields.append(Field("version", encode(work.version)))
        if work.url:
            fields.append(Field("url", work.url))  # verbatim in BibTeX's url field
        if work.note:
            fields.append(Field("note", encode(work.note)))
        if work.language:
            fields.append(Field("language", work.language))
        library.add(Entry(counterparts(work).bibtex, work.id, fields))
    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "  # two spaces, not a tab: the Cite block is read on phones too
    text: str = bibtexparser.write_string(library, bibtex_format=layout)
    return text.strip() + "\n"


def ris(works: Iterable[Work]) -> str:
    """The works as RIS records."""
    import rispy

    class Writer(rispy.RisWriter):
        """RIS without rispy's numbered header line before each record (not part of RIS)."""

        def set_header(self, count: int) -> str:
            return ""

    records = []
    for work in works:
        record: dict[str, Any] = {
            "type_of_reference": counterparts(work).ris,
            "id": work.id,
            "title": work.title,
        }
        if work.authors:
            record["authors"] = list(work.authors)
        if work.container_title:
            record["secondary_title"] = work.container_title
        if work.publisher:
            record["publisher"] = work.publisher
        parts = work.date_parts
        if parts:
            record["year"] = str(parts[0])
            record["date"] = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
        if work.version:
            record["edition"] = work.version
        if work.url:
            record["urls"] = [work.url]
        if work.note:
            record["notes"] = [work.note]
        if work.language:
            record["language"] = work.language
        records.append(record)
    text: str = rispy.dumps(records, implementation=Writer)
    return text
