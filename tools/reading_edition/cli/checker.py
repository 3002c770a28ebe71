"""The annotation checker: the same checks in the build, in ``make check`` and in CI.

``check_annotations`` loads every annotation (schema, strict YAML, source lint), anchors its
quote in the article's reading text and checks the links between annotations and to the
glossary. Every problem is a :class:`LocatedError` (file, line, what is wrong, how to fix it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reading_edition.model.annotation import (
    Annotation,
    AnnotationError,
    MovedAnnotation,
    load_annotation,
    moved_message,
    related_message,
    term_message,
)
from reading_edition.model.diagnostics import LocatedError
from reading_edition.text.anchoring import ReadingIndex, Result, anchor_message
from reading_edition.text.source_lint import lint_source


@dataclass
class CheckReport:
    annotations: list[Annotation] = field(default_factory=list)
    moved: list[MovedAnnotation] = field(default_factory=list)
    anchors: dict[str, Result] = field(default_factory=dict)
    errors: list[LocatedError] = field(default_factory=list)


def anchor_errors(annotation: Annotation, result: Result) -> list[LocatedError]:
    message = anchor_message(result, annotation.target.exact)
    if message is None:
        return []
    return [LocatedError(annotation.path, annotation.line_of("target", "exact"), message)]


def link_errors(
    annotations: Iterable[Annotation],
    known_terms: set[str] | None,
    moved: Iterable[MovedAnnotation] = (),
) -> list[LocatedError]:
    """Broken ``related`` and ``moved_to`` ids, unknown glossary terms, ids that differ only in
    case."""
    annotations = list(annotations)
    moved = list(moved)
    ids = {a.id for a in annotations}
    moved_to = {m.id: m.moved_to for m in moved}
    errors = []
    seen: dict[str, str] = {}
    folded_terms = {t.casefold() for t in known_terms or ()}
    entries: list[Annotation | MovedAnnotation] = [*moved, *annotations]
    for entry in entries:
        folded = entry.id.casefold()
        if folded in seen and seen[folded] != entry.path:
            errors.append(
                LocatedError(
                    entry.path,
                    1,
                    f"duplicate id {entry.id!r}: {seen[folded]} has the "
                    "same id; rename one of the files.",
                )
            )
        seen.setdefault(folded, entry.path)
    for m in moved:
        if m.moved_to not in ids:
            errors.append(
                LocatedError(
                    m.path, m.line_of("moved_to"), related_message(m.moved_to, ids, "moved_to")
                )
            )
    for a in annotations:
        for i, other in enumerate(a.related):
            if other == a.id:
                errors.append(
                    LocatedError(
                        a.path,
                        a.line_of("related", i),
                        "related lists the annotation itself; remove it.",
                    )
                )
            elif other in moved_to:
                errors.append(
                    LocatedError(
                        a.path, a.line_of("related", i), moved_message(other, moved_to[other])
                    )
                )
            elif other not in ids:
                errors.append(
                    LocatedError(a.path, a.line_of("related", i), related_message(other, ids))
                )
        if known_terms is not None:
            for i, term in enumerate(a.terms):
                if term.casefold() not in folded_terms:
                    errors.append(LocatedError(a.path, a.line_of("terms", i), term_message(term)))
    return errors


def lint_errors(annotation: Annotation | MovedAnnotation) -> list[LocatedError]:
    """Source-level problems of the body that would silently drop text."""
    padded = "\n" * (annotation.body_line - 1) + annotation.body
    return lint_source(padded, annotation.path)


def annotation_files(folder: Path) -> list[Path]:
    """The files of an annotations folder that the checker looks at (its README aside)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name != "README.md"
    )


def check_annotations(
    files: Iterable[Path],
    index: ReadingIndex,
    known_terms: set[str] | None,
    root: Path | None = None,
) -> CheckReport:
    report = CheckReport()
    for path in sorted(files):
        shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        if path.suffix != ".md":
            report.errors.append(
                LocatedError(shown, 0, "only .md files are annotations; move or remove this file.")
            )
            continue
        try:
            annotation = load_annotation(path, shown)
        except AnnotationError as err:
            report.errors += err.errors
            continue
        if isinstance(annotation, MovedAnnotation):
            report.moved.append(annotation)
            report.errors += lint_errors(annotation)
            continue
        report.annotations.append(annotation)
        report.errors += lint_errors(annotation)
        result = index.find(
            annotation.target.exact, annotation.target.prefix, annotation.target.suffix
        )
        report.anchors[annotation.id] = result
        report.errors += anchor_errors(annotation, result)
    report.errors += link_errors(report.annotations, known_terms, report.moved)
    report.errors.sort(key=lambda e: (e.path, e.line))
    return report
