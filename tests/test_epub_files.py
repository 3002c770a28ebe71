"""The EPUB carries the static files its pages load, and only those (``unused_static_files``)."""

from __future__ import annotations

from pathlib import Path

from reading_edition.sphinxext.epub_edition import unused_static_files


def test_every_way_of_loading_a_file_keeps_it(tmp_path: Path) -> None:
    static = tmp_path / "_static"
    (static / "fonts").mkdir(parents=True)
    for name in (
        "page.css",
        "imported.css",
        "font.woff2",
        "my picture.png",
        "small.png",
        "large.png",
        "object.svg",
        "cover.svg",
        "sphinx-design.min.css",
        "basic.css",
        "plus.png",
    ):
        (static / name).write_text("", encoding="utf-8")
    (static / "page.css").write_text(
        '@import "imported.css";\n@font-face { src: url(font.woff2?v=1) format("woff2"); }',
        encoding="utf-8",
    )
    (tmp_path / "chapter.xhtml").write_text(
        '<link rel="stylesheet" href="_static/page.css#x" />'
        '<img src="_static/my%20picture.png" srcset="_static/small.png 1x, _static/large.png 2x" />'
        '<object data="_static/object.svg"></object><a href="https://example.org/basic.css">x</a>',
        encoding="utf-8",
    )
    unused = {p.name for p in unused_static_files(tmp_path, keep="_static/cover.svg")}
    assert unused == {"sphinx-design.min.css", "basic.css", "plus.png"}
