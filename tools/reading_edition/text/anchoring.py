"""Anchoring: find a TextQuoteSelector (exact, prefix, suffix) in the reading text.

The reading text is a list of paragraphs. Matching is on normalised text: whitespace runs
collapse to one space, nothing else changes (quotes, dashes and accents must be as written).
A quote never spans paragraphs.

The text is indexed once (word → positions where a word starts), so anchoring many quotes does
not scan the whole text per quote. A quote that is not found exactly is never attached anywhere:
the result reports the closest passage and its similarity, so the checker can say "drifted"
(similar enough to be the same passage, edited) or "not found".
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
#: Below this similarity the closest passage is not offered as a drift of the quote.
MIN_SIMILARITY = 0.75


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


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

    @property
    def status(self) -> str:
        if self.anchor:
            return "anchored"
        if self.matches:
            return "ambiguous"
        if self.closest and self.closest.similarity >= MIN_SIMILARITY:
            return "drifted"
        return "not-found"


class ReadingIndex:
    """The normalised reading text with a word index."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = [normalise(p) for p in paragraphs]
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
            return Result(matches=found, suggestion=self._disambiguate(found, exact))
        return Result(closest=self.closest(exact))

    def _before(self, pos: int) -> str:
        para = self.paragraph_of(pos)
        return self.text[self.starts[para] : pos].rstrip()

    def _after(self, pos: int) -> str:
        para = self.paragraph_of(pos - 1) if pos else 0
        end = self.starts[para] + len(self.paragraphs[para])
        return self.text[pos:end].lstrip()

    def _disambiguate(self, found: list[Anchor], exact: str) -> tuple[str, str] | None:
        """The fewest words before (or after) the quote that make it unique."""
        for words in range(1, 8):
            for side in ("prefix", "suffix"):

                def context(a: Anchor, side: str = side, words: int = words) -> str:
                    if side == "prefix":
                        return " ".join(self._before(a.start).split()[-words:])
                    return " ".join(self._after(a.end).split()[:words])

                for anchor in found:
                    mine = context(anchor)
                    if mine and sum(context(other) == mine for other in found) == 1:
                        return side, mine
        return None

    def closest(self, exact: str) -> Closest | None:
        """The passage most similar to ``exact`` (same length in words), and its similarity."""
        size = len(exact.split())
        best: Closest | None = None
        for p, para in enumerate(self.paragraphs):
            words = para.split()
            for i in range(max(1, len(words) - size + 1)):
                window = " ".join(words[i : i + size])
                matcher = difflib.SequenceMatcher(None, exact, window, autojunk=False)
                if best and matcher.real_quick_ratio() <= best.similarity:
                    continue
                if best and matcher.quick_ratio() <= best.similarity:
                    continue
                ratio = matcher.ratio()
                if best is None or ratio > best.similarity:
                    best = Closest(p, window, ratio)
        return best


def anchor_message(result: Result, exact: str) -> str | None:
    """The contributor-facing message for a quote that did not anchor, or None."""
    status = result.status
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
    closest = result.closest
    if status == "drifted" and closest:
        return (
            f"quote {exact!r} no longer matches the article exactly (drifted). The closest "
            f"passage is ¶ {closest.paragraph + 1}: {closest.text!r} "
            f"(similarity {closest.similarity:.0%}). If that is the passage, copy its text "
            "into target.exact; the annotation is not attached until it matches."
        )
    shown = (
        f" The closest passage, ¶ {closest.paragraph + 1}: {closest.text!r}, is only "
        f"{closest.similarity:.0%} similar (a drift must be at least {MIN_SIMILARITY:.0%})."
        if closest
        else ""
    )
    return (
        f"quote {exact!r} is not in the article's reading text.{shown} Copy the words "
        "exactly as the article shows them (curly quotes and dashes included)."
    )
