"""Did a quote match the article as last committed? Asked only of quotes that do not match now,
to tell a quote the article drifted away from ("drifted") from one that never matched ("not
found"). Read with git from the repository the files are in; without git, or for a file git
does not know, the answer is no."""

from __future__ import annotations

import os
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from reading_edition.text.anchoring import ReadingIndex, normalise


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _committed(path: Path) -> str | None:
    """The text of ``path`` (symbolic links followed) at HEAD, or None."""
    real = Path(os.path.realpath(path))
    top = _git(real.parent, "rev-parse", "--show-toplevel")
    if not top:
        return None
    relative = real.relative_to(Path(top.strip()).resolve()).as_posix()
    return _git(real.parent, "show", f"HEAD:{relative}")


@cache
def _committed_article(path: Path) -> ReadingIndex | None:
    from reading_edition.text.reading_source import read_article

    text = _committed(path)
    if text is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        copy.write_text(text, encoding="utf-8")
        article = read_article(copy)
    return ReadingIndex(article.paragraphs)


def matched_before(annotation: Path, exact: str, article: Path) -> bool:
    """True if the committed annotation had this quote and it matched the committed article."""
    committed = _committed(annotation)
    if committed is None or normalise(exact) not in normalise(committed):
        return False
    index = _committed_article(Path(os.path.realpath(article)))
    return index is not None and index.find(exact).status in {"anchored", "ambiguous"}
