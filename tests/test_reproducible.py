"""Reproducible builds of the real edition.

Two clean builds from copies of the sources in different folders, with different
``PYTHONHASHSEED`` and ``-j``, give byte-identical HTML and EPUB; the date printed on the pages
and in the PDF's metadata comes from ``SOURCE_DATE_EPOCH``; doctrees stay out of the
published folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: What a build reads: the configuration, the sources, the witness, the toolkit.
INPUTS = ("conf.py", "docs", "annotations", "seeds", "tools")
#: 14 November 2023, 22:13:20 UTC: a date no one would pick by accident.
EPOCH = "1700000000"


def copy_sources(target: Path) -> Path:
    """Copy the build's inputs to ``target`` (symbolic links kept, caches left out)."""
    target.mkdir(parents=True)
    for name in INPUTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source,
                target / name,
                symlinks=True,
                ignore=shutil.ignore_patterns("__pycache__", "node_modules"),
            )
        else:
            shutil.copy2(source, target / name)
    return target


def sphinx(src: Path, builder: str, *, seed: str, jobs: str, epoch: str = EPOCH) -> Path:
    """Run a strict ``sphinx-build -M`` in ``src``; return its build folder."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": epoch}
    command = [sys.executable, "-m", "sphinx", "-M", builder, "docs", "_build", "-c", "."]
    command += ["-j", jobs, "-W", "--keep-going", "-n", "-q"]
    result = subprocess.run(command, cwd=src, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return src / "_build"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The edition built twice, from two folders, with different hash seeds and workers."""
    first = copy_sources(tmp_path_factory.mktemp("one") / "edition")
    second = copy_sources(tmp_path_factory.mktemp("two") / "a-different-path")
    builds = []
    for src, seed, jobs in ((first, "1", "1"), (second, "4242", "2")):
        sphinx(src, "html", seed=seed, jobs=jobs)
        builds.append(sphinx(src, "epub", seed=seed, jobs=jobs))
    return builds[0], builds[1]


def test_html_is_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (tree(build / "html") for build in two_builds)
    assert "index.html" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_epub_is_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (sorted((build / "epub").glob("*.epub")) for build in two_builds)
    assert len(first) == 1
    assert first[0].name == second[0].name
    assert first[0].read_bytes() == second[0].read_bytes()


def test_source_date_epoch_dates_the_output(two_builds: tuple[Path, Path]) -> None:
    build = two_builds[0]
    assert "2023, the edition" in (build / "html" / "index.html").read_text(encoding="utf-8")
    opf = (build / "epub" / "content.opf").read_text(encoding="utf-8")
    assert "<dc:date>2023-11-14T22:13:20Z</dc:date>" in opf


def test_doctrees_stay_out_of_the_published_folder(two_builds: tuple[Path, Path]) -> None:
    build = two_builds[0]
    assert list(build.glob("doctrees/*.doctree"))
    for published in ("html", "epub"):
        names = [path.name for path in (build / published).rglob("*")]
        assert [name for name in names if name.endswith((".doctree", ".pickle"))] == []
        assert ".doctrees" not in names


def test_pdf_metadata_date_honours_source_date_epoch(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "edition")
    build = sphinx(src, "latexpdf", seed="0", jobs="1")
    (pdf,) = (build / "latex").glob("*.pdf")
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    dates = [line for line in info.splitlines() if line.startswith(("CreationDate", "ModDate"))]
    assert dates
    assert all(line.split()[-1].startswith("2023-11-14T22:13:20") for line in dates), dates
