"""The maintainers' map stays true: tools/architecture.md lists every module of the package,
every file it names exists, and its table of ``edition_*`` configuration values is what the
extension's ``setup()`` declares (name, default, what a change rebuilds)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from unittest import mock

from reading_edition.sphinxext import setup

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tools" / "reading_edition"
DOC = (ROOT / "tools" / "architecture.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = DOC.index(f"\n## {title}\n")
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end != -1 else None]


def _only_a_docstring(path: Path) -> bool:
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return len(body) == 1 and isinstance(body[0], ast.Expr)


def test_every_module_of_the_package_is_listed() -> None:
    listed = set(re.findall(r"^\| `([\w/]+\.py)` \|", _section("Every module"), re.M))
    # A subpackage's __init__ that only says what the subpackage is needs no line.
    modules = {
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "templates" not in p.parts and not (p.name == "__init__.py" and _only_a_docstring(p))
    }
    assert modules - listed == set(), "modules missing from architecture.md"
    assert listed - modules == set(), "architecture.md lists modules that do not exist"


def test_every_file_the_map_names_exists() -> None:
    for section in ("How a note looks, by output", "Every module"):
        for name in re.findall(
            r"`((?:[\w.-]+/)*[\w.-]+\.(?:py|css|js|html|sty|jinja|ltx))`", _section(section)
        ):
            # A path from the package, its extension, or the annotations package (as the map
            # writes them), or a bare file name that is somewhere in the package.
            bases = (ROOT, PACKAGE, PACKAGE / "sphinxext", PACKAGE / "sphinxext" / "annotations")
            found = any((base / name).is_file() for base in bases)
            assert found or ("/" not in name and any(PACKAGE.rglob(name))), name


def _declared() -> dict[str, tuple[str, str]]:
    app = mock.MagicMock()
    setup(app)
    declared = {}
    for call in app.add_config_value.call_args_list:
        name, default, rebuild = call.args[:3]
        if name.startswith("edition_"):
            declared[name] = (repr(default).replace("'", '"'), rebuild)
    return declared


def _documented() -> dict[str, tuple[str, str]]:
    rows = re.findall(r"^\| `(edition_\w+)` \| `([^`]*)` \| `(\w+|\"\")` \|", DOC, re.M)
    # (A value that rebuilds nothing is written `""`.)
    return {name: (default, rebuild.strip('"')) for name, default, rebuild in rows}


def test_the_configuration_table_is_what_setup_declares() -> None:
    declared = _declared()
    assert declared, "setup() declares no edition_* value (the mock saw no call)"
    assert _documented() == declared
