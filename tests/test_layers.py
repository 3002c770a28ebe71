"""The package's layers point one way: model → text → converter → check and CLI, and model →
text → citation → Sphinx extension (and CLI); the build never imports the converter, and nothing
imports the lab. Read from the source (every import statement), so a new import that breaks the
rule fails here, not in review."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tools" / "reading_edition"

#: For each layer, the layers of the package it may import.
ALLOWED = {
    "model": {"model"},
    "text": {"model", "text"},
    "convert": {"model", "text", "convert"},
    "citation": {"model", "text", "citation"},
    "cli": {"model", "text", "convert", "citation", "cli"},
    "sphinxext": {"model", "text", "citation", "sphinxext"},
}

#: (file, module) a layer other than the Sphinx extension may import of Sphinx or sphinx-design,
#: each with why (the same exception as the import contract's in pyproject.toml).
EXCEPTIONS = {
    ("text/markup.py", "sphinx_design.icons"): "a dropdown's icon is checked against "
    "sphinx-design's public list of octicon names, imported only when a dropdown has an icon",
}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a module, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below(layer: str) -> None:
    wrong = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, module in imports(path):
            parts = module.split(".")
            if parts[0] == "edition_lab":
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: imports the lab ({module})")
            if parts[0] == "reading_edition" and len(parts) > 1:
                target = parts[1]
                if target in ALLOWED and target not in ALLOWED[layer]:
                    wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {layer} imports {module}")
            if (
                layer != "sphinxext"
                and parts[0] in {"sphinx", "sphinx_design"}
                and (str(path.relative_to(PACKAGE)), module) not in EXCEPTIONS
            ):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {layer} imports {module}")
    assert wrong == []


def test_the_checker_runs_without_sphinx() -> None:
    code = (
        "import sys\n"
        "from reading_edition.cli.main import main\n"
        "status = main(['check', '-q'])\n"
        "loaded = sorted(m for m in sys.modules if m == 'sphinx' or m.startswith('sphinx.'))\n"
        "print(status, loaded)\n"
    )
    root = PACKAGE.parent.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.stdout.strip() == "0 []", done.stdout + done.stderr
