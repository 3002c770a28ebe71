"""Legit content keeps working under the hardened build, and its output passes the output scan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from edition_lab.output_scan import scan_directory


@pytest.mark.sphinx("html", testroot="legit-content", freshenv=True)
def test_legit_content_renders_without_warnings(app: Any) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = BeautifulSoup(
        (Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    body = page.select_one("div.body")
    assert body is not None
    # Footnotes, written and inline.
    assert len(body.select("a.footnote-reference")) == 2
    assert "Written where it is read." in body.select_one("aside.footnote-list").get_text()
    # Glossary term, references, an admonition, tables, local images.
    assert body.select_one('a[href="glossary.html#term-TAO"]')
    assert body.select_one('a[href="https://www.example.org/report"]')
    assert body.select_one('a[href^="mailto:editors"]')  # docutils cloaks the address
    assert body.select_one('a[href="other.html"]')
    assert body.select_one('a[href="#legit-section"]')
    assert body.select_one("div.admonition.note")
    assert len(body.select("table")) == 2
    assert [img["src"] for img in body.select("img")] == ["_images/pixel.png"] * 2
    assert (Path(app.outdir) / "_images" / "pixel.png").is_file()
    # sphinx-design: cards with links, tabs, a dropdown, badges, a button.
    assert body.select_one('.sd-card a[href="https://www.example.org/card"]')
    assert body.select_one('.sd-card a[href="#legit-section"]')
    assert len(body.select(".sd-tab-set label")) == 2
    assert body.select_one("details.sd-dropdown")
    assert body.select_one('a.sd-badge[href="https://www.example.org/badge"]')
    assert body.select_one('a.sd-btn[href="https://www.example.org/button"]')
    assert body.select_one("div.highlight-python")
    assert scan_directory(Path(app.outdir)) == []
