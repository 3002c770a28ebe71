"""Incremental and parallel builds: editing, adding, deleting or renaming one annotation updates
the article and the index on the next build, rewrites a bounded set of pages, and leaves no
stale marker; after each kind of edit every page and its search words are what a clean build of
the same files gives; a parallel build gives no warnings."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, cast

import pytest
from bs4 import BeautifulSoup

#: What an incremental build writes whatever changed: Sphinx's toctree parents of a changed page
#: (the root and the notes' index), its general index and search page, and the pages with index
#: entries (the glossary: ``incremental.py``, sphinx-doc/sphinx#12599).
ALWAYS = {"index.html", "notes.html", "genindex.html", "search.html", "glossary.html"}


def _page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


def _written(outdir: Path, since: float) -> set[str]:
    return {
        str(p.relative_to(outdir)) for p in outdir.rglob("*.html") if p.stat().st_mtime_ns > since
    }


@pytest.fixture
def project(tmp_path: Path, rootdir: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    return srcdir


def _build(make_app, srcdir: Path, **kwargs) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    app = make_app("html", srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()  # the next build in this test starts a fresh application
    return Path(app.outdir), app.warning.getvalue()


def _pages(outdir: Path) -> dict[str, str]:
    """Every HTML page of the build, by its path in the output folder."""
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8") for p in outdir.rglob("*.html")
    }


def _changed(old: dict[str, str], new: dict[str, str]) -> set[str]:
    """The pages that are new, or whose HTML is not what it was."""
    return {name for name, html in new.items() if old.get(name) != html}


def _numbers(outdir: Path) -> dict[str, str]:
    """Each annotation's number, as the article's markers show it."""
    article = _page(outdir, "article.html")
    return {a["id"].removeprefix("ref-"): a["data-n"] for a in article.select("a.anno-marker")}


def _mark_time(outdir: Path) -> int:
    newest = max(p.stat().st_mtime_ns for p in outdir.rglob("*.html"))
    import time

    time.sleep(0.05)
    return newest


def test_edit_add_delete_rename(make_app, project: Path) -> None:  # type: ignore[no-untyped-def]
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    notes = project / "annotations"

    always = ALWAYS  # what every incremental build may write besides the pages it changes

    # Edit the body only: the annotation's page and the article (which carries its gist).
    before = _mark_time(outdir)
    text = (notes / "overlap-a.md").read_text(encoding="utf-8")
    (notes / "overlap-a.md").write_text(
        text.replace("Starts before the emphasis", "Begins before the emphasis"), encoding="utf-8"
    )
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    assert "Begins before the emphasis" in _page(outdir, "article.html").get_text()
    written = _written(outdir, before)
    assert {"annotations/overlap-a.html", "article.html"} <= written
    assert written <= {"annotations/overlap-a.html", "article.html"} | always

    # A second paragraph: the web article's note (its gist) now says there is more.
    before = _mark_time(outdir)
    text = (notes / "overlap-a.md").read_text(encoding="utf-8")
    (notes / "overlap-a.md").write_text(text + "\nA second paragraph.\n", encoding="utf-8")
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    note = _page(outdir, "article.html").select_one("#note-overlap-a")
    assert note is not None and note.select_one(".anno-more") is not None
    assert {"annotations/overlap-a.html", "article.html"} <= _written(outdir, before)

    # An edit below the gist shows only on the annotation's page: the article is not written.
    before = _mark_time(outdir)
    text = (notes / "overlap-a.md").read_text(encoding="utf-8")
    (notes / "overlap-a.md").write_text(text + "\nA third paragraph.\n", encoding="utf-8")
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    assert "A third paragraph." in _page(outdir, "annotations/overlap-a.html").get_text()
    written = _written(outdir, before)
    assert "annotations/overlap-a.html" in written
    assert "article.html" not in written

    # Edit the title and the quote: both reach the article and the index. The new quote comes
    # first in the text, so the notes it overtakes are renumbered: their pages show the number
    # ("Annotation 2, on ...") and are rewritten too, as are the pages that show the new title
    # or whose previous or next page changed; no page is written that shows nothing new.
    before = _mark_time(outdir)
    old_numbers = _numbers(outdir)
    old_pages = _pages(outdir)
    text = (notes / "overlap-a.md").read_text(encoding="utf-8")
    (notes / "overlap-a.md").write_text(
        text.replace('"Overlap one"', '"Overlap renamed"').replace(
            "The second paragraph repeats the", "The standfirst line"
        ),
        encoding="utf-8",
    )
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    article = _page(outdir, "article.html")
    assert article.select_one("#passage-overlap-a").get_text() == "The standfirst line"
    assert "Overlap renamed" in _page(outdir, "notes.html").get_text()
    new_numbers = _numbers(outdir)
    renumbered = {f"annotations/{k}.html" for k in new_numbers if old_numbers[k] != new_numbers[k]}
    assert "annotations/overlap-a.html" in renumbered and len(renumbered) < len(new_numbers)
    written = _written(outdir, before)
    assert {"article.html", "notes.html"} | renumbered <= written
    assert written <= _changed(old_pages, _pages(outdir)) | always

    # Add.
    (notes / "added.md").write_text(
        '---\ntarget:\n  exact: "a sentence"\nkind: analysis\ntitle: "Added"\n'
        'authors: ["A. Tester"]\ncreated: "2026-11-27"\n---\nNew.\n',
        encoding="utf-8",
    )
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    assert _page(outdir, "article.html").select_one("#passage-added") is not None
    assert "Added" in _page(outdir, "notes.html").get_text()

    # Rename: the old id disappears everywhere, the new one appears.
    (notes / "added.md").rename(notes / "renamed.md")
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    article = _page(outdir, "article.html")
    assert article.select_one("#passage-added") is None
    assert article.select_one("#passage-renamed") is not None
    assert "renamed.html" in str(_page(outdir, "notes.html"))

    # Delete: no stale marker or note. (The moved note that pointed at it is pointed elsewhere.)
    text = (notes / "old-name.md").read_text(encoding="utf-8")
    (notes / "old-name.md").write_text(
        text.replace('moved_to: "nested-inner"', 'moved_to: "overlap-a"'), encoding="utf-8"
    )
    (notes / "renamed.md").unlink()
    (notes / "nested-inner.md").unlink()
    text = (notes / "span-markup.md").read_text(encoding="utf-8")
    (notes / "span-markup.md").write_text(
        text.replace("related: [nested-inner]\n", ""), encoding="utf-8"
    )
    # Its page linked to the deleted annotation: the link goes too (else: a dead-link warning).
    text = (notes / "overlap-a.md").read_text(encoding="utf-8")
    (notes / "overlap-a.md").write_text(
        text.replace("; see [the inner one](nested-inner.md).", "."), encoding="utf-8"
    )
    text = (notes / "nested-outer.md").read_text(encoding="utf-8")
    (notes / "nested-outer.md").write_text(
        text.replace("; see {doc}`nested-inner`.", "."), encoding="utf-8"
    )
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    article = _page(outdir, "article.html")
    assert article.select("[data-anno=renamed], [data-anno=nested-inner]") == []
    assert article.select_one("#note-nested-inner") is None
    assert [a["data-n"] for a in article.select("a.anno-marker")] == ["1", "2", "3", "4"]


def test_errors_are_reported_again_on_the_next_build(make_app, project: Path) -> None:  # type: ignore[no-untyped-def]
    (project / "annotations" / "broken.md").write_text(
        "---\nkind: analysis\n---\nBody\n", encoding="utf-8"
    )
    _, first = _build(make_app, project)
    _, second = _build(make_app, project)
    assert "broken.md:1: WARNING: missing required field 'target'" in first
    assert "broken.md:1: WARNING: missing required field 'target'" in second


def _notes_with_gists(outdir: Path) -> dict[str, str]:
    """Each note in the article and the first words of its body (its gist)."""
    article = _page(outdir, "article.html")
    return {
        note["id"]: " ".join(note.select_one(".anno-body").get_text().split())[:20]
        for note in article.select("aside.anno-note")
    }


def test_parallel_build_merges_what_workers_read(make_app, project: Path) -> None:  # type: ignore[no-untyped-def]
    notes = sorted(p.stem for p in (project / "annotations").glob("*.md"))
    serial, warnings = _build(make_app, project, freshenv=True)
    assert warnings == ""
    expected = _notes_with_gists(serial)
    # Every note that is a note (not a moved address) is there, each with its gist.
    assert set(expected) <= {f"note-{n}" for n in notes} and len(expected) >= 5
    assert all(expected.values()), expected
    outdir, warnings = _build(make_app, project, parallel=2, freshenv=True)
    assert warnings == ""
    assert _notes_with_gists(outdir) == expected
    (project / "annotations" / "overlap-b.md").touch()
    outdir, warnings = _build(make_app, project, parallel=2)
    assert warnings == ""
    assert _notes_with_gists(outdir) == expected


def test_any_finding_is_reported_again_until_fixed(make_app, project: Path) -> None:  # type: ignore[no-untyped-def]
    # A refused body and a reference Sphinx cannot resolve: neither page changes between builds.
    text = (project / "annotations" / "overlap-b.md").read_text(encoding="utf-8")
    (project / "annotations" / "overlap-b.md").write_text(
        text + "\nMore with <script>alert(1)</script> and {term}`NOT-A-TERM`.\n", encoding="utf-8"
    )
    _, first = _build(make_app, project)
    _, second = _build(make_app, project)
    for warnings in (first, second):
        assert "overlap-b.md" in warnings and "raw html is not allowed" in warnings
        assert "term not in glossary: 'NOT-A-TERM'" in warnings
    # Fixed: the next build is clean, and the one after it too.
    (project / "annotations" / "overlap-b.md").write_text(text, encoding="utf-8")
    _, third = _build(make_app, project)
    _, fourth = _build(make_app, project)
    assert third == "" and fourth == ""


def test_a_deleted_page_leaves_nothing_behind(make_app, project: Path) -> None:  # type: ignore[no-untyped-def]
    notes = project / "annotations"
    # A {doc} link from a note that is not the deleted one's neighbour in the navigation (a
    # neighbour is rewritten anyway): only the recorded link makes it read again.
    far = notes / "overlap-b.md"
    far.write_text(far.read_text(encoding="utf-8") + "\nSee {doc}`nested-inner`.\n", "utf-8")
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    pages = sorted(p.stem for p in notes.glob("*.md"))
    # Delete a note that another note's body links to, and that has neighbours in the
    # navigation; remove the related-list entries (those are checked as front matter).
    gone = "nested-inner"
    assert (outdir / "annotations" / f"{gone}.html").is_file()
    (notes / f"{gone}.md").unlink()
    for path in notes.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        new = text.replace("related: [nested-inner]\n", "").replace(
            'moved_to: "nested-inner"', 'moved_to: "overlap-a"'
        )
        if new != text:  # the others stay untouched: read again only because they link to it
            path.write_text(new, encoding="utf-8")
    outdir, warnings = _build(make_app, project)
    # Its page is gone, and no page links to it any more.
    assert not (outdir / "annotations" / f"{gone}.html").exists()
    for page in outdir.rglob("*.html"):
        assert f"{gone}.html" not in page.read_text(encoding="utf-8"), page
    # The notes whose bodies link to it are read again: each dead reference is reported.
    linking = [p for p in pages if p != gone and gone in (notes / f"{p}.md").read_text()]
    assert linking
    for name in linking:
        assert f"{name}.md" in warnings, warnings


def test_neighbours_of_a_deleted_page_lose_their_link(make_app, project: Path) -> None:  # type: ignore[no-untyped-def]
    notes = project / "annotations"
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    # Any note whose neighbours in the navigation keep their numbers: one that links nowhere
    # and is not linked to, so nothing but the navigation ties them.
    order = sorted(p.stem for p in notes.glob("*.md"))
    linked = {
        p.stem for p in notes.glob("*.md") for o in order if o in p.read_text() and o != p.stem
    }
    gone = next(name for name in order[1:-1] if name not in linked)
    neighbours = [
        page
        for page in outdir.rglob("*.html")
        if f"{gone}.html" in page.read_text(encoding="utf-8") and page.stem != gone
    ]
    assert neighbours
    (notes / f"{gone}.md").unlink()
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    for page in neighbours:
        assert f"{gone}.html" not in page.read_text(encoding="utf-8"), page


def _search_index(outdir: Path) -> dict[str, Any]:
    import json

    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return dict(json.loads(text[text.index("(") + 1 : text.rindex(")")]))


def _index_entries(outdir: Path, pages_only: bool = False) -> dict[str, object]:
    """The search index's entries; with ``pages_only``, without the annotation pages' own
    (their title and terms, which are not fed again: see ``incremental.py``)."""
    index = _search_index(outdir)
    docnames = index["docnames"]
    entries: dict[str, object] = {}
    for word, postings in index["indexentries"].items():
        kept = [
            p for p in postings if not (pages_only and docnames[p[0]].startswith("annotations/"))
        ]
        if kept:
            entries[word] = kept
    return entries


def test_search_index_keeps_every_index_entry_on_an_incremental_build(  # type: ignore[no-untyped-def]
    make_app, project: Path
) -> None:
    # Sphinx reloads searchindex.js without its index entries (sphinx-doc/sphinx#12599): an
    # edit anywhere would drop the glossary's terms from the search until a clean build. The
    # pages with index entries are written again, so Sphinx feeds their entries afresh; the
    # annotation pages' generated entries are not (that would rewrite every note on every
    # build), and their notes stay found by title.
    outdir, _ = _build(make_app, project)
    clean = _index_entries(outdir, pages_only=True)
    assert clean, "the root has no glossary term or index entry"
    clean_index = _search_index(outdir)
    notes = {
        d: t
        for d, t in zip(clean_index["docnames"], clean_index["titles"], strict=True)
        if d.startswith("annotations/")
    }
    assert notes
    since = _mark_time(outdir)
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    written = _written(outdir, since)
    assert "glossary.html" in written  # its entries fed again by Sphinx
    assert not {f"{d}.html" for d in notes} & written  # no note rewritten for its entries
    assert _index_entries(outdir, pages_only=True) == clean
    after = _search_index(outdir)
    titles = dict(zip(after["docnames"], after["titles"], strict=True))
    assert all(titles.get(d) == t for d, t in notes.items())  # each note found by its title


def test_a_page_read_again_takes_back_what_it_no_longer_cites(make_app, project: Path) -> None:  # type: ignore[no-untyped-def]
    """A page's per-document state (here its footnotes' sources) is cleared when the page is read
    again: a source it no longer cites leaves the sources register on an incremental build."""
    cited = "https://example.org/cited"
    page = project / "more.md"
    page.write_text(
        f"# More\n\nA claim.[^one]\n\n[^one]: Reuters, “A report”, 20 October 2013, <{cited}>: "
        "“its words”.\n",
        encoding="utf-8",
    )
    (project / "sources.md").write_text(
        "# Sources\n\n```{sources-register}\n```\n", encoding="utf-8"
    )
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("notes\n", "notes\nmore\nsources\n"))
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    assert cited in (outdir / "sources.html").read_text(encoding="utf-8")
    page.write_text("# More\n\nA claim.\n", encoding="utf-8")
    outdir, warnings = _build(make_app, project)
    assert warnings == ""
    assert cited not in (outdir / "sources.html").read_text(encoding="utf-8")


def _page_and_words(outdir: Path) -> tuple[str, list[str]]:
    """The article page's bytes, and the words the search index finds it by."""
    index = _search_index(outdir)
    article = index["docnames"].index("article")
    words = [
        word
        for kind in ("terms", "titleterms")
        for word, pages in index[kind].items()
        if article in (pages if isinstance(pages, list) else [pages])
    ]
    return (outdir / "article.html").read_text(encoding="utf-8"), sorted(words)


def _clean_twin(make_app, project: Path, tmp_path: Path, **kwargs) -> Path:  # type: ignore[no-untyped-def]
    twin = tmp_path / f"twin-{len(list(tmp_path.glob('twin-*')))}"
    shutil.copytree(project, twin, ignore=shutil.ignore_patterns("_build"))
    outdir, warnings = _build(make_app, twin, **kwargs)
    assert warnings == ""
    return outdir


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _gist_edit(path: Path, words: str) -> None:
    head, end, body = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(f"{head}{end}{words} {body}", encoding="utf-8")


def test_kept_notes_give_a_clean_builds_article(make_app, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The article's notes are kept from one build to the next (annotations/note_cache.py): after
    # each edit the article and the search index must be what a clean build of the same files
    # writes, whatever the edit changed around the notes.
    notes = project / "annotations"
    inner = notes / "nested-inner.md"
    # A gist whose words come from elsewhere: another note's title, a glossary term.
    _gist_edit(notes / "overlap-a.md", "Read {doc}`nested-inner` and {term}`TAO`.")
    _build(make_app, project)
    steps = [
        ("a gist edited", lambda: _gist_edit(notes / "span-markup.md", "New first words.")),
        (
            "a linked note's title",
            lambda: _replace(inner, 'title: "Nested inner"', 'title: "Renamed"'),
        ),
        (
            "a term added and linked",
            lambda: (
                _replace(project / "glossary.md", "TAO\n", "TAO\nTailored Access\n"),
                _gist_edit(notes / "overlap-b.md", "See {term}`Tailored Access`."),
            ),
        ),
        (
            "a term moved to another page",
            lambda: (
                _replace(project / "glossary.md", "TAO\nTailored Access\n", "Tailored Access\n"),
                (project / "terms.md").write_text(
                    "# Terms\n\n```{glossary}\nTAO\n  The NSA's hacking unit.\n```\n",
                    encoding="utf-8",
                ),
                _replace(project / "index.md", "glossary\n", "glossary\nterms\n"),
            ),
        ),
        (
            "the article's page read again",
            lambda: _replace(project / "article.md", "mentions", "mentions"),
        ),
        ("a note deleted", lambda: (notes / "old-name.md").unlink()),
    ]
    for what, edit in steps:
        edit()
        outdir, warnings = _build(make_app, project)
        assert warnings == "", what
        assert _page_and_words(outdir) == _page_and_words(
            _clean_twin(make_app, project, tmp_path)
        ), what
    # A configuration value the notes' links depend on, changed without reading a page again.
    # (Sphinx writes the pages before it copies the static files, so an incremental build's
    # links to them carry the old files' checksums: those are not the notes' and are left out.)
    outdir, warnings = _build(make_app, project, confoverrides={"html_link_suffix": ".htm"})
    assert warnings == ""
    twin = _clean_twin(make_app, project, tmp_path, confoverrides={"html_link_suffix": ".htm"})
    page, words = _page_and_words(outdir)
    clean_page, clean_words = _page_and_words(twin)
    assert 'href="annotations/nested-outer.htm"' in clean_page
    assert re.sub(r"\?v=\w+", "", page) == re.sub(r"\?v=\w+", "", clean_page)
    assert words == clean_words


def _mark_a_kept_note(doctrees: Path, anno: str = "") -> str:
    """Mark one kept note's HTML (``anno``'s, else the first's) in the doctree folder's file
    (``data-kept``); its id."""
    import pickle
    from dataclasses import replace

    from reading_edition.sphinxext.annotations.note_cache import CACHE_FILE

    kept_file = doctrees / CACHE_FILE
    kept = pickle.loads(kept_file.read_bytes())
    assert kept["notes"], "no note kept"
    anno = anno or sorted(kept["notes"])[0]
    marked = kept["notes"][anno]
    kept["notes"][anno] = replace(marked, html=marked.html.replace("<aside", "<aside data-kept", 1))
    kept_file.write_bytes(pickle.dumps(kept))
    return anno


def test_the_article_shows_the_kept_notes(make_app, project: Path) -> None:  # type: ignore[no-untyped-def]
    # Proof that kept notes are used, not written afresh each time: a kept note's HTML, marked
    # in the doctree folder's file, is what the next build's article shows, until its own
    # gist changes, or a build asks for a fresh start (-E).
    outdir, _ = _build(make_app, project)
    doctrees = outdir.parent / "doctrees"
    anno = _mark_a_kept_note(doctrees)
    others = sorted(p for p in (project / "annotations").glob("*.md") if p.stem != anno)
    _gist_edit(others[0], "Edited.")
    outdir, _ = _build(make_app, project)
    article = (outdir / "article.html").read_text(encoding="utf-8")
    assert f'<aside data-kept class="anno-note" id="note-{anno}"' in article
    _gist_edit(project / "annotations" / f"{anno}.md", "Edited.")
    outdir, _ = _build(make_app, project)
    assert "data-kept" not in (outdir / "article.html").read_text(encoding="utf-8")
    _mark_a_kept_note(doctrees)
    _gist_edit(others[0], "Edited again.")
    outdir, _ = _build(make_app, project, freshenv=True)
    assert "data-kept" not in (outdir / "article.html").read_text(encoding="utf-8")


def test_a_retitled_note_rewrites_only_the_notes_that_show_its_title(
    make_app, project: Path
) -> None:  # type: ignore[no-untyped-def]
    # A note whose links show another note's title ({doc} without words of its own) is written
    # again when that title changes; a note that does not show it stays kept (a title edit
    # must not write every note of the article again). That the article is then right is
    # test_kept_notes_give_a_clean_builds_article's and the all-pages test's.
    notes = project / "annotations"
    outdir, _ = _build(make_app, project)
    doctrees = outdir.parent / "doctrees"
    shows = "nested-outer"  # "see {doc}`nested-inner`"
    assert "{doc}`nested-inner`" in (notes / f"{shows}.md").read_text(encoding="utf-8")
    _mark_a_kept_note(doctrees, shows)
    _replace(notes / "overlap-b.md", 'title: "Overlap two"', 'title: "Overlap, retitled"')
    outdir, warnings = _build(make_app, project)
    article = (outdir / "article.html").read_text(encoding="utf-8")
    assert warnings == "" and "Overlap, retitled" in article
    assert f'<aside data-kept class="anno-note" id="note-{shows}"' in article
    _replace(notes / "nested-inner.md", 'title: "Nested inner"', 'title: "Inner, retitled"')
    outdir, warnings = _build(make_app, project)
    article = (outdir / "article.html").read_text(encoding="utf-8")
    assert warnings == "" and "data-kept" not in article
    note = article.split(f'id="note-{shows}"', 1)[1].split("</aside>", 1)[0]
    assert "Inner, retitled" in note


def test_a_kept_note_with_a_design_component_keeps_its_stylesheet(make_app, project: Path) -> None:  # type: ignore[no-untyped-def]
    # A gist holding a sphinx-design badge: the article loads design.css (the theme's rules for
    # sphinx-design), on a clean build and on one that keeps the note (its nodes are gone then).
    theme = {"html_theme": "edition"}
    notes = project / "annotations"
    _gist_edit(notes / "overlap-a.md", "A {bdg-primary}`badge` first.")
    outdir, warnings = _build(make_app, project, confoverrides=theme)
    assert warnings == ""
    design = "_static/design.css"
    assert design in (outdir / "article.html").read_text(encoding="utf-8")
    _gist_edit(notes / "span-markup.md", "Edited.")
    outdir, warnings = _build(make_app, project, confoverrides=theme)
    assert warnings == ""
    article = (outdir / "article.html").read_text(encoding="utf-8")
    assert 'class="sd-sphinx-override sd-badge' in article  # the kept note, badge and all
    assert design in article


def _site(outdir: Path) -> dict[str, object]:
    """What a reader gets: every HTML page, and what the search index finds each page by (its
    words, its title and its section titles) and its index entries, but the annotation pages'
    own entries: an incremental build does not feed those again, sphinx-doc/sphinx#12599 (see
    ``incremental.py``). Nothing is normalised: the same files give the same bytes."""
    index = _search_index(outdir)
    docnames = index["docnames"]
    words: dict[str, set[tuple[str, str]]] = {}
    for kind in ("terms", "titleterms"):
        for word, pages in index[kind].items():
            for page in pages if isinstance(pages, list) else [pages]:
                words.setdefault(docnames[page], set()).add((kind, word))
    section_titles = {
        title: sorted((docnames[page], anchor) for page, anchor in pages)
        for title, pages in index["alltitles"].items()
    }
    return {
        "pages": _pages(outdir),
        "words": words,
        "titles": dict(zip(docnames, index["titles"], strict=True)),
        "section titles": section_titles,
        "index entries": _index_entries(outdir, pages_only=True),
    }


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _set_heading(path: Path, heading: str) -> None:
    """Replace a page's title (its first heading)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^# .*$", heading, text, count=1, flags=re.M), encoding="utf-8")


def _front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").partition("\n---\n")[0]


def _set_front_matter(path: Path, pattern: str, new: str) -> None:
    """Replace the first match of ``pattern`` (a whole line, or lines) in the front matter."""
    head, end, body = path.read_text(encoding="utf-8").partition("\n---\n")
    changed, count = re.subn(pattern, new, head, count=1, flags=re.MULTILINE)
    assert count, f"{path.name}: no {pattern!r}"
    path.write_text(changed + end + body, encoding="utf-8")


#: A note's quoted passage: its ``target:`` mapping, keys indented below it.
TARGET = r"^target:\n(?:[ \t]+.*\n?)+"


def _reading_order(outdir: Path) -> list[str]:
    """The notes' ids by their numbers in the article."""
    numbers = _numbers(outdir)
    return sorted(numbers, key=lambda anno: int(numbers[anno]))


@pytest.mark.parametrize("theme", ["basic", "edition"])
def test_every_page_is_a_clean_builds_after_each_edit(  # type: ignore[no-untyped-def]
    make_app, project: Path, tmp_path: Path, theme: str
) -> None:
    # An incremental build writes what a clean build of the same files writes, on every page
    # (not only the article: a page that names a note, by a link or as its previous or next
    # page, shows its title), and its search words; and it writes no page that shows nothing
    # new, besides ALWAYS. The edits take the notes as they find them (ids, titles, order).
    # Sphinx's basic theme shows more of other pages (its bar names the parents, its sidebar
    # the neighbours) than the edition's, which has its own layout.
    conf = {"confoverrides": {"html_theme": theme}}
    notes = project / "annotations"
    glossary = project / "glossary.md"
    # Pages that name the glossary by a label only (``{ref}``, and a Markdown link to an anchor
    # of the page), which shows its section's title, and are not its neighbours: nothing else
    # ties them.
    glossary.write_text("(the-glossary)=\n" + glossary.read_text("utf-8"), encoding="utf-8")
    (project / "more.md").write_text("# More\n\nThe edition's {ref}`the-glossary`.\n", "utf-8")
    (project / "also.md").write_text("# Also\n\nIts [](glossary.md#the-glossary).\n", "utf-8")
    _replace(project / "index.md", "notes\n", "notes\nmore\nalso\n")
    outdir, warnings = _build(make_app, project, **conf)
    assert warnings == ""
    order = _reading_order(outdir)
    assert len(order) >= 4, "the root needs four notes: one in the middle, neighbours, a linker"
    linked = order[len(order) // 2]  # a note with a previous and a next note
    linker = order[0] if order[0] != linked else order[-1]

    def links_to_the_note() -> None:
        # Without words of their own, these links show the note's title.
        _append(notes / f"{linker}.md", f"\nSee {{doc}}`{linked}` and [](./{linked}.md).\n")
        _append(
            project / "more.md",
            f"\nSee {{doc}}`annotations/{linked}`, [](annotations/{linked}.md).\n",
        )

    def a_note_added() -> None:
        # On the first note's passage: it comes first, and every other note is renumbered.
        first = re.search(TARGET, _front_matter(notes / f"{order[0]}.md"), re.MULTILINE)
        assert first is not None
        (notes / "added-note.md").write_text(
            f'---\n{first.group(0).rstrip()}\nkind: analysis\ntitle: "An added note"\n'
            'authors: ["A. Tester"]\ncreated: "2026-11-27"\n---\nNew.\n',
            encoding="utf-8",
        )

    def a_quote_moved() -> None:
        # The last note takes the first one's passage: the notes between are renumbered.
        first = re.search(TARGET, _front_matter(notes / f"{order[0]}.md"), re.MULTILINE)
        assert first is not None
        _set_front_matter(notes / f"{order[-1]}.md", TARGET, first.group(0).rstrip() + "\n")

    def a_note_deleted() -> None:
        # One no other file names (a note named elsewhere leaves a dead link: another test).
        others = [*project.glob("*.md"), *notes.glob("*.md")]
        gone = next(
            anno
            for anno in order
            if anno != linked
            and not any(anno in p.read_text(encoding="utf-8") for p in others if p.stem != anno)
        )
        (notes / f"{gone}.md").unlink()

    term = re.search(r"^```\{glossary\}\n(.+)\n", glossary.read_text(encoding="utf-8"), re.M)
    assert term is not None
    old_term = term.group(1)

    def a_term_renamed() -> None:
        new = f"{old_term} renamed"
        for path in [*project.glob("*.md"), *notes.glob("*.md")]:
            text = path.read_text(encoding="utf-8")
            head, end, body = text.partition("\n---\n") if path.parent == notes else ("", "", text)
            head = re.sub(
                rf"^(terms: \[.*?)\b{re.escape(old_term)}\b", rf"\g<1>{new}", head, flags=re.M
            )
            body = body.replace(f"{{term}}`{old_term}`", f"{{term}}`{new}`")
            body = body.replace(f"<{old_term}>`", f"<{new}>`")
            if path == glossary:
                body = body.replace(f"```{{glossary}}\n{old_term}\n", f"```{{glossary}}\n{new}\n")
            if head + end + body != text:
                path.write_text(head + end + body, encoding="utf-8")

    steps = [
        ("links to a note", links_to_the_note),
        (
            "a note's title",
            lambda: _set_front_matter(
                notes / f"{linked}.md", r"^title: .*$", 'title: "A title never seen"'
            ),
        ),
        (
            "a page's title",
            lambda: _set_heading(glossary, "# Words"),
        ),
        (
            "a parent page's title",  # named above each note's page by basic's bar
            lambda: _set_heading(project / "notes.md", "# The notes"),
        ),
        ("a gist edited", lambda: _gist_edit(notes / f"{linker}.md", "New first words.")),
        (
            "a paragraph below the gist",
            lambda: _append(notes / f"{linked}.md", "\nA paragraph below.\n"),
        ),
        ("a note added", a_note_added),
        ("a quote moved", a_quote_moved),
        ("a note deleted", a_note_deleted),
        ("a glossary term renamed", a_term_renamed),
        ("a term's definition", lambda: _replace(glossary, "\n  ", "\n  In short: ")),
    ]
    for what, edit in steps:
        before, since = _site(outdir), _mark_time(outdir)
        edit()
        outdir, warnings = _build(make_app, project, **conf)
        assert warnings == "", what
        after = _site(outdir)
        twin = _site(_clean_twin(make_app, project, tmp_path, **conf))
        for part, clean in twin.items():
            assert after[part] == clean, f"{what}: {part}"
        changed = _changed(
            cast("dict[str, str]", before["pages"]), cast("dict[str, str]", after["pages"])
        )
        assert changed - ALWAYS, f"{what}: the edit shows nowhere"
        written = _written(outdir, since)
        if what == "a parent page's title":
            # The signature holds every page's parents' titles, which basic's bar names and
            # the edition's layout does not: with it, the notes' pages are written unchanged
            # (an edit of the notes' index's own title, once in a long while).
            changed |= {page for page in written if page.startswith("annotations/")}
        assert written - ALWAYS <= changed, what


def test_a_term_gone_from_the_glossary_is_reported_where_it_is_used(  # type: ignore[no-untyped-def]
    make_app, project: Path
) -> None:
    # Only the glossary is edited: the pages that link to the term are written again (what
    # their links show changed), so each dead link is reported, and again until fixed.
    glossary = project / "glossary.md"
    _, warnings = _build(make_app, project)
    assert warnings == ""
    term = re.search(r"^```\{glossary\}\n(.+)\n", glossary.read_text(encoding="utf-8"), re.M)
    assert term is not None
    users = [
        path.relative_to(project).as_posix()
        for path in sorted(project.rglob("*.md"))
        if re.search(rf"\{{term\}}`([^`]*<)?{re.escape(term.group(1))}>?`", path.read_text("utf-8"))
    ]
    assert users
    _replace(glossary, f"\n{term.group(1)}\n", f"\n{term.group(1)} gone\n")
    for _ in range(2):
        _, warnings = _build(make_app, project)
        for user in users:
            assert any(
                f"{user}:" in line and "term not in glossary" in line
                for line in warnings.splitlines()
            ), (user, warnings)
