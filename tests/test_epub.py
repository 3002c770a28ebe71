"""The EPUB: build the real edition once, validate it with epubcheck, read its metadata and text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from reading_edition.model.annotation import MovedAnnotation, annotation_files, load_annotation
from reading_edition.sphinxext.epub_edition import loaded_files
from reading_edition.text.dates import ISO_DATE
from reading_edition.text.release import latest_release

from tests.conftest import EPOCH, STRICT, EditionBuilds

#: Builds the PDF, the EPUB or whole editions: outside the fast subset (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}


def epubcheck_command() -> list[str]:
    """Debian installs epubcheck as a bare .jar on PATH (run by binfmt_misc where available)."""
    found = shutil.which("epubcheck")
    assert found, "epubcheck is not installed (tools/system_deps.sh test)"
    real = os.path.realpath(found)
    return ["java", "-jar", real] if real.endswith(".jar") else [found]


@pytest.fixture(scope="module")
def epub(edition_builds: EditionBuilds) -> Path:
    """The EPUB as ``make epub`` builds it, strictly (the session's build)."""
    return edition_builds.build("epub") / "epub" / "edition.epub"


@pytest.fixture(scope="module")
def epub_dir(epub: Path) -> Path:
    """The EPUB's build folder: its files as the archive holds them."""
    return epub.parent


def read(epub: Path, name: str) -> str:
    with zipfile.ZipFile(epub) as archive:
        return archive.read(name).decode("utf-8")


def test_epubcheck_passes_without_warnings(epub: Path) -> None:
    result = subprocess.run(
        [*epubcheck_command(), str(epub)], capture_output=True, text=True, timeout=300
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "No errors or warnings detected" in report, report
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in report, report


def test_metadata_identifier_language_and_dates(epub: Path) -> None:
    opf = ElementTree.fromstring(read(epub, "content.opf"))
    unique = opf.get("unique-identifier")
    identifier = opf.find(f"opf:metadata/dc:identifier[@id='{unique}']", NS)
    assert identifier is not None and identifier.text, "no dc:identifier for unique-identifier"
    ncx = ElementTree.fromstring(read(epub, "toc.ncx"))
    uid = ncx.find("ncx:head/ncx:meta[@name='dtb:uid']", NS)
    assert uid is not None and uid.get("content") == identifier.text
    assert opf.findtext("opf:metadata/dc:language", namespaces=NS) == "en"
    assert opf.findtext("opf:metadata/dc:title", namespaces=NS) == (
        "NSA ‘Hacked Mexican Presidential Communications’"
    )
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(EPOCH)))
    # dc:date is the edition's release (the changelog's latest heading); only dcterms:modified
    # is the build's date (SOURCE_DATE_EPOCH).
    release = latest_release(ROOT / "docs" / "changelog.md")
    assert opf.findtext("opf:metadata/dc:date", namespaces=NS) == release.iso_date
    version = opf.find("opf:metadata/opf:meta[@property='schema:version']", NS)
    assert version is not None and version.text == release.version
    modified = opf.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS)
    assert modified is not None and modified.text == stamp


def test_article_with_notes_and_accents(epub: Path) -> None:
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
    assert "article.xhtml" in names, names
    article = read(epub, "article.xhtml")
    text = re.sub(r"<[^>]+>", "", article)
    assert "NSA hacked into email accounts of former Mexican president" in text
    assert "Peña Nieto" in text and "Calderón" in text
    assert "^[" not in text, "an inline footnote was not parsed"
    assert 'role="doc-footnote"' in article or 'class="footnote' in article
    glossary = re.sub(r"<[^>]+>", "", read(epub, "glossary.xhtml"))
    assert "Tailored Access Operations" in glossary


def test_annotation_notes_are_whole(epub: Path) -> None:
    """The HTML article carries notes in brief; the EPUB's article carries each note whole: its
    body as on the annotation's own page and, for an annotation with sources, its sources line.
    Moved annotations keep a page but are no note."""
    article = BeautifulSoup(read(epub, "article.xhtml"), "html.parser")
    asides = article.select("aside[id^=note-]")
    notes = {aside["id"].removeprefix("note-"): aside for aside in asides}
    loaded = [load_annotation(f) for f in annotation_files(ROOT / "annotations")]
    current = [a for a in loaded if not isinstance(a, MovedAnnotation)]
    assert set(notes) == {a.id for a in current}
    for annotation in current:
        note = notes[annotation.id]
        assert (note.select_one(".anno-sources-line") is not None) == bool(annotation.sources)
        page = BeautifulSoup(read(epub, f"annotations/{annotation.id}.xhtml"), "html.parser")
        body = note.select_one(".anno-body")
        # The note carries the body's footnotes with it (the page has them after its body);
        # their letters run on from the article's.
        footnotes = [" ".join(f.get_text().split()[1:]) for f in body.select(".footnote")]
        assert footnotes == [" ".join(f.get_text().split()[1:]) for f in page.select(".footnote")]
        whole = " ".join(without_footnotes(page.select_one(".anno-body")).get_text().split())
        assert " ".join(without_footnotes(body).get_text().split()) == whole


def without_footnotes(element: Any) -> Any:
    """A copy of ``element`` without footnotes and footnote marks."""
    copy = BeautifulSoup(str(element), "html.parser")
    for found in copy.select(".footnote, .footnote-reference"):
        found.decompose()
    return copy


# --- A finished, accessible publication -----------------------------------------------------------

XHTML = "application/xhtml+xml"
EPUB_TYPE = "epub:type"


def package(epub: Path) -> ElementTree.Element:
    return ElementTree.fromstring(read(epub, "content.opf"))


def content_documents(epub: Path) -> dict[str, str]:
    """Manifest id → href of every XHTML content document (the navigation document included)."""
    items = package(epub).findall("opf:manifest/opf:item", NS)
    return {i.get("id", ""): i.get("href", "") for i in items if i.get("media-type") == XHTML}


def test_every_content_document_says_its_language(epub: Path) -> None:
    lang = package(epub).findtext("opf:metadata/dc:language", namespaces=NS)
    assert lang
    documents = content_documents(epub)
    assert len(documents) > 10
    for href in documents.values():
        root = ElementTree.fromstring(read(epub, href))
        xml_lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
        assert root.get("lang") == lang and xml_lang == lang, f"{href}: no lang={lang!r}"


def test_notes_and_footnotes_are_epub_notes(epub: Path) -> None:
    """Every marker is a noteref whose target is a note (footnote, endnote or aside), in the
    same document: reading systems then show the note as a pop-up. Annotation notes are
    numbered 1, 2, 3 in reading order; footnotes lettered a, b, c on each page."""
    documents = content_documents(epub)
    markers = 0
    for href in documents.values():
        page = BeautifulSoup(read(epub, href), "html.parser")
        refs = page.select("a.anno-marker, a.footnote-reference")
        letters = [a.get_text().strip("[]") for a in page.select("a.footnote-reference")]
        assert all(re.fullmatch(r"[a-z]+", x) for x in letters), f"{href}: {letters}"
        for ref in refs:
            markers += 1
            assert ref.get(EPUB_TYPE) == "noteref" and ref.get("role") == "doc-noteref", ref
            target = page.find(id=ref["href"].removeprefix("#"))
            assert target is not None, f"{href}: {ref['href']} leads nowhere"
            note = target if target.name == "aside" else target.find_parent("aside")
            assert note is not None and note.get(EPUB_TYPE) in {"footnote", "endnote", "aside"}, (
                f"{href}: the target of {ref['href']} is no EPUB note"
            )
            assert note.get("role") in {"doc-footnote", "doc-endnote", None}, note.get("role")
    assert markers, "no note markers at all"
    article = BeautifulSoup(read(epub, "article.xhtml"), "html.parser")
    # Numbered 1..N (a passage inside a longer one puts its marker before the longer one's).
    numbers = sorted(int(a.get_text()) for a in article.select("a.anno-marker"))
    assert numbers == list(range(1, len(numbers) + 1))


def test_spine_reads_each_note_once(epub: Path) -> None:
    """The cover and the title page open the book; the annotations' own pages are outside the
    linear reading order (their notes are in the article); nothing is read twice."""
    opf = package(epub)
    hrefs = {i.get("id"): i.get("href") for i in opf.findall("opf:manifest/opf:item", NS)}
    spine = [(hrefs[r.get("idref")], r.get("linear", "yes")) for r in opf.find("opf:spine", NS)]
    linear = [href for href, flag in spine if flag != "no"]
    assert len(linear) == len(set(linear)), "a document is twice in the reading order"
    assert linear[:2] == ["epub-cover.xhtml", "titlepage.xhtml"], linear[:3]
    pages = {f"annotations/{f.stem}.xhtml" for f in annotation_files(ROOT / "annotations")}
    assert pages and pages <= {href for href, _ in spine}
    assert not pages & set(linear), f"annotation pages in the linear order: {pages & set(linear)}"
    cover = opf.find("opf:manifest/opf:item[@properties='cover-image']", NS)
    assert cover is not None and cover.get("media-type") == "image/svg+xml"
    svg = read(epub, cover.get("href", ""))
    title = opf.findtext("opf:metadata/dc:title", namespaces=NS) or ""
    assert all(word in svg for word in title.split()), "the cover is not made from the title"


def spine_idrefs(epub: Path) -> list[str]:
    spine = package(epub).find("opf:spine", NS)
    assert spine is not None
    return [r.get("idref", "") for r in spine]


def test_building_again_in_the_same_folder_lists_each_document_once(
    epub: Path, tmp_path: Path
) -> None:
    """`make epub` run a second time (the folder holds the last build's cover page) gives the
    same spine: a document listed twice is an epubcheck error (RSC-005) and some reading
    systems show the cover and the title page twice."""
    out = tmp_path / "build"
    shutil.copytree(epub.parent.parent, out)
    done = subprocess.run(
        [*(sys.executable, "-m", "sphinx", "-M", "epub", "docs", str(out)), "-c", ".", *STRICT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert done.returncode == 0 and not done.stderr, done.stderr[-2000:]
    again = spine_idrefs(out / "epub" / "edition.epub")
    assert len(again) == len(set(again)), "a document is twice in the spine"
    assert again == spine_idrefs(epub)


def test_title_page(epub: Path) -> None:
    page = BeautifulSoup(read(epub, "titlepage.xhtml"), "html.parser")
    text = " ".join(page.get_text().split())
    assert page.find(attrs={EPUB_TYPE: "titlepage"}) is not None
    for words in ("An annotated reading edition", "Published by", "Original", "Edition"):
        assert words in text, f"the title page lacks {words!r}: {text}"


def test_accessibility_metadata(epub: Path) -> None:
    metas = package(epub).findall("opf:metadata/opf:meta", NS)
    found = {m.get("property"): (m.text or "") for m in metas}
    for prop in (
        "schema:accessMode",
        "schema:accessModeSufficient",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
    ):
        assert found.get(prop), f"no {prop}"


def test_curly_quotes_in_source_titles(epub: Path) -> None:
    article = BeautifulSoup(read(epub, "article.xhtml"), "html.parser")
    titles = [a.get_text() for a in article.select(".anno-sources-line a")]
    assert titles
    assert not [t for t in titles if "'" in t or '"' in t], "typewriter quotes in source titles"


def ace_command() -> list[str]:
    ace = ROOT / "node_modules" / ".bin" / "ace-cli"
    assert ace.exists(), "Ace by DAISY is not installed: run `make node-deps` (Node >= 20)"
    return [str(ace), "-s", "-f"]


def test_ace_by_daisy_finds_no_violation(epub: Path, tmp_path: Path) -> None:
    """Ace by DAISY (pinned in package.json), on Debian's Chromium: not one violation."""
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium"}
    done = subprocess.run(
        [*ace_command(), "-o", str(tmp_path / "ace"), str(epub)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    report_file = tmp_path / "ace" / "report.json"
    assert report_file.exists(), done.stdout + done.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    violations = [
        (a["earl:test"]["dct:title"], a["earl:test"]["earl:impact"], doc["earl:testSubject"]["url"])
        for doc in report.get("assertions", [])
        for a in doc.get("assertions", [])
        if a.get("earl:result", {}).get("earl:outcome") == "fail"
    ]
    print(f"\nAce: {len(violations)} violations")
    assert not violations, violations


def test_article_fits_600_pixels(epub_dir: Path) -> None:
    """The EPUB's article in a 600 px reading system: no sideways scrolling (tables included)."""
    from edition_lab.browser import chromium, horizontal_overflow, serve

    with serve(epub_dir) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 600, "height": 900})
        page.goto(base + "article.xhtml")
        assert horizontal_overflow(page) == 0
        widths = page.evaluate(
            "[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)"
        )
        assert widths and max(widths) <= 600, widths


#: The rules drawn between a page's text and its footnotes: a shown <hr> just before the list,
#: and the list's own top border.
RULES_BEFORE_FOOTNOTES_JS = """() => [...document.querySelectorAll('aside.footnote-list')]
  .map(list => {
  const before = list.previousElementSibling;
  const hr = before && before.matches('hr') && getComputedStyle(before).display !== 'none' ? 1 : 0;
  return hr + (parseFloat(getComputedStyle(list).borderTopWidth) > 0 ? 1 : 0);
})"""


#: Each footnote whose text does not start on its label's line (a footnote cited twice has
#: its back links, "(1,2)", after the label).
TEXT_BELOW_LABEL_JS = """() => [...document.querySelectorAll('aside.footnote')].filter(n => {
  const label = n.querySelector('.label'), text = n.querySelector('p');
  return label && text && text.getBoundingClientRect().top >= label.getBoundingClientRect().bottom;
}).map(n => n.id)"""


def test_footnotes_are_set_off_by_one_rule_and_start_on_their_label_line(epub_dir: Path) -> None:
    """Each page's footnotes, rendered at 600 px, follow one rule (not a short one and then a
    full-width one), and each footnote's text starts on the line of its label and back links."""
    from edition_lab.browser import chromium, serve

    pages = [
        p.relative_to(epub_dir).as_posix()
        for p in sorted(epub_dir.rglob("*.xhtml"))
        if "footnote-list" in p.read_text(encoding="utf-8")
    ]
    assert pages
    with serve(epub_dir) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 600, "height": 900})
        for name in pages:
            page.goto(base + name)
            rules = page.evaluate(RULES_BEFORE_FOOTNOTES_JS)
            assert rules and set(rules) == {1}, (name, rules)
            assert page.evaluate(TEXT_BELOW_LABEL_JS) == [], name


#: Each rubric (a note page's "Sources", "Related annotations") that is set like the body text:
#: same size, upright, regular weight.
PLAIN_RUBRICS_JS = """() => {
  const body = getComputedStyle(document.body);
  return [...document.querySelectorAll('p.rubric')].filter(r => {
    const s = getComputedStyle(r);
    return s.fontSize === body.fontSize && s.fontStyle === body.fontStyle
      && Number(s.fontWeight) < 600;
  }).map(r => r.textContent);
}"""


def assert_none_found_at_600(epub_dir: Path, holding: str, find_js: str) -> None:
    """Every page of the EPUB whose source holds ``holding``, rendered at 600 px: ``find_js``
    finds nothing wrong on it (and there is such a page)."""
    from edition_lab.browser import chromium, serve

    pages = [
        p.relative_to(epub_dir).as_posix()
        for p in sorted(epub_dir.rglob("*.xhtml"))
        if holding in p.read_text(encoding="utf-8")
    ]
    assert pages
    with serve(epub_dir) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 600, "height": 900})
        for name in pages:
            page.goto(base + name)
            assert page.evaluate(find_js) == [], name


def test_rubrics_stand_out_as_headings(epub_dir: Path) -> None:
    """A rubric heads a part of a page (a note's sources): at 600 px it does not read as a line
    of the text."""
    assert_none_found_at_600(epub_dir, 'class="rubric', PLAIN_RUBRICS_JS)


#: The quoted words on a note's page (marked inside their context) drawn like their context:
#: no tint and no rule under them.
UNMARKED_QUOTES_JS = """() => [...document.querySelectorAll('.anno-quoted')].filter(q => {
  const s = getComputedStyle(q), c = getComputedStyle(q.parentElement);
  return s.backgroundColor === c.backgroundColor && parseFloat(s.borderBottomWidth) === 0;
}).map(q => q.textContent)"""


def test_a_note_page_marks_the_words_it_explains(epub_dir: Path) -> None:
    """On each note's page at 600 px the quoted words stand out from their context, as on
    the web page."""
    assert_none_found_at_600(epub_dir, "anno-quoted", UNMARKED_QUOTES_JS)


def test_the_package_carries_only_files_it_uses(epub: Path) -> None:
    """Every resource in the archive (stylesheets, images, anything outside the content
    documents) is loaded by a content document, by a stylesheet one of them loads, or is the
    cover image: the themes' and extensions' other static files are left out."""
    with zipfile.ZipFile(epub) as archive:
        names = set(archive.namelist())
        texts = {
            n: archive.read(n).decode("utf-8", "replace")
            for n in names
            if n.endswith((".xhtml", ".css", ".opf"))
        }
    loaded: set[str] = set()
    for name, text in texts.items():
        if not name.endswith(".opf"):
            loaded |= {os.path.normpath(Path(name).parent / ref) for ref in loaded_files(text)}
    cover = package(epub).find("opf:manifest/opf:item[@properties='cover-image']", NS)
    assert cover is not None
    loaded.add(cover.get("href", ""))
    resources = {n for n in names if not n.endswith((".xhtml", ".opf", ".ncx", "mimetype"))}
    resources -= {"META-INF/container.xml"}
    assert resources, "no stylesheet in the package"
    assert resources - loaded == set()


def test_dates_are_written_for_people(epub: Path) -> None:
    """Annotation pages' bylines and sources, and the notes' source lines in the article."""
    checked = 0
    with zipfile.ZipFile(epub) as archive:
        for name in archive.namelist():
            if not name.endswith(".xhtml"):
                continue
            soup = BeautifulSoup(archive.read(name).decode("utf-8"), "html.parser")
            for holder in soup.select(".anno-meta, .anno-sources, .anno-sources-line"):
                text = holder.get_text(" ")
                assert not ISO_DATE.search(text), (name, text)
                checked += 1
    assert checked


def test_cover_and_sources_page_agree_with_the_edition(epub: Path) -> None:
    """The cover gives the changelog's release; the sources register is a page of the book,
    without a link to the CSL-JSON file that only the web edition carries."""
    release = latest_release(ROOT / "docs" / "changelog.md")
    opf = package(epub)
    cover = opf.find("opf:manifest/opf:item[@properties='cover-image']", NS)
    assert cover is not None
    svg = read(epub, cover.get("href", ""))
    assert release.version in svg and release.written_date in svg
    page = BeautifulSoup(read(epub, "sources.xhtml"), "html.parser")
    entries = page.select(".source-entry")
    assert entries and len({e["id"] for e in entries}) == len(entries)
    assert all(e.select_one(".source-cited-by a") for e in entries)
    assert not page.select('a[href$=".json"]')
