"""Which pages load the theme's script, decided from the page's doctree (``html-page-context``).

``edition.js`` places margin notes, opens glossary previews and opens dropdowns for printing; a
page without a reading text, a term preview or a dropdown has nothing for it to do and does not
load it. The layout reads ``edition_script`` and ``edition_notes`` from the context instead of
searching the rendered HTML for class names.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from reading_edition.model.kinds import FACTUAL_KINDS, KIND_SPECS
from reading_edition.sphinxext.builders import WEB
from reading_edition.sphinxext.reading_text import is_reading_text
from reading_edition.sphinxext.term_previews import term_preview

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _is_dropdown(node: nodes.Node) -> bool:
    # sphinx-design's <details> node; matched by name so the extension does not need it.
    return type(node).__name__ == "dropdown_main"


def _has(doctree: nodes.Node, condition: Any) -> bool:
    return next(iter(doctree.findall(condition)), None) is not None


def page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    notes = doctree is not None and _has(doctree, is_reading_text)
    context["edition_notes"] = notes
    context["edition_script"] = notes or (
        doctree is not None and (_has(doctree, term_preview) or _has(doctree, _is_dropdown))
    )


#: What the built copy of annotate.js is told (a string literal survives minifying).
CONFIG_PLACEHOLDER = '"__EDITION_CONFIG__"'


#: A GitHub remote: https://github.com/owner/name(.git) or git@github.com:owner/name(.git).
_GITHUB_REMOTE = re.compile(
    r"^(?:https://|ssh://git@|git@)github\.com[:/]([\w.-]+/[\w.-]+?)(?:\.git)?/?$"
)


def repository_url(configured: str, folder: Path) -> str:
    """The repository "Suggest an annotation" sends a reader to: conf.py's ``edition_repository``;
    failing that, ``GITHUB_REPOSITORY`` (set by GitHub Actions, so a site built in CI always
    knows it); failing that, the ``origin`` remote of ``folder``'s clone when it is on GitHub.
    Empty when none is known (the file is then offered to download)."""
    if configured:
        return configured
    env = os.environ.get("GITHUB_REPOSITORY", "").strip()
    if env:
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        return f"{server}/{env}"
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    found = _GITHUB_REMOTE.match(done.stdout.strip()) if done.returncode == 0 else None
    return f"https://github.com/{found.group(1)}" if found else ""


def annotate_config(app: Sphinx, exception: Exception | None) -> None:
    """Write the repository, branch and kinds into the built ``annotate.js``."""
    if exception is not None or app.builder.name not in WEB:
        return
    path = Path(app.outdir) / "_static" / "annotate.js"
    if not path.is_file():
        return
    config = {
        "repository": repository_url(app.config.edition_repository, Path(app.confdir)),
        "branch": app.config.edition_branch or "main",
        "kinds": [[kind.name, kind.label] for kind in KIND_SPECS],
        "factual": sorted(FACTUAL_KINDS),
    }
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(CONFIG_PLACEHOLDER, json.dumps(config, ensure_ascii=False)), encoding="utf-8"
    )


def setup_page_assets(app: Sphinx) -> None:
    # Where "Suggest an annotation" sends a reader: GitHub's new-file page of this repository
    # (e.g. "https://github.com/owner/edition") and branch; without one, GITHUB_REPOSITORY or
    # a GitHub origin remote (repository_url); with none known, the file is offered to download.
    app.add_config_value("edition_repository", "", "html", types=[str])
    app.add_config_value("edition_branch", "main", "html", types=[str])
    app.connect("html-page-context", page_assets)
    app.connect("build-finished", annotate_config)
