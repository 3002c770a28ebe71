"""The annotation checker: the same checks in the build, in ``make check`` and in CI.

``check_annotations`` loads every annotation (schema, strict YAML, source lint), anchors its
quote in the article's reading text and checks the links between annotations and to the
glossary. Every problem is a :class:`LocatedError` (file, line, what is wrong, how to fix it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reading_edition.model.annotation import (
    NOT_MARKDOWN_MESSAGE,
    Annotation,
    AnnotationError,
    MovedAnnotation,
    annotation_files,
    load_annotation,
    misplaced_files,
)
from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.link_rules import LinkEntry, link_findings
from reading_edition.model.policy import allowed_roots, download_outside_message, outside_roots
from reading_edition.text.anchoring import ReadingIndex, Result, anchor_message
from reading_edition.text.body_rules import References, body_findings
from reading_edition.text.history import matched_before
from reading_edition.text.source_lint import lint_source


@dataclass
class CheckReport:
    annotations: list[Annotation] = field(default_factory=list)
    moved: list[MovedAnnotation] = field(default_factory=list)
    anchors: dict[str, Result] = field(default_factory=dict)
    errors: list[LocatedError] = field(default_factory=list)


def anchor_errors(
    annotation: Annotation, result: Result, path: Path | None = None, article: Path | None = None
) -> list[LocatedError]:
    before = (
        result.status == "drifted"
        and path is not None
        and article is not None
        and matched_before(path, annotation.target.exact, article)
    )
    message = anchor_message(result, annotation.target.exact, before)
    if message is None:
        return []
    return [LocatedError(annotation.path, annotation.line_of("target", "exact"), message)]


def link_errors(
    annotations: Iterable[Annotation],
    known_terms: set[str] | None,
    moved: Iterable[MovedAnnotation] = (),
    invalid: Iterable[str] = (),
) -> list[LocatedError]:
    """Broken ``related`` and ``moved_to`` ids and unknown glossary terms: the rules of
    ``model/link_rules.py``, which the build applies too. ``invalid``: ids of files that failed
    their own checks (reported there)."""
    entries = [
        LinkEntry(
            id=a.id,
            file=a.path,
            related=tuple((other, a.line_of("related", i)) for i, other in enumerate(a.related)),
            terms=tuple((term, a.line_of("terms", i)) for i, term in enumerate(a.terms)),
        )
        for a in annotations
    ]
    entries += [
        LinkEntry(id=m.id, file=m.path, moved_to=(m.moved_to, m.line_of("moved_to"))) for m in moved
    ]
    return [
        LocatedError(f.entry.file, f.line, f.message)
        for f in link_findings(entries, known_terms, invalid)
    ]


def body_errors(
    annotation: Annotation | MovedAnnotation, references: References | None = None
) -> list[LocatedError]:
    """What the build refuses in the body, and text MyST would silently drop."""
    padded = "\n" * (annotation.body_line - 1) + annotation.body
    return lint_source(padded, annotation.path) + body_findings(
        padded, annotation.path, references, parser_warnings=True
    )


def references_in(
    docs: Path | None, known_terms: set[str] | None, moved: Iterable[MovedAnnotation] = ()
) -> References:
    """What body references may point at: the glossary's terms and the pages under ``docs``
    (annotations included, through the ``docs/annotations`` link), and which notes moved."""
    folder = "annotations"

    def path_is_document(href: str) -> bool:
        # As Sphinx resolves a relative link: from the file's folder, symbolic links followed.
        assert docs is not None
        target = (docs / folder / href).resolve()
        return target.is_file() and target.is_relative_to(docs.resolve())

    def missing_image(address: str) -> str | None:
        # As Sphinx reads an image: from the file's folder (from the sources if it starts with
        # '/'), and names it, symbolic links followed, from the source folder.
        assert docs is not None
        path = address.split("?")[0].split("#")[0]
        base = docs if path.startswith("/") else docs / folder
        target = base / path.lstrip("/")
        if target.is_file():
            return None
        return f"image file not readable: {os.path.relpath(os.path.realpath(target), docs)}"

    def file_link_problem(path: str, href: str) -> str | None:
        # As MyST resolves a link to another file (Sphinx's relfn2path: from the file's folder,
        # or the sources if it starts with '/', symbolic links followed): a download if it is
        # a file, which the build refuses outside the sources; else a reference not found.
        assert docs is not None
        base = docs if path.startswith("/") else docs / folder
        target = (base / path.lstrip("/")).resolve()
        if not target.is_file():
            return f"'myst' cross-reference target not found: {href!r}"
        if outside_roots(target, allowed_roots(docs)):
            return download_outside_message(path)
        return None

    return References(
        file_link_problem=file_link_problem if docs else None,
        missing_image=missing_image if docs else None,
        terms=frozenset(t.casefold() for t in known_terms) if known_terms is not None else None,
        document_exists=(lambda name: (docs / f"{name}.md").is_file()) if docs else None,
        folder=folder,
        path_is_document=path_is_document if docs else None,
        moved={m.id: m.moved_to for m in moved},
        notes=tuple(p.stem for p in annotation_files(docs / folder) if p.suffix == ".md")
        if docs and (docs / folder).is_dir()
        else (),
        term_names=tuple(sorted(known_terms or ())),
    )


def check_annotations(
    files: Iterable[Path],
    index: ReadingIndex,
    known_terms: set[str] | None,
    root: Path | None = None,
    docs: Path | None = None,
    article: Path | None = None,
    folder: Path | None = None,
) -> CheckReport:
    """Check annotation files; ``docs`` (the source folder) enables checks of body links,
    ``article`` (its source) tells a drifted quote from one never found, and ``folder`` (the
    annotations folder) refuses Markdown files there that would not be read as annotations."""
    report = CheckReport()

    def shown_path(path: Path) -> str:
        return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)

    for path, message in misplaced_files(folder) if folder and folder.is_dir() else []:
        report.errors.append(LocatedError(shown_path(path), 0, message))
    loaded: list[Annotation | MovedAnnotation] = []
    invalid: set[str] = set()
    for path in sorted(files):
        shown = shown_path(path)
        if path.suffix != ".md":
            report.errors.append(LocatedError(shown, 0, NOT_MARKDOWN_MESSAGE))
            continue
        try:
            annotation = load_annotation(path, shown)
        except AnnotationError as err:
            report.errors += err.errors
            invalid.add(path.stem)
            continue
        loaded.append(annotation)
        if isinstance(annotation, MovedAnnotation):
            report.moved.append(annotation)
            continue
        report.annotations.append(annotation)
        result = index.find(
            annotation.target.exact, annotation.target.prefix, annotation.target.suffix
        )
        report.anchors[annotation.id] = result
        report.errors += anchor_errors(annotation, result, path, article)
    references = references_in(docs, known_terms, report.moved)
    for entry in loaded:
        report.errors += body_errors(entry, references)
    report.errors += link_errors(report.annotations, known_terms, report.moved, invalid)
    report.errors.sort(key=lambda e: (e.path, e.line))
    return report
