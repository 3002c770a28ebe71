"""Score the converter on the corpus of real captures (``make bench-convert``).

For every page of the corpus (``../shared/corpus`` beside the repository, or ``--corpus``) it
converts the text capture and the saved HTML page, and scores the body (paragraphs and
subheadings; not the headline or standfirst, which the ground truth leaves out) against the
ground truth with :mod:`edition_lab.shingle_score`. It prints precision, recall and F1 for text
and HTML, on each half of the corpus and on all of it, beside the score of keeping the whole
capture and, for saved pages, of trafilatura alone (its ``extract`` with its defaults: the
library the converter wraps); then headline accuracy (the converter's headline against the
page's ``og:title`` or ``<h1>``, the truth for both its text capture and its saved page); then
the worst pages. Exit status 1 if the converter crashed on any page (a located
``ConversionError`` is not a crash, but it scores 0).

The halves are fixed: page ids sorted, even positions are half A (the rules were tuned on it),
odd positions half B (held out: never looked at while tuning).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from reading_edition.convert.capture_files import decode_html, inflate
from reading_edition.convert.converter import Conversion, ConversionError, convert, convert_html

from edition_lab.shingle_score import Score, f1_of_means, mean, score

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class PageResult:
    """One page's scores: the converter's body, and the whole capture kept."""

    page: str
    half: str
    found: Score
    kept_all: Score
    error: str | None = None
    #: trafilatura alone on the same page (saved pages only).
    library: Score | None = None
    #: Whether the converter's headline is the page's og:title or <h1>; None if it has neither.
    headline_right: bool | None = None
    headline: str = ""
    truth_titles: tuple[str, ...] = ()


def body_of(conversion: Conversion) -> str:
    return "\n".join(text for _, text in conversion.body)


def halves(ids: list[str]) -> dict[str, str]:
    """Half A: even positions of the sorted ids; half B: odd positions."""
    return {page: "A" if i % 2 == 0 else "B" for i, page in enumerate(sorted(ids))}


def _norm_title(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def page_titles(corpus: Path, page: str) -> tuple[str, ...]:
    """The page's own headline, the truth for headline accuracy: its ``og:title`` (also without
    a trailing " | Site" or " - Site") and its first ``<h1>``; empty ones left out."""
    import lxml.html

    path = corpus / "html" / f"{page}.html.gz"
    root = lxml.html.document_fromstring(decode_html(inflate(path.read_bytes(), path)))
    found: list[str] = []
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:title":
            og = " ".join((meta.get("content") or "").split())
            found.append(og)
            found += [og.rsplit(sep, 1)[0] for sep in (" | ", " - ", " – ", " — ") if sep in og]
            break
    h1 = root.find(".//h1")
    if h1 is not None:
        found.append(" ".join(h1.text_content().split()))
    return tuple(t for t in found if _norm_title(t))


def headline_check(titles: tuple[str, ...], headline: str) -> bool | None:
    if not titles:
        return None
    return bool(headline) and _norm_title(headline) in {_norm_title(t) for t in titles}


def run_text(corpus: Path, truth: dict[str, str], half: dict[str, str]) -> list[PageResult]:
    results = []
    for page in sorted(truth):
        text = (corpus / "captures" / f"{page}.txt").read_text(encoding="utf-8")
        error, body, headline = None, "", ""
        try:
            conversion = convert(text, page)
            body, headline = body_of(conversion), conversion.title
        except ConversionError as err:
            error = str(err)
        titles = page_titles(corpus, page)
        results.append(
            PageResult(
                page,
                half[page],
                score(truth[page], body),
                score(truth[page], text),
                error,
                headline_right=headline_check(titles, headline),
                headline=headline,
                truth_titles=titles,
            )
        )
    return results


def library_alone(html: str) -> str:
    """trafilatura's own extraction of the page, with its defaults."""
    import trafilatura

    return trafilatura.extract(html) or ""


def run_html(corpus: Path, truth: dict[str, str], half: dict[str, str]) -> list[PageResult]:
    results = []
    for page in sorted(truth):
        path = corpus / "html" / f"{page}.html.gz"
        html = decode_html(inflate(path.read_bytes(), path))
        error, body, whole, headline = None, "", "", ""
        try:
            conversion = convert_html(html, page)
            body, whole = body_of(conversion), conversion.witness_text or ""
            headline = conversion.title
        except ConversionError as err:
            error = str(err)
        titles = page_titles(corpus, page)
        results.append(
            PageResult(
                page,
                half[page],
                score(truth[page], body),
                score(truth[page], whole),
                error,
                library=score(truth[page], library_alone(html)),
                headline_right=headline_check(titles, headline),
                headline=headline,
                truth_titles=titles,
            )
        )
    return results


def _row(label: str, results: list[PageResult]) -> str:
    found = mean([r.found for r in results])
    kept = mean([r.kept_all for r in results])
    row = (
        f"  {label:<14} {len(results):>3}  P {found.precision:.3f}  R {found.recall:.3f}  "
        f"F1 {found.f1:.3f}  (F1 of means {f1_of_means(found):.3f})   "
        f"keep everything: F1 {kept.f1:.3f}"
    )
    library = [r.library for r in results if r.library is not None]
    if library:
        alone = mean(library)
        row += f"   trafilatura alone: F1 {alone.f1:.3f}"
    judged = [r.headline_right for r in results if r.headline_right is not None]
    if judged:
        row += f"   headline {sum(judged)}/{len(judged)} = {sum(judged) / len(judged):.2f}"
    return row


def report(kind: str, results: list[PageResult], urls: dict[str, str], worst: int) -> None:
    print(f"\n{kind}: body F1 per page, averaged over pages")
    print(_row("half A (tuned)", [r for r in results if r.half == "A"]))
    print(_row("half B (held)", [r for r in results if r.half == "B"]))
    print(_row("all", results))
    errors = [r for r in results if r.error]
    if errors:
        print(f"  {len(errors)} page(s) not converted (located errors, scored 0):")
        for r in errors:
            print(f"    {r.page[:12]}  {r.error}")
    # Pages are listed from half A only: half B is held out, and nobody tunes on what they see.
    tuned = [r for r in results if r.half == "A"]
    wrong = [r for r in tuned if r.headline_right is False]
    if wrong:
        print(f"  wrong headlines in half A ({len(wrong)}):")
        for r in wrong[:worst]:
            got, page = r.headline[:50], r.truth_titles[0][:50]
            print(f"    {r.page[:12]}  got {got!r}  page {page!r}")
    print(f"  the {worst} worst pages of half A:")
    for r in sorted(tuned, key=lambda r: r.found.f1)[:worst]:
        print(
            f"    {r.page[:12]} {r.half}  F1 {r.found.f1:.3f}  P {r.found.precision:.3f}  "
            f"R {r.found.recall:.3f}  {urls.get(r.page, '')[:70]}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--worst", type=int, default=10, help="how many worst pages to list")
    parser.add_argument("--only", choices=["text", "html"], help="score one kind only")
    parser.add_argument("--json", type=Path, help="also write every page's scores here")
    args = parser.parse_args(argv)
    truth_file = args.corpus / "ground-truth.json"
    if not truth_file.is_file():
        print(f"error: {truth_file} not found; pass --corpus DIR.", file=sys.stderr)
        return 2
    records = json.loads(truth_file.read_text(encoding="utf-8"))
    truth = {page: r.get("articleBody", "") for page, r in records.items()}
    urls = {page: r.get("url", "") for page, r in records.items()}
    half = halves(list(truth))
    out: dict[str, list[dict[str, object]]] = {}
    for kind, run in (("text", run_text), ("html", run_html)):
        if args.only and args.only != kind:
            continue
        started = time.perf_counter()
        try:
            results = run(args.corpus, truth, half)
        except Exception:
            print(f"error: the converter crashed on the {kind} captures:", file=sys.stderr)
            traceback.print_exc()
            return 1
        report(
            f"{kind.upper()} captures ({time.perf_counter() - started:.1f} s)",
            results,
            urls,
            args.worst,
        )
        out[kind] = [
            {
                "page": r.page,
                "half": r.half,
                "f1": r.found.f1,
                "precision": r.found.precision,
                "recall": r.found.recall,
                "keep_all_f1": r.kept_all.f1,
                "library_f1": r.library.f1 if r.library else None,
                "headline_right": r.headline_right,
                "headline": r.headline,
                "error": r.error,
            }
            for r in results
        ]
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
