"""Which pages load the theme's script, decided from the page's doctree (``html-page-context``).

``edition.js`` places margin notes, opens glossary previews and opens dropdowns for printing; a
page without a reading text, a term preview or a dropdown has nothing for it to do and does not
load it. Likewise ``design.css``, the few rules for sphinx-design's components, is loaded only
by a page that has one. The layout reads ``edition_script``, ``edition_design`` and
``edition_notes`` from the context instead of searching the rendered HTML for class names, and
``edition_annotate``, the configuration of "Annotate this passage", which it writes as a data
attribute of the script element.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from reading_edition.model.kinds import FACTUAL_KINDS, KIND_SPECS
from reading_edition.sphinxext.reading_text import is_reading_text
from reading_edition.sphinxext.term_previews import term_preview

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def _is_dropdown(node: nodes.Node) -> bool:
    # sphinx-design's <details> node; matched by name so the extension does not need it.
    return type(node).__name__ == "dropdown_main"


#: The attribute of a node that stands for written HTML holding a sphinx-design component
#: (a kept note of the article: ``annotations/note_cache.py``).
HOLDS_DESIGN = "edition_holds_design"


def is_design(node: nodes.Element) -> bool:
    """A sphinx-design component (card, grid, tab set, badge, button, dropdown), by its classes;
    or a node whose written HTML holds one."""
    return (
        _is_dropdown(node)
        or any(c.startswith("sd-") for c in node["classes"])
        or bool(node.get(HOLDS_DESIGN))
    )


def _contents(doctree: nodes.Node) -> tuple[bool, bool, bool]:
    """(a reading text, a term preview or a dropdown, a sphinx-design component): what the page
    has, in one walk of it (three walks, one per kind, were a tenth of a millisecond a page in
    a build of 1,000)."""
    reading = other = design = False
    for node in doctree.findall(nodes.Element):
        if not reading and is_reading_text(node):
            reading = True
        elif not other and (isinstance(node, term_preview) or _is_dropdown(node)):
            other = True
        if not design and is_design(node):
            design = True
        if reading and other and design:
            break
    return reading, other, design


def page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    notes, other, design = _contents(doctree) if doctree is not None else (False, False, False)
    context["edition_notes"] = notes
    # On the article's script element (``data-annotate``): read by annotate.js, which
    # edition.js loads once words of the reading text are selected. No built file is patched.
    context["edition_annotate"] = (
        annotate_config(app.config, repository_url(app.config.edition_repository, app.confdir))
        if notes
        else ""
    )
    context["edition_script"] = notes or other
    # design.css, sphinx-design's components: only where the page has one.
    context["edition_design"] = design


#: A GitHub remote: https://github.com/owner/name(.git) or git@github.com:owner/name(.git).
_GITHUB_REMOTE = re.compile(
    r"^(?:https://|ssh://git@|git@)github\.com[:/]([\w.-]+/[\w.-]+?)(?:\.git)?/?$"
)


def repository_url(configured: str, folder: str | Path) -> str:
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


def attribute_json(value: object) -> str:
    """``value`` as JSON escaped for an attribute value in single quotes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return html.escape(text, quote=False).replace("'", "&#39;")


def annotate_config(config: Config, repository: str) -> str:
    """What ``annotate.js`` is told: the repository (``repository_url``), the branch and the
    kinds, as JSON escaped for an attribute value in single quotes (the layout writes it as
    is)."""
    text = json.dumps(
        {
            "repository": repository,
            "branch": config.edition_branch or "main",
            "kinds": [[kind.name, kind.label] for kind in KIND_SPECS],
            "factual": sorted(FACTUAL_KINDS),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return html.escape(text, quote=False).replace("'", "&#39;")


def setup_page_assets(app: Sphinx) -> None:
    # Where "Suggest an annotation" sends a reader: GitHub's new-file page of this repository
    # (e.g. "https://github.com/owner/edition") and branch; without one, GITHUB_REPOSITORY or
    # a GitHub origin remote (repository_url); with none known, the file is offered to download.
    app.add_config_value("edition_repository", "", "html", types=[str])
    app.add_config_value("edition_branch", "main", "html", types=[str])
    app.connect("html-page-context", page_assets)
