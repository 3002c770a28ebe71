"""Annotations in the build: anchoring across markup, overlaps, pages, index, JSON-LD, and the
located message for each kind of bad input (one test root per scenario)."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from reading_edition.model.schema import annotation_schema
from reading_edition.text.anchoring import normalise

#: The fields the schema allows, as the message lists them.
ALLOWED = ", ".join(sorted(annotation_schema()["properties"]))


def soup(app, page: str) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def warnings_of(app) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


@pytest.mark.sphinx("html", testroot="annotations", freshenv=True)
def test_passages_marked_across_markup_and_overlaps(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == ""
    page = soup(app, "article.html")
    # Numbered in reading order of the passages' starts; a marker follows its passage's end,
    # so the nested inner quote's marker (5) comes before the outer one's (4).
    markers = [(a["id"], a["data-n"]) for a in page.select("a.anno-marker")]
    assert markers == [
        ("ref-span-markup", "1"),
        ("ref-overlap-a", "2"),
        ("ref-overlap-b", "3"),
        ("ref-nested-inner", "5"),
        ("ref-nested-outer", "4"),
    ]
    # A quote spanning a {term} role and a footnote mark is marked in pieces, all its words.
    spans = page.select('mark[data-anno="span-markup"]')
    assert normalise(" ".join(s.get_text() for s in spans)).replace("  ", " ") == (
        "mentions Tailored Access Operations and the drug"
    )
    assert spans[0]["id"] == "passage-span-markup"
    assert page.select_one('a[href="glossary.html#term-TAO"] mark[data-anno="span-markup"]')
    # Overlapping and nested quotes both render.
    assert page.select_one('mark[data-anno="overlap-a"] mark[data-anno="overlap-b"]')
    assert page.select_one('mark[data-anno="nested-outer"] mark[data-anno="nested-inner"]')
    # The notes follow their paragraph, with body, link to the page and a way back.
    note = page.select_one("aside#note-span-markup")
    # Named by its mark, which says number, kind and title.
    assert note["aria-labelledby"] == "ref-span-markup"
    mark = page.select_one("a#ref-span-markup")
    assert mark is not None and mark["aria-label"].startswith("Annotation 1: ")
    assert mark["aria-label"].endswith("What TAO is")
    assert "Spans a term role and a footnote mark." in note.get_text()
    assert note.select_one('a[href="annotations/span-markup.html"]')
    assert note.select_one('a[href="#ref-span-markup"]')
    assert note.find_previous_sibling("p")["id"] == "p-2"
    # A link to another annotation in a body resolves from the article page as well.
    assert page.select_one('aside#note-overlap-a a[href="annotations/nested-inner.html"]')
    # So does a relative {doc} reference (written relative to the annotation's file).
    assert page.select_one('aside#note-nested-outer a[href="annotations/nested-inner.html"]')
    other = soup(app, "annotations/overlap-a.html")
    assert other.select_one('.anno-body a[href="nested-inner.html"]')
    # The article carries a note's gist: an annotation's own footnote is left to its page,
    # and no link into the article points at an id that is not there.
    assert page.select_one("aside#note-overlap-b a.footnote-reference") is None
    for link in page.select('a[href^="#"]'):
        assert page.find(id=link["href"][1:]) is not None, link
    own = soup(app, "annotations/overlap-b.html").select_one("a.footnote-reference")
    assert (
        own is not None
        and "A footnote inside an annotation body."
        in soup(app, "annotations/overlap-b.html").get_text()
    )
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))


@pytest.mark.sphinx("html", testroot="annotations", freshenv=True)
def test_note_gists_kept_small_and_detached(app) -> None:  # type: ignore[no-untyped-def]
    """The article's notes come from gists kept in the environment (not from loading every
    annotation's doctree); a gist must not drag its document, and with it the whole build, into
    the environment's pickle."""
    app.build()
    env = pickle.loads((Path(app.doctreedir) / "environment.pickle").read_bytes())
    data = env.domaindata["anno"]
    assert set(data["gists"]) == set(data["annotations"])
    for blob in data["gists"].values():
        assert len(blob) < 4096
        gist = pickle.loads(blob)
        assert gist.parent is None and all(n.document is None for n in gist.findall())


@pytest.mark.sphinx("html", testroot="annotations", freshenv=True)
def test_a_notes_passage_marks_a_cut_only_where_the_paragraph_goes_on(app) -> None:  # type: ignore[no-untyped-def]
    """The passage on a note's page is the quote in its context: an ellipsis at either end
    exactly where the paragraph goes on beyond what is shown, never at its own start or end."""
    from reading_edition.text.reading_source import read_article

    app.build()
    paragraphs = [normalise(p) for p in read_article(Path(app.srcdir) / "article.md").paragraphs]
    seen = 0
    for page in sorted((Path(app.outdir) / "annotations").glob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        passage, where = html.select_one("blockquote.anno-passage"), html.select_one(".anno-where")
        if passage is None or where is None:
            continue  # a moved note's page
        number = int(re.search(r"¶\s*(\d+)", where.get_text())[1])  # type: ignore[index]
        paragraph = paragraphs[number - 1]
        shown = normalise(passage.get_text())
        words = shown.strip("…")
        assert words in paragraph, (page.name, shown, paragraph)
        assert shown.startswith("…") == (not paragraph.startswith(words)), (page.name, shown)
        assert shown.endswith("…") == (not paragraph.endswith(words)), (page.name, shown)
        # Up to 80 characters of context are shown whole: a short side is never cut.
        quote = normalise(passage.select_one(".anno-quoted").get_text())
        start = paragraph.find(quote, paragraph.find(words))
        if start <= 80:
            assert paragraph.startswith(words), (page.name, shown)
        if len(paragraph) - start - len(quote) <= 80:
            assert paragraph.endswith(words), (page.name, shown)
        seen += 1
    assert seen


@pytest.mark.sphinx("html", testroot="annotations", freshenv=True)
def test_annotation_page_index_and_export(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    page = soup(app, "annotations/span-markup.html")
    assert page.select_one("h1").get_text().startswith("What TAO is")
    assert page.select_one("blockquote.anno-passage .anno-quoted").get_text() == (
        "mentions Tailored Access Operations and the drug"
    )
    back = page.select_one("p.anno-where a")
    assert back["href"] == "../article.html#passage-span-markup" and "¶\u00a02" in back.get_text()
    assert page.select_one('ul.anno-sources a[href="https://example.org/a"]')
    assert page.select_one('ul.anno-related a[href="nested-inner.html"]')

    index = soup(app, "notes.html")
    groups = [
        (s["id"], [a.get_text() for a in s.select("ul.anno-index a")])
        for s in index.select("section.anno-index-group")
    ]
    assert groups == [
        ("kind-definition", ["What TAO is"]),
        ("kind-analysis", ["Overlap one", "Overlap two", "Nested outer", "Nested inner"]),
    ]

    export = json.loads((Path(app.outdir) / "annotations.jsonld").read_text(encoding="utf-8"))
    assert export["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert export["type"] == "AnnotationCollection" and export["total"] == 5
    items = export["first"]["items"]
    page = soup(app, "article.html")
    for item in items:
        assert {"id", "type", "motivation", "created", "creator", "body", "target"} <= set(item)
        assert item["type"] == "Annotation"
        quote, fragment = item["target"]["selector"]
        assert item["target"]["source"] == "article.html"
        assert quote["type"] == "TextQuoteSelector" and fragment["type"] == "FragmentSelector"
        # The fragment is the paragraph that holds the marked passage, refined by the quote.
        anno = item["id"].removeprefix("annotations/").removesuffix(".html")
        passage = page.select_one(f"#passage-{anno}")
        paragraph = passage.find_parent(id=re.compile(r"^p-\d+$"))
        assert fragment["value"] == paragraph["id"] and fragment["refinedBy"] == quote
        assert quote["exact"].split()[0] in paragraph.get_text()
        assert item["body"][0]["type"] == "TextualBody" and item["body"][0]["value"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", item["created"])
    assert items[1]["target"]["selector"][0].get("prefix") is None
    assert items[2]["target"]["selector"][0]["prefix"] == "repeats"


BAD = {
    "missing-field": (
        1,
        "missing required field 'kind' in front matter. Add it before the closing '---': kind: "
        "context (or one of correction, person, definition, source, analysis)",
    ),
    "unknown-field": (
        8,
        f"unknown field 'colour' in front matter; allowed fields are {ALLOWED}.",
    ),
    "bad-date": (
        8,
        "updated: '2013-02-30' is not a real date: day 30 (February 2013 has 28 days).",
    ),
    "bad-url": (
        12,
        "sources.0.url: 'javascript:alert(1)' is not an absolute http(s) URL, "
        "e.g. https://example.org/page.",
    ),
    "home-page": (
        12,
        "sources.0.url: 'https://www.example.org' is a site's home page, which holds no article "
        "and none of the quote: give the address of the page that holds the quote; when that "
        "page was not found, leave url out and name the copy you read in via.",
    ),
    "no-url": (
        9,
        "sources.0 has no url: give the address of the source's own page, or, when that page "
        "was not found, name the copy you read in via (title, publisher, url).",
    ),
    "no-sources": (
        1,
        "missing required field 'sources' in front matter (every kind except "
        "analysis must cite at least one source). Add it before the closing '---': sources: on "
        "its own line, with each source below it starting '  - title: '",
    ),
    "duplicate-key": (8, "key 'title' appears twice (first on line 5); keep one."),
    "yaml-alias": (
        2,
        "YAML anchors and aliases ('&name', '*name') are not allowed; write the value out.",
    ),
    "not-found": (
        3,
        "quote 'an entirely different sentence about cheese' is not found in the article's "
        "reading text. The closest passage, ¶ ",
    ),
    "ambiguous": (
        3,
        "quote 'the drug trade' is found 2 times in the article (¶ 2, ¶ 3). "
        'Add target.prefix: "and" to pick one.',
    ),
    # Never matched (the root is not a committed edition): "not found", with the near miss.
    "drifted": (
        3,
        "quote 'The second paragraph repeats the drug trades' is not found in the article's "
        "reading text. The closest passage is ¶ 3: 'The second paragraph repeats the drug "
        "trade' (similarity 99%);",
    ),
    "editorial-directive": (
        11,
        # A directive of the editors' pages: not one of the edition's allowlist for notes.
        "the directive '{reading-text}' is not one an annotation may use. An annotation may "
        "use: admonition, ",
    ),
    "broken-related": (
        8,
        "related id 'no-such-note' is not an annotation (no file annotations/no-such-note.md).",
    ),
    "unknown-term": (
        8,
        "term 'FLATLIQUID' is not in the glossary (docs/glossary.md); use a "
        "defined term or add it there.",
    ),
}


@pytest.mark.parametrize("scenario", sorted(BAD))
def test_bad_input_gives_located_message(
    make_app, rootdir: Path, tmp_path: Path, scenario: str
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    shutil.rmtree(srcdir / "annotations")
    shutil.copytree(rootdir / f"test-bad-{scenario}" / "annotations", srcdir / "annotations")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    line, message = BAD[scenario]
    warnings = warnings_of(app)
    assert re.search(
        rf"annotations/{scenario}\.md:{line}: (WARNING|ERROR): {re.escape(message)}", warnings
    ), warnings
    assert "Traceback" not in warnings


def test_checker_gives_the_same_messages(rootdir: Path) -> None:
    from reading_edition.cli.checker import check_annotations
    from reading_edition.text.anchoring import ReadingIndex
    from reading_edition.text.glossary import glossary_terms
    from reading_edition.text.reading_source import read_article

    base = rootdir / "test-annotations"
    index = ReadingIndex(read_article(base / "article.md").paragraphs)
    for scenario, (line, message) in BAD.items():
        files = list((rootdir / f"test-bad-{scenario}" / "annotations").glob("*.md"))
        report = check_annotations(files, index, glossary_terms(base / "glossary.md"), rootdir)
        shown = [f"{e.line}: {e.message}" for e in report.errors]
        if scenario == "broken-related":
            assert any(message in s for s in shown), shown
        else:
            assert any(s.startswith(f"{line}: {message}") for s in shown), (scenario, shown)


@pytest.mark.sphinx("html", testroot="annotations", freshenv=True)
def test_moved_annotation_keeps_its_address_and_sources_name_the_copy_read(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == ""
    moved = soup(app, "annotations/old-name.html")
    main = moved.select_one("section.annotation-moved")
    assert main.select_one("h1").get_text(strip=True).startswith("An older note")
    # A plain page with a link, not a redirect: no refresh, no script of its own.
    link = main.select_one("p.anno-moved a")
    assert link["href"] == "nested-inner.html"
    assert "Merged into the note on the inner passage" in main.get_text()
    assert not moved.select('meta[http-equiv="refresh"]')
    # Not a note: no marker in the article and no entry in the index.
    article = soup(app, "article.html")
    assert not article.select('[data-anno="old-name"]')
    export = json.loads((Path(app.outdir) / "annotations.jsonld").read_text(encoding="utf-8"))
    assert {
        "id": "annotations/old-name.html",
        "title": "An older note",
        "movedTo": "annotations/nested-inner.html",
    } in export["moved"]
    assert all(item["id"] != "annotations/old-name.html" for item in export["first"]["items"])
    # A source read through a copy names the copy (page and export); the original stays first.
    page = soup(app, "annotations/span-markup.html")
    source = page.select_one("ul.anno-sources li")
    hrefs = [a["href"] for a in source.select("a")]
    assert hrefs[:2] == ["https://example.org/a", "https://example.org/copy"]
    assert "Read via" in source.get_text() and "An archive" in source.get_text()
    item = next(i for i in export["first"]["items"] if i["id"].endswith("span-markup.html"))
    linked = [b for b in item["body"] if b.get("purpose") == "linking"]
    assert linked[0]["id"] == "https://example.org/a"
    assert linked[0]["via"]["id"] == "https://example.org/copy"
    # A source whose own page was not found: cited by name (no link), read via a copy, and
    # given an id of its own in the export, neither the copy's address nor another source's.
    unlinked = page.select("ul.anno-sources li")[1]
    assert unlinked.select_one("a")["href"] == "https://example.org/copy2"
    assert "A lost page" in unlinked.get_text() and "Read via" in unlinked.get_text()
    ids = [b["id"] for b in linked]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ids[1]) and ids[1] != ids[0]
    assert linked[1]["via"]["id"] == "https://example.org/copy2"
