"""How to fix what MyST and docutils say about a note's body in their own words.

Their messages name what is wrong ("Non-consecutive header level increase; H1 to H3") but not
what a contributor should write instead. :func:`with_fix` adds the edition's fix: the checker
applies it to the messages it gives in MyST's and docutils' words (``body_rules``), and the
build to theirs about an annotation (``sphinxext/locations.py``), so both say the same.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

from reading_edition.text.body_structure import (
    TRANSITION_FIRST,
    TRANSITION_LAST,
    TRANSITION_NOT_IN_SECTION,
    TRANSITIONS_ADJACENT,
)

_BREAK = "a line '---' or '***' (a thematic break)"

#: A parser's whole message, and the fix added after it.
_FIXES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"Document headings start at H(\d), not H1"),
        lambda m: (
            ": a note's first heading is written with one '#' (the note's title is placed "
            "above it); write this heading with '#', and each heading below it at most one "
            "'#' deeper"
        ),
    ),
    (
        re.compile(r"Non-consecutive header level increase; H(\d) to H(\d)"),
        lambda m: (
            ": a heading may be only one level deeper than the heading above it; write this "
            f"one with {'#' * (int(m[1]) + 1)} (H{int(m[1]) + 1})"
        ),
    ),
    (
        re.compile(re.escape(TRANSITION_NOT_IN_SECTION)),
        lambda m: (
            f" In a note, {_BREAK} may only separate paragraphs under a heading: remove it, "
            "or put a heading ('# …') above the part it begins."
        ),
    ),
    (
        re.compile(re.escape(TRANSITION_FIRST)),
        lambda m: f" Remove {_BREAK} just below the heading.",
    ),
    (
        re.compile(re.escape(TRANSITIONS_ADJACENT)),
        lambda m: f" Remove one of the two lines of {_BREAK.removeprefix('a line ')}.",
    ),
    (
        re.compile(re.escape(TRANSITION_LAST)),
        lambda m: f" Remove {_BREAK} at the end of the note.",
    ),
)


def with_fix(message: str) -> str:
    """``message`` with the edition's fix added, if it is one of the parser's messages that
    lack one; any other message (one already fixed too) as it is."""
    for pattern, fix in _FIXES:
        found = pattern.fullmatch(message)
        if found:
            return message + fix(found)
    return message


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest ``word`` (case aside), if it is near enough to be the one meant:
    the measure ``related:`` uses for an id (``model.annotation.related_message``)."""
    folded = word.casefold()
    scored = [(difflib.SequenceMatcher(None, c.casefold(), folded).ratio(), c) for c in candidates]
    best = max(sorted(scored), key=lambda pair: pair[0], default=None)
    return best[1] if best and best[0] > 0.6 and best[1].casefold() != folded else None


def unknown_document_message(target: str, notes: Iterable[str]) -> str:
    """A ``{doc}`` link to no page or note: the closest note's id for a bare name."""
    close = closest(target, notes) if "/" not in target else None
    if close:
        return f"unknown document: {target!r}. Did you mean {close!r}?"
    return (
        f"unknown document: {target!r}: no note has that id and no page that path; link a note "
        "by its id (its file name without .md), a page by its path ({doc}`../timeline`)."
    )


def missing_page_message(href: str, notes: Iterable[str]) -> str:
    """A Markdown link to a ``.md`` file that is no page or note: the closest note's file."""
    name = href.removesuffix(".md")
    close = closest(name, notes) if "/" not in name else None
    if close:
        return f"'myst' cross-reference target not found: {href!r}. Did you mean '{close}.md'?"
    return (
        f"'myst' cross-reference target not found: {href!r}: no such note or page; link a note "
        "by its file ('felipe-calderon.md'), a page by its path ('../docs/timeline.md')."
    )


def unknown_term_message(term: str, terms: Iterable[str]) -> str:
    """A ``{term}`` the glossary does not define: the closest term it does."""
    close = closest(term, terms)
    if close:
        return f"term not in glossary: {term!r}. Did you mean {close!r}?"
    return f"term not in glossary: {term!r}: use a term of docs/glossary.md, or add it there."
