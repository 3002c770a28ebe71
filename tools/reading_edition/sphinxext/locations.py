"""Build messages about an annotation name the contributor's file, as ``edition check`` does.

Sphinx writes a warning's location as the absolute path of the source it read: for an
annotation that is ``<edition>/docs/annotations/x.md`` (through the ``docs/annotations`` link),
where the checker says ``annotations/x.md:11``, the file the contributor edits. Every message
about an annotation (the extension's own, and those of docutils, MyST, sphinx-design and Sphinx
itself, located by node or by document) is written the checker's way: the file's real path
relative to the folder holding the annotations folder, and its line (none when unknown).

Sphinx has no hook for how a location is written. The smallest workaround, through the standard
``logging`` API only: a :class:`logging.Filter` on Sphinx's warning handler (the one
:func:`sphinx.util.logging.setup` makes for the ``sphinx`` logger), added after Sphinx's own
filters, rewrites a location once Sphinx has made it ``path:line``. Records from parallel
readers reach that handler in the main process too, so the ``-j`` build says the same.

Two directives' nodes get the directive's line, which they lacked (``rubric``) or had wrong
(``parsed-literal``: line 1 under MyST), so a warning located at them (sphinx-design's, when one
stands in a grid) names the line the checker names.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.parsers.rst.directives.body import ParsedLiteral
from sphinx.directives.patches import Rubric
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from reading_edition.text.fixes import with_fix

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def contributor_location(location: str, folder: Path) -> str | None:
    """``location`` (``path``, ``path:`` or ``path:line``) as the checker writes it, if its
    file is in the annotations ``folder`` (a resolved path); None for any other file."""
    path, sep, line = location.rpartition(":")
    if not sep or not (line.isdigit() or line == ""):
        path, line = location, ""
    try:
        real = Path(path).resolve()
    except (OSError, RuntimeError):
        return None
    if not real.is_relative_to(folder):
        return None
    if not real.exists() and real.with_suffix("").is_file():
        # Sphinx's code-block locates its warnings by (source path, line) and reads the path
        # as a docname, so it adds a source suffix: ``x.md.rst``. The file is ``x.md``.
        real = real.with_suffix("")
    shown = real.relative_to(folder.parent).as_posix()
    return f"{shown}:{line}" if line.strip("0") else shown


#: A warning's words, and the type Sphinx appends to them (``show_warning_types``).
_WARNING_TYPE = re.compile(r"(.*?)( \[[\w.-]+\])?", re.S)


class ContributorLocations(logging.Filter):
    """Rewrites the location of a warning about a file in the annotations folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def filter(self, record: logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if isinstance(location, str) and location:
            shown = contributor_location(location, self.folder)
            if shown is not None:
                record.location = shown
                # MyST's and docutils' words about a note's body, with the checker's fix.
                # (Sphinx's record's getMessage() adds the location: the words alone here.)
                # Sphinx has appended the warning's type (" [myst.header]") by now.
                message = str(record.msg) % record.args if record.args else str(record.msg)
                words, kind = _WARNING_TYPE.fullmatch(message).groups()  # type: ignore[union-attr]
                fixed = with_fix(words)
                if fixed != words:
                    record.msg, record.args = fixed + (kind or ""), ()
        return True


def install_filter(app: Sphinx, config: Config) -> None:
    """``config-inited``: the annotations folder is known; Sphinx's handlers exist (made
    before extensions load, anew for each application)."""
    folder = (Path(app.srcdir) / config.edition_annotations_dir).resolve()
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler):
            handler.addFilter(ContributorLocations(folder))


def _at_directive(found: list[nodes.Node], directive: Directive) -> list[nodes.Node]:
    """Give the directive's own node the directive's source and line."""
    where = directive.state_machine.get_source_and_line(directive.lineno)
    for node in found:
        if isinstance(node, nodes.Element) and not isinstance(node, nodes.system_message):
            node.source, node.line = where
    return found


class LocatedRubric(Rubric):
    """Sphinx's ``rubric``, whose node had no line: a warning about it (sphinx-design's, when
    it stands in a grid) named the file only. It is at the directive's line, as the checker
    says."""

    def run(self) -> list[nodes.Node]:
        return _at_directive(list(super().run()), self)


class LocatedParsedLiteral(ParsedLiteral):
    """docutils' ``parsed-literal``, whose node took the line after its content offset, which
    MyST gives as 0: line 1 of the file. It is at the directive's line, as the checker says."""

    def run(self) -> list[nodes.Node]:
        return _at_directive(list(super().run()), self)


def setup_locations(app: Sphinx) -> None:
    app.connect("config-inited", install_filter)
    app.add_directive("rubric", LocatedRubric, override=True)
    app.add_directive("parsed-literal", LocatedParsedLiteral, override=True)
