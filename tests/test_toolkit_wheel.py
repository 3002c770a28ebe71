"""Where the new edition's wheel came from, as its README and requirements.txt say it: the
toolkit's commit and public address, never a password, a token or a path on the editor's disk."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from reading_edition.convert.new_edition import render
from reading_edition.convert.toolkit_wheel import LOCAL_CHECKOUT, public_remote, wheel_origin


def _checkout(tmp_path: Path, remote: str) -> Path:
    root = tmp_path / "toolkit"
    (root / "tools").mkdir(parents=True)
    (root / "tools" / "x.py").write_text("x = 1\n", encoding="utf-8")
    for args in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "one"],
        ["remote", "add", "origin", remote],
    ):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)
    return root


def test_a_remote_with_credentials_is_written_without_them(tmp_path: Path) -> None:
    root = _checkout(tmp_path, "https://user:s3cret@github.com/example/edition.git")
    origin = wheel_origin(root)
    assert origin.endswith(" of https://github.com/example/edition.git"), origin
    commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                            text=True, check=True).stdout.strip()  # fmt: skip
    assert f"at commit {commit}" in origin
    # What the new edition's files say, filled in as edition init fills them.
    values = {"wheel_origin": origin, "requirements": "sphinx==9.0.4", "wheel": "w.whl"}
    requirements = render("requirements.txt.jinja", **values)
    for text in (origin, requirements):
        assert "s3cret" not in text and "user@" not in text and "user:" not in text, text


def test_a_local_remote_is_a_local_checkout(tmp_path: Path) -> None:
    root = _checkout(tmp_path, str(tmp_path / "elsewhere" / "main"))
    origin = wheel_origin(root)
    assert origin.endswith(f" of {LOCAL_CHECKOUT}") and str(tmp_path) not in origin, origin


@pytest.mark.parametrize(
    ("remote", "public"),
    [
        (
            "https://user:s3cret@github.com/example/edition.git",
            "https://github.com/example/edition.git",
        ),
        (
            "https://ghp_TOKEN@github.com/example/edition.git",
            "https://github.com/example/edition.git",
        ),
        (
            "https://github.com/example/edition.git?token=abc#x",
            "https://github.com/example/edition.git",
        ),
        ("ssh://git:pw@git.example.org:2222/ed.git", "ssh://git.example.org:2222/ed.git"),
        ("git@github.com:example/edition.git", "github.com:example/edition.git"),
        ("https://github.com/example/edition.git", "https://github.com/example/edition.git"),
        ("/work/main", LOCAL_CHECKOUT),
        ("../main", LOCAL_CHECKOUT),
        ("file:///home/editor/toolkit", LOCAL_CHECKOUT),
        ("C:\\Users\\editor\\toolkit", LOCAL_CHECKOUT),
    ],
)
def test_public_remote(remote: str, public: str) -> None:
    assert public_remote(remote) == public
