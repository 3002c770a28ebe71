"""The annotated reading edition toolkit: converter, Sphinx extension and command-line tools."""
