"""A new edition from ``edition init CAPTURE DIR`` is complete: the command it prints works as
printed (``make edition``: its own .venv from its pinned requirements and the toolkit's wheel,
then HTML, PDF and EPUB strictly), and with one, then two annotations started by ``edition new``
``make test`` and ``make html`` still pass. Then ten corpus captures (five text, five saved
pages) each become an edition with one annotation that builds strictly (HTML and EPUB, the PDF
and epubcheck for two). About 2 and 3 minutes here; skipped without the corpus.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from reading_edition.convert.toolkit_wheel import build_wheel
from reading_edition.text.reading_source import read_article

from tests.test_epub import epubcheck_command

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "html").is_dir(), reason=f"no corpus at {CORPUS}")
STRICT = ["-W", "--keep-going", "-n", "-q"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795046400"}


def _ok(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, f"{shlex.join(args)} in {cwd}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _quote(folder: Path, which: int = 0) -> str:
    """Eight words from the middle of one of the article's longest paragraphs."""
    paragraphs = sorted(read_article(folder / "docs" / "article.md").paragraphs, key=len)
    words = paragraphs[-1 - which].split()
    middle = len(words) // 2
    return " ".join(words[max(0, middle - 4) : middle + 4])


def _annotate(edition: list[str], folder: Path, title: str, which: int = 0) -> Path:
    """An annotation started by ``edition new``, its placeholder body written."""
    _ok([*edition, "new", "--quote", _quote(folder, which), "--kind", "analysis",
         "--title", title, "--author", "A. Tester"], folder)  # fmt: skip
    path = folder / "annotations" / f"{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}.md"
    text = path.read_text(encoding="utf-8")
    body = "What this passage means, said plainly."
    text = text.replace("TODO: write the annotation here, in your own words.", body)
    path.write_text(text, encoding="utf-8")
    return path


@needs_corpus
def test_a_new_edition_works_as_printed_with_none_one_and_two_annotations(tmp_path: Path) -> None:
    capture = sorted((CORPUS / "captures").glob("*.txt"))[1]
    folder = tmp_path / "my edition"  # a space: the printed command must quote it
    printed = _ok([sys.executable, "-m", "reading_edition", "init", str(capture), str(folder)],
                  tmp_path)  # fmt: skip
    for name in ("Makefile", "README.md", "CONTRIBUTING.md", "conf.py", "requirements.txt",
                 ".ci/run", ".github/workflows/edition.yml", "docs/glossary.md",
                 "docs/annotations-index.md", "annotation.schema.json"):  # fmt: skip
        assert (folder / name).is_file(), name
    assert os.access(folder / ".ci" / "run", os.X_OK)
    (wheel,) = (folder / "wheels").glob("reading_edition-*.whl")
    assert f"./wheels/{wheel.name}" in (folder / "requirements.txt").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "make edition" in readme and "make test" in readme and "not on PyPI" in readme
    # Every command line it prints, run as printed.
    commands = [line.strip() for line in printed.splitlines() if line.startswith("  ")]
    assert commands and all("make" in c for c in commands), printed
    for command in commands:
        _ok(["bash", "-c", command], tmp_path)
    built = folder / "_build"
    assert (built / "html" / "article.html").is_file()
    assert (built / "latex" / "edition.pdf").stat().st_size > 10_000
    assert (built / "epub" / "edition.epub").is_file()
    # The PDF's contents: the pages of the toctree are its sections, not parts of "How to cite".
    toc = (built / "latex" / "edition.toc").read_text(encoding="utf-8")
    for page in ("Glossary", "Annotations", "Changelog"):
        assert f"\\contentsline {{section}}{{{page}}}" in toc, toc
    # One date: the title page shows the changelog's release date, written as the changelog does.
    heading = re.search(r"^## Version ([^,]+), (.+)$", (folder / "docs" / "changelog.md").read_text(
        encoding="utf-8"), re.M)  # fmt: skip
    assert heading, "the new edition's changelog names no release"
    tex = (built / "latex" / "edition.tex").read_text(encoding="utf-8")
    assert f"\\date{{{heading[2]}}}" in tex and f"\\release{{{heading[1]}}}" in tex
    edition = [str(folder / ".venv" / "bin" / "edition")]
    first = _annotate(edition, folder, "The first note")
    assert "$schema=../annotation.schema.json" in first.read_text(encoding="utf-8")
    _ok(["make", "test"], folder)
    page = built / "html" / "annotations" / "the-first-note.html"
    assert page.is_file()
    assert "the-first-note.html" in (built / "html" / "annotations-index.html").read_text(
        encoding="utf-8"
    )
    _annotate(edition, folder, "A second note", which=1)
    _ok(["make", "html"], folder)
    assert (built / "html" / "annotations" / "a-second-note.html").is_file()


def _ten_captures() -> list[Path]:
    """Five text captures and five saved pages, of ten different pages, by sorted id."""
    ids = sorted(p.name.removesuffix(".html.gz") for p in (CORPUS / "html").glob("*.html.gz"))
    step = max(1, len(ids) // 10)
    chosen = ids[::step][:10]
    return [CORPUS / "captures" / f"{i}.txt" for i in chosen[:5]] + [
        CORPUS / "html" / f"{i}.html.gz" for i in chosen[5:]
    ]


@needs_corpus
def test_ten_corpus_captures_become_editions_that_build_strictly(tmp_path: Path) -> None:
    wheel, _origin = build_wheel(tmp_path / "wheel")
    edition = [sys.executable, "-m", "reading_edition"]
    for n, capture in enumerate(_ten_captures()):
        folder = tmp_path / f"edition-{n}"
        _ok([*edition, "init", str(capture), str(folder), "--wheel", str(wheel)], tmp_path)
        _annotate(edition, folder, "One note")
        assert "matches the witness" in _ok([*edition, "check"], folder)
        builders = ["html", "epub"] + (["latexpdf"] if n in {0, 5} else [])
        for builder in builders:
            _ok([sys.executable, "-m", "sphinx", "-M", builder, "docs", "_build", "-c", ".",
                 *STRICT], folder)  # fmt: skip
        assert (folder / "_build" / "html" / "annotations" / "one-note.html").is_file()
        if n in {0, 5}:
            assert (folder / "_build" / "latex" / "edition.pdf").is_file()
            epub = folder / "_build" / "epub" / "edition.epub"
            checked = subprocess.run([*epubcheck_command(), str(epub)], capture_output=True,
                                     text=True, timeout=300)  # fmt: skip
            report = checked.stdout + checked.stderr
            assert checked.returncode == 0, report
            assert "No errors or warnings detected" in report, report
