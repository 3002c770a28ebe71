"""The annotation checker: the same checks in the build, in ``make check`` and in CI.

``check_annotations`` loads every annotation (schema, strict YAML, source lint), anchors its
quote in the article's reading text and checks the links between annotations and to the
glossary. Every problem is a :class:`LocatedError` (file, line, what is wrong, how to fix it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tools.anchoring import MIN_SIMILARITY, ReadingIndex, Result
from tools.annotation_model import Annotation, AnnotationError, load_annotation
from tools.front_matter import LocatedError
from tools.source_lint import lint_source

_GLOSSARY_FENCE = re.compile(r"^(```+|:::+)\{glossary\}\s*$")


@dataclass
class CheckReport:
    annotations: list[Annotation] = field(default_factory=list)
    anchors: dict[str, Result] = field(default_factory=dict)
    errors: list[LocatedError] = field(default_factory=list)


def glossary_terms(path: Path) -> set[str]:
    """Terms defined by ``{glossary}`` blocks in a MyST page (term lines are not indented)."""
    if not path.exists():
        return set()
    terms: set[str] = set()
    fence: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _GLOSSARY_FENCE.match(line.strip())
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and line.strip() == fence:
            fence = None
        elif (
            fence is not None
            and line.strip()
            and not line[0].isspace()
            and not line.startswith(":")
        ):
            terms.add(line.strip())
    return terms


def anchor_message(result: Result, exact: str) -> str | None:
    """The contributor-facing message for a quote that did not anchor, or None."""
    status = result.status
    if status == "anchored":
        return None
    if status == "ambiguous":
        where = ", ".join(f"¶ {m.paragraph + 1}" for m in result.matches)
        hint = ""
        if result.suggestion:
            side, words = result.suggestion
            hint = f' Add target.{side}: "{words}" to pick one.'
        return (
            f"quote {exact!r} is found {len(result.matches)} times in the article "
            f"({where}).{hint or ' Add a prefix or suffix to say which one is meant.'}"
        )
    closest = result.closest
    if status == "drifted" and closest:
        return (
            f"quote {exact!r} no longer matches the article exactly (drifted). The closest "
            f"passage is ¶ {closest.paragraph + 1}: {closest.text!r} "
            f"(similarity {closest.similarity:.0%}). If that is the passage, copy its text "
            "into target.exact; the annotation is not attached until it matches."
        )
    shown = (
        f" The closest passage, ¶ {closest.paragraph + 1}: {closest.text!r}, is only "
        f"{closest.similarity:.0%} similar (a drift must be at least {MIN_SIMILARITY:.0%})."
        if closest
        else ""
    )
    return (
        f"quote {exact!r} is not in the article's reading text.{shown} Copy the words "
        "exactly as the article shows them (curly quotes and dashes included)."
    )


def anchor_errors(annotation: Annotation, result: Result) -> list[LocatedError]:
    message = anchor_message(result, annotation.target.exact)
    if message is None:
        return []
    return [LocatedError(annotation.path, annotation.line_of("target", "exact"), message)]


def link_errors(
    annotations: Iterable[Annotation], known_terms: set[str] | None
) -> list[LocatedError]:
    """Broken ``related`` ids, unknown glossary terms and ids that differ only in case."""
    annotations = list(annotations)
    ids = {a.id for a in annotations}
    errors = []
    seen: dict[str, str] = {}
    folded_terms = {t.casefold() for t in known_terms or ()}
    for a in annotations:
        folded = a.id.casefold()
        if folded in seen and seen[folded] != a.path:
            errors.append(
                LocatedError(
                    a.path,
                    1,
                    f"duplicate id {a.id!r}: {seen[folded]} has the "
                    "same id; rename one of the files.",
                )
            )
        seen.setdefault(folded, a.path)
        for i, other in enumerate(a.related):
            if other == a.id:
                errors.append(
                    LocatedError(
                        a.path,
                        a.line_of("related", i),
                        "related lists the annotation itself; remove it.",
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


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def related_message(other: str, ids: Iterable[str]) -> str:
    close = max(ids, key=lambda x: _similar(x, other), default=None)
    hint = f" Did you mean {close!r}?" if close and _similar(close, other) > 0.6 else ""
    return f"related id {other!r} is not an annotation (no file annotations/{other}.md).{hint}"


def term_message(term: str) -> str:
    return (
        f"term {term!r} is not in the glossary (docs/glossary.md); use a defined term "
        "or add it there."
    )


def lint_errors(annotation: Annotation) -> list[LocatedError]:
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
        report.annotations.append(annotation)
        report.errors += lint_errors(annotation)
        result = index.find(
            annotation.target.exact, annotation.target.prefix, annotation.target.suffix
        )
        report.anchors[annotation.id] = result
        report.errors += anchor_errors(annotation, result)
    report.errors += link_errors(report.annotations, known_terms)
    report.errors.sort(key=lambda e: (e.path, e.line))
    return report
