"""Benchmark the edition's build at scale (``make bench``; ``python -m edition_lab.bench --help``).

For each case it generates a synthetic edition into a temporary folder (never the repository;
see ``edition_lab.bench_edition``) and two baselines: its plain twin (the same pages, plain
Sphinx + myst-parser, same theme, no extension of ours, the same output written out as static
MyST) and its files twin (plain Sphinx reading the edition's own files, built without ``-W``:
it does not know our directives), then measures, interleaving them so that a busy machine
slows all alike: clean HTML build, incremental build after editing one annotation (below its
gist, its gist, which the article's note shows, and its title), adding and deleting one annotation
(and the pages written by the edit), ``edition check``, peak memory and
output size; each build's wall time and processor time (user + system, from ``wait4``), the
targets against plain Sphinx reading the same files judged on processor time. Builds run like
the Makefile's (``-W --keep-going -n``) with ``-j 1`` unless
``--jobs`` says otherwise. Prints a table and the targets (PASS/FAIL; see tools/benchmarks.md),
and writes JSON under ``_build/bench/``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from edition_lab.bench_edition import (
    Edition,
    files_twin,
    generate,
    plain_twin,
    reading_order,
    write_plain_annotation,
    write_plain_article,
    write_plain_index,
)

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
SPHINX = PYTHON.parent / "sphinx-build"
LONG_WORDS = 50_000
LONG_COUNT = 1_000
#: Pages Sphinx's HTML builder writes on every build, whatever changed.
ALWAYS_WRITTEN = {"genindex.html", "search.html"}


@dataclass
class Run:
    seconds: float  # wall time
    peak_mb: float
    ok: bool
    output: str = ""
    #: Processor time (user + system) of the command and its children: on a machine shared
    #: with other work, wall time measures the queue as much as the build; this does not.
    cpu: float = 0.0


def run(cmd: list[str], cwd: Path) -> Run:
    """Run a command; wall time, processor time and peak resident memory of it and its
    children (wait4)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode == 0, output, cpu)


def build(root: Path, jobs: str, builder: str = "html", strict: bool = True) -> Run:
    """``strict=False`` for the files twin, whose plain Sphinx does not know our directives."""
    flags = ["-W", "--keep-going", "-n", "-q"] if strict else ["-n", "-q"]
    return run([str(SPHINX), "-M", builder, "docs", "_build", "-c", ".", "-j", jobs, *flags], root)


def check(root: Path) -> Run:
    return run(
        [
            str(PYTHON),
            "-m",
            "reading_edition",
            "check",
            "-q",
            "--article",
            "docs/article.md",
            "--glossary",
            "docs/glossary.md",
            "--annotations",
            "annotations",
        ],
        root,
    )


def written_since(html: Path, since: float) -> list[str]:
    return sorted(
        str(p.relative_to(html)) for p in html.rglob("*.html") if p.stat().st_mtime >= since
    )


def sizes(html: Path) -> dict[str, Any]:
    """Output size: total, the article, the index, annotation pages, the largest other page."""
    files = {str(p.relative_to(html)): p.stat().st_size for p in html.rglob("*") if p.is_file()}
    pages = {k: v for k, v in files.items() if k.endswith(".html")}
    annos = [v for k, v in pages.items() if k.startswith("annotations/")]
    others = {
        k: v
        for k, v in pages.items()
        if not k.startswith("annotations/") and k not in {"article.html", "annotations-index.html"}
    }
    biggest = max(others, key=lambda k: others[k])
    return {
        "total_mb": sum(files.values()) / 1e6,
        "article_kb": pages.get("article.html", 0) / 1e3,
        "index_kb": pages.get("annotations-index.html", 0) / 1e3,
        "annotation_page_kb_median": statistics.median(annos) / 1e3 if annos else 0,
        "annotation_page_kb_max": max(annos) / 1e3 if annos else 0,
        "largest_other_page": biggest,
        "largest_other_page_kb": others[biggest] / 1e3,
    }


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def median_cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu for r in runs)


@dataclass
class Case:
    name: str
    count: int
    long_words: int
    runs: int
    results: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def record(self, key: str, runs: list[Run]) -> None:
        for r in runs:
            if not r.ok:
                self.failures.append(f"{key}: {r.output.strip()[-2000:]}")
        self.results[key] = {
            "median_s": round(median(runs), 3),
            "runs_s": [round(r.seconds, 3) for r in runs],
            "median_cpu_s": round(median_cpu(runs), 3),
            "runs_cpu_s": [round(r.cpu, 3) for r in runs],
            "peak_mb": round(max(r.peak_mb for r in runs), 1),
        }


def _edit(path: Path, round_: int) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + f" Edited in round {round_}.\n", encoding="utf-8")


def _edit_gist(path: Path, round_: int) -> None:
    """Edit the gist: words added at the start of the body, whose first block the article's
    note shows (so the web article is written again, not only the annotation's page)."""
    head, end, body = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(f"{head}{end}Gist edited in round {round_}. {body}", encoding="utf-8")


def _edit_title(path: Path, round_: int) -> None:
    """Edit the title (the front matter's ``title:``): the note's page, its head in the article,
    the pages beside it and those whose links show it are written again."""
    text = path.read_text(encoding="utf-8")
    head, end, body = text.partition("\n---\n")
    retitled = re.sub(
        r'^title: "(.*)"$', rf'title: "\1, retitled {round_}"', head, count=1, flags=re.M
    )
    if retitled == head:
        raise ValueError(f"{path}: no quoted title: line to edit")
    path.write_text(f"{retitled}{end}{body}", encoding="utf-8")


def measure(case: Case, workdir: Path, jobs: str, log: Any) -> None:
    ours_root = workdir / f"{case.name}-edition"
    edition = generate(ours_root, case.count, case.long_words)
    plain_root = plain_twin(edition, workdir / f"{case.name}-plain")
    files_root = files_twin(edition, workdir / f"{case.name}-files")
    roots = {"ours": ours_root, "plain": plain_root, "files": files_root}
    clean: dict[str, list[Run]] = {"ours": [], "plain": [], "files": []}
    for r in range(case.runs):
        order = ["ours", "plain", "files"] if r % 2 == 0 else ["files", "plain", "ours"]
        for side in order:
            shutil.rmtree(roots[side] / "_build", ignore_errors=True)
            clean[side].append(build(roots[side], jobs, strict=side != "files"))
            done = clean[side][-1]
            log(
                f"  {case.name} clean {side} run {r + 1}: {done.seconds:.1f} s"
                f" ({done.cpu:.1f} s CPU)"
            )
    for side in ("ours", "plain", "files"):
        case.record(f"clean_{side}", clean[side])
    for side in ("ours", "plain"):
        case.results[f"size_{side}"] = sizes(roots[side] / "_build" / "html")
    incremental(case, edition, roots, jobs, log)
    case.record("check", [check(ours_root) for _ in range(case.runs)])
    log(f"  {case.name} check: {case.results['check']['median_s']:.2f} s")


def incremental(case: Case, edition: Edition, roots: dict[str, Path], jobs: str, log: Any) -> None:
    """Edit, add and delete one annotation, ``runs`` times each.

    The plain twin makes the same change to the same pages: an edit changes the annotation's
    page and its note in the article; an add or delete changes the article, the index and that
    page. ``edit_plain_page`` is plain Sphinx after editing the one page alone (the issue's
    baseline). Written pages are counted by modification time.
    """
    runs: dict[str, list[Run]] = {}
    written: dict[str, list[list[str]]] = {"ours": [], "plain": []}
    plain, docs = roots["plain"], roots["plain"] / "docs"

    def timed(key: str, root: Path) -> list[str]:
        since = time.time() - 0.01
        runs.setdefault(key, []).append(build(root, jobs))
        return written_since(root / "_build" / "html", since)

    for r in range(case.runs):
        anno_id = edition.ids[(r * 7919) % len(edition.ids)]
        numbers = {a: n for n, a in enumerate(reading_order(edition), start=1)}
        _edit(roots["ours"] / "annotations" / f"{anno_id}.md", r)
        written["ours"].append(timed("edit_ours", roots["ours"]))
        # Plain Sphinx reading the same files, after the same edit.
        _edit(roots["files"] / "docs" / "annotations" / f"{anno_id}.md", r)
        since = time.time() - 0.01
        runs.setdefault("edit_files", []).append(build(roots["files"], jobs, strict=False))
        written_since(roots["files"] / "_build" / "html", since)
        # An edit of the gist (the note in the article shows it): ours, and plain Sphinx reading
        # the same files after the same edit.
        gist_id = edition.ids[(r * 7919 + len(edition.ids) // 2) % len(edition.ids)]
        _edit_gist(roots["ours"] / "annotations" / f"{gist_id}.md", r)
        runs.setdefault("edit_gist_ours", []).append(build(roots["ours"], jobs))
        _edit_gist(roots["files"] / "docs" / "annotations" / f"{gist_id}.md", r)
        runs.setdefault("edit_gist_files", []).append(build(roots["files"], jobs, strict=False))
        # An edit of the title: ours, and plain Sphinx reading the same files.
        title_id = edition.ids[(r * 7919 + len(edition.ids) // 3) % len(edition.ids)]
        _edit_title(roots["ours"] / "annotations" / f"{title_id}.md", r)
        runs.setdefault("edit_title_ours", []).append(build(roots["ours"], jobs))
        _edit_title(roots["files"] / "docs" / "annotations" / f"{title_id}.md", r)
        runs.setdefault("edit_title_files", []).append(build(roots["files"], jobs, strict=False))
        _edit(docs / "annotations" / f"{anno_id}.md", r)
        timed("edit_plain_page", plain)
        note = edition.notes[anno_id]
        edition.notes[anno_id] = replace(note, body=note.body + f" Edited in round {r}.")
        write_plain_annotation(edition, docs, anno_id, numbers[anno_id])
        write_plain_article(edition, docs)
        written["plain"].append(timed("edit_plain", plain))
        # Add a new annotation (a copy of an existing one under a new id), then delete it.
        new_id, like = f"bench-new-{r}", edition.ids[r]
        shutil.copy(roots["ours"] / "annotations" / f"{like}.md",
                    roots["ours"] / "annotations" / f"{new_id}.md")  # fmt: skip
        timed("add_ours", roots["ours"])
        edition.ids.append(new_id)
        edition.notes[new_id] = edition.notes[like]
        write_plain_annotation(edition, docs, new_id, reading_order(edition).index(new_id) + 1)
        write_plain_article(edition, docs)
        write_plain_index(edition, docs)
        timed("add_plain", plain)
        (roots["ours"] / "annotations" / f"{new_id}.md").unlink()
        case.results.setdefault("delete_written_ours", []).append(
            len(timed("delete_ours", roots["ours"]))
        )
        edition.ids.remove(new_id)
        del edition.notes[new_id]
        (docs / "annotations" / f"{new_id}.md").unlink()
        write_plain_article(edition, docs)
        write_plain_index(edition, docs)
        timed("delete_plain", plain)
        log(
            f"  {case.name} incremental round {r + 1}: edit {runs['edit_ours'][-1].seconds:.1f}"
            f" / plain {runs['edit_plain'][-1].seconds:.1f} (page alone "
            f"{runs['edit_plain_page'][-1].seconds:.1f}) s; CPU: edit "
            f"{runs['edit_ours'][-1].cpu:.2f} / same files {runs['edit_files'][-1].cpu:.2f} s; "
            f"gist {runs['edit_gist_ours'][-1].cpu:.2f}, "
            f"title {runs['edit_title_ours'][-1].cpu:.2f} s CPU"
        )
    for key, value in runs.items():
        case.record(key, value)
    case.results["edit_written"] = {side: w[-1] for side, w in written.items()}
    case.results["edit_written_max"] = {side: max(len(x) for x in w) for side, w in written.items()}


def latexpdf(workdir: Path, count: int, jobs: str) -> dict[str, Any]:
    root = workdir / f"latex-{count}"
    generate(root, count)
    result = build(root, "1", "latexpdf")
    pdf = next((root / "_build" / "latex").glob("*.pdf"), None)
    return {
        "count": count,
        "seconds": round(result.seconds, 2),
        "ok": result.ok,
        "pdf_kb": round(pdf.stat().st_size / 1e3, 1) if pdf else None,
        "output": "" if result.ok else result.output[-2000:],
    }


# --- report -----------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def targets(cases: list[Case]) -> list[tuple[str, bool | None, str]]:
    """Each benchmark target: (what, PASS/FAIL/None when not measured, figures)."""
    out: list[tuple[str, bool | None, str]] = []
    by_count = {c.count: c for c in cases if not c.long_words}
    for c in cases:
        res = c.results
        ratio = _ratio(res["clean_ours"]["median_s"], res["clean_plain"]["median_s"])
        out.append((f"clean HTML ≤ 1.25 × plain ({c.name})", ratio <= 1.25, f"{ratio:.2f}×"))
        # Against plain Sphinx reading the same files: judged on processor time (steady on a
        # shared machine), wall time printed beside it.
        cpu = _ratio(res["clean_ours"]["median_cpu_s"], res["clean_files"]["median_cpu_s"])
        files = _ratio(res["clean_ours"]["median_s"], res["clean_files"]["median_s"])
        out.append(
            (
                f"clean HTML ≤ 1.5 × plain Sphinx reading the same files, CPU ({c.name})",
                cpu <= 1.5,
                f"{cpu:.2f}× CPU ({res['clean_ours']['median_cpu_s']:.1f} s against "
                f"{res['clean_files']['median_cpu_s']:.1f} s); wall {files:.2f}× "
                f"({res['clean_ours']['median_s']:.1f} s against "
                f"{res['clean_files']['median_s']:.1f} s)",
            )
        )
        edit, edit_cpu = res["edit_ours"]["median_s"], res["edit_ours"]["median_cpu_s"]
        out.append(
            (
                f"incremental edit of one annotation ≤ 2 s, CPU ({c.name})",
                edit_cpu <= 2,
                f"{edit_cpu:.2f} s CPU, {edit:.2f} s wall (plain Sphinx, same files: "
                f"{res['edit_files']['median_cpu_s']:.2f} s CPU, "
                f"{res['edit_files']['median_s']:.2f} s wall)",
            )
        )
        for part in ("gist", "title"):
            ours, files = res[f"edit_{part}_ours"], res[f"edit_{part}_files"]
            out.append(
                (
                    f"incremental edit of one annotation's {part} ≤ 2 s, CPU ({c.name})",
                    ours["median_cpu_s"] <= 2,
                    f"{ours['median_cpu_s']:.2f} s CPU, {ours['median_s']:.2f} s wall (plain "
                    f"Sphinx, same files: {files['median_cpu_s']:.2f} s CPU, "
                    f"{files['median_s']:.2f} s wall)",
                )
            )
    for c in cases:
        res = c.results
        ratio = _ratio(res["edit_ours"]["median_s"], res["edit_plain"]["median_s"])
        out.append((f"incremental edit ≤ 2 × plain ({c.name})", ratio <= 2, f"{ratio:.2f}×"))
        written = res["edit_written"]["ours"]
        pages = [w for w in written if w not in ALWAYS_WRITTEN]
        # The edited annotation's page, the article (its note), the index, what Sphinx itself
        # adds (the toctree parent of each page read or changed: index.html), and the pages
        # with index entries (the glossary), written again so the search index keeps their
        # entries (sphinxext/incremental.py).
        bounded = sum(w.startswith("annotations/") for w in pages) <= 1 and set(pages) - {
            w for w in pages if w.startswith("annotations/")
        } <= {"article.html", "annotations-index.html", "index.html", "glossary.html"}
        out.append(
            (
                f"edit rewrites only changed pages ({c.name})",
                bounded,
                f"{', '.join(pages)} (+ {', '.join(sorted(ALWAYS_WRITTEN))}, as plain Sphinx)",
            )
        )
    if 1000 in by_count and 5000 in by_count:
        big, small = by_count[5000].results, by_count[1000].results
        growth = _ratio(big["clean_ours"]["median_s"], small["clean_ours"]["median_s"])
        out.append(("time(5000) / time(1000) ≤ 5.5", growth <= 5.5, f"{growth:.2f}"))
        size = _ratio(big["size_ours"]["total_mb"], small["size_ours"]["total_mb"])
        out.append(("output size(5000) / size(1000) ≤ 5.5", size <= 5.5, f"{size:.2f}"))
    else:
        out.append(("time(5000) / time(1000) ≤ 5.5", None, "needs sizes 1000 and 5000"))
    if len(by_count) >= 2:
        lo, hi = by_count[min(by_count)].results, by_count[max(by_count)].results
        grow = _ratio(
            hi["size_ours"]["largest_other_page_kb"], lo["size_ours"]["largest_other_page_kb"]
        )
        page = _ratio(
            hi["size_ours"]["annotation_page_kb_median"],
            lo["size_ours"]["annotation_page_kb_median"],
        )
        out.append(
            (
                f"no page carries the full list (pages other than article/index, "
                f"N={max(by_count)} vs {min(by_count)}) ≤ 1.5×",
                max(grow, page) <= 1.5,
                f"largest other page {grow:.2f}×, annotation page {page:.2f}×",
            )
        )
    if 1000 in by_count:
        seconds = by_count[1000].results["check"]["median_s"]
        out.append(("check ≤ 2 s at 1,000 annotations", seconds <= 2, f"{seconds:.2f} s"))
    longs = [c for c in cases if c.long_words]
    if longs and 1000 in by_count:
        ratio = _ratio(
            longs[0].results["check"]["median_s"], by_count[1000].results["check"]["median_s"]
        )
        out.append(
            (
                "check sub-quadratic: 50k-word text / real text, 1,000 each ≤ 10×",
                ratio <= 10,
                f"{ratio:.2f}× for an ~85× longer text",
            )
        )
    if 5000 in by_count:
        peak = by_count[5000].results["clean_ours"]["peak_mb"]
        out.append(("peak memory ≤ 500 MB at 5,000", peak <= 500, f"{peak:.0f} MB"))
    for c in cases:
        if c.failures:
            out.append((f"builds without warnings ({c.name})", False, f"{len(c.failures)} failed"))
    return out


def table(cases: list[Case]) -> str:
    head = (
        "case",
        "clean ours",
        "clean plain",
        "ratio",
        "clean files",
        "ratio files",
        "CPU clean ours/files",
        "CPU ratio",
        "edit ours",
        "edit files",
        "CPU edit ours/files",
        "edit plain",
        "edit 1 page plain",
        "add ours",
        "add plain",
        "del ours",
        "del plain",
        "check",
        "peak MB",
        "html MB",
        "article KB",
        "pages written",
        "runs",
    )
    rows: list[tuple[str, ...]] = [head]
    for c in cases:
        r = c.results
        rows.append(
            (
                c.name,
                f"{r['clean_ours']['median_s']:.1f}",
                f"{r['clean_plain']['median_s']:.1f}",
                f"{_ratio(r['clean_ours']['median_s'], r['clean_plain']['median_s']):.2f}",
                f"{r['clean_files']['median_s']:.1f}",
                f"{_ratio(r['clean_ours']['median_s'], r['clean_files']['median_s']):.2f}",
                f"{r['clean_ours']['median_cpu_s']:.1f}/{r['clean_files']['median_cpu_s']:.1f}",
                f"{_ratio(r['clean_ours']['median_cpu_s'], r['clean_files']['median_cpu_s']):.2f}",
                f"{r['edit_ours']['median_s']:.2f}",
                f"{r['edit_files']['median_s']:.2f}",
                f"{r['edit_ours']['median_cpu_s']:.2f}/{r['edit_files']['median_cpu_s']:.2f}",
                *(
                    f"{r[k]['median_s']:.2f}"
                    for k in (
                        "edit_plain",
                        "edit_plain_page",
                        "add_ours",
                        "add_plain",
                        "delete_ours",
                        "delete_plain",
                        "check",
                    )
                ),
                f"{r['clean_ours']['peak_mb']:.0f}/{r['clean_plain']['peak_mb']:.0f}",
                f"{r['size_ours']['total_mb']:.1f}/{r['size_plain']['total_mb']:.1f}",
                f"{r['size_ours']['article_kb']:.0f}",
                f"{r['edit_written_max']['ours']}/{r['edit_written_max']['plain']}",
                str(c.runs),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m edition_lab.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        default="10,100,1000,5000",
        help="annotation counts on the real article (default: %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measure, medians (default 3)")
    parser.add_argument(
        "--mid-runs",
        type=int,
        default=2,
        help="runs for 1,000 annotations and the long text (default 2)",
    )
    parser.add_argument(
        "--big-runs",
        type=int,
        default=2,
        help="runs for counts of 5,000 and more (default 2; each takes minutes)",
    )
    parser.add_argument(
        "--no-long",
        action="store_true",
        help=f"skip the long text ({LONG_WORDS:,} words, {LONG_COUNT:,} annotations)",
    )
    parser.add_argument("--no-latex", action="store_true", help="skip the clean latexpdf at N=100")
    parser.add_argument("--jobs", default="1", help="sphinx-build -j (default 1: steadier figures)")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "_build" / "bench",
        help="where the JSON goes (default: _build/bench/)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated editions")
    args = parser.parse_args(argv)
    counts = [int(s) for s in args.sizes.split(",") if s.strip()]

    def runs_for(n: int) -> int:
        return args.runs if n < 1000 else args.mid_runs if n < 5000 else args.big_runs

    cases = [Case(f"N={n:,}", n, 0, runs_for(n)) for n in counts]
    if not args.no_long:
        cases.append(
            Case(
                f"long {LONG_WORDS // 1000}k words, N={LONG_COUNT:,}",
                LONG_COUNT,
                LONG_WORDS,
                runs_for(LONG_COUNT),
            )
        )

    def log(message: str) -> None:
        print(message, flush=True)

    # A stopped benchmark (Ctrl-C, kill) still removes its temporary editions.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    workdir = Path(tempfile.mkdtemp(prefix="edition-bench-"))
    log(
        f"Benchmark in {workdir} (-j {args.jobs}; medians of {args.runs} runs, {args.mid_runs} "
        f"for N = 1,000 and the long text, {args.big_runs} for N ≥ 5,000)"
    )
    latex: dict[str, Any] | None = None
    try:
        for case in cases:
            log(f"{case.name}:")
            measure(case, workdir, args.jobs, log)
            if not args.keep:  # keep the disk use of the big cases down
                for side in ("edition", "plain"):
                    shutil.rmtree(workdir / f"{case.name}-{side}", ignore_errors=True)
        if not args.no_latex:
            latex = latexpdf(workdir, 100, args.jobs)
            log(f"clean latexpdf at N=100: {latex['seconds']:.1f} s (ok: {latex['ok']})")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(table(cases))
    print(
        "(times in seconds, medians, wall unless marked CPU (user + system of the build and its "
        "children); peak MB and html MB are ours/plain; pages written = html "
        f"pages the last edit rewrote, ours/plain; -j {args.jobs})"
    )
    if latex:
        print(f"clean latexpdf at N=100: {latex['seconds']:.1f} s, PDF {latex['pdf_kb']} KB")
    print()
    results = targets(cases)
    for what, ok, figures in results:
        verdict = "n/a " if ok is None else ("PASS" if ok else "FAIL")
        print(f"{verdict}  {what}: {figures}")
    for case in cases:
        for failure in case.failures:
            print(f"\n{case.name}: build or check failed: {failure}")
    args.out.mkdir(parents=True, exist_ok=True)
    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "took_s": round(time.time() - started, 1),
        "jobs": args.jobs,
        "machine": {"cpus": os.cpu_count(), "load": os.getloadavg()},
        "cases": [
            {
                "name": c.name,
                "annotations": c.count,
                "long_words": c.long_words,
                "runs": c.runs,
                **c.results,
                "failures": c.failures,
            }
            for c in cases
        ],
        "latexpdf": latex,
        "targets": [{"target": w, "pass": ok, "figures": f} for w, ok, f in results],
    }
    path = args.out / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    text = json.dumps(report, indent=1, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    (args.out / "latest.json").write_text(text, encoding="utf-8")
    print(f"\nwrote {path} ({report['took_s']:.0f} s)")
    return 0 if all(ok is not False for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
