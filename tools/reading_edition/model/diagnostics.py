"""One kind of contributor-facing error: :class:`LocatedError` (file, line, what and how to fix).

Every layer reports problems in contributed files this way: the front-matter reader, the schema
check, the source lint, anchoring, the checker and the Sphinx build (which turns each into a
located warning). ``str(error)`` is ``"path:line: message"``, the form editors and CI understand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class LocatedError(Exception):
    """An error in a contributed file, with the line it is on (1-based; 0 when unknown)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
