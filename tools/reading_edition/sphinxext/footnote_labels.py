"""Two series of marks in HTML and EPUB: annotations are numbered (1, 2, 3 …), footnotes lettered
(a, b, c …); and no mark between a word and its punctuation.

``LetterFootnotes`` (HTML and EPUB builders) relabels each page's numbered footnotes, and their
references, with letters in the order of their numbers. ``MarksAfterPunctuation`` moves a run of
marks (annotation marks, footnote references) that stands before closing punctuation or a
possessive ("president¹," → "president,¹"; "Calderón¹’s" → "Calderón’s¹"), in the doctree, so
every output has it, the PDF included. The LaTeX side keeps its own numbering (``latex/``).

In the edition's HTML pages a footnote reference carries its letter in ``data-n`` and the theme
draws it (CSS generated content), as it does for annotation marks: the paragraph's text nodes
are the article's words alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.nodes import anno_marker
from reading_edition.sphinxext.builders import ALL, BOOK, HTML_PAGES, WEB

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Closing punctuation, or a possessive, that belongs before a mark rather than after it.
TRAILING = re.compile(r"^(?:[’']s\b|[,.;:!?’”)\]…]+(?:[’']s\b)?)")


def letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa, 28 → ab … (the numbering ``series_numbers`` keeps within a–z)."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


#: Letters in one series: a to z. A label never has two letters (they read as a word).
SERIES = 26


def series_numbers(paths: Sequence[tuple[str, ...]]) -> list[int]:
    """Each footnote's number in its series (1 to ``SERIES``, printed a to z), given the
    sections each stands in, in reading order (its part, the document's name, first).

    A part's footnotes are one series when they are 26 or fewer; otherwise each section's
    footnotes are (and so on down: a section with more than 26 restarts in each of its
    subsections, and its own footnotes between them restart after each subsection). A run of
    more than 26 footnotes with no heading between them restarts after every 26th. So a label
    is always one letter, and HTML, EPUB and PDF, which give the same paths, the same letters.
    """
    numbers = [0] * len(paths)

    def number(indices: list[int], depth: int) -> None:
        if len(indices) <= SERIES:
            for n, i in enumerate(indices, start=1):
                numbers[i] = n
            return
        # Runs of footnotes in the same section one level down (None: in this section itself).
        runs: list[tuple[str | None, list[int]]] = []
        for i in indices:
            key = paths[i][depth] if depth < len(paths[i]) else None
            if runs and runs[-1][0] == key:
                runs[-1][1].append(i)
            else:
                runs.append((key, [i]))
        for key, run in runs:
            if key is not None:
                number(run, depth + 1)
            else:
                for n, i in enumerate(run):
                    numbers[i] = n % SERIES + 1

    # Each part (the first section of a path) is a series of its own.
    parts: dict[str, list[int]] = {}
    for i, path in enumerate(paths):
        parts.setdefault(path[0] if path else "", []).append(i)
    for indices in parts.values():
        number(indices, 1)
    return numbers


def section_path(node: nodes.Node, docname: str | None = None) -> tuple[str, ...]:
    """The ids of the sections ``node`` stands in, outermost first (in the PDF's one
    doctree, only the sections of its own document, ``docname``)."""
    found: list[str] = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and (
            docname is None or parent.get("docname") == docname
        ):
            found.append(str(parent["ids"][0]) if parent["ids"] else str(id(parent)))
        parent = parent.parent
    return tuple(reversed(found))


class LetterFootnotes(SphinxPostTransform):
    default_priority = 30
    builders = HTML_PAGES  # LaTeX letters its own notes

    def run(self, **kwargs: Any) -> None:
        numbered = [f for f in self.document.findall(nodes.footnote) if _label_of(f).isdigit()]
        numbered.sort(key=lambda f: int(_label_of(f)))
        # The references, found once: relabelling below neither adds nor removes one.
        refs = list(self.document.findall(nodes.footnote_reference))
        first_ref: dict[str, nodes.footnote_reference] = {}
        for ref in refs:
            first_ref.setdefault(ref.get("refid", ""), ref)
        docname = self.env.docname
        paths = [
            (docname, *section_path(first_ref.get(f["ids"][0] if f["ids"] else "", f)))
            for f in numbered
        ]
        labels = {
            _label_of(f): letters(n) for f, n in zip(numbered, series_numbers(paths), strict=True)
        }
        for footnote in numbered:
            label = next(iter(footnote.findall(nodes.label)))
            label.children = [nodes.Text(labels[_label_of(footnote)])]
        for ref in refs:
            text = ref.astext()
            if text in labels:
                ref.children = [nodes.Text(labels[text])]
                ref["letter"] = labels[text]


def _label_of(footnote: nodes.footnote) -> str:
    label = next(iter(footnote.findall(nodes.label)), None)
    return label.astext() if label is not None else ""


def _is_mark(node: nodes.Node | None) -> bool:
    return isinstance(node, (anno_marker, nodes.footnote_reference))


def _marks(tree: nodes.Node) -> list[nodes.Inline]:
    """The marks under ``tree`` in document order. Both kinds are inline nodes: ``findall``
    with a class walks the tree on docutils' fast path, with a function it calls the function
    for every node (the article with its 1,000 notes has tens of thousands)."""
    return [node for node in tree.findall(nodes.Inline) if _is_mark(node)]


class MarksAfterPunctuation(SphinxPostTransform):
    default_priority = 20  # after the annotation marks are placed (annotations/marking.py: 5)
    builders = ALL  # marks follow punctuation in every output

    def run(self, **kwargs: Any) -> None:
        move_marks_after_punctuation(self.document)


class SeparatedMarks(SphinxPostTransform):
    """Two marks side by side ("7" and "a", or "a" and "f") never run together into a word
    ("7a", "af"): a ``mark-sep`` between them, a comma raised like the marks. In the PDF and the
    EPUB it is a text comma; in the HTML an empty span the theme draws the comma into (as it
    draws the marks), so the paragraph's text stays the article's words."""

    default_priority = 21  # after MarksAfterPunctuation (20) has gathered each run
    builders = BOOK
    text = ","

    def run(self, **kwargs: Any) -> None:
        for mark in _marks(self.document):
            if _is_mark(_previous(mark)):
                sep = nodes.inline("", self.text, classes=["mark-sep"])
                mark.parent.insert(mark.parent.index(mark), sep)


class SeparatedMarksDrawn(SeparatedMarks):
    """The HTML's ``mark-sep``: empty, the theme draws the comma."""

    builders = WEB
    text = ""


def move_marks_after_punctuation(tree: nodes.Node) -> None:
    """Put each run of marks after the closing punctuation or possessive that follows it."""
    for mark in _marks(tree):
        parent = mark.parent
        if parent is None or _is_mark(_previous(mark)):
            continue  # the first mark of a run moves the whole run
        run = [mark]
        while _is_mark(_next(run[-1])):
            run.append(_next(run[-1]))
        after = _next(run[-1])
        if not isinstance(after, nodes.Text):
            continue
        found = TRAILING.match(str(after))
        if not found:
            continue
        moved, rest = found.group(0), str(after)[found.end() :]
        index = parent.index(after)
        if rest:
            parent[index] = nodes.Text(rest)
        else:
            del parent[index]
        parent.insert(parent.index(mark), nodes.Text(moved))


def _previous(node: nodes.Node) -> nodes.Node | None:
    parent = node.parent
    if parent is None:
        return None
    index = parent.index(node)
    return parent[index - 1] if index else None


def _next(node: nodes.Node) -> nodes.Node | None:
    parent = node.parent
    if parent is None:
        return None
    index = parent.index(node) + 1
    return parent[index] if index < len(parent) else None


def visit_footnote_reference_html(self: HTML5Translator, node: nodes.footnote_reference) -> None:
    label = node.astext()
    self.body.append(
        self.starttag(
            node,
            "a",
            suffix="",
            classes=["footnote-reference"],
            role="doc-noteref",
            href="#" + node["refid"],
            **{"aria-label": f"Footnote {label}", "data-n": label},
        )
    )
    self.body.append("</a>")
    raise nodes.SkipNode


def setup_footnote_labels(app: Sphinx) -> None:
    app.add_post_transform(LetterFootnotes)
    app.add_post_transform(MarksAfterPunctuation)
    app.add_post_transform(SeparatedMarks)
    app.add_post_transform(SeparatedMarksDrawn)
    app.add_node(
        nodes.footnote_reference, override=True, html=(visit_footnote_reference_html, None)
    )
