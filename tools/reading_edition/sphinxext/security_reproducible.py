"""Byte-identical EPUB files: rewrite the archive with fixed timestamps and permissions.

Sphinx already dates the EPUB from ``SOURCE_DATE_EPOCH`` (``dc:date``, ``dcterms:modified``), but
its zip entries carry each file's modification time, so two builds of the same sources differ.
After the build, the archive is rewritten entry by entry, in the same order with the same
compression, each entry dated ``SOURCE_DATE_EPOCH`` (or 1980-01-01, the earliest zip date).
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from reading_edition.sphinxext.builders import EPUB

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The earliest date a zip entry can carry.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_date() -> tuple[int, int, int, int, int, int]:
    """The date every entry gets: ``SOURCE_DATE_EPOCH`` in UTC, or :data:`ZIP_EPOCH`."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ZIP_EPOCH
    stamp = time.gmtime(int(epoch))
    return max(ZIP_EPOCH, tuple(stamp[:6]))  # type: ignore[return-value]


def normalise_zip(path: Path) -> None:
    """Rewrite the zip at ``path`` with fixed entry dates and permissions."""
    date = zip_date()
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    temporary = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(temporary, "w") as target:
        for old, data in entries:
            info = zipfile.ZipInfo(old.filename, date_time=date)
            info.compress_type = old.compress_type
            info.create_system = 3  # Unix, whatever system built it
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            target.writestr(info, data)
    temporary.replace(path)


def normalise_epub(app: Sphinx, exception: Exception | None) -> None:
    """After a successful EPUB build, make its archive reproducible."""
    if exception is None and app.builder.name in EPUB:
        for path in sorted(Path(app.outdir).glob("*.epub")):
            normalise_zip(path)


def setup_reproducible(app: Sphinx) -> None:
    """Register the EPUB normalisation."""
    app.connect("build-finished", normalise_epub)
