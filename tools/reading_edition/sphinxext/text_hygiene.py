"""Spaces as readers should see them, in every output.

``NumbersKeepTheirSign``: "¶ 2", "p. 14" and "No. 7" never break across lines: a no-break space
before the number, wherever the words come from (pages, annotations, the notes' generated back
links and passages). Runs last, so that text added by the edition's own transforms is covered.
The article's words are left as they are (the reading text is the seed's).

``SingleSpacesInTheReadingText`` (HTML and EPUB): the reading text's line breaks and runs of
spaces become single spaces in the page, so that its DOM text is the reading text and an
exact-match W3C client (TextQuoteSelector) finds every exported quote; the same in the rest of
the page (the notes' copies of their annotations too), outside code. Runs last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.nodes import anno_note
from reading_edition.sphinxext.reading_text import is_reading_text, reading_paragraphs
from reading_edition.text.spacing import bind_numbers, single_spaces

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Where text is shown as written (code) or is not text.
VERBATIM = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)


def _article_paragraphs(document: nodes.Node) -> list[nodes.paragraph]:
    """The article's own paragraphs (not the notes placed among them)."""
    found = []
    for container in document.findall(is_reading_text):
        for para in reading_paragraphs(container):
            parent = para.parent
            while parent is not None and not isinstance(parent, anno_note):
                parent = parent.parent
            if parent is None:
                found.append(para)
    return found


class NumbersKeepTheirSign(SphinxPostTransform):
    default_priority = 950

    def run(self, **kwargs: Any) -> None:
        article = set(map(id, _article_paragraphs(self.document)))
        for text in list(self.document.findall(nodes.Text)):
            new = bind_numbers(str(text))
            if new == str(text):
                continue
            parent = text.parent
            ancestors = []
            while parent is not None:
                ancestors.append(parent)
                parent = parent.parent
            if any(isinstance(a, VERBATIM) or id(a) in article for a in ancestors):
                continue
            _replace(text, new)


class SingleSpacesInTheReadingText(SphinxPostTransform):
    default_priority = 951  # after the notes are placed among the paragraphs
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        article = _article_paragraphs(self.document)
        for para in article:
            after_space = True  # no space at the paragraph's start
            for text in list(para.findall(nodes.Text)):
                new = single_spaces(str(text), after_space)
                if new:
                    after_space = new.endswith(" ")
                _replace(text, new)
        # The rest of the page (the notes among the paragraphs too): no line breaks of the
        # sources in the page's text either, so that a quote is found once, as shown.
        for text in list(self.document.findall(nodes.Text)):
            if not _inside(text, VERBATIM):
                _replace(text, single_spaces(str(text), False))


def _inside(node: nodes.Node, kinds: tuple[type, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _replace(text: nodes.Text, new: str) -> None:
    """Replace this very Text node (``Element.replace`` finds the first *equal* string)."""
    if new != str(text):
        index = list(map(id, text.parent.children)).index(id(text))
        text.parent[index] = nodes.Text(new)


def setup_text_hygiene(app: Sphinx) -> None:
    app.add_post_transform(NumbersKeepTheirSign)
    app.add_post_transform(SingleSpacesInTheReadingText)
