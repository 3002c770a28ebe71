"""Inline footnotes (``^[note text]``) for MyST's markdown-it parser.

myst-parser 5 loads the footnote plugin without inline support, and its renderer expects every
footnote reference to carry a label. This plugin parses ``^[...]`` into a labelled reference
where the note is written and appends an ordinary footnote definition at the end of the parsed
text, so everything downstream (numbering, HTML, LaTeX ``\\footnote``, EPUB) is Sphinx's own.
Kept free of Sphinx imports: the checker uses it without a build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote.index import footnote_inline

if TYPE_CHECKING:
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
