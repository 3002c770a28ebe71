"""Figures of the printed edition (``make print-report``), read from the PDFs the build left:
pages, paper, fonts, overfull and underfull boxes, lines with an address outside the sources
list, characters a line, index entries. Figures of this edition, not rules: a contributor's
note never fails CI over them (the rules are in ``tests/test_pdf.py`` and
``tests/test_print.py``).

Targets (issue 23): 0 overfull, at most 20 underfull lines, at most 10 lines with a URL outside
the sources list, at least 40 index entries, 65–75 characters a line.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
from pathlib import Path

from reading_edition.sphinxext.print_paper import PAPERS, pdf_name

URL = re.compile(r"https?://|www\.")


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_texts(pdf: Path) -> list[str]:
    return run("pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-").split("\f")


def report(latex: Path, pdf: Path) -> None:
    info = run("pdfinfo", str(pdf))
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    size = re.search(r"^Page size:\s+(.*)$", info, re.M)
    tagged = re.search(r"^Tagged:\s+(\w+)", info, re.M)
    fonts = sorted(
        {ln.split()[0].split("+")[-1] for ln in run("pdffonts", str(pdf)).splitlines()[2:] if ln}
    )
    log = (latex / pdf.with_suffix(".log").name).read_text(errors="replace")
    overfull = len(re.findall(r"^Overfull \\hbox", log, re.M))
    underfull = len(re.findall(r"^Underfull \\hbox", log, re.M))
    texts = page_texts(pdf)
    in_sources = False
    url_lines = 0
    for text in texts:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if lines and lines[0].strip() in ("Sources", "Sources cited"):
            in_sources = True  # the sources list (a part of its own) to its end
        elif lines and len(lines[0].split()) < 6 and not lines[0].strip()[0].isdigit():
            in_sources = in_sources and lines[0].strip().startswith("Sources")
        if not in_sources:
            url_lines += sum(1 for ln in lines if URL.search(ln))
    full = [
        len(" ".join(ln.split()))
        for text in texts
        for para in text.split("\n\n")
        for ln in para.splitlines()[:-1]
        if len(ln.split()) >= 6 and not URL.search(ln)
    ]
    # Line ends hyphenated inside a word (a compound's own hyphen aside): a figure of this
    # edition's words, which contributors' notes change, so reported here and never tested.
    plain = "\n".join(texts)  # -layout keeps a line's end hyphen (plain pdftotext joins it)
    joined = " ".join(plain.split())
    ends = re.findall(r"([A-Za-z]+)-\n\s*([a-z]+)", plain)
    split = [f"{a}-{b}" for a, b in ends if f"{a}-{b}" not in joined]
    text_lines = sum(1 for line in plain.splitlines() if re.search(r"[a-z]{3}", line))
    tex = (latex / pdf.with_suffix(".tex").name).read_text(encoding="utf-8")
    entries = len(re.findall(r"\\editionindexentry\{", tex))
    print(f"{pdf}:")
    print(f"  pages {pages.group(1) if pages else '?'}, {size.group(1) if size else '?'}")
    print(f"  tagged {tagged.group(1) if tagged else '?'}; fonts: {', '.join(fonts)}")
    # The log reports a line underfull from \hbadness on: edition.sty sets TeX's default, 1000
    # (Sphinx's 5000 hid lines of badness 1000 to 5000).
    sty = latex / "edition.sty"
    hbad = re.findall(r"^\\hbadness\s*=\s*(\d+)", sty.read_text() if sty.is_file() else "", re.M)
    print(
        f"  overfull {overfull} (target 0), underfull {underfull} (target ≤ 20; "
        f"\\hbadness {hbad[-1] if hbad else '5000 (Sphinx)'})"
    )
    print(f"  lines with a URL outside the sources list: {url_lines} (target ≤ 10)")
    if full:
        print(f"  characters a line (median of full lines): {statistics.median(full):.0f}")
    print(f"  index entries: {entries} (target ≥ 40)")
    share = len(split) / text_lines if text_lines else 0.0
    print(f"  words hyphenated at a line end: {len(split)} of {text_lines} lines ({share:.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="_build", type=Path, help="the build directory")
    args = parser.parse_args()
    found = False
    for paper in PAPERS:
        latex = args.build / ("latex" if paper == "a5" else f"latex-{paper}")
        pdf = latex / pdf_name(paper)
        if pdf.is_file():
            found = True
            report(latex, pdf)
    if not found:
        raise SystemExit(f"No PDF in {args.build}: run `make pdf` (or `make edition`) first.")


if __name__ == "__main__":
    main()
