"""Run the fidelity check inside the build, on the doctree readers will see."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from reading_edition.sphinxext.reading_text import first_reading_text, reading_paragraphs, words_of
from reading_edition.text.fidelity import compare

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def edition_blocks(doctree: nodes.document) -> tuple[nodes.container | None, list[str]]:
    """The reading-text container and the article's words: headline then paragraphs."""
    container = first_reading_text(doctree)
    if container is None:
        return None, []
    title = next(iter(doctree.findall(nodes.title)), None)
    blocks = [words_of(title)] if title is not None else []
    # Paragraphs and subheadings (rubrics), in reading order: both are the article's words.
    paragraphs = {id(p) for p in reading_paragraphs(container)}
    for node in container.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.rubric))):
        if id(node) in paragraphs or (
            isinstance(node, nodes.rubric) and not _in_note(node, container)
        ):
            blocks.append(words_of(node))
    return container, blocks


def _in_note(node: nodes.Node, stop: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None and parent is not stop:
        if isinstance(parent, nodes.footnote):
            return True
        parent = parent.parent
    return False


def check_fidelity(app: Sphinx, doctree: nodes.document) -> None:
    container, blocks = edition_blocks(doctree)
    if container is None:
        return
    source = Path(app.env.doc2path(app.env.docname))
    witness_path = (source.parent / container["witness"]).resolve()
    project = Path(app.confdir).resolve()
    if not witness_path.is_relative_to(project):
        # Mismatch messages quote the witness: it must be the project's own file.
        logger.warning(
            "reading-text: the witness %s is outside the project (%s); keep it under seeds/",
            container["witness"],
            project,
            location=container,
            type="edition",
            subtype="witness",
        )
        return
    try:
        witness = witness_path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        logger.warning(
            "reading-text: cannot read the witness %s (%s)",
            container["witness"],
            err,
            location=container,
            type="edition",
            subtype="witness",
        )
        return
    removals = [r for table in doctree.findall(nodes.table) for r in table.get("removals", [])]
    report = compare(witness, removals, blocks)
    if not report.ok:
        logger.warning(
            "%s",
            report.message,
            location=container,
            type="edition",
            subtype="fidelity",
        )


def setup_fidelity(app: Sphinx) -> None:
    app.connect("doctree-read", check_fidelity)
