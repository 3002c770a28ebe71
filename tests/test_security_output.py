"""The output scan on the real edition (HTML and EPUB), and the scan's command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from edition_lab.output_scan import Finding, scan_directory

from tests.conftest import EditionBuilds

#: Runs the command line or whole builds many times: outside the fast subset.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def edition(edition_builds: EditionBuilds) -> Path:
    """The real edition, built strictly (the session's HTML and EPUB)."""
    edition_builds.build("html")
    return edition_builds.build("epub")


@pytest.mark.parametrize("output", ["html", "epub"])
def test_edition_output_is_clean(edition: Path, output: str) -> None:
    assert list((edition / output).rglob("*.*html"))
    assert scan_directory(edition / output) == []


def scan_cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "edition_lab.output_scan", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True)


def test_cli_exit_status_and_findings(edition: Path, tmp_path: Path) -> None:
    assert scan_cli(str(edition / "html")).returncode == 0
    (tmp_path / "_static").mkdir()
    (tmp_path / "page.html").write_text(
        "<p>ok</p>\n"
        '<a href="java\tscript:alert(1)" onmouseover="x()">link</a>\n'
        '<script src="_static/tracker.js"></script><script>alert(2)</script>\n'
        '<img src="https://tracker.example/pixel.gif"><meta http-equiv="refresh" content="0">\n'
        # A citation export carried by a download link is a saved file; a page, or a data:
        # address without download, is not.
        '<a download="n.bib" href="data:application/x-bibtex;charset=utf-8,%40misc">BibTeX</a>\n'
        '<a download="n.html" href="data:text/html,%3Cscript%3E">x</a>\n'
        '<a href="data:application/x-bibtex,%40misc">x</a>\n',
        encoding="utf-8",
    )
    (tmp_path / "_static" / "site.css").write_text(
        "body { font-family: x }\n@font-face { src: url(https://fonts.example/f.woff2) }\n"
    )
    result = scan_cli(str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "_static/site.css:2: stylesheet loads a remote resource: 'https://fonts.example/f.woff2'",
        "page.html:2: <a href> uses the 'javascript' scheme: 'java\\tscript:alert(1)'",
        "page.html:2: inline event handler onmouseover= on <a> is not allowed",
        "page.html:3: <script src='_static/tracker.js'> is not one of the project's known scripts",
        "page.html:3: inline script: 'alert(2)'",
        "page.html:4: <img src> loads a remote resource: 'https://tracker.example/pixel.gif'",
        "page.html:4: <meta http-equiv=refresh> is not allowed",
        "page.html:6: <a href> uses the 'data' scheme: 'data:text/html,%3Cscript%3E'",
        "page.html:7: <a href> uses the 'data' scheme: 'data:application/x-bibtex,%40misc'",
    ]
    allowed = scan_cli(str(tmp_path), "--allow-script", "tracker.js")
    assert "tracker.js" not in allowed.stdout


def test_cli_help_and_usage_errors(tmp_path: Path) -> None:
    help_text = scan_cli("--help")
    assert help_text.returncode == 0
    assert "0 clean, 1 findings, 2 usage error" in " ".join(help_text.stdout.split())
    missing = scan_cli(str(tmp_path / "missing"))
    assert missing.returncode == 2
    assert "is not a folder; build the site first (make html)" in missing.stderr


def test_finding_names_file_and_line() -> None:
    assert str(Finding("a.html", 3, "inline script")) == "a.html:3: inline script"
