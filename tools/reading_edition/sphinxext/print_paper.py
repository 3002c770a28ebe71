"""The PDF on every printer's paper: the A5 book, and A4 and US Letter for printing at home.

``edition_paper`` (``a5``, ``a4`` or ``letter``; ``make pdf PAPER=a4`` passes
``-D edition_paper=a4``) chooses the page, the type size and the margins. The measure stays
about 65–75 characters a line on every paper: a bigger page gets wider margins and a point
more of type, not longer lines. The A5 book is ``edition.pdf``; the others are named for their
paper (``edition-a4.pdf``, ``edition-letter.pdf``) so that the three can sit side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class Paper:
    """A paper size and the page laid out on it."""

    name: str  # LaTeX's paper option: a5paper, a4paper, letterpaper
    pointsize: str
    margins: str  # geometry's keys for the text block
    width_mm: float
    height_mm: float


PAPERS = {
    "a5": Paper("a5paper", "10pt", "top=18mm,bottom=22mm,inner=24mm,outer=18mm", 148, 210),
    "a4": Paper("a4paper", "11pt", "top=32mm,bottom=42mm,inner=50mm,outer=44mm", 210, 297),
    "letter": Paper(
        "letterpaper", "11pt", "top=30mm,bottom=38mm,inner=52mm,outer=46mm", 215.9, 279.4
    ),
}
DEFAULT_PAPER = "a5"


def pdf_name(paper: str) -> str:
    """The PDF's file name for ``paper``: ``edition.pdf`` for the book, else suffixed."""
    return "edition.pdf" if paper == DEFAULT_PAPER else f"edition-{paper}.pdf"


def apply_paper(app: Sphinx, config: Config) -> None:
    """Set ``latex_elements``' paper, size and geometry, and the file name, for the paper."""
    paper = PAPERS.get(config.edition_paper)
    if paper is None:
        raise ConfigError(
            f"edition_paper = {config.edition_paper!r} is not a paper the edition is laid out "
            f"for: use one of {', '.join(sorted(PAPERS))} (make pdf PAPER=a4)."
        )
    elements = dict(config.latex_elements)
    elements["papersize"] = paper.name
    elements["pointsize"] = paper.pointsize
    elements["geometry"] = (
        rf"\usepackage[{paper.name},{paper.margins},footskip=10mm,headsep=6mm]{{geometry}}"
    )
    config.latex_elements = elements
    stem = pdf_name(config.edition_paper).removesuffix(".pdf")
    config.latex_documents = [
        (start, f"{stem}.tex" if target == "edition.tex" else target, *rest)
        for start, target, *rest in config.latex_documents
    ]


def setup_paper(app: Sphinx) -> None:
    app.add_config_value("edition_paper", DEFAULT_PAPER, "", types=[str])
    app.connect("config-inited", apply_paper)
