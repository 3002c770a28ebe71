"""sphinx-design's tabs, badges, buttons and cards in the publications (tools/print.md).

The test root ``design-components`` uses each of them on a page and in an annotation (which the
PDF prints in the apparatus and the EPUB as a note in the article). What is expected is read from
the root's own sources, so the tests hold for whatever tabs and components it is given:

- in the PDF, every tab's label on a line of its own followed by its panel, in the order
  written; a badge's words; a button's words with its address after them; a card's title, body
  and address;
- in the EPUB, the same sequence as labelled blocks, no radio button, nothing hidden (looked at
  in Chromium at 600 px), every dropdown its title and text, sphinx-design's stylesheet not
  linked, and epubcheck without a message.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from tests.test_epub import epubcheck_command
from tests.test_pdf import EDITION_LATEX, build_env, pdf_pages, squash

#: Builds a PDF and an EPUB and runs epubcheck and Chromium: outside the fast subset.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent / "roots" / "test-design-components"
#: The documents of the root with components, and the document where the EPUB shows each
#: (an annotation's body is shown whole in the article, as its note).
DOCUMENTS = {"components": "components", "annotations/with-components": "article"}


@dataclass(frozen=True)
class Components:
    """What one source file's components say, in the order written."""

    tabs: list[tuple[str, str]]  # (label, the panel's words)
    badge: str
    button: tuple[str, str]  # (words, address)
    card: tuple[str, str, str]  # (title, body, address)


def components(docname: str) -> Components:
    """Read from the source: the one-line tab panels, the badge, the button, the card."""
    text = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    tabs = re.findall(r"^:::\{tab-item\} (.+)\n(.+)\n:::$", text, re.M)
    badge = re.search(r"\{bdg-[a-z-]+\}`([^`]+)`", text)
    button = re.search(r"^```\{button-link\} (\S+)\n(.+)\n```$", text, re.M)
    card = re.search(r"^:::\{card\} (.+)\n:link: (\S+)\n\n(.+)\n:::$", text, re.M)
    assert len(tabs) >= 2 and badge and button and card, f"{docname}: the root changed"
    return Components(
        tabs=[(label.strip(), panel.strip()) for label, panel in tabs],
        badge=badge.group(1),
        button=(button.group(2), button.group(1)),
        card=(card.group(1), card.group(3), card.group(2)),
    )


# --- PDF -----------------------------------------------------------------------------------------


def build(builder: str, out: Path, **confoverrides: Any) -> Path:
    """Build a copy of the root with ``builder``, without a warning; return the output folder."""
    from sphinx.testing.util import SphinxTestApp

    src = out / "src"
    shutil.copytree(ROOT, src)
    app = SphinxTestApp(builder, srcdir=src, confoverrides=confoverrides, freshenv=True)
    try:
        app.build()
        assert app.warning.getvalue() == "", app.warning.getvalue()
        return Path(app.outdir)
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The root as the edition prints it (its LaTeX settings, xelatex): the text of each page."""
    out = build("latex", tmp_path_factory.mktemp("design-pdf"), **EDITION_LATEX)
    made = subprocess.run(
        ["make", "-C", str(out), "all-pdf"], env=build_env(), capture_output=True, text=True
    )
    assert made.returncode == 0, (out / "components.log").read_text(errors="replace")[-3000:]
    return pdf_pages(out / "components.pdf")


@pytest.mark.parametrize("docname", sorted(DOCUMENTS))
def test_pdf_prints_every_tab_under_its_label(pdf: list[str], docname: str) -> None:
    found = components(docname)
    text = "\n".join(pdf)
    # Every label, then its panel, in the order written: one sequence in the text.
    sequence = " ".join(f"{label} {panel}" for label, panel in found.tabs)
    assert squash(sequence) in squash(text), f"tabs of {docname} not in turn:\n{text}"
    # Each label a line of its own (a heading-like line), not run into its panel.
    for label, _ in found.tabs:
        assert re.search(rf"^\s*{re.escape(label)}\s*$", text, re.M), f"label {label!r}"


@pytest.mark.parametrize("docname", sorted(DOCUMENTS))
def test_pdf_badge_button_and_card_keep_their_words_and_addresses(
    pdf: list[str], docname: str
) -> None:
    found = components(docname)
    flat = " ".join("\n".join(pdf).split())
    assert found.badge in flat
    words, address = found.button
    assert f"{words} ({address})" in flat, f"button {words!r} without its address"
    title, body, link = found.card
    assert squash(f"{title} {body} {link}") in squash(flat), f"card {title!r}"


def dropdowns() -> list[tuple[str, str]]:
    """The root's dropdowns, (title, one-line text), in the order written."""
    text = (ROOT / "components.md").read_text(encoding="utf-8")
    written = re.findall(r"^```\{dropdown\} (.+)\n(.+)\n```$", text, re.M)
    assert written, "the root changed"
    return written


def test_pdf_prints_every_dropdown_title_then_text(pdf: list[str]) -> None:
    text = "\n".join(pdf)
    for title, body in dropdowns():
        assert squash(f"{title} {body}") in squash(text), f"dropdown {title!r}"
        assert re.search(rf"^\s*{re.escape(title)}\s*$", text, re.M), f"title {title!r}"


#: Components nested where a heading-like line is not usually allowed (a table cell, a
#: footnote): written indented in the root, each (label or title, text), in order.
NESTED = re.compile(r"^ +(?::::\{tab-item\}|```\{dropdown\}) (.+)\n +(.+)\n", re.M)


def nested() -> list[tuple[str, str]]:
    found = NESTED.findall((ROOT / "components.md").read_text(encoding="utf-8"))
    assert len(found) >= 3, "the root changed"
    return found


def test_pdf_shows_components_nested_in_a_table_cell_and_a_footnote(pdf: list[str]) -> None:
    # A table's cells may share lines in the text: each label, then its text after it.
    flat = squash("\n".join(pdf))
    for label, text in nested():
        assert squash(label) in flat, label
        assert flat.index(squash(label)) < flat.find(squash(text)), label


# --- EPUB ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The root's EPUB, built with the edition's EPUB builder and theme: its build folder."""
    return build("epub", tmp_path_factory.mktemp("design-epub"))


def page(epub: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((epub / f"{docname}.xhtml").read_text(encoding="utf-8"), "html.parser")


def outside_tables_and_footnotes(tags: list[Tag]) -> list[Tag]:
    """The components written at the top level (the nested ones have their own test)."""
    return [t for t in tags if t.find_parent(nested_in) is None]


def nested_in(tag: Tag) -> bool:
    return tag.name == "table" or (tag.name == "aside" and "footnote" in tag.get("class", []))


def words(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


@pytest.mark.parametrize("docname", sorted(DOCUMENTS))
def test_epub_shows_every_tab_under_its_label(epub: Path, docname: str) -> None:
    found = components(docname)
    body = page(epub, DOCUMENTS[docname])
    assert not body.select("input, label, [hidden], [style]"), "a form control or hidden block"
    # Each tab: its label, a heading-like line (a rubric), then its panel; in the order written.
    tabs = []
    for tab in outside_tables_and_footnotes(body.select(".edition-tab")):
        label, panel = tab.find_all(recursive=False)
        assert label.name == "p" and "rubric" in label["class"], label
        assert "edition-tab-panel" in panel["class"], panel
        tabs.append((words(label), words(panel)))
    assert tabs == found.tabs


@pytest.mark.parametrize("docname", sorted(DOCUMENTS))
def test_epub_badge_button_and_card(epub: Path, docname: str) -> None:
    found = components(docname)
    body = page(epub, DOCUMENTS[docname])
    assert found.badge in [words(b) for b in body.select(".sd-badge")]
    words_, address = found.button
    assert [words(a) for a in body.select(f'a.sd-btn[href="{address}"]')] == [words_]
    title, text, link = found.card
    card = next(c for c in body.select(".sd-card") if title in words(c))
    assert words(card) == f"{title} {text} {link}"
    assert card.select_one(f'a[href="{link}"]')


def test_epub_shows_every_dropdown_as_its_title_and_text(epub: Path) -> None:
    """A dropdown's text is never behind a control an e-reader may not offer."""
    written = dropdowns()
    body = page(epub, "components")
    assert not body.select("details, summary, svg")
    shown = []
    for dropdown in outside_tables_and_footnotes(body.select(".edition-dropdown")):
        title, *rest = dropdown.find_all(recursive=False)
        assert title.name == "p" and "rubric" in title["class"], title
        shown.append((words(title), " ".join(words(part) for part in rest)))
    assert shown == written


def test_epub_shows_components_nested_in_a_table_cell_and_a_footnote(epub: Path) -> None:
    body = page(epub, "components")
    rubrics = {words(r): r for r in body.select("table p.rubric, aside.footnote p.rubric")}
    for label, text in nested():
        assert label in rubrics, label
        assert text in words(rubrics[label].parent), label


def test_epub_links_only_its_own_stylesheet(epub: Path) -> None:
    """sphinx-design's stylesheet (fixed colours, shadows, a card's address at font size 0)
    would fight the EPUB's, which leaves colours to the reader: the pages link only the
    edition's stylesheets."""
    for docname in set(DOCUMENTS.values()):
        sheets = [link["href"] for link in page(epub, docname).select("link[rel=stylesheet]")]
        assert sheets == ["_static/pygments.css", "_static/edition-epub.css"], sheets


def test_epub_shows_every_component_at_600_pixels(epub: Path) -> None:
    """In a 600 px reading system: every label, panel, badge, button and card link is on
    screen with its words (nothing hidden by a stylesheet), and nothing scrolls sideways."""
    from edition_lab.browser import chromium, horizontal_overflow

    hidden = """(selector) => [...document.querySelectorAll(selector)].filter(e => {
        const box = e.getBoundingClientRect(), style = getComputedStyle(e);
        return !(box.width > 0 && box.height > 0 && style.visibility === 'visible'
                 && parseFloat(style.fontSize) >= 8);
    }).map(e => `${e.className}: ${e.textContent.trim()}`)"""
    selector = (
        "p.edition-tab-label, .edition-tab-panel, .sd-badge, a.sd-btn, .sd-card-title, "
        ".sd-card a.reference"
    )
    with chromium() as browser:
        view = browser.new_page(viewport={"width": 600, "height": 900})
        for docname in set(DOCUMENTS.values()):
            view.goto((epub / f"{docname}.xhtml").as_uri())
            assert view.evaluate(f"document.querySelectorAll('{selector}').length") >= 8
            assert view.evaluate(hidden, selector) == [], docname
            assert horizontal_overflow(view) == 0, docname


def test_epubcheck_finds_nothing(epub: Path) -> None:
    result = subprocess.run(
        [*epubcheck_command(), str(epub / "components.epub")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in report, report
