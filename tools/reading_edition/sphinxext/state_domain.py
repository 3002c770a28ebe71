"""The base of the extension's domains that keep build state, not objects to cross-reference.

A Domain is where Sphinx keeps per-document state correct across incremental and parallel
builds: ``clear_doc`` when a page is read again, ``merge_domaindata`` from each worker. The
entries keyed by document name (:attr:`StateDomain.per_document`) are cleared and merged here,
once; a domain adds its own rule only for data keyed otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set

    from docutils import nodes

T = TypeVar("T")


class Data(Generic[T]):
    """A typed attribute of a domain for the entry of its ``data`` of the same name: declared
    once as ``links: Data[dict[str, list[str]]] = Data()`` instead of a property per key."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    def __get__(self, domain: Domain, owner: type | None = None) -> T:
        return cast("T", domain.data[self.key])

    def __set__(self, domain: Domain, value: T) -> None:
        domain.data[self.key] = value


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
