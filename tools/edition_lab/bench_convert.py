"""Score the converter on the corpus of real captures (``make bench-convert``).

For every page of the corpus (``../shared/corpus`` beside the repository, or ``--corpus``) it
converts the text capture and the saved HTML page, and scores the body (paragraphs and
subheadings; not the headline or standfirst, which the ground truth leaves out) against the
ground truth with :mod:`edition_lab.shingle_score`. It prints precision, recall and F1 for text
and HTML, on each half of the corpus and on all of it, beside the score of keeping the whole
capture; then the worst pages. Exit status 1 if the converter crashed on any page (a located
``ConversionError`` is not a crash, but it scores 0).

The halves are fixed: page ids sorted, even positions are half A (the rules were tuned on it),
odd positions half B (held out: never looked at while tuning).
"""

from __future__ import annotations

import argparse
import json
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


def body_of(conversion: Conversion) -> str:
    return "\n".join(text for _, text in conversion.body)


def halves(ids: list[str]) -> dict[str, str]:
    """Half A: even positions of the sorted ids; half B: odd positions."""
    return {page: "A" if i % 2 == 0 else "B" for i, page in enumerate(sorted(ids))}


def run_text(corpus: Path, truth: dict[str, str], half: dict[str, str]) -> list[PageResult]:
    results = []
    for page in sorted(truth):
        text = (corpus / "captures" / f"{page}.txt").read_text(encoding="utf-8")
        error, body = None, ""
        try:
            body = body_of(convert(text, page))
        except ConversionError as err:
            error = str(err)
        results.append(
            PageResult(page, half[page], score(truth[page], body), score(truth[page], text), error)
        )
    return results


def run_html(corpus: Path, truth: dict[str, str], half: dict[str, str]) -> list[PageResult]:
    results = []
    for page in sorted(truth):
        path = corpus / "html" / f"{page}.html.gz"
        html = decode_html(inflate(path.read_bytes(), path))
        error, body, whole = None, "", ""
        try:
            conversion = convert_html(html, page)
            body, whole = body_of(conversion), conversion.witness_text or ""
        except ConversionError as err:
            error = str(err)
        results.append(
            PageResult(page, half[page], score(truth[page], body), score(truth[page], whole), error)
        )
    return results


def _row(label: str, results: list[PageResult]) -> str:
    found = mean([r.found for r in results])
    kept = mean([r.kept_all for r in results])
    return (
        f"  {label:<14} {len(results):>3}  P {found.precision:.3f}  R {found.recall:.3f}  "
        f"F1 {found.f1:.3f}  (F1 of means {f1_of_means(found):.3f})   "
        f"keep everything: F1 {kept.f1:.3f} (P {kept.precision:.3f} R {kept.recall:.3f})"
    )


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
    print(f"  the {worst} worst pages:")
    for r in sorted(results, key=lambda r: r.found.f1)[:worst]:
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
                "error": r.error,
            }
            for r in results
        ]
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
