"""The toolkit is a library: its wheel installs into a fresh Python 3.13 beside the newest Sphinx,
docutils, sphinx-design and MyST-Parser that the registry offers (its ranges must allow them; not
this edition's pins), and the edition builds strictly there (HTML, EPUB and the LaTeX source,
``-W -n``).

Python 3.13 is looked for as ``$EDITION_PYTHON313``, then under ``$(pyenv root)/versions/3.13*``,
then as ``python3.13`` on PATH; where there is none the test is skipped and says so. On GitHub
the workflow ``newest-sphinx.yml`` provides it with ``actions/setup-python``. About 2 minutes
here (most of it pip), so marked slow.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reading_edition.convert.toolkit_wheel import build_wheel

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
#: The packages whose newest releases the edition must build with.
NEWEST = ("sphinx", "docutils", "sphinx-design", "myst-parser")
STRICT = ["-W", "--keep-going", "-n", "-q"]


def python313() -> Path | None:
    """A Python 3.13 interpreter that runs on this machine, or None."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    if pyenv := shutil.which("pyenv"):
        done = subprocess.run([pyenv, "root"], capture_output=True, text=True)
        root = Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else root
    candidates = [os.environ.get("EDITION_PYTHON313", "")]
    candidates += [str(p) for p in sorted((root / "versions").glob("3.13*/bin/python3.13"))[::-1]]
    candidates.append(shutil.which("python3.13") or "")  # a pyenv shim may not run: tried last
    for candidate in filter(None, candidates):
        done = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"],
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode == 0 and done.stdout.strip() == "(3, 13)":
            return Path(candidate)
    return None


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795046400", "PYTHONPATH": ""},
    )
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _newest(python: Path, name: str) -> str:
    """The newest release of ``name`` the registry offers for this interpreter."""
    out = _run(python, "-m", "pip", "index", "versions", name, "--disable-pip-version-check")
    found = re.search(rf"^{re.escape(name)} \(([^)]+)\)", out, re.IGNORECASE | re.MULTILINE)
    assert found, out
    return found.group(1)


def test_the_wheel_builds_the_edition_with_the_newest_sphinx_on_python_313(
    tmp_path: Path,
) -> None:
    interpreter = python313()
    if interpreter is None:
        pytest.skip("no Python 3.13 here (set EDITION_PYTHON313, or install it with pyenv)")
    wheel, _origin = build_wheel(tmp_path / "wheels")  # as edition init does
    venv = tmp_path / "py313"
    _run(interpreter, "-m", "venv", venv)
    python = venv / "bin" / "python"
    # The newest release of each that the registry offers for 3.13, asked of pip itself; the
    # wheel's ranges must allow them all, or pip refuses and this fails.
    newest = {name: _newest(python, name) for name in NEWEST}
    _run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
         f"{wheel}[convert]", *(f"{n}=={v}" for n, v in newest.items()))  # fmt: skip
    code = (
        "import json, importlib.metadata as m; "
        f"print(json.dumps({{n: m.version(n) for n in {list(NEWEST)!r}}}))"
    )
    versions = json.loads(_run(python, "-c", code))
    assert versions == newest
    print(f"Python 3.13 ({interpreter}): {versions}")
    # The edition as a user of the library has it: no tools/ folder, the package from the wheel.
    edition = tmp_path / "edition"
    edition.mkdir()
    shutil.copy2(ROOT / "conf.py", edition / "conf.py")
    for name in ("docs", "annotations", "seeds"):
        shutil.copytree(ROOT / name, edition / name, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    where = _run(python, "-c", "import reading_edition; print(reading_edition.__file__)")
    assert str(venv) in where, where
    for builder in ("html", "epub", "latex"):
        _run(python, "-m", "sphinx", "-M", builder, "docs", "_build", "-c", ".", *STRICT,
             cwd=edition)  # fmt: skip
    assert (edition / "_build" / "html" / "article.html").is_file()
    assert list((edition / "_build" / "epub").glob("*.epub"))
    assert list((edition / "_build" / "latex").glob("*.tex"))
