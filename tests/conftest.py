"""Shared fixtures: sphinx.testing (test roots under tests/roots/) and the real edition, built
once per test session for each output it is asked for (HTML, EPUB, PDF)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent
#: The SOURCE_DATE_EPOCH of the session's builds (18 November 2026): the pages, the EPUB and the
#: PDF are dated from it, so tests can compute the dates they expect.
EPOCH = "1795046400"
#: As the Makefile builds: warnings are errors, every reference must resolve.
STRICT = ("-W", "--keep-going", "-n", "-q")


class EditionBuilds:
    """The real edition built into one session folder, one ``sphinx-build -M`` per output,
    the first time a test asks for it (one hash seed, one worker: the reproducibility test's
    reference build)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.built: set[str] = set()

    def build(self, builder: str) -> Path:
        """Build ``builder`` (html, epub, latexpdf) if not yet done; return the build folder."""
        if builder not in self.built:
            jobs = [] if builder == "latexpdf" else ["-j", "1"]
            done = subprocess.run(
                [
                    *(sys.executable, "-m", "sphinx", "-M", builder, "docs", str(self.out)),
                    *("-c", ".", *jobs, *STRICT),
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "1"},
            )
            assert done.returncode == 0 and not done.stderr, (
                f"{builder} build failed:\n{done.stderr[-3000:]}"
            )
            self.built.add(builder)
        return self.out


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def edition_builds(tmp_path_factory: pytest.TempPathFactory) -> EditionBuilds:
    return EditionBuilds(tmp_path_factory.mktemp("edition"))


@pytest.fixture(scope="session")
def edition_html(edition_builds: EditionBuilds) -> Path:
    """The real edition's HTML, built strictly (as ``make html`` does)."""
    return edition_builds.build("html") / "html"
