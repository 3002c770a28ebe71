"""Smaller theme assets: the built copies of ``edition.css`` and ``edition.js`` lose comments
and layout whitespace. The sources stay commented; every byte counts against the page budget
(60 KB for a page with its CSS and JavaScript), and comments are about a third of the CSS."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reading_edition.sphinxext.term_previews import HTML_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ASSETS = ("_static/edition.css", "_static/edition.js")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# Whitespace next to these is never significant in our CSS (spaces before ":" are: `a :hover`).
CSS_PUNCTUATION = re.compile(r"\s*([{};,>])\s*|(:)\s+")


def minify_css(css: str) -> str:
    css = " ".join(COMMENT.sub("", css).split())
    return CSS_PUNCTUATION.sub(lambda m: m.group(1) or m.group(2), css).replace(";}", "}")


def minify_js(js: str) -> str:
    """Comments and indentation out; lines kept, so automatic semicolons still apply."""
    lines = (line.strip() for line in COMMENT.sub("", js).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def minify_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    for name in ASSETS:
        path = Path(app.outdir, name)
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            small = minify_css(text) if name.endswith(".css") else minify_js(text)
            path.write_text(small, encoding="utf-8")


def setup_minify(app: Sphinx) -> None:
    app.connect("build-finished", minify_assets)
