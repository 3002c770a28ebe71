"""The HTML edition in a real browser (Debian's headless Chromium, through Playwright).

Builds the real edition, serves it on 127.0.0.1 and checks what a reader gets: no axe-core
violations at phone and desktop widths (and in the dark scheme), no sideways scrolling at
320 px, notes that open in place without JavaScript and from the keyboard, notes beside their
passage on wide screens, glossary definitions on hover and focus, and a printed page (PDF, read
back with pdftotext) that has every note and none of the navigation.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from edition_lab.bench_edition import generate
from edition_lab.browser import (
    READ_WITHOUT_CLICK,
    SETTLED_JS,
    axe_violations,
    chromium,
    horizontal_overflow,
    note_placement,
    serve,
)
from reading_edition import THEME_DIR
from reading_edition.text.reading_source import read_article

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Response

    from tests.conftest import EditionBuilds

ROOT = Path(__file__).resolve().parent.parent
STRICT = ("-W", "--keep-going", "-n", "-q")

pytestmark = pytest.mark.slow

PAGES = ("article", "annotation", "glossary", "annotation index")


@pytest.fixture(scope="module")
def base_url(edition_html: Path) -> Iterator[str]:
    with serve(edition_html) as url:
        yield url


@pytest.fixture(scope="module")
def dense_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A generated edition with 100 annotations on the same ten paragraphs (as the benchmark
    makes them), built strictly and served."""
    edition = generate(tmp_path_factory.mktemp("dense") / "edition", 100)
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "html", "docs", "_build", "-c", ".", *STRICT],
        cwd=edition.root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr[-3000:]
    with serve(edition.html) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def page_path(site: Path, name: str) -> str:
    if name == "annotation":
        # The first note's page (not the page left at a renamed note's old address).
        first = next(
            page
            for page in sorted((site / "annotations").glob("*.html"))
            if 'class="annotation-moved"' not in page.read_text(encoding="utf-8")
        )
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


def test_no_page_scrolls_sideways_at_320_px(
    browser: Browser, base_url: str, edition_html: Path
) -> None:
    """Every page of the site, not only the four above (the general index's columns did)."""
    page = open_page(browser, base_url, 320)
    wide = []
    for path in sorted(edition_html.rglob("*.html")):
        page.goto(base_url + path.relative_to(edition_html).as_posix())
        if horizontal_overflow(page):
            wide.append((path.name, horizontal_overflow(page)))
    assert wide == []
    page.context.close()


#: The general index on the page: for each letter, the space between two headwords in one column
#: and between the last of a column and the first of the next; and each bar of the jump box
#: ("A | C | D") with whether a letter stands before it on its line.
INDEX_GAPS_JS = """() => {
  const within = [], across = [];
  for (const table of document.querySelectorAll('table.indextable')) {
    const cols = [...table.querySelectorAll('td')].map(td =>
      [...td.querySelectorAll(':scope > ul > li')].map(li => li.getBoundingClientRect()));
    cols.forEach((lis, c) => {
      lis.slice(1).forEach((r, i) => within.push(r.top - lis[i].bottom));
      const next = cols[c + 1];
      if (next && next.length && lis.length) across.push(next[0].top - lis[lis.length - 1].bottom);
    });
  }
  const box = document.querySelector('.genindex-jumpbox'), range = document.createRange();
  const letters = [...box.querySelectorAll('a')].map(a => a.getBoundingClientRect());
  const bars = [];
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let t; (t = walker.nextNode());)
    for (let i = t.data.indexOf('|'); i >= 0; i = t.data.indexOf('|', i + 1)) {
      range.setStart(t, i); range.setEnd(t, i + 1);
      const r = range.getBoundingClientRect();
      bars.push(letters.some(l => Math.abs(l.top - r.top) < r.height / 2 && l.right <= r.left + 1));
    }
  return {within, across, bars};
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_the_general_index_reads_as_one_list_a_letter_on_a_phone(
    browser: Browser, base_url: str, width: int
) -> None:
    """On a phone the index's two columns stack: the second must follow the first as the next
    line of one list (its cell padding and list margin left a gap of 26 px in mid-letter, as
    if a new letter began), and no line of the jump box starts with a bar."""
    page = open_page(browser, base_url + "genindex.html", width)
    found = page.evaluate(INDEX_GAPS_JS)
    # The edition's index always has letters of two headwords or more (the glossary's terms).
    assert found["within"] and found["across"]
    usual = sorted(found["within"])[len(found["within"]) // 2]
    assert all(abs(gap - usual) <= 1 for gap in found["across"]), (usual, found["across"])
    assert found["bars"] and all(found["bars"]), found["bars"]
    page.context.close()


#: Each search form on the page (the header's, the search page's): its field's and its
#: button's boxes.
SEARCH_FORMS_JS = """() => [...document.querySelectorAll('form')].flatMap(f => {
  const field = f.querySelector('input[type=text], input[type=search]');
  const button = f.querySelector('button, input[type=submit]');
  if (!field || !button || !field.getClientRects().length) return [];
  const a = field.getBoundingClientRect(), b = button.getBoundingClientRect();
  return [{form: f.className, fieldTop: a.top, fieldBottom: a.bottom, buttonTop: b.top,
           buttonBottom: b.bottom, right: Math.max(a.right, b.right)}];
})"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_a_search_field_and_its_button_share_a_line(
    browser: Browser, base_url: str, width: int
) -> None:
    """On the search page (and in the header), the Search button stands beside its field, on
    a phone too: at 390 px the search page's field, 20 characters wide, sent it to a line of
    its own."""
    page = open_page(browser, base_url + "search.html", width)
    forms = page.evaluate(SEARCH_FORMS_JS)
    assert any("search-page-form" in f["form"] for f in forms)
    for form in forms:
        # Side by side: the button's box within the field's line, both on the screen.
        assert form["buttonTop"] < form["fieldBottom"] and form["fieldTop"] < form["buttonBottom"]
        assert form["right"] <= width, form
    page.context.close()


def test_no_page_logs_an_error(browser: Browser, base_url: str, edition_html: Path) -> None:
    """No page of the site makes the browser log an error or warning: no refused request, no
    script error, no markup the Content-Security-Policy refuses (Sphinx's general index had
    style attributes, one console error each)."""
    page = open_page(browser, base_url, 1280)
    logged: list[tuple[str, str]] = []
    page.on(
        "console",
        lambda m: logged.append((page.url, m.text)) if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: logged.append((page.url, str(e))))
    # A request the browser cancels (net::ERR_ABORTED: the test leaving the page while a font
    # still loads, seen in CI under load) is not the page's error; a missing file is (404).
    page.on(
        "requestfailed",
        lambda r: (
            None if "ERR_ABORTED" in str(r.failure) else logged.append((r.url, str(r.failure)))
        ),
    )
    for path in sorted(edition_html.rglob("*.html")):
        # Each page's requests all done before the next: a request cut short by leaving a page
        # is the test's doing, not the page's.
        page.goto(base_url + path.relative_to(edition_html).as_posix(), wait_until="networkidle")
        page.evaluate(SETTLED_JS)
    assert logged == []
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


#: Without JavaScript on a wide screen: each note box in the margin (an annotation, or a list of
#: footnotes) in page order, with its paragraph (the one it follows) and the reading text's right
#: edge; and the paragraphs' tops, measured again with every note taken out of the page.
MARGIN_WITHOUT_SCRIPT_JS = """() => {
  const units = [...document.querySelectorAll(
    '.reading-text .anno-note, .reading-text aside.footnote-list')];
  const top = (e) => e.getBoundingClientRect().top + scrollY;
  const paragraphs = [...document.querySelectorAll('.reading-text p.numbered')];
  const boxes = units.map(n => {
    let p = n.previousElementSibling;
    while (p && p.matches('.anno-note, aside.footnote-list')) p = p.previousElementSibling;
    const b = n.getBoundingClientRect(), q = p.getBoundingClientRect();
    return {id: n.id || n.querySelector('[id]').id, top: b.top + scrollY,
            bottom: b.bottom + scrollY, left: b.left, right: b.right, para: q.top + scrollY,
            textRight: q.right};
  });
  const before = paragraphs.map(top);
  units.forEach(n => n.style.setProperty('display', 'none', 'important'));
  const after = paragraphs.map(top);
  units.forEach(n => n.style.removeProperty('display'));
  return {boxes, before, after};
}"""


@pytest.mark.parametrize("width", [1024, 1280, 1920])
@pytest.mark.parametrize("edition", ["real", "100 annotations"])
def test_without_javascript_notes_start_beside_their_paragraph(
    browser: Browser, base_url: str, dense_url: str, edition: str, width: int
) -> None:
    """With JavaScript off, a wide screen's margin notes (heads, and footnotes' first lines)
    begin beside their paragraph's first line, or right below the note before them where the
    notes above run long: never on top of one, never above their paragraph, and the text
    does not move for them. (Floated after their paragraph, they began below its last line
    and the notes below it further down still: 597 px from their marks at 1024 px.)"""
    url = (base_url if edition == "real" else dense_url) + "article.html"
    page = open_page(browser, url, width, java_script_enabled=False)
    found = page.evaluate(MARGIN_WITHOUT_SCRIPT_JS)
    boxes = found["boxes"]
    assert boxes
    floor = -float("inf")  # the bottom of the note before
    for box in boxes:
        assert box["left"] >= box["textRight"], box  # in the margin
        assert box["top"] >= floor - 0.5, box  # not on top of the note before
        assert box["top"] >= box["para"] - 1, box  # not above its paragraph
        # At its paragraph's first line, or right below the note before (.5rem apart).
        assert box["top"] <= max(box["para"], floor + 10) + 1, box
        floor = box["bottom"]
    assert found["after"] == found["before"]  # the text is where it is without the notes
    page.context.close()


def test_a_notes_head_comes_before_its_button_for_the_keyboard(
    browser: Browser, base_url: str
) -> None:
    """Tabbing into a note, the keyboard (and a screen reader) meets its head (number, kind,
    title; a footnote's label) first, then its "more" button, at 1280 px; and on a phone,
    after a mark is followed, the open note's head before its Close button."""
    page = open_page(browser, base_url + "article.html", 1280)
    page.evaluate(SETTLED_JS)
    ids = page.locator(".reading-text .note-toggle:visible").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-controls'))"
    )
    assert ids
    where = """(id) => { const a = document.activeElement;
                 if (!document.getElementById(id).contains(a)) return 'outside';
                 return a.matches('button.note-toggle') ? 'button'
                   : a.closest('.anno-head, .label') ? 'head' : 'body'; }"""
    for note_id in ids:
        # From the head's link: Shift+Tab leaves the note (nothing of it comes before its
        # head), Tab goes to its button.
        head_link = page.locator(f"[id='{note_id}'] :is(.anno-head, .label) a").first
        order = []
        for key in ("Shift+Tab", "Tab"):
            head_link.focus()
            page.keyboard.press(key)
            order.append(page.evaluate(where, note_id))
        assert order == ["outside", "button"], (note_id, order)
    page.context.close()
    page = open_page(browser, base_url + "article.html", 390)
    for marker in ("a.anno-marker", "a.footnote-reference"):
        mark = page.locator(f".reading-text {marker}").first
        note_id = (mark.get_attribute("href") or "").lstrip("#")
        mark.focus()
        page.keyboard.press("Enter")  # the note opens as the panel at the foot of the screen
        page.keyboard.press("Tab")
        assert page.evaluate(where, note_id) == "head", note_id
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.matches('button.note-toggle')"), note_id
        page.keyboard.press("Escape")
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
    # The note is named by its mark.
    assert note.get_attribute("aria-labelledby") == "ref-" + note_id.removeprefix("note-")
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


def preview_shown(page: Page, term_css: str) -> bool:
    """Whether the term's definition (drawn from data-def, CSS ::after) is on screen."""
    return bool(
        page.evaluate(
            """css => { const s = getComputedStyle(document.querySelector(css), '::after');
               return s.display !== 'none' && s.content.length > 2; }""",
            term_css,
        )
    )


@pytest.mark.parametrize("javascript", [True, False])
def test_glossary_definition_shows_in_place(
    browser: Browser, base_url: str, edition_html: Path, javascript: bool
) -> None:
    page = open_page(browser, base_url + "article.html", 1280, java_script_enabled=javascript)
    term_css = ".reading-text span.term"
    link = page.locator(term_css + " > a").first
    description = page.locator("#" + (link.get_attribute("aria-describedby") or "missing"))
    assert (link.get_attribute("href") or "").startswith("glossary.html#term-")
    assert not preview_shown(page, term_css)
    link.focus()
    assert preview_shown(page, term_css)
    # The words shown (and announced) are the start of the glossary's definition of that term.
    shown = page.locator(term_css).first.get_attribute("data-def") or ""
    assert squash(description.text_content() or "") == squash(shown)
    term_id = (link.get_attribute("href") or "").split("#")[1]
    glossary = (edition_html / "glossary.html").read_text(encoding="utf-8")
    dd = re.search(rf'id="{term_id}".*?<dd>(.*?)</dd>', glossary, re.DOTALL)
    assert dd
    definition = squash(re.sub(r"<[^>]+>", "", dd.group(1)))
    assert definition.startswith(squash(shown).rstrip("."))
    page.mouse.move(0, 0)
    page.locator("h1").first.click()  # focus away
    assert not preview_shown(page, term_css)
    link.hover()
    assert preview_shown(page, term_css)
    if javascript:
        page.keyboard.press("Escape")
        assert not preview_shown(page, term_css)
    page.context.close()


def test_a_note_opened_by_hand_stays_open_when_the_focus_leaves(
    browser: Browser, base_url: str
) -> None:
    """A note the focus opened (a link in its cut part) closes when the focus leaves, unless the
    reader has since closed and opened it with its button: then it is the reader's to close."""
    page = open_page(browser, base_url + "article.html", 1280)
    page.evaluate(SETTLED_JS)
    note_id = page.evaluate(
        """() => { const n = [...document.querySelectorAll('.reading-text .anno-note.cut')]
             .find(n => [...n.querySelectorAll('a')].some(a => a.getBoundingClientRect().bottom
               > n.getBoundingClientRect().bottom));
           return n && n.id; }"""
    )
    assert note_id
    note = page.locator(f"[id='{note_id}']")
    hidden_link = f"""() => [...document.getElementById('{note_id}').querySelectorAll('a')]
        .find(a => a.getBoundingClientRect().bottom
          > document.getElementById('{note_id}').getBoundingClientRect().bottom).focus()"""
    elsewhere = "() => document.querySelector('.reading-text a.para-num').focus()"
    is_open = f"() => document.getElementById('{note_id}').classList.contains('open')"
    page.evaluate(hidden_link)
    assert page.evaluate(is_open)
    page.evaluate(elsewhere)
    assert not page.evaluate(is_open)  # opened for the focus, closed behind it
    page.evaluate(hidden_link)
    toggle = note.locator("button.note-toggle")
    toggle.click()  # less
    toggle.click()  # more: the reader's own
    page.evaluate(elsewhere)
    assert page.evaluate(is_open)
    page.context.close()


#: Each glossary term followed by another term of the same entry: the gap between the two, and
#: the gap above a term that follows a definition (px).
GLOSSARY_GAPS_JS = """() => {
  const dl = document.querySelector('dl.glossary');
  // One entry with two terms, whatever the glossary holds: a copy of a term above itself.
  const dt = dl.querySelector('dt');
  dt.before(dt.cloneNode(true));
  const gap = (a, b) => b.getBoundingClientRect().top - a.getBoundingClientRect().bottom;
  const pairs = [...dl.querySelectorAll('dt + dt')].map(t => gap(t.previousElementSibling, t));
  const apart = [...dl.querySelectorAll('dd + dt')].map(t => gap(t.previousElementSibling, t));
  return {pairs, apart};
}"""


@pytest.mark.parametrize("output", ["html", "epub"])
def test_terms_of_one_glossary_entry_stand_together(
    browser: Browser, edition_builds: EditionBuilds, output: str
) -> None:
    """A term and its other name (CNS, Comisión Nacional de Seguridad) read as one entry: no
    gap between them like the gap between entries, which made the first look undefined."""
    site = edition_builds.build(output) / output
    with serve(site) as url:
        page = open_page(browser, url + f"glossary.{'xhtml' if output == 'epub' else 'html'}", 600)
        gaps = page.evaluate(GLOSSARY_GAPS_JS)
        page.context.close()
    assert gaps["pairs"] and gaps["apart"]
    assert max(gaps["pairs"]) < 2 < min(gaps["apart"]), gaps


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
    # Any annotation will do (not a moved note's stub, which is not indexed): search for the
    # longest word of its title, wait until the search has finished, and find the annotation
    # among the results.
    pages = sorted((edition_html / "annotations").glob("*.html"))
    first = next(
        BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in pages
        if 'class="annotation-moved"' not in p.read_text(encoding="utf-8")
    )
    title = first.h1
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


def first_paint_gzip_bytes(browser: Browser, url: str, base_url: str) -> tuple[int, int]:
    """(requests, sum of the gzip sizes of the page and everything it loads): what a reader's
    browser transfers from a server that compresses (fonts included)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    network = [r for r in responses if not r.url.startswith("data:")]
    assert all(r.url.startswith(base_url) for r in network)  # nothing from another site
    size = sum(len(gzip.compress(r.body(), 6)) for r in network)
    page.close()
    return len(network), size


@pytest.mark.parametrize("name", PAGES)
def test_page_weight_and_requests_stay_in_budget(
    browser: Browser, base_url: str, edition_html: Path, name: str
) -> None:
    requests, size = first_paint_gzip_bytes(
        browser, base_url + page_path(edition_html, name), base_url
    )
    assert requests <= 6 and size <= 60 * 1024


def test_article_with_100_annotations_stays_in_budget(browser: Browser, dense_url: str) -> None:
    requests, size = first_paint_gzip_bytes(browser, dense_url + "article.html", dense_url)
    assert requests <= 6 and size <= 60 * 1024, size


def rendered_fonts(page: Page, selector: str) -> set[tuple[str, bool]]:
    """(family, is a web font) of each font Chromium drew the element's own text with
    (DevTools' platform fonts for the node)."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        session.detach()
    return {(f["familyName"], f["isCustomFont"]) for f in fonts if f["glyphCount"]}


@pytest.mark.parametrize("width", [390, 1280])
def test_the_text_is_set_in_the_editions_own_serif(
    browser: Browser, base_url: str, width: int
) -> None:
    # Whatever the machine has installed (on this one, DejaVu Serif would be the serif), the
    # article's heading and text, upright and italic, are drawn with the edition's web font.
    css = (THEME_DIR / "static" / "edition.css").read_text(encoding="utf-8")
    family = re.search(r'--serif:\s*"([^"]+)"', css)
    assert family
    page = open_page(browser, base_url + "article.html", width)
    page.wait_for_load_state("networkidle")
    page.evaluate(SETTLED_JS)
    selectors = ["main h1", ".reading-text p.numbered"]
    # Italic where the article has any (its standfirst, or emphasis in a paragraph).
    italic = page.evaluate(
        """() => { const el = [...document.querySelectorAll('.reading-text p.numbered, '
             + '.reading-text p.numbered em')].find(e => getComputedStyle(e).fontStyle === 'italic'
             && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
           if (!el) return null; el.setAttribute('data-italic-probe', ''); return true; }"""
    )
    if italic:
        selectors.append("[data-italic-probe]")
    for selector in selectors:
        assert rendered_fonts(page, selector) == {(family.group(1), True)}, selector
    page.context.close()


# --- Notes beside their passages, measured in pixels ------------------------------------------

#: The widths the rules are measured at: the named ones, and each breakpoint ±1 px (the wide
#: layout starts at 60rem = 960 px; the note column stops growing at 65rem and 80rem of
#: viewport: 1170 and 1440 px). `make audit` sweeps 960-2560 px in 40 px steps.
WIDE = (959, 960, 961, 1024, 1169, 1170, 1171, 1280, 1439, 1440, 1441, 1600, 1920, 2560)
DRIFT = 150
#: edition.js's space between two notes (px).
GAP = 6


#: For each closed note cut short of its lead (data-lead, its height with its lead) to its head
#: (its box ends at its head's last line): the words of its body drawn inside the box. A head
#: run into its first paragraph must not leave a word or two of the body dangling after it
#: ("A ministry that no longer existed  The").
BODY_BESIDE_A_BARE_HEAD_JS = """() => [...document.querySelectorAll(
    '.reading-text .anno-note:not(.open):not(.in-flow)')].flatMap(n => {
  const box = n.getBoundingClientRect(), head = n.querySelector('.anno-head');
  if (!head || box.height >= +n.dataset.lead - 4) return [];
  if (box.bottom > head.getBoundingClientRect().bottom + 8) return [];
  const range = document.createRange(), walker = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
  const drawn = [];
  for (let t; (t = walker.nextNode());) {
    if (head.contains(t) || t.parentElement.closest('button') || !t.data.trim()) continue;
    range.selectNodeContents(t);
    for (const r of range.getClientRects())
      if (r.width && r.top < box.bottom - 2 && r.bottom > box.top) drawn.push(t.data.trim());
  }
  return drawn.length ? [[n.id, drawn]] : [];
})"""


def check_placement(page: Page) -> dict[str, object]:
    """The placement rules that hold for any set of notes; returns the measurement."""
    found = note_placement(page)
    boxes = found["boxes"]
    assert boxes
    paragraphs = page.evaluate(
        """() => [...document.querySelectorAll('.reading-text p.numbered')].map(p => {
             const b = p.getBoundingClientRect();
             return [b.top + scrollY, b.bottom + scrollY]; })"""
    )
    width = page.viewport_size["width"] if page.viewport_size else 0
    if width < 960:  # narrow: each note closed until its mark is followed
        assert not any(b["shown"] for b in boxes)
        return found
    for box in boxes:
        assert box["shown"] and box["headShown"], box  # every note's head, without a click
        if box["beside"]:
            assert abs(box["top"] - box["mark"]) <= DRIFT, box
            assert box["right"] <= width, box
        else:
            # Not pushed down the page: in the flow, right after its mark's paragraph.
            para = max((p for p in paragraphs if p[0] <= box["mark"]), key=lambda p: p[0])
            later = [p[0] for p in paragraphs if p[0] > para[0]]
            assert para[1] <= box["top"] and (not later or box["bottom"] <= min(later)), box
    assert found["overlaps"] == []
    assert page.evaluate(BODY_BESIDE_A_BARE_HEAD_JS) == []
    # Read without a click: every note shows READ_WITHOUT_CLICK characters (or all of it), except
    # a note beside the text with no room for its lead: the next note starts less than the lead's
    # extra height below it.
    beside = sorted((b for b in boxes if b["beside"]), key=lambda b: b["top"])
    for box in boxes:
        if box["drawn"] >= min(READ_WITHOUT_CLICK, box["length"]):
            continue
        assert box["beside"], box
        later = [b["top"] for b in beside if b["top"] > box["top"]]
        room = (later[0] if later else float("inf")) - box["bottom"] - GAP
        assert room < box["lead"] - (box["bottom"] - box["top"]), box
    return found


@pytest.mark.parametrize("width", [w for w in WIDE if w >= 960])
def test_notes_sit_beside_their_marks(browser: Browser, base_url: str, width: int) -> None:
    page = open_page(browser, base_url + "article.html", width)
    found = check_placement(page)
    if width >= 1280:
        # The real edition's margin holds its notes (the audit reports the share).
        assert found["share_beside"] >= 0.9, found["share_beside"]
    page.context.close()


@pytest.mark.parametrize("width", WIDE)
def test_notes_at_100_annotations_sit_beside_or_after_their_paragraph(
    browser: Browser, dense_url: str, width: int
) -> None:
    page = open_page(browser, dense_url + "article.html", width)
    check_placement(page)
    page.context.close()


#: Closed notes cut short whose box ends inside a line of their text: the line's words, and
#: where the line is (px from the note's top) against the note's height.
HALF_LINES_JS = """() => [...document.querySelectorAll(
    '.reading-text .cut:not(.open):not(.in-flow)')].flatMap(n => {
  const box = n.getBoundingClientRect(), range = document.createRange();
  const walker = document.createTreeWalker(n, NodeFilter.SHOW_TEXT), half = [];
  for (let t; (t = walker.nextNode());) {
    if (t.parentElement.closest('button') || !t.data.trim()) continue;
    range.selectNodeContents(t);
    for (const r of range.getClientRects())
      if (r.height && r.top < box.bottom - 2 && r.bottom > box.bottom + 2)
        half.push([t.data.trim().slice(0, 40), Math.round(r.top - box.top),
                   Math.round(r.bottom - box.top), Math.round(box.height)]);
  }
  return half.length ? [[n.id, half]] : [];
})"""


@pytest.mark.parametrize("width", [960, 1024, 1280, 1440, 1920])
@pytest.mark.parametrize("edition", ["real", "100 annotations"])
def test_a_closed_note_ends_between_two_lines(
    browser: Browser, base_url: str, dense_url: str, edition: str, width: int
) -> None:
    """A note cut short ends after a whole line, never through one. (Cut to its head, a note's
    height was read with the head run into the text, where the space after it took the head's
    last word to another line; drawn alone, the head was a line shorter, and the top half of
    the text's first line showed under it: at 1024 px, 'The "previous leak" is the'.)"""
    url = (base_url if edition == "real" else dense_url) + "article.html"
    page = open_page(browser, url, width)
    page.evaluate(SETTLED_JS)
    assert page.evaluate(HALF_LINES_JS) == []
    page.context.close()


@pytest.mark.parametrize("edition", ["real", "100 annotations"])
def test_a_note_opens_in_place_and_never_on_top(
    browser: Browser, base_url: str, dense_url: str, edition: str
) -> None:
    """At 1280 px, "more" (Enter) opens each cut note where it stands: the notes below move
    down, none is covered; Escape closes it, the layout comes back and focus returns."""
    url = (base_url if edition == "real" else dense_url) + "article.html"
    page = open_page(browser, url, 1280)
    closed = note_placement(page, text=False)["boxes"]
    # Each toggle by its note's id: opening a note may hide another's "more" (a note below gets
    # the room to show whole), so the n-th visible toggle is not the same button afterwards.
    ids = page.locator(".reading-text .note-toggle:visible").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-controls'))"
    )
    assert ids
    for note_id in ids[:: 1 if edition == "real" else 7]:
        toggle = page.locator(f'.reading-text .note-toggle[aria-controls="{note_id}"]')
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        opened = note_placement(page, text=False)
        assert opened["overlaps"] == [], (note_id, opened["overlaps"])
        note = next(b for b in opened["boxes"] if b["id"] == note_id)
        before = next(b for b in closed if b["id"] == note_id)
        assert note["bottom"] - note["top"] > before["bottom"] - before["top"], note_id
        assert abs(note["top"] - before["top"]) < 1, note_id  # where it stands
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == note_id
        again = note_placement(page, text=False)["boxes"]
        assert [(round(b["top"]), round(b["bottom"])) for b in again] == [
            (round(b["top"]), round(b["bottom"])) for b in closed
        ], note_id
    page.context.close()


@pytest.mark.parametrize("edition", ["real", "100 annotations"])
def test_the_notes_are_placed_alike_wherever_the_page_is_scrolled(
    browser: Browser, base_url: str, dense_url: str, edition: str
) -> None:
    """The notes are placed again when a font arrives, the window changes or a note opens, often
    with the page scrolled far down: their places must not depend on the scroll (the lines of a
    note above the screen have negative viewport y's, which once read as "no line")."""
    url = (base_url if edition == "real" else dense_url) + "article.html"
    page = open_page(browser, url, 1280)
    at_top = note_placement(page, text=False)["boxes"]
    page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
    page.evaluate("dispatchEvent(new Event('resize'))")
    scrolled = note_placement(page, text=False)["boxes"]
    assert [(b["id"], round(b["top"]), round(b["bottom"])) for b in scrolled] == [
        (b["id"], round(b["top"]), round(b["bottom"])) for b in at_top
    ]
    page.context.close()


#: After a Tab: closed notes left scrolled (the browser scrolls a clipped box to show what gets
#: the focus), and whether the focused element and its focus ring are drawn inside the note
#: that clips them.
FOCUS_IN_NOTES_JS = """() => {
  const notes = [...document.querySelectorAll(
    '.reading-text .anno-note, .reading-text aside.footnote')];
  const scrolled = notes.filter(n => !n.classList.contains('open') && n.scrollTop > 0)
    .map(n => n.id);
  const a = document.activeElement;
  // Notes left open behind the focus (a note opened because the focus went into its cut part).
  const behind = notes.filter(n => n.classList.contains('open') && !n.contains(a)).map(n => n.id);
  if (behind.length) return {scrolled, behind, done: false};
  if (!a || a === document.body) return {scrolled, done: true};
  const note = a.closest('.reading-text .anno-note, .reading-text aside.footnote');
  const clips = note && getComputedStyle(note).overflowY !== 'visible';
  if (!clips) return {scrolled, done: !a.closest('.reading-text, .source-line, .select-hint')
                                       && !!a.closest('.site-footer')};
  const s = getComputedStyle(a), ring = Math.max(0,
    parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset));
  const b = a.getBoundingClientRect(), n = note.getBoundingClientRect();
  const inside = b.left - ring >= n.left - 0.5 && b.right + ring <= n.right + 0.5
    && b.top - ring >= n.top - 0.5 && b.bottom + ring <= n.bottom + 0.5;
  return {scrolled, done: false, inside, id: note.id, focused: a.outerHTML.slice(0, 80),
          outline: s.outlineStyle};
}"""


@pytest.mark.parametrize("width", [1024, 1280, 1920])
def test_tabbing_through_the_notes_keeps_heads_and_focus_rings_in_view(
    browser: Browser, base_url: str, width: int
) -> None:
    """Tab from the top of the article to its end: no closed note is left scrolled to its tail
    (its head out of sight), whatever takes the focus inside a note that clips its text is drawn
    inside it, its focus ring too, and a note opened for the focus closes when it leaves."""
    page = open_page(browser, base_url + "article.html", width)
    page.evaluate(SETTLED_JS)
    seen = 0
    for _ in range(600):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_IN_NOTES_JS)
        assert state["scrolled"] == [] and "behind" not in state, state
        if state["done"]:
            break
        if "inside" in state:
            seen += 1
            assert state["outline"] != "none" and state["inside"], state
    else:
        pytest.fail("the Tab key never left the article")
    assert seen  # some focus did land inside a note cut short
    page.context.close()


@pytest.mark.parametrize("width", [320, 390, 959, 960, 961, 1024, 1130, 1280, 1920, 2560])
def test_paragraph_numbers_are_fully_visible(browser: Browser, base_url: str, width: int) -> None:
    page = open_page(browser, base_url + "article.html", width)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.reading-text a.para-num')].map(a => {
             const b = a.getBoundingClientRect();
             return {left: b.left, right: b.right, width: b.width,
                     text: getComputedStyle(a, '::before').content}; })"""
    )
    assert boxes
    for box in boxes:
        assert box["width"] > 0 and "¶" in box["text"]
        assert box["left"] >= 0 and box["right"] <= width, box
    page.context.close()


def on_screen(page: Page, css: str) -> bool:
    """Whether the element's box is in the viewport and not covered by another element."""
    return bool(
        page.evaluate(
            """css => { const el = document.querySelector(css), b = el.getBoundingClientRect();
               if (b.bottom <= 0 || b.top >= innerHeight || b.height === 0) return false;
               const x = Math.min(Math.max(b.left + b.width / 2, 0), innerWidth - 1);
               const y = Math.min(Math.max(b.top + Math.min(b.height, 20) / 2, 0), innerHeight - 1);
               const hit = document.elementFromPoint(x, y);
               return !!hit && (el.contains(hit) || hit.contains(el)); }""",
            css,
        )
    )


def marks_to_follow(page: Page, every: int) -> list[tuple[str, str]]:
    """(mark id, note id) for every ``every``-th mark of each kind, the last one included."""
    pairs = page.evaluate(
        """() => [...document.querySelectorAll(
                   '.reading-text a.anno-marker, .reading-text a.footnote-reference')]
             .map(a => [a.id, a.getAttribute('href').slice(1)])"""
    )
    chosen = pairs[::every] + pairs[-1:]
    return list(dict.fromkeys(map(tuple, chosen)))


@pytest.mark.parametrize("width", [390, 1280, 1920])
@pytest.mark.parametrize("edition", ["real", "100 annotations"])
def test_following_a_mark_keeps_the_passage_in_view(
    browser: Browser, base_url: str, dense_url: str, width: int, edition: str
) -> None:
    url = (base_url if edition == "real" else dense_url) + "article.html"
    page = open_page(browser, url, width)
    # The notes are placed again when a web font arrives: follow marks once the faces are in,
    # so that a mark is not moved between finding it and clicking it.
    page.evaluate("document.fonts.ready.then(() => true)")
    pairs = marks_to_follow(page, 1 if edition == "real" else 9)
    for i, (mark_id, note_id) in enumerate(pairs):
        mark, note = f"[id='{mark_id}']", f"[id='{note_id}']"
        # The reader follows a mark near the foot of the screen, by keyboard or pointer.
        page.evaluate(
            """css => { const el = document.querySelector(css);
               el.scrollIntoView({block: 'end'}); scrollBy(0, 8);
               el.focus({preventScroll: true}); const b = el.getBoundingClientRect();
               return [b.left + b.width / 2, b.top + b.height / 2]; }""",
            mark,
        )
        if i % 2:
            page.keyboard.press("Enter")
        else:  # where the reader sees it, once it stands still (Playwright waits for that)
            page.locator(mark).click(timeout=10_000)
        page.wait_for_function("id => location.hash === '#' + id", arg=note_id)
        page.wait_for_timeout(50)
        assert on_screen(page, mark), (width, mark_id)
        assert on_screen(page, note), (width, note_id)
        # The note's back link returns to the mark.
        page.click(f"{note} a[href='#{mark_id}']")
        page.wait_for_function("id => location.hash === '#' + id", arg=mark_id)
        assert on_screen(page, mark)
    page.context.close()


def test_copying_the_article_gives_its_words_alone(browser: Browser, base_url: str) -> None:
    """The real clipboard (Chromium on http://127.0.0.1): select, Ctrl+C, read it back."""
    source = read_article(ROOT / "docs" / "article.md")
    expected = [squash(p) for p in source.paragraphs]
    for width in (390, 1280):
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            permissions=["clipboard-read", "clipboard-write"],
        )
        page = context.new_page()
        page.goto(base_url + "article.html")
        # Property of the page: each paragraph's textContent is its reading text.
        texts = page.evaluate(
            "[...document.querySelectorAll('.reading-text p.numbered')].map(p => p.textContent)"
        )
        assert [squash(t) for t in texts] == expected

        def copy(first: int, last: int, page: Page = page) -> str:
            page.evaluate(
                """([a, b]) => { const ps = document.querySelectorAll('.reading-text p.numbered');
                   const r = document.createRange(); r.setStartBefore(ps[a].firstChild);
                   r.setEndAfter(ps[b].lastChild); const s = getSelection();
                   s.removeAllRanges(); s.addRange(r); }""",
                [first, last],
            )
            page.keyboard.press("Control+C")
            return str(page.evaluate("navigator.clipboard.readText()"))

        assert squash(copy(0, len(expected) - 1)) == " ".join(expected)
        for i in range(len(expected)):
            assert squash(copy(i, i)) == expected[i]
        context.close()


def test_tab_sets_show_one_panel_at_a_time(
    browser: Browser, base_url: str, edition_html: Path
) -> None:
    # A page with a sphinx-design component loads the theme's design.css.
    with_design = next(
        p
        for p in sorted(edition_html.rglob("*.html"))
        if "_static/design.css" in p.read_text("utf-8")
    )
    page = open_page(browser, base_url + with_design.relative_to(edition_html).as_posix(), 1280)
    # A tab set and a badge, as sphinx-design writes them (its stylesheet is not loaded: the
    # theme styles the few components the edition allows).
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<div class="sd-tab-set docutils" id="inserted-tabs">'
        + '<input checked="checked" id="t0" name="ts" type="radio">'
        + '<label aria-controls="t0c" class="sd-tab-label" for="t0">One</label>'
        + '<div class="sd-tab-content docutils" id="t0c"><p>First panel.</p></div>'
        + '<input id="t1" name="ts" type="radio">'
        + '<label aria-controls="t1c" class="sd-tab-label" for="t1">Two</label>'
        + '<div class="sd-tab-content docutils" id="t1c"><p>Second panel.</p></div></div>'
        + '<p><span class="sd-sphinx-override sd-badge sd-bg-primary">badge</span></p>')"""
    )
    first, second = page.locator("#t0c"), page.locator("#t1c")
    assert first.is_visible() and second.is_hidden()
    # No bare radio buttons: the inputs are there for the keyboard, not seen.
    assert page.evaluate("getComputedStyle(document.getElementById('t0')).opacity") == "0"
    # (The page may have tab sets of its own, as a note's page in the valid set does.)
    labels = page.locator("#inserted-tabs .sd-tab-label")
    one, two = labels.nth(0).bounding_box(), labels.nth(1).bounding_box()
    assert one and two and one["y"] == two["y"]  # the labels side by side, as tabs
    labels.nth(1).click()
    assert first.is_hidden() and second.is_visible()
    page.keyboard.press("ArrowLeft")  # radio buttons: arrow keys move between tabs
    assert first.is_visible() and second.is_hidden()
    badge = page.locator("main > p > .sd-badge").last.bounding_box()
    assert badge and badge["height"] < 40
    page.context.close()


def test_printed_annotation_page_keeps_its_source_addresses(
    browser: Browser, base_url: str, edition_html: Path, tmp_path: Path
) -> None:
    # Any annotation page that cites a source on the web (a moved note's page cites none).
    name = next(
        f"annotations/{p.name}"
        for p in sorted((edition_html / "annotations").glob("*.html"))
        if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select(
            '.annotation-page a[href^="http"]'
        )
    )
    page = open_page(browser, base_url + name, 1280)
    urls = page.evaluate(
        "[...document.querySelectorAll('.annotation-page a[href^=\"http\"]')].map(a => a.href)"
    )
    assert urls
    page.pdf(path=str(tmp_path / "annotation.pdf"), format="A4")
    done = subprocess.run(
        ["pdftotext", str(tmp_path / "annotation.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    # An address may break across lines, at a hyphen that pdftotext then drops.
    text = "".join(done.stdout.split()).replace("-", "")
    for url in urls:
        assert url.replace("-", "") in text, url
    page.context.close()


def test_printed_article_has_about_70_characters_a_line(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    page = open_page(browser, base_url + "article.html", 1280)
    page.pdf(path=str(tmp_path / "article.pdf"), format="A4")
    done = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "article.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [" ".join(line.split()) for line in done.stdout.splitlines()]
    # The article's full lines (a paragraph's last line is shorter; notes are indented).
    widths = sorted(len(line) for line in lines if len(line) > 40)
    assert widths
    longest = widths[int(len(widths) * 0.9)]
    assert 60 <= longest <= 80, widths[-20:]
    page.context.close()


def test_search_over_http_gives_excerpts_kinds_and_no_errors(
    browser: Browser, base_url: str, edition_html: Path
) -> None:
    # Any annotation: search for the longest word of its title, served as the edition is.
    first = sorted((edition_html / "annotations").glob("*.html"))[-1]
    title = BeautifulSoup(first.read_text(encoding="utf-8"), "html.parser").h1
    assert title is not None
    word = max(re.findall(r"\w+", title.get_text(" ", strip=True)), key=len)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else 0)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(base_url + f"search.html?q={word}")
    page.locator("#search-results .search-summary").filter(has_text="found").wait_for()
    page.wait_for_load_state("networkidle")
    results = page.locator("#search-results ul.search > li")
    assert results.count() >= 1
    page.wait_for_function(
        "() => [...document.querySelectorAll('#search-results ul.search > li')]"
        ".every(li => li.querySelector('.result-kind'))"
    )
    kinds = page.evaluate(
        """() => [...document.querySelectorAll('#search-results ul.search > li')].map(li =>
             [li.querySelector('a').getAttribute('href'),
              li.querySelector('.result-kind').textContent])"""
    )
    for href, kind in kinds:
        if "annotations/" in href:
            # An annotation says its kind and the ¶ it explains.
            assert re.fullmatch(r"Annotation · \w[\w ]* · ¶\u00a0\d+ · ", kind), (href, kind)
        else:
            assert kind == "Page · ", (href, kind)
    # Each page once.
    pages = [href.split("#")[0] for href, _ in kinds]
    assert len(pages) == len(set(pages)), pages
    excerpts = page.locator("#search-results ul.search > li p.context").all_inner_texts()
    assert max(len(e.strip()) for e in excerpts) > 40  # words around the match
    # The words searched for stand out in the titles and excerpts (Sphinx's .highlighted).
    grounds = page.evaluate(
        """() => [...document.querySelectorAll('#search-results .highlighted')].map(h =>
             getComputedStyle(h).backgroundColor)"""
    )
    plain = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert grounds and all(g not in (plain, "rgba(0, 0, 0, 0)") for g in grounds), grounds
    assert problems == []
    context.close()


#: The page's boxes that must not move when the selection control appears: the paragraphs and
#: the notes (document coordinates).
TEXT_BOXES_JS = """() => [...document.querySelectorAll(
    '.reading-text p, .reading-text .anno-note, .reading-text aside.footnote')].map(e => {
    const b = e.getBoundingClientRect();
    return [e.id || e.className, Math.round(b.top + scrollY), Math.round(b.left),
            Math.round(b.width), Math.round(b.height)]; })"""

#: Selects from the middle of one word to the middle of another in the n-th paragraph's longest
#: text node; returns the paragraph's text and the selected characters.
SELECT_INSIDE_WORDS_JS = """(n) => {
  const para = document.querySelectorAll('.reading-text p.numbered')[n];
  const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
  let node, best = null;
  while ((node = walker.nextNode())) {
    const longer = !best || node.data.length > best.data.length;
    if (!node.parentElement.closest('a') && longer) best = node;
  }
  const words = [...best.data.matchAll(/\\p{L}{4,}/gu)];
  const first = words[0], last = words[Math.min(words.length - 1, 3)];
  const range = document.createRange();
  range.setStart(best, first.index + 2);
  range.setEnd(best, last.index + last[0].length - 2);
  const s = getSelection(); s.removeAllRanges(); s.addRange(range);
  return [para.textContent, range.toString()];
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_selecting_words_offers_cite_link_and_suggest_without_moving_the_text(
    browser: Browser, base_url: str, width: int
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    page.goto(base_url + "article.html")
    page.evaluate(SETTLED_JS)
    n = page.evaluate("document.querySelectorAll('.reading-text p.numbered').length") // 2
    page.evaluate(
        "n => document.querySelectorAll('.reading-text p.numbered')[n].scrollIntoView()", n
    )
    before = page.evaluate(TEXT_BOXES_JS)
    text, selected = page.evaluate(SELECT_INSIDE_WORDS_JS, n)
    control = page.locator(".select-control")
    control.wait_for()
    page.evaluate(SETTLED_JS)
    assert page.evaluate(TEXT_BOXES_JS) == before  # nothing in the text or margin moved
    # Whole words: the quote starts and ends at word boundaries of the paragraph's text.
    quote = control.locator(".select-quote").inner_text()
    exact = quote.split("“", 1)[1].rsplit("”", 1)[0]
    assert selected.strip() in exact and len(exact) > len(selected.strip())
    at = " ".join(text.split()).index(exact)
    flat = " ".join(text.split())
    assert (at == 0 or not flat[at - 1].isalnum()) and not flat[at + len(exact)].isalnum()
    # No contributor's words until asked for.
    assert "TODO" not in control.inner_text() and "pull request" not in control.inner_text()
    paragraph = n + 1
    control.get_by_role("button", name="Cite this passage").click()
    cited = str(page.evaluate("navigator.clipboard.readText()"))
    assert f"“{exact}”" in cited and f"¶\u00a0{paragraph}" in cited and f"#p-{paragraph}" in cited
    control.get_by_role("button", name=f"Copy link to ¶\u00a0{paragraph}").click()
    assert str(page.evaluate("navigator.clipboard.readText()")).endswith(f"#p-{paragraph}")
    suggest = control.get_by_role("button", name="Suggest an annotation")
    suggest.click()
    assert suggest.get_attribute("aria-expanded") == "true"
    assert control.get_by_role("link", name="Propose the annotation").is_visible()
    page.keyboard.press("Escape")
    assert control.is_hidden()
    # From a ¶ number by keyboard: Cite and Copy link for the paragraph, no selection needed.
    number = page.locator(".reading-text a.para-num").nth(n)
    number.focus()
    page.keyboard.press("Enter")
    control.wait_for()
    assert page.evaluate("document.activeElement.textContent") == "Cite this passage"
    assert control.get_by_role("button", name=f"Copy link to ¶\u00a0{paragraph}").is_visible()
    assert control.get_by_role("button", name="Suggest an annotation").is_hidden()
    page.keyboard.press("Enter")
    assert f"#p-{paragraph}" in str(page.evaluate("navigator.clipboard.readText()"))
    control.get_by_role("button", name="Close").click()
    assert control.is_hidden()
    assert page.evaluate(TEXT_BOXES_JS) == before
    context.close()


#: Each open note's lines: the left edge of the first letter of its back link and of its other
#: paragraphs' first letters (px).
LINE_STARTS_JS = """() => [...document.querySelectorAll('.reading-text .anno-note')]
  .filter(n => n.getBoundingClientRect().height > 0).map(n => {
    const first = (el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let t; while ((t = walker.nextNode()) && !t.data.trim());
      if (!t) return null;
      const r = document.createRange(), i = t.data.search(/\\S/);
      r.setStart(t, i); r.setEnd(t, i + 1);
      const rects = r.getClientRects();
      return rects.length ? rects[0].left : null;
    };
    const back = n.querySelector('.anno-back-line'), more = n.querySelector('.anno-more');
    return {id: n.id, back: first(back), more: more && first(more)};
  })"""


@pytest.mark.parametrize(("width", "javascript"), [(390, False), (390, True), (1280, True)])
def test_a_notes_back_link_lines_up_with_its_text(
    browser: Browser, base_url: str, width: int, javascript: bool
) -> None:
    """‘Back to ¶ N’ starts where the note's other lines start (its padding, there for a larger
    target, is not an indent)."""
    page = open_page(browser, base_url + "article.html", width, java_script_enabled=javascript)
    ids = page.evaluate("[...document.querySelectorAll('.reading-text .anno-note')].map(n => n.id)")
    assert ids
    for note_id in ids[:: max(1, len(ids) // 6)]:
        page.evaluate("id => { location.hash = id; }", note_id)
        if javascript:
            page.evaluate(SETTLED_JS)
        starts = [s for s in page.evaluate(LINE_STARTS_JS) if s["id"] == note_id]
        assert starts and starts[0]["more"] is not None, (note_id, starts)
        assert abs(starts[0]["back"] - starts[0]["more"]) < 1, starts[0]
    page.context.close()


#: On an annotation page's line "KIND · authors · date": the space before the first "·" and
#: after it (px, from the kind's box and the next letter).
META_SPACES_JS = """() => {
  const meta = document.querySelector('p.anno-meta'), kind = meta.querySelector('.anno-kind');
  const text = kind.nextSibling, at = text.data.indexOf('\u00b7');
  const glyph = (i) => { const r = document.createRange(); r.setStart(text, i);
    r.setEnd(text, i + 1); return r.getBoundingClientRect(); };
  const next = text.data.slice(at + 1).search(/\\S/) + at + 1;
  return {before: glyph(at).left - kind.getBoundingClientRect().right,
          after: glyph(next).left - glyph(at).right};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_an_annotation_pages_kind_is_spaced_like_its_byline(
    browser: Browser, base_url: str, edition_html: Path, width: int
) -> None:
    """‘CONTEXT · The edition’s editors’: one space on each side of the dot, not a wider gap
    after the kind."""
    pages = sorted((edition_html / "annotations").glob("*.html"))
    with_meta = next(p for p in pages if 'class="anno-meta"' in p.read_text(encoding="utf-8"))
    page = open_page(browser, base_url + f"annotations/{with_meta.name}", width)
    spaces = page.evaluate(META_SPACES_JS)
    assert abs(spaces["before"] - spaces["after"]) < 1.5, spaces
    page.context.close()


def test_the_phone_note_panel_has_a_visible_close_control(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url + "article.html", 390)
    for marker in ("a.anno-marker", "a.footnote-reference"):
        mark = page.locator(f".reading-text {marker}").first
        note_id = (mark.get_attribute("href") or "").lstrip("#")
        mark.click()
        close = page.locator(f"[id='{note_id}'] > button.note-toggle")
        assert close.is_visible() and close.get_attribute("aria-expanded") == "true"
        box = close.bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24 and box["y"] < 800
        close.click()
        assert page.locator(f"[id='{note_id}']").is_hidden()
        assert page.evaluate("location.hash") == "#" + (mark.get_attribute("id") or "")
    page.context.close()


#: Each footnote shown whose text starts below its label's line.
FOOTNOTE_TEXT_BELOW_LABEL_JS = """() => [...document.querySelectorAll('aside.footnote')]
  .filter(n => {
  const label = n.querySelector(':scope > .label'), text = n.querySelector(':scope > p');
  if (!label || !text || !text.getClientRects().length) return false;
  return text.getBoundingClientRect().top >= label.getBoundingClientRect().bottom;
}).map(n => n.id)"""


@pytest.mark.parametrize("width", [390, 1280])
def test_a_footnotes_text_starts_on_its_labels_line(
    browser: Browser, base_url: str, edition_html: Path, width: int
) -> None:
    """Every page's footnotes, a footnote cited twice included (its back links "(1,2)" after
    the label), begin their text on the label's line."""
    pages = [
        page.relative_to(edition_html).as_posix()
        for page in sorted(edition_html.rglob("*.html"))
        if 'class="footnote' in page.read_text(encoding="utf-8")
    ]
    assert pages
    page = open_page(browser, base_url + pages[0], width)
    for name in pages:
        page.goto(base_url + name, wait_until="networkidle")
        assert page.evaluate(FOOTNOTE_TEXT_BELOW_LABEL_JS) == [], name
    page.context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_the_site_title_wraps_rather_than_being_cut(
    browser: Browser, base_url: str, width: int
) -> None:
    page = open_page(browser, base_url + "article.html", width)
    cut = page.evaluate(
        """() => { const a = document.querySelector('.site-title a'), p = a.parentElement;
           const r = a.getBoundingClientRect(), q = p.getBoundingClientRect();
           return p.scrollWidth > p.clientWidth || r.right > q.right + 1 || r.right > innerWidth
             || getComputedStyle(p).textOverflow === 'ellipsis' && p.scrollWidth > p.clientWidth;
        }"""
    )
    assert not cut
    page.context.close()


@pytest.mark.parametrize("script", [True, False])
def test_a_notes_cite_formats_download_as_files(
    browser: Browser, base_url: str, edition_html: Path, script: bool
) -> None:
    # A reader clicks "BibTeX", "RIS" or "CSL-JSON" in a note's Cite block and gets a file named
    # after the note, holding the format (the link carries it: tests/test_citation.py reads it
    # back with other parsers), with JavaScript or without.
    name = page_path(edition_html, "annotation")
    context = browser.new_context(java_script_enabled=script, accept_downloads=True)
    page = context.new_page()
    page.goto(base_url + name)
    links = page.locator(".cite-block .cite-files a")
    labels = links.all_inner_texts()
    assert labels == ["BibTeX", "RIS", "CSL-JSON"], labels
    stem = Path(name).stem
    for n, suffix in enumerate(("bib", "ris", "json")):
        with page.expect_download() as caught:
            links.nth(n).click()
        download = caught.value
        assert download.failure() is None
        assert download.suggested_filename == f"{stem}.{suffix}"
        body = Path(download.path()).read_text(encoding="utf-8")
        assert stem in body and "\ufffd" not in body, body[:200]
    # Still on the note's page: a download, not a navigation.
    assert page.url == base_url + name
    context.close()


def test_a_word_is_found_with_or_without_its_accents(
    browser: Browser, base_url: str, edition_html: Path
) -> None:
    # A reader types "Calderon" or "Calderón", "Pena" or "Peña": the same pages are found.
    import unicodedata

    article = BeautifulSoup((edition_html / "article.html").read_text("utf-8"), "html.parser")
    text = article.select_one(".reading-text")
    assert text is not None
    accented = sorted(
        {w for w in re.findall(r"\w+", text.get_text(" ")) if re.search(r"[^\x00-\x7f]", w)}
        & {
            w
            for w in re.findall(r"\w+", text.get_text(" "))
            if re.search(r"[A-Za-z][\u0300-\u036f]", unicodedata.normalize("NFD", w))
        }
    )
    if not accented:
        pytest.skip("the article has no accented word")
    word = accented[0]
    bare = re.sub(r"[\u0300-\u036f]", "", unicodedata.normalize("NFD", word))
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    found = []
    for query in (word, bare):
        page.goto(base_url + f"search.html?q={query}")
        page.locator("#search-results .search-summary").filter(has_text="found").wait_for()
        found.append(
            sorted(
                page.evaluate(
                    "[...document.querySelectorAll('#search-results ul.search > li a')]"
                    ".map(a => a.getAttribute('href').split('#')[0].split('?')[0])"
                )
            )
        )
    assert found[0] and found[0] == found[1], (word, bare, found)
    assert errors == []
    page.close()
