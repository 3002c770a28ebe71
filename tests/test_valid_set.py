"""Valid for the checker is green in CI: a copy of the repository with a generated set of
odd-but-valid annotations (a heading first, lists, tables, sphinx-design components, footnotes,
several notes on one passage, long bodies, a title with straight quotes, an apostrophe and an
ampersand) passes ``edition check``, and then the suite's tests of the real edition (HTML, EPUB,
PDF, browser, checker, output scan) pass in that copy too. Slow: it builds every output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reading_edition.model.annotation import Annotation, annotation_files, load_annotation
from reading_edition.text.reading_source import read_article

from tests.conftest import ROOT

#: The suite's modules that test the real edition's built output and its checker: the ones a
#: contribution can fail.
EDITION_TESTS = (
    "tests/test_edition.py",
    "tests/test_checker_cli.py",
    "tests/test_epub.py",
    "tests/test_pdf.py",
    "tests/test_security_output.py",
    "tests/test_browser.py",
    "tests/test_print.py",
    "tests/test_reader_html.py",
    "tests/test_citation.py",
    "tests/test_search_pages.py",
    "tests/test_text_hygiene.py",
    "tests/test_w3c_anchoring.py",
)
#: The body whose note sorts first: the browser tests check the first annotation page (axe at
#: 390 and 1280 px, no sideways scrolling at 320 px), so it is the one with the most parts.
FIRST = "design"
#: A source note whose title has straight quotes, an apostrophe, an ampersand and an accent.
SOURCE_NOTE = """---
target:
  exact: "85,489 text messages"
kind: source
title: "The NSA's \\"haystack\\" & Peña's texts"
authors: ["A. Contributor"]
created: "2026-12-01"
sources:
  - title: "NSA reportedly hacked Mexican president's e-mail account"
    publisher: "CNET"
    date: "2013-10-20"
    url: "https://www.cnet.com/tech/tech-industry/nsa-reportedly-hacked-mexican-presidents-e-mail-account/"
    quote: "In all, the agency intercepted 85,489 text messages"
---
A contributor's note with 'straight' quotes and an apostrophe's worth of trouble.
"""
F = "`" * 3

#: Bodies a contributor may write; each is valid for the checker. ``{quote}`` is replaced by
#: the note's quote, so no body depends on today's article.
BODIES: dict[str, str] = {
    "heading-first": (
        "# A heading first\n\nThen a paragraph about {quote}.\n\n## And a smaller one\n\nText.\n"
    ),
    "lists-and-table": (
        "A first paragraph.\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n"
        "| a | b |\n|---|---|\n| 1 | a cell with **strong** words |\n"
    ),
    "design": (
        "A first paragraph.\n\n::::{tab-set}\n\n:::{tab-item} One\n:sync: one\n"
        "First panel.\n:::\n\n"
        ":::{tab-item} Two\nSecond panel.\n:::\n::::\n\n:::{dropdown} More\nHidden text.\n:::\n\n"
        ":::{card} A card\n:link: https://example.org/card\nCard text.\n:::\n\n"
        "A {bdg-primary}`badge` and a button:\n\n"
        f"{F}{{button-link}} https://example.org/button\nThe button\n{F}\n"
    ),
    "admonition-first": ":::{note}\nA note before the first paragraph.\n:::\n\nText after it.\n",
    "long": "A first paragraph that stands on its own.\n\n"
    # Runs TeX cannot hyphenate: a reference number and an identifier (the PDF has no overfull).
    + "Filed as 12345678901234567890123456789012345678901234567890123456789012345678901234567890 "
    "under SOME_VERY_LONG_IDENTIFIER_WITH_UNDERSCORES_THAT_GOES_ON_AND_ON_FOREVER_AND_EVER.\n\n"
    + "\n\n".join(
        f"Paragraph {i}: " + "words that run on and on across the page " * 12 for i in range(12)
    )
    # And what stood out of the PDF's margin (issue 25): a camel-case name in code, a hash, a
    # code line without a space, a heading that is one long word.
    + "\n\nCode `aVeryLongCamelCaseIdentifierWithoutAnyPunctuationAtAllReally` and a hash "
    "5c1b0b6a2f0e4e7d9a3c8b1f6e2d4a7c5c1b0b6a2f0e4e7d9a3c8b1f6e2d4a7c.\n\n"
    # (60 characters: wider than the PDF's column, narrower than an e-reader's 600 px.)
    f"{F}text\n{'codelinewithoutanyplacetowrap' * 2}xy\n{F}\n\n"
    "# Verylongheadingwordwithoutanyplacetobreakitqqqqqqqqqqqqqqqqqq\n\nText.\n",
    # Wider than a phone (many columns, long words): it scrolls in its own box on the web, not
    # the page (320 px); the PDF has no overfull box; the EPUB's article fits 600 px.
    "wide-table": "A first paragraph.\n\n| "
    + " | ".join(f"column {n}" for n in range(8))
    + " |\n|"
    + "---|" * 8
    + "\n| "
    + " | ".join(["AN_UNBREAKABLE_IDENTIFIER_OF_FORTY_LETTERS"] * 3 + ["x"] * 5)
    + " |\n",
    "footnote": "A first paragraph with a footnote.[^n]\n\n[^n]: The footnote's text.\n",
    "quote-block": "> A block quotation opens the note.\n\nThen a paragraph.\n",
    "code": f"{F}text\nsome literal text\n{F}\n\nA paragraph after code.\n",
}


#: Titles other than "Odd but valid: <name>": a word longer than a phone is wide (the pages, the
#: general index and the pager links must break it; the PDF must set it without overfull box).
#: No glossary term inside the identifier: the PDF index then files the term at the note's
#: paragraph, which test_print's whole-word check refuses (reported in issue 25's notes).
TITLES = {
    "long": "Odd but valid: the Bundesnachrichtendienstgesetz and A_REFERENCE_NUMBER_TOO_LONG"
}


def existing_quotes(root: Path) -> list[str]:
    """Quotes of the edition's own notes: a second note on an annotated passage reuses one."""
    found = []
    for path in annotation_files(root / "annotations"):
        loaded = load_annotation(path)
        if isinstance(loaded, Annotation) and not loaded.target.prefix and not loaded.target.suffix:
            found.append(loaded.target.exact)
    return found


def unique_phrases(article: Path, count: int) -> list[str]:
    """Three-word phrases that occur once in the reading text, spread over its paragraphs."""
    paragraphs = read_article(article).paragraphs
    text = "\n".join(paragraphs)
    phrases: list[str] = []
    for paragraph in paragraphs:
        words = paragraph.split()
        for i in range(0, max(len(words) - 3, 0), 5):
            phrase = " ".join(words[i : i + 3])
            if text.count(phrase) == 1 and phrase.isascii() and '"' not in phrase:
                phrases.append(phrase)
                break
    return (phrases * (count // max(len(phrases), 1) + 1))[:count]


def write_set(root: Path) -> list[str]:
    """Write the odd-but-valid notes into ``root/annotations``; return their ids."""
    phrases = unique_phrases(root / "docs" / "article.md", len(BODIES))
    seconds = existing_quotes(root)[:2]
    ids = []
    for n, ((name, body), phrase) in enumerate(zip(BODIES.items(), phrases, strict=True)):
        # Two of them on passages that already carry a note (another note on the same words).
        exact = seconds[n] if n < len(seconds) else phrase
        exact = exact.replace("\\", "\\\\").replace('"', '\\"')
        note = f"{'aa' if name == FIRST else 'zz'}-valid-{name}"
        (root / "annotations" / f"{note}.md").write_text(
            f'---\ntarget:\n  exact: "{exact}"\nkind: analysis\n'
            f'title: "{TITLES.get(name, f"Odd but valid: {name}")}"\n'
            f'authors: ["A. Tester"]\ncreated: "2026-11-27"\n---\n'
            + body.replace("{quote}", "the passage"),
            encoding="utf-8",
        )
        ids.append(note)
    (root / "annotations" / "zz-valid-source.md").write_text(SOURCE_NOTE, encoding="utf-8")
    return [*ids, "zz-valid-source"]


def repository_copy(target: Path) -> Path:
    """A copy of the repository's edition and tests (the installed package builds it)."""
    target.mkdir(parents=True)
    for name in (
        "conf.py",
        "pyproject.toml",
        "CITATION.cff",
        "docs",
        "annotations",
        "seeds",
        "tests",
    ):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, target / name)
    for shared in ("tools", "node_modules"):
        if (ROOT / shared).exists():
            (target / shared).symlink_to(ROOT / shared, target_is_directory=True)
    return target


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("EDITION_NESTED") == "1", reason="already in the copy")
def test_a_valid_set_for_the_checker_is_green_in_ci(tmp_path: Path) -> None:
    root = repository_copy(tmp_path / "repo")
    write_set(root)
    checked = subprocess.run(
        [sys.executable, "-m", "reading_edition", "check"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *EDITION_TESTS],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "EDITION_NESTED": "1"},
    )
    assert suite.returncode == 0, suite.stdout[-6000:] + suite.stderr[-2000:]
