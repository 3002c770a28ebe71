"""Test root: sphinx-design's tabs, badges, buttons and cards in an annotation and on a page,
for the HTML, PDF and EPUB builds (tests/test_design_components.py). The LaTeX and EPUB
settings that matter are the edition's own; the test passes them as confoverrides."""

project = "Components"
extensions = ["reading_edition.sphinxext", "sphinx_design"]
nitpicky = True
myst_enable_extensions = ["colon_fence"]
html_theme = "edition"
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", "components.tex", "Components", "Editors", "howto")]
latex_show_urls = "no"
epub_theme = "edition-epub"
epub_basename = "components"
epub_uid = "components-test"
epub_identifier = epub_uid
epub_show_urls = "no"
version = release = "1.0"
copyright = "2026, the editors"
