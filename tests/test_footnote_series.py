"""Footnote letters never have two letters (issue 23, item 5), in a part with any number of
footnotes, and HTML, EPUB and PDF give each footnote the same letter."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from reading_edition.sphinxext.footnote_labels import SERIES, letters, series_numbers

CONF = """\
extensions = ["reading_edition.sphinxext"]
nitpicky = True
html_theme = "basic"
latex_engine = "xelatex"
copyright = "2026, tests"
version = release = "1"
"""


def _series(paths: list[tuple[str, ...]], numbers: list[int]) -> list[list[int]]:
    """The runs that restart at 1, as a reader sees them."""
    runs: list[list[int]] = []
    for n in numbers:
        if n == 1 or not runs:
            runs.append([])
        runs[-1].append(n)
    return runs


def test_series_numbers_stay_within_a_to_z() -> None:
    rng = random.Random(23)
    for _ in range(300):
        paths: list[tuple[str, ...]] = []
        for part in range(rng.randint(1, 3)):
            for _ in range(rng.randint(0, 90)):
                depth = rng.randint(0, 3)
                paths.append((f"p{part}", *(f"s{rng.randint(0, 2)}" for _ in range(depth))))
        paths.sort()  # a part's footnotes together, sections in order
        numbers = series_numbers(paths)
        assert all(1 <= n <= SERIES for n in numbers), numbers
        for run in _series(paths, numbers):
            assert run == list(range(1, len(run) + 1))  # each series a, b, c … in turn
        for part in {p[0] for p in paths}:
            own = [n for p, n in zip(paths, numbers, strict=True) if p[0] == part]
            if len(own) <= SERIES:  # a part with 26 or fewer: one series, as before
                assert own == list(range(1, len(own) + 1))


def _write_edition(src: Path) -> int:
    """A part with 31 footnotes in two sections (one of 20, one of 11) and one with 3."""
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Book\n\n```{toctree}\nbig\nsmall\n```\n", encoding="utf-8")
    lines = ["# A big part", ""]
    count = 0
    for section, notes in (("First section", 20), ("Second section", 11)):
        lines += [f"## {section}", ""]
        for _ in range(notes):
            count += 1
            lines += [f"Sentence {count}.[^n{count}]", "", f"[^n{count}]: Note {count}.", ""]
    (src / "big.md").write_text("\n".join(lines), encoding="utf-8")
    small = ["# A small part", ""]
    for i in range(1, 4):
        small += [f"Line {i}.[^m{i}]", "", f"[^m{i}]: Small note {i}.", ""]
    (src / "small.md").write_text("\n".join(small), encoding="utf-8")
    return count


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_many_footnotes_html_epub(make_app, tmp_path: Path, builder: str) -> None:  # type: ignore[no-untyped-def]
    count = _write_edition(tmp_path / "src")
    app = make_app(builder, srcdir=tmp_path / "src", freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    suffix = ".html" if builder == "html" else ".xhtml"
    page = BeautifulSoup((Path(app.outdir) / f"big{suffix}").read_text("utf-8"), "html.parser")
    refs = page.select("a.footnote-reference")
    marks = [r.get("data-n") or r.get_text().strip("[]") for r in refs]
    assert len(marks) == count
    assert all(re.fullmatch(r"[a-z]", m) for m in marks), marks
    # Restarted at the second section (more than 26 in the part): a … t, then a … k.
    assert marks == [letters(n) for n in [*range(1, 21), *range(1, 12)]]


def test_many_footnotes_latex(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _write_edition(tmp_path / "src")
    app = make_app("latex", srcdir=tmp_path / "src", freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(r"\\begin\{footnote\}\[(\d+)\]", tex)]
    # The same letters as HTML and EPUB, then the small part's a, b, c.
    assert numbers == [*range(1, 21), *range(1, 12), 1, 2, 3]
