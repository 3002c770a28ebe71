"""Anchoring: find a TextQuoteSelector (exact, prefix, suffix) in the reading text.

The reading text is a list of paragraphs. Matching is on normalised text: whitespace runs
collapse to one space, nothing else changes (quotes, dashes and accents must be as written).
A quote never spans paragraphs.

The text is indexed once (word → positions where a word starts), so anchoring many quotes does
not scan the whole text per quote. A quote that is not found exactly is never attached anywhere:
the result reports the closest passage and its similarity, and says why the quote missed when
it can tell: only typographic characters differ (' for ’), the quote runs across a paragraph
break, or it takes words from a footnote. Quotes are compared in Unicode's composed form (NFC).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
#: Below this similarity the closest passage is not offered as a drift of the quote.
MIN_SIMILARITY = 0.75


def normalise(text: str) -> str:
    """Whitespace runs collapsed, and Unicode in composed form (NFC): a quote typed as "Pen" +
    combining tilde matches the article's "Peña"."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


#: Typographic characters and the plain ones people type for them (one character each, so
#: offsets in the folded text are offsets in the real one).
_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
    }
)


def fold(text: str) -> str:
    """``text`` with typographic quotes, dashes and spaces made plain (same length)."""
    return text.translate(_TYPOGRAPHIC)


@dataclass(frozen=True)
class Typographic:
    """A quote that matches the article once its typographic characters are made plain."""

    paragraph: int
    #: The article's own words for the quote.
    text: str
    #: (1-based position in the quote, what was typed, what the article has).
    differences: tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class Anchor:
    """A unique match: character offsets in the joined normalised text and in its paragraph."""

    start: int
    end: int
    paragraph: int  # 0-based
    para_start: int
    para_end: int


@dataclass(frozen=True)
class Closest:
    paragraph: int
    text: str
    similarity: float


@dataclass
class Result:
    anchor: Anchor | None = None
    #: Paragraphs (0-based) of every match when there are several.
    matches: list[Anchor] = field(default_factory=list)
    closest: Closest | None = None
    suggestion: tuple[str, str] | None = None  # ("prefix" | "suffix", words)
    #: Set when the quote differs from the article only in typographic characters.
    typographic: Typographic | None = None
    #: Set when the quote runs across paragraphs: the (0-based) paragraphs it spans.
    across: tuple[int, int] | None = None
    #: Set when the quote takes words from a footnote (the edition's, not the article's).
    footnote: str | None = None
    #: Set when target.exact is in the article but its prefix or suffix matches none of its
    #: places: which part failed, and (paragraph, the article's words on that side) per place.
    context: tuple[str, list[tuple[int, str]]] | None = None

    @property
    def status(self) -> str:
        if self.anchor:
            return "anchored"
        if self.matches:
            return "ambiguous"
        if self.context:
            return "context"
        if self.typographic:
            return "typographic"
        if self.across:
            return "across"
        if self.footnote:
            return "footnote"
        if self.closest and self.closest.similarity >= MIN_SIMILARITY:
            return "drifted"
        return "not-found"


class ReadingIndex:
    """The normalised reading text with a word index."""

    def __init__(self, paragraphs: list[str], notes: list[str] | None = None) -> None:
        self.paragraphs = [normalise(p) for p in paragraphs]
        #: The footnotes' texts: not the article's words, but a quote may take them by mistake.
        self.notes = [normalise(n) for n in notes or ()]
        self.text = "\n".join(self.paragraphs)
        self.starts: list[int] = []
        offset = 0
        for para in self.paragraphs:
            self.starts.append(offset)
            offset += len(para) + 1
        self.words: dict[str, list[int]] = defaultdict(list)
        for match in _WORD.finditer(self.text):
            self.words[match.group()].append(match.start())

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def _candidates(self, exact: str) -> list[int]:
        first = exact.split(" ", 1)[0]
        rest_starts_word = " " in exact
        positions = []
        # Whole first word: look it up. A quote may also start or end inside a word.
        for pos in self.words.get(first, []) if rest_starts_word else []:
            if self.text.startswith(exact, pos):
                positions.append(pos)
        if not positions:
            pos = self.text.find(exact)
            while pos != -1:
                positions.append(pos)
                pos = self.text.find(exact, pos + 1)
        return positions

    def _anchor(self, start: int, length: int) -> Anchor:
        para = self.paragraph_of(start)
        local = start - self.starts[para]
        return Anchor(start, start + length, para, local, local + length)

    def find(self, exact: str, prefix: str | None = None, suffix: str | None = None) -> Result:
        exact = normalise(exact)
        if not exact:
            return Result()
        found = []
        for pos in self._candidates(exact):
            if prefix and not self._before(pos).endswith(normalise(prefix)):
                continue
            if suffix and not self._after(pos + len(exact)).startswith(normalise(suffix)):
                continue
            found.append(self._anchor(pos, len(exact)))
        if len(found) == 1:
            return Result(anchor=found[0])
        if found:
            return Result(matches=found, suggestion=self.pick(found))
        context = self._context_miss(exact, prefix, suffix)
        if context:
            return Result(context=context)
        return Result(
            closest=self.closest(exact),
            typographic=self._typographic(exact),
            across=self._across(exact),
            footnote=next((n for n in self.notes if n and (n in exact or exact in n)), None),
        )

    def _typographic(self, exact: str) -> Typographic | None:
        """The one place where ``exact`` matches once quotes, dashes and spaces are plain."""
        folded, text = fold(exact), fold(self.text)
        pos = text.find(folded)
        if pos == -1 or text.find(folded, pos + 1) != -1:
            return None
        real = self.text[pos : pos + len(exact)]
        differences = tuple(
            (i + 1, typed, has)
            for i, (typed, has) in enumerate(zip(exact, real, strict=True))
            if typed != has
        )
        return Typographic(self.paragraph_of(pos), real, differences)

    def _across(self, exact: str) -> tuple[int, int] | None:
        """The paragraphs a quote spans, when it is found only across a paragraph break."""
        joined = " ".join(self.paragraphs)
        pos = joined.find(exact)
        if pos == -1:
            return None
        first = self.paragraph_of(pos)
        last = self.paragraph_of(pos + len(exact) - 1)
        return (first, last) if first != last else None

    def _context_miss(
        self, exact: str, prefix: str | None, suffix: str | None
    ) -> tuple[str, list[tuple[int, str]]] | None:
        """Which of target.prefix and target.suffix rules out every place of ``exact``, with
        the article's words on that side of each place."""
        places = self._candidates(exact)
        if not places:
            return None
        prefix_fits = [not prefix or self._before(p).endswith(normalise(prefix)) for p in places]
        side = "prefix" if prefix and not any(prefix_fits) else "suffix"
        words = len(((prefix if side == "prefix" else suffix) or "").split()) + 2
        shown = []
        for pos in places:
            if side == "prefix":
                shown.append((self.paragraph_of(pos), " ".join(self._before(pos).split()[-words:])))
            else:
                after = self._after(pos + len(exact)).split()[:words]
                shown.append((self.paragraph_of(pos), " ".join(after)))
        return side, shown

    def _before(self, pos: int) -> str:
        para = self.paragraph_of(pos)
        return self.text[self.starts[para] : pos].rstrip()

    def _after(self, pos: int) -> str:
        para = self.paragraph_of(pos - 1) if pos else 0
        end = self.starts[para] + len(self.paragraphs[para])
        return self.text[pos:end].lstrip()

    def _context_words(self, anchor: Anchor, side: str, words: int) -> str:
        if side == "prefix":
            return " ".join(self._before(anchor.start).split()[-words:])
        return " ".join(self._after(anchor.end).split()[:words])

    def pick(self, found: list[Anchor], anchor: Anchor | None = None) -> tuple[str, str] | None:
        """The fewest words before (prefix) or after (suffix) ``anchor`` that tell it apart
        from the other matches in ``found``; without ``anchor``, those of whichever match needs
        fewest (the "Add target.prefix" hint of an ambiguous quote)."""
        candidates = [anchor] if anchor is not None else found
        for words in range(1, 8):
            for side in ("prefix", "suffix"):
                for one in candidates:
                    mine = self._context_words(one, side, words)
                    same = sum(self._context_words(o, side, words) == mine for o in found)
                    if mine and same == 1:
                        return side, mine
        return None

    def context(self, anchor: Anchor, width: int = 30) -> str:
        """The match in its paragraph, with up to ``width`` characters either side."""
        para = self.paragraphs[anchor.paragraph]
        before = para[max(0, anchor.para_start - width) : anchor.para_start]
        after = para[anchor.para_end : anchor.para_end + width]
        return f"…{before}[{para[anchor.para_start : anchor.para_end]}]{after}…"

    def closest(self, exact: str) -> Closest | None:
        """The passage most similar to ``exact``, and its similarity: a run of the article's
        words as long as the quote, or a word shorter or longer ("lead-up" is one word, the
        article's "lead up" two), without the punctuation at its ends that the quote has not
        there, so that the suggestion can be copied as it is."""
        size = len(exact.split())
        best: Closest | None = None
        for p, para in enumerate(self.paragraphs):
            words = para.split()
            # The quote's own length first: of equally similar runs, the first found is kept.
            for length in dict.fromkeys((size, size - 1, size + 1)):
                if length < 1:
                    continue
                for i in range(max(1, len(words) - length + 1)):
                    window = _trimmed_like(" ".join(words[i : i + length]), exact)
                    matcher = difflib.SequenceMatcher(None, exact, window, autojunk=False)
                    if best and matcher.real_quick_ratio() <= best.similarity:
                        continue
                    if best and matcher.quick_ratio() <= best.similarity:
                        continue
                    ratio = matcher.ratio()
                    if best is None or ratio > best.similarity:
                        best = Closest(p, window, ratio)
        return best


#: Punctuation a run of words may end or start with that a quote leaves out.
_END_PUNCTUATION = ".,;:!?"


def _trimmed_like(window: str, exact: str) -> str:
    """``window`` without the punctuation at its start or end that ``exact`` has not there."""
    if exact and exact[-1] not in _END_PUNCTUATION:
        window = window.rstrip(_END_PUNCTUATION)
    if exact and exact[0] not in _END_PUNCTUATION:
        window = window.lstrip(_END_PUNCTUATION)
    return window


def _character(char: str) -> str:
    return f"{char} (U+{ord(char):04X})"


def anchor_message(
    result: Result, exact: str, matched_before: bool = False, field: str = "target.exact"
) -> str | None:
    """The contributor-facing message for a quote that did not anchor, or None.

    ``matched_before``: the quote matched the article as it was last committed, so the article
    has changed under it ("drifted"); a quote that never matched is "not found". ``field``:
    where the contributor typed the quote (``--quote`` for ``edition new``).
    """
    status = result.status
    exact = normalise(exact)
    if status == "anchored":
        return None
    if status == "ambiguous":
        where = ", ".join(f"¶ {m.paragraph + 1}" for m in result.matches)
        hint = ""
        if result.suggestion:
            side, words = result.suggestion
            hint = f' Add target.{side}: "{words}" to pick one.'
        return (
            f"quote {exact!r} is found {len(result.matches)} times in the article "
            f"({where}).{hint or ' Add a prefix or suffix to say which one is meant.'}"
        )
    if status == "context" and result.context:
        side, places = result.context
        where = "; ".join(f"¶ {paragraph + 1}: {words!r}" for paragraph, words in places)
        what = "before" if side == "prefix" else "after"
        return (
            f"target.exact {exact!r} is in the article, but target.{side} matches none of its "
            f"{len(places)} place(s): the words just {what} it are {where}. Copy target.{side} "
            "from there (exactly as the article shows them), or remove it if the quote occurs once."
        )
    if status == "typographic" and result.typographic:
        typo = result.typographic
        shown = "; ".join(
            f"character {i}: you typed {_character(typed)}; the article has {_character(has)}"
            for i, typed, has in typo.differences[:5]
        )
        more = f" (and {len(typo.differences) - 5} more)" if len(typo.differences) > 5 else ""
        return (
            f"quote {exact!r} differs from ¶ {typo.paragraph + 1} only in typographic "
            f"characters: {shown}{more}. Run `.venv/bin/edition fix` on this file to take the "
            "article's characters, or copy them from the article."
        )
    if status == "across" and result.across:
        first, last = result.across
        return (
            f"quote {exact!r} runs from ¶ {first + 1} into ¶ {last + 1}: a quote must lie within "
            "one paragraph. Quote the part in one paragraph, or annotate each part."
        )
    if status == "footnote":
        return (
            f"quote {exact!r} includes the text of a footnote, which is the edition's, not the "
            "article's: quote only the article's words (footnote marks and notes are left out)."
        )
    closest = result.closest
    if status == "drifted" and closest and matched_before:
        return (
            f"quote {exact!r} no longer matches the article exactly (drifted). The closest "
            f"passage is ¶ {closest.paragraph + 1}: {closest.text!r} "
            f"(similarity {closest.similarity:.0%}). If that is the passage, copy its text "
            f"into {field}; the annotation is not attached until it matches."
        )
    if status == "drifted" and closest:
        return (
            f"quote {exact!r} is not found in the article's reading text. The closest passage "
            f"is ¶ {closest.paragraph + 1}: {closest.text!r} (similarity "
            f"{closest.similarity:.0%}); if you meant it, copy its words into {field} "
            "exactly as the article shows them."
        )
    shown = (
        f" The closest passage, ¶ {closest.paragraph + 1}: {closest.text!r}, is only "
        f"{closest.similarity:.0%} similar."
        if closest
        else ""
    )
    return (
        f"quote {exact!r} is not found in the article's reading text.{shown} Copy the words "
        "exactly as the article shows them (curly quotes and dashes included)."
    )
