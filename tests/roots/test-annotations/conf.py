import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
extensions = ["reading_edition.sphinxext"]
nitpicky = True
myst_enable_extensions = ["colon_fence"]
html_theme = "basic"
