extensions = ["reading_edition.sphinxext"]
nitpicky = True
html_theme = "basic"
latex_engine = "xelatex"
copyright = "2026, tests"
version = release = "1"
