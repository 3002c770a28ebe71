"""Shared fixtures: sphinx.testing (test roots under tests/roots/) and the real edition."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def edition_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition, built to HTML strictly (as ``make html`` does) into a temporary folder."""
    import os
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("edition")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-M",
            "html",
            "docs",
            str(out),
            "-c",
            ".",
            "-W",
            "--keep-going",
            "-n",
            "-q",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795046400"},
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return out / "html"
