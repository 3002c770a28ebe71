"""What a contributor meets on the command line: quotes that look right but are typed
differently, quotes that drifted or never matched, the scaffold's placeholders, checking one
file, and `fix`. Each works on a copy of the real edition (or a git repository made here)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

#: Runs the command line or whole builds many times: outside the fast subset.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def edition(tmp_path: Path) -> Path:
    """A copy of the edition's sources, with the same layout."""
    root = tmp_path / "edition"
    for name in ("docs", "annotations", "seeds"):
        shutil.copytree(ROOT / name, root / name, symlinks=True)
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reading_edition", *args], cwd=root, capture_output=True, text=True
    )


def note(exact: str, title: str = "A note", body: str = "A body.") -> str:
    return (
        f'---\ntarget:\n  exact: "{exact}"\nkind: analysis\ntitle: "{title}"\n'
        f'authors: ["A. Tester"]\ncreated: "2026-12-01"\n---\n{body}\n'
    )


def test_a_quote_in_decomposed_unicode_is_accepted(tmp_path: Path) -> None:
    root = edition(tmp_path)
    decomposed = unicodedata.normalize("NFD", "Enrique Peña Nieto, who is now president")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    (root / "annotations" / "nfd.md").write_text(note(decomposed), encoding="utf-8")
    done = run(root, "check", "annotations/nfd.md")
    assert done.returncode == 0, done.stderr


def test_typographic_differences_are_named_and_fixed(tmp_path: Path) -> None:
    root = edition(tmp_path)
    path = root / "annotations" / "straight.md"
    path.write_text(note("Calderon's public email account"), encoding="utf-8")
    done = run(root, "check", "annotations/straight.md")
    assert done.returncode == 1
    assert "character 9: you typed ' (U+0027); the article has ’ (U+2019)" in done.stderr
    fixed = run(root, "fix", "annotations/straight.md")
    assert fixed.returncode == 0, fixed.stderr
    assert 'exact: "Calderon’s public email account"' in path.read_text(encoding="utf-8")
    assert run(root, "check", "annotations/straight.md").returncode == 0


def test_placeholders_are_refused_until_filled(tmp_path: Path) -> None:
    root = edition(tmp_path)
    made = run(
        root, "new", "--quote", "85,489 text messages", "--kind", "source", "--title",
        "Where the figure comes from", "--author", "A. Tester",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    done = run(root, "check", "annotations/where-the-figure-comes-from.md")
    assert done.returncode == 1
    fields = ("title", "publisher", "date", "url", "quote")
    for field in (f"sources.0.{name}" for name in fields):
        # Each once, as a placeholder to fill (a forgotten date would otherwise pass as n.d.).
        assert done.stderr.count(f"{field} still holds the placeholder") == 1, done.stderr
        assert f"{field}:" not in done.stderr, done.stderr
    assert "the body still holds the placeholder" in done.stderr


def test_one_file_is_checked_against_the_whole_set(tmp_path: Path) -> None:
    root = edition(tmp_path)
    # Every annotation with related notes is checked alone: its links resolve to the others.
    with_links = [p for p in sorted((root / "annotations").glob("*.md")) if "\nrelated:" in
                  p.read_text(encoding="utf-8")]  # fmt: skip
    assert with_links
    for path in with_links[:3]:
        done = run(root, "check", str(path.relative_to(root)))
        assert done.returncode == 0, done.stderr
    (root / "annotations" / "broken.md").write_text(
        note("Der Spiegel", body="See {term}`NO-SUCH-TERM`."), encoding="utf-8"
    )
    done = run(root, "check", "annotations/broken.md")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith(
        "annotations/broken.md:9: term not in glossary: 'NO-SUCH-TERM'"
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_drifted_only_when_the_quote_used_to_match(tmp_path: Path) -> None:
    root = edition(tmp_path)
    git(root, "init", "-q")
    (root / "annotations" / "old.md").write_text(
        note("much further against this important target"), encoding="utf-8"
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "edition")
    # The article changes under a committed quote: "drifted".
    article = root / "docs" / "article.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("much further against", "much farther against"),
        encoding="utf-8",
    )
    drifted = run(root, "check", "annotations/old.md")
    assert "no longer matches the article exactly (drifted)" in drifted.stderr
    # A new file with a quote that never matched: "not found", with the closest passage.
    (root / "annotations" / "new.md").write_text(
        note("much furthest against this important target"), encoding="utf-8"
    )
    new = run(root, "check", "annotations/new.md")
    assert "is not found in the article's reading text. The closest passage is" in new.stderr
    assert "drifted" not in new.stderr


def test_new_says_who_writes_and_what_is_already_there(tmp_path: Path) -> None:
    root = edition(tmp_path)
    (root / "annotations" / "first.md").write_text(
        note("85,489 text messages", title="First"), encoding="utf-8"
    )
    args = ("new", "--quote", "85,489 text messages", "--kind", "analysis", "--title", "Second")
    # No --author and no git user.name: asked for, not defaulted.
    lonely = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_GLOBAL": os.devnull,
              "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip
    nobody = subprocess.run(
        [sys.executable, "-m", "reading_edition", *args],
        cwd=root, capture_output=True, text=True, env=lonely,
    )  # fmt: skip
    assert nobody.returncode == 1 and "--author" in nobody.stderr
    assert not (root / "annotations" / "second.md").exists()
    made = run(root, *args, "--author", "A. Tester")
    assert made.returncode == 0, made.stderr
    assert "already carry first" in made.stderr


def test_errors_appear_on_the_lines_under_github_actions(tmp_path: Path) -> None:
    root = edition(tmp_path)
    (root / "annotations" / "bad.md").write_text(note("not in the article, 100%"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "reading_edition", "check", "annotations/bad.md"],
        cwd=root, capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": "true"},
    )  # fmt: skip
    assert done.returncode == 1
    (command,) = [line for line in done.stdout.splitlines() if line.startswith("::error")]
    assert command.startswith("::error file=annotations/bad.md,line=3::quote 'not in the article")
    assert "100%25" in command  # workflow-command escaping
