"""An index of names, places, organisations, code names and terms, made from what the edition
already holds: the glossary's terms and the annotations' titles and ``terms``. Nobody keeps it.

- **HTML (and EPUB)**: ``IndexedNotes`` (read time) gives each annotation page Sphinx index
  entries for its title and terms; the glossary's terms have theirs from Sphinx. So
  ``genindex`` lists the same headwords as the printed index.
- **PDF**: ``PrintIndex`` finds where each headword stands: in the article by paragraph
  (``¶ 4``), elsewhere by page (a label at the start of each paragraph that names it; LaTeX
  gives its page); an annotation's title also points to its note. It appends an Index part,
  sorted with accents folded ("Écija" among the E's). Sphinx's own LaTeX index gives pages only
  and would sort with makeindex; the ¶ numbers need the edition's own entries.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import footnotetext
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.nodes import anno_note
from reading_edition.sphinxext.builders import LATEX
from reading_edition.sphinxext.incremental import GENERATED_FOR_NOTE
from reading_edition.sphinxext.reading_text import ancestors, paragraph_number
from reading_edition.sphinxext.text_hygiene import latex_with_titles

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains.std import StandardDomain
    from sphinx.writers.latex import LaTeXTranslator


def sort_key(headword: str) -> tuple[str, str]:
    """Accents folded, case, quotation marks and a leading article ignored ("Écija" sorts as
    "ecija", "The earlier revelations" as "earlier revelations"), then as written."""
    folded = unicodedata.normalize("NFKD", headword)
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    key = re.sub(r"[^\w ]+", "", plain).casefold().strip()
    return (re.sub(r"^(?:the|a|an) (?=\w)", "", key), headword)


@dataclass
class Entry:
    """One headword: the article's paragraphs and the labels of the other places it stands."""

    headword: str
    paragraphs: set[int] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)


class IndexedNotes(SphinxTransform):
    """Index entries for an annotation page's title and terms (HTML genindex)."""

    default_priority = 210  # after AnnotationPage (200) has made the page and its record

    def apply(self, **kwargs: Any) -> None:
        domain = annotation_domain(self.env)
        record = domain.record_of(self.env.docname)
        section = next(iter(self.document.findall(nodes.section)), None)
        if record is None or section is None or not section["ids"]:
            return
        target = section["ids"][0]
        entries = [
            ("single", index_text(w), target, "", index_letter(w)) for w in headwords_of(record)
        ]
        index = addnodes.index(entries=entries, inline=False)
        index[GENERATED_FOR_NOTE] = True  # not a reason to rewrite the page on every build
        section.insert(1, index)


def index_letter(headword: str) -> str | None:
    """The genindex letter of a headword that opens with a quotation mark or other sign
    (“Just the beginning” among the J's, not under "Symbols"): its first letter, accents folded.
    None (Sphinx's own grouping, by the first character) for every other headword, so that the
    letter's entries stay sorted as Sphinx sorts them. The fifth member of an index entry is
    Sphinx's documented category key."""
    if headword[:1].isalnum():
        return None
    first = next((c for c in sort_key(headword)[0] if c.isalnum()), "")
    return first.upper() if first.isalpha() else None


def index_text(headword: str) -> str:
    """A headword as a ``single`` index entry: its own ";" makes no sub-entry."""
    return headword.replace(";", ",")


def headwords_of(record: Any) -> list[str]:
    """An annotation's title and its terms."""
    return [record.title, *record.terms]


def glossary_terms(env: Any) -> list[str]:
    """The glossary's terms, as the standard domain records them (``{term}`` targets)."""
    std = cast("StandardDomain", env.get_domain("std"))
    return sorted(name for (kind, name) in std.objects if kind == "term")


def own_text(paragraph: nodes.Element) -> str:
    """A paragraph's words without those of footnotes set inside it (LaTeX puts them there),
    nor the LaTeX of raw nodes (``print_finish``'s break points: "NSA_TAO_\\allowbreak{}WHITETAMALE"
    must not read as the word WHITETAMALE)."""
    notes = (nodes.footnote, footnotetext, nodes.raw)
    return "".join(
        str(t)
        for t in paragraph.findall(nodes.Text)
        if not any(isinstance(a, notes) for a in ancestors(t, paragraph))
    )


def term_pattern(headword: str) -> re.Pattern[str]:
    """The headword as a whole word or phrase, its spaces any space."""
    words = [re.escape(w) for w in headword.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


class PrintIndex(SphinxPostTransform):
    """The PDF's index (module docstring)."""

    # After Sphinx's LaTeX footnote transform (600) has put each footnote where it is printed:
    # the places are then met in the book's order, and so are the pages.
    default_priority = 650
    builders = LATEX

    def run(self, **kwargs: Any) -> None:
        domain = annotation_domain(self.env)
        records = sorted(domain.annotations.values(), key=lambda r: r.id)
        entries: dict[str, Entry] = {}
        for word in glossary_terms(self.env):
            entries.setdefault(word, Entry(word))
        for record in records:
            for word in headwords_of(record):
                entries.setdefault(word, Entry(word))
        if not entries:
            return
        titles = {r.id: r.title for r in records}
        patterns = {word: term_pattern(word) for word in entries}
        count = 0
        # A glossary term points to its entry in the glossary too (Sphinx's label for it).
        std = cast("StandardDomain", self.env.get_domain("std"))
        defined = {
            labelid: (name, f"{docname}:{labelid}")
            for (kind, name), (docname, labelid) in std.objects.items()
            if kind == "term" and re.fullmatch(r"[\w:.-]+", f"{docname}:{labelid}", re.A)
        }
        places = (nodes.paragraph, anno_note, nodes.term)
        for paragraph in list(self.document.findall(lambda n: isinstance(n, places))):
            if isinstance(paragraph, nodes.term):
                for labelid in paragraph["ids"]:
                    if labelid in defined:
                        name, label = defined[labelid]
                        entries[name].labels.append(label)
                continue
            if isinstance(paragraph, anno_note):
                # A title points to its note: the passage's paragraph and the note's page.
                title = titles.get(paragraph.get("anno", ""))
                if title is not None:
                    if paragraph.get("paragraph"):
                        entries[title].paragraphs.add(int(paragraph["paragraph"]))
                    entries[title].labels.append(f"anno-note-{paragraph['anno']}")
                continue
            if any(isinstance(a, nodes.term) for a in ancestors(paragraph)):
                continue
            text = own_text(paragraph)
            found = [w for w, p in patterns.items() if p.search(text)]
            if not found:
                continue
            number = next(iter(paragraph.findall(paragraph_number)), None)
            if number is not None:
                for word in found:
                    entries[word].paragraphs.add(int(number["number"]))
                continue
            count += 1
            label = f"edition-ix-{count}"
            paragraph.insert(0, index_label(label=label))
            for word in found:
                entries[word].labels.append(label)
        listed = [e for e in entries.values() if e.paragraphs or e.labels]
        self.document += index_part(sorted(listed, key=lambda e: sort_key(e.headword)))


class index_label(nodes.Inline, nodes.Element):
    """A place an index entry points to (LaTeX: a label, whose page the index prints)."""


class index_entry(nodes.Part, nodes.Element):
    """One line of the printed index: headword, ¶ numbers, page labels."""


def index_part(entries: list[Entry]) -> nodes.section:
    section = nodes.section(ids=["edition-index"], classes=["edition-index"])
    section += nodes.title("Index", "Index")
    letter = ""
    for n, entry in enumerate(entries):
        first = sort_key(entry.headword)[0][:1]
        section += index_entry(
            headword=entry.headword,
            paragraphs=sorted(entry.paragraphs),
            labels=entry.labels,
            group=first != letter,
            # The last entries keep together: the book never ends on a page of one entry.
            keep=n >= len(entries) - 3 and n > 0,
        )
        letter = first
    return section


def headword_latex(self: LaTeXTranslator, headword: str) -> str:
    """A headword in LaTeX, the publication titles in it in italics, as the text sets them
    (``edition_publication_titles``, ``text_hygiene.PublicationTitlesInItalics``)."""
    return latex_with_titles(self, headword)


def visit_index_label(self: LaTeXTranslator, node: index_label) -> None:
    self.body.append(rf"\editionindextarget{{{node['label']}}}")
    raise nodes.SkipNode


def visit_index_entry(self: LaTeXTranslator, node: index_entry) -> None:
    paragraphs = ", ".join(str(n) for n in node["paragraphs"])
    if node["group"]:
        self.body.append("\n\\editionindexgroup")
    if node.get("keep"):
        self.body.append("\n\\nopagebreak")
    self.body.append(
        f"\n\\editionindexentry{{{headword_latex(self, node['headword'])}}}"
        f"{{{paragraphs}}}{{{','.join(node['labels'])}}}\n"
    )
    raise nodes.SkipNode


def setup_index(app: Sphinx) -> None:
    app.add_node(index_label, latex=(visit_index_label, None))
    app.add_node(index_entry, latex=(visit_index_entry, None))
    app.add_transform(IndexedNotes)
    app.add_post_transform(PrintIndex)
