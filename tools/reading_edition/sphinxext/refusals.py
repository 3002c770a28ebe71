"""How the hardened build reports a refusal: a located Sphinx warning.

Every refusal is a warning of type ``edition.security`` with a location, so a strict build
(``-W``) fails and the message points at the file and line that has to change. What is refused
is decided in :mod:`reading_edition.model.policy`.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


def report(message: str, location: Any) -> None:
    """Log a located security refusal (fails a ``-W`` build).

    ``location`` is what Sphinx accepts (a node, ``(docname, line)`` or a string); a node
    without a line of its own (a sphinx-design card's image, say) borrows its parent's.
    """
    if isinstance(location, nodes.Node):
        location = _located_node(location)
    logger.warning(message, location=location, type="edition", subtype="security")


def _located_node(node: nodes.Node) -> nodes.Node:
    """Return ``node`` or its nearest ancestor that knows its line."""
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return current
        current = current.parent
    return node
