"""The hardened build: contributed pages cannot inject script, read the build machine's files or
switch the safety settings back on, and every attempt is a located error.

What is registered here, and why:

- ``include``, ``literalinclude``, ``raw`` and ``meta`` are replaced by directives that report
  themselves and produce nothing: they publish files of the build machine, pass raw HTML or
  LaTeX through, or add ``<meta>`` tags (refresh redirects). ``csv-table`` keeps working except
  with ``:file:`` or ``:url:``.
- The doctree transforms of :mod:`reading_edition.sphinxext.security_nodes` refuse raw nodes,
  math, unsafe link schemes and images or downloads that are remote or outside the sources.
- :mod:`reading_edition.sphinxext.security_renderer` refuses ``{eval-rst}``, YAML aliases and
  per-file parser settings in front matter (wired in by :mod:`reading_edition.sphinxext.parser`).
- Every Markdown source is linted for silently dropped content
  (:mod:`reading_edition.text.source_lint`).
- EPUB archives are rewritten with fixed dates
  (:mod:`reading_edition.sphinxext.security_reproducible`), so that two builds of the same
  sources are byte-identical.
- docutils' own switches are forced off (``file_insertion_enabled``, ``raw_enabled``), and a
  ``docutils.conf`` (which docutils reads after those defaults) is refused.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import SystemMessagePropagation
from sphinx import addnodes
from sphinx.directives.patches import CSVTable, Figure
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from reading_edition.model.policy import (
    REFUSED_DIRECTIVES,
    csv_option_message,
    decoding_problem,
    refused_directive_message,
)
from reading_edition.sphinxext.annotations.notes import COPIED
from reading_edition.sphinxext.annotations.reader import is_annotation_doc, is_annotation_docname
from reading_edition.sphinxext.refusals import report
from reading_edition.sphinxext.security_nodes import (
    CheckLinksAndFiles,
    RefuseMath,
    RefuseRawContent,
    check_resolved_links,
)
from reading_edition.sphinxext.security_reproducible import setup_reproducible
from reading_edition.text.body_rules import body_findings
from reading_edition.text.body_structure import csv_data_message
from reading_edition.text.markup import OPTION_VALUES
from reading_edition.text.source_lint import lint_source

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: docutils settings forced for every document (Sphinx turns file insertion on by default).
SAFE_SETTINGS = {"file_insertion_enabled": False, "raw_enabled": False}


class _AnyOption(dict[str, Any]):
    """An option spec that accepts every option, so a refused directive never fails to parse."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        return directives.unchanged


class RefusedDirective(SphinxDirective):
    """A directive that reports itself as not allowed and produces no output."""

    has_content = True
    optional_arguments = 99
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = _AnyOption()

    def run(self) -> list[nodes.Node]:
        report(refused_directive_message(self.name), (self.env.docname, self.lineno), self.env)
        return []


class SafeCSVTable(CSVTable):
    """``csv-table`` with the rows in its body only: ``:file:`` and ``:url:`` are refused; an
    empty ``:delim:``, ``:quote:`` or ``:escape:`` is refused (docutils' converter raised an
    AttributeError on it, a traceback), in the checker's words (``text/markup.py``)."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **CSVTable.option_spec,
        **{name: OPTION_VALUES["csv-table"][name] for name in ("delim", "quote", "escape")},
    }

    def run(self) -> list[nodes.Node]:
        for option in ("file", "url"):
            if option in self.options:
                env = self.state.document.settings.env
                report(csv_option_message(option), (env.docname, self.lineno), env)
                return []
        return super().run()

    def parse_csv_data_into_rows(
        self, csv_data: list[str], dialect: Any, source: str
    ) -> tuple[list[Any], int]:
        """Rows docutils' CSV reader refuses: its reason on the message's line, in the
        checker's words (docutils put it on a second line and echoed the directive)."""
        try:
            return super().parse_csv_data_into_rows(csv_data, dialect, source)
        except csv.Error as error:
            message = csv_data_message(self.name, str(error))
            raise SystemMessagePropagation(self.reporter.error(message, line=self.lineno)) from None


class SafeFigure(Figure):
    """``figure`` refusing an empty ``:figwidth:`` (docutils' converter raised an
    AttributeError on it, a traceback), in the checker's words (``text/markup.py``)."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **Figure.option_spec,
        "figwidth": OPTION_VALUES["figure"]["figwidth"],
    }


def check_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Force docutils' safety settings off; refuse undecodable and non-Markdown sources.

    A file that is not UTF-8 would stop Sphinx with a traceback, so it is reported here and
    left out of this build (the build fails on the warning anyway).
    """
    env.settings.update(SAFE_SETTINGS)
    for docname in sorted(docnames):
        path = env.doc2path(docname)
        problem = decoding_problem(path.read_bytes())
        if problem:
            line, message = problem
            report(message, (docname, line))
            docnames.remove(docname)
            env.project.docnames.discard(docname)
            continue
        if path.suffix != ".md":
            report(
                f"only Markdown (.md) sources are allowed in the edition, not {path.name!r}: "
                "rewrite the page in MyST Markdown",
                (docname, 1),
            )


def refuse_docutils_conf(app: Sphinx) -> None:
    """Refuse a ``docutils.conf``: docutils reads it after Sphinx's settings and it wins."""
    candidates = [Path(app.confdir) / "docutils.conf"]
    for folder, _dirs, files in os.walk(app.srcdir, followlinks=True):
        if "docutils.conf" in files:
            candidates.append(Path(folder) / "docutils.conf")
    for path in sorted(set(candidates)):
        if path.is_file():
            report(
                "a docutils.conf is not allowed in the edition: it can switch docutils' safety "
                "settings back on; delete the file",
                f"{path}:1",
            )


def lint_markdown(app: Sphinx, docname: str, source: list[str]) -> None:
    """Report content that MyST would silently drop from a Markdown source, and what an
    annotation body may not contain (the checker's rules, on the same tokens)."""
    path = app.env.doc2path(docname)
    if path.suffix != ".md":
        return
    errors = lint_source(source[0], str(path))
    if is_annotation_doc(app, docname):
        errors += body_findings(source[0], str(path))
    for error in errors:
        report(error.message, (docname, error.line), app.env)


def skip_copied_reference(app: Sphinx, domain: Any, node: nodes.Element) -> bool | None:
    """A reference copied from an annotation body into the article is reported once, on the
    annotation's own page (``warn-missing-reference``: True means handled)."""
    return True if node.get(COPIED) else None


class DropLinksByLabel(SphinxPostTransform):
    """A sphinx-design component's link by label in an annotation (``ref``, ``any``, ``myst``)
    is refused at its line, in the checker's words (``policy.link_type_message``); its words
    stay, unlinked, so the build does not report a missing label a second time. Runs after the
    article's notes copy a note's first paragraph (priorities 5 and 6: the copy is dropped too,
    or MyST would report a missing place again, at the note's line) and before sphinx-design's
    and MyST's resolvers (priorities 8 and 9) and Sphinx's (10)."""

    default_priority = 7

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            # A Markdown link is a ``myst`` reference too: only a button's is refused. The
            # ``{ref}`` and ``{any}`` roles are refused by name and make no reference.
            kind = node.get("reftype")
            refused = kind in {"ref", "any"} or (kind == "myst" and "sd-btn" in node["classes"])
            # A Markdown link by label or to a place in a page (``policy.label_link_problem``):
            # MyST resolves a page by its file to the "doc" domain, a place in it with an id.
            name = str(node.get("reftarget", "")).rsplit("/", 1)[-1]
            by_label = not node.get("refdomain") and "." not in name
            refused = refused or (kind == "myst" and (by_label or bool(node.get("reftargetid"))))
            in_note = node.get(COPIED) or is_annotation_docname(self.config, node.get("refdoc", ""))
            if refused and in_note:
                node.replace_self(nodes.inline("", "", *node.children, classes=node["classes"]))


def setup_security(app: Sphinx) -> None:
    """Register the hardened build's directives, transforms and checks."""
    for name in REFUSED_DIRECTIVES:
        app.add_directive(name, RefusedDirective, override=True)
    app.add_directive("csv-table", SafeCSVTable, override=True)
    app.add_directive("figure", SafeFigure, override=True)
    app.add_transform(RefuseRawContent)
    app.add_transform(RefuseMath)
    app.add_transform(CheckLinksAndFiles)
    app.connect("builder-inited", refuse_docutils_conf)
    app.connect("env-before-read-docs", check_sources)
    app.connect("source-read", lint_markdown)
    app.connect("warn-missing-reference", skip_copied_reference)
    app.add_post_transform(DropLinksByLabel)
    app.connect("doctree-resolved", check_resolved_links)
    setup_reproducible(app)
