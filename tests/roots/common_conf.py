"""Settings shared by the one-page test roots (``test-attack-*``, ``test-legit-content``):
the edition's Sphinx extension as the edition configures it. pytest's ``pythonpath`` puts the
repository root on ``sys.path``, so ``tests`` imports from the copies that sphinx.testing
builds; ``reading_edition`` is the package installed in the virtual environment."""

extensions = ["reading_edition.sphinxext", "sphinx_design"]
myst_enable_extensions = ["colon_fence", "deflist"]
nitpicky = True
exclude_patterns = ["_build"]
html_copy_source = False  # as in the edition: no copy of the sources next to the pages
