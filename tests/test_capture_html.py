"""Saved HTML pages and WARC files: the page's text by block, the article chosen with
trafilatura, every other block recorded by kind; and captures that cannot be read."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reading_edition.convert import capture_files
from reading_edition.convert.converter import ConversionError, convert_html, convert_path, to_myst
from reading_edition.text.fidelity import compare
from reading_edition.text.reading_source import read_article, residue_records

CAPTURES = Path(__file__).parent / "fixtures" / "captures"
PAGE = CAPTURES / "harbour-feature.html"


def test_page_blocks_sorted_and_recorded() -> None:
    result = convert_path(PAGE)
    assert result.title == "Harbour town votes to keep its ferry"
    assert result.standfirst and result.standfirst.startswith("A small harbour town")
    facts = result.facts
    assert (facts.author, facts.date, facts.publisher) == (
        "Ruth Aldous",
        "2025-11-04",
        "The Coastal Courier",
    )
    assert result.body[0][1].startswith("Residents of the harbour town voted")
    assert ("h", "What happens next") in result.body
    assert result.body[-1] == (
        "p",
        "The regional authority is expected to respond before the end of the year.",
    )
    kinds = {r.text: r.kind for r in result.removals}
    assert kinds["News"] == "navigation"
    assert kinds["Island school faces closure"] == "sidebar"
    assert kinds["The ferry leaving the quay at dawn. Photograph: Coastal Courier"] == (
        "image-caption"
    )
    assert kinds["Advertisement"] == "promo"
    assert kinds["Comments"] == "comments"
    assert kinds["© 2025 The Coastal Courier. All rights reserved."] == "page-footer"
    assert not any("window.tracker" in line for line in (result.witness_text or "").splitlines())


def test_reading_text_traces_to_the_witness_text(tmp_path: Path) -> None:
    result = convert_path(PAGE)
    assert result.witness_text is not None
    article = tmp_path / "article.md"
    article.write_text(to_myst(result, "page.text.txt"), encoding="utf-8")
    reading = read_article(article)
    report = compare(
        result.witness_text, residue_records(article), [reading.headline, *reading.blocks]
    )
    assert report.ok, report.message
    # The record is summarised for the reader; every block is still in it.
    assert ":summary:" in article.read_text(encoding="utf-8")
    assert len(residue_records(article)) == len(result.removals)
    counts = dict(result.removal_counts())
    assert counts["navigation"] == 3 and sum(counts.values()) == len(result.removals)


def test_gzipped_page_reads_like_the_page(tmp_path: Path) -> None:
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(PAGE.read_bytes()))
    assert convert_path(packed).body == convert_path(PAGE).body
    capture = capture_files.read_capture_file(packed)
    assert capture.witness == packed.read_bytes()  # the witness is the file as given


def test_warc_record(tmp_path: Path) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    out = io.BytesIO()
    writer = warcio.warcwriter.WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    record = writer.create_warc_record(
        "https://example.org/ferry",
        "response",
        payload=io.BytesIO(PAGE.read_bytes()),
        http_headers=headers,
    )
    writer.write_record(record)
    warc = tmp_path / "page.warc.gz"
    warc.write_bytes(out.getvalue())
    result = convert_path(warc)
    assert result.body == convert_path(PAGE).body
    assert result.facts.url == "https://example.org/ferry"


def _error(path: Path) -> str:
    with pytest.raises(ConversionError) as info:
        convert_path(path)
    message = str(info.value)
    assert message.startswith(str(path))
    return message


def test_gzip_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    # 64 MiB of zeros compresses to about 64 kB.
    bomb.write_bytes(gzip.compress(b"\0" * (64 * 2**20), compresslevel=9))
    assert bomb.stat().st_size < 200_000
    assert "decompresses to more than 16 MiB" in _error(bomb)


def test_truncated_and_bad_gzip(tmp_path: Path) -> None:
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(gzip.compress(PAGE.read_bytes())[:200])
    assert "cut short" in _error(cut)
    bad = tmp_path / "bad.html.gz"
    bad.write_bytes(b"\x1f\x8b" + b"not gzip at all" * 10)
    assert "not valid gzip data" in _error(bad)


def test_oversized_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(b"<html>" + b"x" * 4096)
    monkeypatch.setattr(capture_files, "MAX_FILE_BYTES", 1024)
    assert "over the 0 MiB a capture may have" in _error(big)


def test_text_capture_errors_are_located(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Headline\n\nCaf\xe9 society\n".encode("latin-1"))
    assert _error(latin).startswith(f"{latin}:3: byte 13 (0xe9) is not valid UTF-8")
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"Headline\n\nA line\x00 with a NUL\n")
    assert _error(nul).startswith(f"{nul}:3: contains a NUL byte")
    odd = tmp_path / "page.pdf"
    odd.write_bytes(b"%PDF-1.7")
    assert "rename the file" in _error(odd)


def test_page_without_article_is_a_located_error(tmp_path: Path) -> None:
    empty = tmp_path / "menu.html"
    empty.write_text("<html><body><nav><a>Home</a></nav></body></html>", encoding="utf-8")
    message = _error(empty)
    assert "no article found" in message or "no headline before the article" in message


def test_cli_never_prints_a_traceback(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" * (8 * 2**20)))
    run = [sys.executable, "-m", "reading_edition", "convert"]
    done = subprocess.run([*run, str(bomb)], capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: {bomb}: decompresses to more than")
    article = tmp_path / "article.md"
    page = subprocess.run([*run, str(PAGE), "-o", str(article)], capture_output=True, text=True)
    assert page.returncode == 1 and "--witness-text" in page.stderr
    text = tmp_path / "page.text.txt"
    done = subprocess.run(
        [*run, str(PAGE), "-o", str(article), "--witness-text", str(text), "--witness", text.name],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert text.read_text(encoding="utf-8") == convert_path(PAGE).witness_text


_TAGS = st.sampled_from(["p", "div", "h1", "h2", "li", "nav", "footer", "aside", "figure", "span"])
_TEXT = st.sampled_from(
    [
        "The council voted to keep the ferry on Tuesday, residents said.",
        "Home",
        "Share",
        "By Ruth Aldous",
        "© 2025",
        "#",
        "*x*",
        "<",
        "&amp;",
        "Peña",
        "漢字の文章です。",
        "\u00a0",
        "",
    ]
)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(_TAGS)
        parts.append(f"<{tag}>{' '.join(draw(st.lists(_TEXT, max_size=12)))}</{tag}>")
    title = draw(_TEXT)
    return f"<html><head><title>{title}</title></head><body>{''.join(parts)}</body></html>"


@settings(max_examples=60, deadline=None)
@given(_pages())
def test_any_page_converts_and_traces_or_is_a_located_error(page: str) -> None:
    try:
        result = convert_html(page, "fuzz")
    except ConversionError as err:
        assert str(err).startswith("fuzz")
        return
    assert result.witness_text is not None
    blocks = [result.title, *([result.standfirst] if result.standfirst else [])]
    blocks += [text for _, text in result.body]
    records = [{"line": r.line, "text": r.text} for r in result.removals]
    report = compare(result.witness_text, records, blocks)
    assert report.ok, report.message
