"""sphinx-design's tabs in the publications (PDF and EPUB): every panel in turn under its label.

A tab set shows one panel at a time in HTML (radio buttons and CSS), which paper cannot do and
e-readers do unevenly: a reading system without CSS would show bare radio buttons and every
panel without saying which is which, one with CSS but no ``:checked`` could hide all but one.
So in the PDF and the EPUB ``TabsInTurn`` turns each tab set, before sphinx-design's HTML
transform sees it, into plain containers: each tab a labelled section, its label a rubric (a
heading-like line: ``\\subsubsection*`` in LaTeX, ``<p class="rubric">`` in the EPUB) and its
panel after it, in the order written. Nothing is hidden and no form control is written.

In the EPUB, ``DropdownsShown`` leaves each dropdown as its title and its text, as the PDF
prints it. Badges, buttons and cards need nothing here: a badge is an inline of its words; a
button is a link, whose address the PDF prints after it like any other link's
(``AddressesInline``); a card's title, body and link are ordinary blocks (``edition.sty`` and
the EPUB stylesheet set them apart). The EPUB translator is given sphinx-design's HTML
visitors for its nodes (``EditionEpubBuilder.create_translator``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.builders import BOOK, EPUB

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Classes of the tab set, of each tab and of its label and panel in the publications
#: (``edition.sty`` and ``edition-epub.css`` style them); sphinx-design's ``sd-tab-*`` classes
#: are dropped, so that no stylesheet treats them as interactive tabs.
TABS_CLASS = "edition-tabs"
TAB_CLASS = "edition-tab"
LABEL_CLASS = "edition-tab-label"
PANEL_CLASS = "edition-tab-panel"
DROPDOWN_CLASS = "edition-dropdown"
DROPDOWN_TITLE_CLASS = "edition-dropdown-title"


def _component(node: nodes.Node, name: str) -> bool:
    # sphinx-design marks its containers with ``design_component``; matched by name so the
    # extension does not import sphinx-design.
    return isinstance(node, nodes.Element) and node.get("design_component") == name


def _plain(node: nodes.Element, cls: str) -> None:
    """No longer a sphinx-design component (its transforms skip it): a container of ``cls``."""
    del node["design_component"]
    node["classes"] = [cls]


class TabsInTurn(SphinxPostTransform):
    """Each tab set as its tabs in turn, every label followed by its panel (PDF and EPUB)."""

    # Before sphinx-design's TabSetHtmlTransform (200), which the EPUB builder (format html)
    # would otherwise run, turning the labels into <label>s of radio buttons.
    default_priority = 150
    builders = BOOK

    def run(self, **kwargs: Any) -> None:
        for tab_set in list(self.document.findall(lambda n: _component(n, "tab-set"))):
            assert isinstance(tab_set, nodes.Element)
            _plain(tab_set, TABS_CLASS)
            for tab in tab_set.children:
                if not _component(tab, "tab-item"):
                    continue  # a hyperlink target kept by sphinx-design
                assert isinstance(tab, nodes.Element)
                _plain(tab, TAB_CLASS)
                for part in tab.children:
                    if isinstance(part, nodes.rubric):
                        part["classes"] = [LABEL_CLASS]
                    elif _component(part, "tab-content"):
                        assert isinstance(part, nodes.Element)
                        _plain(part, PANEL_CLASS)


class DropdownsShown(SphinxPostTransform):
    """In the EPUB, each dropdown as its title (a rubric) and its text, as the PDF prints it.

    The EPUB is HTML to sphinx-design, which would write a ``<details>`` with SVG icons: text
    behind a control that not every reading system offers, and inline SVG that EPUB's XHTML
    does not allow there. Left a plain container, it is what sphinx-design writes for paper."""

    default_priority = 150  # before sphinx-design's DropdownHtmlTransform (199)
    builders = EPUB

    def run(self, **kwargs: Any) -> None:
        for dropdown in list(self.document.findall(lambda n: _component(n, "dropdown"))):
            assert isinstance(dropdown, nodes.Element)
            has_title = dropdown.get("has_title")
            for key in ("opened", "type", "has_title", "icon", "chevron", "details_name"):
                dropdown.attributes.pop(key, None)
            _plain(dropdown, DROPDOWN_CLASS)
            if has_title and isinstance(dropdown[0], nodes.rubric):
                dropdown[0]["classes"] = [DROPDOWN_TITLE_CLASS]


def setup_design_print(app: Sphinx) -> None:
    app.add_post_transform(TabsInTurn)
    app.add_post_transform(DropdownsShown)
