"""Annotation state shared across documents, kept in a Domain so that incremental and
parallel builds stay correct (``clear_doc`` on re-read, ``merge_domaindata`` from workers).

The records are typed and frozen (:mod:`.records`); :func:`annotation_domain` is the one typed
way to reach the domain from an environment.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.records import (
    ArticleText,
    MovedRecord,
    NoteRecord,
    Placement,
)
from reading_edition.sphinxext.state_domain import Data, StateDomain

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from reading_edition.sphinxext.annotations.note_cache import NoteCache

#: The reference type of a link to a page of the edition (``page_link``).
PAGE = "page"


class AnnotationDomain(StateDomain):
    name = "anno"
    label = "Annotations"
    data_version = 4
    initial_data: ClassVar[dict[str, Any]] = {
        "annotations": {},  # id → NoteRecord
        "moved": {},  # id → MovedRecord: files kept at their address, pointing elsewhere
        "gists": {},  # id → the note's gist for HTML pages, pickled (see note_gists)
        "articles": {},  # docname → ArticleText
        "placements": {},  # id → Placement, computed after reading (resolve.py)
        "signatures": {},  # docname → digest of what annotations put on that page
        "index_pages": {},  # docname → True: pages with an annotation-index directive
    }
    # The records and gists are keyed by id (cleared and merged below); the placements and
    # signatures are computed after reading and replaced whole (resolve.py).
    per_document = ("articles", "index_pages")

    annotations: Data[dict[str, NoteRecord]] = Data()
    moved: Data[dict[str, MovedRecord]] = Data()
    gists: Data[dict[str, bytes]] = Data()
    articles: Data[dict[str, ArticleText]] = Data()
    placements: Data[dict[str, Placement]] = Data()
    index_pages: Data[dict[str, bool]] = Data()
    signatures: Data[dict[str, str]] = Data()
    #: The web article's notes kept from the last build (``note_cache.py``): this build's
    #: writing state, not the environment's (the environment is saved before pages are written).
    note_cache: NoteCache | None = None

    def record_of(self, docname: str) -> NoteRecord | None:
        """The annotation whose page ``docname`` is, if any."""
        # A record's key is its file name, the last part of its docname: a lookup, not a scan
        # of every record per document (quadratic on a clean build).
        record = self.annotations.get(docname.rsplit("/", 1)[-1])
        return record if record is not None and record.docname == docname else None

    def clear_doc(self, docname: str) -> None:
        key = docname.rsplit("/", 1)[-1]
        if self.record_of(docname) is not None:
            del self.annotations[key]
            self.gists.pop(key, None)
        moved = self.moved.get(key)
        if moved is not None and moved.docname == docname:
            del self.moved[key]
        super().clear_doc(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key, record in otherdata["annotations"].items():
            if record.docname in docnames:
                self.annotations[key] = record
                if key in otherdata["gists"]:
                    self.gists[key] = otherdata["gists"][key]
        for key, moved in otherdata["moved"].items():
            if moved.docname in docnames:
                self.moved[key] = moved
        super().merge_domaindata(docnames, otherdata)

    def article_docname(self) -> str | None:
        """The page holding the reading text (the first, if a project has several)."""
        return min(self.articles) if self.articles else None

    def in_reading_order(self) -> list[NoteRecord]:
        """Anchored annotations, numbered, in the order their passages appear."""
        anchored = [self.annotations[i] for i in self.placements if i in self.annotations]
        return sorted(anchored, key=lambda r: self.placements[r.id].number)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        """A ``page_link``: the page's address from the page that links to it, as the builder
        writes it (a relative path in HTML and EPUB, a label in LaTeX)."""
        if typ != PAGE or target not in env.all_docs:
            return None
        uri = builder.get_relative_uri(fromdocname, target)
        if node.get("reffragment"):
            uri = f"{uri}#{node['reffragment']}"
        reference = nodes.reference("", "", internal=True, refuri=uri)
        if node["classes"]:
            reference["classes"] = list(node["classes"])
        reference += contnode
        return reference


def annotation_domain(env: BuildEnvironment) -> AnnotationDomain:
    """The annotation domain of ``env``, typed."""
    return cast("AnnotationDomain", env.domains[AnnotationDomain.name])


def page_link(
    env: BuildEnvironment,
    text: str,
    docname: str,
    fragment: str = "",
    classes: list[str] | None = None,
) -> addnodes.pending_xref:
    """A link to a page of the edition, made in a post-transform before Sphinx resolves the
    references (priority 10): Sphinx then gives the builder to ``resolve_xref``, so the
    transform needs no builder of its own."""
    return addnodes.pending_xref(
        "",
        nodes.Text(text),
        refdomain=AnnotationDomain.name,
        reftype=PAGE,
        reftarget=docname,
        reffragment=fragment,
        refdoc=env.docname,
        classes=classes or [],
    )


class AnnotationPostTransform(SphinxPostTransform):
    """A post-transform that reads the annotation domain."""

    @property
    def domain(self) -> AnnotationDomain:
        return annotation_domain(self.env)
