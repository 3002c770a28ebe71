"""What readers see, in every output: a number never parted from "¶", "p." or "No."; no
machine labels; the reading text's spaces single in the page (its DOM text is the reading
text, so an exact-match W3C client finds every quote)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from reading_edition.text.spacing import bind_numbers, single_spaces

#: "¶ 2", "p. 3", "No. 7" with a breaking space (or line break) before the number.
BREAKABLE = re.compile(r"(?:¶|\bpp?\.|\bNo\.)[ \t\r\n]+[0-9]")


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("Back to ¶ 2", "Back to ¶\u00a02"),
        ("see p. 14 and pp. 3–5", "see p.\u00a014 and pp.\u00a03–5"),
        ("No. 7, no. 8", "No.\u00a07, no. 8"),
        ("¶\n12", "¶\u00a012"),
        ("Top. 5 and step 3", "Top. 5 and step 3"),
    ],
)
def test_bind_numbers(text: str, bound: str) -> None:
    assert bind_numbers(text) == bound


def test_single_spaces() -> None:
    assert (
        single_spaces("the former\nMexican  president ", False) == "the former Mexican president "
    )
    assert single_spaces(" and\u00a0more", True) == "and\u00a0more"


def shown_text(html: str) -> str:
    """A page's text as readers get it: visible text and the attributes read or drawn."""
    soup = BeautifulSoup(html, "html.parser")
    for code in soup.select("code, pre, script, style"):
        code.decompose()
    attrs = [
        str(tag[name])
        for tag in soup.find_all(True)
        for name in ("data-def", "aria-label", "title", "alt")
        if tag.has_attr(name)
    ]
    return "\n".join([soup.get_text(), *attrs])


def test_every_html_page_keeps_numbers_with_their_sign(edition_html: Path) -> None:
    pages = sorted(edition_html.rglob("*.html"))
    assert pages
    for page in pages:
        found = BREAKABLE.findall(shown_text(page.read_text(encoding="utf-8")))
        assert not found, (page.name, found[:5])


@pytest.mark.slow
def test_the_epub_keeps_numbers_with_their_sign(edition_builds: object) -> None:
    epub = edition_builds.build("epub") / "epub" / "edition.epub"  # type: ignore[attr-defined]
    with zipfile.ZipFile(epub) as book:
        names = [n for n in book.namelist() if n.endswith(".xhtml")]
        assert names
        for name in names:
            found = BREAKABLE.findall(shown_text(book.read(name).decode("utf-8")))
            assert not found, (name, found[:5])


@pytest.mark.slow
def test_the_pdf_keeps_numbers_with_their_sign(edition_builds: object) -> None:
    """In the LaTeX source: "¶", "p." and "No." tied to the number (or page reference) after
    them, the notes and footnotes inside the article's paragraphs included. The article's own
    words have none of these signs."""
    latex = edition_builds.build("latexpdf") / "latex"  # type: ignore[attr-defined]
    tex = (latex / "edition.tex").read_text(encoding="utf-8")
    assert "¶\u00a0" in tex or "¶~" in tex  # the edition does cite paragraphs
    breakable = re.compile(r"(?:¶|\bpp?\.|\bNo\.)[ \t\r\n]+(?:[0-9]|\\(?:page)?ref\b)")
    found = [m.group(0) for m in breakable.finditer(tex)]
    assert not found, found[:5]


def test_readers_see_no_machine_labels(edition_html: Path) -> None:
    """The record of removed residue says its kinds in words (``category tags``), and no page
    names the witness by its file name (a capture's hashed name, ``000_61ef….txt``)."""
    for page in sorted(edition_html.rglob("*.html")):
        # Code literals are for editors (the "make your own edition" page names folders).
        text = shown_text(page.read_text(encoding="utf-8"))
        assert not re.search(r"seeds/|\b\w+_[0-9a-f]{12,}\.txt\b", text), page.name
    article = BeautifulSoup((edition_html / "article.html").read_text("utf-8"), "html.parser")
    tables = article.select("table.removed-residue")
    assert tables
    for table in tables:
        header = [th.get_text(strip=True) for th in table.select("thead th")]
        column = header.index("Kind")
        for row in table.select("tbody tr"):
            kind = row.find_all("td")[column].get_text(strip=True)
            assert re.fullmatch(r"[a-z]+( [a-z]+)*", kind), kind


def test_every_page_frame_uses_typographic_quotes(edition_html: Path) -> None:
    """The header and footer of every page (the copyright line comes from ``conf.py``, where no
    SmartQuotes pass runs) say "edition’s", as the pages' own text does, not "edition's"."""
    for page in sorted(edition_html.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for frame in soup.select(".site-header, .site-footer"):
            text = frame.get_text(" ")
            assert not re.search("['\"]", text), (page.name, text)


def test_the_reading_text_has_single_spaces_in_the_page(edition_html: Path) -> None:
    """The article's paragraphs and the notes among them: no line breaks of the sources, no
    runs of spaces, in the page's text."""
    article = BeautifulSoup((edition_html / "article.html").read_text("utf-8"), "html.parser")
    paragraphs = article.select(".reading-text p")
    assert article.select(".reading-text .anno-note p")
    for para in paragraphs:
        text = para.get_text()
        assert "\n" not in text and "  " not in text, text[:80]
    for para in article.select(".reading-text p.numbered"):
        assert para.get_text() == para.get_text().strip()


def test_publication_titles_are_italic_everywhere(edition_html: Path) -> None:
    """The titles listed in conf.py: in italics wherever the edition's words or its sources
    name them (the article's own words stay as printed; the index lists plain entries)."""
    conf_py = Path(__file__).resolve().parent.parent / "conf.py"
    namespace: dict[str, object] = {"__file__": str(conf_py)}
    exec(compile(conf_py.read_text(encoding="utf-8"), str(conf_py), "exec"), namespace)
    titles = namespace["edition_publication_titles"]
    assert isinstance(titles, list) and titles
    pattern = re.compile("|".join(r"\s+".join(map(re.escape, t.split())) for t in titles))
    checked = 0
    for page in sorted(edition_html.rglob("*.html")):
        if page.name in ("genindex.html", "search.html"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        # The article's words stay as printed: in the article and quoted on a note's page.
        for passage in soup.select(".anno-passage"):
            assert not passage.select("em.publication"), (page.name, passage.get_text()[:80])
        hidden = (
            ".reading-text p.numbered, .anno-passage, .term-definitions, code, pre, title, script"
        )
        for tag in soup.select(hidden):
            tag.decompose()
        for text in soup.find_all(string=pattern):
            checked += 1
            assert text.find_parent("em"), (page.name, str(text)[:80])
    assert checked


def test_the_source_line_says_what_the_pdf_title_page_says(edition_html: Path) -> None:
    """Above ¶ 1 and on the home page: the publication, the date as established, the author
    and the captured address, in the words of the PDF's title page."""
    conf_py = Path(__file__).resolve().parent.parent / "conf.py"
    namespace: dict[str, object] = {"__file__": str(conf_py)}
    exec(compile(conf_py.read_text(encoding="utf-8"), str(conf_py), "exec"), namespace)
    provenance = namespace["edition_provenance"]
    assert isinstance(provenance, list) and len(provenance) >= 4
    from reading_edition import LATEX_DIR

    title_page = (LATEX_DIR / "edition-titlepage.ltx").read_text(encoding="utf-8")
    title_page = " ".join(title_page.replace("--", "–").split())
    for label, words in provenance:
        assert label in title_page, label
        if "://" in words:
            assert words.split("//", 1)[1].split("/")[-1] in title_page, words
        else:
            assert words in title_page, words
    article = BeautifulSoup((edition_html / "article.html").read_text("utf-8"), "html.parser")
    line = article.select_one("p.source-line")
    first = article.select_one(".reading-text p.numbered")
    assert line is not None and first is not None
    assert line.sourceline < first.sourceline  # above ¶ 1
    home = BeautifulSoup((edition_html / "index.html").read_text("utf-8"), "html.parser")
    for page in (article, home):
        shown = page.select_one("p.source-line")
        assert shown is not None
        text = " ".join(shown.get_text().split())
        for label, words in provenance:
            assert f"{label} {words}" in text, (label, text)


def test_the_article_says_once_what_selecting_offers(edition_html: Path) -> None:
    article = BeautifulSoup((edition_html / "article.html").read_text("utf-8"), "html.parser")
    hints = article.select("p.selection-hint")
    assert len(hints) == 1
    assert "cite" in hints[0].get_text() and "annotation" in hints[0].get_text()


def test_reading_texts_finds_what_a_full_walk_finds() -> None:
    """The pruned walk for the reading text (it does not enter paragraphs and other text
    blocks) finds the same containers, in the same order, as ``findall``: at the top, nested
    in another, inside lists, notes and tables, and the root itself."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document
    from reading_edition.sphinxext.reading_text import (
        READING_TEXT_CLASS,
        first_reading_text,
        is_reading_text,
        reading_texts,
    )

    def text(*children: nodes.Node) -> nodes.container:
        return nodes.container("", *children, classes=["other", READING_TEXT_CLASS])

    document = new_document("<test>", get_default_settings(Parser))
    section = nodes.section()
    section += nodes.paragraph("", "before", nodes.emphasis("", "x"))
    section += nodes.container("", nodes.paragraph("", "a plain container"))
    section += text(nodes.paragraph("", "one"), text(nodes.paragraph("", "nested")))
    section += nodes.bullet_list("", nodes.list_item("", text(nodes.paragraph("", "in a list"))))
    section += nodes.note("", nodes.container("", text(nodes.paragraph("", "in a note"))))
    cell = nodes.entry("", text(nodes.paragraph("", "in a table")))
    section += nodes.table("", nodes.tgroup("", nodes.tbody("", nodes.row("", cell))))
    document += section
    expected = list(document.findall(is_reading_text))
    assert len(expected) == 5
    assert list(reading_texts(document)) == expected
    assert first_reading_text(document) is expected[0]
    assert first_reading_text(section[0]) is None
    assert list(reading_texts(expected[0])) == list(expected[0].findall(is_reading_text))
