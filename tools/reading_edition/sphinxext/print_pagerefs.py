"""In the PDF, every cross-reference in a "(see …)" carries the page it points to:
"(see the note on Mexico's reaction, p. 24)". A screen has links; paper needs the page.

``SeePages`` (LaTeX, after references are resolved) finds the internal links inside a
parenthesis that opens with "see" and puts a ``page_of`` node after each; its visitor writes
``\\editionpageof{<label>}`` (``edition.sty``: "p. <page>", linked), the label being the one
Sphinx's LaTeX writer gives the link's target.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.builders import LATEX

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

#: Words that send the reader elsewhere: "(see", "see also", "cf.", or a link that opens a
#: parenthesis of its own ("({doc}`the note on the visit <…>`)").
SEE_OPEN = re.compile(r"\b(?:see|cf\.)(?=\s|$)|\(\s*$", re.I)
#: Where such a reference ends: its parenthesis closes, or its sentence. Not at a semicolon:
#: "see the note on ¶ 6; on his protest, the note on Mexico's reaction." sends the reader on
#: with the "see" understood. Not at the full stop of "cf." or "p.".
SEE_CLOSE = re.compile(r"\)|(?<!\bcf)(?<!\bp)\.(?=\s|$)")


class page_of(nodes.Inline, nodes.Element):
    """ ", p. <page>" of an internal link's target (``refuri`` "%doc#id" or ``refid``)."""


def is_internal(reference: nodes.reference) -> bool:
    return bool(reference.get("refid")) or reference.get("refuri", "").startswith(("%", "#"))


def see_references(paragraph: nodes.TextElement) -> list[nodes.reference]:
    """The internal links of ``paragraph`` that a "see" or a parenthesis of their own leads."""
    found: list[nodes.reference] = []
    inside = False
    current: nodes.reference | None = None
    for node in paragraph.findall(lambda n: isinstance(n, (nodes.Text, nodes.reference))):
        if isinstance(node, nodes.reference):
            current = node
            if inside and is_internal(node):
                found.append(node)
            continue
        if current is not None and _within(node, current):
            continue  # the link's own words
        text = str(node)
        opened = max((m.end() for m in SEE_OPEN.finditer(text)), default=-1)
        closed = max((m.end() for m in SEE_CLOSE.finditer(text)), default=-1)
        if opened >= 0 and opened >= closed:
            inside = True  # ("(see" or "cf." last: a closing mark before it ended another)
        elif closed >= 0:
            inside = False
    return found


def _within(node: nodes.Node, ancestor: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False


#: "(see the footnote to ¶ 4)" without a link: the page of the article's paragraph.
SEE_PARAGRAPH = re.compile(r"\((?:see|cf\.)\b[^()]*?¶\s*(\d+)(?=\))", re.I)


class SeePages(SphinxPostTransform):
    """After each internal link in a "(see …)", the page of its target; in a "(see … ¶ n)"
    without a link, the page of the article's paragraph n (module docstring)."""

    default_priority = 20  # after Sphinx's ReferencesResolver (10)
    builders = LATEX

    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            for reference in see_references(paragraph):
                if isinstance(_next_sibling(reference), page_of):
                    continue  # it carries its page already (print_citations' pointers)
                page = page_of(refuri=reference.get("refuri", ""), refid=reference.get("refid", ""))
                parent = reference.parent
                parent.insert(parent.index(reference) + 1, page)
        for element in list(self.document.findall(nodes.TextElement)):
            if not isinstance(element, (nodes.reference, nodes.literal)):
                paragraph_pages(element)


def _next_sibling(node: nodes.Node) -> nodes.Node | None:
    parent = node.parent
    index = parent.index(node) + 1 if parent is not None else 0
    return parent[index] if parent is not None and index < len(parent) else None


def paragraph_pages(element: nodes.TextElement) -> None:
    """After "¶ n" closing a "(see …)" in ``element``'s own text, the page of paragraph n.
    A source's lines are Text nodes of their own, so each run of them is read as one."""
    runs: list[list[nodes.Text]] = [[]]
    for child in element.children:
        if isinstance(child, nodes.Text):
            runs[-1].append(child)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        joined = "".join(str(t) for t in run)
        ends = [(m.end(), m.group(1)) for m in SEE_PARAGRAPH.finditer(joined)]
        for end, number in reversed(ends):  # from the last, so earlier offsets hold
            offset = 0
            for text in run:
                if text not in element.children:
                    break  # (two in one line: the later one has split it)
                if offset < end <= offset + len(text):
                    cut = end - offset
                    before, after = str(text)[:cut], str(text)[cut:]
                    pieces: list[nodes.Node] = [nodes.Text(before)]
                    pieces.append(page_of(label=f"edition-para-{number}"))
                    if after:
                        pieces.append(nodes.Text(after))
                    index = element.index(text)
                    element[index : index + 1] = pieces
                    break
                offset += len(text)


def latex_label(self: LaTeXTranslator, node: page_of) -> str:
    """The label Sphinx's LaTeX writer gives the target of a link with this address."""
    if node.get("label"):
        return str(node["label"])
    uri = node.get("refuri", "")
    if uri.startswith("%"):
        docname, _, anchor = uri[1:].partition("#")
        return f"{docname}:{anchor}" if anchor else f"{docname}::doc"
    anchor = uri[1:] if uri.startswith("#") else node["refid"]
    return f"{self.curfilestack[-1]}:{anchor}"


def visit_page_of(self: LaTeXTranslator, node: page_of) -> None:
    self.body.append(rf", \editionpageof{{{self.idescape(latex_label(self, node))}}}")
    raise nodes.SkipNode


def setup_pagerefs(app: Sphinx) -> None:
    app.add_node(page_of, latex=(visit_page_of, None))
    app.add_post_transform(SeePages)
