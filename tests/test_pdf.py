"""The printed edition: build the real PDF once (xelatex) and read it back with poppler.

Also builds a tiny test root that uses the annotation macros of ``tools/latex/edition.sty`` and
checks that their page references point both ways.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import runpy
import subprocess
from pathlib import Path
from typing import Any

import pytest
from reading_edition.sphinxext.footnote_labels import letters
from reading_edition.sphinxext.print_edition import lemma

from tests.conftest import EPOCH, EditionBuilds

#: Builds the PDF, the EPUB or whole editions: outside the fast subset (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
EDITION_CONF: dict[str, Any] = runpy.run_path(str(ROOT / "conf.py"))


def build_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}


def pdf_page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


def pdf_pages(pdf: Path, *, layout: bool = True) -> list[str]:
    """The text of each page (index 0 is page 1), as ``pdftotext -f N -l N`` gives it."""
    pages = []
    for number in range(1, pdf_page_count(pdf) + 1):
        args = ["pdftotext", "-f", str(number), "-l", str(number), "-enc", "UTF-8"]
        args += ["-layout"] if layout else []
        text = subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True)
        pages.append(text.stdout)
    return pages


def squash(text: str) -> str:
    """Letters and digits only, lower case: immune to line breaks, hyphenation and spacing."""
    return re.sub(r"[\W_]+", "", text).lower()


def text_flow(page: str, running_heads: set[str]) -> str:
    """A page's running text: without its running head, its folio and its footnotes (each
    starts with its letter)."""
    lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
    if lines and lines[0] in running_heads:
        lines = lines[1:]
    if lines and re.fullmatch(r"\d+", lines[-1]):
        lines = lines[:-1]
    notes = [i for i, ln in enumerate(lines) if re.match(r"^[a-z] [A-Z“‘(]", ln)]
    return " ".join(lines[: notes[0]] if notes else lines)


def running_heads(pages: list[str]) -> set[str]:
    """The first lines that head more than one page: running heads, not a chapter's title."""
    firsts = [next((ln.strip() for ln in p.splitlines() if ln.strip()), "") for p in pages]
    return {line for line in firsts if line and firsts.count(line) > 1}


def page_of(pages: list[str], needle: str) -> int:
    """The 1-based number of the first page whose text holds ``needle`` (0 if none)."""
    wanted = squash(needle)
    return next((n for n, text in enumerate(pages, start=1) if wanted in squash(text)), 0)


@pytest.fixture(scope="module")
def edition(edition_builds: EditionBuilds) -> dict[str, Any]:
    """The edition's PDF as ``make latexpdf`` builds it, strictly (the session's build)."""
    out = edition_builds.build("latexpdf")
    pdf = out / "latex" / "edition.pdf"
    pages = pdf_pages(pdf)
    print(f"\nPDF: {len(pages)} pages")
    return {
        "pdf": pdf,
        "tex": (out / "latex" / "edition.tex").read_text(encoding="utf-8"),
        "log": (out / "latex" / "edition.log").read_text(encoding="utf-8", errors="replace"),
        "pages": pages,
    }


def reading(text: str) -> str:
    """Page text without the edition's marks in the running text: annotation numbers [n] and the
    degree sign after glossary terms."""
    return re.sub(r"\[\d+\]|°", "", text)


def article_range(edition: dict[str, Any]) -> range:
    """Page numbers of the article: from its standfirst to the page before the glossary."""
    pages = edition["pages"]
    first = next(n for n, t in enumerate(pages, 1) if squash(STANDFIRST) in squash(reading(t)))
    last = next(n for n, t in enumerate(pages, 1) if n > first and t.split()[:1] == ["Glossary"])
    return range(first, last)


HEADLINE = "NSA ‘Hacked Mexican Presidential Communications’"
STANDFIRST = "NSA hacked into email accounts of former Mexican president, fresh Snowden leaks show"


def test_title_page_gives_the_provenance(edition: dict[str, Any]) -> None:
    title = edition["pages"][0]
    # The edition's release (the changelog's latest heading), not the build's date.
    today = EDITION_CONF["today"]
    for line in [
        HEADLINE,
        STANDFIRST,
        "An annotated reading edition",
        "Published by Silicon UK",
        "https://www.silicon.co.uk/workspace/nsa-mexico-email-hacks-129860",
        "unknown: the page shows no byline",
        "probably 20–21 October 2013 (uncertain)",
        "captured from the web page",
        f"Edition {EDITION_CONF['release']} · {today}",
    ]:
        assert squash(line) in squash(title), f"title page lacks {line!r}:\n{title}"


def test_no_software_manual_furniture(edition: dict[str, Any]) -> None:
    text = "\n".join(edition["pages"])
    assert not re.search(r"\bRelease\s+\d", text), "a software manual's 'Release 1.0'"
    # (The edition's own index, print_index.py, is no software manual's "Python Module Index".)
    assert "Python Module Index" not in text
    assert "^[" not in text, "an inline footnote was not parsed"
    # Unnumbered headings: no "1 NSA ‘Hacked…" or "2 Glossary".
    assert not re.search(r"^[ \t]*\d+(\.\d+)*[ \t]+(NSA ‘Hacked|Glossary)", text, re.M)


def test_article_has_standfirst_and_every_paragraph_number(edition: dict[str, Any]) -> None:
    numbers = [int(n) for n in re.findall(r"\\editionparnum\{(\d+)\}", edition["tex"])]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 10
    pages = [edition["pages"][n - 1] for n in article_range(edition)]
    # In the margin: the number alone at the start of a line, the paragraph's text after it.
    margin = {int(m) for t in pages for m in re.findall(r"^\s{0,4}(\d{1,3})\s{2,}\S", t, re.M)}
    assert set(numbers) <= margin, f"paragraph numbers missing: {set(numbers) - margin}"


def plain_words(tex: str) -> list[str]:
    """The words of a stretch of LaTeX, commands and the edition's annotation pointers left out."""
    tex = re.sub(r"\\begingroup.*?\\endgroup\{\}", " ", tex, flags=re.S)
    # (A pointer's title may hold a publication's title in italics: one level of braces.)
    tex = re.sub(r"\\editionannotation(mark|pointer)(\{(?:[^{}]|\{[^{}]*\})*\})+", " ", tex)
    tex = re.sub(
        r"\\(detokenize|label|hyperref|editionindextarget)(\[[^]]*\]|\{[^{}]*\})*", " ", tex
    )
    tex = re.sub(r"\\DUrole\{[^{}]*\}", " ", tex)  # the role's class name, not text
    return re.sub(r"\\[a-zA-Z]+\*?|[{}%\[\]]", " ", tex).split()


def test_footnotes_are_at_the_foot_of_their_page(edition: dict[str, Any]) -> None:
    article = edition["tex"].split(r"\subsection{About this text}")[0]
    notes = list(re.finditer(r"\\begin\{footnote\}\[(\d+)\]\\sphinxAtStartFootnote\n", article))
    assert notes, "the article has no footnote"
    for note in notes:
        number = note.group(1)
        body = " ".join(plain_words(article[note.end() :].split(r"\end{footnote}")[0])[:6])
        mark = " ".join(plain_words(article[: note.start()].split("\n\n")[-1])[-3:])
        page = page_of(edition["pages"], body)
        assert page, f"footnote {number} ({body!r}) is not in the PDF"
        lines = [ln.strip() for ln in edition["pages"][page - 1].splitlines() if ln.strip()]
        letter = letters(int(number))  # printed as a letter (edition.sty)
        start = squash(f"{letter} {body}")[: len(letter) + 12]
        at = next((i for i, ln in enumerate(lines) if squash(ln).startswith(start)), None)
        assert at is not None, f"footnote {letter} does not start a line on page {page}"
        assert squash(body) in squash(" ".join(lines[at:])), f"footnote {number}'s text"
        assert squash(mark) in squash(reading(" ".join(lines[:at]))), (
            f"footnote {number} is on page {page}, but its mark (after {mark!r}) is not above it"
        )


def test_parts_glossary_apparatus_colophon(edition: dict[str, Any]) -> None:
    heads = [t.lstrip().splitlines()[0].strip() for t in edition["pages"][1:]]
    for part in ("Glossary", "Colophon"):
        assert part in heads, f"no page headed {part!r}: {heads}"
    assert page_of(edition["pages"], "About this text")
    assert page_of(edition["pages"], "Online surveillance © - Fotolia.com")


def test_accents_survive(edition: dict[str, Any]) -> None:
    text = "\n".join(edition["pages"])
    for word in ("Calderón", "Peña", "Fantástico"):
        assert word in text, f"{word} is not in the PDF's text"


def test_fonts_embedded_pagella(edition: dict[str, Any]) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(edition["pdf"])], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts
    assert all(re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", f) for f in fonts), fonts
    assert any("TeXGyrePagella-Regular" in f for f in fonts), fonts


def test_reasonable_length_without_blank_pages(edition: dict[str, Any]) -> None:
    pages = edition["pages"]
    print(f"PDF page count: {len(pages)}")
    # A lower bound only: the page count is a figure of this edition (make print-report), which
    # contributors' notes raise; a valid contribution never fails on it.
    assert len(pages) >= 8, f"{len(pages)} pages"
    for number, text in enumerate(pages, start=1):
        lines = [line for line in text.splitlines() if line.strip()]
        body = "\n".join(lines[1:-1])  # not the running head, not the folio
        words = re.findall(r"[^\W\d]{2,}", body)
        assert len(words) >= 5, f"page {number} of {len(pages)} is (nearly) blank: {text!r}"


# --- The annotation macros, on their own ----------------------------------------------------------


# The edition's own LaTeX set-up, its files found in the repository.
EDITION_LATEX = {
    "latex_elements": EDITION_CONF["latex_elements"],
    "latex_additional_files": [str(ROOT / f) for f in EDITION_CONF["latex_additional_files"]],
}


@pytest.mark.sphinx("latex", testroot="latex-macros", confoverrides=EDITION_LATEX)
def test_annotation_macros_refer_both_ways(app: Any) -> None:
    app.build()
    out = Path(app.outdir)
    made = subprocess.run(
        ["make", "-C", str(out), "all-pdf"], env=build_env(), capture_output=True, text=True
    )
    assert made.returncode == 0, (out / "macros.log").read_text(errors="replace")[-3000:]
    pages = pdf_pages(out / "macros.pdf")
    mark_page = page_of(pages, "Calderón, Peña and Fantástico")
    alpha, beta = page_of(pages, "Body of alpha"), page_of(pages, "Body of beta")
    assert mark_page and alpha and beta and len({mark_page, alpha, beta}) == 3
    text = {n: " ".join(pages[n - 1].split()) for n in (mark_page, alpha, beta)}
    assert (
        f"1 ¶ 7 Calderón, Peña and Fantástico] p. {mark_page} context · Alpha title" in text[alpha]
    )
    assert f"2 ¶ 7 a second passage] p. {mark_page} correction · Beta title" in text[beta]
    assert f"see p. {beta}" in text[alpha] and f"see p. {alpha}" in text[beta]
    assert f"[1] Alpha title, see p. {alpha}" in text[mark_page]
    assert f"[2] Beta title, see p. {beta}" in text[mark_page]
    assert re.search(r"^\s*7\s{2,}Calderón", pages[mark_page - 1], re.M), "margin number"


# --- Every annotation in print, with page references both ways -----------------------------------


def test_every_annotation_is_a_note_with_page_references(edition: dict[str, Any]) -> None:
    """The Annotations part is an editor's apparatus: each note opens with its number, the
    paragraph and the lemma (the annotated words, whole or first and last words) and the page
    of its passage, then kind and title; the passage's page points to the note's page."""
    from reading_edition.cli.checker import check_annotations
    from reading_edition.model.annotation import annotation_files
    from reading_edition.model.kinds import KINDS
    from reading_edition.sphinxext.annotations.reader import educated
    from reading_edition.text.anchoring import ReadingIndex
    from reading_edition.text.reading_source import read_article

    index = ReadingIndex(read_article(ROOT / "docs" / "article.md").paragraphs)
    report = check_annotations(annotation_files(ROOT / "annotations"), index, None, ROOT)
    assert report.annotations and not report.errors
    pages = edition["pages"]
    flat = [" ".join(page.split()) for page in pages]
    start = next(n for n, t in enumerate(pages, 1) if n > 1 and t.split()[:1] == ["Annotations"])
    heads: dict[int, tuple[int, int, str, int]] = {}
    for n, text in enumerate(flat, start=1):
        if n < start:
            continue
        for match in re.finditer(r"(?:^| )(\d+) ¶ (\d+) (.+?)\] p\. (\d+) ", text):
            number = int(match.group(1))
            heads.setdefault(number, (n, int(match.group(2)), match.group(3), int(match.group(4))))
    print(f"\nApparatus: {len(heads)} notes with ¶ and lemma")
    # One note per anchored annotation, numbered 1..N.
    assert sorted(heads) == list(range(1, len(report.annotations) + 1))
    # Several notes may open with the same ¶ and lemma (notes on one passage).
    found: dict[tuple[int, str], list[int]] = {}
    for number, (_, para, words, _) in heads.items():
        found.setdefault((para, " ".join(words.split())), []).append(number)

    def head_on(number: int, head: str) -> bool:
        note_page = heads[number][0]
        return head in " ".join(flat[note_page - 1 : note_page + 1])

    for annotation in report.annotations:
        anchor = report.anchors[annotation.id].anchor
        assert anchor is not None
        key = (anchor.paragraph + 1, lemma(annotation.target.exact))
        assert key in found, f"no note opens with ¶ {key[0]} {key[1]!r}] ({annotation.id})"
        # Titles are set with typographic quotes, dashes and ellipses, as in running text.
        head = f"{KINDS[annotation.kind]} · {' '.join(educated(annotation.title).split())}"
        numbers = [n for n in found[key] if head_on(n, head)]
        assert numbers, (annotation.id, head)
        number = numbers[0]
        note_page, _, _, passage_page = heads[number]
        # The passage's page has the marker's pointer, which gives the note's page.
        assert re.search(rf"\[{number}\] [^\[]*?see p\. {note_page}\b", flat[passage_page - 1]), (
            number,
            flat[passage_page - 1][-600:],
        )
        assert note_page > passage_page


def test_the_pdf_is_tagged(edition: dict[str, Any]) -> None:
    """A tagged PDF (\\DocumentMetadata, tagpdf) without a tagpdf error; the counts of its
    structure elements as ``pdfinfo -struct`` reads them."""
    info = subprocess.run(
        ["pdfinfo", str(edition["pdf"])], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert "tagpdf Error" not in edition["log"]
    struct = subprocess.run(
        ["pdfinfo", "-struct", str(edition["pdf"])], capture_output=True, text=True
    ).stdout
    counts: dict[str, int] = {}
    for line in struct.splitlines():
        element = line.strip().split(" ", 1)[0]
        if element and element[0].isalpha():
            counts[element] = counts.get(element, 0) + 1
    print("\npdfinfo -struct:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    assert counts.get("Document") == 1, counts
    assert counts.get("P", 0) >= 100 and counts.get("Link", 0) >= 20, counts


def test_no_overfull_box_over_one_point(edition: dict[str, Any]) -> None:
    boxes = [
        (float(size), where)
        for size, where in re.findall(
            r"Overfull \\[hv]box \((\d+\.?\d*)pt too \w+\) ([^\n]*)", edition["log"]
        )
    ]
    print(f"\nOverfull boxes: {len(boxes)} (over 1 pt: {sum(s > 1 for s, _ in boxes)})")
    assert not [b for b in boxes if b[0] > 1], boxes


def test_few_bare_url_footnotes(edition: dict[str, Any]) -> None:
    """Sources print their addresses with their notes, links theirs after the link text: at
    most a handful of footnotes may be nothing but an address."""
    bodies = re.findall(
        r"\\begin\{footnote\}\[\d+\]\\sphinxAtStartFootnote\n(.*?)\\end\{footnote\}",
        edition["tex"],
        re.S,
    )
    bare = [b for b in bodies if re.fullmatch(r"\s*\\sphinx(nolink)?url\{[^{}]*\}\s*%?\s*", b)]
    print(f"\nFootnotes: {len(bodies)}, bare URLs: {len(bare)}")
    assert len(bare) <= 5, bare


def test_no_mark_between_a_word_and_its_punctuation(edition: dict[str, Any]) -> None:
    # "president,[1]" and "Snowden.[4]", never "president[1]," or "Snowden[4].": a note's
    # bracketed number follows the closing punctuation or possessive of the word it marks.
    text = " ".join(edition["pages"][n - 1] for n in article_range(edition))
    # (A mark stands against its word; "[7];" after a space is the introduction's example.)
    # (A comma between a note's number and a footnote's letter, "[7],a", or another note's
    # number, "[3],[2]" (two notes on one passage), keeps two marks apart; a run of marks is
    # checked after its last.)
    stray = re.findall(r"\S*[\w’”]\[\d+\](?:,\[\d+\])*\s?(?:,(?![a-z]\b|\[)|[.;:!?’”)]|’s\b)", text)
    assert stray == []
    assert re.search(r"\w[,.;:’”]\[\d+\]", text), "no mark after punctuation found at all"


def test_one_release_on_the_title_page_imprint_and_metadata(edition: dict[str, Any]) -> None:
    """The changelog's latest heading, and no other version or date, on the title page, the
    imprint and in the PDF's metadata."""
    from reading_edition.text.release import latest_release

    release = latest_release(ROOT / "docs" / "changelog.md")
    title, imprint = (squash(p) for p in edition["pages"][:2])
    assert squash(f"Edition {release.version} · {release.written_date}") in title
    assert squash(f"Edition {release.version}, {release.written_date}.") in imprint
    for page in edition["pages"][:2]:
        versions = re.findall(r"Edition (\d+\.\d+)", " ".join(page.split()))
        assert versions and set(versions) == {release.version}, versions
    info = subprocess.run(
        ["pdfinfo", str(edition["pdf"])], check=True, capture_output=True, text=True
    ).stdout
    subject = next(line for line in info.splitlines() if line.startswith("Subject:"))
    assert f"edition {release.version}, {release.written_date}" in subject


def test_sources_list_holds_every_source_once_and_the_notes_point_to_it(
    edition: dict[str, Any],
) -> None:
    """The notes cite short forms that point to the sources list; the list gives each source
    once, with its address kept whole at the scheme ("https://" never broken from the rest)."""
    tex = edition["tex"]
    labels = re.findall(r"\\label\{\\detokenize\{sources:(src-[^}]+)\}\}", tex)
    entries = tex.count(r"\begin{sphinxuseclass}{source-entry}")
    assert labels and len(labels) == entries == len(set(labels)), "a source listed twice"
    blocks = re.findall(
        r"\\begin\{sphinxuseclass\}\{anno-sources-print\}(.*?)\\end\{sphinxuseclass\}", tex, re.S
    )
    assert blocks
    for block in blocks:
        assert "http" not in block, f"an address in a note's sources: {block[:200]}"
        cited = re.findall(r"\\hyperref\[\\detokenize\{sources:(src-[^}]+)\}\]", block)
        assert cited and set(cited) <= set(labels), block[:200]
    addresses = re.findall(r"\\editionsourceurl\{([^}]*)\}\{([^}]*)\}\{([^}]*)\}", tex)
    assert addresses
    for whole, scheme, rest in addresses:
        assert scheme in {"http://", "https://"} and whole == scheme + rest, whole
    # Every address in the list is in the PDF's text, once its line breaks are taken out.
    # (An address may run over a page break, its folio and running head between.)
    text = squash("".join(edition["pages"]))
    heads = running_heads(edition["pages"])
    flow = squash(" ".join(text_flow(page, heads) for page in edition["pages"]))
    missing = [
        w
        for w, _, _ in addresses
        if squash(w.replace("\\", "")) not in text and squash(w.replace("\\", "")) not in flow
    ]
    print(f"\nSources list: {entries} sources, {len(addresses)} addresses")
    assert not missing, missing[:5]


def page_lines(pdf: Path, page: int) -> list[list[tuple[float, float, str]]]:
    """A page's lines, each its words as (xMin, xMax, text) (``pdftotext -bbox-layout``)."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = []
    for line in re.findall(r"<line [^>]*>(.*?)</line>", out, re.S):
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            line,
        )
        lines.append([(float(a), float(b), html.unescape(t)) for a, b, t in words])
    return lines


def test_one_space_after_a_full_stop(edition: dict[str, Any]) -> None:
    """After a sentence's full stop the line's ordinary word space, as a press sets it now:
    polyglossia's English turned on TeX's wider space after a full stop ("Sept.  30",
    "City.   A") when the document began, after edition.sty had turned it off."""
    excess: list[float] = []
    for page in range(1, len(edition["pages"]) + 1):
        for words in page_lines(edition["pdf"], page):
            gaps = [(b[0] - a[1], a[2], b[2]) for a, b in itertools.pairwise(words)]
            plain = sorted(g for g, w, n in gaps if w[-1:].isalpha() and n[:1].isalpha())
            if len(plain) < 3:
                continue
            median = plain[len(plain) // 2]
            excess += [g - m for g, w, n in gaps for m in [median] if _sentence_end(w, n)]
    assert len(excess) >= 10, len(excess)
    mean = sum(excess) / len(excess)
    print(f"\nSpace after a full stop beyond the line's word space: {mean:.2f} pt ({len(excess)})")
    assert mean < 0.5, f"a wider space after a full stop: {mean:.2f} pt on average"


def _sentence_end(word: str, following: str) -> bool:
    """A word that ends a sentence ("comment.") before one that starts the next."""
    return bool(re.search(r"[a-z]\.$", word)) and following[:1].isupper()


def test_sources_paragraphs_start_at_the_margin(edition: dict[str, Any]) -> None:
    """A note's or a page's "Sources:" line starts where the lines around it start: no stray
    space or indentation before the label."""
    seen = 0
    for page in range(1, len(edition["pages"]) + 1):
        if not re.search(r"^\s*Sources?:", edition["pages"][page - 1], re.M):
            continue
        lines = [w for w in page_lines(edition["pdf"], page) if w]
        starts = sorted(round(w[0][0], 1) for w in lines)
        margin = max(set(starts), key=starts.count)  # where most lines start
        for words in lines:
            if words[0][2] in ("Source:", "Sources:"):
                seen += 1
                assert abs(words[0][0] - margin) < 0.5, (
                    f"p. {page}: “{' '.join(w[2] for w in words)[:60]}” starts at "
                    f"{words[0][0]:.1f} pt, the page's lines at {margin:.1f} pt"
                )
    assert seen >= 3, seen


def test_index_sets_publication_titles_in_italics(edition: dict[str, Any]) -> None:
    """Where the text sets a publication's name in italics (``edition_publication_titles``),
    the index does too ("Der Spiegel’s report …")."""
    titles = EDITION_CONF["edition_publication_titles"]
    heads = re.findall(r"\\editionindexentry\{((?:[^{}]|\{[^{}]*\})*)\}", edition["tex"])
    assert heads
    checked = 0
    for head in heads:
        for title in titles:
            if title in re.sub(r"\\textit\{([^{}]*)\}", r"\1", head):
                checked += 1
                assert f"\\textit{{{title}}}" in head, head
    assert checked or not any(t in edition["tex"] for t in titles)
