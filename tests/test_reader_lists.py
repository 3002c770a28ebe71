"""What a reader sees in the edition's lists, for any valid set of annotations: a source a note
cites for several passages is named once (its quotes together) on the note's page, in the EPUB's
and the PDF's note, and the general index files a headword that opens with a quotation mark
under its first letter, not under "Symbols".

The test root's notes are changed here into such cases (one source cited twice, titles that open
with quotation marks), so the rules are checked on built output, not on today's notes.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

TWICE = """  - title: "A source"
    publisher: "A publisher"
    date: "2013-10-20"
    url: "https://example.org/a"
    quote: "other words of the same source"
"""


@pytest.fixture
def srcdir(rootdir: Path, tmp_path: Path) -> Path:
    """The annotations root with a source cited twice (two quotes) and titles in quotes."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-annotations", src, ignore=shutil.ignore_patterns("_build"))
    note = src / "annotations" / "span-markup.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("related: [nested-inner]\n", TWICE + "related: [nested-inner]\n"))
    for name, title in (("overlap-a", "“Overlap one”"), ("overlap-b", "‘Écrit’, two")):
        page = src / "annotations" / f"{name}.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'(?m)^title: ".*"$', f"title: '{title}'", text))
    return src


def cited(links: list[str]) -> list[str]:
    return [href for href in links if href.startswith("https://example.org/a")]


def test_a_source_cited_twice_is_named_once(make_app, srcdir: Path) -> None:  # type: ignore[no-untyped-def]
    html = make_app("html", srcdir=srcdir, freshenv=True)
    html.build()
    page = BeautifulSoup(
        (Path(html.outdir) / "annotations/span-markup.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    items = [li for li in page.select("ul.anno-sources > li") if li.select_one("a")]
    hrefs = [li.select_one("a")["href"] for li in items]
    assert len(hrefs) == len(set(hrefs)), hrefs
    entry = next(li for li in items if li.select_one("a")["href"] == "https://example.org/a")
    quotes = [q.get_text(" ", strip=True) for q in entry.select("blockquote")]
    assert quotes == ["“the words of the source”", "“other words of the same source”"]

    epub = make_app("epub", srcdir=srcdir, freshenv=True)
    epub.build()
    article = BeautifulSoup(
        (Path(epub.outdir) / "article.xhtml").read_text(encoding="utf-8"), "html.parser"
    )
    lines = article.select("p.anno-sources-line")
    assert lines
    for line in lines:
        names = [a["href"] for a in line.select("a")]
        assert len(names) == len(set(names)), line.get_text()

    latex = make_app("latex", srcdir=srcdir, freshenv=True)
    latex.build()
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    shorts = re.findall(r"Sources?: (.*?)\.\n", tex, re.S)
    assert shorts
    for short in shorts:
        assert short.count("A publisher, 20") == 1, short


def test_genindex_files_quoted_headwords_by_their_first_letter(make_app, srcdir: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    index = BeautifulSoup(
        (Path(app.outdir) / "genindex.html").read_text(encoding="utf-8"), "html.parser"
    )
    seen = 0
    for heading in index.select("h2"):
        table = heading.find_next_sibling("table")
        for entry in table.select("td > ul > li"):
            word = entry.find(string=True, recursive=True).strip()
            letters = [c for c in unicodedata.normalize("NFKD", word) if c.isalnum()]
            if letters and letters[0].isalpha():
                assert heading.get_text() == letters[0].upper(), (heading.get_text(), word)
                seen += 1
    assert seen >= 2
    # The quoted titles are there, each under its letter.
    text = index.get_text()
    assert "“Overlap one”" in text and "‘Écrit’, two" in text
