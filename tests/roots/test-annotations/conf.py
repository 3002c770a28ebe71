extensions = ["reading_edition.sphinxext", "sphinx_design"]
nitpicky = True
myst_enable_extensions = ["colon_fence"]
html_theme = "basic"
