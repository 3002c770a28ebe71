"""The edition's version and date, defined once: in the changelog's latest heading.

``## Version 1.2, 6 December 2026`` (the first level-2 heading of ``docs/changelog.md``) is the
edition's release; ``conf.py`` reads it with :func:`latest_release`, and every output (HTML
footer and citing page, PDF title page, imprint and metadata, EPUB metadata and cover, the
exports, ``CITATION.cff`` by test) shows it. ``SOURCE_DATE_EPOCH`` dates only the build, and the
toolkit package keeps its own version.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from babel.dates import get_month_names

from reading_edition.model.diagnostics import LocatedError
from reading_edition.text.dates import LOCALE, for_people

#: Month names as the edition writes them (CLDR's, British English): January … December.
MONTHS: tuple[str, ...] = tuple(get_month_names("wide", locale=LOCALE)[m] for m in range(1, 13))

#: The heading that names a release, as written in the changelog.
HEADING = re.compile(
    r"^## Version (?P<version>\d+(?:\.\d+){1,2}), (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) "
    r"(?P<year>\d{4})\s*$"
)
EXAMPLE = "## Version 1.2, 6 December 2026"


@dataclass(frozen=True)
class Release:
    """One release of the edition: its version and the date it was published."""

    version: str
    date: dt.date
    line: int

    @property
    def iso_date(self) -> str:
        return self.date.isoformat()

    @property
    def written_date(self) -> str:
        """The date for people: 6 December 2026 (as every output writes dates)."""
        return for_people(self.iso_date)


def _release(heading: str, path: str, line: int) -> Release:
    found = HEADING.match(heading)
    fix = f"write the latest release's heading as {EXAMPLE!r} (version, day, month, year)."
    if not found:
        raise LocatedError(path, line, f"the latest heading {heading!r} names no release; {fix}")
    month = found["month"]
    if month not in MONTHS:
        raise LocatedError(path, line, f"{month!r} is not a month written out in English; {fix}")
    try:
        date = dt.date(int(found["year"]), MONTHS.index(month) + 1, int(found["day"]))
    except ValueError:
        raise LocatedError(
            path, line, f"{found['day']} {month} {found['year']} is not a real date; {fix}"
        ) from None
    return Release(found["version"], date, line)


def releases(text: str, path: str = "docs/changelog.md") -> list[Release]:
    """Every release heading of a changelog, newest (first) first; raises LocatedError when the
    first level-2 heading is not a release or the file has none."""
    found: list[Release] = []
    fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence or not line.startswith("## "):
            continue
        if not found or HEADING.match(line):
            found.append(_release(line.rstrip(), path, number))
    if not found:
        raise LocatedError(
            path, 0, f"the changelog has no release heading; add one such as {EXAMPLE!r}."
        )
    return found


def latest_release(path: Path | str, shown: str | None = None) -> Release:
    """The edition's release: the changelog's latest heading."""
    path = Path(path)
    display = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LocatedError(
            display,
            0,
            f"cannot read the changelog ({err.strerror}); the edition's version "
            f"and date are its latest heading, such as {EXAMPLE!r}.",
        ) from None
    return releases(text, display)[0]
