"""The edition's release in every output, the pages' citation metadata and Cite blocks.

- :func:`edition_release` is what ``conf.py`` calls: the changelog's latest heading gives
  ``release`` and ``today``; a heading that names no release is a located warning (the file,
  the line and the fix), so the strict build stops with the checker's words.
- ``html-page-context`` gives the templates the release (footer) and each page's Highwire
  (``citation_*``) and Dublin Core (``DC.*``) meta tags, which Zotero, Google Scholar and other
  reference managers read.
- A Cite block ends the article and each annotation page in HTML: the recommended citation
  (rendered by citeproc-py in the edition's CSL style), the paragraph's permalink for a note, and
  links to its BibTeX, RIS and CSL-JSON (:mod:`reading_edition.citation.formats`): files in
  ``_cite/`` for the article and the edition, download links carrying the file in the page for a
  note (:func:`cite_downloads`). The ``edition-citation``
  directive puts the edition's own citation on a page (the citing page), in every output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from reading_edition.citation.formats import MEDIA_TYPES, Work, bibtex, csl_json, entries, ris
from reading_edition.model.diagnostics import LocatedError
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.builders import EXPORTING, WEB
from reading_edition.sphinxext.reading_text import EditorialDirective
from reading_edition.sphinxext.text_hygiene import tidy_late_text
from reading_edition.text.dates import for_people
from reading_edition.text.quotation import curl_quotes
from reading_edition.text.release import Release, latest_release
from reading_edition.text.spacing import NBSP

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator


def edition_release(changelog: Path | str) -> Release:
    """The edition's version and date, read from the changelog's latest heading.

    A heading that names no release is reported by the build (:func:`check_release`: a located
    warning, the same words as ``edition check``), not here: an error raised while Sphinx reads
    ``conf.py`` is shown with a traceback. Until it is fixed the build gets a stand-in release."""
    try:
        return latest_release(changelog)
    except LocatedError:
        return Release("0.0", dt.date(1970, 1, 1), 0)


def check_release(app: Sphinx) -> None:
    """Report a changelog heading that names no release, at its file and line."""
    changelog = app.config.edition_changelog
    if not changelog:
        return
    path = Path(app.confdir, changelog)
    try:
        latest_release(path, shown=str(changelog))
    except LocatedError as err:
        where = f"{err.path}:{err.line}" if err.line else err.path
        logger.warning(err.message, location=where, type="edition", subtype="release")


logger = logging.getLogger(__name__)
#: The folder (in the HTML output) of the Cite blocks' BibTeX, RIS and CSL-JSON files.
CITE_DIR = "_cite"


class cite_block(nodes.General, nodes.Element):
    """Where a Cite block goes: ``kind`` is "edition" (the directive) or "page"."""


class cite_formats(nodes.General, nodes.Element):
    """The BibTeX, RIS and CSL-JSON of a Cite block (HTML only): a <details> element."""


def visit_cite_formats(self: HTML5Translator, node: cite_formats) -> None:
    self.body.append('<details class="cite-formats"><summary>BibTeX, RIS, CSL-JSON</summary>\n')


def depart_cite_formats(self: HTML5Translator, node: cite_formats) -> None:
    self.body.append("</details>\n")


class cite_download(nodes.Inline, nodes.TextElement):
    """A link that downloads one format of a note's citation, the file carried in the link
    (a ``data:`` address with ``download``: HTML only)."""


def visit_cite_download(self: HTML5Translator, node: cite_download) -> None:
    media = MEDIA_TYPES[node["suffix"]]
    # Percent-encoded UTF-8: '#', '%' and spaces never end or break the address.
    data = f"data:{media};charset=utf-8,{quote(node['body'], safe=',;:@=+$!*()/')}"
    self.body.append(
        self.starttag(
            node,
            "a",
            "",
            href=data,
            download=node["filename"],
            type=media,
            CLASS="cite-download",
        )
    )


def depart_cite_download(self: HTML5Translator, node: cite_download) -> None:
    self.body.append("</a>")


def page_url(app: Sphinx, builder: Builder, docname: str) -> str:
    """The page's public address when the site has one (``html_baseurl``), else ""."""
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{builder.get_target_uri(docname)}" if base else ""


def edition_work(app: Sphinx, builder: Builder) -> Work:
    """The edition as a citable book, at its front page's address."""
    config = app.config
    return Work(
        id=f"edition-{config.release}".replace(".", "-"),
        type="book",
        title=config.project,
        authors=(config.author,),
        publisher=config.author,
        date=config.edition_date,
        version=config.release,
        url=page_url(app, builder, config.root_doc),
        language=config.language or "",
    )


def chapter_of(
    edition: Work, *, id: str, title: str, authors: tuple[str, ...], url: str, note: str = ""
) -> Work:
    """A page or note of the edition as a chapter of it: the edition's publisher, date, version
    and language, the edition as its container."""
    return replace(
        edition,
        id=id,
        type="chapter",
        title=title,
        authors=authors,
        container_title=edition.title,
        url=url,
        note=note,
    )


def page_work(app: Sphinx, builder: Builder, docname: str) -> tuple[Work, str | None]:
    """The work a page is, and the paragraph (``p-N``) it comments on, if a note."""
    domain = annotation_domain(app.env)
    edition = edition_work(app, builder)
    url = page_url(app, builder, docname)
    if docname in domain.articles or docname == app.config.root_doc:
        # The article and the front page are the edition itself, at their own addresses.
        return replace(edition, url=url), None
    record = domain.record_of(docname)
    if record is None:
        title = app.env.titles[docname].astext() if docname in app.env.titles else docname
        page_id = f"page-{docname.replace('/', '-')}"
        return chapter_of(edition, id=page_id, title=title, authors=edition.authors, url=url), None
    anchor = domain.placements.get(record.id)
    paragraph = f"p-{anchor.paragraph + 1}" if anchor else None
    note = "note"
    article = domain.article_docname()
    if anchor and article:
        note = f"note on ¶{NBSP}{anchor.paragraph + 1}"
        article_url = page_url(app, builder, article)
        if article_url:
            note += f" ({article_url}#{paragraph})"
    work = chapter_of(
        edition,
        id=f"note-{record.id}",
        title=record.title,
        authors=record.authors,
        url=url,
        note=note,
    )
    return work, paragraph


class EditionCitation(EditorialDirective):
    """``{edition-citation}``: the edition's recommended citation (and, in HTML, its formats)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.refuse_in_annotations()
        return [cite_block(kind="edition")]


def cite_blocks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Render the Cite blocks: the directive's in every output; in HTML, one more at the end of
    the article and of each annotation page.

    On ``doctree-resolved`` (which hands over the application, and so the builder): a post
    transform has no public way to the builder in Sphinx 9 (``SphinxTransform.app`` and
    ``BuildEnvironment.app`` are deprecated)."""
    builder = app.builder
    html = builder.name in WEB
    domain = annotation_domain(app.env)
    is_note = domain.record_of(docname) is not None
    if html and (docname in domain.articles or is_note):
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None:
            section += cite_block(kind="page")
    for block in list(doctree.findall(cite_block)):
        if block["kind"] == "edition":
            work, paragraph = edition_work(app, builder), None
            heading = "Cite this edition"
            stem = f"{docname}.edition"
        else:
            work, paragraph = page_work(app, builder, docname)
            heading = "Cite this note" if is_note else "Cite the article"
            stem = docname
        rendered = render_cite_block(app, docname, work, paragraph, heading, stem)
        tidy_late_text(rendered, app.config.edition_publication_titles)
        block.replace_self(rendered)


def render_cite_block(
    app: Sphinx, docname: str, work: Work, paragraph: str | None, heading: str, stem: str
) -> nodes.Element:
    """The block: the citation, the passage's paragraph (a note) and, in HTML, the work's
    BibTeX, RIS and CSL-JSON (files named ``stem`` beside the pages where the builder writes
    files, else inline)."""
    builder = app.builder
    container = nodes.container(classes=["cite-block"])
    container += nodes.rubric(heading, heading, classes=["cite-heading"])
    (entry,) = entries([work])
    text = nodes.paragraph(classes=["cite-text"])
    text += nodes.Text(curl_quotes(entry))
    if work.url:
        text += nodes.Text(" ")
        text += nodes.reference("", work.url, refuri=work.url)
    container += text
    domain = annotation_domain(app.env)
    article = domain.article_docname()
    if paragraph and article:
        # The passage's paragraph: the ¶-level permalink a citation of the note carries.
        uri = relative_uri(builder.get_target_uri(docname), builder.get_target_uri(article))
        where = nodes.paragraph(classes=["cite-paragraph"])
        number = paragraph.removeprefix("p-")
        where += nodes.Text("The passage: ")
        where += nodes.reference("", f"¶{NBSP}{number}", refuri=f"{uri}#{paragraph}")
        where += nodes.Text(" of the article.")
        container += where
    elif docname in domain.articles:
        where = nodes.paragraph(classes=["cite-paragraph"])
        where += nodes.Text("Cite a paragraph by its number, as “¶ 1”, and link to it with ")
        where += nodes.reference("", "#p-1", refuri="#p-1")
        where += nodes.Text(" after the page's address.")
        container += where
    if builder.name in WEB:
        exports = (
            ("BibTeX", "bib", bibtex([work])),
            ("RIS", "ris", ris([work])),
            ("CSL-JSON", "json", csl_json([work])),
        )
        if builder.name in EXPORTING and domain.record_of(docname) is not None:
            container += cite_downloads(stem, exports)
        elif builder.name in EXPORTING:
            container += cite_files(app, docname, stem, exports)
        else:
            # singlehtml: every page is a fragment of one file (its target URIs are
            # '#document-…'), so a link relative to the page would not resolve: inline.
            formats = cite_formats()
            for label, _suffix, body in exports:
                formats += nodes.paragraph(label, label, classes=["cite-format"])
                formats += nodes.literal_block(body, body, language="none")
            container += formats
    return container


def cite_files(
    app: Sphinx, docname: str, stem: str, exports: tuple[tuple[str, str, str], ...]
) -> nodes.paragraph:
    """Write the block's BibTeX, RIS and CSL-JSON as files (``_cite/<stem>.bib`` …) and link
    them: one line on the page instead of every format inline (the article's first paint is
    within budget; tools/theme.md), and a reference manager or a reader without JavaScript gets
    each by following a link.

    Written on ``doctree-resolved``, which Sphinx runs in the main process even in a parallel
    write, one page at a time: each page writes its own files."""
    builder = app.builder
    folder = Path(app.outdir, CITE_DIR, stem).parent
    folder.mkdir(parents=True, exist_ok=True)
    line = nodes.paragraph(classes=["cite-files"])
    line += nodes.Text("Download: ")
    for n, (label, suffix, body) in enumerate(exports):
        target = f"{CITE_DIR}/{stem}.{suffix}"
        Path(app.outdir, target).write_text(body, encoding="utf-8")
        if n:
            line += nodes.Text(", ")
        uri = relative_uri(builder.get_target_uri(docname), target)
        line += nodes.reference("", label, refuri=uri)
    line += nodes.Text(".")
    return line


def cite_downloads(stem: str, exports: tuple[tuple[str, str, str], ...]) -> nodes.paragraph:
    """A note's formats as download links that carry their file (``<a download>`` on a
    ``data:`` address): the same line as :func:`cite_files` gives, and the same file saved under
    the same name (``<note>.bib`` …), by a click, without JavaScript.

    Why not files: a note's page is one of hundreds or thousands, and three small files for
    each were the largest cost of a clean build beyond plain Sphinx (at 1,000 notes, 3,000 files
    created: about 1.4 s of a 15 s build on the benchmark's machine; tools/benchmarks.md). A note
    page has room for them (about 2 KB, 0.6 KB with gzip); the article's first paint has not, so
    the article and the edition keep their files. Written from the page: nothing to keep in step
    on an incremental build, nothing left behind by a deleted note."""
    line = nodes.paragraph(classes=["cite-files"])
    line += nodes.Text("Download: ")
    name = stem.rsplit("/", 1)[-1]
    for n, (label, suffix, body) in enumerate(exports):
        if n:
            line += nodes.Text(", ")
        line += cite_download(label, label, suffix=suffix, body=body, filename=f"{name}.{suffix}")
    line += nodes.Text(".")
    return line


def release_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The release as the footer shows it, and the page's citation meta tags."""
    config = app.config
    context["edition_version"] = config.release
    context["edition_date"] = for_people(config.edition_date) if config.edition_date else ""
    if doctree is None and pagename not in app.env.all_docs:
        work = replace(edition_work(app, app.builder), url="")
    else:
        work, _ = page_work(app, app.builder, pagename)
    context["citation_meta"] = citation_meta(work)


def citation_meta(work: Work) -> list[tuple[str, str]]:
    """Highwire Press and Dublin Core meta tags for one page, as (name, content) pairs."""
    parts = work.date_parts
    highwire = [
        ("citation_title", work.title),
        ("citation_inbook_title", work.container_title),
        *[("citation_author", name) for name in work.authors],
        ("citation_publication_date", "/".join(f"{p:02d}" for p in parts) if parts else ""),
        ("citation_publisher", work.publisher),
        ("citation_edition", work.version),
        ("citation_language", work.language),
        ("citation_public_url", work.url),
        ("citation_abstract_html_url", work.url),
    ]
    dublin_core = [
        ("DC.title", work.title),
        *[("DC.creator", name) for name in work.authors],
        ("DC.date", work.date),
        ("DC.publisher", work.publisher),
        ("DC.language", work.language),
        ("DC.type", "Text"),
        ("DC.identifier", work.url),
    ]
    # A field the work does not have gets no tag (an empty tag tells a reference manager nothing).
    return [(name, content) for name, content in highwire + dublin_core if content]


def setup_citation(app: Sphinx) -> None:
    # The release's ISO date (conf.py sets it from the changelog with `release`); the exports and
    # the packages' metadata carry it, people read it written out (`today`).
    app.add_config_value("edition_date", "", "env", types=frozenset({str}))
    # The changelog (relative to conf.py) whose latest heading is the release: checked here.
    app.add_config_value("edition_changelog", "", "env", types=frozenset({str}))
    app.connect("builder-inited", check_release)
    app.add_node(cite_block)
    app.add_node(cite_formats, html=(visit_cite_formats, depart_cite_formats))
    app.add_node(cite_download, html=(visit_cite_download, depart_cite_download))
    app.add_directive("edition-citation", EditionCitation)
    app.connect("doctree-resolved", cite_blocks)
    app.connect("html-page-context", release_context)
