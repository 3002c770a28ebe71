"""Inline footnotes (``^[...]``) become real footnotes in HTML, LaTeX and EPUB."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


@pytest.mark.sphinx("html", testroot="inline-footnotes", freshenv=True)
def test_html(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert app.warning.getvalue() == ""
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "^[" not in html
    page = BeautifulSoup(html, "html.parser")
    refs = page.select("a.footnote-reference")
    # Lettered in HTML (annotation marks are numbered): drawn from data-n by the theme.
    assert [r["data-n"] for r in refs] == ["a", "b", "c", "d"]
    notes = [n.get_text(" ", strip=True) for n in page.select("aside.footnote")]
    assert "The first note, with emphasis and a link ." in notes[0].replace("  ", " ")
    assert "The second note, written the classic way." in notes[1]
    assert "The third note." in notes[2] and "The fourth note." in notes[3]
    for ref in refs:  # every mark leads to its note and back
        target = page.find(id=ref["href"][1:])
        assert target is not None and target.find("a", href=f"#{ref['id']}") is not None
    assert page.select_one('aside.footnote a[href="https://example.org/"]')


@pytest.mark.sphinx("latex", testroot="inline-footnotes", freshenv=True)
def test_latex(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "^[" not in tex
    footnotes = re.findall(
        r"\\begin\{footnote\}\[(\d)\]\\sphinxAtStartFootnote\s*(.*?)\s*%?\n", tex
    )
    assert [number for number, _ in footnotes] == ["1", "2", "3", "4"]
    assert "The first note, with \\sphinxstyleemphasis{emphasis}" in footnotes[0][1]


@pytest.mark.sphinx("epub", testroot="inline-footnotes", freshenv=True)
def test_epub(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert app.warning.getvalue() == ""
    xhtml = (Path(app.outdir) / "index.xhtml").read_text(encoding="utf-8")
    assert "^[" not in xhtml and xhtml.count('class="footnote-reference') == 4
    assert "The fourth note." in xhtml
