"""The sources register: one model from the notes' front matter and the pages' footnotes, every
source once with its quotes, citing places and standing, in HTML, EPUB and CSL-JSON."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from reading_edition.citation.register import (
    ANALYSIS,
    PRIMARY,
    REPORT,
    VIA,
    Citing,
    build_register,
    footnote_sources,
)
from reading_edition.model.annotation import Source, Via

NOTE = Citing("annotations/a", "A note", "note")
PAGE = Citing("afterword", "Afterword", "page", "footnote-1")


def test_a_footnote_cites_each_address_with_its_words() -> None:
    parts: list[str | tuple[str, str]] = [
        "As reported: Bloomberg BNA, “White House Unveils U.S. Surveillance Policies”,\n"
        "18 December 2013, ",
        ("https://example.org/bna", "https://example.org/bna"),
        ": “The White House Dec. 18 released a report”; “dated Dec. 12”; The Washington "
        "Times, 18 December 2013, ",
        ("https://example.org/wt", "https://example.org/wt"),
        ": “under pressure”. O Estado de S. Paulo, September 2013, ",
        ("https://example.org/estadao", "https://example.org/estadao"),
        ". Der Spiegel, “NSA Accessed Mexican President's Email”, 20 October 2013, read in a "
        "blog repost (",
        ("https://blog.example.org/repost", "https://blog.example.org/repost"),
        "), which names its source: “in May 2010”.",
    ]
    # An address shown as itself (smart quotes may have changed its text): no title.
    parts[3] = ("https://example.org/wt", "https://example.org/w’t")
    bna, wt, estadao, spiegel = footnote_sources(parts)
    assert wt.title == "[page at example.org]"
    assert (bna.publisher, bna.title, bna.date, bna.url) == (
        "Bloomberg BNA",
        "White House Unveils U.S. Surveillance Policies",
        "2013-12-18",
        "https://example.org/bna",
    )
    assert bna.quote == "The White House Dec. 18 released a report\ndated Dec. 12"
    assert (wt.publisher, wt.date, wt.quote) == (
        "The Washington Times",
        "2013-12-18",
        "under pressure",
    )
    assert (estadao.publisher, estadao.date, estadao.quote) == (
        "O Estado de S. Paulo",
        "2013-09",
        None,
    )
    assert spiegel.url is None and spiegel.via is not None
    assert spiegel.via.url == "https://blog.example.org/repost"
    assert (spiegel.publisher, spiegel.date, spiegel.quote) == (
        "Der Spiegel",
        "2013-10-20",
        "in May 2010",
    )


def test_a_footnote_naming_the_copy_read_cites_the_original() -> None:
    parts: list[str | tuple[str, str]] = [
        "The Review Group, Liberty and Security: Report and Recommendations, 12 December 2013, "
        "transmittal letter. The White House's copy was not found; the edition read the copy "
        "filed as Exhibit 2 (Document 66-5, 29 May 2015), ",
        ("https://docs.example.org/exhibit-2", "https://docs.example.org/exhibit-2"),
        ": “Dear Mr. President”.",
    ]
    (letter,) = footnote_sources(parts)
    assert letter.url is None and letter.via is not None
    assert (letter.publisher, letter.date, letter.quote) == (
        "The Review Group",
        "2013-12-12",
        "Dear Mr. President",
    )
    # Quotes held inside a longer one are listed once, as the longer.
    inner = Source("T", "P", "2013", "https://example.org/q", quote="the longer quote")
    outer = Source("T", "P", "2013", "https://example.org/q", quote="Here is “the longer quote”.")
    (entry,) = build_register([(inner, NOTE), (outer, PAGE)])
    assert entry.quotes == ["Here is “the longer quote”."]
    assert letter.title == "Liberty and Security: Report and Recommendations, transmittal letter"
    assert letter.via.url == "https://docs.example.org/exhibit-2"
    assert letter.via.title.startswith("the copy filed as Exhibit 2")


def test_each_source_is_listed_once_with_all_its_quotes_and_places() -> None:
    a = Source("T", "Reuters", "2013-10-20", "https://example.org/a", quote="one")
    a_again = Source("T (page)", "Reuters", "2013-10-20", "https://example.org/a", quote="two")
    gov = Source("Statement", "The White House", "2013", "https://www.whitehouse.gov/x", quote="w")
    declared = Source("Speech", "A paper", "2013", "https://example.org/s", standing=PRIMARY)
    copy = Via("Repost", "A blog", "https://blog.example.org/r")
    lost = Source("Report", "Der Spiegel", "2013-10-20", quote="q", via=copy)
    lost_again = Source("Report (English)", "Der Spiegel (Spiegel.de)", "2013-10-20", via=copy)
    entries = build_register(
        [
            (a, PAGE),
            (gov, NOTE),
            (a_again, NOTE),
            (lost, NOTE),
            (lost_again, PAGE),
            (declared, PAGE),
        ]
    )
    assert len(entries) == 4
    by_url = {e.source.url: e for e in entries}
    # What the edition says of a site's pages: for a source that says nothing of itself.
    sites = {"example.org": ANALYSIS, "whitehouse.gov": REPORT}
    said = {e.source.url: e.standing for e in build_register([(a, PAGE), (gov, NOTE)], sites)}
    assert said == {"https://example.org/a": ANALYSIS, "https://www.whitehouse.gov/x": REPORT}
    assert build_register([(declared, PAGE)], sites)[0].standing == PRIMARY  # its own word
    first = by_url["https://example.org/a"]
    assert first.quotes == ["one", "two"] and first.citing == [PAGE, NOTE]
    assert first.source.title == "T (page)"  # the note's typed record is kept
    assert by_url["https://www.whitehouse.gov/x"].standing == PRIMARY
    assert by_url["https://example.org/s"].standing == PRIMARY
    assert first.standing == REPORT
    spiegel = by_url[None]
    assert spiegel.standing == VIA and spiegel.citing == [NOTE, PAGE]
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids)
    # The same sources in another order: the same ids.
    again = build_register([(declared, PAGE), (lost, NOTE), (a, PAGE), (gov, NOTE)])
    assert {e.source.key: e.id for e in again} == {
        e.source.key: e.id for e in entries if e.source.key in {x.source.key for x in again}
    }


PAGE_WITH_FOOTNOTES = """# More

A claim.[^one] Another.[^two]

Source: An Agency, [“Authorities”](https://www.example.gov/auth), 2012: “the agency's words”.

[^one]: Reuters, “A report”, 20 October 2013, <https://example.org/a>: “more of its words”.

[^two]: The White House, “A statement”, 21 October 2013, <https://www.whitehouse.gov/s>:
    “We do not comment”; Slate, 22 October 2013, <https://example.org/slate>: “a story”.
"""


def build(src: Path, out: Path, builder: str) -> None:
    doctrees = out.parent / f"doctrees-{builder}"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "sphinx", "-b", builder, str(src), str(out), "-W", "-n"),
            *("-q", "-d", str(doctrees), "-D", "version=1.0", "-D", "copyright=2026, T"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr


@pytest.fixture(scope="module")
def registered(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("register") / "src"
    shutil.copytree(rootdir / "test-annotations", src)
    (src / "more.md").write_text(PAGE_WITH_FOOTNOTES, encoding="utf-8")
    (src / "sources.md").write_text("# Sources\n\n```{sources-register}\n```\n", encoding="utf-8")
    index = (src / "index.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(index.replace("notes\n", "notes\nmore\nsources\n"))
    build(src, src.parent / "html", "html")
    build(src, src.parent / "epub", "epub")
    return src.parent


def test_the_register_lists_every_cited_source_once(registered: Path) -> None:
    from reading_edition.model.annotation import MovedAnnotation, annotation_files, load_annotation

    html = BeautifulSoup((registered / "html" / "sources.html").read_text(), "html.parser")
    entries = html.select(".sources-register .source-entry")
    cited = set()
    for path in annotation_files(registered / "src" / "annotations"):
        note = load_annotation(path)
        if not isinstance(note, MovedAnnotation):
            cited |= {s.url or s.via.url for s in note.sources if s.url or s.via}  # type: ignore[union-attr]
    cited |= {"https://example.org/a", "https://www.whitehouse.gov/s", "https://example.org/slate"}
    cited |= {"https://www.example.gov/auth"}
    listed = []
    for entry in entries:
        links = [a["href"] for a in entry.select("a.source-url")]
        listed.append(links[0])
        # Each entry: its text, standing, quotes and the places citing it, which exist.
        assert entry.select_one(".source-text").get_text().strip()
        assert entry.select_one(".source-standing").get_text().split(":")[0].rstrip(".") in {
            "Primary record",
            "News report",
            "Analysis or reference",
            "Copy read via",
        }
        for link in entry.select(".source-cited-by a"):
            page, _, anchor = link["href"].partition("#")
            target = BeautifulSoup((registered / "html" / page).read_text(), "html.parser")
            assert not anchor or target.find(id=anchor), link["href"]
    assert sorted(listed) == sorted(set(listed)), "a source is listed twice"
    assert cited <= set(listed) | {u for e in entries for u in [a["href"] for a in e.select("a")]}
    # The source cited by a note and a footnote: one entry, both places, both quotes.
    (shared,) = [
        e for e in entries if e.select_one("a.source-url")["href"] == "https://example.org/a"
    ]
    places = [a.get_text() for a in shared.select(".source-cited-by a")]
    assert any("What TAO is" in p for p in places) and "More" in places
    quotes = [q.get_text() for q in shared.select(".source-quote")]
    assert quotes == ["“the words of the source”", "“more of its words”"]
    # A page's own "Source:" paragraph: a named link, its date after the address.
    (agency,) = [e for e in entries if e.get("id", "").startswith("src-an-agency")]
    assert agency.select_one(".source-text").get_text().startswith("“Authorities”, An Agency, 2012")
    assert agency.select_one(".source-standing").get_text().startswith("Primary record")
    (white_house,) = [e for e in entries if e.get("id", "").startswith("src-the-white-house")]
    assert white_house.select_one(".source-standing").get_text().startswith("Primary record")
    # The CSL-JSON: the same sources, read by citeproc-py.
    from citeproc import CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from reading_edition.citation.formats import STYLE

    items = json.loads((registered / "html" / "sources.json").read_text(encoding="utf-8"))
    assert sorted(i["id"] for i in items) == sorted(e["id"] for e in entries)
    source = CiteProcJSON(items)
    style = CitationStylesStyle(str(STYLE), validate=False)
    assert CitationStylesBibliography(style, source, formatter.plain)
    assert html.select_one('.sources-intro a[href="sources.json"]')
    # The EPUB has the same entries (and no link to a file it does not carry).
    epub = BeautifulSoup((registered / "epub" / "sources.xhtml").read_text(), "html.parser")
    assert [e["id"] for e in epub.select(".source-entry")] == [e["id"] for e in entries]
    assert not epub.select('a[href$="sources.json"]')


def test_an_untitled_source_is_described_not_quoted_as_a_headline() -> None:
    from reading_edition.citation.formats import csl_json, formatted
    from reading_edition.citation.register import entry_work

    parts: list[str | tuple[str, str]] = [
        "2001online, n.d., ",
        ("https://example.org/a", "https://example.org/a"),
        ": “un reclamo”. Itamaraty, speech of its Permanent Representative, n.d., ",
        ("https://example.org/b", "https://example.org/b"),
        ". Reuters, “Mexico asks U.S. to explain”, 21 October 2013, ",
        ("https://example.org/c", "https://example.org/c"),
        ".",
    ]
    untitled, described, titled = footnote_sources(parts)
    assert untitled.title == "[page at example.org]"
    assert described.title == "[speech of its Permanent Representative]"
    entries = build_register((s, PAGE) for s in (untitled, described, titled))
    works = [entry_work(e) for e in entries]
    texts = {w.title: text for w, (text, _short) in zip(works, formatted(works), strict=True)}
    # The editors' descriptions stand as they are; only the source's own title is quoted.
    assert texts["[page at example.org]"].startswith("[page at example.org], 2001online")
    assert texts["[speech of its Permanent Representative]"].startswith("[speech of its")
    assert texts["Mexico asks U.S. to explain"].startswith("“Mexico asks U.S. to explain”,")
    items = {i["id"]: i for i in json.loads(csl_json(works))}
    for work in works:
        item = items[work.id]
        if work.title.startswith("["):
            assert "title" not in item and item["genre"] == work.title
        else:
            assert item["title"] == work.title and "genre" not in item


@pytest.mark.sphinx("html", testroot="annotations", freshenv=True)
def test_a_site_given_no_standing_is_refused_at_conf_py(
    make_app, rootdir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-annotations", src, ignore=shutil.ignore_patterns("_build"))
    app = make_app(
        "html", srcdir=src, confoverrides={"edition_source_standings": {"a.org": "a blog"}}
    )
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert (
        "conf.py:1: WARNING: edition_source_standings: 'a.org' is given 'a blog', which is not a "
        "standing; use one of 'primary record', 'news report', 'analysis or reference'"
    ) in warnings, warnings
