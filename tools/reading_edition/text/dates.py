"""Dates as readers read them: 2026-11-27 → 27 November 2026, 2013-09 → September 2013.

The files, the records and the W3C export keep ISO dates (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``); every output shows them written out, in the edition's language (English).
"""

from __future__ import annotations

import re

ISO_DATE = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _written(found: re.Match[str]) -> str:
    year, month, day = found.group(1), MONTHS[int(found.group(2)) - 1], found.group(3)
    return f"{int(day)} {month} {year}" if day else f"{month} {year}"


def for_people(text: str) -> str:
    """*text* with each ISO date in it written out (a year alone, or ``n.d.``, stays)."""
    return ISO_DATE.sub(_written, text)
