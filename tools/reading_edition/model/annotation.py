"""The annotation model: one file under ``annotations/`` → one validated :class:`Annotation`.

The front matter is checked against the schema generated from the model
(:mod:`reading_edition.model.schema`; editors can point their YAML language server at
``annotation.schema.json``); every problem becomes a :class:`LocatedError` with the
file and the line of the offending field.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema

from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.front_matter import FrontMatter, read
from reading_edition.model.kinds import FACTUAL_KINDS, KINDS
from reading_edition.model.schema import EXPECTED, ID, NOT_IN_MOVED, validation_schema

ID_PATTERN = re.compile(ID)


def line_in(lines: dict[tuple[str | int, ...], int], key: tuple[str | int, ...]) -> int:
    """The file line of the field at ``key``, or of its nearest enclosing field (else 1)."""
    while key and key not in lines:
        key = key[:-1]
    return lines.get(key, 1)


class AnnotationError(Exception):
    """One or more located problems in an annotation file."""

    def __init__(self, errors: list[LocatedError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Via:
    """The copy of a source that was read, when the original could not be."""

    title: str
    publisher: str
    url: str
    date: str | None = None


@dataclass(frozen=True)
class Source:
    """A source as its original publisher gave it; ``via`` names the copy read, if any.

    ``url`` is absent when the original's own page was not found: the source is then cited by
    title, publisher and date, and ``via`` (required then) names the copy the edition read.
    """

    title: str
    publisher: str
    date: str
    url: str | None = None
    archived_url: str | None = None
    quote: str | None = None
    via: Via | None = None
    #: "primary record", "news report" or "analysis or reference", when the address does not tell
    #: (sources register).
    standing: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Source:
        via = data.get("via")
        return cls(**{**data, "via": Via(**via) if via else None})

    @property
    def key(self) -> str:
        """What makes two citations the same source: its address, or, without one, the copy
        read and the original's date (a note and a footnote may word the title differently)."""
        if self.url:
            return self.url
        if self.via:  # the copy read, and the original's date: the same report, however named
            return f"{self.via.url} | {self.date}"
        words = (self.publisher, self.date, self.title)
        return " | ".join(" ".join(re.findall(r"\w+", w.casefold())) for w in words)

    @property
    def identifier(self) -> str:
        """A stable IRI for the source: its URL, or, without one, a name-based UUID of its
        :attr:`key` (the same source gets the same id in every build and every export)."""
        return self.url or uuid.uuid5(uuid.NAMESPACE_URL, "source:" + self.key).urn


def distinct_sources(sources: Iterable[Source]) -> list[tuple[Source, list[str]]]:
    """Each source once (by :attr:`Source.key`, in the order first cited) with all its quotes:
    a note may cite one page several times, once per passage it relies on, and a reader should
    see that page named once, its quotes together."""
    by_key: dict[str, tuple[Source, list[str]]] = {}
    for source in sources:
        _, quotes = by_key.setdefault(source.key, (source, []))
        if source.quote and source.quote not in quotes:
            quotes.append(source.quote)
    return list(by_key.values())


@dataclass(frozen=True)
class Imported:
    """Where an annotation imported from Hypothesis came from, and under which licence."""

    id: str
    licence: str
    url: str | None = None
    user: str | None = None


@dataclass(frozen=True)
class Target:
    exact: str
    prefix: str | None = None
    suffix: str | None = None


@dataclass
class Annotation:
    id: str
    path: str
    target: Target
    kind: str
    title: str
    authors: list[str]
    created: str
    updated: str | None = None
    sources: list[Source] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    hypothesis: Imported | None = None
    body: str = ""
    body_line: int = 1
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    def line_of(self, *key: str | int) -> int:
        """The file line of a field (or of its nearest enclosing field)."""
        return line_in(self.lines, key)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def factual(self) -> bool:
        return self.kind in FACTUAL_KINDS


@dataclass
class MovedAnnotation:
    """An annotation whose note now lives in another: its file and address stay."""

    id: str
    path: str
    title: str
    moved_to: str
    authors: list[str]
    created: str
    updated: str | None = None
    body: str = ""
    body_line: int = 1
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    def line_of(self, *key: str | int) -> int:
        """The file line of a field (or of its nearest enclosing field)."""
        return line_in(self.lines, key)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(validation_schema())


def _did_you_mean(written: list[str], known: Iterable[str], *, reverse: bool = False) -> str:
    """ " (did you mean 'kind'?)" for each written field close to a known one."""
    pairs = [
        (w, close[0]) for w in written if (close := difflib.get_close_matches(w, known, 1, 0.6))
    ]
    if not pairs:
        return ""
    if reverse:
        return " " + " ".join(f"Is {w!r} a misspelling of {k!r}?" for w, k in pairs)
    if len(pairs) == 1 and len(written) == 1:
        return f" (did you mean {pairs[0][1]!r}?)"
    return " (did you mean " + ", ".join(f"{k!r} for {w!r}" for w, k in pairs) + "?)"


def _example_line(name: str) -> str:
    """A line of the front matter that gives the field ``name``, to copy and change."""
    examples = {
        "title": 'title: "A short title"',
        "kind": f"kind: context (or one of {', '.join(k for k in KINDS if k != 'context')})",
        "authors": 'authors: ["Your Name"]',
        "created": f'created: "{dt.date.today().isoformat()}"',
        "target": 'target: on its own line, with exact: "the words you annotate" below it, '
        "indented by two spaces",
        "sources": "sources: on its own line, with each source below it starting '  - title: '",
    }
    return examples.get(name, f"{name}: …")


def _field_help(schema: dict[str, Any], name: str) -> str:
    """ " (what the field holds)" from the schema's description of the field, or ""."""
    prop = schema.get("properties", {}).get(name, {})
    ref = prop.get("$ref", "")
    if ref.startswith("#/$defs/"):
        prop = validation_schema().get("$defs", {}).get(ref.rsplit("/", 1)[1], prop)
    description = str(prop.get("description", "")).strip().rstrip(".")
    if description[1:2].islower():  # "The address …" → "the address …"; "YYYY, …" stays
        description = description[:1].lower() + description[1:]
    return f" ({description})" if description else ""


def _describe(error: jsonschema.ValidationError) -> tuple[tuple[str | int, ...], str]:
    """A contributor-friendly message for one schema error, and the path it concerns."""
    where = tuple(error.absolute_path)
    name = ".".join(str(p) for p in where) or "front matter"
    validator, value = error.validator, error.instance
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed))
        return (*where, extra[0]), (
            f"unknown field {', '.join(map(repr, extra))} in {name}{_did_you_mean(extra, allowed)};"
            f" allowed fields are {', '.join(allowed)}."
        )
    if validator == "required":
        present = value if isinstance(value, dict) else {}
        missing = [k for k in error.validator_value if k not in present]
        hints = {
            "sources": " (every kind except analysis must cite at least one source)",
            "quote": " (every source of a factual note carries the source's own words that "
            "support it)",
        }
        fields = ", ".join(map(repr, missing))
        plural = "s" if len(missing) > 1 else ""
        # What the field holds, in the schema's own words, unless a fuller hint is written here.
        hint = "".join(hints.get(m) or _field_help(error.schema, m) for m in missing)
        # A field written with a typo is reported here as missing and there as unknown: say so.
        typo = _did_you_mean(
            sorted(set(present) - set(error.schema.get("properties", {}))), missing, reverse=True
        )
        if where:
            return where, f"missing required field{plural} {fields} in {name}{hint}.{typo}"
        # A field of the front matter has no line of its own: named at the line opening it.
        them = "them" if len(missing) > 1 else "it"
        examples = " and ".join(_example_line(m) for m in missing)
        return ("<open>",), (
            f"missing required field{plural} {fields} in front matter{hint}.{typo} Add {them} "
            f"before the closing '---': {examples}"
        )
    if validator == "enum":
        return where, f"{name}: {value!r} is not one of {', '.join(error.validator_value)}."
    if validator == "pattern":
        # Every pattern of the schema says what it expects (a test holds it to that).
        what = error.schema.get(EXPECTED, f"of the form {error.validator_value}")
        return where, f"{name}: {value!r} is not {what}."
    if validator == "anyOf" and len(where) == 2 and where[0] == "sources":
        return where, (
            f"{name} has no url: give the address of the source's own page, or, when that "
            "page was not found, name the copy you read in via (title, publisher, url)."
        )
    if validator == "anyOf" and where and where[-1] == "date":
        return where, f"{name}: {value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or 'n.d.'."
    if validator == "type":
        return where, _type_message(where, name, str(error.validator_value), value)
    if validator in {"minLength", "minItems"}:
        if not value:
            return where, f"{name}: must not be empty."
        return where, f"{name}: too short (at least {error.validator_value} characters)."
    if validator in {"maxLength", "maxItems"}:
        return where, f"{name}: too long (limit {error.validator_value})."
    if validator == "uniqueItems":
        return where, f"{name}: lists the same value twice."
    return where, f"{name}: {error.message}."


#: The first field to show in the example of a mapping, by the field that holds it.
_FIRST_FIELD = {"target": "exact", "sources": "title", "via": "title", "hypothesis": "id"}


def _type_message(where: tuple[str | int, ...], name: str, expected: str, value: Any) -> str:
    """A value of the wrong YAML type, with the form it must take, shown on its own value."""
    key = next((str(k) for k in reversed(where) if isinstance(k, str)), name)
    shown = value if isinstance(value, str) else "…"
    if expected == "array" and (isinstance(value, dict) or key in _FIRST_FIELD):
        first = next(iter(value), "") if isinstance(value, dict) else ""
        first = first or _FIRST_FIELD.get(key, "field")
        return (
            f"{name}: expected a list; start each item with '- ' (a dash and a space) before its "
            f"first field: '  - {first}: …', its other fields lined up below it."
        )
    if expected == "array":
        listed = json.dumps([shown], ensure_ascii=False)
        return f"{name}: expected a list; write it in brackets: {key}: {listed}"
    if expected == "object":
        first = _FIRST_FIELD.get(key, "field")
        quoted = json.dumps(shown, ensure_ascii=False)
        return (
            f"{name}: expected a mapping of fields; write '{key}:' alone on its line and its "
            f"fields below it, each indented by two spaces: '  {first}: {quoted}'."
        )
    if expected == "string":
        return f'{name}: expected a text value; write it in double quotes: {key}: "…"'
    return f"{name}: expected {expected}."


#: How the scaffold (``edition new``) and the page's "Annotate" link mark what is still to be
#: written: every such value starts with this word (URLs end with it).
PLACEHOLDER = "TODO"
#: What to write in place of a placeholder, by field.
_TO_FILL = {
    "title": "a short title",
    "authors": "your name",
    "publisher": "the source's publisher",
    "url": "the source's address",
    "date": "the source's date (YYYY-MM-DD, YYYY-MM or YYYY), or n.d. if it shows none",
    "quote": "the source's own words that support the note",
}


def _is_placeholder(value: object) -> bool:
    return isinstance(value, str) and (
        value.strip().startswith(PLACEHOLDER) or value.rstrip("/").endswith("/" + PLACEHOLDER)
    )


def _check_placeholders(fm: FrontMatter) -> list[tuple[tuple[str | int, ...], str]]:
    """Values and body lines the scaffold left to fill in: refused until they are written."""
    found: list[tuple[tuple[str | int, ...], str]] = []

    def visit(key: tuple[str | int, ...], value: object) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                visit((*key, name), item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                visit((*key, i), item)
        elif _is_placeholder(value):
            field = next((k for k in reversed(key) if isinstance(k, str)), "value")
            what = _TO_FILL.get(field, f"the {field}")
            if key[:1] == ("sources",) and field == "title":
                what = "the source's title, as it gives it"
            name = ".".join(map(str, key))
            found.append((key, f"{name} still holds the placeholder {value!r}; write {what}."))

    visit((), fm.data)
    for offset, line in enumerate(fm.body.split("\n")):
        if line.strip().startswith(PLACEHOLDER):
            found.append(
                (
                    ("<body>", offset),
                    f"the body still holds the placeholder {line.strip()!r}; write the "
                    "annotation in its place.",
                )
            )
    return found


MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July")
MONTHS += ("August", "September", "October", "November", "December")


def _unreal_date_part(value: str) -> str | None:
    """Which part of a value written as a date (YYYY-MM or YYYY-MM-DD) does not exist, in
    words: ``month 13 (a month is 01 to 12)``, ``day 30 (February 2013 has 28 days)``."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return f"month {match[2]} (a month is 01 to 12)"
    if match[3] is None:
        return None
    days = calendar.monthrange(year, month)[1]
    if not 1 <= int(match[3]) <= days:
        return f"day {match[3]} ({MONTHS[month - 1]} {year} has {days} days)"
    return None


def _check_dates(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Dates that match the pattern but do not exist (2013-02-30)."""
    found = []
    candidates: list[tuple[tuple[str | int, ...], Any]] = [
        (("created",), data.get("created")),
        (("updated",), data.get("updated")),
    ]
    for i, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict):
            candidates.append((("sources", i, "date"), source.get("date")))
            via = source.get("via")
            if isinstance(via, dict):
                candidates.append((("sources", i, "via", "date"), via.get("date")))
    today = dt.date.today()
    for key, value in candidates:
        name = ".".join(map(str, key))
        wrong = _unreal_date_part(value) if isinstance(value, str) else None
        if wrong:
            found.append((key, f"{name}: {value!r} is not a real date: {wrong}."))
            continue
        # The earliest day the value can mean is still to come: a typo in the year.
        if (
            isinstance(value, str)
            and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value)
            and value > today.isoformat()[: len(value)]
        ):
            found.append((key, f"{name}: {value!r} is in the future (today is {today}); check it."))
    created, updated = data.get("created"), data.get("updated")
    if (
        isinstance(created, str)
        and isinstance(updated, str)
        and all(
            re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) and not _unreal_date_part(d)
            for d in (created, updated)
        )
        and updated < created
    ):
        found.append(
            (
                ("updated",),
                f"updated: {updated!r} is before created ({created!r}); a note is updated after "
                "it is written: correct one of the dates.",
            )
        )
    return found


def _check_title(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """A title that only repeats the quote (``On “…”``, as earlier imports from Hypothesis wrote
    it) is a placeholder: it tells the reader nothing the marked passage does not."""
    title, target = data.get("title"), data.get("target")
    exact = target.get("exact") if isinstance(target, dict) else None
    if not isinstance(title, str) or not isinstance(exact, str):
        return []
    match = re.fullmatch(r"On “(.+?)( …)?”", title.strip())
    said = " ".join(match.group(1).split()) if match else None
    if said and " ".join(exact.split()).startswith(said):
        return [
            (
                ("title",),
                f"title {title!r} only repeats the quote, as a placeholder would; write a "
                "short title that says what the note tells the reader.",
            )
        ]
    return []


def _check_copies(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """A ``via`` that names the source itself is no copy: the reader would be told twice."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, source in enumerate(data.get("sources") or []):
        via = source.get("via") if isinstance(source, dict) else None
        if isinstance(via, dict) and via.get("url") and via.get("url") == source.get("url"):
            found.append(
                (
                    ("sources", i, "via", "url"),
                    f"sources.{i}.via.url is the source's own url: via names a copy you read "
                    "instead of the original (an archive, a repost); give the copy's address, "
                    "or remove via if you read the original.",
                )
            )
    return found


def home_page_message(url: str) -> str | None:
    """Why ``url`` may not be a source's address (a site's home page), or None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None  # the schema's URL pattern reports it
    if parts.path not in {"", "/"} or parts.query:
        return None
    return (
        f"{url!r} is a site's home page, which holds no article and none of the quote: give "
        "the address of the page that holds the quote; when that page was not found, leave "
        "url out and name the copy you read in via."
    )


def _check_home_pages(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Source addresses (and copies') that are a site's home page."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, source in enumerate(data.get("sources") or []):
        if not isinstance(source, dict):
            continue
        candidates: list[tuple[tuple[str | int, ...], Any]] = [
            (("sources", i, "url"), source.get("url"))
        ]
        via = source.get("via")
        if isinstance(via, dict):
            candidates.append((("sources", i, "via", "url"), via.get("url")))
        for key, value in candidates:
            problem = home_page_message(value) if isinstance(value, str) else None
            if problem:
                found.append((key, f"{'.'.join(map(str, key))}: {problem}"))
    return found


def from_front_matter(
    fm: FrontMatter, path: str, annotation_id: str
) -> Annotation | MovedAnnotation:
    """Validate parsed front matter and build the annotation."""
    problems: list[tuple[tuple[str | int, ...], str]]
    if "moved_to" in fm.data:
        # jsonschema places a `false` subschema's error at the root, without the field: name
        # each field a moved annotation must not have here, on its own line.
        problems = [
            (
                (name,),
                f"{name} is not used in a moved annotation (it has moved_to); remove "
                "it: the annotation that now holds the note carries it.",
            )
            for name in NOT_IN_MOVED
            if name in fm.data
        ]
        # The `false` errors are those above; a factual kind's "sources" rule is moot.
        problems += [
            _describe(e)
            for e in _validator().iter_errors(fm.data)
            if e.validator is not None and e.validator_value != ["sources"]
        ]
    else:
        problems = [_describe(e) for e in _validator().iter_errors(fm.data)]
    # A date whose month or day does not exist gets that one message (which part is wrong),
    # not also its format's ("is not an ISO date").
    unreal = _check_dates(fm.data)
    dated = {where for where, message in unreal if "is not a real date" in message}
    problems = [p for p in problems if p[0] not in dated] + unreal
    problems += _check_copies(fm.data)
    problems += _check_title(fm.data)
    problems += _check_home_pages(fm.data)
    # A value still holding the scaffold's placeholder gets that one message, not also its
    # format's ("'TODO: …' is not a date").
    placeholders = _check_placeholders(fm)
    held = {where for where, _ in placeholders}
    problems = [p for p in problems if p[0] not in held] + placeholders
    if not ID_PATTERN.match(annotation_id):
        problems.append(
            (
                ("<file>",),
                f"the file name {annotation_id!r} is not a valid id; use lowercase "
                "letters, digits and single hyphens, e.g. calderon-email.md.",
            )
        )
    if not fm.body.strip():
        problems.append(
            (("<body>",), "the annotation has no body; write its text after the closing '---'.")
        )

    def line_for(key: tuple[str | int, ...]) -> int:
        if key == ("<file>",):
            return 0
        if key == ("<open>",):
            return 1
        if key[:1] == ("<body>",):
            return fm.body_line + (int(key[1]) if len(key) > 1 else 0)
        return line_in(fm.lines, key)

    if problems:
        unique = sorted({(line_for(k), m) for k, m in problems})
        raise AnnotationError([LocatedError(path, line, message) for line, message in unique])
    data = fm.data
    if "moved_to" in data:
        return MovedAnnotation(
            id=annotation_id,
            path=path,
            title=data["title"],
            moved_to=data["moved_to"],
            authors=list(data["authors"]),
            created=data["created"],
            updated=data.get("updated"),
            body=fm.body,
            body_line=fm.body_line,
            lines=fm.lines,
        )
    return Annotation(
        id=annotation_id,
        path=path,
        target=Target(**data["target"]),
        kind=data["kind"],
        title=data["title"],
        authors=list(data["authors"]),
        created=data["created"],
        updated=data.get("updated"),
        sources=[Source.from_data(s) for s in data.get("sources", [])],
        related=list(data.get("related", [])),
        terms=list(data.get("terms", [])),
        hypothesis=Imported(**data["hypothesis"]) if "hypothesis" in data else None,
        body=fm.body,
        body_line=fm.body_line,
        lines=fm.lines,
    )


def load_annotation(path: Path, display: str | None = None) -> Annotation | MovedAnnotation:
    """Read and validate one annotation file; raise :class:`AnnotationError` on any problem."""
    shown = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise AnnotationError(
            [LocatedError(shown, 0, f"cannot read the file ({err.strerror}).")]
        ) from None
    try:
        fm = read(raw, shown)
    except LocatedError as err:
        raise AnnotationError([err]) from None
    return from_front_matter(fm, shown, path.stem)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def related_message(
    other: str, ids: Iterable[str], field: str = "related", invalid: Iterable[str] = ()
) -> str:
    """An id that names no valid annotation; ``invalid``: ids of files that exist but failed
    their checks (their own errors say why: this one must not say "no file")."""
    label = "related id" if field == "related" else f"{field} id"
    if other in set(invalid):
        return (
            f"{label} {other!r}: annotations/{other}.md exists but has errors (see above); "
            "once they are fixed this link works."
        )
    close = max(ids, key=lambda x: _similar(x, other), default=None)
    hint = f" Did you mean {close!r}?" if close and _similar(close, other) > 0.6 else ""
    return f"{label} {other!r} is not an annotation (no file annotations/{other}.md).{hint}"


SELF_RELATED_MESSAGE = "related lists the annotation itself; remove it."
NOT_MARKDOWN_MESSAGE = "only .md files are annotations; move or remove this file."


def annotation_files(folder: Path) -> list[Path]:
    """The files of an annotations folder (its README and hidden files aside): each must be an
    annotation, so anything else there is reported, not ignored."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name != "README.md"
    )


def misplaced_files(folder: Path) -> list[tuple[Path, str]]:
    """Markdown files under ``folder`` that are not read as annotations, each with the message
    that refuses it: a hidden one (a name starting with '.'; Sphinx skips it) and one in a
    folder inside it (Sphinx would read it as a page no toctree lists). Other files in
    subfolders (images) are left alone."""
    found: list[tuple[Path, str]] = []
    for path in sorted(folder.rglob("*.md")):
        if not path.is_file() or (path.parent == folder and not path.name.startswith(".")):
            continue
        found.append((path, misplaced_message(path, folder)))
    return found


def misplaced_message(path: Path, folder: Path) -> str:
    """Why ``path`` (a Markdown file under ``folder``) is not an annotation, and where to move
    it: the checker's and the build's words."""
    hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
    why = (
        "a file or folder whose name starts with '.' is hidden, so the edition never reads it"
        if hidden
        else "a file in a folder inside annotations/ is not read as an annotation"
    )
    stem = path.stem.lstrip(".") or "note-id"
    return (
        f"{why}: annotations live directly in annotations/; move it to annotations/{stem}.md "
        "(its id is the file name)."
    )


def moved_message(other: str, moved_to: str) -> str:
    return f"related id {other!r} has moved to {moved_to!r}; list {moved_to!r} instead."


def moved_link_message(other: str, moved_to: str) -> str:
    """A link in a body to a moved note's page (the checker's and the build's words)."""
    return (
        f"the link goes to the note {other!r}, which has moved to {moved_to!r}; "
        f"link {{doc}}`{moved_to}` instead."
    )


def term_message(term: str) -> str:
    return (
        f"term {term!r} is not in the glossary (docs/glossary.md); use a defined term "
        "or add it there."
    )
