"""The corpus's metric: word 4-gram shingles of an extracted body against the true body.

As in the article-extraction benchmark the corpus comes from (scrapinghub, 2020): tokens are the
runs of word characters (``\\w+``, any script, case kept); a text's shingles are its overlapping
runs of four tokens, counted as a multiset (a text shorter than four tokens is one shingle).
Per page, true positives are the shingles both texts have (with multiplicity), and precision,
recall and F1 follow; a page with nothing expected and nothing found scores 1. Over pages, each
of precision, recall and F1 is averaged (the corpus README's figure). The benchmark's own
script reports F1 of the averaged precision and recall instead; :func:`f1_of_means` gives it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import fmean

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def score(truth: str, found: str) -> Score:
    """Precision, recall and F1 of ``found`` against ``truth`` for one page."""
    want, have = shingles(truth), shingles(found)
    hits = sum((want & have).values())
    extra = sum(have.values()) - hits
    missed = sum(want.values()) - hits
    if extra == missed == 0:
        return Score(1.0, 1.0, 1.0)
    precision = hits / (hits + extra) if hits + extra else 0.0
    recall = hits / (hits + missed) if hits + missed else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def mean(scores: list[Score]) -> Score:
    """Each of precision, recall and F1 averaged over pages."""
    return Score(
        fmean(s.precision for s in scores),
        fmean(s.recall for s in scores),
        fmean(s.f1 for s in scores),
    )


def f1_of_means(average: Score) -> float:
    """F1 of the averaged precision and recall (the benchmark script's summary figure)."""
    p, r = average.precision, average.recall
    return 2 * p * r / (p + r) if p + r else 0.0
