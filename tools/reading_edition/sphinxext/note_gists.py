"""Annotation notes in the article, in brief: HTML pages carry each note's first paragraph.

The article has many long annotations (about 30 notes, several paragraphs and sources each).
Carried whole, they would triple the page (the edition's budget is 60 KB for the page and its
CSS and JavaScript) and, on wide screens, make the margin column far taller than the text, so
that notes could no longer sit beside their passage. So the note in the article keeps its head
(number, kind, and the title, which links to the annotation's page), the first block of its
body (its gist) and its back link.
The annotation's own page, the LaTeX/PDF edition and EPUB keep every note whole.

The gist is taken once, when the annotation is read, and kept (pickled, about a kilobyte) in
the environment: placing 5,000 notes then never loads 5,000 annotation doctrees.
"""

from __future__ import annotations

import pickle

from docutils import nodes


def gist_of(body: nodes.Element) -> bytes | None:
    """The first block of an annotation's body, detached and pickled; None for an empty body."""
    first = next((c for c in body.children if isinstance(c, nodes.Element)), None)
    while isinstance(first, nodes.section):
        # A body that opens with a heading: its first block is under that heading (the note's
        # own title heads it in the article; a heading there would link to another page).
        first = next(
            (
                c
                for c in first.children
                if isinstance(c, nodes.Element) and not isinstance(c, nodes.title)
            ),
            None,
        )
    if first is None:
        return None
    gist = first.deepcopy()
    for node in gist.findall():
        # Copies keep a link to their document (and through it the whole build): cut it.
        node.document = None
    # A footnote mark whose footnote was left out would be a dead link.
    kept = {i for n in gist.findall(nodes.Element) for i in n["ids"]}
    for mark in list(gist.findall(nodes.footnote_reference)):
        if mark.get("refid") not in kept:
            mark.parent.remove(mark)
    return pickle.dumps(gist, pickle.HIGHEST_PROTOCOL)


def gist_nodes(blob: bytes) -> nodes.Element:
    """A fresh copy of a gist taken by ``gist_of``."""
    node: nodes.Element = pickle.loads(blob)
    return node
