"""The EPUB as a finished publication: the edition's EPUB builder and translator.

- Every content document says its language (``lang`` and ``xml:lang`` on ``<html>``).
- A cover image made at build time from the edition's own text (an SVG: title, standfirst,
  publisher of the witness; no artwork), its cover page, and a title page (title, standfirst,
  the witness's provenance from its ``.meta.yaml``, the edition) open the book.
- The package document carries the accessibility metadata of EPUB Accessibility 1.1
  (``schema:accessMode`` … ``schema:accessibilitySummary``); the cover image is marked
  ``cover-image``; the annotations' own pages stay in the package (the notes link to them) but
  outside the linear reading order (``linear="no"``), since each note is already in the
  article as a footnote of EPUB 3 (``annotations/epub.py``) and would otherwise be read twice.
- Footnotes are EPUB footnotes (``epub:type="noteref"``/``"footnote"``), lettered a, b, c on
  each page by ``footnote_labels.LetterFootnotes`` as in the HTML edition; annotation notes
  keep their numbers 1, 2, 3.
- Nodes the EPUB translator has no visitor for (sphinx-design's) get their HTML visitors, and
  the package carries only the static files its pages load (``unused_static_files``).
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

import yaml
from docutils import nodes
from sphinx.builders.epub3 import HTML_TAG, Epub3Builder
from sphinx.writers.html5 import HTML5Translator

from reading_edition import EPUB_TEMPLATES_DIR, THEME_DIR
from reading_edition.model.diagnostics import LocatedError
from reading_edition.sphinxext.annotations import epub as annotations_epub
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.nodes import anno_marker, anno_note
from reading_edition.sphinxext.article_language import PREFIX
from reading_edition.sphinxext.reading_text import (
    first_reading_text,
    paragraph_number,
    visit_number_epub,
)
from reading_edition.text.article_facts import read_article_facts, witness_metadata
from reading_edition.text.quotation import curl_quotes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

EPUB_THEME_DIR = THEME_DIR.with_name("edition_epub")
EPUB_THEME = "edition-epub"
COVER_IMAGE = "_static/edition-cover.svg"
TITLE_PAGE = "titlepage"


#: What a page or a stylesheet loads: ``href``/``src`` attributes and CSS ``url()``.
#: What a page or a stylesheet loads: ``href``, ``src``, ``data`` and ``srcset`` attributes,
#: CSS ``url()`` and ``@import "…"``.
LOADED = re.compile(
    r"""\b(?:href|src|data)\s*=\s*["']([^"']+)["']"""
    r"""|\bsrcset\s*=\s*["']([^"']+)["']"""
    r"""|url\(\s*["']?([^"')]+)"""
    r"""|@import\s+["']([^"']+)["']"""
)


def loaded_files(text: str) -> list[str]:
    """The relative paths a page or stylesheet *text* loads, decoded, without fragment or query."""
    found: list[str] = []
    for attribute, srcset, url, imported in LOADED.findall(text):
        refs = [c.split()[0] for c in srcset.split(",") if c.strip()] if srcset else []
        for ref in [attribute or url or imported, *refs]:
            path = unquote(html.unescape(ref.strip()).split("#")[0].split("?")[0])
            if path and "://" not in path and not path.startswith(("data:", "mailto:")):
                found.append(path)
    return found


def unused_static_files(outdir: Path, keep: str = "") -> list[Path]:
    """The files in ``_static/`` that no page, and no stylesheet a page links, loads.

    Sphinx copies every static file of the themes and extensions into the EPUB (Sphinx's
    ``basic.css`` and ``epub.css``, sphinx-design's stylesheet, the search icons); the edition's
    EPUB theme links none of them, and a publication should carry only what it uses."""
    static = outdir / "_static"
    used = {(outdir / keep).resolve()} if keep else set()
    pending = [p for p in outdir.rglob("*") if p.suffix in (".xhtml", ".html")]
    while pending:
        page = pending.pop()
        for ref in loaded_files(page.read_text(encoding="utf-8", errors="replace")):
            target = (page.parent / ref).resolve()
            if target not in used and target.is_file():
                used.add(target)
                if target.suffix == ".css":
                    pending.append(target)
    return [p for p in sorted(static.rglob("*")) if p.is_file() and p.resolve() not in used]


class EditionEpubTranslator(HTML5Translator):
    """HTML5, with the EPUB 3 footnote semantics on Sphinx's footnotes and the EPUB's own
    visitors for the edition's nodes.

    Sphinx gives a builder the visitors registered under its name or, when there are none,
    those registered for its format ("html"). The edition registers none under "epub", so the
    EPUB gets the HTML visitors of nodes this class cannot visit (sphinx-design's badges, tab
    labels, dropdowns, icons, card titles). Through ``dispatch_visit`` and
    ``dispatch_departure`` (docutils' public hooks), a node in ``EPUB_VISITORS`` gets its EPUB
    visitor, and a node this class can visit gets its own visitor, not the web pages' override
    (``footnote_labels``' footnote references, sphinx-design's containers)."""

    def dispatch_visit(self, node: nodes.Node) -> None:
        visit = EPUB_VISITORS.get(type(node)) or getattr(
            type(self), f"visit_{type(node).__name__}", None
        )
        if visit is None:
            super().dispatch_visit(node)
        else:
            visit(self, node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        depart = getattr(type(self), f"depart_{type(node).__name__}", None)
        if depart is None:
            super().dispatch_departure(node)
        else:
            depart(self, node)

    def starttag(
        self, node: nodes.Node, tagname: str, suffix: str = "\n", empty: bool = False, **atts: Any
    ) -> str:
        """docutils' start tag, with ``xml:lang`` beside the ``lang`` that its class
        ``language-<tag>`` gives (the article's language on its reading text): EPUB's XHTML
        reads ``xml:lang``, HTML readers ``lang``."""
        classes = node.get("classes", []) if isinstance(node, nodes.Element) else []
        tag = next((c.removeprefix(PREFIX) for c in classes if c.startswith(PREFIX)), None)
        if tag:
            atts.setdefault("xml:lang", tag)
        return super().starttag(node, tagname, suffix, empty, **atts)

    def _add_epub_type(self, marker: str, epub_type: str) -> None:
        for index in range(len(self.body) - 1, -1, -1):
            if marker in self.body[index]:
                self.body[index] = self.body[index].replace(
                    marker, f'{marker} epub:type="{epub_type}"', 1
                )
                return

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        super().visit_footnote_reference(node)
        self._add_epub_type('role="doc-noteref"', "noteref")

    def visit_footnote(self, node: nodes.Element) -> None:
        super().visit_footnote(node)
        self._add_epub_type('role="doc-footnote"', "footnote")


#: The edition's nodes the EPUB writes otherwise than the web pages: the marker and the note as
#: EPUB footnotes (``annotations/epub.py``), the paragraph number as text.
EPUB_VISITORS: dict[type[nodes.Node], Callable[[HTML5Translator, Any], None]] = {
    anno_marker: annotations_epub.visit_marker,
    anno_note: annotations_epub.visit_note,
    paragraph_number: visit_number_epub,
}


def witness_meta(env: BuildEnvironment) -> dict[str, str]:
    """The witness's ``.meta.yaml`` beside the file the article's reading text names."""
    docname = annotation_domain(env).article_docname()
    if docname is None:
        return {}
    container = first_reading_text(env.get_doctree(docname))
    if container is None:
        return {}
    witness = (Path(env.doc2path(docname)).parent / container["witness"]).resolve()
    meta = witness_metadata(witness)
    if meta is None:
        return {}
    data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
    found = {str(k): str(v) for k, v in data.items() if isinstance(v, (str, int))}
    try:
        facts = read_article_facts(meta)
    except LocatedError:  # reported by the build at its line (article_facts.check_article_file)
        facts = None
    if facts is not None:
        # The article's facts as every output reads them: none "unknown", the date written out.
        for name, text in facts.shown():
            if text is None:
                found.pop(name, None)
            else:
                found[name] = text
    return {name: curl_quotes(text) for name, text in found.items()}


def cover_svg(title: str, standfirst: str, publisher: str, edition: str) -> str:
    """A typographic cover, 1200 × 1800: the headline, the standfirst and the edition."""
    esc = html.escape

    def lines(text: str, width: int, x: int, y: int, size: int, lead: int, **style: str) -> str:
        attrs = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in style.items())
        spans = "".join(
            f'<tspan x="{x}" y="{y + i * lead}">{esc(line)}</tspan>'
            for i, line in enumerate(textwrap.wrap(text, width))
        )
        return f'<text font-size="{size}" {attrs}>{spans}</text>'

    serif = "Palatino, 'TeX Gyre Pagella', 'Palatino Linotype', Georgia, serif"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="1200" height="1800" '
        'viewBox="0 0 1200 1800" role="img" aria-labelledby="cover-title">\n'
        f'<title id="cover-title">{esc(title)}: {esc(edition)}</title>\n'
        '<rect width="1200" height="1800" fill="#f6f1e7"/>\n'
        '<rect x="60" y="60" width="1080" height="1680" fill="none" stroke="#3b3a36" '
        'stroke-width="3"/>\n'
        f'<g font-family="{esc(serif)}" fill="#23221f" text-anchor="middle">\n'
        + lines(edition, 40, 600, 260, 44, 56, font_style="italic")
        + "\n"
        + lines(title, 20, 600, 520, 92, 112)
        + "\n"
        + '<rect x="560" y="1000" width="80" height="3" fill="#8a5a2b"/>\n'
        + lines(standfirst, 36, 600, 1120, 50, 66, font_style="italic")
        + "\n"
        + lines(publisher, 40, 600, 1620, 40, 50)
        + "\n</g>\n</svg>\n"
    )


#: EPUB Accessibility 1.1: what the book holds and offers; a summary in words.
A11Y_FEATURES = (
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "alternativeText",
    "displayTransformability",
    "index",
)
A11Y_SUMMARY = (
    "The article and the edition's pages are text with headings, a table of contents and an"
    " index; each annotation note and footnote is marked as a note and linked both ways from its"
    " marker; the only image, the cover, has a text alternative. No hazards."
)


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder with the edition's package document, cover and title page.

    The package document (``content.opf``) and the navigation document (``nav.xhtml``) are
    written from the package's copies of Sphinx's templates (``reading_edition/epub3``, with
    Sphinx's ``mimetype``, ``container.xml`` and ``toc.ncx`` unchanged beside them, since the
    builder reads every template from one ``template_dir``); what the edition adds reaches them
    as context from ``content_metadata`` and ``navigation_doc_metadata``."""

    name = "epub"
    default_translator_class = EditionEpubTranslator
    # Sphinx types it with its private path class; the builder only joins names onto it.
    template_dir = EPUB_TEMPLATES_DIR  # type: ignore[assignment]

    def init(self) -> None:
        super().init()
        lang = html.escape(self.config.epub_language or self.config.language or "en")
        self.html_tag = HTML_TAG[:-1] + f' lang="{lang}" xml:lang="{lang}">'

    def build_content(self) -> None:
        # Sphinx lists the folder's pages in the spine, then adds the cover page it writes
        # afterwards: a cover page left by the last build in this folder would be listed twice.
        Path(self.outdir, self.coverpage_name).unlink(missing_ok=True)
        if self.config.epub_theme != EPUB_THEME:
            # Another theme (a test root's, Sphinx's own) has no title page template.
            super().build_content()
            return
        meta = witness_meta(self.env)
        title = meta.get("title", self.config.epub_title)
        standfirst = meta.get("standfirst", "")
        publisher = meta.get("publisher", "")
        edition = f"Annotated edition {self.config.release} · {self.config.today}"
        cover = Path(self.outdir, COVER_IMAGE)
        cover.parent.mkdir(parents=True, exist_ok=True)
        cover.write_text(cover_svg(title, standfirst, publisher, edition), encoding="utf-8")
        context = {
            "title": title,
            "standfirst": standfirst,
            "witness": meta,
            "edition_title": self.config.epub_title,
            "release": self.config.release,
            "today": self.config.today,
            "copyright": self.config.epub_copyright,
            "pagename": TITLE_PAGE,
        }
        self.handle_page(TITLE_PAGE, context, "edition-titlepage.html")
        # The cover image is used by the cover page, which Sphinx writes after listing the files.
        cover_image = self.config.epub_cover[0] if self.config.epub_cover else ""
        for unused in unused_static_files(Path(self.outdir), keep=cover_image):
            unused.unlink()
        super().build_content()

    def content_metadata(self) -> dict[str, Any]:
        """Accessibility metadata, the cover image's property, the spine's order and linearity
        (``epub3/content.opf.jinja``)."""
        metadata = super().content_metadata()
        # dc:date is the edition's release (the changelog's latest heading); only
        # dcterms:modified is the build's time (SOURCE_DATE_EPOCH). Any theme: the template's.
        metadata["edition_release_date"] = self.config.edition_date
        if self.config.epub_theme != EPUB_THEME:
            return metadata
        metadata["edition_a11y"] = [
            ("schema:accessMode", "textual"),
            ("schema:accessMode", "visual"),
            ("schema:accessModeSufficient", "textual"),
            *(("schema:accessibilityFeature", f) for f in A11Y_FEATURES),
            ("schema:accessibilityHazard", "none"),
            ("schema:accessibilitySummary", html.escape(A11Y_SUMMARY)),
        ]
        metadata["edition_cover_image"] = COVER_IMAGE
        # The annotations' own pages: out of the linear reading order.
        domain = annotation_domain(self.env)
        side = [r.docname for r in domain.annotations.values()]
        side += [m.docname for m in domain.moved.values()]
        metadata["edition_side_pages"] = [
            html.escape(quote(docname + self.out_suffix)) for docname in side
        ]
        # The title page after the cover page, in the linear order.
        metadata["edition_title_page"] = TITLE_PAGE + self.out_suffix
        metadata["edition_cover_page"] = self.coverpage_name
        return metadata

    def navigation_doc_metadata(self, navlist: list[Any]) -> dict[str, Any]:
        """The landmarks of the navigation document (``epub3/nav.xhtml.jinja``)."""
        metadata = super().navigation_doc_metadata(navlist)
        marks = [
            (href, kind, label)
            for href, kind, label in (
                (self.coverpage_name, "cover", "Cover"),
                (TITLE_PAGE + self.out_suffix, "titlepage", "Title page"),
            )
            if Path(self.outdir, href).exists()
        ]
        article = annotation_domain(self.env).article_docname()
        if article:
            marks.append((article + self.out_suffix, "bodymatter", "The article"))
        metadata["edition_landmarks"] = marks
        return metadata


def setup_epub(app: Sphinx) -> None:
    app.add_builder(EditionEpubBuilder, override=True)
    app.add_html_theme(EPUB_THEME, str(EPUB_THEME_DIR))
