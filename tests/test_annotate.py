"""From a selection on the page to an annotation file: the browser and the checker agree.

On the real article, 20 passages chosen at random with a fixed seed (and four chosen to cross a
glossary term, a footnote mark, an annotation's marker and a [sic]) are selected in Chromium the
way a reader's mouse would; the control beside them offers "Suggest an annotation", whose link
gives a file; with its placeholders filled, `edition check` passes and the annotation anchors to
exactly the selected words. The link opens GitHub's new-file page when the build knows the
repository (here from GITHUB_REPOSITORY, as in GitHub Actions)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from edition_lab.browser import chromium, serve
from reading_edition.model.annotation import load_annotation
from reading_edition.text.reading_source import reading_index

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

#: Selects the normalised characters [start, end) of the n-th numbered paragraph's reading text
#: (the checker's text: paragraph numbers, markers, footnote marks, [sic], previews skipped).
SELECT = """([n, start, end]) => {
  const SKIP = "a.para-num, a.footnote-reference, a.anno-marker, .term-preview, .sic, .anno-note";
  const para = document.querySelectorAll(".reading-text p.numbered")[n];
  const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT, {acceptNode: node =>
    node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const points = [];  // normalised index -> [node, offset]
  let node, last = " ";
  while ((node = walker.nextNode())) {
    for (let i = 0; i < node.data.length; i++) {
      const space = /\\s/.test(node.data[i]);
      if (space && last === " ") continue;
      points.push([node, i]);
      last = space ? " " : node.data[i];
    }
  }
  const lead = points.length && /\\s/.test(points[0][0].data[points[0][1]]) ? 1 : 0;
  const a = points[start + lead], b = points[end - 1 + lead];
  const range = document.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1] + 1);
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


@pytest.fixture(scope="module")
def base_url(edition_html: Path) -> Iterator[str]:
    with serve(edition_html) as url:
        yield url


def passages(count: int, seed: int) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of ``count`` random spans of 1 to 12 whole words."""
    index = reading_index(ROOT / "docs" / "article.md")
    rng = random.Random(seed)
    chosen = []
    while len(chosen) < count:
        n = rng.randrange(len(index.paragraphs))
        words = [(m.start(), m.end()) for m in _words(index.paragraphs[n])]
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.randrange(12))
        chosen.append((n, words[first][0], words[last][1]))
    return chosen


def _words(text: str) -> Iterator[object]:
    import re

    return re.finditer(r"\S+", text)


def crossing(page: object) -> list[tuple[int, int, int]]:
    """A span around the first glossary term, footnote mark, marker and [sic] of the article."""
    index = reading_index(ROOT / "docs" / "article.md")
    spans = []
    for selector in ("span.term", "a.footnote-reference", "a.anno-marker", ".sic"):
        found = page.evaluate(  # type: ignore[attr-defined]
            """(selector) => {
              const SKIP = "a.para-num, a.footnote-reference, a.anno-marker, .term-preview, " +
                ".sic, .anno-note";
              const paras = [...document.querySelectorAll(".reading-text p.numbered")];
              for (const [n, p] of paras.entries()) {
                const el = p.querySelector(selector);
                if (!el) continue;
                let before = "";
                const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
                  acceptNode: (node) => node.parentElement.closest(SKIP)
                    ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
                let node;
                while ((node = walker.nextNode())) {
                  const after = el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING;
                  if (after && !el.contains(node)) break;
                  before += node.data;
                }
                return [n, before.replace(/\\s+/g, " ").trim().length];
              }
              return null;
            }""",
            selector,
        )
        if found is None:
            continue
        n, at = found
        text = index.paragraphs[n]
        start = text.rfind(" ", 0, max(0, at - 12)) + 1
        end = text.find(" ", min(len(text), at + 12))
        spans.append((n, start, len(text) if end == -1 else end))
    return spans


def edition_copy(tmp_path: Path) -> Path:
    """A copy of the edition's pages, notes and seeds, where `edition check` can be run."""
    root = tmp_path / "edition"
    for name in ("docs", "annotations", "seeds"):
        shutil.copytree(ROOT / name, root / name, symlinks=True)
    return root


def annotate(page: object, span: tuple[int, int, int], title: str, kind: str = "analysis") -> str:
    # As a reader's click in the text would, leave the title field of the previous selection.
    page.evaluate("document.activeElement && document.activeElement.blur()")  # type: ignore[attr-defined]
    page.evaluate(SELECT, list(span))  # type: ignore[attr-defined]
    # The script arrives with the first selection; after that, read this selection now rather
    # than after the page's short pause for a selection still being dragged.
    page.wait_for_function("() => !!window.editionAnnotate")  # type: ignore[attr-defined]
    page.evaluate("window.editionAnnotate.refresh()")  # type: ignore[attr-defined]
    panel = page.locator(".select-control")  # type: ignore[attr-defined]
    panel.wait_for()
    suggest = panel.get_by_role("button", name="Suggest an annotation")
    if suggest.get_attribute("aria-expanded") != "true":
        suggest.click()
    link = page.get_by_role("link", name="Propose the annotation")  # type: ignore[attr-defined]
    link.wait_for()
    panel.locator("[name=title]").fill(title)
    panel.locator("[name=kind]").select_option(kind)
    return str(panel.get_attribute("data-file"))


def test_selected_words_become_an_annotation_the_checker_accepts(
    base_url: str, tmp_path: Path
) -> None:
    root = edition_copy(tmp_path)
    index = reading_index(ROOT / "docs" / "article.md")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base_url + "article.html")
        spans = crossing(page)
        assert len(spans) == 4
        spans += passages(20, seed=2026)
        for number, span in enumerate(spans, start=1):
            file = annotate(page, span, f"Selection {number}")
            filled = file.replace("TODO: your name", "A. Reader").replace(
                "TODO: write the annotation here, in your own words.", "A note."
            )
            assert "TODO" not in filled
            path = root / "annotations" / f"selection-{number}.md"
            path.write_text(filled, encoding="utf-8")
            done = subprocess.run(
                [sys.executable, "-m", "reading_edition", "check", str(path.relative_to(root))],
                cwd=root, capture_output=True, text=True,
            )  # fmt: skip
            assert done.returncode == 0, (span, done.stderr)
            target = load_annotation(path).target  # type: ignore[union-attr]
            result = index.find(target.exact, target.prefix, target.suffix)
            n, start, end = span
            assert result.anchor is not None
            assert (result.anchor.paragraph, result.anchor.para_start, result.anchor.para_end) == (
                n, start, end,
            ), (span, target)  # fmt: skip
        page.close()


def test_a_factual_suggestion_holds_the_scaffolds_placeholders_until_filled(
    base_url: str, tmp_path: Path
) -> None:
    # A factual kind's file from the page drafts its source as `edition new` does, line for
    # line, and `edition check` refuses each placeholder, the date's too, until it is written.
    from reading_edition.cli.scaffold import SOURCE_PLACEHOLDERS
    from reading_edition.model.kinds import FACTUAL_KINDS

    root = edition_copy(tmp_path)
    kind = sorted(FACTUAL_KINDS)[0]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base_url + "article.html")
        file = annotate(page, passages(1, seed=11)[0], "A factual note", kind)
        page.close()
    lines = file.split("\n")
    start = lines.index("sources:")
    assert lines[start : start + len(SOURCE_PLACEHOLDERS)] == SOURCE_PLACEHOLDERS
    path = root / "annotations" / "a-factual-note.md"
    path.write_text(file.replace("TODO: your name", "A. Reader"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "reading_edition", "check", str(path.relative_to(root))],
        cwd=root, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode != 0
    assert "sources.0.date still holds the placeholder" in done.stderr, done.stderr


def test_the_link_opens_githubs_new_file_page(edition_builds: object, tmp_path: Path) -> None:
    out = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "html", "docs", str(out), "-c", ".", "-q"],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "GITHUB_REPOSITORY": "example/edition"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with serve(out / "html") as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(url + "article.html")
        # No script for annotating until words are selected.
        assert not page.evaluate("!!window.editionAnnotate")
        file = annotate(page, passages(1, seed=7)[0], "A title")
        href = page.get_by_role("link", name="Propose the annotation").get_attribute("href")
        parts = urlsplit(str(href))
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
            "https://github.com/example/edition/new/main"
        )
        query = parse_qs(parts.query)
        assert query["filename"] == ["annotations/a-title.md"]
        assert query["value"] == [file]
        page.close()
