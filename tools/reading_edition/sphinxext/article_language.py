"""The article's language on its words: a new edition's reading text is in the language its
capture shows (``edition_article.language``, from ``seeds/*.meta.yaml``), while the edition's own
words (the labels, notes and apparatus) stay in ``language`` (English).

- The reading text's containers and the article page's headline get the class
  ``language-<tag>``, which docutils' HTML writer turns into ``lang="<tag>"`` (documented in
  docutils' HTML writers: a class ``language-*`` becomes the element's language); the EPUB's
  translator adds ``xml:lang`` beside it (:mod:`reading_edition.sphinxext.epub_edition`).
- In LaTeX (xelatex or lualatex: polyglossia) the same class opens the environment
  ``sphinxclasslanguage-<tag>`` (Sphinx's documented hook for a container's class), which sets
  the text in polyglossia's ``otherlanguage`` (its hyphenation and its typographic rules) when
  polyglossia knows the tag or its primary subtag; otherwise the text is set as before.
  pdflatex (babel) gets no such environment: babel needs the language among its package
  options, which Sphinx writes itself from ``language``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from reading_edition.sphinxext.reading_text import reading_texts

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: A language tag as BCP 47 writes one (``id``, ``id-ID``, ``zh-Hant-TW``): anything else in the
#: metadata file is shown on the front page but never written into the markup.
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

#: The class prefix docutils' HTML writer turns into ``lang``.
PREFIX = "language-"


def text_language(config: Config) -> str | None:
    """The article's language tag (``id-ID``) if a new edition's metadata gives a valid one and
    it differs from the edition's own ``language``, else None."""
    facts = config.edition_article
    tag = getattr(facts, "language", None) or ""
    tag = tag.replace("_", "-")
    if not _TAG.fullmatch(tag):
        return None
    if tag.lower() == (config.language or "en").replace("_", "-").lower():
        return None
    return tag


class ArticleLanguage(SphinxTransform):
    """Mark the reading text, and the headline of the page that holds it, with the article's
    language."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        tag = text_language(self.config)
        if tag is None:
            return
        found = list(reading_texts(self.document))
        for container in found:
            container["classes"].append(PREFIX + tag)
        if found:
            section = next(iter(self.document.findall(nodes.section)), None)
            if section is not None and section.children and isinstance(section[0], nodes.title):
                section[0]["classes"].append(PREFIX + tag)


def latex_language(tag: str) -> str:
    r"""The LaTeX preamble's lines for the reading text's language: polyglossia's
    ``\setotherlanguage`` for the tag, else its primary subtag, if polyglossia has it; and the
    environment Sphinx opens for the container class ``language-<tag>``."""
    primary = tag.split("-")[0]
    tried = [tag] if primary == tag else [tag, primary]
    chosen = "{}"
    for name in reversed(tried):  # the full tag first, then the primary subtag
        chosen = (
            f"\\IfFileExists{{gloss-{name}.ldf}}"
            f"{{\\setotherlanguage{{{name}}}\\def\\editiontextlanguage{{{name}}}}}{{{chosen}}}"
        )
    return (
        "% The article's language on its reading text (sphinxext/article_language.py)\n"
        f"{chosen}\n"
        f"\\newenvironment{{sphinxclass{PREFIX}{tag}}}"
        "{\\ifdefined\\editiontextlanguage"
        "\\edef\\editiontextlanguagebegin{\\noexpand\\begin{otherlanguage}{\\editiontextlanguage}}"
        "\\editiontextlanguagebegin\\fi}"
        "{\\ifdefined\\editiontextlanguage\\end{otherlanguage}\\fi}\n"
    )


def add_latex_language(app: Sphinx, config: Config) -> None:
    """Append the reading text's language to the LaTeX preamble (polyglossia's engines only)."""
    tag = text_language(config)
    if tag is None or config.latex_engine not in {"xelatex", "lualatex"}:
        return
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + "\n" + latex_language(tag)
    config.latex_elements = elements


def setup_article_language(app: Sphinx) -> None:
    app.add_transform(ArticleLanguage)
    app.connect("config-inited", add_latex_language)
