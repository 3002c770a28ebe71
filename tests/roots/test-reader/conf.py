extensions = ["reading_edition.sphinxext"]
nitpicky = True
html_theme = "edition"
html_theme_options = {"description": "a test edition"}
copyright = "2026, tests"
version = release = "1"
