"""A code block, as the build makes and highlights it: Sphinx warns of a language Pygments
does not know, and of a block its lexer cannot read (``Retrying in relaxed mode``); with
``-W`` either stops the build. This mirrors ``sphinx.highlighting.PygmentsBridge``'s
``get_lexer`` and ``highlight_block`` (the checker may not import Sphinx; Pygments is no part
of it), and ``tests/test_one_verdict.py`` runs both on the same samples. So are a
``code-block``'s ``:emphasize-lines:`` and ``:dedent:`` (``sphinx.directives.code.CodeBlock``).

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


def _line_numbers(spec: str, total: int) -> list[int]:
    """Mirrors ``sphinx.util.parselinenos``: the 0-based lines a spec such as ``1,3-5``
    names; ValueError in Sphinx's words for one it cannot read."""
    numbers: list[int] = []
    for part in spec.split(","):
        try:
            ends = part.strip().split("-")
            if ends == ["", ""] or len(ends) > 2:
                raise ValueError
            if len(ends) == 1:
                numbers.append(int(ends[0]) - 1)
            else:
                start = int(ends[0] or 1)
                end = int(ends[1] or max(start, total))
                if start > end:
                    raise ValueError
                numbers.extend(range(start - 1, end))
        except ValueError as error:
            raise ValueError(f"invalid line number spec: {spec!r}") from error
    return numbers


def emphasis_problem(spec: str, lines: int) -> tuple[str, bool] | None:
    """Sphinx's words for a ``code-block``'s ``:emphasize-lines:`` it cannot use on a block of
    ``lines`` lines, and whether the block is then dropped (a spec it cannot read); or None."""
    try:
        numbers = _line_numbers(spec, lines)
    except ValueError as error:
        return str(error), True
    if any(number >= lines for number in numbers):
        return f"line number spec is out of range(1-{lines}): {spec!r}", False
    return None


def dedent_problem(lines: list[str], dedent: int) -> str | None:
    """Sphinx's words for a ``:dedent:`` that would cut text off a line."""
    if any(line[:dedent].strip() for line in lines):
        return "non-whitespace stripped by dedent"
    return None
