"""How the hardened build reports a refusal: a located Sphinx warning.

Every refusal is a warning of type ``edition.security`` with a location, so a strict build
(``-W``) fails and the message points at the file and line that has to change. What is refused
is decided in :mod:`reading_edition.model.policy`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


#: Key of the current document's set of (line, message) already reported.
REPORTED = "edition_reported"


def report(message: str, location: Any, env: BuildEnvironment | None = None) -> None:
    """Log a located security refusal (fails a ``-W`` build).

    ``location`` is what Sphinx accepts (a node, ``(docname, line)`` or a string); a node
    without a line of its own (a sphinx-design card's image, say) borrows its parent's.
    An annotation body is checked on its tokens when it is read (``text/body_rules.py``, the
    checker's rules) and again on its doctree: the same refusal at the same line is reported
    once.
    """
    line = None
    if isinstance(location, nodes.Node):
        location = _located_node(location)
        line = location.line
        document = location.document
        env = env or getattr(getattr(document, "settings", None), "env", None)
    elif isinstance(location, tuple):
        line = location[1]
    if env is not None and line is not None:
        seen: set[tuple[int, str]] = env.current_document.get(REPORTED) or set()
        if (line, message) in seen:
            return
        seen.add((line, message))
        env.current_document[REPORTED] = seen
    logger.warning(message, location=location, type="edition", subtype="security")


def _located_node(node: nodes.Node) -> nodes.Node:
    """Return ``node`` or its nearest ancestor that knows its line."""
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return current
        current = current.parent
    return node
