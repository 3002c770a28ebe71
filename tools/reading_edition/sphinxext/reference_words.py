"""A note's link to a page, note or term that does not exist, reported in the checker's words.

Sphinx says "unknown document: 'x'" and "term not in glossary: 'x'", MyST "'myst'
cross-reference target not found: 'x.md'": what is wrong, not what was meant. For a link in an
annotation the build gives the checker's message instead (``text/fixes.py``: the nearest note id
or glossary term, or how to link), through Sphinx's ``warn-missing-reference`` event for
``{doc}`` and ``{term}``, and for a Markdown link to a ``.md`` file that is no page (which MyST
reports itself, with no event) through a post-transform that runs before MyST's resolver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from reading_edition.sphinxext.annotations.reader import is_annotation_docname
from reading_edition.text.fixes import (
    missing_page_message,
    unknown_document_message,
    unknown_term_message,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def _note_ids(env: BuildEnvironment) -> list[str]:
    """The annotations' ids: their pages' names (the checker's are their files')."""
    return sorted(
        d.rsplit("/", 1)[-1] for d in env.found_docs if is_annotation_docname(env.config, d)
    )


def _terms(env: BuildEnvironment) -> list[str]:
    return sorted(
        name for name, _shown, kind, *_ in env.get_domain("std").get_objects() if kind == "term"
    )


def name_missing_reference(app: Sphinx, domain: Domain | None, node: nodes.Element) -> bool | None:
    """``warn-missing-reference``: a ``{doc}`` or ``{term}`` of a note that names nothing."""
    if not is_annotation_docname(app.config, node.get("refdoc", "")):
        return None
    target, kind = str(node.get("reftarget", "")), node.get("reftype")
    if kind == "doc":
        message = unknown_document_message(target, _note_ids(app.env))
    elif kind == "term":
        message = unknown_term_message(target, _terms(app.env))
    else:
        return None
    logger.warning(message, location=node, type="ref", subtype=kind)
    return True


class NameMissingPages(SphinxPostTransform):
    """A Markdown link in a note to a ``.md`` file that is no page (MyST made it a ``myst``
    reference, not a ``doc`` one): reported in the checker's words, its text kept unlinked, so
    MyST (priority 9) does not report it again. Beside the drop of links by label (7)."""

    default_priority = 7

    def run(self, **kwargs: Any) -> None:
        if not is_annotation_docname(self.config, self.env.docname):
            return
        for node in list(self.document.findall(addnodes.pending_xref)):
            target = str(node.get("reftarget", ""))
            if node.get("reftype") != "myst" or not target.endswith(".md"):
                continue
            if node.get("refdomain") or "sd-btn" in node.get("classes", []):
                continue
            logger.warning(
                missing_page_message(target, _note_ids(self.env)),
                location=node,
                type="myst",
                subtype="xref_missing",
            )
            node.replace_self(nodes.inline("", "", *node.children, classes=node["classes"]))


def setup_reference_words(app: Sphinx) -> None:
    app.connect("warn-missing-reference", name_missing_reference)
    app.add_post_transform(NameMissingPages)
