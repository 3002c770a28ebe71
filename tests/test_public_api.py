"""Public API only: the package reads no private member of Sphinx, docutils, MyST or any other
library (they change without notice on upgrade).

The package's syntax tree is scanned for what would reach another library's private names:

- an attribute ``x._name`` (not a dunder) whose name the package does not define itself (as a
  function, class, attribute or variable), so ``self._registry`` in a Sphinx subclass counts
  and ``self._cache`` set in our own ``__init__`` does not;
- ``getattr``/``setattr``/``hasattr``/``delattr`` with a private name as a string;
- an import from a private module (``sphinx.builders._epub_base``) or of a private name.

Anything found must be on ``ALLOWED``, each entry naming the upstream issue and why no public
hook exists. The list is empty.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "reading_edition"

#: (file relative to the package, private name) → the upstream issue and why no public hook
#: exists. Keep it empty: add an entry only with the issue's address and the reason.
ALLOWED: dict[tuple[str, str], str] = {}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _own_names(trees: dict[str, ast.Module]) -> set[str]:
    """Every name the package defines: functions, classes, attributes it assigns, variables."""
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.alias) and node.asname:
                names.add(node.asname)
    return names


def private_reads(trees: dict[str, ast.Module]) -> list[tuple[str, int, str]]:
    """(file, line, private name) for every read of another library's private member."""
    own = _own_names(trees)
    found: list[tuple[str, int, str]] = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own:
                found.append((path, node.lineno, node.attr))
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"getattr", "setattr", "hasattr", "delattr"}
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
                and _private(node.args[1].value)
                and node.args[1].value not in own
            ):
                found.append((path, node.lineno, node.args[1].value))
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] == "reading_edition":
                    continue
                private_module = next((p for p in node.module.split(".") if _private(p)), None)
                if private_module:
                    found.append((path, node.lineno, node.module))
                found += [(path, node.lineno, a.name) for a in node.names if _private(a.name)]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if any(_private(p) for p in alias.name.split(".")):
                        found.append((path, node.lineno, alias.name))
    return found


def _trees() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(PACKAGE)): ast.parse(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_the_package_reads_no_private_member_of_another_library() -> None:
    found = [f for f in private_reads(_trees()) if (f[0], f[2]) not in ALLOWED]
    assert not found, "private members read (use a public hook, or add to ALLOWED with the "
    "upstream issue and why no public hook exists):\n" + "\n".join(
        f"  {path}:{line}: {name}" for path, line, name in found
    )


def test_every_allowed_entry_names_its_upstream_issue_and_is_still_needed() -> None:
    found = {(path, name) for path, _line, name in private_reads(_trees())}
    for (path, name), reason in ALLOWED.items():
        assert "github.com/" in reason and "/issues/" in reason, (path, name)
        assert (path, name) in found, f"{path}: {name} is no longer read; remove it from ALLOWED"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("env._app.builder", ["_app"]),
        ("class B:\n    def f(self):\n        return self._registry", ["_registry"]),
        ("getattr(indexer, '_index_entries')", ["_index_entries"]),
        ("from sphinx.builders._epub_base import NavPoint", ["sphinx.builders._epub_base"]),
        ("from sphinx.util import _private_helper", ["_private_helper"]),
        ("class A:\n    def __init__(self):\n        self._mine = 1\n    x = 0", []),
        ("class A:\n    def _helper(self):\n        return self._helper()", []),
        ("obj.__class__.__name__", []),
    ],
)
def test_the_scan_finds_private_reads(source: str, expected: list[str]) -> None:
    assert [name for _p, _l, name in private_reads({"x.py": ast.parse(source)})] == expected
