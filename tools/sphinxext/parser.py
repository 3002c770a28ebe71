"""The edition's MyST parser: MyST-Parser's own, plus inline footnotes, minus per-file settings.

Inline footnotes (``^[note text]``) are pandoc/markdown-it syntax that myst-parser 5 does not
enable (it loads the footnote plugin with ``inline=False`` and its renderer expects a label).
Here each inline note becomes an ordinary auto-numbered MyST footnote: a reference token with a
generated label where the note is written, and a definition token at the end of the parsed text.
Everything downstream (numbering, HTML, LaTeX ``\\footnote``, EPUB) is then Sphinx's own.

Per-file ``myst:`` settings in front matter are refused: they would let one contributed file turn
raw HTML or substitutions (Jinja) back on. The project's settings in ``conf.py`` apply everywhere;
the renderer (:mod:`tools.sphinxext.security_renderer`) reports such keys and ``{eval-rst}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote.index import footnote_inline
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser

from tools.sphinxext.security_renderer import SecureRenderer

if TYPE_CHECKING:
    from docutils import nodes
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

#: Prefix of the generated labels; not a label a writer would choose by accident.
INLINE_LABEL_PREFIX = "inline-note-"


def _inline_note(state: StateInline, silent: bool) -> bool:
    """Parse ``^[...]`` and label the reference so MyST renders it as an auto footnote."""
    if not footnote_inline(state, silent):
        return False
    if not silent:
        token = state.tokens[-1]
        token.meta["label"] = f"{INLINE_LABEL_PREFIX}{token.meta['id'] + 1}"
    return True


def _inline_note_definitions(state: StateCore) -> None:
    """Append a footnote definition for every inline note parsed in this text."""
    if state.inlineMode:
        return
    notes = state.env.get("footnotes", {}).get("list", {})
    emitted: set[int] = state.env.setdefault("inline_notes_emitted", set())
    line_of: dict[int, list[int] | None] = {}
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "footnote_ref" and "id" in child.meta:
                line_of[child.meta["id"]] = token.map
    for note_id, data in notes.items():
        if note_id in emitted or "tokens" not in data:
            continue
        emitted.add(note_id)
        label = f"{INLINE_LABEL_PREFIX}{note_id + 1}"
        where = line_of.get(note_id)
        opening = Token("footnote_reference_open", "", 1, meta={"label": label}, map=where)
        paragraph = Token("paragraph_open", "p", 1, map=where, block=True)
        inline = Token("inline", "", 0, children=data["tokens"], content=data["content"], map=where)
        state.tokens += [
            opening,
            paragraph,
            inline,
            Token("paragraph_close", "p", -1, block=True),
            Token("footnote_reference_close", "", -1),
        ]


def add_inline_notes(md: MarkdownIt) -> None:
    """Teach a MyST markdown-it parser the ``^[...]`` syntax."""
    md.inline.ruler.before("footnote_ref", "inline_note", _inline_note)
    md.core.ruler.push("inline_note_definitions", _inline_note_definitions)


class EditionMystParser(MystParser):
    """MyST-Parser with inline footnotes and without per-file parser settings."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: Any = document.settings.env.myst_config
        parser = create_md_parser(config, SecureRenderer)
        add_inline_notes(parser)
        parser.options["document"] = document
        parser.render(inputstring)
