"""The HTML edition in a real browser (Debian's headless Chromium, through Playwright).

Builds the real edition, serves it on 127.0.0.1 and checks what a reader gets: no axe-core
violations at phone and desktop widths (and in the dark scheme), no sideways scrolling at
320 px, notes that open in place without JavaScript and from the keyboard, notes beside their
passage on wide screens, glossary definitions on hover and focus, and a printed page (PDF, read
back with pdftotext) that has every note and none of the navigation.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from edition_lab.browser import axe_violations, chromium, horizontal_overflow, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow

PAGES = ("article", "annotation", "glossary", "annotation index")


@pytest.fixture(scope="module")
def base_url(edition_html: Path) -> Iterator[str]:
    with serve(edition_html) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def page_path(site: Path, name: str) -> str:
    if name == "annotation":
        first = sorted((site / "annotations").glob("*.html"))[0]
        return f"annotations/{first.name}"
    return {"article": "article.html", "glossary": "glossary.html"}.get(
        name, "annotations-index.html"
    )


def open_page(browser: Browser, url: str, width: int, **options: object) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(url)
    return page


def squash(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation(
    browser: Browser, base_url: str, edition_html: Path, name: str, width: int
) -> None:
    page = open_page(browser, base_url + page_path(edition_html, name), width)
    assert axe_violations(page) == []
    page.context.close()


def test_axe_finds_no_violation_in_the_dark_scheme(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url + "article.html", 390, color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 22, 20)"  # the dark scheme is really in use
    page.click("a.anno-marker")  # an open note too
    assert axe_violations(page) == []
    page.context.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scrolling_at_320_px(
    browser: Browser, base_url: str, edition_html: Path, name: str
) -> None:
    page = open_page(browser, base_url + page_path(edition_html, name), 320)
    assert horizontal_overflow(page) == 0
    page.context.close()


def test_notes_open_in_place_without_javascript(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url + "article.html", 390, java_script_enabled=False)
    for marker_css in ("a.anno-marker", "a.footnote-reference"):
        marker = page.locator(marker_css).first
        note = page.locator(marker.get_attribute("href") or "")
        assert note.is_hidden()
        marker.click()
        assert note.is_visible()
        text = squash(note.inner_text())
        assert len(text) > 40, text
        # The note follows its paragraph: it is below its mark, not at the end of the page.
        mark_box, note_box = marker.bounding_box(), note.bounding_box()
        assert mark_box and note_box and 0 < note_box["y"] - mark_box["y"] < 800
    page.context.close()


def test_wide_screen_without_javascript_shows_note_heads_in_the_margin(
    browser: Browser, base_url: str
) -> None:
    page = open_page(browser, base_url + "article.html", 1280, java_script_enabled=False)
    text_right = page.evaluate(
        "document.querySelector('.reading-text p.numbered').getBoundingClientRect().right"
    )
    note = page.locator("aside.anno-note").first
    head, body = note.locator(".anno-head"), note.locator(".anno-body")
    assert head.is_visible() and body.is_hidden()
    box = note.bounding_box()
    assert box and box["x"] > text_right
    page.locator("a.anno-marker").first.click()
    assert body.is_visible()
    page.context.close()


def test_keyboard_opens_a_sidenote_on_a_narrow_screen(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url + "article.html", 390)
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.anno-marker')"):
            break
    else:
        pytest.fail("no annotation mark is reachable with the Tab key")
    marker = page.locator("a.anno-marker:focus")
    label = marker.get_attribute("aria-label") or ""
    assert marker.get_attribute("role") == "doc-noteref"
    assert re.match(r"Annotation \d+: ", label), label
    note_id = (marker.get_attribute("href") or "").lstrip("#")
    note = page.locator(f"[id='{note_id}']")
    assert note.is_hidden()
    page.keyboard.press("Enter")
    assert note.is_visible()
    assert (note.get_attribute("aria-label") or "").startswith("Annotation ")
    # Focus continues inside the note: its links come next, the last one goes back.
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.getElementById('{note_id}').contains(document.activeElement)")
    for _ in range(10):
        if page.evaluate("document.activeElement.matches('a.anno-back')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert note.is_hidden()
    assert page.evaluate("location.hash") == "#" + (marker.get_attribute("id") or "")
    page.context.close()


def test_wide_screen_notes_sit_beside_their_passage(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url + "article.html", 1280)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.reading-text .anno-note')].map(n => {
          const note = n.getBoundingClientRect();
          const mark = document.getElementById(n.id.replace(/^note-/, 'ref-'));
          return {top: note.top, bottom: note.bottom, mark: mark.getBoundingClientRect().top};
        })"""
    )
    assert boxes
    assert abs(boxes[0]["top"] - boxes[0]["mark"]) < 12  # the first note is on its mark's line
    for before, after in itertools.pairwise(boxes):
        assert after["top"] >= before["bottom"]  # stacked, never overlapping
    assert all(b["top"] >= b["mark"] - 12 for b in boxes)  # never above its own mark
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_glossary_definition_shows_in_place(
    browser: Browser, base_url: str, edition_html: Path, javascript: bool
) -> None:
    page = open_page(browser, base_url + "article.html", 1280, java_script_enabled=javascript)
    link = page.locator(".reading-text .term > a").first
    preview = page.locator("#" + (link.get_attribute("aria-describedby") or "missing"))
    assert (link.get_attribute("href") or "").startswith("glossary.html#term-")
    assert preview.is_hidden()
    link.focus()
    assert preview.is_visible()
    # The words shown are the start of the glossary's definition of that term.
    term_id = (link.get_attribute("href") or "").split("#")[1]
    glossary = (edition_html / "glossary.html").read_text(encoding="utf-8")
    dd = re.search(rf'id="{term_id}".*?<dd>(.*?)</dd>', glossary, re.DOTALL)
    assert dd
    definition = squash(re.sub(r"<[^>]+>", "", dd.group(1)))
    assert definition.startswith(squash(preview.inner_text()).rstrip("."))
    page.mouse.move(0, 0)
    page.locator("h1").first.click()  # focus away
    assert preview.is_hidden()
    link.hover()
    assert preview.is_visible()
    if javascript:
        page.keyboard.press("Escape")
        assert preview.is_hidden()
    page.context.close()


def test_skip_link_appears_on_focus(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url + "article.html", 390)
    skip = page.locator("a.skip-link")
    box = skip.bounding_box()
    assert box and box["y"] + box["height"] <= 0  # out of sight
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.skip-link')")
    box = skip.bounding_box()
    assert box and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.context.close()


def printed_text(page: Page, pdf: Path) -> str:
    page.pdf(path=str(pdf), format="A4")
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return squash(done.stdout.replace("-\n", ""))


def test_printed_article_has_every_note_and_no_navigation(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    page = open_page(browser, base_url + "article.html", 1280)
    notes = page.evaluate(
        """() => [...document.querySelectorAll(
             '.reading-text .anno-note, .reading-text aside.footnote')]
           .map(n => (n.querySelector('.anno-body') || n.querySelector('p')).textContent)"""
    )
    assert len(notes) >= 3
    text = printed_text(page, tmp_path / "article.pdf")
    for note in notes:
        words = squash(note).split()[:12]
        assert " ".join(words) in text, words
    for chrome in ("Skip to the text", "Search the edition", "Back to ¶"):
        assert chrome not in text
    page.context.close()


def test_printed_page_opens_closed_dropdowns(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    page = open_page(browser, base_url + "glossary.html", 1280)
    # A sphinx-design dropdown, closed, as sphinx-design writes it.
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<details class="sd-sphinx-override sd-dropdown sd-card sd-mb-3">'
        + '<summary class="sd-summary-title sd-card-header">More</summary>'
        + '<div class="sd-summary-content sd-card-body docutils">'
        + '<p class="sd-card-text">Words folded away in a dropdown.</p></div></details>')"""
    )
    assert page.locator("details p").is_hidden()
    assert "Words folded away in a dropdown." in printed_text(page, tmp_path / "glossary.pdf")
    page.context.close()


def test_search_works_offline_from_the_files(browser: Browser, edition_html: Path) -> None:
    # Straight from the disk (file://), as a reader who downloaded the edition would open it.
    # Any annotation will do: search for the longest word of its title, wait until the search
    # has finished, and find the annotation among the results.
    first = sorted((edition_html / "annotations").glob("*.html"))[0]
    title = BeautifulSoup(first.read_text(encoding="utf-8"), "html.parser").h1
    assert title is not None
    wanted = " ".join(title.get_text(" ", strip=True).rstrip("§").split())
    word = max(re.findall(r"\w+", wanted), key=len)
    page = open_page(browser, (edition_html / "search.html").as_uri() + f"?q={word}", 1280)
    page.locator("#search-results .search-summary").filter(has_text="found").wait_for()
    titles = [
        " ".join(t.split())
        for t in page.locator("#search-results ul.search li a").all_inner_texts()
    ]
    assert wanted in titles, (word, titles)
    page.context.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_weight_and_requests_stay_in_budget(
    browser: Browser, base_url: str, edition_html: Path, name: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base_url + page_path(edition_html, name), wait_until="networkidle")
    network = [r for r in responses if not r.url.startswith("data:")]
    assert all(r.url.startswith(base_url) for r in network)  # nothing from another site
    assert len(network) <= 6
    assert sum(len(r.body()) for r in network) <= 60 * 1024  # HTML, CSS, JS, fonts: uncompressed
    page.close()
