"""Building notes: the ``anno_note`` an anchored annotation becomes, and the copy of an
annotation body that goes into it (ids made unique, references made relative to the page that
embeds it).

The note after its paragraph in the article is in brief on the web pages (the gist, see
``note_gists.py``) and whole in the EPUB; the PDF's numbered notes are ``latex_notes.py``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util import docname_join

from reading_edition.model.annotation import distinct_sources
from reading_edition.sphinxext.annotations.domain import annotation_domain, page_link
from reading_edition.sphinxext.annotations.nodes import anno_note
from reading_edition.sphinxext.annotations.reader import educated, is_annotation_body
from reading_edition.sphinxext.note_gists import gist_nodes
from reading_edition.text.dates import for_people

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from reading_edition.sphinxext.annotations.records import NoteRecord, Placement

#: Attribute of a pending reference copied from an annotation body into another page.
COPIED = "edition_copied"


def with_footnotes(copy: nodes.Element, doctree: nodes.document) -> nodes.Element:
    """Add to a copied body the footnotes its marks refer to: MyST places a page's footnotes
    at its end, outside the body, and a mark without its footnote breaks the EPUB (a dangling
    link) and the LaTeX build (Sphinx finds no footnote for the mark)."""
    inside = {i for n in copy.findall(nodes.footnote) for i in n["ids"]}
    wanted = {r["refid"] for r in copy.findall(nodes.footnote_reference) if r.get("refid")}
    for footnote in doctree.findall(nodes.footnote):
        if wanted & set(footnote["ids"]) and not inside & set(footnote["ids"]):
            copy += footnote.deepcopy()
    return copy


def retarget(node: nodes.Element, prefix: str, docname: str) -> nodes.Element:
    """Make a copied annotation body safe to embed: unique ids, references from this page."""
    for element in node.findall(nodes.Element):
        for attr in ("ids", "backrefs"):
            if element.get(attr):
                element[attr] = [f"{prefix}{i}" for i in element[attr]]
        for attr in ("refid",):
            if element.get(attr):
                element[attr] = f"{prefix}{element[attr]}"
        element["names"] = []
        if isinstance(element, addnodes.pending_xref):
            # A relative {doc} target is relative to the annotation, not to this page; so is a
            # Markdown link to another annotation's file, which becomes a {doc} reference.
            target = element.get("reftarget", "")
            origin = element.get("refdoc", docname)
            if element.get("reftype") == "myst" and target.endswith(".md") and "://" not in target:
                element["reftype"], element["refdomain"] = "doc", "std"
                element["refexplicit"] = True
                target = target.removesuffix(".md")
                element["reftarget"] = target
            if element.get("reftype") == "doc" and target and not target.startswith("/"):
                element["reftarget"] = "/" + docname_join(origin, target)
            element["refdoc"] = docname
            # A copy: a reference that does not resolve is reported once, on the annotation's
            # own page (see resolve.py's missing-reference handler), not again here.
            element[COPIED] = True
    return node


def new_note(record: NoteRecord, place: Placement) -> anno_note:
    """An empty note for an anchored annotation; the callers fill it for their format."""
    return anno_note(
        anno=record.id,
        number=place.number,
        kind=record.kind_label,
        title=record.title,
        paragraph=place.paragraph + 1,
    )


def brief_leaves_out(brief: nodes.Element | None, whole: str) -> bool:
    """Whether the note's brief leaves out words of its body (``whole``, as plain text)."""
    shown = " ".join(brief.astext().split()) if brief is not None else ""
    return len(shown) < len(" ".join(whole.split())) - 1


def article_note(
    env: BuildEnvironment, record: NoteRecord, place: Placement, *, brief: bool
) -> anno_note:
    """The note after the passage's paragraph: in brief (the gist) or whole with its sources."""
    note = new_note(record, place)
    head = nodes.paragraph(classes=["anno-head"])
    head += nodes.inline("", str(place.number), classes=["anno-num"])
    head += nodes.inline("", record.kind_label, classes=["anno-kind"])
    head += page_link(env, record.title, record.docname, classes=["anno-title"])
    note += head
    body: nodes.Element | None
    if brief:
        gist = annotation_domain(env).gists.get(record.id)
        body = nodes.container(classes=["anno-body"])
        if gist is not None:
            body += gist_nodes(gist)
    else:
        doctree = env.get_doctree(record.docname)
        body = next(iter(doctree.findall(is_annotation_body)), None)
        body = with_footnotes(body.deepcopy(), doctree) if body is not None else None
    if body is not None:
        note += retarget(body, f"{record.id}--", env.docname)
    if brief and (record.sources or brief_leaves_out(body, record.text)):
        # Say that there is more: the note in the article is shorter than its page.
        more = nodes.paragraph(classes=["anno-more"])
        words = "Sources and more" if record.sources else "The whole note"
        more += page_link(env, f"{words} →", record.docname)
        note += more
    if record.sources and not brief:
        sources = nodes.paragraph(classes=["anno-sources-line"])
        sources += nodes.Text("Sources: ")
        for i, (source, _) in enumerate(distinct_sources(record.sources)):
            if i:
                sources += nodes.Text("; ")
            title = educated(source.title, env.config.language)
            if source.url:
                sources += nodes.reference("", title, refuri=source.url)
            else:  # its own page was not found: cited by name, read via a copy
                sources += nodes.Text(title)
            sources += nodes.Text(f" ({source.publisher}, {for_people(source.date)})")
            if source.via:
                sources += nodes.Text(", read via ")
                sources += nodes.reference("", source.via.publisher, refuri=source.via.url)
        note += sources
    back = nodes.paragraph(classes=["anno-back-line"])
    back += nodes.reference(
        "",
        f"Back to ¶ {place.paragraph + 1}",
        refid=f"ref-{record.id}",
        classes=["anno-back"],
    )
    note += back
    return note
