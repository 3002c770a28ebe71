"""reading_edition: build annotated reading editions of news articles with Sphinx and MyST.

Layers, each importing only from those before it:

- :mod:`reading_edition.model`: diagnostics, the safety policy, front matter, the annotation model;
- :mod:`reading_edition.text`: the reading text, anchoring, fidelity, source lint, the converter;
- :mod:`reading_edition.cli`: the checker, the scaffold and the ``edition`` command;
- :mod:`reading_edition.sphinxext`: the Sphinx extension (it never imports the CLI);
- ``theme/``, ``epub3/`` and ``latex/``: the HTML and EPUB themes, the EPUB's package
  templates and the PDF's style, shipped as package data.
"""

from pathlib import Path

__version__ = "1.0.0"

#: Folders shipped with the package: the HTML theme (registered by the extension) and the
#: LaTeX style files an edition's ``conf.py`` lists in ``latex_additional_files``.
THEME_DIR = Path(__file__).with_name("theme") / "edition"
LATEX_DIR = Path(__file__).with_name("latex")
#: The EPUB builder's templates (Sphinx's, with the edition's package and navigation metadata).
EPUB_TEMPLATES_DIR = Path(__file__).with_name("epub3")
