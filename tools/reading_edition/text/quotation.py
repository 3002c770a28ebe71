"""A quotation inside the edition's own quotation marks: its inner quotes become single.

Sources are quoted word for word (``quote``), and many of them quote someone in turn: "Meade
said", a document's "top secret". Set inside the edition's “…”, their double quotes would read
as the end of the quotation (“"He said …," Meade said …”). As style guides ask of a quotation
within a quotation, the inner double quotes, typewriter or typographic, are shown as single
ones; the words are not touched, and the stored quote stays as the source has it.
"""

from __future__ import annotations

import re

#: A typewriter double quote that opens: at the start, or after a space, bracket or dash.
_OPENING = re.compile(r'(^|[\s(\[—–-])"')


def quoted(text: str) -> str:
    """*text* in “…”, its own double quotes turned single (‘…’)."""
    inner = _OPENING.sub("\\1‘", text).replace('"', "’")
    return "“" + inner.replace("“", "‘").replace("”", "’") + "”"
