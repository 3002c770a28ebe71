"""The EPUB: build the real edition once, validate it with epubcheck, read its metadata and text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from reading_edition.model.annotation import MovedAnnotation, annotation_files, load_annotation

from tests.conftest import EPOCH, EditionBuilds

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
    assert opf.findtext("opf:metadata/dc:date", namespaces=NS) == stamp
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
        whole = " ".join(page.select_one(".anno-body").get_text().split())
        assert " ".join(note.select_one(".anno-body").get_text().split()) == whole
