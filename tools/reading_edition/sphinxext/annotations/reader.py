"""Reading annotation files inside the build.

``source-read``: an ``annotations/<id>.md`` document is loaded with the same strict loader and
schema as the checker (from the bytes on disk); its front matter is blanked out (line numbers
of the body stay right) so MyST never parses contributor YAML. Problems become located warnings.

``AnnotationPage`` (a transform) then turns the body into the annotation's page: title, kind,
placeholders for the quoted passage and related annotations, the body, the sources.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import smartquotes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from reading_edition.model.annotation import (
    NOT_MARKDOWN_MESSAGE,
    Annotation,
    AnnotationError,
    MovedAnnotation,
    annotation_files,
    distinct_sources,
    from_front_matter,
    misplaced_files,
)
from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.front_matter import read
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.nodes import anno_placeholder
from reading_edition.sphinxext.annotations.records import ArticleText, MovedRecord, NoteRecord
from reading_edition.sphinxext.note_gists import gist_of
from reading_edition.sphinxext.reading_text import words_of
from reading_edition.text.quotation import quoted

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
TEMP_KEY = "edition_annotation"


def is_annotation_doc(app: Sphinx, docname: str) -> bool:
    return is_annotation_docname(app.config, docname)


def is_annotation_docname(config: Config, docname: str) -> bool:
    """True if ``docname`` is an annotation's page (a file in the annotations folder)."""
    folder = config.edition_annotations_dir.strip("/")
    return docname.startswith(folder + "/") and docname.count("/") == folder.count("/") + 1


def read_annotations_first(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Read annotation pages before the other pages (``env-before-read-docs``, in place).

    Sphinx's toctree collector, clearing a document before reading it, scans every toctree
    entry recorded so far. The annotations index's toctree lists every annotation, and Sphinx
    reads in sorted order, so "annotations-index" came first and each of N annotations read after
    it cost O(N): a quadratic clean build (35 of 380 profiled seconds at 5,000 annotations).
    """
    docnames.sort(key=lambda docname: not is_annotation_doc(app, docname))


def refuse_other_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Every file in the annotations folder must be an annotation: Sphinx would ignore a
    ``.txt`` or ``.markdown`` file silently; the checker and the build both refuse it."""
    folder = Path(app.srcdir) / app.config.edition_annotations_dir
    if not folder.is_dir():
        return
    for path in annotation_files(folder):
        if path.suffix != ".md":
            logger.warning(
                NOT_MARKDOWN_MESSAGE, location=f"{path}:0", type="edition", subtype="annotation"
            )
    # A hidden file and one in a subfolder are not read (exclude_misplaced): refused instead.
    for path, message in misplaced_files(folder):
        logger.warning(message, location=f"{path}:0", type="edition", subtype="annotation")


def exclude_misplaced(app: Sphinx, config: Config) -> None:
    """``config-inited``: Sphinx reads no Markdown file in a folder inside the annotations
    folder, nor a hidden one (each would be a page no toctree lists, with no annotation's
    checks); :func:`refuse_other_files` names each, in the checker's words."""
    folder = config.edition_annotations_dir.strip("/")
    config.exclude_patterns = [*config.exclude_patterns, f"{folder}/*/**", f"{folder}/.*"]


def warn(error: LocatedError, docname: str, subtype: str) -> None:
    logger.warning(
        error.message, location=(docname, error.line or None), type="edition", subtype=subtype
    )


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not is_annotation_doc(app, docname):
        return
    env = app.env
    path = Path(env.doc2path(docname))
    try:
        fm = read(path.read_bytes(), str(path))
        annotation = from_front_matter(fm, str(path), path.stem)
    except (LocatedError, AnnotationError) as err:
        for error in err.errors if isinstance(err, AnnotationError) else [err]:
            warn(error, docname, "annotation")
        # Read again on every build until fixed: incremental.py re-reads every page that had
        # a warning.
        source[0] = (
            f"# Invalid annotation {path.stem}\n\nThis file has errors; see the build log.\n"
        )
        return
    # Source-level problems of the body are reported by the security module's source-read
    # hook, which lints every page.
    source[0] = "\n" * fm.block_lines + fm.body
    env.current_document[TEMP_KEY] = annotation


def current_annotation(env: BuildEnvironment) -> Annotation | MovedAnnotation | None:
    found: Annotation | MovedAnnotation | None = env.current_document.get(TEMP_KEY)
    return found


def educated(text: str, language: str | None = "en") -> str:
    """``text`` with typographic quotes, dashes and ellipses, as Sphinx's smart quotes would
    set it in running text: note titles are placed in pages after that step has run."""
    return "".join(smartquotes.educate_tokens([("text", text)], "qDe", language or "en"))


def record_of(
    annotation: Annotation, docname: str, body: nodes.Element, language: str | None = "en"
) -> NoteRecord:
    """What other pages need to know of an annotation (pickled with the environment)."""
    return NoteRecord(
        id=annotation.id,
        docname=docname,
        title=educated(annotation.title, language),
        kind=annotation.kind,
        kind_label=annotation.kind_label,
        exact=annotation.target.exact,
        prefix=annotation.target.prefix,
        suffix=annotation.target.suffix,
        line=annotation.line_of("target", "exact"),
        authors=tuple(annotation.authors),
        created=annotation.created,
        updated=annotation.updated,
        sources=tuple(annotation.sources),
        related=tuple(annotation.related),
        related_lines=tuple(
            annotation.line_of("related", i) for i in range(len(annotation.related))
        ),
        terms=tuple(annotation.terms),
        term_lines=tuple(annotation.line_of("terms", i) for i in range(len(annotation.terms))),
        text=" ".join(body.astext().split()),
        digest=hashlib.sha256(annotation.body.encode()).hexdigest()[:16],
    )


def _sources_list(annotation: Annotation) -> nodes.Element:
    items = nodes.bullet_list(classes=["anno-sources"])
    for source, quotes in distinct_sources(annotation.sources):
        para = nodes.paragraph()
        if source.url:
            para += nodes.reference("", source.title, refuri=source.url)
        else:  # its own page was not found: cited by name, read via a copy
            para += nodes.Text(source.title)
        para += nodes.Text(f", {source.publisher}, {source.date}".rstrip(".") + ".")
        if source.via:
            para += nodes.Text(" Read via ")
            para += nodes.reference("", source.via.title, refuri=source.via.url)
            para += nodes.Text(f", {source.via.publisher}.")
        if source.archived_url:
            para += nodes.Text(" ")
            para += nodes.reference("", "Archived copy", refuri=source.archived_url)
            para += nodes.Text(".")
        item = nodes.list_item("", para)
        for quote in quotes:
            item += nodes.block_quote("", nodes.paragraph(text=quoted(quote)))
        items += item
    return items


class AnnotationPage(SphinxTransform):
    """Wrap an annotation's body into its page and record it in the domain."""

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        annotation = current_annotation(self.env)
        if annotation is None:
            return
        if isinstance(annotation, MovedAnnotation):
            self.moved_page(annotation)
            return
        doc = self.document
        body = nodes.container(classes=["anno-body"])
        body += doc.children
        doc.children = []
        section = nodes.section(
            ids=[annotation.id], names=[annotation.id], classes=["annotation-page"]
        )
        section.document = doc
        section += nodes.title(annotation.title, annotation.title)
        meta = nodes.paragraph(classes=["anno-meta"])
        meta += nodes.inline(
            annotation.kind_label,
            annotation.kind_label,
            classes=["anno-kind", f"anno-kind-{annotation.kind}"],
        )
        byline = f" · {', '.join(annotation.authors)} · {annotation.created}"
        if annotation.updated:
            byline += f", updated {annotation.updated}"
        meta += nodes.Text(byline)
        section += meta
        section += anno_placeholder(what="passage", anno=annotation.id)
        section += body
        if annotation.sources:
            section += nodes.rubric("Sources", "Sources")
            section += _sources_list(annotation)
        if annotation.related:
            section += anno_placeholder(what="related", anno=annotation.id)
        doc += section
        domain = annotation_domain(self.env)
        domain.annotations[annotation.id] = record_of(
            annotation, self.env.docname, body, self.config.language
        )

    def moved_page(self, moved: MovedAnnotation) -> None:
        """A page at the old address: its title, the body's sentence and a link to the note.

        A plain page, no redirect script or meta refresh: readers following an old citation see
        where the note went and why. The link is filled once every annotation is known.
        """
        doc = self.document
        body = nodes.container(classes=["anno-body"])
        body += doc.children
        doc.children = []
        section = nodes.section(ids=[moved.id], names=[moved.id], classes=["annotation-moved"])
        section.document = doc
        section += nodes.title(moved.title, moved.title)
        section += anno_placeholder(what="moved", anno=moved.id)
        section += body
        doc += section
        annotation_domain(self.env).moved[moved.id] = MovedRecord(
            id=moved.id,
            docname=self.env.docname,
            title=moved.title,
            moved_to=moved.moved_to,
            line=moved.line_of("moved_to"),
            created=moved.created,
            updated=moved.updated,
        )


def is_annotation_body(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "anno-body" in node["classes"]


def collect_gist(app: Sphinx, doctree: nodes.document) -> None:
    """Keep an annotation's gist for the article's notes (footnotes are resolved by now)."""
    annotation = current_annotation(app.env)
    if not isinstance(annotation, Annotation):  # not a note's page: no need to walk its tree
        return
    body = next(iter(doctree.findall(is_annotation_body)), None)
    if body is None:
        return
    gist = gist_of(body)
    if gist is not None:
        annotation_domain(app.env).gists[annotation.id] = gist


def collect_article(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the reading text of an article, for anchoring after all documents are read."""
    from reading_edition.sphinxext.reading_text import first_reading_text, reading_paragraphs

    container = first_reading_text(doctree)
    if container is None:
        return
    notes = tuple(
        " ".join(p.astext() for p in footnote.findall(nodes.paragraph))
        for footnote in doctree.findall(nodes.footnote)
    )
    annotation_domain(app.env).articles[app.env.docname] = ArticleText(
        paragraphs=tuple(words_of(p) for p in reading_paragraphs(container)), notes=notes
    )
