"""The real edition, built strictly: reading text, paragraph numbers, footnotes, glossary links,
the residue record, and fidelity to the witness (which fails when a word is changed)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from reading_edition.text.fidelity import compare
from reading_edition.text.reading_source import read_article, residue_records

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "docs" / "article.md"
WITNESS = ROOT / "seeds" / "000_61ef67e55749334d.txt"
#: What the edition adds inside the reading text's paragraphs; none of it is the article's, and
#: none of it is text there: the theme draws it from data attributes (clean copy).
EDITORIAL = "a.para-num, a.footnote-reference, .sic, a.anno-marker, .term"


def page(html_dir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((html_dir / name).read_text(encoding="utf-8"), "html.parser")


def reading_text(article: BeautifulSoup) -> list[str]:
    """Headline and paragraphs as the reader sees them, editorial marks removed."""
    headline = article.select_one("h1")
    for link in headline.select("a.headerlink"):
        link.decompose()
    blocks = [" ".join(headline.get_text().split())]
    for para in article.select(".reading-text p.numbered"):
        # The paragraph's text as it is, nothing removed: its text nodes are the words alone.
        blocks.append(" ".join(para.get_text().split()))
    return blocks


def test_paragraphs_are_numbered_and_anchored(edition_html: Path) -> None:
    article = page(edition_html, "article.html")
    numbered = article.select(".reading-text p.numbered")
    assert [p["id"] for p in numbered] == [f"p-{n}" for n in range(1, 11)]
    for n, para in enumerate(numbered, start=1):
        mark = para.select_one("a.para-num")
        # The number is drawn from data-n by the theme: no text node in the paragraph.
        assert mark["href"] == f"#p-{n}" and mark["data-n"] == str(n) and mark.get_text() == ""


def test_footnotes_and_glossary_links(edition_html: Path) -> None:
    for html in edition_html.rglob("*.html"):
        assert "^[" not in html.read_text(encoding="utf-8"), html
    article = page(edition_html, "article.html")
    refs = article.select(".reading-text a.footnote-reference")
    assert len(refs) >= 3
    for ref in refs:
        assert article.find(id=ref["href"][1:]).name == "aside"
    glossary = page(edition_html, "glossary.html")
    terms = article.select('.reading-text a[href^="glossary.html#term-"]')
    texts = {a.get_text(" ", strip=True) for a in terms}
    assert "Tailored Access Operations (TAO) team" in texts and "selectors" in texts
    for link in terms:
        assert glossary.find(id=link["href"].split("#", 1)[1]) is not None, link["href"]


def test_residue_is_shown_to_the_reader(edition_html: Path) -> None:
    article = page(edition_html, "article.html")
    table = article.select_one("table.removed-residue")
    shown = table.get_text(" ")
    for record in residue_records(ARTICLE):
        assert record["text"] in shown and record["reason"] in shown


def test_editorial_marks_are_not_text_of_the_paragraph(edition_html: Path) -> None:
    article = page(edition_html, "article.html")
    marks = article.select(
        ", ".join(f".reading-text p.numbered {m}" for m in EDITORIAL.split(", "))
    )
    assert len(marks) >= 10
    for mark in marks:
        if "term" in mark.get("class", []):
            assert mark.get_text() == mark.a.get_text()  # the term's own words, nothing more
        else:
            assert mark.get_text() == "", mark


def test_built_reading_text_matches_the_witness(edition_html: Path) -> None:
    blocks = reading_text(page(edition_html, "article.html"))
    report = compare(WITNESS.read_text(encoding="utf-8"), residue_records(ARTICLE), blocks)
    assert report.ok, report.message
    # The checker's reading of the source (no build) sees the same words as readers do.
    source = read_article(ARTICLE)
    assert [" ".join(b.split()) for b in [source.headline, *source.paragraphs]] == blocks


def test_fidelity_fails_on_a_changed_word(tmp_path: Path) -> None:
    changed = tmp_path / "article.md"
    text = ARTICLE.read_text(encoding="utf-8").replace(
        "much further against", "much farther against"
    )
    changed.write_text(text.replace("../seeds/", f"{ROOT}/seeds/"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "reading_edition", "check", "--article", str(changed)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "witness has “further”, edition has “farther”" in done.stderr


@pytest.mark.sphinx("html", testroot="fidelity", freshenv=True)
def test_fidelity_in_the_build(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert app.warning.getvalue() == ""


def test_fidelity_in_the_build_fails(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-fidelity", srcdir)
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("Second paragraph.", "Second para."),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert "index.md:3: WARNING: reading text differs from the witness:" in warnings
    assert "witness has “paragraph.”, edition has “para.”" in warnings
    # `edition check` says the same, at the same line, with the same fix.
    command = ["check", "--article", "index.md", "--annotations", "none", "--glossary", "x.md"]
    done = subprocess.run(
        [sys.executable, "-m", "reading_edition", *command],
        cwd=srcdir,
        capture_output=True,
        text=True,
    )
    built = re.search(r"index\.md:3: WARNING: (reading text differs.*?visibly\.)", warnings, re.S)
    assert built, warnings
    assert f"index.md:3: {built[1]}" in done.stderr, done.stderr
    assert built[1].endswith("Restore the witness's words, or record the change visibly.")
    # The summary names the file the problem is in (no annotation file has one).
    assert done.stderr.splitlines()[-1] == "1 problem in index.md.", done.stderr
