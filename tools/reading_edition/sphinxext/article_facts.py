"""A new edition's front page: the article's facts and how to cite it, from ``conf.py``.

``edition_article`` (a :class:`~reading_edition.text.article_facts.ArticleFacts`) is what the
edition's ``conf.py`` reads from the witness's ``seeds/*.meta.yaml`` (``edition_article_file``,
whose errors the build reports at their line), the facts' one home.
``{article-facts}`` writes them as a list (the record's labelled facts, in its order: title,
author, date, publisher, address, language; "unknown" where the capture does not show one) and
``{article-citation}`` as a citation, so a correction to that file shows in every output.
Both belong to the editors' pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from reading_edition.model.diagnostics import LocatedError
from reading_edition.sphinxext.reading_text import EditorialDirective
from reading_edition.text.article_facts import UNKNOWN, ArticleFacts, read_article_facts

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: The class of the ``{article-facts}`` list (the home page's source line would repeat it).
FACTS_LIST_CLASS = "article-facts"


class _ArticleDirective(EditorialDirective):
    has_content = False

    def facts(self) -> ArticleFacts:
        self.refuse_in_annotations()
        facts = self.config.edition_article
        if facts is None:
            raise self.error(
                f"{self.name}: conf.py sets no `edition_article`; read it from the witness's "
                "metadata with reading_edition.text.article_facts.article_facts_for_build."
            )
        return facts


class ArticleFactsDirective(_ArticleDirective):
    """``{article-facts}``: the article's facts as a list."""

    def run(self) -> list[nodes.Node]:
        facts = self.facts()
        listing = nodes.bullet_list(bullet="-", classes=[FACTS_LIST_CLASS])
        for line in facts.listing():
            label, value = line.label, nodes.Text(line.text or UNKNOWN)
            if line.name == "url" and facts.web_address:
                value = nodes.reference(facts.web_address, facts.web_address, refuri=facts.url)
            paragraph = nodes.paragraph("", "", nodes.strong(f"{label}:", f"{label}:"))
            paragraph += [nodes.Text(" "), value]
            listing += nodes.list_item("", paragraph)
        self.set_source_info(listing)
        return [listing]


class ArticleCitationDirective(_ArticleDirective):
    """``{article-citation}``: how to cite the article (author, “title”, publisher, date;
    address)."""

    def run(self) -> list[nodes.Node]:
        facts = self.facts()
        text = facts.citation()  # ends with the address and a full stop
        paragraph = nodes.paragraph("", text)
        if facts.web_address:
            url = facts.web_address
            paragraph = nodes.paragraph("", text[: -len(url) - 1])
            paragraph += [nodes.reference(url, url, refuri=url), nodes.Text(".")]
        self.set_source_info(paragraph)
        return [paragraph]


logger = logging.getLogger(__name__)


def check_article_file(app: Sphinx) -> None:
    """Report a wrong metadata file (``edition_article_file``) at its file and line."""
    name = app.config.edition_article_file
    if not name:
        return
    try:
        read_article_facts(Path(app.confdir, name))
    except LocatedError as err:
        where = f"{name}:{err.line}" if err.line else name
        logger.warning(err.message, location=where, type="edition", subtype="article")


def setup_article_facts(app: Sphinx) -> None:
    app.add_config_value("edition_article", None, "env", types=[ArticleFacts, type(None)])
    # The file conf.py read edition_article from (relative to conf.py), checked by the build.
    app.add_config_value("edition_article_file", "", "env", types=[str])
    app.connect("builder-inited", check_article_file)
    app.add_directive("article-facts", ArticleFactsDirective)
    app.add_directive("article-citation", ArticleCitationDirective)
