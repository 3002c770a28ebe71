"""How a new edition gets the toolkit, which is not on PyPI: a wheel copied into its folder, and
the exact versions of the build's packages from the environment ``edition init`` runs in."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from reading_edition.convert.capture_files import ConversionError

DISTRIBUTION = "reading-edition"


def source_tree() -> Path | None:
    """The toolkit's checkout when it runs from one (``make venv`` installs it editable)."""
    import reading_edition

    root = Path(reading_edition.__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "tools" / "reading_edition").is_dir():
        return root
    return None


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def build_wheel(dest: Path) -> tuple[Path, str]:
    """Build the toolkit's wheel from its checkout into ``dest``: (the wheel, where it came from).

    The package is copied out first, so the checkout gets no ``build/`` folder.
    """
    root = source_tree()
    if root is None:
        raise ConversionError(
            "the toolkit is not running from its Git checkout, so edition init cannot build its "
            "wheel; pass --wheel FILE (a reading_edition-*.whl) to copy into the new edition."
        )
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "source"
        shutil.copytree(root / "tools" / "reading_edition", source / "tools" / "reading_edition",
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
        for name in ("pyproject.toml", "LICENSE"):
            if (root / name).is_file():
                shutil.copy2(root / name, source / name)
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
             "--disable-pip-version-check", "-w", str(dest), str(source)],
            capture_output=True, text=True,
        )  # fmt: skip
    wheels = sorted(dest.glob("reading_edition-*.whl"))
    if done.returncode != 0 or not wheels:
        raise ConversionError(f"{root}: building the toolkit's wheel failed: {done.stderr.strip()}")
    return wheels[-1], wheel_origin(root)


def wheel_origin(root: Path) -> str:
    """Where a wheel built from the checkout ``root`` came from, as the new edition's README
    and requirements.txt say it: the commit, and the checkout's public address (never a
    password, a token or a path on the editor's disk: :func:`public_remote`)."""
    commit = _git(root, "rev-parse", "HEAD")
    remote = _git(root, "remote", "get-url", "origin")
    dirty = " with uncommitted changes" if _git(root, "status", "--porcelain", "tools") else ""
    origin = "built by `edition init` from the toolkit's checkout"
    if commit:
        origin += f" at commit {commit}{dirty}"
    if remote:
        origin += f" of {public_remote(remote)}"
    return origin


#: A Git remote in scp form: ``[user@]host:path`` (no scheme, no slash before the colon).
_SCP_REMOTE = re.compile(r"(?:[^@/:]+@)?(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,}):(?P<path>.+)")

#: What the files say of a remote that is a folder on the editor's machine.
LOCAL_CHECKOUT = "a local checkout"


def public_remote(remote: str) -> str:
    """A Git remote as it may be published: a URL without its user, password or token (nor a
    query or fragment, where tokens also travel); an scp-style ``git@host:path`` without its
    user; a path or ``file://`` URL on this machine as "a local checkout"."""
    remote = remote.strip()
    parts = urlsplit(remote)
    if parts.scheme and parts.scheme != "file" and parts.netloc and len(parts.scheme) > 1:
        host = parts.hostname or ""
        if parts.port is not None:
            host += f":{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))
    scp = _SCP_REMOTE.fullmatch(remote)
    if scp and parts.scheme != "file":
        return f"{scp['host']}:{scp['path']}"
    return LOCAL_CHECKOUT


def copy_wheel(wheel: Path, dest: Path) -> tuple[Path, str]:
    """An editor's own wheel of the toolkit, copied into ``dest``."""
    if not wheel.name.startswith("reading_edition-") or wheel.suffix != ".whl":
        raise ConversionError(f"{wheel}: not a wheel of the toolkit (reading_edition-*.whl).")
    try:
        dest.mkdir(parents=True, exist_ok=True)
        copied = Path(shutil.copy2(wheel, dest / wheel.name))
    except OSError as err:
        raise ConversionError(f"{wheel}: cannot copy it ({err.strerror}).") from None
    return copied, f"copied by `edition init` from {wheel.name}"


def pinned_requirements() -> list[str]:
    """``name==version`` for every package the toolkit needs to build an edition, as installed
    here (its dependencies and theirs; not the converter's extra), sorted."""
    pins: dict[str, str] = {}
    todo = [DISTRIBUTION]
    while todo:
        name = todo.pop()
        try:
            found = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for line in found.requires or []:
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = canonicalize_name(requirement.name)
            if key not in pins and key != DISTRIBUTION:
                try:
                    pins[key] = f"{requirement.name}=={metadata.version(requirement.name)}"
                except metadata.PackageNotFoundError:
                    continue
                todo.append(requirement.name)
    return sorted(pins.values(), key=str.lower)
