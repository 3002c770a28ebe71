import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
extensions = ["reading_edition.sphinxext"]
nitpicky = True
html_theme = "basic"
latex_engine = "xelatex"
copyright = "2026, tests"
version = release = "1"
