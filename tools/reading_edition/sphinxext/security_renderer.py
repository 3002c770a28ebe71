"""The MyST renderer of the hardened build: no ``{eval-rst}``, no parser settings in front matter.

- ``{eval-rst}`` would reach every reStructuredText construct MyST itself does not offer; the
  edition is written in MyST only, so the block is refused and renders nothing.
- Front matter is scanned (not loaded) first: YAML anchors and aliases are refused before
  anything expands them (an alias "bomb" would exhaust memory when MyST turns the values into
  page metadata), and keys that change the parser for one file (``myst``, ``html_meta``,
  ``substitutions``…) are refused with the line of the key.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

import yaml
from docutils import nodes
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.warnings_ import create_warning
from sphinx import addnodes
from sphinx.util import docname_join

from reading_edition.model.policy import ALIAS_MESSAGE, EVAL_RST_MESSAGE, first_alias_line
from reading_edition.sphinxext.refusals import report

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

#: Front-matter keys that MyST-Parser reads as per-file settings rather than as metadata.
PARSER_KEYS = ("myst", "mystnb", "substitutions", "html_meta")


class SecureRenderer(SphinxRenderer):
    """MyST's Sphinx renderer minus ``{eval-rst}`` and per-file parser settings."""

    def render_link_unknown(self, token: SyntaxTreeNode) -> None:
        """A Markdown link to another page's ``.md`` file, resolved by name.

        MyST resolves the path on disk with symbolic links followed, so from
        ``docs/annotations`` (a link to ``annotations/``) a link to ``other.md`` lands outside
        the sources ("Unknown source document"). The docname is worked out from the link
        itself instead, as Sphinx does for ``{doc}``; anything else is left to MyST.
        """
        destination = self.md.normalizeLinkText(str(token.attrGet("href") or ""))
        path, _, anchor = destination.partition("#")
        env = self.sphinx_env
        docname = posixpath.normpath(docname_join(env.docname, path.removesuffix(".md")))
        if not path.endswith(".md") or docname not in env.found_docs:
            super().render_link_unknown(token)
            return
        explicit = token.info != "auto" and bool(token.children)
        wrap_node = addnodes.pending_xref(
            refdomain="doc",
            reftarget=docname,
            reftargetid=anchor or None,
            refdoc=env.docname,
            reftype="myst",
            refexplicit=explicit,
        )
        # As MyST wraps a link to a page, with its public helpers (its own wrapper is private).
        self.add_line_and_source_path(wrap_node, token)
        self.copy_attributes(
            token, wrap_node, ("class", "id", "reftitle"), aliases={"title": "reftitle"}
        )
        self.current_node.append(wrap_node)
        inner = nodes.inline("", "", classes=["xref", "myst"])
        if explicit:
            with self.current_node_context(inner):
                self.render_children(token)
        wrap_node.append(inner)

    def _refuse(self, message: str, line: int) -> None:
        env = getattr(self.document.settings, "env", None)
        if env is not None:
            report(message, (env.docname, line), env)  # once, with the checker's finding
        else:
            create_warning(self.document, message, "security", wtype="edition", line=line)

    def render_restructuredtext(self, token: SyntaxTreeNode) -> None:
        """Refuse ``{eval-rst}``; nothing of its content is rendered."""
        self._refuse(EVAL_RST_MESSAGE, token_line(token, default=0))

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        """Refuse aliases and parser keys; MyST renders the other keys as metadata."""
        if isinstance(token.content, str):
            first = token_line(token, default=0) + 1  # line of the first YAML line
            if not self._safe_front_matter(token.content, first):
                return
        super().render_front_matter(token)

    def _safe_front_matter(self, text: str, first: int) -> bool:
        """Check front matter ``text`` starting on file line ``first``; False if unsafe to load."""
        try:
            alias = first_alias_line(text)
            if alias is not None:
                self._refuse(ALIAS_MESSAGE, first + alias)
                return False
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return True  # MyST reports malformed YAML itself, with its line
        if not isinstance(root, yaml.MappingNode):
            return True
        for key, _value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value in PARSER_KEYS:
                self._refuse(
                    f"the front matter key '{key.value}' is not allowed: it would change the "
                    "parser's settings for this file; the edition's settings in conf.py apply "
                    "to every page, so remove the key",
                    first + key.start_mark.line,
                )
        return True  # MyST leaves these keys out of the page's metadata
