"""Search that finds notes, on the built edition: moved notes' stubs keep their addresses but
are neither in the search index nor in the previous/next chain; a glossary entry's terms are
apart in the page's text (the search excerpts' source)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def search_index(html: Path) -> dict[str, object]:
    text = (html / "searchindex.js").read_text(encoding="utf-8")
    found = re.fullmatch(r"Search\.setIndex\((.*)\)\s*", text, re.DOTALL)
    assert found
    index: dict[str, object] = json.loads(found.group(1))
    return index


def moved_stubs(html: Path) -> list[str]:
    return sorted(
        str(page.relative_to(html).with_suffix(""))
        for page in (html / "annotations").glob("*.html")
        if BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(
            "section.annotation-moved"
        )
    )


def test_moved_stubs_are_not_indexed_but_keep_their_address(edition_html: Path) -> None:
    stubs = moved_stubs(edition_html)
    assert stubs
    index = search_index(edition_html)
    docnames = index["docnames"]
    assert isinstance(docnames, list)
    numbers = {docnames.index(stub) for stub in stubs if stub in docnames}
    terms = index["terms"]
    titleterms = index["titleterms"]
    assert isinstance(terms, dict) and isinstance(titleterms, dict)
    for table in (terms, titleterms):
        for word, where in table.items():
            where = where if isinstance(where, list) else [where]
            assert not numbers & set(where), (word, numbers & set(where))
    alltitles = index["alltitles"]
    assert isinstance(alltitles, dict)
    for title, places in alltitles.items():
        assert not numbers & {p[0] for p in places}, title
    for stub in stubs:
        assert (edition_html / f"{stub}.html").is_file()


def test_the_previous_next_chain_skips_moved_stubs(edition_html: Path) -> None:
    stubs = {f"{stub}.html" for stub in moved_stubs(edition_html)}
    assert stubs
    pages = sorted(edition_html.rglob("*.html"))
    chain = {}
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for rel in ("prev", "next"):
            link = soup.select_one(f"nav.pager a[rel={rel}]")
            if link is None:
                continue
            target = (page.parent / str(link["href"]).split("#")[0]).resolve()
            name = str(target.relative_to(edition_html.resolve()))
            assert name not in stubs, (page.name, rel, name)
            chain[(str(page.relative_to(edition_html)), rel)] = name
    # The chain is whole: next and prev are each other's inverse among the pages it visits.
    for (page, rel), target in chain.items():
        if rel == "next" and page not in stubs:
            assert chain.get((target, "prev")) == page, (page, target)


def test_a_glossary_entrys_terms_are_apart_in_the_text(edition_html: Path) -> None:
    soup = BeautifulSoup((edition_html / "glossary.html").read_text("utf-8"), "html.parser")
    for dt in soup.select("dl.glossary dt"):
        following = dt.find_next_sibling()
        if following is not None and following.name == "dt":
            for link in dt.select("a.headerlink"):
                link.decompose()
            assert dt.get_text().endswith(", "), dt.get_text()


@pytest.mark.sphinx("html", testroot="annotations", freshenv=True)
def test_the_search_language_stems_each_word_once_per_build(app) -> None:  # type: ignore[no-untyped-def]
    """The edition's language is Sphinx's own, remembering its stems across pages: the same
    stems (so the same search index), each word stemmed once however many pages it is on."""
    from sphinx.search import languages
    from sphinx.search.en import SearchEnglish

    registered = languages[app.config.language]
    assert isinstance(registered, type) and issubclass(registered, SearchEnglish)
    words = ["Annotations", "running", "ran", "agencies", "agency", "hacked", "the"] * 3
    ours, sphinx = registered({}), SearchEnglish({})
    asked: list[str] = []
    stem_word = ours.stemmer.stemWord

    def counted(word: str) -> str:
        asked.append(word)
        return stem_word(word)

    ours.stemmer.stemWord = counted
    assert [ours.stem(w) for w in words] == [sphinx.stem(w) for w in words]
    assert sorted(asked) == sorted({w.lower() for w in words})
    app.build()
    index = search_index(Path(app.outdir))
    terms = index["terms"]
    assert isinstance(terms, dict) and sphinx.stem("passages") in terms


def test_the_annotations_pages_follow_one_another_in_the_order_of_their_notes(
    edition_html: Path,
) -> None:
    """From the page of note 1, "next" visits every annotation's page in the order of the
    notes' numbers in the article (a glob toctree alone would give the order of file names)."""
    article = BeautifulSoup((edition_html / "article.html").read_text("utf-8"), "html.parser")
    numbered = sorted(
        (int(note.select_one(".anno-num").get_text()), str(note.select_one("a.anno-title")["href"]))
        for note in article.select("aside.anno-note")
    )
    expected = [href for _, href in numbered]
    assert len(expected) >= 2
    visited, page = [], expected[0]
    while page in expected and page not in visited:
        visited.append(page)
        soup = BeautifulSoup((edition_html / page).read_text("utf-8"), "html.parser")
        link = soup.select_one("nav.pager a[rel=next]")
        if link is None:
            break
        page = str((Path(page).parent / str(link["href"]).split("#")[0]).as_posix())
    assert visited == expected


@pytest.mark.sphinx("html", testroot="annotations", freshenv=True)
def test_the_bar_above_a_page_names_the_chains_neighbours(app) -> None:  # type: ignore[no-untyped-def]
    """Sphinx's basic theme names a page's previous and next pages twice: in the page's head
    and in the bar above it (``rellinks``). Both are the chain's (the notes in the order of their
    numbers), not the toctree's: one order, which the page signatures of ``resolve.py`` follow."""
    app.build()
    outdir = Path(app.outdir)
    pages = sorted(outdir.rglob("*.html"))
    named = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for rel, key in (("prev", "P"), ("next", "N")):
            head = soup.select_one(f"link[rel={rel}]")
            bar = soup.select_one(f"div.related a[accesskey={key}]")
            assert (head and head["href"]) == (bar and bar["href"]), (page.name, rel)
            named += head is not None
    assert named >= len(pages)  # most pages have both neighbours


def test_the_pager_names_each_neighbour_as_its_heading_does(edition_html: Path) -> None:
    """The pager ("← Previous", "Next →") gives a neighbour's title as its page's heading
    shows it: the same words, publication titles in the same italics."""
    for page in sorted(edition_html.rglob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for link in soup.select("nav.pager a"):
            target = (page.parent / str(link["href"]).split("#")[0]).resolve()
            heading = BeautifulSoup(target.read_text("utf-8"), "html.parser").select_one("h1")
            if heading is None:
                continue
            for anchor in heading.select("a.headerlink"):
                anchor.decompose()
            words = link.get_text().strip("←→ \u00a0")
            assert words == heading.get_text().strip(), (page.name, words)
            italics = [em.get_text() for em in link.select("em")]
            assert italics == [em.get_text() for em in heading.select("em")], (page.name, words)


def test_the_index_holds_words_without_their_accents(edition_html: Path) -> None:
    """Every word of the index is without the accents of its Latin letters, and the search
    page takes them off what a reader types (the browser test searches both ways)."""
    import unicodedata

    from reading_edition.sphinxext.search_pages import FOLD_ACCENTS_JS, without_accents
    from sphinx.search.en import SearchEnglish

    index = search_index(edition_html)
    words = [*index["terms"], *index["titleterms"]]  # type: ignore[misc]
    # (Sphinx keeps a word as written when its stem is a stop word: "à", whose stem is "a".)
    accented = [
        w
        for w in words
        if re.search(r"[A-Za-z][\u0300-\u036f]", unicodedata.normalize("NFD", w))
        and without_accents(w).lower() not in SearchEnglish.stopwords
    ]
    assert words and not accented, accented[:10]
    script = (edition_html / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert FOLD_ACCENTS_JS.strip() in script
