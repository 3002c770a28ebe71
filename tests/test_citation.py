"""The edition cited: one version and date from the changelog in every output, the pages'
Highwire and Dublin Core meta tags, and the Cite blocks' BibTeX, RIS and CSL-JSON read back with
parsers other than the writers' (pybtex, rispy, citeproc-py)."""

from __future__ import annotations

import codecs
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import latexcodec  # noqa: F401 (registers the "ulatex" codec)
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_string
from reading_edition.citation.formats import MEDIA_TYPES
from reading_edition.model.diagnostics import LocatedError
from reading_edition.text.release import latest_release, releases

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://editions.example.org/test/"

#: A release that is nobody's today: the outputs must show this, whatever the build's date.
CHANGELOG = """# Changelog

Changes, newest first.

## Version 3.4, 9 March 2031

- A change.

## Version 3.3, 1 January 2030

- An older change.
"""

CONF = f"""
from pathlib import Path
from reading_edition.sphinxext.citation import edition_release

edition_changelog = "changelog.md"
_release = edition_release(Path(__file__).parent / edition_changelog)
release = version = _release.version
edition_date = _release.iso_date
today = _release.written_date
project = "A Test Edition"
author = "The test's editors"
html_theme = "edition"
html_baseurl = "{BASE}"
"""


def page(folder: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((folder / name).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def cited(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The annotations test root with a changelog, a citing page and the edition's theme."""
    src = tmp_path_factory.mktemp("cited") / "src"
    shutil.copytree(rootdir / "test-annotations", src)
    (src / "changelog.md").write_text(CHANGELOG, encoding="utf-8")
    (src / "citing.md").write_text(
        "# How to cite\n\n```{edition-citation}\n```\n", encoding="utf-8"
    )
    # A title that quotes, as some of the edition's do: the Cite block sets it in “…”.
    note = src / "annotations" / "overlap-b.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace('title: "Overlap two"', 'title: "Overlap “two” and \\"three\\""'))
    index = (src / "index.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(index.replace("notes\n", "notes\nchangelog\nciting\n"))
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(CONF)
    out = src.parent / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", str(src), str(out), "-W", "-n", "-q"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return out


def pages_of(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "_static" not in p.parts)


def test_every_page_gives_the_changelog_release(cited: Path) -> None:
    release = latest_release(cited.parent / "src" / "changelog.md")
    assert (release.version, release.iso_date) == ("3.4", "2031-03-09")
    for path in pages_of(cited):
        soup = page(cited, str(path.relative_to(cited)))
        footer = soup.select_one("footer .edition-release")
        assert footer is not None, path
        assert footer.get_text(" ", strip=True).startswith("Edition 3.4, 9 March 2031"), path
        meta = {m["name"]: m["content"] for m in soup.select("meta[name]")}
        assert meta["citation_edition"] == "3.4", path
        assert meta["citation_publication_date"] == "2031/03/09", path
        assert meta["DC.date"] == "2031-03-09", path
        assert meta["citation_publisher"] == "The test's editors", path
        assert meta["citation_title"] and meta["DC.title"] == meta["citation_title"], path
        authors = [m["content"] for m in soup.select('meta[name="citation_author"]')]
        assert authors, path
        if path.name not in {"search.html", "genindex.html"}:
            url = BASE + path.relative_to(cited).as_posix()
            assert meta["citation_public_url"] == url and meta["DC.identifier"] == url, path
    export = json.loads((cited / "annotations.jsonld").read_text(encoding="utf-8"))
    assert export["schema:version"] == "3.4" and export["schema:datePublished"] == "2031-03-09"
    citing = page(cited, "citing.html").select_one(".cite-block .cite-text").get_text()
    assert "A Test Edition" in citing and "version 3.4, 9 March 2031" in citing
    # The front page is the edition; a note's page names its own title and authors.
    front = page(cited, "index.html")
    assert front.select_one('meta[name="citation_title"]')["content"] == "A Test Edition"
    assert not front.select('meta[name="citation_inbook_title"]')
    note = page(cited, "annotations/span-markup.html")
    assert note.select_one('meta[name="citation_title"]')["content"] == "What TAO is"
    assert note.select_one('meta[name="citation_author"]')["content"] == "A. Tester"
    assert note.select_one('meta[name="citation_inbook_title"]')["content"] == "A Test Edition"


#: Each format's file name suffix and media type, by its link's words.
SUFFIXES = {"BibTeX": "bib", "RIS": "ris", "CSL-JSON": "json"}


def cite_formats(soup: BeautifulSoup, path: Path) -> dict[str, str]:
    """The Cite block's formats, as a reader gets them: each by following its link, to a file
    beside the pages (the article, the edition) or to the file the link carries (a note: a
    ``data:`` address that downloads as ``<note>.<suffix>``; tests/test_browser.py clicks it)."""
    line = soup.select_one(".cite-block p.cite-files")
    assert line is not None, path
    found = {}
    for link in line.select("a"):
        label, href = link.get_text(), link["href"]
        if href.startswith("data:"):
            header, _, payload = href.partition(",")
            assert header == f"data:{MEDIA_TYPES[SUFFIXES[label]]};charset=utf-8", href[:80]
            assert link["download"] == f"{path.stem}.{SUFFIXES[label]}", path
            found[label] = unquote(payload, encoding="utf-8", errors="strict")
        else:
            assert href.endswith(f".{SUFFIXES[label]}"), href
            found[label] = (path.parent / href).resolve().read_text(encoding="utf-8")
    return found


def test_cite_blocks_read_back_by_real_parsers(cited: Path) -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from reading_edition.citation.formats import STYLE

    article = page(cited, "article.html")
    notes = [p for p in (cited / "annotations").glob("*.html") if p.stem != "old-name"]
    assert notes
    seen = 0
    for path in [cited / "article.html", *notes]:
        soup = page(cited, str(path.relative_to(cited)))
        formats = cite_formats(soup, path)
        assert set(formats) == {"BibTeX", "RIS", "CSL-JSON"}, path
        # A note's formats travel in its page; the article's are files beside it.
        carried = {a["href"].startswith("data:") for a in soup.select(".cite-files a")}
        assert carried == {path.parent.name == "annotations"}, path
        url = BASE + path.relative_to(cited).as_posix()
        title = soup.select_one('meta[name="citation_title"]')["content"]
        # BibTeX, by pybtex (not bibtexparser, which wrote it); LaTeX escapes decoded.
        database = parse_string(formats["BibTeX"], "bibtex")
        ((_key, entry),) = database.entries.items()
        assert codecs.decode(entry.fields["title"], "ulatex") == title
        assert entry.fields["version"] == "3.4" and entry.fields["date"] == "2031-03-09"
        assert entry.fields["url"] == url
        assert [str(p) for p in entry.persons["author"]]
        # RIS, by rispy.
        (record,) = rispy.loads(formats["RIS"])
        assert record["title"] == title and record["edition"] == "3.4"
        assert record["urls"] == [url] and record["date"] == "2031/03/09"
        # CSL-JSON, by citeproc-py: read and formatted.
        items = json.loads(formats["CSL-JSON"])
        assert items[0]["version"] == "3.4" and items[0]["URL"] == url
        style = CitationStylesStyle(str(STYLE), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        assert "3.4" in str(bibliography.bibliography()[0])
        # The three formats say the same kind of work: the article is the edition (a book), a
        # note is a chapter of it.
        kind = "chapter" if path.parent.name == "annotations" else "book"
        assert items[0]["type"] == kind, path
        assert (entry.type, record["type_of_reference"]) == {
            "book": ("book", "EDBOOK"),
            "chapter": ("incollection", "CHAP"),
        }[kind], path
        if path.parent.name == "annotations":
            # The citation sets the note's title in “…”, its own double quotes made single.
            cited_text = soup.select_one(".cite-block .cite-text").get_text()
            inner = title.replace('"', "”").replace("“", "‘").replace("”", "’")
            inner = re.sub(r"(^|[\s(])’", r"\1‘", inner)
            assert f"“{inner}”" in cited_text, (path, cited_text)
            assert cited_text.count("“") == cited_text.count("”") == 1, (path, cited_text)
            # A note's citation carries the ¶-level permalink of its passage, which exists.
            link = soup.select_one(".cite-block .cite-paragraph a")["href"]
            anchor = link.split("#")[1]
            assert link == f"../article.html#{anchor}" and article.find(id=anchor)
            assert f"{BASE}article.html#{anchor}" in codecs.decode(entry.fields["note"], "ulatex")
            assert f"{BASE}article.html#{anchor}" in record["notes"][0]
            seen += 1
    assert seen == len(notes)


def test_the_release_is_the_latest_heading_and_a_bad_one_is_located(tmp_path: Path) -> None:
    assert [r.version for r in releases(CHANGELOG)] == ["3.4", "3.3"]
    for heading, line_fix in [
        ("## Unreleased", "names no release"),
        ("## Version 3.5, 31 February 2031", "is not a real date"),
        ("## Version 3.5, 9 Mars 2031", "is not a month written out in English"),
    ]:
        text = CHANGELOG.replace("## Version 3.4", heading + "\n\n## Version 3.4")
        path = tmp_path / "changelog.md"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(LocatedError) as caught:
            latest_release(path)
        assert caught.value.line == 5 and line_fix in caught.value.message
        assert "## Version 1.2, 6 December 2026" in caught.value.message  # how to write it


def test_citation_cff_gives_the_changelog_release() -> None:
    release = latest_release(ROOT / "docs" / "changelog.md")
    cff: dict[str, Any] = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["version"]) == release.version, "CITATION.cff: version differs from changelog"
    assert str(cff["date-released"]) == release.iso_date, "CITATION.cff: date differs"


def test_the_edition_html_agrees_with_the_changelog(edition_html: Path) -> None:
    release = latest_release(ROOT / "docs" / "changelog.md")
    index = page(edition_html, "index.html")
    footer = index.select_one("footer .edition-release").get_text(" ", strip=True)
    assert footer.startswith(f"Edition {release.version}, {release.written_date}")
    assert index.select_one('meta[name="citation_edition"]')["content"] == release.version
    citing = page(edition_html, "citing.html").select_one(".cite-block .cite-text").get_text()
    assert f"version {release.version}, {release.written_date}" in citing
    export = json.loads((edition_html / "annotations.jsonld").read_text(encoding="utf-8"))
    assert export["schema:version"] == release.version
    # No other version is offered as the edition's anywhere in the pages' text.
    for path in pages_of(edition_html):
        text = page(edition_html, str(path.relative_to(edition_html))).get_text(" ")
        for found in re.findall(r"\b(?:[Ee]dition|version) (\d+\.\d+)\b(?! was)", text):
            if path.name != "changelog.html":
                assert found == release.version, (path, found)


def test_check_and_build_refuse_a_changelog_heading_that_names_no_release(tmp_path: Path) -> None:
    """One verdict: `edition check` names the file and line first; the strict build stops with
    the same words at the same place (a located warning, no traceback)."""
    for name in ("docs", "annotations", "seeds"):
        shutil.copytree(ROOT / name, tmp_path / name, symlinks=True)
    shutil.copy(ROOT / "conf.py", tmp_path / "conf.py")
    changelog = tmp_path / "docs" / "changelog.md"
    text = changelog.read_text(encoding="utf-8")
    first = text.index("\n## ") + 1
    changelog.write_text(text[:first] + "## Next version\n\n" + text[first:], encoding="utf-8")
    line = text[:first].count("\n") + 1
    expected = f"docs/changelog.md:{line}: the latest heading '## Next version' names no release"
    edition = Path(sys.executable).with_name("edition")
    checked = subprocess.run([str(edition), "check"], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 1 and expected in checked.stderr, checked.stderr
    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dummy", "docs", "out", "-c", ".", "-q", "-W"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert built.returncode != 0 and "Traceback" not in built.stderr
    assert f"{expected.replace(f':{line}: ', f':{line}: WARNING: ')}" in built.stderr, built.stderr
