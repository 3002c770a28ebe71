"""Search that finds notes: what the search index and the pages' previous/next chain hold.

- A moved note's stub page (``moved_to``) keeps its address but is neither indexed (the page's
  ``nosearch`` metadata, which Sphinx's HTML builder honours) nor a step of the previous/next
  chain (``html-page-context``: the toctree's order, moved stubs skipped).
- The annotations' own pages follow one another in the order of their notes (1, 2, 3...), not
  in the glob toctree's order of file names: "next" from note 15 is note 16.
- A glossary entry with several terms (``selector``, ``selectors``) has a hidden separator
  between them, so that the page's text, from which the search page takes its excerpts, reads
  "selector, selectors" and not "selectorselectors".
- ``search.js`` (the search page only) lists each page once and labels each result: a page, or
  an annotation with its kind and ¶; the labels are on its script element (``data-labels``).
- The search language (:class:`EditionSearchLanguage`, the configured one registered again)
  stems each word once per build, not once per page: Sphinx memoises stems within a page only,
  and at 1,000 notes stemming the same words again on every page was about a tenth of a clean
  build. It also finds a word with or without its accents: "Calderon" finds "Calderón" and
  "Pena" "Peña", as readers type them (the article itself prints "Calderon" twice).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.search import SearchLanguage, languages
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.builders import WEB
from reading_edition.sphinxext.page_assets import attribute_json
from reading_edition.sphinxext.text_hygiene import tidy_late_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def is_moved_stub(doctree: nodes.Node) -> bool:
    return any(
        "annotation-moved" in section["classes"] for section in doctree.findall(nodes.section)
    )


def unindex_moved_stubs(app: Sphinx, doctree: nodes.document) -> None:
    if is_moved_stub(doctree):
        app.env.metadata[app.env.docname]["nosearch"] = True


def reading_chain(
    env: BuildEnvironment, relations: dict[str, list[str | None]] | None = None
) -> list[str]:
    """The pages in previous/next order: the toctree's (``relations``, Sphinx's, if already
    collected), with the annotations' own pages in the order of their notes in the article
    (their numbers; a glob toctree lists them by file name) and without the moved stubs."""
    if relations is None:
        relations = env.collect_relations()
    domain = annotation_domain(env)
    moved = {record.docname for record in domain.moved.values()}
    numbered = sorted(
        (domain.placements[key].number, record.docname)
        for key, record in domain.annotations.items()
        if key in domain.placements
    )
    notes = [docname for _, docname in numbered]
    toc: dict[str, None] = {}  # in order; a dict, so that "in" takes no walk (1,000 pages)
    page: str | None = env.config.root_doc
    while page is not None and page not in toc:
        toc[page] = None
        page = relations.get(page, [None, None, None])[2]
    block = set(notes) | moved
    chain: list[str] = []
    placed = False
    for page in toc:
        if page not in block:
            chain.append(page)
        elif not placed:  # the first annotation page: all of them, in order
            chain += [note for note in notes if note in toc]
            placed = True
    return chain


@dataclass
class BuildChain:
    """One build's chain of pages, the toctree's relations, and the neighbours' titles as HTML
    (each page is the neighbour of two: rendering a title costs a docutils publisher)."""

    pages: list[str]
    relations: dict[str, list[str | None]]
    titles: dict[str, str] = field(default_factory=dict)
    at: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.at = {page: n for n, page in enumerate(self.pages)}


#: Each build's chain, made once after every page is read (``chain_of``), dropped when the build
#: ends (a second build in the same process may have other pages).
_CHAINS: WeakKeyDictionary[BuildEnvironment, BuildChain] = WeakKeyDictionary()


def chain_of(env: BuildEnvironment) -> BuildChain:
    """This build's chain: made once, when the notes are numbered (``resolve.py`` asks for it
    to tell which pages show other neighbours than last time) or when the first page is written."""
    if env not in _CHAINS:
        relations = env.collect_relations()
        _CHAINS[env] = BuildChain(reading_chain(env, relations), relations)
    return _CHAINS[env]


def neighbours(env: BuildEnvironment, pagename: str) -> tuple[str | None, str | None]:
    """The previous and next pages a page links to: its neighbours in the chain; for a page
    outside it (a moved stub, an orphan), its nearest pages in the toctree's order that are in
    the chain."""
    built = chain_of(env)
    found: list[str | None] = []
    for step in (-1, 1):
        if pagename in built.at:
            at = built.at[pagename] + step
            found.append(built.pages[at] if 0 <= at < len(built.pages) else None)
            continue
        side = 1 if step < 0 else 2
        neighbour = built.relations.get(pagename, [None, None, None])[side]
        seen = set()
        while neighbour is not None and neighbour not in built.at and neighbour not in seen:
            seen.add(neighbour)
            neighbour = built.relations.get(neighbour, [None, None, None])[side]
        found.append(neighbour)
    return found[0], found[1]


def ancestors(env: BuildEnvironment, pagename: str) -> list[str]:
    """The page's toctree parents, nearest first (Sphinx's ``parents``, which ``basic``'s bar
    above the page names)."""
    relations = chain_of(env).relations
    found: list[str] = []
    parent = relations.get(pagename, [None, None, None])[0]
    while parent is not None and parent not in found:
        found.append(parent)
        parent = relations.get(parent, [None, None, None])[0]
    return found


#: Sphinx's own words ("next", "previous"), in the project's language.
sphinx_words = get_translation("sphinx")


def chain_in_reading_order(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Previous and next: the annotations' pages in the order of their notes, moved stubs
    skipped (from any page, the stubs' own included); in the links of the page's head and in
    ``rellinks`` (``basic``'s bar above the page) alike."""
    built = chain_of(app.env)
    steps = dict(zip(("prev", "next"), neighbours(app.env, pagename), strict=True))
    rellinks = [link for link in context.get("rellinks", []) if link[2] not in ("N", "P")]
    for key, neighbour in steps.items():
        if neighbour is None:
            context[key] = None
            continue
        if neighbour not in built.titles:
            title = app.env.titles.get(neighbour)
            if title is not None:
                # As the page's own heading shows it: publication titles in italics (the
                # environment keeps the title as read, before the post-transforms).
                title = title.deepcopy()
                tidy_late_text(title, app.config.edition_publication_titles)
            built.titles[neighbour] = (
                app.builder.render_partial(title)["title"] if title else neighbour  # type: ignore[attr-defined]
            )
        context[key] = {
            "link": app.builder.get_relative_uri(pagename, neighbour),
            "title": built.titles[neighbour],
        }
    # Sphinx's order: the next page's link, then the previous page's.
    for key, accesskey, label in (("next", "N", "next"), ("prev", "P", "previous")):
        if context[key] is not None and "rellinks" in context:
            rellinks.append((steps[key], context[key]["title"], accesskey, sphinx_words(label)))
    if "rellinks" in context:
        context["rellinks"] = rellinks


class GlossarySynonymsApart(SphinxPostTransform):
    default_priority = 900
    builders = WEB

    def run(self, **kwargs: Any) -> None:
        for item in self.document.findall(nodes.definition_list_item):
            terms = [child for child in item.children if isinstance(child, nodes.term)]
            for term in terms[:-1]:
                term += nodes.inline("", ", ", classes=["visually-hidden"])


def search_labels(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The search page's labels, on its ``search.js`` element (``data-labels``): each
    annotation page's kind and ¶."""
    if pagename != "search":
        return
    domain = annotation_domain(app.env)
    context["edition_search_labels"] = attribute_json(
        {
            record.docname: f"{record.kind_label} · ¶\u00a0{domain.placements[key].paragraph + 1}"
            for key, record in domain.annotations.items()
            if key in domain.placements
        }
    )


#: Accents on Latin letters (a letter a to z followed by combining marks, once decomposed):
#: left out of the words indexed and searched. Other scripts keep their marks (Japanese kana's
#: voicing marks, Devanagari's vowel signs are letters of their own).
_LATIN_ACCENTS = re.compile(r"(?<=[A-Za-z])[\u0300-\u036f]+")

#: The same rule in the search page's script, around Sphinx's stemmer for the language.
#: ``js_splitter_code`` is the documented place for a language's query code in
#: ``language_data.js``, written after the stemmer; Sphinx has no hook to wrap the stemmer
#: itself, so the code replaces the global ``Stemmer`` the search page calls (``new Stemmer()``
#: in ``searchtools.js``) with one that takes the accents off first. What is highlighted stays
#: the words as typed.
FOLD_ACCENTS_JS = """
(function () {
  var Stemmer = window.Stemmer;
  if (typeof Stemmer !== "function") return;
  window.Stemmer = function () {
    var stemmer = new Stemmer();
    this.stemWord = function (word) {
      return stemmer.stemWord(word.normalize("NFD").replace(/([a-z])[\u0300-\u036f]+/gi, "$1"));
    };
  };
})();
"""


def without_accents(word: str) -> str:
    """``word`` without the accents of its Latin letters ("Calderón" → "Calderon")."""
    decomposed = unicodedata.normalize("NFD", word)
    bare = _LATIN_ACCENTS.sub("", decomposed)
    return unicodedata.normalize("NFC", bare) if bare != decomposed else word


class EditionSearchLanguage(SearchLanguage):
    """The configured search language, registered again: a word's stem is remembered for the
    whole build (it does not depend on the page it is on), and taken without accents."""

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stems: dict[str, str] = {}
        self.js_splitter_code = (type(self).js_splitter_code or "") + FOLD_ACCENTS_JS

    def stem(self, word: str) -> str:
        found = self.stems.get(word)
        if found is None:
            found = self.stems[word] = super().stem(without_accents(word))
        return found


def register_search_language(app: Sphinx, config: Config) -> None:
    """Register the configured search language again as a :class:`EditionSearchLanguage` (through
    ``add_search_language``, the documented way to give Sphinx a search language), found as
    Sphinx's HTML builder finds it: ``html_search_language`` or ``language``, else its part
    before ``_``. A language Sphinx has no class for is left to Sphinx."""
    lang = config.html_search_language or config.language or "en"
    key = lang if lang in languages else lang.partition("_")[0]
    found = languages.get(key)
    if found is None:
        return
    if isinstance(found, str):
        module, name = found.rsplit(".", 1)
        found = getattr(import_module(module), name)
    assert isinstance(found, type)
    if issubclass(found, EditionSearchLanguage):
        return
    app.add_search_language(type(found.__name__, (EditionSearchLanguage, found), {"lang": key}))


def setup_search_pages(app: Sphinx) -> None:
    app.connect("config-inited", register_search_language)
    app.connect("doctree-read", unindex_moved_stubs)
    app.connect("html-page-context", chain_in_reading_order)
    app.connect("build-finished", lambda app, exception: _CHAINS.pop(app.env, None))
    app.add_post_transform(GlossarySynonymsApart)
    app.connect("html-page-context", search_labels)
