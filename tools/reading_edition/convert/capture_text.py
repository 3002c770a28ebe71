"""Sort the lines of a plain-text web capture into the article and the page around it.

A "select all, copy" capture holds the whole page: menus, headline, byline, date, the article,
captions and credits, share counts, "related" lists, footers. The article is the longest run of
prose: lines long enough to be paragraphs and dense in the language's function words. Around it,
short lines come in runs (menus, lists of other headlines); inside it, single short lines are
subheadings unless their wording or neighbours show them to be page furniture.

Every rule here reads the shape of a line (length, sentence end, share of function words, digits,
position) or a wording common to web pages in general; none names a site. Function words are
learnt from the capture itself (the most frequent words of its long lines), so the rules hold for
any language written with spaces, and line length in characters covers scripts without them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reading_edition.convert.page_wording import (
    ABOUT_LABEL,
    AGO,
    BYLINE,
    BYLINE_EXTRA,
    END_LABEL,
    FUSED_CREDIT,
    LONE_BY,
    REASONS,
    SENTENCE_END,
    LineFacts,
    furniture_kind,
    tail_call,
    wording_kind,
)

_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]")
#: Scripts written without spaces between words: length is counted in characters there.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Line:
    """One non-blank line of the capture, as captured (``text``) and stripped (``clean``)."""

    number: int
    text: str

    @property
    def clean(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class Shape(LineFacts):
    """What the rules read from a line: also its size and its share of capital letters."""

    size: int  # words, or characters / 2 in scripts written without spaces
    upper_share: float


@dataclass(frozen=True)
class Removal:
    """One piece of page residue taken out of the reading text, and why."""

    line: int
    kind: str
    text: str
    reason: str


@dataclass(frozen=True)
class Found:
    """A piece of the page's metadata found in the capture, with its line (or unknown)."""

    text: str | None = None
    line: int | None = None


@dataclass
class CaptureReading:
    """The capture sorted: headline and standfirst, body blocks, metadata and removals."""

    headline: Found
    standfirst: Found
    byline: Found
    date: Found
    #: Words beside the byline's name on its line (handle, relative time), removed as residue.
    byline_extra: Found = field(default_factory=Found)
    #: Body blocks in reading order: (kind, line, text), kind "p" (paragraph) or "h" (heading).
    body: list[tuple[str, int, str]] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


def read_capture(text: str) -> CaptureReading:
    """Sort a capture's lines into headline, standfirst, byline, date, body and residue.

    1. Each line is measured and, where its wording says so, named as furniture.
    2. The article is the run of lines with the most prose (:func:`_best_run`), stretched to
       take in its last short paragraphs.
    3. The headline and standfirst are found just before the prose, the byline and date
       near them; all are kept as metadata, and the headline and standfirst as text.
    4. Inside the run, furniture, lists of links, captions, bios and repeated lines are taken
       out; single short lines are subheadings. Everything outside the run is residue.
    """
    lines = [Line(n, t) for n, t in enumerate(text.splitlines(), start=1) if t.strip()]
    units, removals = _units(lines)
    reading = CaptureReading(Found(), Found(), Found(), Found(), removals=removals)
    if not units:
        return reading
    start, end = _best_run([_weight(u) for u in units])
    end = _extend_end(units, end)
    _mark_lone_bylines(units, end)
    head, stand = _find_headline(units, start, end)
    verdict: dict[int, str] = {}  # index in units -> kind ("p", "h" for body)
    if head is not None:
        verdict[head] = "headline"
        reading.headline = Found(units[head].text, units[head].line.number)
        start = max(start, head + 1)
    if head is not None:
        end = _end_before_repeated_headline(units, head, start, end)
    end = _end_at_label(units, start, end)
    if stand is not None:
        verdict[stand] = "standfirst"
        reading.standfirst = Found(units[stand].text, units[stand].line.number)
        start = max(start, stand + 1)
    _find_byline_and_date(units, start, reading, {i for i in (head, stand) if i is not None})
    end = _sign_off(units, end, reading.byline.text)
    _sort_body(units, start, end, verdict, reading)
    _drop_tail_calls(units, start, end, verdict)
    _cut_at_tail_call(units, start, end, verdict)
    for i in range(end + 1, len(units)):
        verdict[i] = units[i].kind or "page-footer"

    for i, u in enumerate(units):
        kind = verdict.get(i, u.kind or "navigation")
        if kind in {"p", "h"}:
            reading.body.append((kind, u.line.number, u.text))
        elif (
            kind == "byline" and reading.byline_extra.line == u.line.number and reading.byline.text
        ):
            # One line, two records: the name (the author) and the words beside it.
            for k, part in (
                ("byline", reading.byline.text),
                ("byline-extra", reading.byline_extra.text),
            ):
                reading.removals.append(Removal(u.line.number, k, str(part), REASONS[k]))
        elif kind not in {"headline", "standfirst"}:
            reading.removals.append(Removal(u.line.number, kind, u.text, REASONS[kind]))
    reading.removals.sort(key=lambda r: r.line)
    return reading


# --- Measuring the lines ---


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def shape(text: str, stops: frozenset[str]) -> Shape:
    """Measure a line: words, size, sentence end, and shares of function words, digits, capitals."""
    tokens = words_of(text)
    cjk = len(_CJK.findall(text))
    size = max(len(tokens), cjk // 2)
    letters = _LETTERS.findall(text)
    upper = sum(1 for c in letters if c.isupper())
    digits = sum(1 for t in tokens if any(c.isdigit() for c in t))
    stop = sum(1 for t in tokens if t.lower() in stops)
    return Shape(
        words=len(tokens),
        size=size,
        sentence=bool(SENTENCE_END.search(text.rstrip())),
        stop_share=stop / len(tokens) if tokens else 0.0,
        digit_share=digits / len(tokens) if tokens else 0.0,
        upper_share=upper / len(letters) if letters else 0.0,
    )


def learn_stop_words(lines: list[str], count: int = 40) -> frozenset[str]:
    """The capture's function words: the most frequent short words of its longer lines.

    In any language the commonest words of running prose are its function words (articles,
    prepositions, pronouns, auxiliaries); menus and headline lists, made of short lines, are
    left out so that their nouns do not count. Words are counted once per line so that a topic
    word repeated in every paragraph weighs less than a word used everywhere.
    """
    counts: Counter[str] = Counter()
    for text in lines:
        tokens = [t.lower() for t in words_of(text) if not any(c.isdigit() for c in t)]
        if len(tokens) >= 12:
            counts.update(set(t for t in tokens if len(t) <= 5))
    return frozenset(word for word, n in counts.most_common(count) if n >= 2)


@dataclass
class _Unit:
    """A line being sorted: its text (a fused credit cut off), shape and verdict so far."""

    line: Line
    text: str
    shape: Shape
    kind: str | None  # residue kind found by wording, or None
    prose: bool
    fused_credit: str | None = None
    #: No blank line before or after: a list item or a block of a widget, not a paragraph
    #: (a capture's text puts a blank line between paragraphs, none between list items).
    packed: bool = False
    #: A row of a table (cells separated by tabs, as a capture lays a table out) among others.
    table_row: bool = False


def _units(lines: list[Line]) -> tuple[list[_Unit], list[Removal]]:
    """Measure every line, cut credits fused to the start of a paragraph, name furniture."""
    texts = [ln.clean for ln in lines]
    stops = learn_stop_words(texts)
    cjk = sum(len(_CJK.findall(t)) for t in texts)
    spaced = cjk < 0.3 * sum(len(t) for t in texts)
    units: list[_Unit] = []
    fused: list[Removal] = []
    after_credit = False
    for ln in lines:
        text = ln.clean
        credit = None
        match = FUSED_CREDIT.match(text)
        if match and len(text) > len(match.group("credit")) + 20:
            credit = match.group("credit")
            fused.append(Removal(ln.number, "image-credit", credit, REASONS["image-credit"]))
            text = text[len(credit) :]
        sh = shape(text, stops)
        # A byline or date after a picture's credit is one, not the picture's caption.
        kind = wording_kind(text, False) or furniture_kind(text, sh)
        kind = kind or wording_kind(text, after_credit)
        if kind == "image-credit" and sh.words > 14:
            kind = None
        prose = not kind and _is_prose(sh, spaced)
        units.append(_Unit(ln, text, sh, kind, prose, credit))
        # The line after a picture's credit may be its caption.
        after_credit = kind in {"image-credit", "image-caption"} or credit is not None
    numbers = {ln.number for ln in lines}
    for u in units:
        n = u.line.number
        u.packed = n - 1 in numbers and n + 1 in numbers
    _mark_table_rows(units)
    # A capture with no blank lines between paragraphs says nothing by packing.
    paragraphs = [u for u in units if u.prose]
    if sum(u.packed for u in paragraphs) > 0.7 * len(paragraphs):
        for u in units:
            u.packed = False
    return units, fused


#: The fewest cells a row, and rows a table, for lines to be read as a table.
_TABLE_CELLS, _TABLE_ROWS = 3, 3


def _mark_table_rows(units: list[_Unit]) -> None:
    """Mark the rows of tables: consecutive lines of three or more tab-separated cells each
    (a capture's text lays a table out so), three lines at least. A table in the article
    (standings, results, figures) is part of its text; its rows are short and full of digits,
    so without this they read as a list of links."""
    i = 0
    while i < len(units):
        j = i
        while (
            j < len(units)
            and units[j].line.text.count("\t") >= _TABLE_CELLS - 1
            and (j == i or units[j].line.number == units[j - 1].line.number + 1)
        ):
            j += 1
        if j - i >= _TABLE_ROWS:
            for u in units[i:j]:
                u.table_row = not u.kind
        i = max(j, i + 1)


def _is_prose(sh: Shape, spaced: bool) -> bool:
    """Long enough to be a paragraph and dense enough in function words to be running text."""
    if not spaced:
        return sh.size >= 20
    if sh.size >= 12 and sh.stop_share >= 0.18:
        return True
    return sh.sentence and sh.size >= 7 and sh.stop_share >= 0.2


def _title_like(u: _Unit, full_stop: bool = False) -> bool:
    """Shaped like a headline: a few words to a long line, not ending in a full stop (unless
    ``full_stop``), and (in scripts with capitals) not all in small letters, as strings of
    menu links are."""
    sh = u.shape
    if u.kind or u.table_row or not 3 <= sh.words <= 30 or sh.size > 40:
        return False
    if sh.upper_share == 0 and any(c.islower() for c in u.text):
        return False
    end = u.text.rstrip().rstrip("\"'”’»)]")  # a quoted sentence ends at its full stop
    return not end.endswith((":", ";", ",", *(() if full_stop else (".",))))


def _title_case(text: str) -> bool:
    """Most longer words capitalised ("The Weird Plumes of Europa"): a headline's or a menu's
    style, not a standfirst's, which is written as a sentence."""
    words = [w for w in _WORD.findall(text) if len(w) >= 4 and w[0].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# --- The run of prose ---

#: What a table's row counts for, by its words, against a paragraph's: a table in the article
#: is part of its text, but one row says less than a sentence.
_TABLE_WEIGHT = 0.5
#: What a line of prose packed between other lines counts for, against one standing alone as a
#: paragraph: teasers and blurbs in lists of other articles are prose too, but packed.
_PACKED_WEIGHT = 0.1


def _weight(u: _Unit) -> float:
    """How much a line counts towards the run of prose: paragraphs for, furniture against.

    Paragraphs count their words (up to 60, so one long block cannot outweigh the rest); a
    comments header or a label announcing other content weighs heavily against, so that the
    run stops there rather than swallowing readers' comments or a column of teasers.
    """
    if u.prose:
        return float(min(u.shape.size, 60)) * (_PACKED_WEIGHT if u.packed else 1.0)
    if u.table_row:
        return min(u.shape.size, 12) * _TABLE_WEIGHT
    if u.kind == "comments":
        return -40.0
    if u.kind in {"section-label", "promo"} and END_LABEL.match(u.text):
        return -20.0
    if u.kind:
        return -4.0
    if u.shape.sentence and u.shape.size >= 4:
        return 1.0
    return -3.0 if u.shape.size < 6 else -2.0


def _best_run(weights: list[float]) -> tuple[int, int]:
    """The contiguous run of lines with the greatest total weight (Kadane's algorithm)."""
    best, best_span = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _extend_end(units: list[_Unit], end: int) -> int:
    """Take in the article's last short paragraphs, which weigh too little to join the run.

    A final one-sentence paragraph, perhaps under a one-line subheading, stands on its own
    between blank lines; lists of links after an article are packed lines or furniture.
    """
    i = end + 1
    while i < len(units):
        u = units[i]
        if u.kind in {"image-credit", "image-caption"}:
            i += 1
            continue
        if u.kind or u.packed:
            break
        if u.shape.sentence and u.shape.size >= 4 and u.shape.stop_share > 0:
            end = i
        elif not (i + 1 < len(units) and units[i + 1].shape.sentence and not units[i + 1].kind):
            break
        i += 1
    return end


def _end_at_label(units: list[_Unit], start: int, end: int) -> int:
    """A bare label announcing other content ("Read this next", "Related stories", "More
    from ...") after most of the run's prose closes the article: what follows is teasers, which
    stand alone between blank lines as paragraphs do and can outweigh the label. Before most of
    the prose, such a label is a box the capture placed inside the article, which goes on."""
    total = sum(u.shape.size for u in units[start : end + 1] if u.prose)
    seen = 0
    for i in range(start, end + 1):
        u = units[i]
        if u.prose:
            seen += u.shape.size
        elif u.kind and u.shape.words <= 5 and END_LABEL.match(u.text) and seen > total / 2:
            return i - 1
    return end


def _end_before_repeated_headline(units: list[_Unit], head: int, start: int, end: int) -> int:
    """The headline shown again after the article's paragraphs (a share box, a breadcrumb, the
    first of a list of posts) closes the article: the run ends before it."""
    title = units[head].text
    prose_seen = False
    for i in range(max(start, head + 1), end + 1):
        if units[i].text == title and prose_seen:
            return i - 1
        prose_seen = prose_seen or units[i].prose
    return end


def _drop_tail_calls(units: list[_Unit], start: int, end: int, verdict: dict[int, str]) -> None:
    """The site's calls to action closing the run ("Subscribe to our newsletter", "Follow us
    on Twitter", "Have a tip? ... may be reached at") are promotions, from the last line back
    to the article's last paragraph that is not one."""
    for k in range(end, start - 1, -1):
        if verdict.get(k) not in {"p", "h"}:
            continue
        if not tail_call(units[k].text, units[k].shape):
            return
        verdict[k] = "promo"


#: The share of the article's words that may follow a call to action ending it.
_AFTER_TAIL_CALL = 0.2


def _cut_at_tail_call(units: list[_Unit], start: int, end: int, verdict: dict[int, str]) -> None:
    """A call to action with little text after it (a fifth of the run's words at most) ends
    the article: what follows is the site's (a newsletter's form, its terms, the publisher's
    blurb), not more of the article. The call is a sentence addressed to the reader ("Stay up
    to date. Subscribe to our newsletter."); a subheading naming an offer ("Sign up for X and
    save $5") heads more of the article. A promotion in the middle of an article, with much of
    it still to come, stays where :func:`_sort_body` put it."""
    body = [k for k in range(start, end + 1) if verdict.get(k) in {"p", "h", "promo"}]
    total = sum(units[k].shape.size for k in body if verdict[k] != "promo")
    left = total
    for k in body:
        sh = units[k].shape
        if left <= _AFTER_TAIL_CALL * total and sh.sentence and tail_call(units[k].text, sh):
            verdict[k] = "promo"
            for m in range(k + 1, end + 1):
                if verdict.get(m) in {"p", "h"}:
                    verdict[m] = "page-footer"
            return
        if verdict[k] != "promo":
            left -= sh.size


#: The most lines, and words a line, of an article's sign-off.
_SIGN_OFF_LINES, _SIGN_OFF_WORDS = 2, 5


def _sign_off(units: list[_Unit], end: int, byline: str | None) -> int:
    """Take in the article's sign-off: short lines standing alone (blank lines around them)
    right after the last paragraph, the last naming the byline's author ("Merry Christmas" /
    "Silicon UK staff" under "By Silicon UK staff"), followed by furniture, a list or the end.
    Footer lines of the same shape ("Report Error", "Ad Choices") name no author."""
    names = {w for w in _WORD.findall(byline or "") if len(w) >= 3 and w[0].isupper()} - {"By"}
    lines = 0
    while (
        end + lines + 1 < len(units)
        and lines < _SIGN_OFF_LINES
        and not (u := units[end + lines + 1]).kind
        and not u.packed
        and not u.prose
        and 1 <= u.shape.words <= _SIGN_OFF_WORDS
    ):
        lines += 1
    while lines and not names & set(_WORD.findall(units[end + lines].text)):
        lines -= 1  # the sign-off ends with the author's name
    after = end + lines + 1
    if lines and (after >= len(units) or units[after].kind or units[after].packed):
        return end + lines
    return end


# --- Headline, standfirst, byline and date ---


def _find_headline(units: list[_Unit], start: int, end: int) -> tuple[int | None, int | None]:
    """The headline and standfirst: indices in ``units``, either possibly None.

    The headline is a line shaped like one (a few words to a long line, no full stop) in the
    last lines before the article's prose or the first of its run; it is preferred when a
    byline or date follows it closely, when it is long enough to say something (menus and
    buttons are short), and when it is nearest the prose. A shorter line of that shape just
    before it is the headline instead, and the longer one its standfirst (the page's summary).
    """
    first_prose = _first_paragraph(units, start, end)
    run_prose = next((k for k in range(start, end + 1) if units[k].prose), first_prose)
    low = max(0, start - 12)
    best: tuple[float, int] | None = None
    for i in range(low, first_prose):
        u = units[i]
        if _caption_above_credit(units, i, len(units) - 1):
            continue
        follow = [v for v in units[i + 1 : i + 5] if v.kind in {"byline", "date"}]
        # Prose of the run above its byline may be the headline only if it does not end in a
        # full stop (a question, say): else it is a standfirst or a caption.
        stamped = i < run_prose and any(v.kind in {"byline", "date"} for v in units[i + 1 : i + 3])
        # A headline may end in a full stop ("... They just might be."): then its byline or
        # date, right below it, says what it is.
        if not (_title_like(u) or (stamped and _title_like(u, full_stop=True))) or (
            u.packed and u.shape.words < 4
        ):
            continue
        score = 0.0
        if follow:
            score += 3
        if u.shape.words >= 5:
            score += 2
        elif u.shape.words <= 3:
            score -= 3
        if u.shape.upper_share > 0.9:
            score -= 1  # a kicker or a section name in capitals
        score += i / max(1, first_prose)  # nearer the prose is likelier
        if best is None or score >= best[0]:
            best = (score, i)
    if best is None:
        # No line has a headline's shape: take the nearest line of text before the prose, so
        # that the reading text keeps a headline from the witness (the edition needs one).
        plain = [i for i in range(low, first_prose) if not units[i].kind and units[i].shape.words]
        return (plain[-1], None) if plain else (None, None)
    head = best[1]
    # A shorter headline-shaped line just before (only furniture between): headline + standfirst.
    k = head - 1
    while k >= low and units[k].kind and head - k <= 3:
        k -= 1
    if (
        k >= low
        and head - k <= 3
        and _title_like(units[k])
        and units[k].shape.upper_share <= 0.9
        and 4 <= units[k].shape.words < units[head].shape.words
        and not _title_case(units[head].text)
    ):
        return k, head
    # Else the standfirst is the first line of text between the headline and the prose, if the
    # prose follows it directly: on a page whose paragraphs do not end in full stops, a line
    # without one says nothing, and it is the first paragraph.
    for j in range(head + 1, first_prose):
        v = units[j]
        if not v.kind and v.shape.words >= 6 and not _caption_above_credit(units, j, end):
            between = [w for w in units[j + 1 : first_prose] if not w.kind]
            return (head, j) if not between else (head, None)
    return head, None


def _stamped(units: list[_Unit], i: int) -> bool:
    """A byline or the article's date (not a list's "2 hours ago") within two lines below."""
    return any(
        v.kind == "byline" or (v.kind == "date" and not AGO.search(v.text))
        for v in units[i + 1 : i + 3]
    )


#: How many lines of prose of the run may stand above its byline (headline, standfirst...).
_ABOVE_BYLINE = 2


def _first_paragraph(units: list[_Unit], start: int, end: int) -> int:
    """The run's first paragraph: its first line of prose, unless a byline or date follows one
    of its first three lines of prose closely; then that line is the headline ("What is the
    value of drugs...?") or the standfirst above the byline, and the article starts below."""
    prose = [k for k in range(start, end + 1) if units[k].prose and units[k].shape.sentence]
    # A byline among the run's first lines of prose opens the article: the lines above it are
    # headline, standfirst, a pull quote, not its paragraphs.
    stamped = [n for n, k in enumerate(prose[: _ABOVE_BYLINE + 1]) if _stamped(units, k)]
    if stamped and stamped[-1] + 1 < len(prose):
        return prose[stamped[-1] + 1]
    return prose[0] if prose else start


#: A line that is a name, perhaps with a title or employer ("Jane Doe, Business Reporter").
_NAME_LINE = re.compile(r"^[A-Z@][\w'’.@-]*(?: [A-Z][\w'’.-]+){0,3}(?:\s*[,|–—-].{0,40})?$")


def _mark_lone_bylines(units: list[_Unit], end: int) -> None:
    """A lone "By" and the name on the line after it are a byline."""
    for i in range(min(end, len(units) - 1)):
        u, nxt = units[i], units[i + 1]
        if LONE_BY.match(u.text) and nxt.shape.words <= 8 and _NAME_LINE.match(nxt.text):
            u.kind = nxt.kind = "byline"


#: A writer's name opening a date line ("Jane Doe, 3 May 2024", "Jane Doe - Nov 19, 2019",
#: "Associated Press November 19, 2019"), or a name and a handle ("Jane Doe @janedoe").
_NAME_BEFORE_DATE = re.compile(
    r"^(?P<name>(?:[A-Z][\w'’.-]+ ){1,3}?[A-Z][\w'’.-]+)"
    r"(?:\s*[,|–—/-]|\s+(?=\d)|\s+(?=@\w)"
    r"|\s+(?=(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d))"
)
#: "by Name" inside a date line ("Posted on 27 October 2015 by Admin", "11/19/2019 by Jo Lee").
_BY_NAME = re.compile(r"(?:^|[\s/|])(?i:by):?\s+(?P<name>[A-Z@][\w'’.@-]*(?: [A-Z][\w'’.-]+){0,3})")
#: Words that open date lines and are no one's name.
_NOT_NAMES = frozenset(
    "published updated posted modified last first am pm mon tue wed thu fri sat sun monday "  # noqa: SIM905 (words read best as words)
    "tuesday wednesday thursday friday saturday sunday jan feb mar apr may jun jul aug sep "
    "sept oct nov dec january february march april june july august september october "
    "november december".split()
)


def _name_match(text: str) -> re.Match[str] | None:
    """Where a date line gives the writer's name, if it gives one."""
    match = _NAME_BEFORE_DATE.match(text) or _BY_NAME.search(text)
    if not match or AGO.search(text):
        return None
    name = match.group("name")
    return None if any(w.lower().strip(".") in _NOT_NAMES for w in name.split()) else match


def _name_in(text: str) -> str | None:
    """The writer's name in a date line, if it gives one."""
    match = _name_match(text)
    return match.group("name") if match else None


#: What separates a writer's name from the date beside it.
_NAME_DATE_GAP = " \t,|–—/-"


def _date_in(text: str) -> str:
    """A date line without the writer's name it gives: the article's date ("Tom Jowitt,
    December 19, 2025, 1:04 pm" gives "December 19, 2025, 1:04 pm"; "11/19/2019 by Jo Lee"
    gives "11/19/2019"). The line stays whole in the residue record."""
    match = _name_match(text)
    if match is None:
        return text
    rest = f"{text[: match.start()].rstrip(_NAME_DATE_GAP)} {text[match.end() :]}"
    return rest.strip(_NAME_DATE_GAP) or text


def _find_byline_and_date(
    units: list[_Unit], start: int, reading: CaptureReading, taken: set[int]
) -> None:
    """The article's byline and date: those nearest before its first paragraph.

    The byline may stand between the headline and the first paragraph, so the search starts
    there. A "By" line is the byline (a lone "By" takes the name on the next line); failing
    one, a name on the line above a date, or a date line that opens with a name or names
    someone after "by". ``taken`` are the headline's and standfirst's lines.
    """
    first = next((i for i in range(start, len(units)) if units[i].prose), start)
    window = range(first - 1, max(-1, start - 15), -1)
    for i in window:
        u = units[i]
        if u.kind == "byline" and not LONE_BY.match(u.text):
            reading.byline = Found(u.text, u.line.number)
            break
    for i in window:
        u = units[i]
        if u.kind != "date" or AGO.search(u.text):
            continue
        if reading.byline.text is None:
            above = units[i - 1] if i > 0 else None
            name = _name_in(u.text)
            if (
                above
                and i - 1 not in taken
                and not above.kind
                and above.shape.words <= 8
                and _NAME_LINE.match(above.text)
            ):
                above.kind = "byline"
                reading.byline = Found(above.text, above.line.number)
            if reading.byline.text is None and name:
                u.kind = "byline"
                reading.byline = Found(name, u.line.number)
        if reading.date.text is None:
            reading.date = Found(_date_in(u.text), u.line.number)
    _split_byline(reading)


def _split_byline(reading: CaptureReading) -> None:
    """Keep only the name in the byline: the writer's handle, a relative time or an update note
    beside it ("Jane Doe @janedoe / 2 days") become ``byline_extra``, residue of the page."""
    text, line = reading.byline.text, reading.byline.line
    cut = BYLINE_EXTRA.search(text or "")
    if text is None or cut is None or not text[: cut.start()].strip():
        return
    reading.byline = Found(text[: cut.start()].strip(), line)
    reading.byline_extra = Found(text[cut.start() :].strip(), line)


def _author_name(byline: str | None) -> str | None:
    """The first two words of the byline's name ("By Jane Doe, 3 May" gives "Jane Doe")."""
    if not byline:
        return None
    rest = BYLINE.sub(lambda m: m.group(0)[-1], byline, count=1) if BYLINE.match(byline) else byline
    names = [w for w in re.split(r"[\s,|•·-]+", rest) if w and w[0].isupper() and w.isalpha()]
    return " ".join(names[:2]) if len(names) >= 2 else None


# --- Inside the run ---


def _sort_body(
    units: list[_Unit], start: int, end: int, verdict: dict[int, str], reading: CaptureReading
) -> None:
    """Sort the lines of the run of prose: paragraphs, subheadings and residue inside it."""
    seen: dict[str, list[int]] = {}
    for k, other in enumerate(units):
        seen.setdefault(other.text, []).append(k)

    def repeated(i: int) -> bool:
        """Shown twice close together (a caption over a picture and under it), or before."""
        return any(k != i and (abs(k - i) <= 3 or k < start) for k in seen[units[i].text])

    name = _author_name(reading.byline.text or reading.date.text)
    i = start
    while i <= end:
        u = units[i]
        if u.kind in {"promo", "section-label"} and not (
            i > 0 and units[i - 1].line.number == u.line.number - 1
        ):
            # A box opened by a promotion or a section label: its lines, up to the next blank
            # line, belong to it ("Premium download" / the title / its blurb / button).
            verdict[i] = u.kind
            while i + 1 <= end and units[i + 1].line.number == units[i].line.number + 1:
                i += 1
                verdict[i] = u.kind
            i += 1
            # "About Jane Doe": the paragraphs under it are her biography.
            while ABOUT_LABEL.match(u.text) and i <= end and units[i].prose:
                verdict[i] = "author-bio"
                i += 1
            continue
        if u.kind:
            verdict[i] = u.kind
            i += 1
            continue
        if u.table_row:
            verdict[i] = "p"
            i += 1
            continue
        bio = _bio_lines(units, i, end, name)
        if bio:
            for k in bio:
                verdict[k] = "author-bio"
            i = max(bio) + 1
            continue
        if u.prose or (u.shape.sentence and u.shape.size >= 4):
            if not u.prose and repeated(i):
                verdict[i] = "repeated"
            elif _caption_above_credit(units, i, end):
                verdict[i] = "image-caption"
            else:
                verdict[i] = "p"
            i += 1
            continue
        # A run of short lines that are not sentences: a list of links, or one subheading.
        j = i
        while (
            j + 1 <= end
            and units[j + 1].line.number == units[j].line.number + 1
            and not units[j + 1].prose
            and not units[j + 1].kind
            and not (units[j + 1].shape.sentence and units[j + 1].shape.size >= 4)
        ):
            j += 1
        if j > i:
            for k in range(i, j + 1):
                verdict[k] = "link-list"
        elif repeated(i):
            verdict[i] = "repeated"
        elif _caption_above_credit(units, i, end):
            verdict[i] = "image-caption"
        else:
            verdict[i] = "h" if u.shape.size <= 12 else "p"
        i = j + 1
    # A subheading heads a paragraph: short lines after the last one are the article's
    # sign-off ("Merry Christmas" / "Silicon UK staff"), kept as paragraphs of the text.
    last_p = max((k for k, v in verdict.items() if v == "p" and start <= k <= end), default=None)
    for k in range(last_p + 1, end + 1) if last_p is not None else ():
        if verdict.get(k) == "h":
            verdict[k] = "p"


def _bio_lines(units: list[_Unit], i: int, end: int, author: str | None) -> list[int]:
    """The lines of an author's biography starting at ``i``, or none.

    A biography opens with the writer's name: on a line of its own followed by prose that starts
    with the same name, or straight in prose starting with the byline's name (given as the
    sentence's subject: "Jane Doe is a reporter...").
    """
    u = units[i]
    words = u.text.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and i + 1 <= end:
        nxt = units[i + 1]
        if nxt.prose and nxt.text.startswith(u.text + " "):
            return [i, i + 1]
    if author and u.prose and u.text.startswith(author + " ") and i >= end - 2:
        return [i]
    return []


def _caption_above_credit(units: list[_Unit], i: int, end: int) -> bool:
    """A line directly above a picture's credit line, with no blank line between: its caption
    (or one of its two captions, the full one and one cut short: "... The Islanders ... more")."""
    for j in range(i + 1, min(i + 3, end + 1)):
        below = units[j]
        if below.line.number != units[j - 1].line.number + 1:
            return False
        if below.kind == "image-credit":
            return not below.fused_credit
        if below.kind:
            return False
    return False


#: What opens a byline before the writer's name: "By", "Posted by", "Posted on 27 October 2015
#: by", "Von", "Por", "Oleh" ... (page_wording's BYLINE, without the name it requires).
_BYLINE_OPENING = re.compile(
    r"^\s*(?:(?:posted|written|published|reported|words|text|story)\s+(?:on\s+.{1,40}?\s+)?by|"
    r"by|von|par|por|di|door|oleh|av|af)\b[\s:]+",
    re.IGNORECASE,
)
#: Where the name ends and the page's words beside it begin: a dash between spaces ("Tim Childers
#: - Live Science Contributor", "Jeff Foust — November 18, 2019"), an e-mail address, an ISO
#: timestamp, " on <day or date>", "publiziert am", a handle or a relative time (BYLINE_EXTRA).
_AFTER_NAME = re.compile(
    r"\s+[-–—|]\s*|\s+[-–—]$|\s+\S+@\S+|\s*\b(?:19|20)\d\d-\d\d-\d\d|"
    r"\s+on\s+(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)|"
    r"\s+(?:publiziert|veröffentlicht)\s+am\b|\s+(?:publié|publicado)\s+(?:le|el|em)\b",
    re.IGNORECASE,
)


def byline_author(byline: str | None) -> str | None:
    """The writer's name(s) in a byline, for the article's facts: without "By" (or its
    equivalents), the writer's role, an e-mail address, a timestamp and what follows it (a
    section's name: "By Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z Space"
    gives "Tim Childers"), a date ("… on Monday, November 18th, 2019") or a handle. The byline
    stays whole in the residue record."""
    if not byline:
        return None
    text = " ".join(byline.split())
    text = _BYLINE_OPENING.sub("", text, count=1)
    for cut in (_AFTER_NAME, BYLINE_EXTRA):
        found = cut.search(text)
        if found and found.start() > 0:
            text = text[: found.start()]
    return re.sub(r"\s+,", ",", text).strip(" ,;:|-–—") or None
