"""After all documents are read: anchor every annotation in the article, number them in reading
order, and tell Sphinx which pages must be rewritten because what annotations show changed.

Anchoring uses the same index and messages as the checker (:mod:`reading_edition.text.anchoring`
and the model's link messages); a quote that does not match exactly is never attached.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from reading_edition.model.annotation import (
    SELF_RELATED_MESSAGE,
    moved_message,
    related_message,
    term_message,
)
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.records import Anchor
from reading_edition.text.anchoring import ReadingIndex, anchor_message
from reading_edition.text.history import matched_before

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from reading_edition.sphinxext.annotations.domain import AnnotationDomain

logger = logging.getLogger(__name__)


def _plain(value: Any) -> Any:
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else str(value)


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=_plain).encode()).hexdigest()


def anchor_all(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = annotation_domain(env)
    article = domain.article_docname()
    anchors: dict[str, Anchor] = {}
    if article is not None:
        text = domain.articles[article]
        index = ReadingIndex(list(text.paragraphs), list(text.notes))
        found = []
        for key in sorted(domain.annotations):
            record = domain.annotations[key]
            result = index.find(record.exact, record.prefix, record.suffix)
            if result.anchor is None:
                before = result.status == "drifted" and matched_before(
                    Path(env.doc2path(record.docname)), record.exact, Path(env.doc2path(article))
                )
                logger.warning(
                    anchor_message(result, record.exact, before),
                    location=(record.docname, record.line),
                    type="edition",
                    subtype="anchor",
                )
                continue
            found.append((result.anchor, key))
        found.sort(key=lambda item: (item[0].start, -item[0].end, item[1]))
        for number, (anchor, key) in enumerate(found, start=1):
            paragraph = index.paragraphs[anchor.paragraph]
            anchors[key] = Anchor(
                number=number,
                paragraph=anchor.paragraph,
                start=anchor.para_start,
                end=anchor.para_end,
                offset=anchor.start,
                before=paragraph[max(0, anchor.para_start - 80) : anchor.para_start],
                after=paragraph[anchor.para_end : anchor.para_end + 80],
            )
    elif domain.annotations:
        first = min(domain.annotations.values(), key=lambda r: r.docname)
        logger.warning(
            "there are annotations but no page with a reading-text directive to anchor them in",
            location=(first.docname, 1),
            type="edition",
            subtype="anchor",
        )
    domain.anchors = anchors
    _check_links(env, domain)
    _check_moved(env, domain)
    return _changed_pages(app, env, domain, article)


def _check_links(env: BuildEnvironment, domain: AnnotationDomain) -> None:
    """Related ids must be annotations (not moved ones); a moved annotation must point at one;
    terms must be in the glossary (the std domain's)."""
    std_terms = {name.casefold() for kind, name in env.domains["std"].objects if kind == "term"}
    moved_to = {key: moved.moved_to for key, moved in domain.moved.items()}
    invalid = _invalid_ids(env, domain)
    for key in sorted(domain.annotations):
        record = domain.annotations[key]
        for other, line in zip(record.related, record.related_lines, strict=True):
            message = None
            if other == record.id:
                message = SELF_RELATED_MESSAGE
            elif other in moved_to:
                # A moved_to that names no note is reported once, at its own file.
                if moved_to[other] in domain.annotations:
                    message = moved_message(other, moved_to[other])
            elif other not in domain.annotations:
                message = related_message(other, domain.annotations, invalid=invalid)
            if message:
                logger.warning(
                    message, location=(record.docname, line), type="edition", subtype="link"
                )
        for term, line in zip(record.terms, record.term_lines, strict=True):
            if term.casefold() not in std_terms:
                logger.warning(
                    term_message(term),
                    location=(record.docname, line),
                    type="edition",
                    subtype="link",
                )


def _invalid_ids(env: BuildEnvironment, domain: AnnotationDomain) -> set[str]:
    """Ids of annotation files that exist but failed their checks (reported on their pages)."""
    return {docname.rpartition("/")[2] for docname in domain.invalid}


def _check_moved(env: BuildEnvironment, domain: AnnotationDomain) -> None:
    invalid = _invalid_ids(env, domain)
    for key in sorted(domain.moved):
        moved = domain.moved[key]
        if moved.moved_to not in domain.annotations:
            logger.warning(
                related_message(moved.moved_to, domain.annotations, "moved_to", invalid),
                location=(moved.docname, moved.line),
                type="edition",
                subtype="link",
            )


def _changed_pages(
    app: Sphinx, env: BuildEnvironment, domain: AnnotationDomain, article: str | None
) -> list[str]:
    """Pages whose annotation content changed since the last build (to be rewritten)."""
    records = domain.annotations
    anchors = domain.anchors
    titles = {
        k: (r.title, r.kind, anchors[k].number if k in anchors else None)
        for k, r in records.items()
    }
    listing = _digest(sorted((k, *map(str, v)) for k, v in titles.items()))
    everything = _digest([[r, anchors.get(k)] for k, r in sorted(records.items())])
    wanted: dict[str, str] = {}
    if article:
        wanted[article] = everything
    for docname in env.found_docs:
        if docname in domain.index_pages:
            wanted[docname] = listing
    # An annotation's page shows its own anchor and its related notes' titles (not their
    # numbers); a moved page shows its new home's title.
    for key, record in records.items():
        related = [records[o].title if o in records else None for o in record.related]
        wanted[record.docname] = _digest([anchors.get(key), related])
    for moved in domain.moved.values():
        home = records.get(moved.moved_to)
        wanted[moved.docname] = _digest(home.title if home else None)
    old = domain.signatures
    changed = [d for d, sig in wanted.items() if old.get(d) != sig and d in env.found_docs]
    domain.signatures = wanted
    return sorted(changed)


def reread_invalid(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read annotation files that had errors, so their errors are reported on every build."""
    return sorted(set(annotation_domain(env).invalid) & env.found_docs)
