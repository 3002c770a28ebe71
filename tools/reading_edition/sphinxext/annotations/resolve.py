"""After all documents are read: anchor every annotation in the article, number them in reading
order, and tell Sphinx which pages must be rewritten because what they show of other pages
changed: what annotations put on them, the titles of other pages they name (their previous and
next pages, their toctree parents, their links without words of their own) and the definitions
their term links show. An incremental build then writes what a clean build of the same files
writes, and no page more.

Anchoring uses the same index and messages as the checker (:mod:`reading_edition.text.anchoring`
and the model's link messages); a quote that does not match exactly is never attached.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from reading_edition.model.link_rules import LinkEntry, link_findings
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.notes import brief_leaves_out
from reading_edition.sphinxext.annotations.records import NoteRecord, Placement
from reading_edition.sphinxext.builders import WEB
from reading_edition.sphinxext.incremental import shown_targets
from reading_edition.sphinxext.note_gists import gist_nodes
from reading_edition.sphinxext.search_pages import ancestors, neighbours
from reading_edition.sphinxext.term_previews import definitions
from reading_edition.text.anchoring import ReadingIndex, anchor_message
from reading_edition.text.history import matched_before

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from reading_edition.sphinxext.annotations.domain import AnnotationDomain

logger = logging.getLogger(__name__)


def _digest(value: Any) -> str:
    """A digest of plain values: strings, numbers, lists and tuples of them, and the frozen
    records (whose ``repr`` names every field in order; no sets, whose order would vary)."""
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def anchor_all(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = annotation_domain(env)
    article = domain.article_docname()
    placements: dict[str, Placement] = {}
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
            placements[key] = Placement(
                number=number,
                paragraph=anchor.paragraph,
                para_start=anchor.para_start,
                para_end=anchor.para_end,
                before=paragraph[max(0, anchor.para_start - 80) : anchor.para_start],
                after=paragraph[anchor.para_end : anchor.para_end + 80],
                before_cut=anchor.para_start > 80,
                after_cut=anchor.para_end + 80 < len(paragraph),
            )
    elif domain.annotations:
        first = min(domain.annotations.values(), key=lambda r: r.docname)
        logger.warning(
            "there are annotations but no page with a reading-text directive to anchor them in",
            location=(first.docname, 1),
            type="edition",
            subtype="anchor",
        )
    domain.placements = placements
    _check_links(env, domain)
    return _changed_pages(app, env, domain, article)


def _check_links(env: BuildEnvironment, domain: AnnotationDomain) -> None:
    """The link rules of ``model/link_rules.py`` (the checker's), on the records read: terms
    against the glossary (the std domain's terms)."""
    std_terms = {name for kind, name in env.domains["std"].objects if kind == "term"}

    def file_of(docname: str) -> str:
        return Path(env.doc2path(docname, False)).as_posix()

    entries: list[LinkEntry] = []
    docname_of: dict[str, str] = {}
    for record in domain.annotations.values():
        file = file_of(record.docname)
        docname_of[file] = record.docname
        entries.append(
            LinkEntry(
                id=record.id,
                file=file,
                related=tuple(zip(record.related, record.related_lines, strict=True)),
                terms=tuple(zip(record.terms, record.term_lines, strict=True)),
            )
        )
    for moved in domain.moved.values():
        docname_of[file_of(moved.docname)] = moved.docname
        entries.append(
            LinkEntry(
                id=moved.id, file=file_of(moved.docname), moved_to=(moved.moved_to, moved.line)
            )
        )
    # Files that exist but failed their checks (read, yet neither a note nor a moved one): a
    # link to one is told so, not "no file".
    folder = env.config.edition_annotations_dir.strip("/")
    invalid = {
        name
        for folder_name, _, name in (d.rpartition("/") for d in env.found_docs)
        if folder_name == folder and name not in domain.annotations and name not in domain.moved
    }
    for finding in link_findings(entries, std_terms, invalid):
        logger.warning(
            finding.message,
            location=(docname_of[finding.entry.file], finding.line),
            type="edition",
            subtype="link",
        )


def _article_shows(app: Sphinx, domain: AnnotationDomain, record: NoteRecord) -> Any:
    """What the article shows of an annotation. The EPUB and the PDF carry each note whole;
    the web pages carry its gist (``note_gists.py``) and say whether the note is longer, so an
    edit below the gist leaves the web article as it is and it is not written again (at 1,000
    notes, writing the article is most of an incremental build)."""
    if app.builder.name not in WEB:
        return record
    gist = domain.gists.get(record.id)
    more = bool(record.sources) or brief_leaves_out(
        gist_nodes(gist) if gist is not None else None, record.text
    )
    return [
        replace(record, text="", digest=""),
        hashlib.sha256(gist).hexdigest() if gist is not None else None,
        more,
    ]


def _others_shown(env: BuildEnvironment) -> dict[str, list[Any]]:
    """What each page shows of other pages, which Sphinx does not read the page again for:
    the titles of its previous and next pages (``search_pages.neighbours``, the notes' reading
    order) and of its toctree parents; what its links without words of their own show (a page's
    title, a section's, a label's); the definitions of the terms it links to (the term
    previews). See ``incremental.collect_links``. Sphinx resolves all of these when it writes the
    page, from the other pages as they are then."""
    titles: dict[str, str] = {}

    def title(docname: str | None) -> tuple[str, str] | None:
        if docname is None:
            return None
        if docname not in titles:
            node = env.titles.get(docname)
            titles[docname] = str(node) if node is not None else ""  # its markup too
        return docname, titles[docname]

    std = env.domains.standard_domain
    # A term link resolves as Sphinx's std domain resolves it: the term as written, else any
    # term equal to it but for case.
    terms = {name: place for (kind, name), place in std.objects.items() if kind == "term"}
    folded = {name.lower(): place for name, place in terms.items()}
    defined = definitions(env)
    shown: dict[str, list[Any]] = {}
    for docname in env.found_docs:
        seen: list[Any] = [*map(title, neighbours(env, docname))]
        seen += map(title, ancestors(env, docname))
        for kind, target, anchor in shown_targets(env, docname):
            if kind == "ref":
                seen.append(std.labels.get(target))
            elif kind == "term":
                place = terms.get(target) or folded.get(target.lower())
                seen.append((target, place, defined.get(place[1]) if place else None))
            elif anchor:  # MyST finds the words by the page's heading slugs, else a label
                slugs = env.metadata.get(target, {}).get("myst_slugs", {})
                seen.append((target, anchor, sorted(slugs.items()), std.labels.get(anchor)))
            else:
                seen.append(title(target))
        shown[docname] = seen
    return shown


def _changed_pages(
    app: Sphinx, env: BuildEnvironment, domain: AnnotationDomain, article: str | None
) -> list[str]:
    """Pages whose annotation content, or what they show of other pages, changed since the last
    build (to be rewritten): each page's signature is a digest of both."""
    records = domain.annotations
    placements = domain.placements
    titles = {
        k: (r.title, r.kind, placements[k].number if k in placements else None)
        for k, r in records.items()
    }
    listing = _digest(sorted((k, *map(str, v)) for k, v in titles.items()))
    content: dict[str, Any] = {}
    if article:
        content[article] = _digest(
            [
                [_article_shows(app, domain, r), placements.get(k)]
                for k, r in sorted(records.items())
            ]
        )
    for docname in env.found_docs:
        if docname in domain.index_pages:
            content[docname] = listing
    # An annotation's page shows its own placement and its related notes' titles (not their
    # numbers); a moved page shows its new home's title.
    for key, record in records.items():
        related = [records[o].title if o in records else None for o in record.related]
        content[record.docname] = _digest([placements.get(key), related])
    for moved in domain.moved.values():
        home = records.get(moved.moved_to)
        content[moved.docname] = _digest(home.title if home else None)
    shown = _others_shown(env)
    wanted = {d: _digest([content.get(d), shown[d]]) for d in env.found_docs}
    old = domain.signatures
    changed = [d for d, sig in wanted.items() if old.get(d) != sig]
    domain.signatures = wanted
    return sorted(changed)
