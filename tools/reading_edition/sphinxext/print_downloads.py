"""``{edition-downloads}``: the files of this edition a reader can take away, as a list of
links on the HTML site (the PDFs for A5, A4 and US Letter paper, the EPUB, the data).

Only what the build produced is listed, so no link is dead: the PDFs and the EPUB are listed
when ``make edition`` (or ``make pdf``/``make epub``) has made them in the build folder, and are
copied beside the site (``_downloads/``); the data files when the HTML build has them in its
folder. The page depends on each file (``env.note_dependency``), so it is re-read when one
appears or changes. In the PDF and the EPUB the list is left out: they are themselves
downloads, and their pages cannot link to files beside the site.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from reading_edition.sphinxext.builders import BOOK, WEB
from reading_edition.sphinxext.print_paper import PAPERS, pdf_name


@dataclass(frozen=True)
class Download:
    """A file of the edition: where the build leaves it, and what it is."""

    folder: str  # beside the HTML folder in the build directory; "" for the HTML's own
    name: str
    what: str


PAPER_NAMES = {"a5": "A5 paper, the book", "a4": "A4 paper", "letter": "US Letter paper"}
DOWNLOADS = (
    *(
        Download("latex" + ("" if p == "a5" else f"-{p}"), pdf_name(p), f"PDF for {PAPER_NAMES[p]}")
        for p in PAPERS
    ),
    Download("epub", "edition.epub", "EPUB, for e-readers"),
    Download("", "annotations.jsonld", "The annotations as W3C Web Annotations (JSON-LD)"),
    Download("", "sources.json", "The sources as CSL-JSON"),
)


class downloads_list(nodes.General, nodes.Element):
    """Where the list of downloads goes."""


def built_file(outdir: Path, download: Download) -> Path:
    """Where the build leaves ``download``, given the HTML builder's output folder."""
    if not download.folder:
        return outdir / download.name
    return outdir.parent / download.folder / download.name


class DownloadsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        outdir = Path(self.config.edition_html_outdir)
        for download in DOWNLOADS:
            self.env.note_dependency(str(built_file(outdir, download)))
        return [downloads_list()]


class FillDownloads(SphinxPostTransform):
    """The list of the files that exist, copied beside the site (HTML); nothing elsewhere."""

    default_priority = 10
    builders = WEB

    def run(self, **kwargs: Any) -> None:
        outdir = Path(self.config.edition_html_outdir)
        depth = "../" * self.env.current_document.docname.count("/")
        for placeholder in list(self.document.findall(downloads_list)):
            items = nodes.bullet_list(classes=["edition-downloads"])
            for download in DOWNLOADS:
                path = built_file(outdir, download)
                if not path.is_file():
                    continue
                href = download.name
                if download.folder:
                    (outdir / "_downloads").mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, outdir / "_downloads" / download.name)
                    href = f"_downloads/{download.name}"
                size = f" ({max(1, round(path.stat().st_size / 1024))} KB)"
                para = nodes.paragraph()
                para += nodes.reference("", download.what, refuri=depth + href)
                para += nodes.Text(size)
                items += nodes.list_item("", para)
            if not items.children:
                placeholder.replace_self(
                    nodes.paragraph(text="This build made no PDF, EPUB or data file.")
                )
            else:
                placeholder.replace_self(items)


class DropDownloads(SphinxPostTransform):
    default_priority = 10
    builders = BOOK

    def run(self, **kwargs: Any) -> None:
        for placeholder in list(self.document.findall(downloads_list)):
            placeholder.parent.remove(placeholder)


def note_outdir(app: Sphinx) -> None:
    """The HTML's output folder, for the directive and the transform (which see no builder):
    the builder's own for an HTML build, else ``html`` beside it (``_build/html``)."""
    outdir = Path(app.outdir)
    if app.builder.name not in WEB:
        outdir = outdir.parent / "html"
    app.config.edition_html_outdir = str(outdir)


def setup_downloads(app: Sphinx) -> None:
    app.add_config_value("edition_html_outdir", "", "", types=[str])
    app.connect("builder-inited", note_outdir)
    app.add_node(downloads_list)
    app.add_directive("edition-downloads", DownloadsDirective)
    app.add_post_transform(FillDownloads)
    app.add_post_transform(DropDownloads)
