"""A link in an annotation body to a moved note is refused, with the id it moved to: readers
would reach a page that only says where the note went. The checker finds the same links on the
body's tokens (``text/body_rules.py``) with the same message."""

from __future__ import annotations

from typing import Any

from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join

from reading_edition.model.annotation import moved_link_message
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.refusals import report


class RefuseMovedLinks(SphinxPostTransform):
    """Before references are resolved (priority 10), while they still name documents."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        folder = self.config.edition_annotations_dir.strip("/")
        if docname.rpartition("/")[0] != folder:
            return
        moved = {m.docname: m for m in annotation_domain(self.env).moved.values()}
        if not moved:
            return
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("refdomain") == "doc":  # a Markdown link to a page (MyST)
                target = str(node.get("reftarget", ""))
            elif node.get("reftype") == "doc":  # the {doc} role
                target = docname_join(str(node.get("refdoc", docname)), node["reftarget"])
            else:
                continue
            if target in moved:
                record = moved[target]
                report(moved_link_message(record.id, record.moved_to), node, self.env)
