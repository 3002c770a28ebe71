"""Annotation state shared across documents, kept in a Domain so that incremental and
parallel builds stay correct (``clear_doc`` on re-read, ``merge_domaindata`` from workers)."""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, ClassVar

from sphinx.domains import Domain


class AnnotationDomain(Domain):
    name = "anno"
    label = "Annotations"
    data_version = 2
    initial_data: ClassVar[dict[str, Any]] = {
        "annotations": {},  # id → record (see reader.record_of)
        "gists": {},  # id → the note's gist for HTML pages, pickled (see note_gists)
        "articles": {},  # docname → {"paragraphs": [...]}
        "invalid": {},  # docname → True: re-read every build until fixed
        "anchors": {},  # id → anchor data, computed after reading (resolve.py)
        "signatures": {},  # docname → digest of what annotations put on that page
        "index_pages": {},  # docname → True: pages with an annotation-index directive
    }

    @property
    def annotations(self) -> dict[str, dict[str, Any]]:
        return self.data["annotations"]

    @property
    def articles(self) -> dict[str, dict[str, Any]]:
        return self.data["articles"]

    @property
    def anchors(self) -> dict[str, dict[str, Any]]:
        return self.data["anchors"]

    def clear_doc(self, docname: str) -> None:
        # A record's key is its file name, the last part of its docname: a lookup, not a scan
        # of every record per cleared document (quadratic on a clean build).
        key = docname.rsplit("/", 1)[-1]
        record = self.annotations.get(key)
        if record is not None and record["docname"] == docname:
            del self.annotations[key]
            self.data["gists"].pop(key, None)
        self.articles.pop(docname, None)
        self.data["invalid"].pop(docname, None)
        self.data["index_pages"].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key, record in otherdata["annotations"].items():
            if record["docname"] in docnames:
                self.annotations[key] = record
                if key in otherdata["gists"]:
                    self.data["gists"][key] = otherdata["gists"][key]
        for docname in docnames:
            if docname in otherdata["articles"]:
                self.articles[docname] = otherdata["articles"][docname]
            for key in ("invalid", "index_pages"):
                if docname in otherdata[key]:
                    self.data[key][docname] = True

    def by_docname(self) -> dict[str, dict[str, Any]]:
        return {r["docname"]: r for r in self.annotations.values()}

    def in_reading_order(self) -> list[dict[str, Any]]:
        """Anchored annotations, numbered, in the order their passages appear."""
        anchored = [self.annotations[i] for i in self.anchors if i in self.annotations]
        return sorted(anchored, key=lambda r: self.anchors[r["id"]]["number"])

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return iter(())
