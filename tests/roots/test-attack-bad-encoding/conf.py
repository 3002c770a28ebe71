"""Test root: the edition's Sphinx extension on a one-page project."""

import sys
from pathlib import Path

# The repository root, so that ``tools.sphinxext`` imports; a copy built elsewhere (as
# sphinx.testing does) finds none and relies on pytest's pythonpath, which has it.
for folder in Path(__file__).resolve().parents:
    if (folder / "tools" / "sphinxext").is_dir():
        sys.path.insert(0, str(folder))
        break

extensions = ["tools.sphinxext", "sphinx_design"]
myst_enable_extensions = ["colon_fence", "deflist"]
nitpicky = True
exclude_patterns = ["_build"]
html_copy_source = False  # as in the edition: no copy of the sources next to the pages
