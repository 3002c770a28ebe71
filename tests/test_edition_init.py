"""``edition init CAPTURE DIR``: a new edition laid out from a capture builds strictly."""

from __future__ import annotations

import hashlib
import html
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

#: Runs the command line or whole builds many times: outside the fast subset.
pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
CAPTURES = Path(__file__).parent / "fixtures" / "captures"
#: A corpus page with subheadings, captions, a gallery and lists of other stories.
CORPUS_PAGE = "05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f"


STRICT = ["-W", "--keep-going", "-n", "-q"]  # as `make html`: warnings are errors


def _edition(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reading_edition", *args], capture_output=True, text=True, cwd=cwd
    )


def _build_strictly(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "html", "docs", "_build", "-c", ".", *STRICT],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795046400"},
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert (folder / "_build" / "html" / "article.html").is_file()


def _init_and_build(capture: Path, folder: Path) -> dict[str, str]:
    done = _edition("init", str(capture), str(folder))
    assert done.returncode == 0, done.stderr
    witness = folder / "seeds" / capture.name
    assert witness.read_bytes() == capture.read_bytes()  # stored byte for byte
    metas = list((folder / "seeds").glob("*.meta.yaml"))
    assert len(metas) == 1
    meta: dict[str, str] = yaml.safe_load(metas[0].read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(capture.read_bytes()).hexdigest()
    glossary = (folder / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert glossary.startswith("# Glossary") and "{glossary}" not in glossary  # none empty
    assert [p.name for p in (folder / "annotations").iterdir()] == ["README.md"]
    checked = _edition("check", cwd=folder)
    assert checked.returncode == 0 and "matches the witness" in checked.stdout, checked.stderr
    _build_strictly(folder)
    # One version, one date: the changelog's heading, shown by the built pages.
    changelog = (folder / "docs" / "changelog.md").read_text(encoding="utf-8")
    assert "\n## Version 0.1, " in changelog
    html = folder / "_build" / "html"
    assert (html / "changelog.html").is_file()
    assert "0.1" in (html / "article.html").read_text(encoding="utf-8").split("<footer")[-1]
    return meta


@pytest.mark.skipif(not (CORPUS / "captures").is_dir(), reason=f"no corpus at {CORPUS}")
def test_init_from_a_corpus_text_capture_builds_strictly(tmp_path: Path) -> None:
    meta = _init_and_build(CORPUS / "captures" / f"{CORPUS_PAGE}.txt", tmp_path / "ed")
    assert meta["title"] == "New SUVs and electric vehicles highlight L.A. Auto Show"
    article = (tmp_path / "ed" / "docs" / "article.md").read_text(encoding="utf-8")
    assert ":::{rubric} NISSAN SENTRA" in article  # its subheadings are kept, and checked


@pytest.mark.skipif(not (CORPUS / "html").is_dir(), reason=f"no corpus at {CORPUS}")
def test_init_from_a_corpus_html_page_builds_strictly(tmp_path: Path) -> None:
    meta = _init_and_build(CORPUS / "html" / f"{CORPUS_PAGE}.html.gz", tmp_path / "ed")
    assert meta["witness_text"] == f"{CORPUS_PAGE}.text.txt"
    assert meta["publisher"] != "unknown" and meta["date"] != "unknown"
    assert "language" in meta and meta["url"].startswith("http")
    # The page's metadata on the new edition's title pages (HTML and PDF) and in its citation.
    front = (tmp_path / "ed" / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    citation = front.split("How to cite", 1)[1]
    assert html.escape(meta["publisher"], quote=False) in citation
    assert f'href="{html.escape(meta["url"])}"' in citation
    done = _sphinx(tmp_path / "ed", "latex")
    assert done.returncode == 0 and not done.stderr, done.stderr
    tex = (tmp_path / "ed" / "_build" / "latex" / "edition.tex").read_text(encoding="utf-8")
    assert "\\newcommand*\\articlepublisher{" in tex and "\\href{http" in tex
    assert "Silicon UK" not in tex


def test_init_from_a_fixture_and_refusals(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    meta = _init_and_build(CAPTURES / "silicon-style-recent-posts.txt", folder)
    assert meta["author"] == "Tom Jowitt" and meta["standfirst"].startswith("Water supplier")
    again = _edition("init", str(CAPTURES / "silicon-style-recent-posts.txt"), str(folder))
    assert again.returncode == 1 and "not empty" in again.stderr
    missing = _edition("init", str(tmp_path / "nothing.txt"), str(tmp_path / "other"))
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    assert "Traceback" not in missing.stderr and not (tmp_path / "other").exists()
    # A failure after the first file is written leaves no half edition behind.
    not_a_wheel = tmp_path / "toolkit.zip"
    not_a_wheel.write_bytes(b"PK")
    capture = str(CAPTURES / "silicon-style-recent-posts.txt")
    bad = _edition("init", capture, str(tmp_path / "half"), "--wheel", str(not_a_wheel))
    assert bad.returncode == 1 and "not a wheel of the toolkit" in bad.stderr
    assert "Traceback" not in bad.stderr and not (tmp_path / "half").exists()


def _sphinx(folder: Path, builder: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", builder, "docs", "_build", "-c", ".", *STRICT],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795046400"},
    )


def test_the_articles_facts_have_one_home_that_every_output_follows(tmp_path: Path) -> None:
    """Correcting the witness's metadata file corrects the front page, its citation, the
    PDF's title page and the EPUB's; no other file of the new edition holds a copy of a fact.
    Also: the text capture's language is guessed, and the title's names are never hyphenated
    in the PDF."""
    folder = tmp_path / "news"
    meta = _init_and_build(CAPTURES / "silicon-style-recent-posts.txt", folder)
    assert meta["language"] == "en"
    (meta_file,) = (folder / "seeds").glob("*.meta.yaml")
    author = meta["author"]
    # The witness and its metadata hold the byline; the reading text records it as residue.
    own = ("seeds/", "docs/article.md", "_build/")
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).as_posix()
        text_file = path.suffix in {".md", ".py", ".ltx", ".txt", ".yml", ""}
        if path.is_file() and text_file and not relative.startswith(own):
            assert author not in path.read_text(encoding="utf-8"), relative
    front = (folder / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    # The list and the citation.
    assert f"<strong>Author:</strong> {author}<" in front and f"<p>{author}, “" in front
    assert "<strong>Language:</strong> English (en)<" in front
    corrected = "Jo Corrected"
    meta_file.write_text(
        meta_file.read_text(encoding="utf-8").replace(
            f'author: "{author}"', f'author: "{corrected}"'
        ),
        encoding="utf-8",
    )
    _build_strictly(folder)
    front = (folder / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert f"<strong>Author:</strong> {corrected}<" in front and f"<p>{corrected}, “" in front
    done = _sphinx(folder, "latex")
    assert done.returncode == 0 and not done.stderr, done.stderr
    tex = (folder / "_build" / "latex" / "edition.tex").read_text(encoding="utf-8")
    assert f"\\newcommand*\\articleauthor{{{corrected}}}" in tex
    # The EPUB's title page and cover: the facts the capture shows, none "unknown".
    done = _sphinx(folder, "epub")
    assert done.returncode == 0 and not done.stderr, done.stderr
    epub = folder / "_build" / "epub"
    title_page = (epub / "titlepage.xhtml").read_text(encoding="utf-8")
    assert f"<dt>Author</dt><dd>{corrected}</dd>" in title_page, title_page
    assert "<dt>Published by</dt>" not in title_page and ">unknown<" not in title_page
    cover = (epub / "_static" / "edition-cover.svg").read_text(encoding="utf-8")
    assert "Water supplier" in cover and "unknown" not in cover
    # The title's names are exceptions before the title page and the contents show them.
    before_contents = tex.split("\\editioncontents", 1)[0]
    assert "\\hyphenation{" in before_contents, "no hyphenation exceptions before the contents"
    hyphenation = before_contents.split("\\hyphenation{", 1)[1].split("}", 1)[0].split()
    assert {"Ransomware", "Regional", "Supplier"} <= set(hyphenation), hyphenation
    # A broken metadata file stops the build with its file, line and fix, not a traceback.
    meta_file.write_text('title: "unknown"\n', encoding="utf-8")
    broken = _sphinx(folder, "html")
    assert broken.returncode != 0 and f"{meta_file.name}:1:" in broken.stderr, broken.stderr
    assert "Traceback" not in broken.stderr
    checked = _edition("check", cwd=folder)  # one verdict: `make check` refuses it first
    assert checked.returncode == 1 and f"{meta_file.name}:1:" in checked.stderr, checked.stderr
    # A date that is no date: the same words from check and build, at the date's line.
    meta_file.write_text('title: "A headline"\nauthor: "Jo Lee"\ndate: "2019-13-45"\n', "utf-8")
    checked, broken = _edition("check", cwd=folder), _sphinx(folder, "html")
    said = "date: '2019-13-45' is not a real date."
    assert checked.returncode == 1 and f"{meta_file.name}:3: {said}" in checked.stderr
    assert broken.returncode != 0 and f"{meta_file.name}:3: WARNING: {said}" in broken.stderr
    words = said + checked.stderr.split(said, 1)[1].splitlines()[0]  # with its fix
    assert words in broken.stderr and "unknown" in words, (words, broken.stderr)


#: A corpus page in Indonesian (its lang: id-ID), with a publisher, date and address.
INDONESIAN_PAGE = "21486419bb109c5a62a68957f528e6ff29c92f58d8d3c1f2837c86ff3f3e11f9"


@pytest.mark.skipif(not (CORPUS / "html").is_dir(), reason=f"no corpus at {CORPUS}")
def test_a_new_edition_says_its_articles_language_and_source(tmp_path: Path) -> None:
    """The article's language (meta ``language``) is on its reading text and headline in HTML
    (lang) and EPUB (lang and xml:lang) and on its reading text in the PDF (polyglossia), while
    the pages stay in the edition's English; the article page opens with the source line from
    the metadata file (publisher, date, author, address) and the selection hint."""
    from bs4 import BeautifulSoup

    folder = tmp_path / "ed"
    meta = _init_and_build(CORPUS / "html" / f"{INDONESIAN_PAGE}.html.gz", folder)
    tag = meta["language"]
    assert tag.lower().startswith("id"), meta
    built = folder / "_build"
    page = BeautifulSoup((built / "html" / "article.html").read_text("utf-8"), "html.parser")
    assert page.html is not None and page.html["lang"] == "en"  # the edition's own words
    text = page.select_one("div.reading-text")
    assert text is not None and text.get("lang") == tag, text and text.attrs
    assert page.h1 is not None and page.h1.get("lang") == tag
    for apparatus in page.select("p.source-line, p.selection-hint, nav, footer"):
        assert apparatus.find_parent(attrs={"lang": tag}) is None and not apparatus.get("lang")
    # The source line above ¶ 1: the metadata file's facts, as the PDF's title page words them.
    line = page.select_one("p.source-line")
    first = page.select_one(".reading-text p.numbered")
    assert line is not None and first is not None and line.sourceline < first.sourceline
    words = " ".join(line.get_text().split())
    assert f"Published by {meta['publisher']}" in words and f"Original {meta['url']}" in words
    assert "Date 30 March 2015" in words and "Author unknown: the capture does not show it" in words
    assert len(page.select("p.selection-hint")) == 1
    # The home page lists the same facts ({article-facts}): no source line to repeat them.
    home = (built / "html" / "index.html").read_text(encoding="utf-8")
    assert 'class="article-facts' in home and 'class="source-line"' not in home
    # EPUB: XHTML's xml:lang beside lang.
    done = _sphinx(folder, "epub")
    assert done.returncode == 0 and not done.stderr, done.stderr
    xhtml = (built / "epub" / "article.xhtml").read_text(encoding="utf-8")
    assert f'lang="{tag}" xml:lang="{tag}"' in xhtml.split('class="reading-text', 1)[1][:200]
    assert 'lang="en" xml:lang="en"' in xhtml.split("<head", 1)[0]
    # PDF: the reading text in polyglossia's language for the tag (Indonesian: its primary
    # subtag), the rest in English; the PDF still builds.
    done = _sphinx(folder, "latexpdf")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    tex = (built / "latex" / "edition.tex").read_text(encoding="utf-8")
    assert "\\setmainlanguage{english}" in tex
    assert f"\\begin{{sphinxuseclass}}{{language-{tag}}}" in tex
    log = (built / "latex" / "edition.log").read_text(encoding="utf-8", errors="replace")
    assert "gloss-id.ldf" in log and "variant=indonesian" in log
    assert (built / "latex" / "edition.pdf").stat().st_size > 10_000


#: Live Science: "Related: …" lines inside the article, and headlines of other articles after it.
LIVE_SCIENCE = "3c5bf8db4272925bf1dd5713fc325e179fd0d1cc6fb8c77aa2d917cfd2518a32"


@pytest.mark.skipif(not (CORPUS / "html").is_dir(), reason=f"no corpus at {CORPUS}")
def test_residue_recorded_by_hand_as_the_guide_says_updates_the_summary(tmp_path: Path) -> None:
    """docs/make-your-own-edition.md step 5: a block the converter kept is removed by hand (its
    paragraph deleted, a `{removed-residue}` entry added with the witness text's line); check
    and the build accept it, and the sentence above the residue table, counted from the table
    and the witness text, follows. "Related: …" lines are residue already."""
    import re

    folder = tmp_path / "ed"
    _init_and_build(CORPUS / "html" / f"{LIVE_SCIENCE}.html.gz", folder)
    article = folder / "docs" / "article.md"
    text = article.read_text(encoding="utf-8")
    records = yaml.safe_load(text.split(":summary:\n", 1)[1].split("\n:::", 1)[0])
    related = [r["text"] for r in records if r["kind"] == "related"]
    assert any(t.startswith("Related: ") for t in related), related
    reading = text.split("::::", 2)[1]
    assert "\nRelated: " not in reading
    sentence = re.compile(
        r"The page's text has (\d+) blocks; the reading text keeps (\d+) of them\. "
        r"The (\d+) blocks removed"
    )

    def counts() -> tuple[int, ...]:
        page = (folder / "_build" / "html" / "article.html").read_text(encoding="utf-8")
        found = sentence.search(page)
        assert found, "no summary sentence above the residue table"
        return tuple(int(n) for n in found.groups())

    blocks, kept, removed = counts()
    assert (kept + removed, removed) == (blocks, len(records))
    # The last block of the reading text, removed by hand as the guide says.
    last = [line for line in reading.strip().splitlines() if line.strip()][-1]
    (witness_text,) = (folder / "seeds").glob("*.text.txt")
    line = witness_text.read_text(encoding="utf-8").splitlines().index(last) + 1
    text = text.replace(f"\n{last}\n", "\n", 1)
    end = text.index("\n:::\n", text.index(":::{removed-residue}"))
    entry = (f'\n- line: {line}\n  kind: related\n  text: "{last}"\n'
             '  reason: "Links to other articles of the site."')  # fmt: skip
    article.write_text(text[:end] + entry + text[end:], encoding="utf-8")
    checked = _edition("check", cwd=folder)
    assert checked.returncode == 0 and "matches the witness" in checked.stdout, checked.stderr
    _build_strictly(folder)
    assert counts() == (blocks, kept - 1, removed + 1)
