"""The PDF's finish: proper names never hyphenated ("Snow-/den", "Mon-/dragón"), and long
tokens TeX cannot hyphenate given places to break.

``NamesUnhyphenated`` (LaTeX) gathers the names the edition knows: the words of its glossary
(terms and definitions) and of its annotations' titles and ``terms`` that begin with a capital
(names, places, organisations, code names), but for a word the edition also writes in lower
case (TeX's exceptions ignore case: "Intelligence" would keep "intelligence" whole everywhere),
and the labels of host names written in the text, and writes them as
hyphenation exceptions without a hyphen, which TeX then
never breaks. Contributors add a name to the glossary or a note's ``terms``; nobody keeps a
list by hand.

``LongTokensBreakable`` (LaTeX) gives a long run without spaces that TeX cannot hyphenate (a
reference number, ``AN_IDENTIFIER_LIKE_THIS``, ``org.example.Name``) places to break: after
``_ . : /``, every eight digits or characters of a hash, every 20 letters of a word over 40
long; in inline code also before a capital that follows a small letter and every 16
characters. Without them such a run, in any valid note, would stand out
of the margin as an overfull line (a test holds the PDF to none). Words are left to TeX's
hyphenation; addresses (links), code blocks and highlighted code keep their own breaking.

``PathsRaggedRight`` (LaTeX): a paragraph that names a file or path in inline code
("annotations/ssp-abolished.html") or prints an address ("https://…") is set ragged right, as
the lists are (``edition-code-prose``, ``edition.sty``): neither
hyphenates, so a justified line before one gaped (underfull lines of badness 10000 in "How to
cite"). The article's own paragraphs stay justified.

``LeadInsKept`` (LaTeX): a paragraph ending in a colon right before a code block starts a new
page unless there is room for it and the block's first lines (``edition-lead-in``).

``HeadLinesKept`` (LaTeX): a paragraph that is one bold phrase and nothing else, followed by
more text (a timeline's period, "2013, October to December", before its entries), heads what
follows: it is kept with the first line after it, as a heading is (``\\editionleadline``,
``edition.sty``); it stood alone as the last line of a page.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.builders import LATEX
from reading_edition.sphinxext.reading_text import ancestors, paragraph_number

#: A word of letters only (accents included); shorter words cannot be hyphenated anyway
#: (three letters at least on either side of a hyphen: edition.sty).
WORD = re.compile(r"[^\W\d_]{6,}")


#: A word standing alone between spaces, its quotation marks and punctuation aside.
PLAIN_WORD = re.compile(r"[(“‘\"']*([^\W\d_]{6,})(?:[’']s)?[)”’\"'.,;:!?]*")


def names_in(text: str) -> set[str]:
    """The capitalised words of ``text``."""
    return {w for w in WORD.findall(text) if w[0].isupper()}


#: A host name written in the text ("diarioimagen.net/?p=…"): its labels are names too (a
#: reader cannot tell "diarioima-/gen.net" from an address with a hyphen).
HOST = re.compile(r"(?<![\w.@/])(?:[a-z0-9-]+\.)+[a-z]{2,}(?=[/\s),;:”’]|\.?$)", re.M)


def host_labels(text: str) -> set[str]:
    """The labels of the host names in ``text`` long enough to be hyphenated."""
    return {w for host in HOST.findall(text) for w in WORD.findall(host)}


def edition_names(document: nodes.document, records: list[Any]) -> list[str]:
    """The names of the glossary and of the annotations' titles and terms, and the labels of
    the host names in the text, sorted."""
    text = document.astext()
    found: set[str] = set()
    for glossary in document.findall(addnodes.glossary):
        found |= names_in(glossary.astext())
    for record in records:
        found |= names_in(record.title)
        for term in record.terms:
            found |= names_in(term)
    # TeX's exceptions ignore case: "Intelligence" kept "intelligence" whole everywhere, and
    # justified lines gaped. A word the edition also writes in lower case is a common word
    # capitalised in a title ("Public Security Secretariat"), not a name.
    # (Words standing alone: "snowden" in an address is no common word.)
    common = {m[1] for m in map(PLAIN_WORD.fullmatch, text.split()) if m and m[1].islower()}
    return sorted({w for w in found if w.lower() not in common} | host_labels(text))


def hyphenation_exceptions(names: list[str]) -> str:
    r"""``\hyphenation{…}`` for ``names``, a few to a line."""
    lines = [" ".join(names[i : i + 8]) for i in range(0, len(names), 8)]
    return "\\hyphenation{%\n" + "\n".join(lines) + "}\n"


class NamesUnhyphenated(SphinxPostTransform):
    """Hyphenation exceptions for the edition's names, at the start of the document."""

    default_priority = 9
    builders = LATEX

    def run(self, **kwargs: Any) -> None:
        records = list(annotation_domain(self.env).annotations.values())
        names = edition_names(self.document, records)
        if names:
            raw = nodes.raw("", hyphenation_exceptions(names), format="latex")
            self.document.insert(0, raw)


#: A run without spaces long enough to overflow a line of notes if it cannot break.
LONG_TOKEN = re.compile(r"\S{21,}")
#: Inside one: after these characters (not at its end), and inside runs of digits.
_BREAK_AFTER = re.compile(r"[_.:/](?=\S)")
_DIGITS = re.compile(r"\d{9,}")
#: Letters and digits mixed (a hash, a serial number): TeX hyphenates neither.
_MIXED = re.compile(r"(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]{17,}")
#: Letters only, longer than any word TeX was seen to hyphenate into the line (a 60-letter
#: word in a heading stood 24 pt out of the margin): broken every 20 letters, without a hyphen.
_LONG_WORD = re.compile(r"[^\W\d_]{41,}")


def break_points(text: str) -> list[int]:
    """Where a line may break inside ``text``'s long runs without spaces (offsets into it):
    after ``_ . : /``, after every eighth character of a longer run of digits or of letters
    and digits mixed, and every 20 letters of a run of over 40."""
    points: set[int] = set()
    for token in LONG_TOKEN.finditer(text):
        run, at = token.group(), token.start()
        points.update(at + found.end() for found in _BREAK_AFTER.finditer(run))
        mixed = [m.span() for m in _MIXED.finditer(run)]
        for start, end in mixed:
            points.update(range(at + start + 8, at + end, 8))
        for digits in _DIGITS.finditer(run):
            if not any(s <= digits.start() < e for s, e in mixed):
                points.update(range(at + digits.start() + 8, at + digits.end(), 8))
        for word in _LONG_WORD.finditer(run):
            points.update(range(at + word.start() + 20, at + word.end(), 20))
    return sorted(points)


class LongTokensBreakable(SphinxPostTransform):
    """``\\editionbreak`` inside long runs TeX cannot hyphenate (not in links, code blocks or raw);
    inline code is never hyphenated ("anno-/tations/" reads as a path with a hyphen): its pieces
    between those breaks are boxed."""

    default_priority = 9
    builders = LATEX

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            lineage = ancestors(text)
            if not lineage or any(_keeps_its_text(a) for a in lineage):
                continue
            code = any(isinstance(a, nodes.literal) for a in lineage)
            if code or break_points(str(text)):
                lineage[0].replace(text, breakable(str(text), code))


#: In code, the longest piece left whole (TeX never hyphenates code): a run of this many
#: characters of TeX Gyre Cursor fits the narrowest column of notes.
CODE_PIECE = 16
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def code_break_points(text: str) -> list[int]:
    """Where inline code may break: :func:`break_points`, then inside a piece still longer than
    :data:`CODE_PIECE` (``aVeryLongCamelCaseName``, a hash) before each capital that follows a
    small letter, and last every :data:`CODE_PIECE` characters."""
    points = set(break_points(text))
    for token in LONG_TOKEN.finditer(text):
        start, end = token.span()
        inside = sorted(p for p in points if start < p < end)
        for a, b in itertools.pairwise([start, *inside, end]):
            if b - a <= CODE_PIECE:
                continue
            camel = [m.start() for m in _CAMEL.finditer(text, a, b) if m.start() - a >= 3]
            points.update(camel)
            for c, d in itertools.pairwise([a, *camel, b]):
                points.update(range(c + CODE_PIECE, d - 1, CODE_PIECE))
    return sorted(points)


def breakable(text: str, code: bool = False) -> list[nodes.Node]:
    """``text`` as Text pieces with ``\\editionbreak`` (``edition.sty``) between them at its break
    points; in code,
    each piece boxed, so that TeX neither hyphenates it nor breaks it at its own hyphens."""
    pieces: list[nodes.Node] = []
    bounds = [0, *(code_break_points(text) if code else break_points(text)), len(text)]
    for n, (start, end) in enumerate(itertools.pairwise(bounds)):
        if n:
            pieces.append(_raw(r"\editionbreak{}"))
        piece = nodes.Text(text[start:end])
        pieces += [_raw(r"\mbox{"), piece, _raw("}")] if code else [piece]
    return pieces


def _raw(latex: str) -> nodes.raw:
    return nodes.raw("", latex, format="latex")


def _keeps_its_text(node: nodes.Node) -> bool:
    """Links, code blocks, raw output and math break their own way; so does inline code that
    Sphinx highlights (its LaTeX writer reads the text whole). Plain inline code writes its
    children, so a long path in it ("annotations/ssp-abolished.html") may break too."""
    if isinstance(node, nodes.literal):
        return "code" in node["classes"] and bool(node.get("language"))
    return isinstance(node, (nodes.literal_block, nodes.raw, nodes.reference, nodes.math))


#: Inline code that is a path or file name long enough to leave a justified line gaping.
PATH_LIKE = re.compile(r"\S*[/.]\S*")
PATH_LENGTH = 12


class PathsRaggedRight(SphinxPostTransform):
    """Paragraphs naming a path in inline code set ragged right (module docstring)."""

    default_priority = 9
    builders = LATEX

    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if any(_set_ragged(a) for a in ancestors(paragraph)):
                continue
            if paragraph.next_node(paragraph_number) is not None:
                continue  # the article's words: justified, as printed
            codes = paragraph.findall(nodes.literal)
            links = paragraph.findall(nodes.reference)
            if any(map(_names_a_path, codes)) or any(map(_shows_an_address, links)):
                box = nodes.container(classes=["edition-code-prose"])
                paragraph.replace_self(box)
                box += paragraph


def _names_a_path(code: nodes.literal) -> bool:
    text = code.astext()
    return len(text) >= PATH_LENGTH and bool(PATH_LIKE.fullmatch(text))


def _shows_an_address(link: nodes.reference) -> bool:
    return link.astext().startswith(("http://", "https://"))


def _set_ragged(node: nodes.Element) -> bool:
    """Already ragged right (edition.sty): lists, footnotes, table cells, or done here."""
    kinds = (nodes.list_item, nodes.footnote, nodes.entry)
    return isinstance(node, kinds) or "edition-code-prose" in node.get("classes", ())


class LeadInsKept(SphinxPostTransform):
    """A lead-in ("Write the first annotation:") kept with its code block (module docstring)."""

    default_priority = 9
    builders = LATEX

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            lead = block.previous_sibling()
            ragged = isinstance(lead, nodes.container) and "edition-code-prose" in lead["classes"]
            lead_in = isinstance(lead, nodes.paragraph) or ragged
            if lead_in and lead.astext().rstrip().endswith(":"):
                box = nodes.container(classes=["edition-lead-in"])
                lead.replace_self(box)
                box += lead


class HeadLinesKept(SphinxPostTransform):
    """A bold line that heads what follows, kept with it (module docstring)."""

    default_priority = 9
    builders = LATEX

    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if (
                not _head_line(paragraph)
                or paragraph.next_node(descend=False, siblings=True) is None
            ):
                continue
            parent = paragraph.parent
            index = parent.index(paragraph)
            parent.insert(index + 1, nodes.raw("", "\\editionleadlineend\n", format="latex"))
            parent.insert(index, nodes.raw("", "\\editionleadline\n", format="latex"))


def _head_line(paragraph: nodes.paragraph) -> bool:
    """Whether ``paragraph`` is one bold phrase alone (space around it aside)."""
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
    return len(children) == 1 and isinstance(children[0], nodes.strong)
