"""The article's date as an ISO date, read from the words a page gives it ("Nov. 19, 2019 8:03 am
ET", "19.11.2019, 08:57", "2019-11-19T12:48:14Z"), or None.

The reading is deliberately narrow: an ISO date or timestamp; a day, an English month's name or
abbreviation and a four-digit year in either order; a numeric day, month and four-digit year
where the order is certain (dots: day first; slashes: whichever of the first two numbers is over
12 is the day). Anything else ("11/10/2019", "Monday 6:30PM", another language's month) gives
None, and the metadata file says "unknown" with the page's words beside it for the editor: a
wrong date in a citation is worse than none. (dateparser, which trafilatura brings, was tried on
the corpus's date lines and read "Nov. 20, 2019" as 20 December.)
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"

#: Each form, most certain first.
_FORMS = [
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"(?<!\d){_DAY}\.?\s+{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"(?<![\d.]){_DAY}\.(?P<month>[01]?\d)\.{_YEAR}"),
]
_SLASHED = re.compile(rf"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}")


def iso_date(words: str | None) -> str | None:
    """The first date the words give for certain, as YYYY-MM-DD (a year alone as YYYY); None
    if they give none."""
    if not words:
        return None
    if re.fullmatch(r"\s*(?:19|20)\d\d\s*", words):  # a year alone ("© 2019" is residue)
        return words.strip()
    for form in _FORMS:
        found = form.search(words)
        if found:
            month = found["month"]
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            return _real(int(found["year"]), number, int(found["day"]))
    found = _SLASHED.search(words)
    if found:
        a, b = int(found["a"]), int(found["b"])
        if a > 12 >= b:
            return _real(int(found["year"]), b, a)
        if b > 12 >= a:
            return _real(int(found["year"]), a, b)
    return None


def _real(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
