"""``annotations.jsonld``: the whole set as a W3C Web Annotation collection.

Each annotation targets the article page with a TextQuoteSelector (exact, prefix, suffix) and,
as an alternative, a FragmentSelector for its paragraph (``#p-N``) refined by the same quote. No
character offsets: they would count a text that is not the page's, and a W3C client would land
in the wrong place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reading_edition.model.annotation import Source
from reading_edition.model.kinds import MOTIVATIONS
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.builders import EXPORTING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _source(source: Source) -> dict[str, Any]:
    """A source as a linking body; the copy actually read, if any, as ``via``. A source whose
    own page was not found has no URL: its id is then its stable name-based URN."""
    body: dict[str, Any] = {
        "id": source.identifier,
        "type": "Text",
        "purpose": "linking",
        "title": source.title,
    }
    if source.via:
        body["via"] = {
            "id": source.via.url,
            "type": "Text",
            "title": source.via.title,
            "publisher": source.via.publisher,
        }
    return body


def collection(app: Sphinx) -> dict[str, Any]:
    domain = annotation_domain(app.env)
    builder = app.builder
    article = domain.article_docname()
    article_uri = builder.get_target_uri(article) if article else ""
    items = []
    for record in domain.in_reading_order():
        place = domain.placements[record.id]
        quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": record.exact}
        if record.prefix:
            quote["prefix"] = record.prefix
        if record.suffix:
            quote["suffix"] = record.suffix
        item: dict[str, Any] = {
            "id": builder.get_target_uri(record.docname),
            "type": "Annotation",
            "motivation": MOTIVATIONS[record.kind],
            "created": f"{record.created}T00:00:00Z",
            "creator": [{"type": "Person", "name": name} for name in record.authors],
            "body": [
                {
                    "type": "TextualBody",
                    "purpose": MOTIVATIONS[record.kind],
                    "value": record.text,
                    "format": "text/plain",
                    "language": "en",
                },
                {"type": "TextualBody", "purpose": "tagging", "value": record.kind},
                *(_source(s) for s in record.sources),
            ],
            "target": {
                "source": article_uri,
                # Alternatives, each naming exactly the passage: the quote with its context in
                # the page's text (what Hypothesis-style clients place by), and the same quote
                # within its paragraph's fragment (#p-N, the edition's citable unit).
                "selector": [
                    quote,
                    {
                        "type": "FragmentSelector",
                        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                        "value": f"p-{place.paragraph + 1}",
                        "refinedBy": quote,
                    },
                ],
            },
        }
        if record.updated:
            item["modified"] = f"{record.updated}T00:00:00Z"
        items.append(item)
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": "annotations.jsonld",
        "type": "AnnotationCollection",
        "label": f"Annotations of {app.config.project}",
        "total": len(items),
        # The edition's release (the changelog's latest heading), as every output gives it.
        "schema:version": app.config.release,
        **({"schema:datePublished": app.config.edition_date} if app.config.edition_date else {}),
        "first": {
            "id": "annotations.jsonld#page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    if domain.moved:
        # Addresses are permanent: a note merged into another keeps a page at its old address,
        # and consumers holding the old id learn where it went.
        result["moved"] = [
            {
                "id": builder.get_target_uri(moved.docname),
                "title": moved.title,
                "movedTo": builder.get_target_uri(domain.annotations[moved.moved_to].docname)
                if moved.moved_to in domain.annotations
                else None,
            }
            for _key, moved in sorted(domain.moved.items())
        ]
    return result


def write_export(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in EXPORTING:
        return
    path = Path(app.outdir) / "annotations.jsonld"
    path.write_text(
        json.dumps(collection(app), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
