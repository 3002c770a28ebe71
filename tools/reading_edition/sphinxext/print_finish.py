"""The PDF's finish: proper names never hyphenated ("Snow-/den", "Mon-/dragón").

``NamesUnhyphenated`` (LaTeX) gathers the names the edition knows: the words of its glossary
(terms and definitions) and of its annotations' titles and ``terms`` that begin with a capital
(names, places, organisations, code names; a capitalised common word at a sentence's start
costs nothing) and the labels of host names written in the text, and writes them as
hyphenation exceptions without a hyphen, which TeX then
never breaks. Contributors add a name to the glossary or a note's ``terms``; nobody keeps a
list by hand.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.builders import LATEX

#: A word of letters only (accents included); shorter words cannot be hyphenated anyway
#: (three letters at least on either side of a hyphen: edition.sty).
WORD = re.compile(r"[^\W\d_]{6,}")


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
    found: set[str] = host_labels(document.astext())
    for glossary in document.findall(addnodes.glossary):
        found |= names_in(glossary.astext())
    for record in records:
        found |= names_in(record.title)
        for term in record.terms:
            found |= names_in(term)
    return sorted(found)


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
