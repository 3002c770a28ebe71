"""Where the text comes from, said on the web pages: a source line above the article's first
paragraph and on the home page; under it on the article, once, what selecting words offers.

The words are conf.py's ``edition_provenance``: (label, words) pairs in the order readers need
them (the publication, the date as established, the author, the captured address), the same
words as the PDF's title page (a test compares them). The PDF and the EPUB have their title
pages; this line is for the HTML pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.article_facts import FACTS_LIST_CLASS
from reading_edition.sphinxext.builders import WEB
from reading_edition.sphinxext.reading_text import first_reading_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def source_line(provenance: list[list[str]] | list[tuple[str, str]]) -> nodes.paragraph:
    """The line: each label, then its words (an address as a link)."""
    para = nodes.paragraph(classes=["source-line"])
    for i, (label, words) in enumerate(provenance):
        para += nodes.Text(" · " if i else "")
        para += nodes.emphasis("", label)
        para += nodes.Text(" ")
        if words.startswith(("https://", "http://")):
            para += nodes.reference("", words, refuri=words)
        else:
            para += nodes.Text(words)
    return para


def selection_hint() -> nodes.paragraph:
    """Said once, above the text: what selecting words offers (the theme shows it only where
    its script runs)."""
    words = "Select words, or use a ¶ number, to cite, copy a link or suggest an annotation."
    return nodes.paragraph("", words, classes=["selection-hint"])


class SourceLine(SphinxPostTransform):
    """Before the article's reading text, and after the home page's title."""

    default_priority = 7
    builders = WEB

    def run(self, **kwargs: Any) -> None:
        provenance = self.config.edition_provenance
        if not provenance:
            return
        docname = self.env.docname
        if docname in annotation_domain(self.env).articles:
            container = first_reading_text(self.document)
            if container is not None:
                at = container.parent.index(container)
                container.parent[at:at] = [source_line(provenance), selection_hint()]
        elif docname == self.config.root_doc and not self.lists_the_facts():
            section = next(iter(self.document.findall(nodes.section)), None)
            title = section.next_node(nodes.title) if section is not None else None
            if section is not None and title is not None and title.parent is section:
                section.insert(section.index(title) + 1, source_line(provenance))

    def lists_the_facts(self) -> bool:
        """A new edition's home page lists the article's facts (``{article-facts}``): the
        source line would say them twice."""
        return any(
            FACTS_LIST_CLASS in node["classes"] for node in self.document.findall(nodes.bullet_list)
        )


def setup_source_line(app: Sphinx) -> None:
    # [(label, words)]: the witness's publication, date, author and captured address.
    app.add_config_value("edition_provenance", [], "env", types=[list])
    app.add_post_transform(SourceLine)
