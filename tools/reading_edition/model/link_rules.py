"""The rules for links between annotation files, in one place: the checker
(``cli/checker.py``) and the build (``sphinxext/annotations/resolve.py``) both call
:func:`link_findings` and report what it returns, each in its own way (a ``LocatedError``, a
located warning), so both refuse the same files with the same message at the same line.

- Ids need no rule here: an id is its file's name, in one folder, and ``from_front_matter``
  refuses any name that is not lowercase letters, digits and hyphens, so two files can share
  no id, not even one that differs in case (``Note.md`` beside ``note.md``: ``Note`` is refused
  by the checker and the build alike; the one-verdict table holds both to it).
- ``related``: an annotation's own id, a moved annotation (name its new home) and an id with no
  file are refused.
- ``moved_to``: must name an annotation that exists (not a moved one). A typo there is reported
  once, at the moved file: files whose ``related`` names the moved note are told nothing more.
- A link to a file that exists but failed its own checks says so ("exists but has errors"),
  never "no file".
- ``terms``: must be the glossary's (case aside), when the glossary is known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reading_edition.model.annotation import (
    SELF_RELATED_MESSAGE,
    moved_message,
    related_message,
    term_message,
)


@dataclass(frozen=True)
class LinkEntry:
    """One annotation file as the link rules see it: its id, its file as messages name it,
    and each link with the line it is on."""

    id: str
    file: str
    related: tuple[tuple[str, int], ...] = ()
    terms: tuple[tuple[str, int], ...] = ()
    #: A moved file: the id its note went to, and the line of ``moved_to``.
    moved_to: tuple[str, int] | None = None


@dataclass(frozen=True)
class LinkFinding:
    """What is wrong with one link of ``entry``, at ``line`` of its file."""

    entry: LinkEntry
    line: int
    message: str


def link_findings(
    entries: Iterable[LinkEntry], known_terms: set[str] | None, invalid: Iterable[str] = ()
) -> list[LinkFinding]:
    """Every broken link among ``entries`` (in file order); ``known_terms`` None skips the terms
    (no glossary known); ``invalid``: ids of files that exist but failed their own checks."""
    invalid = set(invalid)
    entries = sorted(entries, key=lambda e: e.file)
    notes = {e.id for e in entries if e.moved_to is None}
    moved = {e.id: e.moved_to[0] for e in entries if e.moved_to is not None}
    folded_terms = {t.casefold() for t in known_terms or ()}
    found: list[LinkFinding] = []
    for entry in entries:
        if entry.moved_to is not None:
            target, line = entry.moved_to
            if target not in notes:
                message = related_message(target, notes, "moved_to", invalid)
                found.append(LinkFinding(entry, line, message))
        for other, line in entry.related:
            if other == entry.id:
                found.append(LinkFinding(entry, line, SELF_RELATED_MESSAGE))
            elif other in moved:
                if moved[other] in notes:  # else reported once, at the moved file
                    found.append(LinkFinding(entry, line, moved_message(other, moved[other])))
            elif other not in notes:
                message = related_message(other, notes, invalid=invalid)
                found.append(LinkFinding(entry, line, message))
        if known_terms is not None:
            for term, line in entry.terms:
                if term.casefold() not in folded_terms:
                    found.append(LinkFinding(entry, line, term_message(term)))
    return found
