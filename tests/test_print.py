"""The finished print edition, on the real outputs: nothing lost between formats (every table
row and its footnotes of the HTML in the PDF and the EPUB), one type family, a page for every
cross-reference, marks that never run together, no heading stranded at a page's foot, and the
PDF on A4 and US Letter paper (tools/print.md)."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from reading_edition.sphinxext.print_paper import PAPERS, pdf_name

from tests.conftest import EPOCH, STRICT, EditionBuilds
from tests.test_pdf import (  # noqa: F401 (the PDF fixture)
    edition,
    pdf_pages,
    running_heads,
    squash,
    text_flow,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
#: Shortest piece of a cell's text that must stand unbroken in the PDF: a cell may be cut by a
#: page turn, where the page's footnotes, folio and running head come between its halves.
PIECE = 24


def html_pages(html: Path) -> dict[Path, BeautifulSoup]:
    """Every page of the HTML edition but Sphinx's own (index, search)."""
    skip = {"genindex.html", "search.html"}
    return {
        page: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for page in sorted(html.rglob("*.html"))
        if page.name not in skip and "_static" not in page.parts
    }


def cell_text(cell: Tag) -> str:
    """A cell's words without its footnote and annotation marks."""
    copy = BeautifulSoup(str(cell), "html.parser")
    for mark in copy.select("a.footnote-reference, a.anno-marker, span.mark-sep"):
        mark.decompose()
    return " ".join(copy.get_text(" ").split())


def footnote_text(page: BeautifulSoup, ref: Tag) -> str:
    """The text of the footnote a reference points to, without its label."""
    target = page.find(id=str(ref.get("href", "")).lstrip("#"))
    assert isinstance(target, Tag), f"footnote {ref.get('href')} not on its page"
    copy = BeautifulSoup(str(target), "html.parser")
    for label in copy.select("span.label, .fn-bracket, a.fn-backref, span.backrefs"):
        label.decompose()
    return " ".join(copy.get_text(" ").split())


def table_contents(html: Path) -> list[tuple[str, str]]:
    """(where, text) of every body cell and of every footnote cited in a table, on any page."""
    found = []
    for path, page in html_pages(html).items():
        for t, table in enumerate(page.find_all("table")):
            for r, row in enumerate(table.select("tbody > tr")):
                where = f"{path.name} table {t + 1} row {r + 1}"
                for cell in row.find_all(["td", "th"]):
                    found.append((where, cell_text(cell)))
                    for ref in cell.select("a.footnote-reference"):
                        found.append((f"{where}, footnote", footnote_text(page, ref)))
    return [(w, t) for w, t in found if squash(t)]


def held(text: str, haystack: str) -> bool:
    """Is ``text`` in ``haystack`` (both squashed), in pieces of at least PIECE characters?"""
    rest = squash(text)
    while rest:
        if rest in haystack:
            return True
        low, high = 0, len(rest)  # the longest prefix of rest that the haystack holds
        while low < high:
            mid = (low + high + 1) // 2
            if rest[:mid] in haystack:
                low = mid
            else:
                high = mid - 1
        if low < PIECE:
            return False
        rest = rest[low:]
    return True


def epub_text(epub: Path) -> str:
    with zipfile.ZipFile(epub) as archive:
        docs = [n for n in archive.namelist() if n.endswith(".xhtml")]
        return " ".join(
            BeautifulSoup(archive.read(n).decode("utf-8"), "html.parser").get_text(" ")
            for n in docs
        )


def test_every_table_row_and_footnote_is_in_the_pdf_and_the_epub(
    edition_builds: EditionBuilds,
    edition: dict[str, Any],  # noqa: F811
) -> None:
    html = edition_builds.build("html") / "html"
    epub = edition_builds.build("epub") / "epub" / "edition.epub"
    contents = table_contents(html)
    assert contents, "no table in the HTML edition to compare"
    pdf = squash(" ".join(pdf_pages(edition["pdf"], layout=False)))
    book = squash(epub_text(epub))
    print(f"\nTable cells and their footnotes compared: {len(contents)}")
    lost_pdf = [(w, t) for w, t in contents if not held(t, pdf)]
    lost_epub = [(w, t) for w, t in contents if squash(t) not in book]
    assert not lost_pdf, f"in the HTML, not in the PDF: {lost_pdf}"
    assert not lost_epub, f"in the HTML, not in the EPUB: {lost_epub}"


# --- One type family ------------------------------------------------------------------------------


def pdf_fonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    return [line.split()[0].split("+")[-1] for line in out.stdout.splitlines()[2:] if line]


def test_no_computer_or_latin_modern_face(edition: dict[str, Any]) -> None:  # noqa: F811
    fonts = pdf_fonts(edition["pdf"])
    print("\npdffonts:", ", ".join(fonts))
    foreign = [f for f in fonts if re.match(r"(CM|LM)[A-Z]*\d|lm|LatinModern|cmu", f, re.I)]
    assert not foreign, f"Computer/Latin Modern faces in the PDF: {foreign}"
    # Pagella, and Cursor (the same TeX Gyre collection's typewriter) for code.
    assert all(f.startswith(("TeXGyrePagella", "TeXGyreCursor")) for f in fonts), fonts


# --- Cross-references ---------------------------------------------------------------------------


def test_every_see_reference_carries_its_page(edition: dict[str, Any]) -> None:  # noqa: F811
    pages = edition["pages"]
    text = " ".join(" ".join(p.split()) for p in pages)
    sees = re.findall(r"\((?:see|See)\b[^()]*\)", text)
    print(f"\n(see …) references: {len(sees)}")
    assert sees, "no (see …) in the PDF"
    # ("see above" and "see below" point within the passage itself: no page to give.)
    without = [s for s in sees if not re.search(r"\bp\. ?\d+|^\(see (above|below)\)$", s)]
    assert not without, f"(see …) without a page: {without}"
    last = len(pages)
    for see in sees:  # the page given is a page of the book
        assert all(1 <= int(n) <= last for n in re.findall(r"\bp\. ?(\d+)", see)), see


# --- Marks ---------------------------------------------------------------------------------------


def test_marks_never_run_together(edition_builds: EditionBuilds) -> None:
    """Two marks side by side have a separator between them (HTML and EPUB); no footnote label
    reads as a word (one letter)."""
    html = edition_builds.build("html") / "html"
    epub = edition_builds.build("epub") / "epub" / "edition.epub"
    documents = list(html_pages(html).values())
    with zipfile.ZipFile(epub) as archive:
        documents += [
            BeautifulSoup(archive.read(n).decode("utf-8"), "html.parser")
            for n in archive.namelist()
            if n.endswith(".xhtml")
        ]
    pairs = 0
    for page in documents:
        for mark in page.select("a.footnote-reference, a.anno-marker"):
            before = mark.previous_sibling
            if isinstance(before, Tag) and "mark-sep" in before.get("class", []):
                pairs += 1
                assert before.previous_sibling is not None
            assert not (
                isinstance(before, Tag)
                and {"footnote-reference", "anno-marker"} & set(before.get("class", []))
            ), f"two marks run together: {before} {mark}"
        labels = [a.get("data-n") or a.get_text() for a in page.select("a.footnote-reference")]
        labels = [str(label).strip("[]") for label in labels]  # the EPUB's hidden brackets
        assert all(re.fullmatch(r"[a-z]", label) for label in labels), labels
    print(f"\nAdjacent marks kept apart: {pairs}")


# --- Finish --------------------------------------------------------------------------------------


def test_the_book_does_not_end_on_a_page_of_a_line_or_two(
    edition: dict[str, Any],  # noqa: F811
) -> None:
    """The last page (the index's end, for any set of notes) holds more than a stray line or two
    (the index once ended on a page holding its one last entry)."""
    lines = [ln.strip() for ln in edition["pages"][-1].splitlines() if ln.strip()]
    body = lines[1:-1]  # not the running head, not the folio
    assert len(body) >= 3, f"the last page holds only {body}"


def test_no_heading_stranded_at_a_page_foot(edition: dict[str, Any]) -> None:  # noqa: F811
    """A heading, or a note's "Sources" label, is followed on its page by text, not by the
    page's end (its footnotes, the folio)."""
    tex = edition["tex"]
    code = code_first_lines(tex)
    heads = re.findall(r"\\(?:sub){1,2}section\*?\{([^{}\\]+)\}", tex)
    heads = [" ".join(h.split()) for h in heads]
    stranded = []
    for number, page in enumerate(edition["pages"], start=1):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        body = [ln for ln in lines if not re.fullmatch(r"\d+", ln)]
        if not body:
            continue
        last = body[-1]
        # The page's last line of text above its footnotes: a footnote starts with its letter.
        notes = [i for i, ln in enumerate(body) if re.match(r"^[a-z] [A-Z“‘(]", ln)]
        text_end = body[notes[0] - 1] if notes and notes[0] > 0 else last
        if text_end in heads or text_end == "Sources":
            stranded.append((number, text_end))
        # A lead-in ("Write the first annotation:") is not parted from its code block.
        following = next_page_start(edition["pages"], number)
        if text_end.endswith(":") and any(squash(c).startswith(following) for c in code):
            stranded.append((number, text_end))
    assert not stranded, f"headings at a page's foot: {stranded}"


def code_first_lines(tex: str) -> list[str]:
    """The first line of every code block, its LaTeX markup (Pygments' \\PYG…) stripped."""
    lines = re.findall(r"\\begin\{sphinxVerbatim\}(?:\[[^\n]*\])?\n([^\n]*)", tex)
    plain = [re.sub(r"\\PYG\w*(?:\{[^{}]*\})?", " ", line) for line in lines]
    return [re.sub(r"[{}\\]", "", line) for line in plain]


def next_page_start(pages: list[str], number: int) -> str:
    """The first line of text (squashed) of the page after page ``number``, its running head
    (the first line, in italics on the page) skipped; a NUL (found in no text) if none."""
    if number >= len(pages):
        return "\0"
    lines = [ln.strip() for ln in pages[number].splitlines() if ln.strip()]
    return squash(lines[1]) if len(lines) > 1 else "\0"


# --- Paper ---------------------------------------------------------------------------------------


@functools.cache
def build_paper(out: Path, paper: str) -> Path:
    """The edition's PDF on ``paper``, as ``make pdf PAPER=<paper>`` builds it (once a session:
    ``tests/test_print_review.py`` reads the same PDFs)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    latex = out / f"latex-{paper}"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "sphinx", "-b", "latex", "docs", str(latex)),
            *("-d", str(out / "doctrees"), "-c", ".", "-D", f"edition_paper={paper}", *STRICT),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr[-3000:]
    made = subprocess.run(["make", "-C", str(latex), "all-pdf"], capture_output=True, env=env)
    assert made.returncode == 0, (latex / "edition.log").read_text(errors="replace")[-2000:]
    return latex / pdf_name(paper)


def page_size_mm(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert found, info.stdout
    return float(found.group(1)) * 25.4 / 72, float(found.group(2)) * 25.4 / 72


def characters_a_line(pdf: Path) -> float:
    """The median length of the article's full lines (justified, not a paragraph's last)."""
    pages = pdf_pages(pdf, layout=False)
    lengths = sorted(
        len(line)
        for page in pages
        for paragraph in page.split("\n\n")
        for line in paragraph.splitlines()[:-1]
        if len(line.split()) >= 6 and not re.search(r"https?:|\.\.\.", line)
    )
    return float(lengths[len(lengths) // 2])


@pytest.mark.parametrize("paper", ["a5", "a4", "letter"])
def test_paper_size_and_measure(
    paper: str,
    edition_builds: EditionBuilds,
    edition: dict[str, Any],  # noqa: F811
) -> None:
    pdf = edition["pdf"] if paper == "a5" else build_paper(edition_builds.out, paper)
    want = PAPERS[paper]
    width, height = page_size_mm(pdf)
    assert abs(width - want.width_mm) < 1 and abs(height - want.height_mm) < 1, (width, height)
    measure = characters_a_line(pdf)
    print(f"\n{paper}: {width:.0f} × {height:.0f} mm, {measure:.0f} characters a line")
    assert 60 <= measure <= 80, f"{paper}: {measure} characters a line"


# --- Index ---------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Accents off, lower case, letters and spaces only: how an index is alphabetised."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"^(?:the|a|an) ", "", re.sub(r"[^\w ]+", "", plain).casefold().strip())


def printed_index(
    edition: dict[str, Any],  # noqa: F811
) -> tuple[list[str], dict[str, tuple[list[int], list[int]]]]:
    """The index's headwords in printed order, and each one's ¶ numbers and pages as printed."""
    heads = [
        " ".join(h.split())
        for h in re.findall(r"\\editionindexentry\{((?:[^{}]|\{[^{}]*\})*)\}", edition["tex"])
    ]
    # Sphinx writes a hyphen as \sphinxhyphen{} (so that it is not a ligature); it prints "-".
    heads = [h.replace("\\sphinxhyphen{}", "-") for h in heads]
    heads = [re.sub(r"\\[a-zA-Z]+\{\}|\\[a-zA-Z]+ ?", "", h) for h in heads]
    # A publication's title is set in italics ("\emph{Der Spiegel}"): its braces print nothing.
    heads = [re.sub(r"(?<!\\)[{}]", "", h) for h in heads]
    # LaTeX's escaped specials print as themselves: '\&' is '&' (a title "Peña's texts & …").
    heads = [re.sub(r"\\([&%#_$])", r"\1", h) for h in heads]
    pages = edition["pages"]
    start = next(n for n, t in enumerate(pages) if t.split()[:1] == ["Index"])
    text = " ".join(" ".join(p.split()) for p in pages[start:])
    found: dict[str, tuple[list[int], list[int]]] = {}
    for head in heads:
        # The headword as an entry: its locators follow ("TAO ¶ 3", not "TAO inside …").
        match = re.search(
            re.escape(head) + r" (?=¶|\d)(?:¶ ?([\d, ]+\d))?(?:; )?((?:\d+(?:, )?)*)", text
        )
        assert match, f"index entry {head!r} is not printed"
        paras = [int(n) for n in re.findall(r"\d+", match.group(1) or "")]
        at = [int(n) for n in re.findall(r"\d+", match.group(2) or "")]
        found[head] = (paras, at)
    return heads, found


def test_index_points_to_real_paragraphs_and_pages(
    edition: dict[str, Any],  # noqa: F811
    edition_builds: EditionBuilds,
) -> None:
    from reading_edition.cli.checker import check_annotations
    from reading_edition.model.annotation import annotation_files
    from reading_edition.sphinxext.annotations.reader import educated
    from reading_edition.text.anchoring import ReadingIndex
    from reading_edition.text.reading_source import read_article

    article = read_article(ROOT / "docs" / "article.md")
    paragraphs = [" ".join(p.split()) for p in article.paragraphs]
    index = ReadingIndex(article.paragraphs)
    report = check_annotations(annotation_files(ROOT / "annotations"), index, None, ROOT)
    titles = {}
    for annotation in report.annotations:
        anchor = report.anchors[annotation.id].anchor
        assert anchor is not None
        titles.setdefault(educated(annotation.title), set()).add(anchor.paragraph + 1)
    heads, found = printed_index(edition)
    print(f"\nIndex: {len(heads)} entries")
    assert heads, "the PDF has no index"
    keys = [fold(h) for h in heads]
    assert keys == sorted(keys), "the index is not in alphabetical order (accents folded)"
    pages = edition["pages"]
    heads_of_pages = running_heads(pages)
    for head, (paras, at) in found.items():
        assert paras or at, f"{head!r} points nowhere"
        for n in paras:  # the article's paragraph n has the word, or a note titled so
            assert head in paragraphs[n - 1] or n in titles.get(head, set()), (head, n)
        # The words are on that page (in its text or its footnotes), or run over from the page
        # before or to the next: a title cited in a note can break across the page, its mark on
        # either side, so the running text is also read without the running heads, folios and
        # footnotes that stand between the pages.
        for page in at:
            window = pages[max(page - 2, 0) : page + 1]
            near = squash(" ".join(window))
            flow = squash(" ".join(text_flow(p, heads_of_pages) for p in window))
            assert squash(head) in near or squash(head) in flow, f"{head!r} is not on page {page}"
    html = edition_builds.build("html") / "html" / "genindex.html"
    listed = squash(BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").get_text())
    missing = [h for h in heads if squash(h) not in listed]
    assert not missing, f"in the PDF's index, not in the HTML's: {missing}"


# --- Downloads -----------------------------------------------------------------------------------


def test_downloads_page_has_no_dead_link(edition_builds: EditionBuilds) -> None:
    html = edition_builds.build("html") / "html"
    page = BeautifulSoup((html / "downloads.html").read_text(encoding="utf-8"), "html.parser")
    links = page.select("ul.edition-downloads a")
    print(f"\nDownloads listed: {[a.get_text() for a in links]}")
    for link in links:
        target = html / str(link["href"])
        assert target.is_file() and target.stat().st_size > 0, f"dead link {link['href']}"
    index = (html / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads.html"' in index, "the downloads page is not linked from the start"
