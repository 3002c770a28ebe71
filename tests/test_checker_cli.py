"""The command-line checker and scaffold: what a contributor runs locally (and CI runs)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from reading_edition.model.front_matter import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reading_edition", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_help() -> None:
    for command in ([], ["check"], ["new"], ["convert"]):
        done = run(*command, "--help")
        assert done.returncode == 0 and "usage:" in done.stdout


def test_the_edition_passes() -> None:
    done = run("check")
    assert done.returncode == 0, done.stderr
    # The count's noun agrees with it ("1 annotation", "20 annotations"); the article has 10.
    found = re.search(r"ok: (\d+) (annotations?) anchored in the article \(10 paragraphs\); "
                      r"the reading text matches the witness", done.stdout)  # fmt: skip
    assert found and (found[2] == "annotation") == (found[1] == "1"), done.stdout


def test_bad_files_are_located(tmp_path: Path) -> None:
    notes = tmp_path / "annotations"
    notes.mkdir()
    (notes / "bad-bytes.md").write_bytes(b'---\ntitle: "caf\xe9"\n---\nBody\n')
    (notes / "too-big.md").write_bytes(b"---\n" + b"x" * MAX_BYTES + b"\n---\n")
    (notes / "Bad_Name.md").write_text(
        '---\ntarget:\n  exact: "Snowden"\nkind: analysis\n'
        'title: "T"\nauthors: ["A"]\ncreated: "2026-11-27"\n'
        "---\nBody\n",
        encoding="utf-8",
    )
    (notes / "notes.txt").write_text("stray", encoding="utf-8")
    (notes / "no-close.md").write_text("---\ntitle: x\n", encoding="utf-8")
    (notes / "yaml11.md").write_text(
        '---\ntarget:\n  exact: 012345\nkind: analysis\ntitle: 1.10\nauthors: ["A"]\n'
        "created: 2013-10-20\n---\nBody\n",
        encoding="utf-8",
    )
    (notes / "yaml-no.md").write_text(
        '---\ntarget:\n  exact: "Snowden"\nkind: NO\ntitle: "No"\nauthors: ["A"]\n'
        "created: 2013-10-20\n---\nBody\n",
        encoding="utf-8",
    )
    done = run("check", "--annotations", str(notes))
    assert done.returncode == 1
    err = done.stderr
    assert "bad-bytes.md:2: byte 15 (0xe9) is not valid UTF-8; save the file as UTF-8." in err
    assert f"too-big.md: file is {MAX_BYTES + 9:,} bytes; an annotation may be at most" in err
    assert "Bad_Name.md: the file name 'Bad_Name' is not a valid id" in err
    assert "notes.txt: only .md files are annotations" in err
    assert "no-close.md:1: the front matter opened on line 1 is never closed" in err
    # YAML 1.1 surprises stay strings as written, and the schema says what is wrong with them.
    assert "yaml-no.md:4: kind: 'NO' is not one of" in err
    assert "yaml11.md:3: quote '012345' is not found in the article's reading text." in err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == "9 problems in 7 files.", err


def test_an_article_that_is_not_utf8_is_located_not_a_traceback(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_bytes(b"# A title\n\nCalder\xf3n.\n")
    done = run("check", "--article", str(article), "--annotations", str(tmp_path / "none"))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{article}:3: byte 17 (0xf3) is not valid UTF-8; save the file as UTF-8.",
        f"1 problem in {article}.",
    ], done.stderr


def test_a_note_check_would_not_read_is_refused_with_where_to_move_it(tmp_path: Path) -> None:
    """A valid note in a folder inside annotations/ (the build would read a page no toctree
    lists) and a hidden one (both would skip it): refused, with the file to move it to."""
    notes = tmp_path / "annotations"
    shutil.copytree(ROOT / "annotations", notes)
    note = (notes / "edward-snowden.md").read_text(encoding="utf-8")
    (notes / "drafts").mkdir()
    (notes / "drafts" / "sub-note.md").write_text(note, encoding="utf-8")
    (notes / ".hidden-note.md").write_text(note, encoding="utf-8")
    done = run("check", "--annotations", str(notes))
    assert done.returncode == 1
    move = "annotations live directly in annotations/; move it to annotations/{}.md"
    assert f"{notes}/drafts/sub-note.md: " in done.stderr
    assert move.format("sub-note") in done.stderr
    assert f"{notes}/.hidden-note.md: a file or folder whose name starts with '.'" in done.stderr
    assert move.format("hidden-note") in done.stderr


def test_new_says_what_picks_a_quote_in_the_words_the_user_typed(tmp_path: Path) -> None:
    new = ("new", "--kind", "context", "--title", "T", "--author", "A. Tester")
    where = ("--annotations", str(tmp_path))
    # Both places of the quote are in ¶ 7: --para cannot pick one, --occurrence can.
    both = run(*new, "--quote", "the drug trade", "--para", "7", *where)
    assert both.returncode == 1
    assert both.stderr.startswith(
        "error: quote 'the drug trade' occurs 2 times in the article; all of them are in ¶ 7, "
        "so --para cannot tell them apart: say which with --occurrence N instead (N as "
        "numbered here):\n  1. ¶ 7: "
    ), both.stderr
    # A quote not found: the user typed --quote, not target.exact.
    typo = run(*new, "--quote", "cancelled a trip to Amerika", *where)
    assert typo.returncode == 1
    assert "if you meant it, copy its words into --quote exactly as" in typo.stderr, typo.stderr
    assert "target.exact" not in typo.stderr


def test_scaffold_writes_a_file_that_passes(tmp_path: Path) -> None:
    notes = tmp_path / "annotations"
    shutil.copytree(ROOT / "annotations", notes)
    new = ("new", "--quote", "Peña Nieto", "--kind", "analysis", "--title", "Peña Nieto, again")
    # "Peña Nieto" occurs twice in ¶ 5: every occurrence is listed with what picks it.
    ambiguous = run(*new, "--author", "A. Tester", "--annotations", str(notes))
    assert ambiguous.returncode == 1
    assert "occurs 2 times in the article; say which with --occurrence N or --para N" in (
        ambiguous.stderr
    )
    assert "(target.prefix: 'Enrique')" in ambiguous.stderr
    done = run(*new, "--occurrence", "1", "--author", "A. Tester", "--annotations", str(notes))
    assert done.returncode == 0, done.stderr
    created = notes / "pena-nieto-again.md"
    text = created.read_text(encoding="utf-8")
    assert 'exact: "Peña Nieto"' in text and 'prefix: "Enrique"' in text
    assert 'authors: ["A. Tester"]' in text
    created.write_text(
        text.replace(
            "TODO: write the annotation here, in your own words.",
            "He won the election of 1 July 2012.",
        ),
        encoding="utf-8",
    )
    assert run("check", "--annotations", str(notes)).returncode == 0
    # A factual kind gets a sources block to fill in; unusable quotes are refused.
    fact = run(
        "new",
        "--quote",
        "Der Spiegel",
        "--kind",
        "source",
        "--title",
        "Spiegel",
        "--author",
        "A. Tester",
        "--annotations",
        str(notes),
    )
    assert fact.returncode == 0 and "sources:" in (notes / "spiegel.md").read_text(encoding="utf-8")
    missing = run(
        "new",
        "--quote",
        "not in the text at all",
        "--kind",
        "context",
        "--title",
        "X",
        "--author",
        "A. Tester",
        "--annotations",
        str(notes),
    )
    assert (
        missing.returncode == 1 and "is not found in the article's reading text" in missing.stderr
    )
