"""Transforms that refuse unsafe nodes, whatever syntax produced them.

Markdown, MyST directives, reST roles and sphinx-design options all end up as the same docutils
nodes, so the checks live here, on the doctree, rather than on each syntax:

- ``raw`` nodes (raw HTML in Markdown, a ``raw`` role, any format) are reported and removed;
- ``math`` is refused: Sphinx would load MathJax from a CDN and pass the TeX to LaTeX verbatim;
- every link target (references, hyperlink targets, toctree entries, downloads) must use http,
  https, mailto or no scheme; a refused link keeps its text and loses its target;
- images must be local files inside the sources; downloads too.

A ``doctree-resolved`` pass repeats the link check on what later transforms created.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from reading_edition.model.policy import (
    allowed_roots,
    download_outside_message,
    is_remote,
    math_message,
    outside_image_message,
    outside_roots,
    raw_message,
    refused_link,
    remote_image_message,
)
from reading_edition.sphinxext.refusals import report

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _unwrap(node: nodes.Element) -> None:
    """Replace ``node`` by its children: the link text stays, the target goes."""
    node.replace_self(node.children[:] or [nodes.Text("")])


class RefuseRawContent(SphinxTransform):
    """Report and remove every ``raw`` node (raw HTML in Markdown, the raw role, any format)."""

    # Early, before anything copies or moves nodes around; sphinx-design's own icons are added
    # by an HTML post-transform later and are not affected.
    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.raw)):
            report(raw_message(node.get("format", ""), node.astext()), node)
            node.parent.remove(node)


class RefuseMath(SphinxTransform):
    """Refuse math: it loads a remote script in HTML and is copied verbatim into LaTeX."""

    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.math)) + list(
            self.document.findall(nodes.math_block)
        ):
            report(math_message(node.astext()), node)
            node.parent.remove(node)


class CheckLinksAndFiles(SphinxTransform):
    """Check link schemes, toctree entries, images and downloads."""

    # After docutils copies the targets of reST hyperlink targets onto references (640).
    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        check_links(self.document)
        for toctree in self.document.findall(addnodes.toctree):
            self._check_toctree(toctree)
        images = list(self.document.findall(nodes.image))
        downloads = list(self.document.findall(addnodes.download_reference))
        if not images and not downloads:
            return  # most pages: no need to list the source folder and resolve its links
        roots = allowed_roots(Path(self.env.srcdir))
        for image in images:
            self._check_image(image, roots)
        for download in downloads:
            self._check_download(download, roots)

    def _check_toctree(self, toctree: addnodes.toctree) -> None:
        kept = []
        for title, ref in toctree["entries"]:
            problem = refused_link(ref)
            if problem:
                report(f"toctree entry: {problem}", toctree)
            else:
                kept.append((title, ref))
        toctree["entries"] = kept

    def _check_image(self, image: nodes.image, roots: list[Path]) -> None:
        uri = image.get("uri", "")
        if is_remote(uri):
            report(remote_image_message(uri), image)
            image.parent.remove(image)
        elif self._escapes(uri, roots):
            report(outside_image_message(uri), image)
            image.parent.remove(image)

    def _check_download(self, download: addnodes.download_reference, roots: list[Path]) -> None:
        target = download.get("reftarget", "")
        problem = refused_link(target)
        if problem:
            report(problem, download)
            _unwrap(download)
        elif not is_remote(target) and self._escapes(target, roots):
            report(download_outside_message(target), download)
            _unwrap(download)

    def _escapes(self, uri: str, roots: list[Path]) -> bool:
        """True if the file ``uri`` names (every glob match of it) lies outside ``roots``."""
        _relative, absolute = self.env.relfn2path(uri, self.env.docname)
        path = Path(absolute)
        candidates = list(path.parent.glob(path.name)) if "*" in path.name else [path]
        return any(outside_roots(candidate, roots) for candidate in candidates) or (
            "*" in path.name and outside_roots(path.parent, roots)
        )


def check_links(doctree: nodes.Node) -> None:
    """Report and unlink every reference or target whose ``refuri`` has a refused scheme."""
    for node in list(doctree.findall(nodes.Element)):
        refuri = node.get("refuri")
        if not isinstance(refuri, str):
            continue
        problem = refused_link(refuri)
        if problem is None:
            continue
        report(problem, node)
        if isinstance(node, nodes.reference):
            _unwrap(node)
        else:
            del node["refuri"]


def check_resolved_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Repeat the link check on references created after reading (post-transforms)."""
    check_links(doctree)
