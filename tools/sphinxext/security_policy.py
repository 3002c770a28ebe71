"""What the hardened build accepts: URL schemes, file locations, and how a refusal is reported.

Every refusal is a Sphinx warning of type ``edition.security`` with a location, so a strict build
(``-W``) fails and the message points at the file and line that has to change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Iterable

logger = logging.getLogger(__name__)

#: Schemes a link may use; a link without a scheme (relative, or a fragment) is always fine.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers drop ASCII tabs and newlines anywhere in a URL and C0 controls or spaces around it,
# so `java\tscript:` runs as `javascript:`. Removing every control character and space before
# reading the scheme is stricter than any browser.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


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


def url_scheme(url: str) -> str | None:
    """Return the lower-cased scheme a browser would see in ``url``, or None if relative."""
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match.group(1).lower() if match else None


def refused_link(url: str) -> str | None:
    """Explain why ``url`` may not be a link target, or return None if it may."""
    scheme = url_scheme(url)
    if scheme is None or scheme in ALLOWED_SCHEMES:
        return None
    return (
        f"the link target {url!r} uses the '{scheme}:' scheme, which is not allowed: "
        "use an http, https, mailto or relative link"
    )


def is_remote(uri: str) -> bool:
    """True if ``uri`` names something outside the sources (a scheme or ``//host``)."""
    cleaned = _INVISIBLE.sub("", uri)
    return url_scheme(uri) is not None or cleaned.startswith(("//", "\\\\", "/\\", "\\/"))


def allowed_roots(srcdir: Path) -> list[Path]:
    """Folders whose files may be published: the source folder and the folders it links in.

    ``docs/annotations`` is a symbolic link to ``annotations/``; a link placed inside one of
    these folders by a contribution (say ``annotations/x.png -> /etc/passwd``) resolves outside
    all of them and is refused.
    """
    roots = [srcdir.resolve()]
    for entry in sorted(srcdir.iterdir()):
        if entry.is_symlink() and entry.is_dir():
            roots.append(entry.resolve())
    return roots


def outside_roots(path: Path, roots: Iterable[Path]) -> bool:
    """True if ``path``, with every symbolic link followed, is in none of ``roots``."""
    real = Path(os.path.realpath(path))
    return not any(real == root or real.is_relative_to(root) for root in roots)
