"""A code block's language, as the build highlights it: Sphinx warns of a language Pygments
does not know, and of a block its lexer cannot read (``Retrying in relaxed mode``); with
``-W`` either stops the build. This mirrors ``sphinx.highlighting.PygmentsBridge``'s
``get_lexer`` and ``highlight_block`` (the checker may not import Sphinx; Pygments is no part
of it), and ``tests/test_one_verdict.py`` runs both on the same samples.

Pygments is imported only when a body has a code block with a language.
"""

from __future__ import annotations

_PYTHON = frozenset({"py", "python", "py3", "python3", "default"})


def language_problem(language: str, source: str, *, force: bool = False) -> str | None:
    """Sphinx's words for a code block in ``language`` (its text ``source``, as the literal
    block holds it) that it cannot highlight, or None. ``force`` is the code directives'
    ``:force:``: no error for text the lexer cannot read."""
    from pygments.filters import ErrorToken
    from pygments.lexer import Lexer
    from pygments.lexers import (
        CLexer,
        PythonConsoleLexer,
        PythonLexer,
        RstLexer,
        TextLexer,
        get_lexer_by_name,
    )
    from pygments.util import ClassNotFound

    #: ``sphinx.highlighting.lexer_classes``: Sphinx's own, keeping newlines.
    own: dict[str, type[Lexer]] = {
        "none": TextLexer,
        "python": PythonLexer,
        "pycon": PythonConsoleLexer,
        "rest": RstLexer,
        "c": CLexer,
    }
    name = language
    if name in _PYTHON:
        name = "pycon" if source.startswith(">>>") else "python"
    if name == "pycon3":
        name = "pycon"
    if name == "guess":
        return None  # any text has a guess
    if name in own:
        lexer = own[name](stripnl=False)
    else:
        try:
            lexer = get_lexer_by_name(name)
        except ClassNotFound:
            return f"Pygments lexer name {name!r} is not known"
    if force or language == "default":
        return None  # Sphinx highlights what it can, without a word
    lexer.add_filter("raiseonerror")
    try:
        for _token in lexer.get_tokens(source):
            pass
    except ErrorToken as error:
        return (
            f'Lexing literal_block {source!r} as "{language}" resulted in an error at token: '
            f"{str(error)!r}. Retrying in relaxed mode."
        )
    return None
