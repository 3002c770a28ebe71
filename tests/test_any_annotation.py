"""Local green means CI green: the suite's tests of the real edition hold for any valid set of
annotations. This adds one valid annotation whose title has a straight apostrophe (and quotes,
an ampersand and an accent) to a copy of the repository and runs those tests there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

#: The suite's modules that test the real edition's built output and its checker.
EDITION_TESTS = (
    "tests/test_edition.py",
    "tests/test_checker_cli.py",
    "tests/test_epub.py",
    "tests/test_pdf.py",
    "tests/test_security_output.py",
)
NOTE = """---
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


@pytest.mark.skipif(os.environ.get("EDITION_NESTED") == "1", reason="already in the copy")
def test_the_edition_tests_pass_with_one_more_annotation(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in ("conf.py", "pyproject.toml", "docs", "annotations", "seeds", "tests"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
        else:
            shutil.copy2(source, copy / name)
    for shared in ("tools", "node_modules"):
        (copy / shared).symlink_to(ROOT / shared, target_is_directory=True)
    (copy / "annotations" / "a-contributors-note.md").write_text(NOTE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *EDITION_TESTS],
        cwd=copy,
        capture_output=True,
        text=True,
        env={**os.environ, "EDITION_NESTED": "1"},
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
