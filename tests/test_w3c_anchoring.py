"""The export, read by a W3C client: every annotation in ``annotations.jsonld`` is anchored in
the built article by its TextQuoteSelector with dom-anchor-text-quote (the library Hypothesis
long used, pinned in package.json and bundled here with esbuild), over the page's whole text,
and lands on exactly the words the edition marks for it, character for character (the page's
text keeps no line breaks or double spaces of the source). This holds because, inside the reading
text, the page's text is the reading text itself (no paragraph numbers, markers or previews)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from edition_lab.browser import chromium, serve

ROOT = Path(__file__).resolve().parent.parent
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> str:
    """dom-anchor-text-quote as one script defining ``window.TextQuote``."""
    assert ESBUILD.is_file(), "run `make node-deps` (npm ci) for esbuild"
    entry = tmp_path_factory.mktemp("client") / "entry.js"
    entry.write_text(
        'import * as quote from "dom-anchor-text-quote";\nwindow.TextQuote = quote;\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(ESBUILD), str(entry), "--bundle", "--format=iife", "--log-level=error"],
        cwd=ROOT, capture_output=True, text=True, check=True,
        env={"NODE_PATH": str(ROOT / "node_modules"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return done.stdout


@pytest.fixture(scope="module")
def base_url(edition_html: Path) -> Iterator[str]:
    with serve(edition_html) as url:
        yield url


def test_every_exported_quote_lands_on_its_marked_words(
    client: str, base_url: str, edition_html: Path
) -> None:
    export = json.loads((edition_html / "annotations.jsonld").read_text(encoding="utf-8"))
    items = export["first"]["items"]
    assert items
    with chromium() as browser:
        page = browser.new_page()
        page.goto(base_url + "article.html")
        # Through the DevTools protocol, as a browser extension would: the page's Content
        # Security Policy rightly refuses inline script.
        page.evaluate(f"() => {{ {client}\n }}")
        for item in items:
            selector = next(
                s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector"
            )
            anno = item["id"].rsplit("/", 1)[-1].removesuffix(".html")
            found, marked = page.evaluate(
                """([selector, anno]) => {
                  const range = window.TextQuote.toRange(document.body, selector);
                  const marks = [...document.querySelectorAll(`mark[data-anno="${anno}"]`)];
                  const norm = (t) => t.replace(/\\s+/g, " ").trim();
                  const marked = norm(marks.map((m) => m.textContent).join(""));
                  return [range && range.toString(), marked];
                }""",
                [selector, anno],
            )
            assert found is not None, (anno, selector)
            # Exactly: the page's text has the reading text's single spaces, no line breaks.
            assert found == selector["exact"], (anno, found, selector["exact"])
            assert marked == selector["exact"], anno
        page.close()
