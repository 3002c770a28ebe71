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
from reading_edition.sphinxext.annotations.reader import is_annotation_docname
from reading_edition.sphinxext.refusals import report
from reading_edition.text.markup import directive_problem, role_problem

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

#: Front-matter keys that MyST-Parser reads as per-file settings rather than as metadata.
PARSER_KEYS = ("myst", "mystnb", "substitutions", "html_meta")


class SecureRenderer(SphinxRenderer):
    """MyST's Sphinx renderer minus ``{eval-rst}`` and per-file parser settings; in an
    annotation, only the roles and directives of the edition's allowlist."""

    def __init__(self, parser: MarkdownIt) -> None:
        super().__init__(parser)
        #: Lines at which MyST renders a colon fence's body that it shifted (see below).
        self.shifted_bodies: set[int] = set()
        #: The lines of the directives being run, innermost last.
        self.directive_lines: list[int] = []

    # Two places where MyST-Parser (5.2) reports lines one late, and the workaround: MyST has
    # no hook for the line it gives nested text, so the line is corrected where the text is
    # rendered (``nested_render_text``), and only for these two calls. The checker
    # (text/body_rules.py) gives the file's own lines; tests/test_one_verdict.py compares.
    # - A colon fence whose body opens with a nested fence (``::::{tab-set}`` then
    #   ``:::{tab-item}`` on the next line): MyST adds a blank line before the body, so that
    #   the nested fence is not read as an option, and counts it as a line of the file.
    # - A directive's title (a dropdown's, a card's): directives pass their own line, which
    #   is 1-based, where MyST expects the 0-based line of the text.

    def render_colon_fence(self, token: SyntaxTreeNode) -> None:
        if token.content.startswith(":::") and token.map:
            self.shifted_bodies.add(token_line(token) + 1)
        super().render_colon_fence(token)

    def nested_render_text(
        self,
        text: str,
        lineno: int,
        inline: bool = False,
        temp_root_node: nodes.Element | None = None,
        heading_offset: int = 0,
    ) -> None:
        if not inline and lineno in self.shifted_bodies:
            self.shifted_bodies.discard(lineno)
            lineno -= 1
        elif inline and self.directive_lines and lineno == self.directive_lines[-1]:
            lineno -= 1
        super().nested_render_text(
            text, lineno, inline, temp_root_node=temp_root_node, heading_offset=heading_offset
        )

    def in_annotation(self) -> bool:
        env = self.sphinx_env
        return is_annotation_docname(env.config, env.docname)

    def render_myst_role(self, token: SyntaxTreeNode) -> None:
        """A role an annotation may not use is refused in the checker's words (MyST would say
        only "Unknown interpreted text role", or accept a role of the editors' pages); its
        text is kept as written."""
        name = str(token.meta["name"])
        problem = role_problem(name) if self.in_annotation() else None
        if problem is None:
            super().render_myst_role(token)
            return
        self._refuse(problem, token_line(token) if token.map else 0)
        self.current_node.append(nodes.Text(f"{{{name}}}`{token.content}`"))

    def run_directive(
        self,
        name: str,
        first_line: str,
        content: str,
        position: int,
        additional_options: dict[str, str] | None = None,
        *,
        block_text: str | None = None,
    ) -> list[nodes.Element]:
        """A directive an annotation may not use is refused in the checker's words and not
        run (MyST runs none it does not know either)."""
        problem = directive_problem(name) if self.in_annotation() else None
        if name == "eval-rst":
            # ``:::{eval-rst}`` reaches here (a backtick fence reaches render_restructuredtext);
            # MyST would add "Unknown directive type" to the refusal.
            problem = EVAL_RST_MESSAGE
        if problem is not None:
            self._refuse(problem, position)
            return []
        self.directive_lines.append(position)
        try:
            return super().run_directive(
                name,
                first_line,
                content,
                position,
                additional_options=additional_options,
                block_text=block_text,
            )
        finally:
            self.directive_lines.pop()

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
