"""Glossary definitions shown in place: a term link in the text carries its definition.

In HTML, every link to a glossary term (``{term}`` role) becomes::

    <span class="term" data-def="The NSA’s hacking unit."><a class="reference internal"
      href="glossary.html#term-TAO" aria-describedby="tp-1">…</a></span>

and the page ends with ``<div class="term-definitions" hidden><span id="tp-1">The NSA’s
hacking unit.</span>…</div>``. The link still goes to the glossary. The definition is in the
page, so it needs no JavaScript: the theme's CSS draws it from ``data-def`` on hover and keyboard
focus, and ``aria-describedby`` makes screen readers announce it when the link is focused. It is
not a text node of the paragraph: copying the text gives the article's words alone. Other themes
show nothing extra. On a page with the reading text, only the article's own words get previews.
Definitions are collected from every ``glossary`` while reading (a Domain, so
incremental and parallel builds keep them right); a page whose term links show a definition that
changed is written again (``annotations/resolve.py``'s page signatures), and no other.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.builders import WEB
from reading_edition.sphinxext.reading_text import first_reading_text
from reading_edition.sphinxext.state_domain import Data, StateDomain
from reading_edition.text.spacing import bind_numbers

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator


#: A sentence ends at . ! or ? (perhaps closing a quote or bracket) before a capital letter.
SENTENCE_END = re.compile(r"[.!?][”’)\]]?(?=\s+[A-Z“‘(\[])")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (the whole text if it has one sentence)."""
    end = SENTENCE_END.search(text)
    return text[: end.end()] if end else text


class term_preview(nodes.inline):
    """A term link (first child, a ``reference``) and the text of its definition."""


class TermDefinitionsDomain(StateDomain):
    """Plain-text definitions of glossary terms, keyed by the term's anchor id."""

    name = "edition-terms"
    label = "Glossary definitions for term previews"
    data_version = 2
    initial_data: ClassVar[dict[str, Any]] = {"definitions": {}}

    #: ``{term id: (docname, definition text)}``.
    definitions: Data[dict[str, tuple[str, str]]] = Data()

    def clear_doc(self, docname: str) -> None:
        for term_id, (doc, _text) in list(self.definitions.items()):
            if doc == docname:
                del self.definitions[term_id]
        super().clear_doc(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for term_id, (doc, text) in otherdata["definitions"].items():
            if doc in docnames:
                self.definitions[term_id] = (doc, text)
        super().merge_domaindata(docnames, otherdata)

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        for glossary in document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                definitions = [c for c in item.children if isinstance(c, nodes.definition)]
                if not definitions:
                    continue
                # The first paragraph is the definition (later ones give its sources); its first
                # sentence is enough in passing, and keeps the page light.
                first = next(iter(definitions[0].findall(nodes.paragraph)), definitions[0])
                text = bind_numbers(first_sentence(" ".join(first.astext().split())))
                for term in item.findall(nodes.term):
                    for term_id in term["ids"]:
                        self.definitions[term_id] = (docname, text)


class AttachTermPreviews(SphinxPostTransform):
    """Wrap each resolved term link with its definition (HTML pages only)."""

    # After the references are resolved (ReferencesResolver runs at 10).
    default_priority = 800
    builders = WEB  # EPUB readers get plain links

    def run(self, **kwargs: Any) -> None:
        domain = self.env.domains[TermDefinitionsDomain.name]
        assert isinstance(domain, TermDefinitionsDomain)
        # On the article's page only the article's own words get previews: the notes there are
        # gists whose full pages have them, and the page's weight is budgeted.
        scope = first_reading_text(self.document) or self.document
        count = 0
        found: list[tuple[str, str]] = []
        for ref in list(scope.findall(nodes.reference)):
            target = _term_target(ref)
            if target is None or target not in domain.definitions or _in_a_note(ref, scope):
                continue
            count += 1
            wrapper = term_preview(
                "", preview_id=f"tp-{count}", definition=domain.definitions[target][1]
            )
            ref.replace_self(wrapper)
            wrapper += ref
            found.append((wrapper["preview_id"], wrapper["definition"]))
        if found:
            self.document += term_definitions("", items=found)


def definitions(env: BuildEnvironment) -> dict[str, str]:
    """Each term's definition as its previews show it, by the term's anchor id."""
    domain = env.domains[TermDefinitionsDomain.name]
    assert isinstance(domain, TermDefinitionsDomain)
    return {term_id: text for term_id, (_doc, text) in domain.definitions.items()}


def _in_a_note(node: nodes.Node, scope: nodes.Node) -> bool:
    """Whether ``node`` is in a footnote or an annotation's note within the reading text."""
    if scope.parent is None:  # a page without the reading text: every term link counts
        return False
    parent = node.parent
    while parent is not None and parent is not scope:
        if isinstance(parent, nodes.footnote) or "anno-body" in parent.get("classes", ()):
            return True
        parent = parent.parent
    return False


def _term_target(ref: nodes.reference) -> str | None:
    """The glossary anchor a term link points to, or None for any other link."""
    first = ref.children[0] if ref.children else None
    if not isinstance(first, nodes.inline) or "std-term" not in first["classes"]:
        return None
    _, _, fragment = ref.get("refuri", "").partition("#")
    return fragment or None


def visit_term_preview_html(self: HTML5Translator, node: term_preview) -> None:
    ref = node.children[0]
    assert isinstance(ref, nodes.reference)
    preview_id = node["preview_id"]
    # The definition is drawn from data-def by the theme (CSS generated content) and read to
    # screen readers from the hidden copy after the text (aria-describedby): it is not a text
    # node of the paragraph, so a copied passage, or its textContent, is the article's words.
    self.body.append(f'<span class="term" data-def="{self.attval(node["definition"])}">')
    self.body.append(
        self.starttag(
            ref,
            "a",
            "",
            CLASS="reference internal",
            href=ref["refuri"],
            **{"aria-describedby": preview_id},
        )
    )
    # The term's words without Sphinx's ``xref`` span: the link's class says what it is.
    words = ref.children[0] if len(ref.children) == 1 else ref
    for child in words.children:
        child.walkabout(self)
    self.body.append("</a></span>")
    raise nodes.SkipNode


class term_definitions(nodes.Element):
    """The page's term definitions, for ``aria-describedby``: after the text, never inside it."""


def visit_term_definitions_html(self: HTML5Translator, node: term_definitions) -> None:
    self.body.append('<div class="term-definitions" hidden>')
    for preview_id, text in node["items"]:
        self.body.append(f'<span id="{preview_id}">{self.encode(text)}</span>')
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup_term_previews(app: Sphinx) -> None:
    app.add_domain(TermDefinitionsDomain)
    app.add_node(term_preview, html=(visit_term_preview_html, None))
    app.add_node(term_definitions, html=(visit_term_definitions_html, None))
    app.add_post_transform(AttachTermPreviews)
