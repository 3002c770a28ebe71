"""Import annotations made with Hypothesis, one file per annotation, from either export: the
JSON of its search API (``{"rows": [...]}``) or the client's own export (``{"export_date": …,
"annotations": [...]}``, the sidebar's Export).

Each public row whose TextQuoteSelector anchors in the reading text becomes an annotation file,
checked like any contribution (schema, placeholders, body rules) before it is written:

- the body is the row's ``text`` (Markdown), the author its display name or account name, the
  date its ``created`` day, the kind a tag that names one (else ``context``);
- the title is a ``TODO`` placeholder naming the quote, which ``edition check`` refuses until
  a real title is written;
- factual kinds get sources: one drafted from each link in the text (its address kept, the rest
  ``TODO``; not a site's home page, which holds no quote: that link stays in the text and is
  reported), else source placeholders; ``edition check`` refuses them until filled;
- a quote that differs from the article only in typographic characters (' for ’) takes the
  article's characters, as ``edition fix`` does, and says so;
- a row made on another page than the edition's article (or the captured page) is skipped,
  and so are hidden (moderated) rows and rows with neither text nor tags, each with the reason;
- the Hypothesis id, address, account and licence are kept in ``hypothesis:``, so importing the
  same export again writes nothing new, and the attribution is kept with the text.

Hypothesis dedicates public annotations to the public domain (CC0) and leaves annotations in
groups under their authors' copyright: only public ones are imported. Replies and page notes
(no quoted text) are skipped and counted; a quote that does not anchor is reported with the
closest passage and not written. The export is untrusted input: its size is limited, and a
file that is not what the API returns is a located error.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reading_edition.cli.scaffold import SOURCE_PLACEHOLDERS, slug
from reading_edition.model.annotation import (
    AnnotationError,
    annotation_files,
    from_front_matter,
    home_page_message,
)
from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.front_matter import read
from reading_edition.model.kinds import FACTUAL_KINDS, KINDS
from reading_edition.text.anchoring import Anchor, ReadingIndex, normalise
from reading_edition.text.body_rules import body_findings
from reading_edition.text.source_lint import lint_source

#: Largest export read (the API returns at most 200 rows a page; this is far more).
MAX_BYTES = 8 * 1024 * 1024
#: Hypothesis's public channel: annotations there are dedicated to the public domain.
PUBLIC_GROUP = "__world__"
PUBLIC_LICENCE = "CC0 1.0 (public domain dedication of Hypothesis's public annotations)"
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    replies: int = 0
    page_notes: int = 0
    problems: list[str] = field(default_factory=list)
    #: Rows left out on purpose, each with the reason (not errors).
    skipped: list[str] = field(default_factory=list)
    #: What the import changed on its own (typographic characters taken from the article).
    notes: list[str] = field(default_factory=list)
    #: Rows not written, by number in the export.
    refused: set[int] = field(default_factory=set)


def read_export(path: Path) -> list[dict[str, Any]]:
    """The rows of an export (``{"rows": [...]}`` or a bare list), or a located error."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise LocatedError(str(path), 0, f"cannot read the file ({err.strerror}).") from None
    if len(raw) > MAX_BYTES:
        raise LocatedError(
            str(path), 0, f"the export is {len(raw):,} bytes; at most {MAX_BYTES:,} are read."
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise LocatedError(str(path), 0, "the export is not UTF-8 JSON.") from None
    except json.JSONDecodeError as err:
        raise LocatedError(
            str(path), err.lineno, f"not valid JSON ({err.msg}, column {err.colno})."
        ) from None
    # The search API's response has "rows"; the client's export has "annotations".
    rows = data.get("rows", data.get("annotations")) if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise LocatedError(
            str(path),
            1,
            'expected a Hypothesis export: the search API\'s JSON ({"rows": [...]}), the '
            'client\'s export ({"annotations": [...]}) or a list of annotation objects.',
        )
    return rows


def _address(url: str) -> str:
    """A page address compared without scheme, ``www.``, query, fragment or final slash."""
    url = url.split("#", 1)[0].split("?", 1)[0]
    url = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.IGNORECASE).removeprefix("www.")
    return url.rstrip("/").casefold()


def on_the_article(row: dict[str, Any], pages: Iterable[str]) -> str | None:
    """Why the row is not on the edition's article, or None if it is: its page must be the
    article of the edition (``…/article.html``, wherever it is served) or one of ``pages`` (the
    captured page's address)."""
    uri = row.get("uri")
    if not isinstance(uri, str):
        targets = [t for t in row.get("target") or [] if isinstance(t, dict)]
        uri = next((t["source"] for t in targets if isinstance(t.get("source"), str)), None)
    if not uri:
        return "it names no page"
    here = _address(uri)
    if here.endswith(("/article.html", "/article")) or here in {_address(p) for p in pages}:
        return None
    return f"it annotates {uri}, which is not the edition's article (…/article.html)" + (
        f" nor the captured page ({', '.join(pages)})" if pages else ""
    )


#: Links in an annotation's text: Markdown links and bare addresses.
_LINK = re.compile(r"\]\((https?://[^\s)]+)\)|<(https?://[^\s>]+)>|(https?://[^\s)\]>]+)")


def links_in(text: str) -> list[str]:
    """The http(s) addresses in ``text``, in order, once each."""
    found = [next(g for g in m.groups() if g).rstrip(".,;:") for m in _LINK.finditer(text)]
    return list(dict.fromkeys(found))


def source_links(text: str) -> list[str]:
    """The text's links that may be a source's address: not a site's home page, which holds
    none of a quote (``home_page_message``; such a link stays in the text, not drafted)."""
    return [url for url in links_in(text) if home_page_message(url) is None]


def drafted_sources(links: list[str]) -> list[str]:
    """Sources drafted from ``links`` (the address kept, the rest to write, as ``edition new``
    drafts them), or the placeholders when there is none."""
    if not links:
        return list(SOURCE_PLACEHOLDERS)
    lines = ["sources:"]
    for url in links:
        lines += [
            f"    url: {_q(url)}" if line.lstrip(" -").startswith("url:") else line
            for line in SOURCE_PLACEHOLDERS[1:]
        ]
    return lines


def _quote_selector(row: dict[str, Any]) -> dict[str, Any] | None:
    for target in row.get("target") or []:
        if not isinstance(target, dict):
            continue
        for selector in target.get("selector") or []:
            if (
                isinstance(selector, dict)
                and selector.get("type") == "TextQuoteSelector"
                and isinstance(selector.get("exact"), str)
                and selector["exact"].strip()
            ):
                return selector
    return None


def _anchor(index: ReadingIndex, selector: dict[str, Any]) -> Anchor | None:
    """Where the quote is: with its prefix and suffix as given, else the occurrence whose
    surroundings end and start like them (Hypothesis's context may run across paragraphs)."""
    exact = normalise(selector["exact"])
    prefix = normalise(str(selector.get("prefix") or "")) or None
    suffix = normalise(str(selector.get("suffix") or "")) or None
    result = index.find(exact, prefix, suffix)
    if result.anchor:
        return result.anchor
    bare = index.find(exact)
    if bare.anchor:
        return bare.anchor
    if not bare.matches:
        return None

    def fit(anchor: Anchor) -> int:
        before = index.text[max(0, anchor.start - 200) : anchor.start]
        after = index.text[anchor.end : anchor.end + 200]
        return _common_suffix(normalise(before), prefix or "") + _common_prefix(
            normalise(after), suffix or ""
        )

    ranked = sorted(bare.matches, key=fit, reverse=True)
    return ranked[0] if fit(ranked[0]) > fit(ranked[1]) else None


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _author(row: dict[str, Any]) -> str:
    info = row.get("user_info") or {}
    name = info.get("display_name") if isinstance(info, dict) else None
    if isinstance(name, str) and name.strip():
        return name.strip()
    account = str(row.get("user") or "")
    return account.removeprefix("acct:").split("@", 1)[0] or "A Hypothesis user"


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def annotation_text(row: dict[str, Any], quote: str, pick: tuple[str, str] | None) -> str:
    """The annotation file for one row (already anchored)."""
    tags = [str(t).strip().lower() for t in row.get("tags") or [] if isinstance(t, str)]
    kind = next((t for t in tags if t in KINDS), "context")
    words = quote.split()
    title = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    body = str(row.get("text") or "").strip()
    created = str(row.get("created") or "")[:10]
    try:
        dt.date.fromisoformat(created)
    except ValueError:
        created = dt.date.today().isoformat()
    lines = [
        "---",
        "target:",
        f"  exact: {_q(quote)}",
        *([f"  {pick[0]}: {_q(pick[1])}"] if pick else []),
        f"kind: {_q(kind)}",
        f"title: {_q('TODO: a title for the note on “' + title + '”')}",
        f"authors: [{_q(_author(row))}]",
        f"created: {_q(created)}",
    ]
    drafted = source_links(body)
    if kind in FACTUAL_KINDS or drafted:
        lines += drafted_sources(drafted)
    links = row.get("links")
    url = links.get("html") if isinstance(links, dict) else None
    url = url if isinstance(url, str) else None
    lines += [
        "hypothesis:",
        f"  id: {_q(str(row['id']))}",
        *([f"  url: {_q(url)}"] if url and url.startswith(("https://", "http://")) else []),
        *([f"  user: {_q(str(row['user']))}"] if row.get("user") else []),
        f"  licence: {_q(PUBLIC_LICENCE)}",
        "---",
        body or "TODO: write the annotation here.",
        "",
    ]
    return "\n".join(lines)


def imported_ids(folder: Path) -> set[str]:
    """Hypothesis ids already imported, read from the front matter even of files that do not
    pass the check yet (their placeholders are still to be filled)."""
    found = set()
    for path in annotation_files(folder) if folder.is_dir() else []:
        try:
            data = read(path.read_bytes(), str(path)).data
        except (LocatedError, OSError):
            continue
        origin = data.get("hypothesis")
        if isinstance(origin, dict) and isinstance(origin.get("id"), str):
            found.add(origin["id"])
    return found


def import_rows(
    rows: Iterable[dict[str, Any]],
    index: ReadingIndex,
    folder: Path,
    export: str,
    pages: Iterable[str] = (),
) -> ImportReport:
    """Write the rows that anchor; ``pages``: the captured page's addresses, where a row may
    have been made besides the edition's article."""
    pages = list(pages)
    report = ImportReport()
    done = imported_ids(folder)
    for number, row in enumerate(rows, start=1):
        ident = row.get("id")
        where = f"{export}: row {number}"
        if not isinstance(ident, str) or not _ID.match(ident):
            report.problems.append(f"{where}: no valid Hypothesis id; skipped.")
            report.refused.add(number)
            continue
        if row.get("references"):
            report.replies += 1
            continue
        selector = _quote_selector(row)
        if selector is None:
            report.page_notes += 1
            continue
        if ident in done:
            report.already.append(ident)
            continue
        if row.get("hidden") is True:
            report.skipped.append(f"{where} ({ident}): hidden by a moderator; skipped.")
            continue
        if not str(row.get("text") or "").strip() and not row.get("tags"):
            report.skipped.append(f"{where} ({ident}): no text and no tags; skipped.")
            continue
        elsewhere = on_the_article(row, pages)
        if elsewhere:
            report.skipped.append(f"{where} ({ident}): {elsewhere}; skipped.")
            continue
        if row.get("group", PUBLIC_GROUP) != PUBLIC_GROUP:
            report.problems.append(
                f"{where} ({ident}): published in a Hypothesis group, where its author keeps "
                "every right; ask them to contribute it under CC BY 4.0. Not written."
            )
            report.refused.add(number)
            continue
        anchor = _anchor(index, selector)
        if anchor is None:
            typographic = index.find(normalise(selector["exact"])).typographic
            if typographic is not None:
                # As `edition fix` does: the article's own characters (’ for ').
                anchor = _anchor(index, {**selector, "exact": typographic.text})
                if anchor is not None:
                    report.notes.append(
                        f"{where} ({ident}): the quote differed from ¶ "
                        f"{typographic.paragraph + 1} only in typographic characters; the "
                        "article's are taken."
                    )
        if anchor is None:
            closest = index.closest(normalise(selector["exact"]))
            near = (
                f" The closest passage is ¶ {closest.paragraph + 1}: {closest.text!r}."
                if closest
                else ""
            )
            report.problems.append(
                f"{where} ({ident}): quote {normalise(selector['exact'])!r} does not anchor in "
                f"the reading text.{near} Not written."
            )
            report.refused.add(number)
            continue
        quote = index.paragraphs[anchor.paragraph][anchor.para_start : anchor.para_end]
        others = index.find(quote).matches
        pick = index.pick(others, anchor) if others else None
        text = annotation_text(row, quote, pick)
        report.notes += [
            f"{where} ({ident}): {url} is a site's home page, which holds no quote: kept in "
            "the text, not drafted as a source."
            for url in links_in(str(row.get("text") or ""))
            if home_page_message(url) is not None
        ]
        name = slug(quote)
        path = folder / f"{name}.md"
        suffix = 2
        while path.exists():
            path = folder / f"{name}-{suffix}.md"
            suffix += 1
        problems = _problems(text, path)
        if problems:
            report.problems += [f"{where} ({ident}): {p} Not written." for p in problems]
            report.refused.add(number)
            continue
        path.write_text(text, encoding="utf-8")
        report.written.append(path)
        done.add(ident)
    return report


def _problems(text: str, path: Path) -> list[str]:
    """What the checker would refuse in the file, placeholders aside (the contributor fills
    those in): schema, body rules, dropped text."""
    try:
        fm = read(text.encode("utf-8"), str(path))
    except LocatedError as err:
        return [err.message]
    found: list[str] = []
    try:
        from_front_matter(fm, str(path), path.stem)
    except AnnotationError as err:
        found += [e.message for e in err.errors if "placeholder" not in e.message]
    padded = "\n" * (fm.body_line - 1) + fm.body
    found += [e.message for e in lint_source(padded, str(path)) + body_findings(padded, str(path))]
    return found
