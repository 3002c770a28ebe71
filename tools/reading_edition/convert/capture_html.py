"""Read a saved HTML page: the page's text by block, and which blocks are the article.

The witness is the HTML file, stored byte for byte. The reading text must trace to it, so the
page is first turned into its *witness text*: one line per block of the page (paragraph,
heading, list item, cell, caption...), whitespace collapsed, in document order, with nothing
left out but scripts, styles and other parts that are never shown. That text is derived from
the witness by a fixed rule and can be regenerated and checked at any time.

The article is then found with trafilatura (a maintained extractor, scored on this very kind of
page), and each witness block is kept when its text is in trafilatura's article, else removed
and recorded with a kind read from where the block sits in the page (navigation, footer,
sidebar, caption, comments...). The reading text is therefore always whole witness blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reading_edition.convert.capture_files import ConversionError
from reading_edition.convert.page_wording import is_related_line
from reading_edition.text.article_facts import ArticleFacts

#: Elements that start a new block of text.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption "  # noqa: SIM905 (words read best as words)
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul br caption label button select option".split()
)
#: Elements whose content is never shown as text of the page.
_HIDDEN_TAGS = frozenset(
    "script style noscript template svg math head iframe object embed canvas audio video "  # noqa: SIM905 (words read best as words)
    "source track map area input textarea".split()
)
#: Page regions named by their element (HTML5) or, by common convention, class and id words.
_REGION_TAGS = {
    "nav": "navigation",
    "header": "page-header",
    "footer": "page-footer",
    "aside": "sidebar",
    "figcaption": "image-caption",
    "figure": "image-caption",
    "form": "form",
    "button": "widget",
    "select": "widget",
    "option": "widget",
    "label": "widget",
}
_REGION_WORDS = [
    (re.compile(r"comment|disqus|respond|discussion", re.I), "comments"),
    (re.compile(r"share|social|sharing|follow", re.I), "widget"),
    (re.compile(r"related|recommend|more-|popular|trending|read-?next|also", re.I), "related"),
    (re.compile(r"\bad(s|vert\w*)?\b|sponsor|promo|banner|newsletter|subscribe", re.I), "promo"),
    (re.compile(r"caption|credit|photo|image|gallery", re.I), "image-caption"),
    (re.compile(r"byline|author", re.I), "byline"),
    (re.compile(r"\bnav|menu|breadcrumb", re.I), "navigation"),
    (re.compile(r"footer|copyright", re.I), "page-footer"),
    (re.compile(r"header|masthead", re.I), "page-header"),
    (re.compile(r"sidebar|widget|rail", re.I), "sidebar"),
]


@dataclass(frozen=True)
class Block:
    """One block of the page's text, its line in the witness text, and where it sits."""

    line: int
    text: str
    region: str | None  # a region kind read from the block's ancestors, or None
    tag: str = ""  # the element that holds the block ("p", "h1", "li"...)


@dataclass
class HtmlReading:
    """The page's witness text by block, the article's blocks, metadata and removals."""

    blocks: list[Block]
    kept: list[int] = field(default_factory=list)  # indices of article blocks
    removed: list[tuple[int, str]] = field(default_factory=list)  # (index, kind)
    #: The page's title and description, by which its headline and standfirst are found.
    title: str | None = None
    description: str | None = None
    #: The article's facts as the page's metadata gives them (the title the page's): author,
    #: date, site name, canonical URL and language. None if the page has no title, and so no
    #: headline either.
    facts: ArticleFacts | None = None
    headline: int | None = None  # index of the headline's block
    standfirst: int | None = None  # index of the standfirst's block

    @property
    def witness_text(self) -> str:
        return "\n".join(b.text for b in self.blocks) + "\n"


def _region_of(element: Any) -> str | None:
    """The kind of page region an element sits in: nearest named ancestor wins."""
    node = element
    depth = 0
    while node is not None and depth < 60:
        tag = getattr(node, "tag", None)
        if isinstance(tag, str):
            if tag in _REGION_TAGS:
                return _REGION_TAGS[tag]
            if tag in {"article", "main"}:
                return None
            names = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('role') or ''}"
            if names.strip():
                for pattern, kind in _REGION_WORDS:
                    if pattern.search(names):
                        return kind
        node = node.getparent()
        depth += 1
    return None


def page_blocks(root: Any) -> list[Block]:
    """The page's visible text, one block per line, in document order.

    Walked without recursion so that a deeply nested page cannot exhaust the stack.
    """
    blocks: list[Block] = []
    parts: list[str] = []
    owners: list[Any] = [root]

    def flush() -> None:
        text = " ".join("".join(parts).split())
        parts.clear()
        if text:
            owner = owners[-1]
            tag = getattr(owner, "tag", "")
            blocks.append(
                Block(len(blocks) + 1, text, _region_of(owner), tag if isinstance(tag, str) else "")
            )

    # Events: ("open", el) and ("close", el); text and tails are collected in order.
    stack: list[tuple[str, Any]] = [("open", root)]
    while stack:
        event, el = stack.pop()
        tag = getattr(el, "tag", None)
        name = tag.lower() if isinstance(tag, str) else None
        if event == "close":
            if name in _BLOCK_TAGS:
                flush()
                owners.pop()
            tail = getattr(el, "tail", None)
            if tail:
                parts.append(tail)
            continue
        if name is None or name in _HIDDEN_TAGS:
            tail = getattr(el, "tail", None)
            if tail:
                parts.append(tail)
            continue
        if el.get("hidden") is not None or el.get("aria-hidden") == "true":
            tail = getattr(el, "tail", None)
            if tail:
                parts.append(tail)
            continue
        if name in _BLOCK_TAGS:
            flush()
            owners.append(el)
        if el.text:
            parts.append(el.text)
        stack.append(("close", el))
        for child in reversed(list(el)):
            stack.append(("open", child))
    flush()
    return blocks


_WORD = re.compile(r"\w+")


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text)
    if len(words) < 4:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def _find_words(flat: str, text: str, pos: int) -> int:
    """Where ``text`` stands in ``flat`` from ``pos`` on as whole words (a table cell "5" is
    not the 5 of "2019"), or -1."""
    at = flat.find(text, pos)
    while at != -1:
        before = flat[at - 1] if at > 0 else " "
        end = at + len(text)
        after = flat[end] if end < len(flat) else " "
        if not (text[0].isalnum() and before.isalnum()) and not (
            text[-1].isalnum() and after.isalnum()
        ):
            return at
        at = flat.find(text, at + 1)
    return -1


def match_blocks(blocks: list[Block], article: str) -> list[int]:
    """The blocks whose text is the article's: found in order in it, or mostly shared with it.

    trafilatura's text keeps the page's words but not always its block boundaries (a list is
    one line, a paragraph with a line break two), so a block is looked for as a substring of
    the article with whitespace collapsed, moving forward; a block it shortened (an inline
    advert dropped) is kept when most of its word 4-grams are in the article.
    """
    flat = " ".join(article.split())
    article_grams = _grams(flat)
    kept: list[int] = []
    pos = 0
    for i, block in enumerate(blocks):
        text = block.text
        at = _find_words(flat, text, pos)
        # A short block (a table cell, a name) found far ahead is another copy of its words:
        # taking it would skip the article's text between.
        near = 400 if len(text.split()) >= 3 else 80
        if at != -1 and (at - pos <= near or len(text) >= 60):
            kept.append(i)
            pos = at + len(text)
            article_grams -= _grams(text)
            continue
        grams = _grams(text)
        if len(_WORD.findall(text)) >= 8 and grams:
            # Each 4-gram of the article vouches for one block only: a second copy of a
            # paragraph elsewhere on the page (a teaser, a print version) is not kept again.
            share = len(grams & article_grams) / len(grams)
            if share >= 0.8:
                kept.append(i)
                article_grams -= grams
    return kept


def read_html(page: str) -> HtmlReading:
    """Split a decoded page into blocks and sort them with trafilatura's article.

    The witness text's first line is the page's ``<title>`` (text of the witness too), so that
    a headline can always be taken from the witness even when the page has no ``<h1>``.
    """
    try:
        import lxml.html
        import trafilatura
    except ImportError:
        raise ConversionError(
            "reading saved HTML pages needs the optional packages of the converter; install "
            "them with: pip install 'reading-edition[convert]' (make venv does)."
        ) from None
    try:
        root = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError) as err:
        raise ConversionError(f"the page cannot be parsed as HTML ({err}).") from None
    title_el = root.find(".//title")
    title_text = " ".join((title_el.text_content() if title_el is not None else "").split())
    body = root.find("body")
    blocks = [Block(1, title_text, "page-title")] if title_text else []
    for block in page_blocks(body if body is not None else root):
        blocks.append(Block(len(blocks) + 1, block.text, block.region, block.tag))
    try:
        document = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
        )
    except Exception as err:  # a third party's failure on untrusted input: report, never crash
        raise ConversionError(
            f"the article extractor failed on this page ({type(err).__name__}: {err}); "
            "save the page again, or capture its text instead."
        ) from None
    reading = HtmlReading(blocks)
    article = getattr(document, "text", None) or "" if document is not None else ""
    _read_metadata(reading, page, root)
    reading.kept = match_blocks(blocks, article)
    # "Related: <another headline>" inside the article is a link, not its words.
    related = {i for i in reading.kept if is_related_line(blocks[i].text)}
    reading.kept = [i for i in reading.kept if i not in related]
    reading.headline, reading.standfirst = _headline(reading)
    kept = set(reading.kept)
    first = min(kept) if kept else len(blocks)
    last = max(kept) if kept else -1
    for i, block in enumerate(blocks):
        if i in kept or i in {reading.headline, reading.standfirst}:
            continue
        kind = (
            "related"
            if i in related
            else block.region
            or ("before-article" if i < first else "after-article" if i > last else "in-article")
        )
        reading.removed.append((i, kind))
    return reading


def _read_metadata(reading: HtmlReading, page: str, root: Any) -> None:
    """Title, author, date, site name, description and canonical URL by trafilatura's
    ``extract_metadata`` (meta tags, JSON-LD, ``<link rel=canonical>``); the language from the
    page's ``lang`` attribute, else its ``og:locale`` or ``content-language``. None where the
    page does not say."""
    from trafilatura.metadata import extract_metadata

    try:
        found = extract_metadata(page)
    except Exception:  # a third party's failure on untrusted input: metadata stays unknown
        found = None

    def value(name: str) -> str | None:
        text = getattr(found, name, None) if found is not None else None
        return " ".join(text.split()) if isinstance(text, str) and text.strip() else None

    reading.title, reading.description = value("title"), value("description")
    language = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not language:
        for meta in root.iter("meta"):
            key = (meta.get("property") or meta.get("http-equiv") or "").lower()
            if key in {"og:locale", "content-language"} and meta.get("content"):
                language = meta.get("content")
                break
    if not (language and re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", language.strip())):
        language = None
    blocks = reading.blocks
    title = reading.title or (blocks[0].text if blocks and blocks[0].region == "page-title" else "")
    reading.facts = (
        ArticleFacts(
            title=title,
            author=value("author"),
            date=value("date"),
            publisher=value("sitename"),
            url=value("url"),
            language=language.strip().replace("_", "-") if language else None,
        )
        if title
        else None
    )


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _is_title(block: str, title: str) -> bool:
    """A block's words are the title's, or the title's without the site's name before or
    after them ("Headline - Site"): most of the title, not a word of it ("More", "en")."""
    if block == title:
        return True
    return (title.startswith(block + " ") or title.endswith(" " + block)) and len(
        block.split()
    ) >= max(3, len(title.split()) // 2)


def _start_at_the_headline(reading: HtmlReading, title: str) -> None:
    """Where the page's ``<h1>`` is the title and most of the article follows it, the blocks
    the extractor kept before it are the page's (teasers, menus, a kicker): the article starts
    at its headline."""
    blocks = reading.blocks
    heads = [
        i
        for i, b in enumerate(blocks)
        if b.tag == "h1" and title and _is_title(_norm(b.text), title)
    ]
    if not heads or not reading.kept:
        return
    head = heads[0]
    before = [i for i in reading.kept if i < head]
    after = sum(len(blocks[i].text) for i in reading.kept if i > head)
    if before and after >= 2 * sum(len(blocks[i].text) for i in before):
        reading.kept = [i for i in reading.kept if i >= head]


def _headline(reading: HtmlReading) -> tuple[int | None, int | None]:
    """The blocks that are the headline and the standfirst (indices), from the metadata.

    The headline is the ``<h1>`` at the article's start whose words are the title's (or inside
    them, as in "Headline - Site"), else any block there with those words, else the page's
    ``<title>`` line; the standfirst is a block there that is the page's description. The
    extractor may have counted either as the article's first block: they are taken out of it.
    """
    blocks = reading.blocks
    title = _norm(reading.title or "")
    _start_at_the_headline(reading, title)
    first = min(reading.kept) if reading.kept else len(blocks)
    window = range(min(len(blocks), first + 3))
    description = _norm(reading.description or "")
    head: int | None = None
    for want_h1 in (True, False):
        for i in window:
            b = _norm(blocks[i].text)
            if blocks[i].region == "page-title" or not b or not title:
                continue
            if (blocks[i].tag == "h1" or not want_h1) and _is_title(b, title):
                head = i
                break
        if head is not None:
            break
    if head is None and blocks and blocks[0].region == "page-title":
        head = 0
    stand = None
    if description:
        for i in window:
            if i != head and _norm(blocks[i].text) == description:
                stand = i
                break
    # The reading text gives headline, standfirst, then the body: in the witness's order too.
    rest = [i for i in reading.kept if i not in {head, stand}]
    if head is not None and rest and head > rest[0]:
        head = 0 if blocks and blocks[0].region == "page-title" else None
    if stand is not None and (head is None or stand < head or (rest and stand > rest[0])):
        stand = None
    reading.kept = [i for i in reading.kept if i not in {head, stand}]
    return head, stand
