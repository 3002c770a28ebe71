"""Each attack on the build, one test root each: the exact located refusal, and the payload is
absent from the output (HTML, and LaTeX where the attack targets print).

Roots live in ``tests/roots/test-attack-<class>/``; each is copied to a temporary folder and built
with the edition's extension (``reading_edition.sphinxext``) plus sphinx-design.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from edition_lab.output_scan import scan_directory

ROOTS = Path(__file__).resolve().parent / "roots"

# Message texts, as the contributor reads them (type ``edition.security`` is appended).
INCLUDE = (
    "the 'include' directive is not allowed in the edition: it publishes files of the build "
    "machine; put the text in the page itself"
)
LITERALINCLUDE = (
    "the 'literalinclude' directive is not allowed in the edition: it publishes files of the "
    "build machine; paste the code into a code block"
)
RAW = (
    "the 'raw' directive is not allowed in the edition: raw HTML or LaTeX bypasses the edition's "
    "checks; use Markdown or a MyST directive"
)
RAW_HTML = (
    "raw html is not allowed in the edition (found {!r}): write it in Markdown or with a MyST "
    "directive"
)
LINK = (
    "the link target {!r} uses the '{}:' scheme, which is not allowed: use an http, https, "
    "mailto or relative link"
)
REMOTE_IMAGE = (
    "the image {!r} is not a local file: remote images are not allowed; add the image to the "
    "repository and refer to it by a relative path"
)
OUTSIDE = "the {} {!r} is outside the edition's sources: refer to {} inside docs/ or annotations/"
PARSER_KEY = (
    "the front matter key '{}' is not allowed: it would change the parser's settings for this "
    "file; the edition's settings in conf.py apply to every page, so remove the key"
)
DOCUTILS_CONF = (
    "a docutils.conf is not allowed in the edition: it can switch docutils' safety settings "
    "back on; delete the file"
)
MATH = "math is not allowed in the edition (found {!r}): write the formula in words"
PASSWD = "root:x:0:0"


def build(make_app: Any, tmp_path: Path, name: str, builder: str = "html") -> tuple[Path, str]:
    """Build a copy of ``test-attack-<name>``; return its output folder and its warnings."""
    srcdir = tmp_path / name
    if not srcdir.exists():
        shutil.copytree(ROOTS / f"test-attack-{name}", srcdir, symlinks=True)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return Path(app.outdir), warnings.replace(f"{srcdir}{os.sep}", "")


def refusals(warnings: str) -> list[str]:
    """The ``edition.security`` warnings, without their type suffix."""
    suffix = " [edition.security]"
    return [line.removesuffix(suffix) for line in warnings.splitlines() if line.endswith(suffix)]


def located(path: str, line: int, message: str) -> str:
    return f"{path}:{line}: WARNING: {message}"


def output_text(outdir: Path) -> str:
    """Everything written to ``outdir``, as one text (binary files decoded leniently)."""
    return "\n".join(
        path.read_bytes().decode("utf-8", errors="replace")
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.suffix not in (".doctree", ".pickle")
    )


def test_raw_html_in_markdown(make_app: Any, tmp_path: Path) -> None:
    outdir, warnings = build(make_app, tmp_path, "raw-html")
    assert refusals(warnings) == [
        located("index.md", 1, RAW_HTML.format("<script>")),
        located("index.md", 1, RAW_HTML.format("</script>")),
        located("index.md", 3, RAW_HTML.format("<img src=x onerror=\"alert('inline')\">")),
        located("index.md", 5, RAW_HTML.format('<script>alert("block")</script>')),
        located("index.md", 7, RAW_HTML.format('<iframe src="https://evil.example/frame…')),
        located("index.md", 9, RAW_HTML.format("<div onclick=\"alert('handler')\">click m…")),
    ]
    # The heading's script would otherwise reach every page through the navigation.
    for page in ("index.html", "other.html"):
        html = (outdir / page).read_text(encoding="utf-8")
        for payload in ("<script>alert", "onerror", "<iframe", "onclick", "evil.example"):
            assert payload not in html
    assert scan_directory(outdir) == []


def test_include_directives(make_app: Any, tmp_path: Path) -> None:
    outdir, warnings = build(make_app, tmp_path, "include")
    assert refusals(warnings) == [
        located("index.md", 3, INCLUDE),
        located("index.md", 6, LITERALINCLUDE),
        located("index.md", 9, INCLUDE),
    ]
    assert PASSWD not in output_text(outdir)


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_raw_directive(make_app: Any, tmp_path: Path, builder: str) -> None:
    outdir, warnings = build(make_app, tmp_path, "raw-directive", builder)
    assert refusals(warnings) == [
        located("index.md", 3, RAW),
        located("index.md", 7, RAW),
        located("index.md", 11, RAW),
    ]
    text = output_text(outdir)
    for payload in ('alert("raw")', PASSWD, r"\input{/etc/passwd}"):
        assert payload not in text


def test_csv_table_file_and_url(make_app: Any, tmp_path: Path) -> None:
    outdir, warnings = build(make_app, tmp_path, "csv-file")
    reason = (
        "it reads files of the build machine or the network; write the rows in the directive's body"
    )
    assert refusals(warnings) == [
        located(
            "index.md",
            3,
            f"the 'csv-table' option ':file:' is not allowed in the edition: {reason}",
        ),
        located(
            "index.md", 7, f"the 'csv-table' option ':url:' is not allowed in the edition: {reason}"
        ),
    ]
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert PASSWD not in html
    assert "evil.example" not in html
    assert "<td><p>Calderón</p></td>" in html  # a table written in the body still works


def test_eval_rst(make_app: Any, tmp_path: Path) -> None:
    outdir, warnings = build(make_app, tmp_path, "eval-rst")
    assert refusals(warnings) == [
        located(
            "index.md",
            3,
            "'{eval-rst}' is not allowed in the edition: write the content in MyST Markdown",
        )
    ]
    html = (outdir / "index.html").read_text(encoding="utf-8")
    for payload in ('alert("eval")', "refresh", "evil.example"):
        assert payload not in html


def test_meta_directive(make_app: Any, tmp_path: Path) -> None:
    outdir, warnings = build(make_app, tmp_path, "meta")
    assert refusals(warnings) == [
        located(
            "index.md",
            3,
            "the 'meta' directive is not allowed in the edition: page metadata (such as refresh "
            "redirects) is set by the edition, not by a page; remove the directive",
        )
    ]
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert "refresh" not in html
    assert "evil.example" not in html


def test_parser_keys_in_front_matter(make_app: Any, tmp_path: Path) -> None:
    outdir, warnings = build(make_app, tmp_path, "front-matter-keys")
    assert refusals(warnings) == [
        located("index.md", 2, PARSER_KEY.format("myst")),
        located("index.md", 6, PARSER_KEY.format("html_meta")),
    ]
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert "Value: {{ secret }}" in html  # substitutions (Jinja) stay off
    assert "refresh" not in html
    assert "evil.example" not in html


def test_yaml_alias_bomb_in_front_matter(make_app: Any, tmp_path: Path) -> None:
    # Expanded, the front matter would be 9**9 strings: the build only finishes if it is refused
    # before anything expands it.
    outdir, warnings = build(make_app, tmp_path, "yaml-alias")
    assert refusals(warnings) == [
        located(
            "index.md",
            2,
            "YAML anchors and aliases ('&name', '*name') are not allowed; write the value out",
        )
    ]
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert "lol" not in html
    assert "Text." in html


def test_unsafe_link_schemes(make_app: Any, tmp_path: Path) -> None:
    outdir, warnings = build(make_app, tmp_path, "url-scheme")
    assert refusals(warnings) == [
        located("index.md", 5, LINK.format("javascript:alert(3)", "javascript")),
        located("index.md", 7, LINK.format("javascript:alert(4)", "javascript")),
        located("index.md", 11, LINK.format("java\x01script:alert(5)", "javascript")),
        located(
            "index.md",
            15,
            LINK.format("data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==", "data"),
        ),
        located("index.md", 19, LINK.format("vbscript:msgbox(7)", "vbscript")),
        located("index.md", 25, LINK.format("javascript:alert(8)", "javascript")),
        located(
            "index.md",
            30,
            "toctree entry: " + LINK.format("javascript://%0aalert(9)", "javascript"),
        ),
    ]
    html = (outdir / "index.html").read_text(encoding="utf-8")
    for payload in ('href="javascript', 'href="java\x01', 'href="vbscript', 'href="data:'):
        assert payload not in html
    # Markdown's own link syntax never made these links; the text stays readable.
    assert "[plain](javascript:alert(1))" in html
    assert ">Button<" in html  # a refused button keeps its text, without the link
    assert scan_directory(outdir) == []


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_remote_images(make_app: Any, tmp_path: Path, builder: str) -> None:
    outdir, warnings = build(make_app, tmp_path, "remote-image", builder)
    assert refusals(warnings) == [
        located("index.md", 3, REMOTE_IMAGE.format("https://evil.example/track.png")),
        located("index.md", 5, REMOTE_IMAGE.format("http://evil.example/a.png")),
        located("index.md", 8, REMOTE_IMAGE.format("//evil.example/b.png")),
        located("index.md", 13, REMOTE_IMAGE.format("https://evil.example/c.png")),
    ]
    assert "evil.example" not in output_text(outdir)


def test_files_outside_the_sources(make_app: Any, tmp_path: Path) -> None:
    srcdir = tmp_path / "file-escape"
    shutil.copytree(ROOTS / "test-attack-file-escape", srcdir)
    # A contribution can add a symbolic link; git stores it as such.
    (srcdir / "leak.png").symlink_to("/etc/passwd")
    outdir, warnings = build(make_app, tmp_path, "file-escape")
    passwd = "../../../../../../../../../etc/passwd"
    hostname = "../../../../../../../../../etc/hostname"
    assert refusals(warnings) == [
        located("index.md", 3, OUTSIDE.format("image", passwd, "an image")),
        located("index.md", 7, OUTSIDE.format("image", "leak.png", "an image")),
        located("index.md", 5, OUTSIDE.format("download", hostname, "a file")),
    ]
    assert PASSWD not in output_text(outdir)
    assert not (outdir / "_images").exists()
    assert not (outdir / "_downloads").exists()


def test_docutils_conf_cannot_switch_safety_back_on(make_app: Any, tmp_path: Path) -> None:
    outdir, warnings = build(make_app, tmp_path, "docutils-conf")
    assert refusals(warnings) == [
        located("docutils.conf", 1, DOCUTILS_CONF),
        located("sub/docutils.conf", 1, DOCUTILS_CONF),
        located("index.md", 3, INCLUDE),
    ]
    assert PASSWD not in output_text(outdir)


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_math(make_app: Any, tmp_path: Path, builder: str) -> None:
    outdir, warnings = build(make_app, tmp_path, "math", builder)
    assert refusals(warnings) == [
        located("index.md", 3, MATH.format(r"\input{/etc/passwd}")),
        located("index.md", 5, MATH.format(r"\input{/etc/hostname}")),
    ]
    text = output_text(outdir)
    assert r"\input{/etc" not in text
    assert "mathjax" not in text.lower()  # no script from a CDN


def test_sources_other_than_markdown(make_app: Any, tmp_path: Path) -> None:
    outdir, warnings = build(make_app, tmp_path, "rst-source")
    assert refusals(warnings) == [
        located(
            "evil.rst",
            1,
            "only Markdown (.md) sources are allowed in the edition, not 'evil.rst': "
            "rewrite the page in MyST Markdown",
        ),
        located("evil.rst", 4, RAW),
    ]
    assert 'alert("rst")' not in output_text(outdir)


def test_sources_that_are_not_utf8_text(make_app: Any, tmp_path: Path) -> None:
    # Sphinx itself would stop with a traceback on the Latin-1 file.
    outdir, warnings = build(make_app, tmp_path, "bad-encoding")
    assert refusals(warnings) == [
        # The checker's words (model/policy.py), for any page.
        located("latin1.md", 6, "byte 38 (0xf3) is not valid UTF-8; save the file as UTF-8."),
        located("nul.md", 6, "the file contains a NUL byte; remove it."),
    ]
    assert "Traceback" not in warnings
    assert (outdir / "index.html").is_file()
    assert not (outdir / "latin1.html").exists()
    assert not (outdir / "nul.html").exists()
