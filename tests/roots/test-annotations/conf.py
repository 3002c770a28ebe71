extensions = ["reading_edition.sphinxext"]
nitpicky = True
myst_enable_extensions = ["colon_fence"]
html_theme = "basic"
