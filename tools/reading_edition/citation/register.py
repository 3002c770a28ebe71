"""The sources register: every source the edition cites, once, from one model.

Citations come from two places: the annotations' front matter (typed :class:`Source` records)
and the pages' footnotes, which cite in prose ("Publisher, “Title”, 20 October 2013, <URL>:
“quote”"; :func:`footnote_sources` reads them). :func:`build_register` merges citations of the
same source (:attr:`Source.key`: its address, or the copy read and the date) into one
:class:`Entry` with all its supporting quotes, every note and page citing it, and its standing.
:func:`entry_work` gives an entry to the citation formats (CSL-JSON, citeproc-py's text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from reading_edition.citation.formats import Work
from reading_edition.model.annotation import Source, Via
from reading_edition.text.release import MONTHS

PRIMARY = "primary record"
REPORT = "news report"
#: An encyclopaedia's entry, a research report, a scholar's or an organisation's analysis or
#: commentary: neither the record itself nor journalism.
ANALYSIS = "analysis or reference"
VIA = "copy read via"
STANDINGS = (PRIMARY, REPORT, ANALYSIS, VIA)
#: What a source may declare itself (``standing:``) or an edition may say of a site's pages
#: (``edition_source_standings``); a copy read is found, not declared.
DECLARED_STANDINGS = (PRIMARY, REPORT, ANALYSIS)

#: Hosts whose pages are an institution's own record (a government's, the UN's): a source
#: there is a primary record unless its ``standing`` says otherwise.
_OFFICIAL_HOST = re.compile(
    r"(^|\.)(gov|gob\.mx|gov\.[a-z]{2}|gob\.[a-z]{2}|mil|int|un\.org|europa\.eu|senado\.gob\.mx)$"
)


def standing(source: Source, sites: Mapping[str, str] | None = None) -> str:
    """A source's standing: the copy read, when the edition read one; else what the source
    declares (``standing``); else what the edition says of its site (``sites``: a host name,
    its subdomains too, to a standing; for sources cited in pages' footnotes, which declare
    none); else a primary record when an institution publishes it itself, a news report when
    not."""
    if source.via is not None:
        return VIA
    if source.standing:
        return source.standing
    host = (urlsplit(source.url or "").hostname or "").removeprefix("www.")
    for site, said in (sites or {}).items():
        site = site.lower().removeprefix("www.")
        if host == site or host.endswith("." + site):
            return said
    return PRIMARY if _OFFICIAL_HOST.search(host) else REPORT


@dataclass(frozen=True)
class Citing:
    """A note or page that cites a source: its document, label and the anchor to link to."""

    docname: str
    label: str
    kind: str  # "note" or "page"
    anchor: str = ""


@dataclass
class Entry:
    """One source of the register, with everything that cites it."""

    id: str
    source: Source
    standing: str
    quotes: list[str] = field(default_factory=list)
    citing: list[Citing] = field(default_factory=list)


def _same_words(a: str, b: str) -> str:
    """ "equal", "within" (a's words are inside b's) or "" (quotation marks, case aside)."""
    wa = " ".join(re.findall(r"\w+", a.casefold()))
    wb = " ".join(re.findall(r"\w+", b.casefold()))
    return "equal" if wa == wb else "within" if wa in wb else ""


def _slug(text: str, words: int = 3) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    found = re.findall(r"[a-z0-9]+", plain.casefold())
    return "-".join(found[:words]) or "source"


def build_register(
    citations: Iterable[tuple[Source, Citing]], sites: Mapping[str, str] | None = None
) -> list[Entry]:
    """The register: one entry per source, ordered by publisher, date and title.

    A source cited in a note's front matter keeps its record's fields; one known only from a
    footnote keeps what the footnote gives. Ids (``src-publisher-year``, numbered on a clash)
    follow that order, so they are the same in every build of the same sources."""
    by_key: dict[str, Entry] = {}
    for source, where in citations:
        entry = by_key.get(source.key)
        if entry is None:
            entry = by_key[source.key] = Entry("", source, standing(source, sites))
        elif where.kind == "note" and not any(c.kind == "note" for c in entry.citing):
            entry.source, entry.standing = source, standing(source, sites)  # the typed record wins
        for quote in (source.quote or "").split("\n"):  # a footnote's quotes, one a line
            quote = " ".join(quote.split())
            if quote and not any(
                _same_words(quote, q) in {"equal", "within"} for q in entry.quotes
            ):
                # A longer quote replaces the shorter ones it holds.
                entry.quotes = [q for q in entry.quotes if _same_words(q, quote) != "within"]
                entry.quotes.append(quote)
        # A page is named once however often it cites the source (its first place is linked).
        if not any((c.docname, c.kind) == (where.docname, where.kind) for c in entry.citing):
            entry.citing.append(where)
    entries = sorted(
        by_key.values(),
        key=lambda e: (e.source.publisher.casefold(), e.source.date, e.source.title, e.source.key),
    )
    used: dict[str, int] = {}
    for entry in entries:
        year = entry.source.date[:4] if entry.source.date[:4].isdigit() else "nd"
        base = f"src-{_slug(entry.source.publisher)}-{year}"
        used[base] = used.get(base, 0) + 1
        entry.id = base if used[base] == 1 else f"{base}-{used[base]}"
    return entries


def entry_work(entry: Entry) -> Work:
    """The entry as a citable work (CSL-JSON item, citeproc-py's text)."""
    source = entry.source
    kind = {PRIMARY: "document", REPORT: "article-newspaper"}.get(entry.standing, "webpage")
    notes = [f"Standing: {entry.standing}."]
    if source.via:
        via = f"Read via: {source.via.title}, {source.via.publisher}, {source.via.url}."
        notes.append(via)
    if source.archived_url:
        notes.append(f"Archived copy: {source.archived_url}.")
    return Work(
        id=entry.id,
        type=kind,
        title=source.title,
        publisher=source.publisher,
        # A newspaper's name is the container of its article, as reference managers expect.
        container_title=source.publisher if kind == "article-newspaper" else "",
        date=source.date if source.date != "n.d." else "",
        url=source.url or "",
        note=" ".join(notes),
    )


# --- Footnotes --------------------------------------------------------------------------------

_DATE = re.compile(
    r"\b(?:(?P<day>\d{1,2}) )?(?P<month>" + "|".join(MONTHS) + r") (?P<year>\d{4})\b|"
    r"\b(?P<nd>n\.d\.)|\b(?P<yearonly>(?:19|20)\d{2})\b"
)
_QUOTED = re.compile(r"“((?:[^“”]|“[^“”]*”)*)”")
_PARTICLES = frozenset({"of", "de", "do", "da", "del", "la", "and", "for", "y", "e", "the"})
_READ_IN = re.compile(r",?\s*read (?:in|via|from)\s+(?P<copy>[^;(]*?)(?:\s+at)?\s*\(?\s*$")
#: A sentence saying which copy was read, after the sentence describing the original.
_COPY_READ = re.compile(r"\bread (?:the|a) (?:copy|repost|reprint)\b")


def _iso(head: str) -> str:
    found = _DATE.search(head)
    if not found:
        return "n.d."
    if found["nd"]:
        return "n.d."
    if found["yearonly"]:
        return found["yearonly"]
    month = MONTHS.index(found["month"]) + 1
    day = f"-{int(found['day']):02d}" if found["day"] else ""
    return f"{found['year']}-{month:02d}{day}"


def _quotes_after(text: str) -> tuple[list[str], str]:
    """The supporting quotes that follow an address (after its colon, “…”; “…”), and the rest
    of the text, which leads to the next source."""
    colon = text.find(":")
    if colon < 0 or "“" not in text[colon:]:
        return [], text
    quotes, rest, at = [], text, colon + 1
    while True:
        gap = re.compile(r"(?:[\s;,]|\band\b)*").match(text, at)
        found = _QUOTED.match(text, gap.end() if gap else at)
        if not found:
            break
        quotes.append(found.group(1).strip())
        at = found.end()
    rest = text[at:] if quotes else text
    return quotes, rest


def footnote_sources(parts: Sequence[str | tuple[str, str]]) -> list[Source]:
    """The sources a footnote cites: each web address in it (``(url, text)`` parts between the
    text parts) with the publisher, title and date written before it and the quotes after it.

    A footnote such as “Der Spiegel, “Title”, 20 October 2013, read in a blog repost (<URL>)”
    cites Der Spiegel's report without its own address, read via the copy at URL."""
    sources: list[Source] = []
    text = ""
    current: tuple[str, str] | None = None  # the address being read, and the words before it
    for part in [*parts, ("", "")]:
        if isinstance(part, str):
            text += part
            continue
        head = text
        if current is not None:
            quotes, head = _quotes_after(text)
            source = _source(current[0], current[1], quotes)
            if source.date == "n.d.":  # "[“Title”](URL), 2013: “…”": a date after the address
                lead = text.split(":", 1)[0] if quotes else ""
                source = replace(source, date=_iso(lead))
            sources.append(source)
        url, label = part
        # A named link ("[“Title”](URL)", "[Publisher](URL)"): its words are the citation's.
        named = label != url and not re.match(r"(https?://|www\.)", label.strip())
        current = (url, head + (label if named else "")) if url else None
        text = ""
    return sources


def _outside_quotes(text: str) -> str:
    """``text`` with every quotation's words masked (same length), so that a full stop in a
    quoted title is not taken for a sentence's end."""
    return _QUOTED.sub(lambda m: "“" + "x" * (len(m.group(0)) - 2) + "”", text)


def _source(url: str, head: str, quotes: list[str]) -> Source:
    # Only this source's words: the text after the last sentence or citation that ends before it
    # (outside quotations: "U.S. Surveillance" in a title is no sentence's end).
    # A full stop ends a sentence after a word, not after an initial ("O Estado de S. Paulo").
    sentence_end = r"(?<=[a-z0-9”’)\]]{2})[.;:]\s+|;\s+|\bsee\s+"
    head = " ".join(head.split())
    cuts = [m.end() for m in re.finditer(sentence_end, _outside_quotes(head))]
    last = head[cuts[-1] :] if cuts else head
    quote = "\n".join(" ".join(q.split()) for q in quotes) or None  # one quote a line
    host = urlsplit(url).hostname or url
    if _COPY_READ.search(last) and cuts:
        # "Original, title, date. … the edition read the copy filed as …, <URL>": the source is
        # the footnote's first sentence; the address is the copy's.
        stops = [m.end() for m in re.finditer(r"(?<=[a-z0-9”’)\]]{2})\.\s+", head)]
        first = stops[0] if stops else cuts[0]
        publisher, title, date = _described(head[:first].strip(" ;:.,("), url)
        copy = last.strip(" ;:.,(")
        copy = copy[_COPY_READ.search(copy).start() :]  # type: ignore[union-attr]
        via = Via(title=copy.removeprefix("read ").strip(), publisher=host, url=url)
        return Source(title=title, publisher=publisher, date=date, quote=quote, via=via)
    head = last.strip(" ;:.,(")
    read_in = _READ_IN.search(head)
    publisher, title, date = _described(head[: read_in.start()] if read_in else head, url)
    if read_in:
        copy = read_in["copy"].strip() or "a copy"
        via = Via(title=copy, publisher=host, url=url)
        return Source(title=title, publisher=publisher, date=date, quote=quote, via=via)
    return Source(title=title, publisher=publisher, date=date, url=url, quote=quote)


def _described(text: str, url: str) -> tuple[str, str, str]:
    """Publisher, title and date from a citation's words ("Publisher, “Title”, date")."""
    date = _iso(text)
    title_found = _QUOTED.search(text)
    if title_found:
        title = title_found.group(1).strip()
        publisher = text[: title_found.start()].strip(" ,")
    else:
        # "Publisher, what it is, date,": the words between publisher and date name the page.
        pieces = [p.strip(" (") for p in text.split(",") if p.strip(" (")]
        publisher = pieces[0] if pieces else ""
        if len(pieces) == 1:
            # Prose ("The American Society of International Law gives the date as …"): the
            # name is the run of words up to the first lower-case word that is not a particle.
            words = publisher.split()
            run = next(
                (i for i, w in enumerate(words) if w[:1].islower() and w not in _PARTICLES),
                len(words),
            )
            publisher = " ".join(words[:run])
        middle = [p for p in pieces[1:] if not (_DATE.match(p) or re.fullmatch(r"n\.d\.?", p))]
        title = ", ".join(middle)
        if not title:
            title = f"[page at {urlsplit(url).hostname or url}]"
        elif title[0].islower():
            # Words that describe the page ("speech of its Permanent Representative…"), not its
            # title: the editors' description, in square brackets as cataloguers supply one.
            title = f"[{title}]"
    publisher = re.sub(r"\s+", " ", publisher) or (urlsplit(url).hostname or "")
    return publisher, title, date


def footnote_label(text: str) -> str:
    """A footnote's first words, to name it in messages."""
    return " ".join(text.split()[:8])
