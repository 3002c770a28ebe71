"""Dates as readers read them: 2026-11-27 → 27 November 2026, 2013-09 → September 2013.

The files, the records and the W3C export keep ISO dates (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``); every output shows them written out by Babel (CLDR's forms, not month names
typed here), in British English: with ``language = "en"`` CLDR writes "October 20, 2013", and
the edition writes day, month, year ("20 October 2013"), so the locale is ``en_GB`` on purpose.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from babel.dates import format_date, format_skeleton

#: The edition's dates: British English, day before month.
LOCALE = "en_GB"

ISO_DATE = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b")


def _written(found: re.Match[str]) -> str:
    return _spelled(found.group())


@cache
def _spelled(iso: str) -> str:
    """One ISO date written out. Cached: Babel takes about 0.2 ms a date, and every page of a
    build asks again for the edition's date and its notes' dates (a few hundred distinct ones)."""
    found = ISO_DATE.fullmatch(iso)
    assert found is not None  # only called with ISO_DATE's own matches
    year, month, day = int(found.group(1)), int(found.group(2)), found.group(3)
    if day is None:
        return format_skeleton("yMMMM", date(year, month, 1), locale=LOCALE)
    try:
        return format_date(date(year, month, int(day)), "long", locale=LOCALE)
    except ValueError:  # 2013-02-30: not a date (the schema refuses it); left as written
        return iso


def for_people(text: str) -> str:
    """*text* with each ISO date in it written out (a year alone, or ``n.d.``, stays)."""
    return ISO_DATE.sub(_written, text)


#: A date as the files write one: a year, a month or a day (the annotation schema's
#: ``partialdate``).
PARTIAL_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: What a source's or an article's date may say when its page shows none.
NO_DATE = "n.d."


def date_problem(value: str, today: date | None = None) -> str | None:
    """What is wrong with a date written as YYYY, YYYY-MM or YYYY-MM-DD (or ``n.d.``), in the
    annotation checker's words, or None: not of that form, not a real date, or in the future."""
    if value == NO_DATE:
        return None
    found = PARTIAL_ISO_DATE.fullmatch(value)
    if found is None:
        return f"{value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or 'n.d.'."
    year, month, day = (int(part) if part else 1 for part in found.groups())
    try:
        earliest = date(year, month, day)
    except ValueError:
        return f"{value!r} is not a real date."
    today = today or date.today()
    if earliest > today:
        return f"{value!r} is in the future (today is {today.isoformat()}); check it."
    return None
