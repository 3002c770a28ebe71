"""Sphinx extension of the annotated reading edition.

``setup()`` lists what is registered; each feature lives in its own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tools.sphinxext.fidelity_check import setup_fidelity
from tools.sphinxext.parser import EditionMystParser
from tools.sphinxext.reading_text import setup_reading_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    app.add_source_parser(EditionMystParser, override=True)
    setup_reading_text(app)
    setup_fidelity(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
