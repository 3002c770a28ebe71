from pathlib import Path

import tools  # the repository's package (pytest puts the repository on sys.path)

extensions = ["tools.sphinxext"]
nitpicky = True
html_theme = "edition"
html_theme_path = [str(Path(tools.__file__).parent / "theme")]
html_theme_options = {"description": "a test edition"}
copyright = "2026, tests"
version = release = "1"
