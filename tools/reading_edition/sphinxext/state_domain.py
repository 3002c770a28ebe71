"""The base of the extension's domains that keep build state, not objects to cross-reference.

A Domain is where Sphinx keeps per-document state correct across incremental and parallel
builds: ``clear_doc`` when a page is read again, ``merge_domaindata`` from each worker. The
entries keyed by document name (:attr:`StateDomain.per_document`) are cleared and merged here,
once; a domain adds its own rule only for data keyed otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set

    from docutils import nodes


class StateDomain(Domain):
    """A domain that holds state only: no objects, nothing an ``any`` reference can name."""

    #: The keys of ``data`` whose values map a document name to that document's entry.
    per_document: ClassVar[tuple[str, ...]] = ()

    def clear_doc(self, docname: str) -> None:
        for key in self.per_document:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.per_document:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.reference]]:
        return []
