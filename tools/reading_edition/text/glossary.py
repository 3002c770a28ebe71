"""The glossary's terms, read from the MyST source without a Sphinx build (for the checker)."""

from __future__ import annotations

import re
from pathlib import Path

_GLOSSARY_FENCE = re.compile(r"^(```+|:::+)\{glossary\}\s*$")


def glossary_terms(path: Path) -> set[str]:
    """Terms defined by ``{glossary}`` blocks in a MyST page (term lines are not indented)."""
    if not path.exists():
        return set()
    terms: set[str] = set()
    fence: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _GLOSSARY_FENCE.match(line.strip())
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and line.strip() == fence:
            fence = None
        elif (
            fence is not None
            and line.strip()
            and not line[0].isspace()
            and not line.startswith(":")
        ):
            terms.add(line.strip())
    return terms
