"""Annotations: one file each under ``annotations/``, anchored to a quote of the article at
build time, shown beside the passage (HTML), as numbered notes (print), and exported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reading_edition.sphinxext.annotations import epub, html, latex
from reading_edition.sphinxext.annotations.domain import AnnotationDomain
from reading_edition.sphinxext.annotations.export import write_export
from reading_edition.sphinxext.annotations.index import AnnotationIndexDirective
from reading_edition.sphinxext.annotations.latex_notes import FillPlaceholdersLatex
from reading_edition.sphinxext.annotations.marking import (
    MarkPassages,
    MarkPassagesEpub,
    MarkPassagesWeb,
)
from reading_edition.sphinxext.annotations.moved_links import RefuseMovedLinks
from reading_edition.sphinxext.annotations.nodes import (
    anno_marker,
    anno_note,
    anno_placeholder,
    anno_span,
)
from reading_edition.sphinxext.annotations.note_cache import keep_notes, new_build, save_cache
from reading_edition.sphinxext.annotations.placeholders import (
    FillPlaceholders,
    FillPlaceholdersWeb,
)
from reading_edition.sphinxext.annotations.reader import (
    AnnotationPage,
    collect_article,
    collect_gist,
    exclude_misplaced,
    on_source_read,
    read_annotations_first,
    refuse_other_files,
)
from reading_edition.sphinxext.annotations.resolve import anchor_all
from reading_edition.sphinxext.reading_text import visit_pass as _pass
from reading_edition.sphinxext.reading_text import visit_skip as _skip

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_annotations(app: Sphinx) -> None:
    app.add_config_value("edition_annotations_dir", "annotations", "env", types=[str])
    app.add_domain(AnnotationDomain)
    app.add_node(
        anno_span,
        html=(html.visit_span, html.depart_span),
        latex=(_pass, _pass),
        text=(_pass, _pass),
    )
    app.add_node(
        anno_marker,
        html=(html.visit_marker, None),
        latex=(latex.visit_marker, None),
        text=(_skip, None),
    )
    app.add_node(
        anno_note,
        html=(html.visit_note, html.depart_note),
        latex=(latex.visit_note, latex.depart_note),
        text=(_skip, None),
    )
    app.add_node(
        anno_placeholder,
        html=(_skip, None),
        latex=(_skip, None),
        text=(_skip, None),
    )
    app.add_directive("annotation-index", AnnotationIndexDirective)
    app.add_transform(AnnotationPage)
    for transform in (MarkPassages, MarkPassagesWeb, MarkPassagesEpub):
        app.add_post_transform(transform)
    app.add_post_transform(RefuseMovedLinks)
    for fill in (FillPlaceholders, FillPlaceholdersWeb, FillPlaceholdersLatex):
        app.add_post_transform(fill)
    app.add_post_transform(html.DatesForPeople)
    app.add_post_transform(html.AnnotationPageForReaders)
    app.add_post_transform(epub.SpacedNoteHeads)
    app.connect("config-inited", exclude_misplaced)
    app.connect("env-before-read-docs", read_annotations_first)
    app.connect("env-before-read-docs", refuse_other_files)
    app.connect("source-read", on_source_read)
    app.connect("doctree-read", collect_article)
    app.connect("doctree-read", collect_gist)
    app.connect("env-updated", anchor_all)
    app.connect("build-finished", write_export)
    # The web article's kept notes (note_cache.py): written or taken from the last build
    # after every other handler of the resolved page has run; the file is written at the end.
    app.connect("env-before-read-docs", new_build)
    app.connect("doctree-resolved", keep_notes, priority=900)
    app.connect("build-finished", save_cache)
