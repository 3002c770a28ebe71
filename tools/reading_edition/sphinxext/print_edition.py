"""The finished publications (PDF and EPUB): what both need beyond the HTML site.

- **Tagged PDF.** ``\\DocumentMetadata`` must come before ``\\documentclass``, where Sphinx's
  LaTeX template has no hook: for the LaTeX builder the package's ``latex/templates`` folder is
  put first on ``templates_path``; its ``latex.tex.jinja`` writes ``\\DocumentMetadata`` and
  includes Sphinx's own template, so nothing else of it is copied (tools/print.md).
- **An editor's apparatus** (``PrintNotes``, LaTeX): each note in the Annotations part carries
  its paragraph and lemma; its sources, listed with it in small type with their addresses,
  replace the page's sources list (whose links became bare-URL footnotes).
- **Source titles with curly quotes** and **the residue table's kinds in plain words**
  (``category-tags`` → "category tags"), in the EPUB and the PDF.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition import LATEX_DIR
from reading_edition.model.annotation import distinct_sources
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.nodes import anno_note
from reading_edition.sphinxext.builders import BOOK, EPUB, LATEX
from reading_edition.sphinxext.footnote_labels import section_path, series_numbers
from reading_edition.sphinxext.print_citations import setup_citations
from reading_edition.sphinxext.print_downloads import setup_downloads
from reading_edition.sphinxext.print_finish import (
    HeadLinesKept,
    LeadInsKept,
    LongTokensBreakable,
    NamesUnhyphenated,
    PathsRaggedRight,
)
from reading_edition.sphinxext.print_index import setup_index
from reading_edition.sphinxext.print_pagerefs import setup_pagerefs
from reading_edition.sphinxext.print_paper import setup_paper
from reading_edition.sphinxext.print_tables import TablesAsRows
from reading_edition.sphinxext.reading_text import ancestors, plain_kind
from reading_edition.sphinxext.sources_register import print_short_forms
from reading_edition.text.quotation import curl_quotes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


LATEX_TEMPLATES = LATEX_DIR / "templates"
#: A lemma longer than this many words is cited by its first and last words.
LEMMA_WORDS = 8


def lemma(exact: str) -> str:
    """The quoted passage as an apparatus cites it: whole, or its first and last words."""
    words = exact.split()
    if len(words) <= LEMMA_WORDS:
        return " ".join(words)
    return f"{' '.join(words[:3])} … {' '.join(words[-3:])}"


class CurlySourceTitles(SphinxPostTransform):
    """Source titles as the sources give them often have typewriter quotes: curl them."""

    default_priority = 8  # after the notes are made and filled (5, 6)
    builders = BOOK

    def run(self, **kwargs: Any) -> None:
        for block in self.document.findall(nodes.Element):
            classes = set(block.get("classes", ()))
            if not classes & {"anno-sources", "anno-sources-line", "anno-sources-print"}:
                continue
            for reference in block.findall(nodes.reference):
                if reference.get("refuri") == reference.astext():
                    continue  # an address shown as itself
                for text in list(reference.findall(nodes.Text)):
                    curled = curl_quotes(str(text))
                    if curled != str(text):
                        text.parent.replace(text, nodes.Text(curled))


#: The residue table's columns in print: witness line, removed text, kind, reason.
RESIDUE_WIDTHS = (14, 31, 19, 36)


def _break_camel(text: str) -> list[nodes.Node]:
    """Run-together words ("SuitesRegulation") with a break opportunity where they join (an
    empty ``wbr`` inline: a zero-width skip in LaTeX, nothing in HTML), never a hyphen."""
    parts = re.split(r"(?<=[a-z])(?=[A-Z])", text)
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.inline("", "", classes=["wbr"]))
        out.append(nodes.Text(part))
    return out


class PrintTables(SphinxPostTransform):
    """Tables in the publications. The residue table: kinds in plain words, the witness's words
    never hyphenated (``witness-text``), fixed column widths. In LaTeX every table gets its
    column widths (``colwidths-given``): Sphinx then sets it as ``tabular`` with ragged-right
    columns (``edition.sty``) instead of ``tabulary``, whose trial typesetting of the cells
    leaves tagpdf's paragraph hooks unbalanced (tools/print.md)."""

    default_priority = 8
    builders = EPUB
    #: Every table's column widths given (LaTeX only).
    widths_given: ClassVar[bool] = False

    def run(self, **kwargs: Any) -> None:
        latex = self.widths_given
        for table in self.document.findall(nodes.table):
            residue = "removed-residue" in table["classes"]
            colspecs = list(table.findall(nodes.colspec))
            if residue and len(colspecs) == len(RESIDUE_WIDTHS):
                for colspec, width in zip(colspecs, RESIDUE_WIDTHS, strict=True):
                    colspec["colwidth"] = width
            if latex and colspecs and "colwidths-given" not in table["classes"]:
                table["classes"].append("colwidths-given")
            if not residue:
                continue
            for row in table.findall(nodes.row):
                cells = [c for c in row.children if isinstance(c, nodes.entry)]
                if len(cells) < 3 or row.parent.tagname == "thead":
                    continue
                for para in cells[1].findall(nodes.paragraph):
                    words = nodes.inline("", "", classes=["witness-text"])
                    for child in list(para.children):
                        para.remove(child)
                        if isinstance(child, nodes.Text):
                            words.extend(_break_camel(str(child)))
                        else:
                            words += child
                    para += words
                for para in cells[2].findall(nodes.paragraph):
                    kind = nodes.inline("", plain_kind(para.astext()), classes=["residue-kind"])
                    para.children = []
                    para += kind


class PrintTablesLatex(PrintTables):
    """``PrintTables`` in the PDF, where every table gets its column widths."""

    builders = LATEX
    widths_given = True


class PrintNotes(SphinxPostTransform):
    """The notes of the Annotations part as an editor's apparatus (LaTeX only)."""

    default_priority = 7  # after FillPlaceholders (6) has put the notes there
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        domain = annotation_domain(self.env)
        for note in list(self.document.findall(anno_note)):
            record = domain.annotations.get(note["anno"])
            if record is None:
                continue
            note["lemma"] = lemma(record.exact)
            note["docname"] = record.docname
            # The page's "Sources" heading and list: replaced by the sources in small type.
            for child in list(note.children):
                heading = isinstance(child, nodes.rubric) and child.astext() == "Sources"
                if heading or "anno-sources" in child.get("classes", ()):
                    note.remove(child)
            if record.sources:
                # Short forms (publisher, date) pointing to the sources list, which gives each
                # source once with its address and quotes (sources_register.py).
                block = nodes.container(classes=["anno-sources-print"])
                block += print_short_forms(
                    self.env, [s for s, _ in distinct_sources(record.sources)]
                )
                note += block


class FootnotesPerPart(SphinxPostTransform):
    """In the PDF, footnotes numbered afresh in each part (each source document), or in each
    section of a part with more than 26, as the HTML edition letters them per page
    (``footnote_labels.series_numbers``); ``edition.sty`` prints the numbers as letters, a to z.
    Sphinx labels a footnote within its document's scope (``\\thesphinxscope``), so restarting
    within a document keeps every footnote's label unique."""

    default_priority = 700  # after Sphinx's LaTeX footnote transforms
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        from sphinx.builders.latex.nodes import footnotemark, footnotetext

        def scope(node: nodes.Node) -> str:
            # Sphinx's inline_all_toctrees gives each included document's sections its
            # ``docname`` (the start_of_file wrapping them is not their parent: it takes over
            # the children without re-parenting them, so it cannot be found by walking up).
            parent = node.parent
            while parent is not None and not (
                isinstance(parent, nodes.section) and parent.get("docname")
            ):
                parent = parent.parent
            return parent["docname"] if parent is not None else ""

        notes = [
            note
            for note in self.document.findall(
                lambda n: isinstance(n, (nodes.footnote, footnotetext))
            )
            if note.children and isinstance(note[0], nodes.label)
        ]
        # The series as in HTML and EPUB (footnote_labels.series_numbers): per part, or per
        # section where a part has more than 26, so that every label is one letter.
        paths = [(scope(note), *section_path(note, scope(note))) for note in notes]
        renumbered: dict[tuple[str, str], str] = {}
        for note, path, number in zip(notes, paths, series_numbers(paths), strict=True):
            renumbered[(path[0], note[0].astext())] = str(number)
            note[0].children = [nodes.Text(str(number))]
        for mark in list(self.document.findall(footnotemark)):
            new = renumbered.get((scope(mark), mark.astext()))
            if new:
                mark.children = [nodes.Text(new)]


class AddressesInline(SphinxPostTransform):
    """In the PDF, a link's address follows its text in small type, "text (address)", instead
    of a footnote per link (``latex_show_urls = "no"``); an address shown as itself, and the
    sources of the notes (which print theirs), get none."""

    default_priority = 9
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            uri = reference.get("refuri", "")
            if not re.match(r"https?://", uri) or reference.astext() == uri:
                continue
            if any("anno-sources-print" in a.get("classes", ()) for a in ancestors(reference)):
                continue
            address = nodes.inline("", "", classes=["print-url"])
            address += nodes.reference("", uri, refuri=uri)
            parent = reference.parent
            parent.insert(parent.index(reference) + 1, address)


class GlossaryTermsTogether(SphinxPostTransform):
    """In the PDF, a glossary entry's several terms ("Comisión Nacional de Seguridad", "CNS")
    on one line, "Comisión Nacional de Seguridad · CNS", so that they read as one entry."""

    default_priority = 9
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        from sphinx import addnodes

        for glossary in self.document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                terms = [c for c in item.children if isinstance(c, nodes.term)]
                for extra in terms[1:]:
                    terms[0] += nodes.Text(" · ")
                    terms[0].extend(extra.children)
                    terms[0]["ids"].extend(extra["ids"])
                    item.remove(extra)


class LastPartSmaller(SphinxPostTransform):
    """The book's last part (the colophon) set a size smaller (``edition.sty``), so that the
    book does not end on a page of a few lines."""

    default_priority = 9
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        from sphinx import addnodes

        parts = list(self.document.findall(addnodes.start_of_file))
        if len(parts) < 2:
            return
        last = parts[-1]
        wrapper = nodes.container(classes=["edition-last-part"])
        wrapper.extend(list(last.children))
        last.children = []
        last += wrapper


def use_latex_template(app: Sphinx) -> None:
    """For the LaTeX builder, the package's template (``\\DocumentMetadata``) comes first."""
    if app.builder.name in LATEX and str(LATEX_TEMPLATES) not in app.config.templates_path:
        app.config.templates_path = [str(LATEX_TEMPLATES), *app.config.templates_path]


def setup_print(app: Sphinx) -> None:
    app.connect("builder-inited", use_latex_template)
    app.add_post_transform(CurlySourceTitles)
    app.add_post_transform(PrintTables)
    app.add_post_transform(PrintTablesLatex)
    app.add_post_transform(TablesAsRows)
    app.add_post_transform(PrintNotes)
    app.add_post_transform(FootnotesPerPart)
    app.add_post_transform(AddressesInline)
    app.add_post_transform(GlossaryTermsTogether)
    app.add_post_transform(LastPartSmaller)
    app.add_post_transform(NamesUnhyphenated)
    app.add_post_transform(LongTokensBreakable)
    app.add_post_transform(PathsRaggedRight)
    app.add_post_transform(LeadInsKept)
    app.add_post_transform(HeadLinesKept)
    setup_pagerefs(app)
    setup_citations(app)
    setup_index(app)
    setup_downloads(app)
    setup_paper(app)
