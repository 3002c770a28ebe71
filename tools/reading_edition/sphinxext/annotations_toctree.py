"""The annotations' table of contents for an edition that has none yet, one or many.

A written ``{toctree}`` with ``:glob: annotations/*`` warns while the folder is empty ("didn't
match any documents"), and without it the first annotation warns "isn't included in any
toctree": a new edition could not build strictly both before and after its first note. With
``edition_annotations_toctree = "annotations-index"`` in ``conf.py`` (what ``edition init``
writes), that page gets the hidden glob toctree appended when it is read (``source-read``) as
soon as there is an annotation, and is read again whenever annotations are added or removed
(``env-get-outdated``), so an incremental build sees the first one. Off by default: an edition
that writes the toctree itself (this repository's) is unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Appended to the page (MyST); HTML and EPUB only, as the print edition has the apparatus.
TOCTREE = """

::::{{only}} html
```{{toctree}}
:hidden:
:glob:

{folder}/*
```
::::
"""


def _annotation_docs(app: Sphinx, docnames: set[str]) -> set[str]:
    folder = app.config.edition_annotations_dir.strip("/") + "/"
    return {d for d in docnames if d.startswith(folder) and "/" not in d[len(folder) :]}


def append_toctree(app: Sphinx, docname: str, source: list[str]) -> None:
    page = app.config.edition_annotations_toctree
    if page and docname == page and _annotation_docs(app, set(app.env.found_docs)):
        source[0] += TOCTREE.format(folder=app.config.edition_annotations_dir.strip("/"))


def reread_on_change(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    page = app.config.edition_annotations_toctree
    if page and page in env.found_docs and _annotation_docs(app, added | removed):
        return [page]
    return []


def setup_annotations_toctree(app: Sphinx) -> None:
    app.add_config_value("edition_annotations_toctree", "", "env", types=[str])
    app.connect("source-read", append_toctree)
    app.connect("env-get-outdated", reread_on_change)
