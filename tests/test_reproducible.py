"""Reproducible builds of the real edition.

Two clean builds in different folders, with different ``PYTHONHASHSEED`` and ``-j`` (the
session's build of the repository and one of a copy of its sources), give byte-identical HTML and
EPUB; the date printed on the pages
and in the PDF's metadata comes from ``SOURCE_DATE_EPOCH``; doctrees stay out of the
published folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EPOCH, EditionBuilds

#: Builds the PDF, the EPUB or whole editions: outside the fast subset (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
#: What a build reads: the configuration, the sources, the witness, the toolkit.
INPUTS = ("conf.py", "docs", "annotations", "seeds", "tools")


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
def two_builds(
    edition_builds: EditionBuilds, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """The session's build (the repository, hash seed 1, one worker) and a build of a copy of
    the sources in another folder, with another hash seed and two workers."""
    edition_builds.build("html")
    first = edition_builds.build("epub")
    second = copy_sources(tmp_path_factory.mktemp("two") / "a-different-path")
    sphinx(second, "html", seed="4242", jobs="2")
    return first, sphinx(second, "epub", seed="4242", jobs="2")


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
    when = time.gmtime(int(EPOCH))
    # The build's date is the EPUB's dcterms:modified; the edition's own date is its release's
    # (the changelog's latest heading: tests/test_citation.py).
    opf = (build / "epub" / "content.opf").read_text(encoding="utf-8")
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", when)
    assert f'<meta property="dcterms:modified">{stamp}</meta>' in opf


def test_doctrees_stay_out_of_the_published_folder(two_builds: tuple[Path, Path]) -> None:
    build = two_builds[0]
    assert list(build.glob("doctrees/*.doctree"))
    for published in ("html", "epub"):
        names = [path.name for path in (build / published).rglob("*")]
        assert [name for name in names if name.endswith((".doctree", ".pickle"))] == []
        assert ".doctrees" not in names


def test_pdf_metadata_date_honours_source_date_epoch(edition_builds: EditionBuilds) -> None:
    (pdf,) = (edition_builds.build("latexpdf") / "latex").glob("*.pdf")
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    dates = [line for line in info.splitlines() if line.startswith(("CreationDate", "ModDate"))]
    assert dates
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(int(EPOCH)))
    assert all(line.split()[-1].startswith(stamp) for line in dates), dates
