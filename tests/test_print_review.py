"""The PDF after the reader/printer review of 7 December 2026, on the real outputs: publication
titles in italics in the notes' heads and the pointers, "Sources:" lines upright and kept with
their note, a table's heads each with its colon, and a bold line heading a list (a timeline's
period) never left alone at a page's foot, on every paper."""

from __future__ import annotations

import functools
import html
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EditionBuilds
from tests.test_pdf import (  # noqa: F401 (the PDF fixture)
    EDITION_CONF,
    edition,
    pdf_pages,
    squash,
)
from tests.test_print import build_paper

pytestmark = pytest.mark.slow

#: A piece of text as pdftohtml gives it: where, in which font, and whether in italics.
Piece = tuple[float, float, int, str, bool]  # top, left, size, text, italic


def pieces(pdf: Path, page: int) -> list[Piece]:
    """The text pieces of a page (``pdftohtml -xml``), with each font's size and italics."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", "-q", "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    sizes = {m[0]: int(m[1]) for m in re.findall(r'<fontspec id="(\d+)" size="(\d+)"', xml)}
    found = []
    for top, left, font, inner in re.findall(
        r'<text top="(\d+)" left="(\d+)" width="\d+" height="\d+" font="(\d+)">(.*?)</text>', xml
    ):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner))
        found.append((float(top), float(left), sizes.get(font, 0), text, "<i>" in inner))
    return found


def lines(page_pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces grouped in lines (tops a few units apart: an italic piece may sit a unit
    lower), top to bottom, each line left to right."""
    grouped: list[list[Piece]] = []
    for piece in sorted(page_pieces, key=lambda p: p[0]):
        if grouped and piece[0] - grouped[-1][0][0] <= 3:
            grouped[-1].append(piece)
        else:
            grouped.append([piece])
    return [sorted(line, key=lambda p: p[1]) for line in grouped]


def line_text(line: list[Piece]) -> tuple[str, list[bool]]:
    """A line's text, and for each of its characters whether it is in italics."""
    text, italic = "", []
    for _top, _left, _size, words, it in line:
        if text:
            text, italic = text + " ", [*italic, it]
        text += words
        italic += [it] * len(words)
    return text, italic


@functools.cache
def titles_pattern() -> re.Pattern[str]:
    titles = sorted(EDITION_CONF["edition_publication_titles"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, titles)) + r")(?!\w)")


def test_note_heads_and_pointers_set_publication_titles_in_italics(
    edition: dict[str, Any],  # noqa: F811
) -> None:
    """A publication's title in an annotation's title is in italics in the note's head
    ("Source · *Der Spiegel*'s report …") and in the pointers under the article's pages
    ("[6] *Der Spiegel*'s report …, see p. 16"), as in the HTML heading and the index."""
    checked = 0
    for number in range(1, len(edition["pages"]) + 1):
        for line in lines(pieces(edition["pdf"], number)):
            text, italic = line_text(line)
            head = " · " in text[:40]
            pointer = re.search(r"\[\d+\] .*see p\.", text)
            if not (head or pointer):
                continue
            for found in titles_pattern().finditer(text):
                checked += 1
                assert all(italic[found.start() : found.end()]), (
                    f"p. {number}: “{found.group()}” not in italics in “{text}”"
                )
    tex = edition["tex"]
    titles = re.findall(r"\\begin\{editionannotation\}\{\d+\}\{[^{}]*\}\{[^{}]*\}\{(.*)", tex)
    named = [t for t in titles if titles_pattern().search(re.sub(r"\\\w+|[{}]", "", t))]
    print(f"\nPublication titles in note heads and pointers: {checked}")
    # Every note whose title names a publication is seen, head and pointer(s).
    assert checked >= 2 * len(named), (checked, named)


def sources_lines(pdf: Path, number: int) -> list[tuple[int, list[list[Piece]]]]:
    """The "Source(s):" paragraphs of a page: the index of its first line on the page, and its
    lines (the label's line and those after it in the same size, at the line spacing)."""
    page = lines(pieces(pdf, number))
    found = []
    for i, line in enumerate(page):
        if not re.match(r"Sources?:", line[0][3]):
            continue
        size, paragraph = line[0][2], [line]
        for after in page[i + 1 :]:
            gap = after[0][0] - paragraph[-1][0][0]
            if {p[2] for p in after} - {size} or gap > 1.5 * size:
                break
            paragraph.append(after)
        found.append((i, paragraph))
    return found


def test_sources_lines_upright_with_titles_in_italics(edition: dict[str, Any]) -> None:  # noqa: F811
    """A note's "Sources:" line is upright, as in the HTML, with only publication titles in
    italics: the short forms are links, which Sphinx's LaTeX sets in italics, so the whole line
    was italic (and agencies and websites with it, against conf.py's rule)."""
    lines_seen = upright = 0
    for number in range(1, len(edition["pages"]) + 1):
        for _i, paragraph in sources_lines(edition["pdf"], number):
            text = " ".join(line_text(line)[0] for line in paragraph)
            italic = [it for line in paragraph for it in [*line_text(line)[1], False]]
            lines_seen += 1
            for i in range(1, len(text) - 1):  # a title broken over two lines is one run
                italic[i] = italic[i] or (text[i] == " " and italic[i - 1] and italic[i + 1])
            roman = "".join(" " if it else c for c, it in zip(text, italic, strict=False))
            slanted = "".join(c if it else "\0" for c, it in zip(text, italic, strict=False))
            upright += len(re.findall(r"[^\W\d_]{2,}", roman)) - 1  # (the label aside)
            for span in re.findall(r"[^\0]+", slanted):
                # Italics: publication titles, and the name of the sources list in a pointer.
                rest = titles_pattern().sub("", span)
                rest = re.sub(r"^\s*Sources\s*$", "", rest)
                assert not re.search(r"[^\W\d_]{2,}", rest), (
                    f"p. {number}: “{span}” in italics, not a publication's title: {text}"
                )
    print(f"\nSources lines: {lines_seen}, upright pieces {upright}")
    assert lines_seen >= 3 and upright > lines_seen


def flow_end(page: list[list[Piece]], body_size: int) -> int:
    """The index of a page's last line of running text: above its folio and footnotes (a gap
    of more than two lines before the first footnote)."""
    end = len(page) - 1
    if end >= 0 and re.fullmatch(r"\d+", line_text(page[end])[0].strip()):
        end -= 1  # the folio
    for i in range(1, end + 1):
        if page[i][0][0] - page[i - 1][0][0] > 2.6 * body_size and i > 1:
            return i - 1
    return end


def test_a_notes_sources_line_stays_on_the_page_of_its_last_lines(
    edition: dict[str, Any],  # noqa: F811
) -> None:
    """A note's "Sources:" line is not the first line of a page (its note ended on the page
    before) and does not run over to the next page."""
    pdf, count = edition["pdf"], len(edition["pages"])
    for number in range(1, count + 1):
        page = lines(pieces(pdf, number))
        for i, paragraph in sources_lines(pdf, number):
            if any(re.search(r"Sources ?, p\.", line_text(line)[0]) for line in paragraph):
                continue  # a page's own sources (the glossary's), pointing to the list
            # The first line of a page is its running head; the second its first of text.
            assert i > 1, f"p. {number} opens with a sources line: {line_text(paragraph[0])[0]}"
            last = i + len(paragraph) - 1
            body = max(p[2] for line in page for p in line)
            if last < flow_end(page, body) or number == count:
                continue
            following = lines(pieces(pdf, number + 1))
            first = following[1] if len(following) > 1 else []
            size = paragraph[0][0][2]
            assert not first or {p[2] for p in first} != {size}, (
                f"p. {number}: a sources line runs over to p. {number + 1}: {line_text(first)[0]}"
            )


def test_every_table_head_has_its_colon(edition: dict[str, Any]) -> None:  # noqa: F811
    """In the PDF a table is a list of rows, each cell after its column's head: every head
    that is a word gets its colon ("Why:" as "Kind:"), only a sign ("¶", "No.") runs in without
    one."""
    heads = re.findall(
        r"\\begin\{sphinxuseclass\}\{edition-table-cell\}\n\\sphinxAtStartPar\n"
        r"\\sphinxstyleemphasis\{([^{}]*)\}",
        edition["tex"],
    )
    words = {h.rstrip(":") for h in heads if re.fullmatch(r"[\w ’'-]*\w:?", h)}
    assert words, "no table in the edition's PDF"
    text = "\n".join(" ".join(p.split()) for p in pdf_pages(edition["pdf"], layout=False))
    for word in words:
        printed = re.findall(rf"(?<!\w){re.escape(word)}\S?", text)
        assert printed and all(p.endswith(":") for p in printed if p != word + "s"), (
            f"the head “{word}” without its colon: {sorted(set(printed))}"
        )
    print(f"\nTable heads: {sorted(words)}")


def bold_head_lines(tex: str) -> set[str]:
    """The paragraphs that are one bold phrase alone (a timeline's period before its entries)."""
    found = re.findall(r"\\sphinxAtStartPar\n\\sphinxstylestrong\{([^{}\\]+)\}\n", tex)
    return {" ".join(h.split()) for h in found}


def stranded_bold_heads(pages: list[str], heads: set[str]) -> list[tuple[int, str]]:
    stranded = []
    for number, page in enumerate(pages, start=1):
        body = [ln.strip() for ln in page.splitlines() if ln.strip()]
        body = [ln for ln in body if not re.fullmatch(r"\d+", ln)]
        notes = [i for i, ln in enumerate(body) if re.match(r"^[a-z] [A-Z“‘(]", ln)]
        text_end = body[notes[0] - 1] if notes and notes[0] > 0 else (body or [""])[-1]
        if " ".join(text_end.split()) in heads:
            stranded.append((number, text_end))
    return stranded


@pytest.mark.parametrize("paper", ["a5", "a4", "letter"])
def test_a_bold_head_line_is_kept_with_what_follows(
    paper: str,
    edition_builds: EditionBuilds,
    edition: dict[str, Any],  # noqa: F811
) -> None:
    """A bold line that heads a list ("2013, October to December" before its entries) is
    never the last line of a page, on any paper."""
    pdf = edition["pdf"] if paper == "a5" else build_paper(edition_builds.out, paper)
    heads = bold_head_lines(pdf.with_suffix(".tex").read_text(encoding="utf-8"))
    assert heads
    stranded = stranded_bold_heads(pdf_pages(pdf, layout=False), heads)
    assert not stranded, f"{paper}: bold head lines at a page's foot: {stranded}"
