"""Spaces as readers should see them, in every output.

``NumbersKeepTheirSign``: "¶ 2", "p. 14" and "No. 7" never break across lines: a no-break space
before the number, wherever the words come from (pages, annotations, the notes' generated back
links and passages). Runs last, so that text added by the edition's own transforms is covered.
The article's words are left as they are (the reading text is the seed's).

``PublicationTitlesInItalics``: the titles of newspapers, magazines and programmes listed in
``edition_publication_titles`` (conf.py) are set in italics wherever the edition's own words or
its sources name them; the article's words are left as printed.

``SingleSpacesInTheReadingText`` (HTML and EPUB): the reading text's line breaks and runs of
spaces become single spaces in the page, so that its DOM text is the reading text and an
exact-match W3C client (TextQuoteSelector) finds every exported quote; the same in the rest of
the page (the notes' copies of their annotations too), outside code. Runs last.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.latex.nodes import footnotetext
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.nodes import anno_note
from reading_edition.sphinxext.reading_text import reading_texts
from reading_edition.text.spacing import bind_numbers, single_spaces

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Where text is shown as written (code) or is not text.
VERBATIM = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)


#: Editorial text inside the article's paragraphs: its footnotes (in the PDF they stay in the
#: paragraph, as ``footnotetext`` after Sphinx's LaTeX footnote transform).
FOOTNOTES = (nodes.footnote, footnotetext)


def _article_words(node: nodes.Node, article: set[int]) -> bool:
    """Whether ``node`` is the article's own words: inside one of its paragraphs (``article``,
    by id) and not inside a footnote there."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, FOOTNOTES):
            return False
        if id(parent) in article:
            return True
        parent = parent.parent
    return False


#: Subtrees of a reading-text container that hold none of the article's own paragraphs.
NOT_THE_ARTICLE = (nodes.footnote, nodes.rubric, anno_note)


def _article_paragraphs(document: nodes.Node) -> list[nodes.paragraph]:
    """The article's own paragraphs (not the notes placed among them), in document order:
    :func:`reading_paragraphs` outside the notes. The walk does not enter footnotes, rubrics
    or notes: the article's 1,000 notes hold most of its nodes, and three transforms ask."""
    found: list[nodes.paragraph] = []
    for container in reading_texts(document):
        if _inside(container, (anno_note,)):
            continue
        stack: list[nodes.Node] = list(reversed(container.children))
        while stack:
            node = stack.pop()
            if isinstance(node, NOT_THE_ARTICLE):
                continue
            if isinstance(node, nodes.paragraph):
                found.append(node)
            if isinstance(node, nodes.Element):
                stack.extend(reversed(node.children))
    return found


class NumbersKeepTheirSign(SphinxPostTransform):
    default_priority = 950

    def run(self, **kwargs: Any) -> None:
        article = set(map(id, _article_paragraphs(self.document)))
        for text in list(self.document.findall(nodes.Text)):
            new = bind_numbers(str(text))
            if new == str(text):
                continue
            if _inside(text, VERBATIM) or _article_words(text, article):
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
            new = single_spaces(str(text), False)
            # The walk up to look for code only for a text that would change (few do).
            if new != str(text) and not _inside(text, VERBATIM):
                _replace(text, new)


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


#: The class of a note page's quotation of its passage (``placeholders.fill_passage``): the
#: article's own words, with their context.
PASSAGE = "anno-passage"


def _passages(document: nodes.Node) -> list[nodes.paragraph]:
    """The paragraphs of the note pages' quotations of the article (its words as printed)."""
    return [
        para
        for quote in document.findall(nodes.block_quote)
        if PASSAGE in quote["classes"]
        for para in quote.findall(nodes.paragraph)
    ]


class PublicationTitlesInItalics(SphinxPostTransform):
    default_priority = 949  # after the notes and sources are written

    def run(self, **kwargs: Any) -> None:
        # The article's words stay as printed: in the article, and quoted on a note's page.
        article = set(map(id, [*_article_paragraphs(self.document), *_passages(self.document)]))
        titles_in_italics(self.document, self.config.edition_publication_titles, article)


def publication_pattern(titles: list[str]) -> re.Pattern[str] | None:
    """The publication titles as one pattern, its group the title (longest first; a title may
    run over a line break of the source); None for no titles. ``pattern.split`` gives the
    titles at the odd places."""
    titles = sorted(titles, key=len, reverse=True)
    if not titles:
        return None
    spelled = [r"\s+".join(map(re.escape, title.split())) for title in titles]
    return re.compile(r"(?<!\w)(" + "|".join(spelled) + r")(?!\w)")


def titles_in_italics(root: nodes.Element, titles: list[str], skip: set[int]) -> None:
    """Set ``titles`` in italics in the text under ``root``, but in the article's own words
    (its paragraphs, by id in ``skip``, outside their footnotes), code, or an emphasis."""
    pattern = publication_pattern(titles)
    if pattern is None:
        return
    _join_texts(root)  # the parser splits a paragraph's text at line breaks
    for text in list(root.findall(nodes.Text)):
        value = str(text)
        if not pattern.search(value) or _inside(text, (*VERBATIM, nodes.emphasis)):
            continue
        if _article_words(text, skip):
            continue
        pieces: list[nodes.Node] = []
        for i, part in enumerate(pattern.split(value)):
            if i % 2:
                pieces.append(nodes.emphasis(part, part, classes=["publication"]))
            elif part:
                pieces.append(nodes.Text(part))
        index = list(map(id, text.parent.children)).index(id(text))
        text.parent[index : index + 1] = pieces


def tidy_late_text(root: nodes.Element, titles: list[str]) -> None:
    """The same hygiene for text made after the post-transforms (on ``doctree-resolved``, e.g.
    the Cite blocks): publication titles in italics, numbers kept with their sign."""
    titles_in_italics(root, titles, set())
    for text in list(root.findall(nodes.Text)):
        if not _inside(text, VERBATIM):
            _replace(text, bind_numbers(str(text)))


def _join_texts(document: nodes.Node) -> None:
    """Join each run of adjacent Text siblings into one Text node."""
    for element in list(document.findall(nodes.Element)):
        children = element.children
        # Most elements have one child: no count of their texts (called once per page).
        if len(children) < 2 or sum(isinstance(c, nodes.Text) for c in children) < 2:
            continue
        joined: list[nodes.Node] = []
        for child in children:
            if isinstance(child, nodes.Text) and joined and isinstance(joined[-1], nodes.Text):
                joined[-1] = nodes.Text(str(joined[-1]) + str(child))
            else:
                joined.append(child)
        if len(joined) < len(children):
            element[:] = joined


def setup_text_hygiene(app: Sphinx) -> None:
    # Titles of periodicals and programmes, set in italics where the edition names them.
    app.add_config_value("edition_publication_titles", [], "env", types=[list])
    app.add_post_transform(PublicationTitlesInItalics)
    app.add_post_transform(NumbersKeepTheirSign)
    app.add_post_transform(SingleSpacesInTheReadingText)
