"""The edition's MyST parser: MyST-Parser's own, plus inline footnotes, minus per-file settings.

Inline footnotes (``^[note text]``): see :mod:`reading_edition.text.inline_notes`.

Per-file ``myst:`` settings in front matter are refused: they would let one contributed file turn
raw HTML or substitutions (Jinja) back on. The project's settings in ``conf.py`` apply everywhere;
the renderer (:mod:`reading_edition.sphinxext.security_renderer`) reports such keys and
``{eval-rst}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser

from reading_edition.sphinxext.security_renderer import SecureRenderer
from reading_edition.text.inline_notes import add_inline_notes

if TYPE_CHECKING:
    from docutils import nodes


class EditionMystParser(MystParser):
    """MyST-Parser with inline footnotes and without per-file parser settings."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: Any = document.settings.env.myst_config
        parser = create_md_parser(config, SecureRenderer)
        add_inline_notes(parser)
        parser.options["document"] = document
        parser.render(inputstring)
