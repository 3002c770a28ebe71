"""The benchmark's generator makes valid editions: they pass the checker and build warning-free.

No timings here (those are ``make bench``); this keeps the generator honest so that the benchmark
measures working editions, the real article and the generated long text alike.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from edition_lab.bench_edition import generate, plain_twin

#: Builds the PDF, the EPUB or whole editions: outside the fast subset (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

SPHINX = [sys.executable, "-m", "sphinx", "-M", "html", "docs", "_build", "-c", "."]
STRICT = ["-W", "--keep-going", "-n", "-q"]


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SPHINX, *STRICT], cwd=root, capture_output=True, text=True)


@pytest.mark.parametrize("long_words", [0, 2_000], ids=["real-article", "long-text"])
def test_generated_edition_checks_and_builds(tmp_path: Path, long_words: int) -> None:
    edition = generate(tmp_path / "edition", 10, long_words)

    check = subprocess.run(
        [sys.executable, "-m", "reading_edition", "check", "--article", "docs/article.md",
         "--glossary", "docs/glossary.md", "--annotations", "annotations"],
        cwd=edition.root, capture_output=True, text=True,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    assert "ok: 10 annotations anchored in the article" in check.stdout

    built = _build(edition.root)
    assert built.returncode == 0 and built.stderr == "", built.stderr
    article = BeautifulSoup((edition.html / "article.html").read_text("utf-8"), "html.parser")
    marked = {m["data-anno"] for m in article.select("mark.anno-span")}
    assert marked == set(edition.ids)
    assert len(article.select("aside.anno-note")) == 10
    for anno_id in edition.ids:
        assert (edition.html / "annotations" / f"{anno_id}.html").is_file()

    plain = plain_twin(edition, tmp_path / "plain")
    built = _build(plain)
    assert built.returncode == 0 and built.stderr == "", built.stderr
    html = plain / "_build" / "html"
    assert sorted(p.stem for p in (html / "annotations").glob("*.html")) == edition.ids
    # The twin shows the same content as static pages: the notes in the article, no marks.
    twin = BeautifulSoup((html / "article.html").read_text("utf-8"), "html.parser")
    assert twin.select("mark.anno-span") == []
    assert len(twin.select("div.anno-note")) == 10
    first = edition.notes[edition.ids[0]]
    assert first.quote.exact.split()[0] in twin.get_text()
    page = (html / "annotations" / f"{edition.ids[0]}.html").read_text("utf-8")
    assert first.title in page and "of the article" in page
