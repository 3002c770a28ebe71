"""The sources register page (``{sources-register}``), its CSL-JSON, and the PDF's short forms.

One model (:mod:`reading_edition.citation.register`) from the annotations' front matter (the
annotation domain's records) and the pages' footnotes (read here on ``doctree-read`` and kept in
:class:`SourcesDomain`). The register lists every source once, with its quotes, the notes and
pages citing it, and its standing; HTML and EPUB show it as a page, the PDF as its sources list
(ragged right, hanging indent, addresses broken only after ``/``, ``.`` or ``-``: the
``source-*`` environments of ``edition.sty``). The HTML build also writes ``sources.json``
(CSL-JSON, which Zotero, citeproc and pandoc read), linked from the page.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.util import logging

from reading_edition.citation.formats import csl_json, formatted
from reading_edition.citation.register import (
    ANALYSIS,
    DECLARED_STANDINGS,
    PRIMARY,
    REPORT,
    VIA,
    Citing,
    Entry,
    build_register,
    entry_work,
    footnote_sources,
)
from reading_edition.model.annotation import Source
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.builders import EXPORTING, LATEX
from reading_edition.sphinxext.reading_text import EditorialDirective, ancestors
from reading_edition.sphinxext.state_domain import Data, StateDomain
from reading_edition.sphinxext.text_hygiene import tidy_late_text
from reading_edition.text.dates import for_people
from reading_edition.text.quotation import curl_quotes, quoted

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

CSL_FILE = "sources.json"
logger = logging.getLogger(__name__)

GROUPS = (
    (PRIMARY, "Primary records"),
    (REPORT, "News reports"),
    (ANALYSIS, "Analysis and reference works"),
    (VIA, "Copies read via"),
)


class SourcesDomain(StateDomain):
    """Footnote citations of each page and the pages holding the register."""

    name = "sources"
    label = "Sources register"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "footnotes": {},  # docname → [(Source, footnote id)]
        "registers": {},  # docname → True
    }
    per_document = ("footnotes", "registers")

    footnotes: Data[dict[str, list[tuple[Source, str]]]] = Data()
    registers: Data[dict[str, bool]] = Data()


def sources_domain(env: BuildEnvironment) -> SourcesDomain:
    return cast("SourcesDomain", env.get_domain("sources"))


class sources_register(nodes.General, nodes.Element):
    """Where the register goes; filled once every page has been read."""


class source_url(nodes.General, nodes.TextElement):
    """A source's address: a link in HTML; in print, the scheme kept whole ("https://") and the
    rest breakable only after / . - (edition.sty's \\editionsourceurl)."""


def visit_source_url_html(self: HTML5Translator, node: source_url) -> None:
    uri = self.attval(node["refuri"])
    self.body.append(f'<a class="reference external source-url" href="{uri}">')


def depart_source_url_html(self: HTML5Translator, node: source_url) -> None:
    self.body.append("</a>")


def visit_source_url_latex(self: LaTeXTranslator, node: source_url) -> None:
    uri = node["refuri"]
    scheme, _, rest = uri.partition("//") if "//" in uri else ("", "", uri)
    prefix = self.encode(scheme + "//") if scheme else ""
    self.body.append(
        rf"\editionsourceurl{{{self.encode_uri(uri)}}}{{{prefix}}}{{{self.encode_uri(rest)}}}"
    )
    raise nodes.SkipNode


class SourcesRegisterDirective(EditorialDirective):
    """``{sources-register}``: every cited source, once (the edition's sources page)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.refuse_in_annotations()
        sources_domain(self.env).registers[self.env.docname] = True
        return [sources_register()]


def _parts(footnote: nodes.Element) -> list[str | tuple[str, str]]:
    """A footnote as text and web addresses, in order (its label left out)."""
    parts: list[str | tuple[str, str]] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, nodes.label):
            return
        if isinstance(node, nodes.reference) and re.match(r"https?://", node.get("refuri", "")):
            parts.append((node["refuri"], node.astext()))
            return
        if isinstance(node, nodes.Text):
            parts.append(str(node))
            return
        if isinstance(node, nodes.Element):
            for child in node.children:
                walk(child)
            if isinstance(node, nodes.paragraph):
                parts.append(" ")

    walk(footnote)
    return parts


def _in_footnote(node: nodes.Node) -> bool:
    return any(isinstance(a, nodes.footnote) for a in ancestors(node))


def _anchor(node: nodes.Node) -> str:
    """The id to link to for a paragraph: its glossary term's, or its nearest section's."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.definition_list_item):
            term = next(iter(parent.findall(nodes.term)), None)
            if term is not None and term["ids"]:
                return str(term["ids"][0])
        if isinstance(parent, nodes.section) and parent["ids"]:
            return str(parent["ids"][0])
        parent = parent.parent
    return ""


def collect_footnotes(app: Sphinx, doctree: nodes.document) -> None:
    """The sources cited in a page's footnotes and "Source:" paragraphs (annotation pages cite
    in their front matter)."""
    docname = app.env.docname
    if annotation_domain(app.env).record_of(docname) is not None:
        return
    found: list[tuple[Source, str]] = []
    for footnote in doctree.findall(nodes.footnote):
        anchor = footnote["ids"][0] if footnote["ids"] else ""
        found += [(source, anchor) for source in footnote_sources(_parts(footnote))]
    # A page's own "Source: …" paragraphs (the glossary's entries cite this way), read alike.
    for para in list(doctree.findall(nodes.paragraph)):
        if not re.match(r"Sources?:", para.astext()) or _in_footnote(para):
            continue
        anchor = _anchor(para)
        found += [(source, anchor) for source in footnote_sources(_parts(para))]
    if found:
        sources_domain(app.env).footnotes[docname] = found


def citations(env: BuildEnvironment) -> list[tuple[Source, Citing]]:
    """Every citation of the edition: the notes' sources (in reading order), then the pages'
    footnotes (in document order)."""
    domain = annotation_domain(env)
    found: list[tuple[Source, Citing]] = []
    for record in domain.in_reading_order():
        where = Citing(record.docname, record.title, "note")
        found += [(source, where) for source in record.sources]
    for docname in sorted(sources_domain(env).footnotes):
        title = env.titles[docname].astext() if docname in env.titles else docname
        for source, anchor in sources_domain(env).footnotes[docname]:
            found.append((source, Citing(docname, title, "page", anchor)))
    return found


#: The register of the environment being written, built once (its pages are read by then).
_BUILT: weakref.WeakKeyDictionary[BuildEnvironment, tuple[int, list[Entry], dict[str, str]]] = (
    weakref.WeakKeyDictionary()
)


def _built(env: BuildEnvironment) -> tuple[list[Entry], dict[str, str]]:
    """The entries and each entry's short form, computed once for the citations as they are."""
    found = citations(env)
    sites = env.config.edition_source_standings
    signature = hash((tuple((s.key, s.quote, w) for s, w in found), tuple(sorted(sites.items()))))
    cached = _BUILT.get(env)
    if cached is None or cached[0] != signature:
        entries = build_register(found, sites)
        shorts = {e.id: short for e, (_, short) in zip(entries, _texts(entries), strict=True)}
        cached = _BUILT[env] = (signature, entries, shorts)
    return cached[1], cached[2]


def _texts(entries: list[Entry]) -> list[tuple[str, str]]:
    return formatted([entry_work(e) for e in entries])


def register_entries(env: BuildEnvironment) -> list[Entry]:
    return _built(env)[0]


def register_docname(env: BuildEnvironment) -> str | None:
    return min(sources_domain(env).registers, default=None)


def render_register(app: Sphinx, fromdoc: str, entries: list[Entry]) -> nodes.Element:
    builder = app.builder
    html = builder.name in EXPORTING  # the builds that write sources.json beside the pages
    latex = builder.name in LATEX
    container = nodes.container(classes=["sources-register"])
    intro = nodes.paragraph(classes=["sources-intro"])
    notes = {c.docname for e in entries for c in e.citing if c.kind == "note"}
    pages = {c.docname for e in entries for c in e.citing if c.kind == "page"}
    intro += nodes.Text(
        f"{len(entries)} sources, each listed once with the words the edition relies on and "
        f"the notes ({len(notes)}) and pages ({len(pages)}) that cite it."
    )
    if html:
        intro += nodes.Text(" For reference managers (Zotero, citeproc, pandoc): ")
        uri = builder.get_target_uri(fromdoc)
        depth = uri.count("/")
        intro += nodes.reference(
            "", f"all sources as CSL-JSON ({CSL_FILE})", refuri="../" * depth + CSL_FILE
        )
        intro += nodes.Text(".")
    container += intro
    texts = formatted([entry_work(e) for e in entries])
    for standing_name, heading in GROUPS:
        group = [(e, t) for e, t in zip(entries, texts, strict=True) if e.standing == standing_name]
        if not group:
            continue
        container += nodes.rubric(heading, heading, classes=["sources-group"])
        for entry, (text, _short) in group:
            container += _entry(app, fromdoc, entry, text, latex)
    return container


def _entry(app: Sphinx, fromdoc: str, entry: Entry, text: str, latex: bool) -> nodes.Element:
    builder = app.builder
    source = entry.source
    box = nodes.container(classes=["source-entry"], ids=[entry.id])
    head = nodes.paragraph(classes=["source-text"])
    if latex:
        head += nodes.target("", "", ids=[entry.id])
    head += nodes.Text(curl_quotes(for_people(text)))
    if source.url:
        head += nodes.Text(" ")
        head += source_url(source.url, source.url, refuri=source.url)
    box += nodes.container("", head, classes=["source-head"])
    extra = nodes.paragraph(classes=["source-standing"])
    extra += nodes.Text(entry.standing[0].upper() + entry.standing[1:])
    if source.via:
        extra += nodes.Text(": “" + source.via.title + "”, " + source.via.publisher + ", ")
        extra += source_url(source.via.url, source.via.url, refuri=source.via.url)
    extra += nodes.Text(".")
    if source.archived_url:
        extra += nodes.Text(" Archived copy: ")
        extra += source_url(source.archived_url, source.archived_url, refuri=source.archived_url)
        extra += nodes.Text(".")
    box += extra
    for quote in entry.quotes:
        box += nodes.paragraph("", quoted(quote), classes=["source-quote"])
    cited = nodes.paragraph(classes=["source-cited-by"])
    cited += nodes.Text("Cited in ")
    for i, where in enumerate(entry.citing):
        if i:
            cited += nodes.Text(", ")
        label = f"the note {quoted(where.label)}" if where.kind == "note" else where.label
        if latex and where.kind == "note":
            cited += nodes.Text(label)  # in print the notes are the apparatus, not pages
            continue
        uri = builder.get_relative_uri(fromdoc, where.docname)
        if where.anchor and not latex:
            uri += "#" + where.anchor
        cited += nodes.reference("", label, refuri=uri, internal=True)
    cited += nodes.Text(".")
    box += cited
    return box


def fill_register(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(sources_register))
    if not placeholders:
        return
    entries = register_entries(app.env)
    for placeholder in placeholders:
        rendered = render_register(app, docname, entries)
        tidy_late_text(rendered, app.config.edition_publication_titles)
        placeholder.replace_self(rendered)


def register_outdated(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """The register lists what every page cites: rewritten whenever any page changes."""
    if not (added or changed or removed):
        return []
    return sorted(set(sources_domain(env).registers) - set(changed) - set(added))


def write_csl(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in EXPORTING:
        return
    if register_docname(app.env) is None:
        return
    works = [entry_work(e) for e in register_entries(app.env)]
    Path(app.outdir, CSL_FILE).write_text(csl_json(works), encoding="utf-8")


def print_short_forms(env: BuildEnvironment, sources: Iterable[Source]) -> nodes.paragraph:
    """A note's sources in print: "Sources: Publisher, date; …", each pointing to its entry in
    the sources list (the addresses and quotes are there)."""
    register = register_docname(env)
    entries, short_forms = _built(env) if register else ([], {})
    by_key = {e.source.key: e for e in entries}
    para = nodes.paragraph(classes=["anno-source-print"])
    # A source a note cites for several quotes is one entry of the list: named once.
    first: dict[str, Source] = {}
    for source in sources:
        first.setdefault(source.key, source)
    sources = list(first.values())
    para += nodes.Text("Source: " if len(sources) == 1 else "Sources: ")
    shorts = [
        for_people(short_forms[by_key[s.key].id])
        if s.key in by_key
        else f"{s.publisher}, {for_people(s.date)}"
        for s in sources
    ]
    for i, (source, text) in enumerate(zip(sources, shorts, strict=True)):
        if i:
            para += nodes.Text("; ")
        if shorts.count(text) > 1:  # two sources of one publisher and date: their titles too
            text += f", {quoted(source.title)}"
        entry = by_key.get(source.key)
        if entry is None:
            para += nodes.Text(text)
            continue
        para += nodes.reference("", text, refuri=f"%{register}#{entry.id}", internal=True)
    para += nodes.Text("" if shorts and shorts[-1].endswith(".") else ".")  # not "n.d.."
    return para


def check_source_standings(app: Sphinx) -> None:
    """Each site's standing must be one a source may declare: said at conf.py, with the list
    (when the builder is ready: a located warning needs the environment)."""
    conf = Path(app.confdir, "conf.py")
    lines = conf.read_text(encoding="utf-8").splitlines() if conf.is_file() else []
    for site, said in app.config.edition_source_standings.items():
        if said not in DECLARED_STANDINGS:
            line = next((n for n, text in enumerate(lines, 1) if site in text), 1)
            logger.warning(
                f"edition_source_standings: {site!r} is given {said!r}, which is not a "
                f"standing; use one of {', '.join(map(repr, DECLARED_STANDINGS))}",
                location=f"{conf}:{line}",
                type="edition",
                subtype="config",
            )


def setup_sources_register(app: Sphinx) -> None:
    # What the pages of a site are, for the sources register, when a source cited in a page's
    # footnote says nothing of itself: {"electrospaces.net": "analysis or reference"}.
    app.add_config_value("edition_source_standings", {}, "env", types=frozenset({dict}))
    app.connect("builder-inited", check_source_standings)
    app.add_domain(SourcesDomain)
    app.add_node(sources_register)
    app.add_node(
        source_url,
        # (No epub= entry: the EPUB builder takes the html visitors only while no visitor is
        # registered under its own name.)
        html=(visit_source_url_html, depart_source_url_html),
        latex=(visit_source_url_latex, None),
        text=(lambda self, node: None, lambda self, node: None),
    )
    app.add_directive("sources-register", SourcesRegisterDirective)
    app.connect("doctree-read", collect_footnotes)
    app.connect("doctree-resolved", fill_register)
    app.connect("env-get-outdated", register_outdated)
    app.connect("build-finished", write_csl)
