"""The HTML reading aids and the edition theme, built from a small test root (``test-reader``):
footnotes after their paragraph, glossary definitions in place, the page's head and frame, and
the minified theme assets."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from reading_edition import THEME_DIR
from reading_edition.sphinxext.annotations.nodes import anno_marker
from reading_edition.sphinxext.footnote_labels import (
    TRAILING,
    letters,
    move_marks_after_punctuation,
)
from reading_edition.sphinxext.minify import minify_css, minify_js
from reading_edition.sphinxext.term_previews import first_sentence
from reading_edition.text.dates import ISO_DATE, for_people

THEME_CSS = THEME_DIR / "static/edition.css"


def built(app: Any, page: str = "index") -> BeautifulSoup:
    app.build()
    assert app.warning.getvalue() == ""
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"), "html.parser")


def next_tag(node: Tag) -> Tag:
    sibling = node.find_next_sibling()
    assert isinstance(sibling, Tag)
    return sibling


@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_footnotes_follow_the_paragraph_that_cites_them(app: Any) -> None:
    page = built(app)
    first, second = page.select("main section > p")[:2]
    after_first = next_tag(first)
    assert after_first.name == "aside" and "footnote-list" in after_first["class"]
    assert after_first.get_text(" ", strip=True).endswith("The first note.")
    after_second = next_tag(second)
    notes = [n.get_text(" ", strip=True) for n in after_second.select("aside.footnote")]
    assert [n.split("] ", 1)[1] for n in notes] == ["The second note.", "The third note."]
    # Each note keeps its id, role and back link to its mark.
    for note in page.select("aside.footnote"):
        assert note["role"] == "doc-footnote"
        mark = page.select_one(f'a.footnote-reference[href="#{note["id"]}"]')
        assert mark is not None and note.select_one(f'a[href="#{mark["id"]}"]') is not None


@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_a_footnote_cited_outside_running_text_stays_at_the_end(app: Any) -> None:
    page = built(app)
    rule = page.select_one("hr.footnotes")
    assert rule is not None  # still introduces the notes left at the end
    left = [n.get_text(" ", strip=True) for n in rule.find_next_siblings("aside")]
    assert left == ["[ d ] The fourth note, in a list."]  # footnotes are lettered


@pytest.mark.sphinx("latex", testroot="reader", freshenv=True)
def test_other_outputs_keep_footnotes_and_plain_term_links(app: Any) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "The first note." in tex and "founded in 1997" not in tex.split("Glossary")[0]


@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_term_links_carry_their_definition(app: Any) -> None:
    page = built(app)
    term = page.select_one("main span.term")
    assert term is not None
    (link,) = term.find_all(recursive=False)
    assert link["href"] == "glossary.html#term-TAO"
    assert link["class"] == ["reference", "internal"] and link.get_text() == "TAO"
    # The theme draws the definition from data-def; screen readers get it from the hidden copy
    # after the text. It is no text node of the paragraph.
    assert term.get_text() == "TAO"
    preview = page.find(id=link["aria-describedby"])
    assert preview is not None and preview.find_parent("p") is None
    assert preview.find_parent(class_="term-definitions").has_attr("hidden")
    # The first sentence of the definition; its sources paragraph is not part of it.
    assert preview.get_text() == term["data-def"] == "The NSA’s hacking unit."


def test_previews_follow_an_edited_glossary(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-reader", srcdir)
    for edit in ("", "The NSA’s elite hacking unit. Renamed in 2013."):
        if edit:
            glossary = srcdir / "glossary.md"
            text = glossary.read_text(encoding="utf-8")
            glossary.write_text(text.replace("The NSA's hacking unit.", edit), encoding="utf-8")
        app = make_app("html", srcdir=srcdir)
        try:
            page = built(app, "other")  # a page that does not include the glossary's page
        finally:
            app.cleanup()
    assert app.warning.getvalue() == ""
    previews = [p.get_text() for p in page.select(".term-definitions > span")]
    assert previews == ["The NSA’s elite hacking unit."]


@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_preview_ids_are_unique_on_a_page(app: Any) -> None:
    page = built(app)
    ids = [p["id"] for p in page.select(".term-definitions > span")]
    assert len(ids) == 2 and len(set(ids)) == 2
    described = [a["aria-describedby"] for a in page.select("span.term > a")]
    assert described == ids


@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_page_head_and_frame(app: Any) -> None:
    page = built(app)
    html = page.find("html")
    assert html is not None and html["lang"] == "en"
    description = page.select_one('meta[name="description"]')
    assert description is not None and description["content"] == "A page that says what it is."
    other = built(app, "glossary").select_one('meta[name="description"]')
    assert other is not None and other["content"] == "Glossary — a test edition"
    # One stylesheet and one script of our own; no other theme or extension assets.
    assert [link["href"] for link in page.select('link[rel="stylesheet"]')] == [
        "_static/edition.css"
    ]
    assert [s["src"] for s in page.select("script[src]")] == ["_static/edition.js"]
    # A page where the script has nothing to do (no notes, previews or dropdowns) goes without,
    # even when its text names the markup the script works on (decided from the doctree).
    glossary = built(app, "glossary")
    assert 'class="reading-text"' in glossary.get_text() and glossary.select("script[src]") == []
    assert "with-notes" not in glossary.body["class"]  # type: ignore[index]
    # Only the edition's own files may run: a Content-Security-Policy without inline script.
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in policy["content"].split(";"))  # type: ignore[union-attr]
    assert directives["script-src"] == "'self'" and directives["object-src"] == "'none'"
    assert page.select_one('link[rel="icon"]')["href"] == "data:,"  # type: ignore[index]
    # Skip link first, to the main landmark; a labelled search form.
    first = page.body.find(True) if page.body else None
    assert first is not None and first["class"] == ["skip-link"] and first["href"] == "#content"
    assert page.select_one("main#content") is not None
    search = page.select_one("form[role=search]")
    assert search is not None and search.select_one("label[for=site-search-q]") is not None


@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_search_page_keeps_sphinx_search(app: Any) -> None:
    page = built(app, "search")
    scripts = [s["src"] for s in page.select("script[src]")]
    assert any("searchtools.js" in s for s in scripts)
    assert any("searchindex.js" in s for s in scripts)
    assert (Path(app.outdir) / "searchindex.js").is_file()
    # Its button says what the header's says on every other page ("Search", not "search").
    header = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    button = page.select_one("form.search-page-form [type=submit]")
    assert button is not None and button["value"] == header.select_one(".site-search button").text


@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_theme_assets_are_minified(app: Any) -> None:
    app.build()
    css = (Path(app.outdir) / "_static/edition.css").read_text(encoding="utf-8")
    assert "/*" not in css and "\n" not in css
    assert len(css) < 0.8 * len(THEME_CSS.read_text(encoding="utf-8"))
    js = (Path(app.outdir) / "_static/edition.js").read_text(encoding="utf-8")
    assert "/*" not in js and not re.search(r"^\s", js, re.MULTILINE)


def test_minifiers_keep_meaningful_spaces_and_strings() -> None:
    css = (
        "/* c */ .a :target , .b > .c { margin: 0 calc(1rem + 2px) ; }\n"
        '.d::before { content: ", " } .e::after { content: ": /* not a comment */" }'
    )
    small = minify_css(css)
    assert ".a :target" in small and "calc(1rem + 2px)" in small
    assert 'content:", "' in small and 'content:": /* not a comment */"' in small
    js = 'var s = "a, b: c"; /* gone */ var r = /\\/\\*x/; // gone\nf(s, r);\n'
    assert minify_js(js) == r'var s="a, b: c";var r=/\/\*x/;f(s,r);'


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("The NSA’s unit. The NSA calls it so.", "The NSA’s unit."),
        ("It said “done.” Then it left.", "It said “done.”"),
        ("A magazine (since 1947). Its report.", "A magazine (since 1947)."),
        ("One sentence only", "One sentence only"),
        ("U.S. officials met. Then.", "U.S. officials met."),
    ],
)
def test_first_sentence(text: str, first: str) -> None:
    assert first_sentence(text) == first


def test_footnote_letters() -> None:
    assert [letters(n) for n in (1, 2, 26, 27, 52, 53)] == ["a", "b", "z", "aa", "az", "ba"]


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (", was tracked", "president,[1][a] was tracked"),
        ("’s email", "president’s[1][a] email"),
        ("”.", "president”.[1][a]"),
        (" and", "president[1][a] and"),
        ("’ and", "president’[1][a] and"),
    ],
)
def test_marks_move_after_punctuation_and_possessives(after: str, expected: str) -> None:
    para = nodes.paragraph()
    para += nodes.Text("president")
    para += anno_marker(anno="x", number=1, title="t", kind="k")
    para += nodes.footnote_reference("", "a", refid="f")
    para += nodes.Text(after)
    move_marks_after_punctuation(para)
    shown = "".join(
        f"[{n['number']}]"
        if isinstance(n, anno_marker)
        else f"[{n.astext()}]"
        if isinstance(n, nodes.footnote_reference)
        else str(n)
        for n in para.children
    )
    assert shown == expected


def test_no_mark_of_the_edition_stands_before_punctuation(edition_html: Path) -> None:
    article = (edition_html / "article.html").read_text(encoding="utf-8")
    marks = re.findall(
        r'<a [^>]*class="(?:anno-marker|footnote-reference)"[^>]*></a>([^<]{0,3})', article
    )
    assert len(marks) >= 10
    assert not [m for m in marks if TRAILING.match(m)], marks


def test_each_paragraph_and_its_notes_are_one_group(edition_html: Path) -> None:
    """In the article's HTML, a reading-text paragraph followed by notes is grouped with them
    (div.note-group, the scope in which the theme finds a note's paragraph without
    JavaScript): the paragraph first, then only its notes, and every note in a group. The
    group adds no text between the paragraphs (exact-match W3C clients read the page's text)."""
    html = (edition_html / "article.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    groups = page.select(".reading-text div.note-group")
    assert groups
    for group in groups:
        children = group.find_all(recursive=False)
        assert children[0].name == "p" and children[0].find_parent("aside") is None
        assert len(children) > 1
        for note in children[1:]:
            assert note.name == "aside", note.name  # an annotation, or a list of footnotes
        assert not str(group.contents[0]).isspace()  # no line break after the start tag
    notes = page.select(".reading-text .anno-note, .reading-text aside.footnote")
    assert notes and all(n.find_parent("div", class_="note-group") for n in notes)
    assert '<div class="note-group">\n' not in html
    assert "</aside>\n</div>\n" not in html  # a group's end tag, after its last note


def test_only_pages_with_a_design_component_load_design_css(edition_html: Path) -> None:
    """design.css (the rules for sphinx-design's components) is linked by the pages that have
    one and by no other: the article's byte budget does not carry it."""
    loads, has = set(), set()
    for path in edition_html.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page.select_one('link[rel="stylesheet"][href$="_static/design.css"]'):
            loads.add(path.name)
        main = page.select_one("main")
        if main and main.select_one('[class*="sd-"]'):
            has.add(path.name)
    assert has and loads == has


def test_quoted_sources_do_not_nest_double_quotes(edition_html: Path) -> None:
    # Each source's quotation, in “…”: a quote inside it is in single quotes, so that no
    # double quote in the middle reads as the quotation's end.
    shown = []
    for page in sorted((edition_html / "annotations").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        shown += [" ".join(q.get_text().split()) for q in soup.select(".anno-sources blockquote")]
    assert shown, "no quoted source on any annotation page"
    for quotation in shown:
        assert quotation[0] == "“" and quotation[-1] == "”", quotation
        assert not set('"“”') & set(quotation[1:-1]), quotation


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2026-11-27", "27 November 2026"),
        ("2013-09", "September 2013"),
        ("2013", "2013"),
        ("n.d.", "n.d."),
        ("27 November 2026, updated 2026-12-01", "27 November 2026, updated 1 December 2026"),
        ("2013-10-20", "20 October 2013"),  # British English: not CLDR's "en" October 20, 2013
        ("2013-02-30", "2013-02-30"),  # no such day: left as written
    ],
)
def test_dates_for_people(iso: str, shown: str) -> None:
    assert for_people(iso) == shown


def test_annotation_pages_write_dates_for_people(edition_html: Path) -> None:
    bylines = []
    for page in sorted((edition_html / "annotations").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for holder in soup.select(".anno-meta, .anno-sources"):
            text = holder.get_text(" ")
            assert not ISO_DATE.search(text), (page.name, text)
        bylines += [m.get_text(" ") for m in soup.select(".anno-meta")]
    assert any(re.search(r"\d \w+ \d{4}", b) for b in bylines), bylines[:3]


def test_a_note_shorter_than_its_page_says_there_is_more(edition_html: Path) -> None:
    """Each note in the article that leaves out words or sources of its annotation's page ends
    (before its back link) with a link to that page; a note carried whole has none."""
    article = BeautifulSoup((edition_html / "article.html").read_text("utf-8"), "html.parser")
    notes = article.select("aside.anno-note")
    assert notes
    for note in notes:
        title = note.select_one("a.anno-title")
        assert title is not None
        href = str(title["href"])
        page = BeautifulSoup((edition_html / href).read_text("utf-8"), "html.parser")
        body = page.select_one(".anno-body")
        whole = " ".join(body.get_text(" ").split()) if body else ""
        brief = note.select_one(".anno-body")
        shown = " ".join(brief.get_text(" ").split()) if brief else ""
        more = note.select_one("p.anno-more a")
        if page.select_one("#sources") or len(shown) < len(whole) - 1:
            assert more is not None and more["href"] == href, title.get_text()
            assert more.get_text().endswith("→")
            assert next_tag(more.parent).get("class") == ["anno-back-line"]
        else:
            assert more is None, title.get_text()


def test_the_repository_comes_from_conf_then_ci_then_a_github_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    from reading_edition.sphinxext.page_assets import repository_url

    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    monkeypatch.delenv("GITHUB_SERVER_URL", raising=False)
    clone = tmp_path / "clone"
    clone.mkdir()
    assert repository_url("", clone) == ""  # not a clone: download only
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    assert repository_url("", clone) == ""  # no origin
    for remote, expected in [
        ("https://gitlab.com/owner/name.git", ""),
        ("git@github.com:owner/name.git", "https://github.com/owner/name"),
        ("https://github.com/owner/name", "https://github.com/owner/name"),
    ]:
        subprocess.run(["git", "-C", str(clone), "remote", "remove", "origin"], check=False)
        subprocess.run(["git", "-C", str(clone), "remote", "add", "origin", remote], check=True)
        assert repository_url("", clone) == expected, remote
    monkeypatch.setenv("GITHUB_REPOSITORY", "ci/edition")
    assert repository_url("", clone) == "https://github.com/ci/edition"
    assert repository_url("https://github.com/conf/edition", clone) == (
        "https://github.com/conf/edition"
    )


#: A table a contributor may write: many columns, long words (valid for the checker).
WIDE_TABLE = (
    "| "
    + " | ".join(f"column {n}" for n in range(8))
    + " |\n|"
    + "---|" * 8
    + "\n| "
    + " | ".join(["AN_UNBREAKABLE_IDENTIFIER_OF_FORTY_LETTERS"] * 3 + ["x"] * 5)
    + " |\n"
)


#: A title a contributor may write: a word longer than a phone is wide (valid for the checker).
LONG_WORD_TITLE = "The Bundesnachrichtendienstgesetz and A_REFERENCE_NUMBER_TOO_LONG"


@pytest.mark.slow
def test_wide_content_of_a_note_never_pushes_a_page_sideways(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """At 320 px a table wider than the screen scrolls inside a focusable region with a label
    of its own, and a title's long word breaks (on its page, in the general index, in its
    neighbours' pager links): no page of the site scrolls sideways (the browser tests' rule)."""
    from edition_lab.browser import chromium, horizontal_overflow, serve

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    note = srcdir / "annotations" / "overlap-b.md"
    text = note.read_text(encoding="utf-8") + "\n" + WIDE_TABLE + "\nText.\n\n" + WIDE_TABLE
    text = text.replace('title: "Overlap two"', f'title: "{LONG_WORD_TITLE}"')
    assert LONG_WORD_TITLE in text
    note.write_text(text, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={"html_theme": "edition"})
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    page_html = (outdir / "annotations" / "overlap-b.html").read_text(encoding="utf-8")
    boxes = BeautifulSoup(page_html, "html.parser").select("div.table-scroll")
    assert len(boxes) == 2 and all(box.find("table") is not None for box in boxes)
    for box in boxes:
        assert box.get("tabindex") == "0" and box.get("role") == "region"
    # Regions are listed by their labels: each is named, and no two alike (axe's rule too).
    labels = [str(box.get("aria-label") or "") for box in boxes]
    assert all(labels) and len(set(labels)) == len(labels), labels
    pages = sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html"))
    assert "genindex.html" in pages
    with serve(outdir) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 320, "height": 800})
        page.goto(base + "annotations/overlap-b.html")
        scrolls = page.evaluate(
            "(() => { const b = document.querySelector('.table-scroll');"
            " return b.scrollWidth > b.clientWidth; })()"
        )
        assert scrolls, "the table should be wider than the screen here"
        wide = []
        for name in pages:
            page.goto(base + name)
            if horizontal_overflow(page):
                wide.append((name, horizontal_overflow(page)))
        assert wide == []
        page.close()


def test_the_site_navigation_says_where_the_reader_is(edition_html: Path) -> None:
    # A page of the top navigation is marked as the current page; an annotation's page as in
    # the Annotations part (its item "true"); every other page marks nothing.
    for page in sorted(edition_html.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        nav = soup.select_one("nav.site-nav")
        if nav is None:
            continue
        name = page.relative_to(edition_html).as_posix()

        def target(link: Tag, name: str = name) -> str:  # a link to the page itself is "#"
            href = str(link["href"])
            return name if href == "#" else href.split("/")[-1]

        current = {target(a): a["aria-current"] for a in nav.select("a[aria-current]")}
        if name in {target(a) for a in nav.select("a")}:
            assert current == {name: "page"}, (name, current)
        elif name.startswith("annotations/"):
            assert current == {"annotations-index.html": "true"}, (name, current)
        else:
            assert current == {}, (name, current)
