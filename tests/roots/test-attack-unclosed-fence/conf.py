"""Test root: the edition's Sphinx extension on a one-page project."""

import sys
from pathlib import Path

# The repository root, so that ``tools.sphinxext`` imports (pytest's pythonpath also has it when
# sphinx.testing builds a copy of this folder elsewhere).
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

extensions = ["tools.sphinxext", "sphinx_design"]
myst_enable_extensions = ["colon_fence", "deflist"]
nitpicky = True
exclude_patterns = ["_build"]
html_copy_source = False  # as in the edition: no copy of the sources next to the pages
