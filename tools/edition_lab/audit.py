"""Audit the HTML edition as a reader's browser sees it (``make audit``).

Builds the site, serves it on 127.0.0.1 and, for the article, one annotation page, the glossary
and the annotation index, measures in Debian's headless Chromium:

* bytes (the sum of the gzip sizes of the HTML and everything it loads: CSS, JavaScript,
  fonts) and requests, and any third-party request;
* axe-core violations (all rules) at 390 and 1280 px, and sideways overflow at 320 px;
* Lighthouse 12 (mobile and desktop): performance, accessibility, best practices, SEO (the
  median of three runs each, as Lighthouse advises: one run varies with the machine's load).

Then the notes' placement on the article (``note_placement``): at every width from 960 to
2560 px in 40 px steps and at each breakpoint ±1 px, the drift of the notes beside the text
from their marks' lines (max and median), overlaps, and the share of notes visible beside the
text without a click (target: 90 % at 1280 px and wider), and the share of notes that show at
least 100 characters (or the whole note) drawn on screen without a click (target: 80 % at
1280 px and wider), with the median characters drawn. The same for a generated edition with
100 annotations on the same ten paragraphs (``--dense 100``, the default; ``--dense 0`` skips
it), with its article's gzip bytes and Lighthouse mobile performance (target 95).

Prints tables, writes ``_build/audit/report.json`` and full-page screenshots of the article at
390, 1024, 1280 and 1920 px, light and dark (``_build/audit/article-1280-dark.png`` …), a note
opened in place at 1280 px (``article-1280-note-open.png``) and the selection control at 1280
and 390 px (``article-1280-selection.png`` …), and exits 1 if any target is missed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from edition_lab.browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    NODE_SETUP_HINT,
    READ_WITHOUT_CLICK,
    ROOT,
    BrowserToolMissing,
    axe_violations,
    chromium,
    horizontal_overflow,
    note_placement,
    serve,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Response

MAX_BYTES = 60 * 1024
MAX_REQUESTS = 6
WIDTHS = (390, 1280)
SCREENSHOT_WIDTHS = (390, 1024, 1280, 1920)
#: 960-2560 px in 40 px steps, and the layout's breakpoints ±1 px (edition.css: the margin
#: opens at 960 px; the note column grows from 1170 px to 1440 px).
SWEEP = sorted({*range(960, 2561, 40), *(b + d for b in (960, 1170, 1440) for d in (-1, 0, 1))})
DRIFT = 150
MIN_BESIDE = 0.9
MIN_READ = 0.8
MIN_DENSE_PERFORMANCE = 95
NARROWEST = 320
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


@dataclass
class PageAudit:
    """What the audit measured for one page."""

    name: str
    path: str
    bytes: int = 0
    requests: int = 0
    third_party: list[str] = field(default_factory=list)
    overflow_320: int = 0
    axe: dict[int, list[dict[str, object]]] = field(default_factory=dict)
    lighthouse: dict[str, dict[str, int]] = field(default_factory=dict)

    def misses(self) -> list[str]:
        """The targets this page misses, in words."""
        out = []
        if self.bytes > MAX_BYTES:
            out.append(f"{self.bytes} bytes > {MAX_BYTES}")
        if self.requests > MAX_REQUESTS:
            out.append(f"{self.requests} requests > {MAX_REQUESTS}")
        if self.third_party:
            out.append(f"third-party requests: {', '.join(self.third_party)}")
        if self.overflow_320:
            out.append(f"{self.overflow_320} px of sideways overflow at {NARROWEST} px")
        for width, found in self.axe.items():
            if found:
                out.append(f"axe at {width} px: {', '.join(str(v['id']) for v in found)}")
        for form, scores in self.lighthouse.items():
            low = {k: v for k, v in scores.items() if v < 100}
            if low:
                out.append(f"Lighthouse {form}: {low}")
        return out


def pages_of(site: Path) -> list[tuple[str, str]]:
    """The four audited pages (name, path in the site) that exist in the built site."""
    annotations = sorted(p for p in (site / "annotations").glob("*.html") if p.name != "index.html")
    wanted = [
        ("article", "article.html"),
        ("annotation", f"annotations/{annotations[0].name}" if annotations else ""),
        ("glossary", "glossary.html"),
        ("annotation index", "annotations-index.html"),
    ]
    missing = [name for name, path in wanted if not path or not (site / path).is_file()]
    if missing:
        sys.exit(f"audit: the built site has no {', '.join(missing)} page under {site}.")
    return wanted


def build(build_dir: Path) -> Path:
    """Build the HTML edition (strict) and return the site's folder."""
    cmd = [sys.executable, "-m", "sphinx", "-M", "html", "docs", str(build_dir), "-c", "."]
    cmd += ["-W", "--keep-going", "-n", "-q"]
    if subprocess.run(cmd, cwd=ROOT, check=False).returncode:
        sys.exit("audit: the HTML build failed (see the warnings above).")
    return build_dir / "html"


def measure_in_browser(base: str, audits: list[PageAudit], out: Path) -> None:
    """Bytes, requests, axe and overflow for each page; screenshots of the article."""
    origin = urlsplit(base).netloc
    with chromium() as browser:
        for audit in audits:
            for width in (*WIDTHS, NARROWEST):
                page = browser.new_page(viewport={"width": width, "height": 900})
                responses: list[Response] = []

                def keep(response: Response, got: list[Response] = responses) -> None:
                    got.append(response)

                page.on("response", keep)
                page.goto(base + audit.path, wait_until="networkidle")
                if width == NARROWEST:
                    audit.overflow_320 = horizontal_overflow(page)
                else:
                    audit.axe[width] = axe_violations(page)
                if width == WIDTHS[-1]:
                    network = [r for r in responses if not r.url.startswith("data:")]
                    audit.requests = len(network)
                    audit.third_party = [r.url for r in network if urlsplit(r.url).netloc != origin]
                    audit.bytes = sum(len(gzip.compress(r.body(), 6)) for r in network if r.ok)
                page.close()
        for width in SCREENSHOT_WIDTHS:
            for scheme in ("light", "dark"):
                page = browser.new_page(
                    viewport={"width": width, "height": 900},
                    color_scheme=scheme,
                )
                page.goto(base + "article.html", wait_until="networkidle")
                page.screenshot(path=str(out / f"article-{width}-{scheme}.png"), full_page=True)
                page.close()
        interactions_screenshots(browser, base, out)


#: Selects the first words of the article's third paragraph (as a reader's drag would).
SELECT_WORDS_JS = """() => { const p = document.querySelectorAll('.reading-text p.numbered')[2];
  p.scrollIntoView({block: 'center'});
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); let node;
  while ((node = walker.nextNode()) && node.data.trim().length < 30);
  const r = document.createRange(); r.setStart(node, 0); r.setEnd(node, 30);
  getSelection().removeAllRanges(); getSelection().addRange(r); }"""


def interactions_screenshots(browser: Browser, base: str, out: Path) -> None:
    """A note opened in place at 1280 px, and the selection control at 1280 and 390 px."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "article.html", wait_until="networkidle")
    toggle = page.locator(".reading-text .note-toggle:visible").first
    if toggle.count():
        toggle.scroll_into_view_if_needed()
        toggle.click()
        page.screenshot(path=str(out / "article-1280-note-open.png"))
    page.close()
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(base + "article.html", wait_until="networkidle")
        page.evaluate(SELECT_WORDS_JS)
        page.locator(".select-control").wait_for()
        page.screenshot(path=str(out / f"article-{width}-selection.png"))
        page.close()


@dataclass
class Placement:
    """The notes' placement on one article at one width."""

    width: int
    notes: int
    beside: int
    drift_max: float
    drift_median: float
    overlaps: int
    #: Share of the notes that show at least 100 characters (or all) without a click.
    read: float = 0.0
    drawn_median: int = 0

    @property
    def share(self) -> float:
        return self.beside / self.notes if self.notes else 1.0


def sweep_placement(base: str, widths: list[int]) -> list[Placement]:
    found = []
    with chromium() as browser:
        for width in widths:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(base + "article.html", wait_until="networkidle")
            got = note_placement(page)
            page.close()
            found.append(
                Placement(
                    width,
                    got["notes"],
                    got["beside"],
                    round(got["drift_max"], 1),
                    round(got["drift_median"], 1),
                    len(got["overlaps"]),
                    round(got["share_read"], 3),
                    got["drawn_median"],
                )
            )
    return found


def placement_misses(name: str, rows: list[Placement], real: bool) -> list[str]:
    out = []
    for row in rows:
        if row.drift_max > DRIFT:
            out.append(f"{name} at {row.width} px: a note {row.drift_max} px from its mark")
        if row.overlaps:
            out.append(f"{name} at {row.width} px: {row.overlaps} overlapping notes")
        if real and row.width >= 1280 and row.share < MIN_BESIDE:
            out.append(f"{name} at {row.width} px: {row.share:.0%} of the notes beside the text")
        if real and row.width >= 1280 and row.read < MIN_READ:
            out.append(
                f"{name} at {row.width} px: {row.read:.0%} of the notes show "
                f"{READ_WITHOUT_CLICK} characters without a click"
            )
    return out


def print_placement(name: str, rows: list[Placement]) -> None:
    print(f"\nNotes beside the text: {name} (drift from the mark's line, px)")
    print(
        f"{'width':>6}{'notes':>7}{'beside':>8}{'share':>7}{'max':>8}{'median':>8}{'overl.':>7}"
        f"{'read':>6}{'drawn':>7}"
    )
    for r in rows:
        print(
            f"{r.width:>6}{r.notes:>7}{r.beside:>8}{r.share:>7.0%}{r.drift_max:>8}"
            f"{r.drift_median:>8}{r.overlaps:>7}{r.read:>6.0%}{r.drawn_median:>7}"
        )
    print(
        f"read: notes showing at least {READ_WITHOUT_CLICK} characters (or all) drawn on "
        f"screen without a click (target {MIN_READ:.0%} at 1280 px and wider on the real "
        "edition); drawn: the median characters drawn per note"
    )


def lighthouse_median(url: str, form: str, out: Path, runs: int) -> dict[str, int]:
    """Each score's median over ``runs`` Lighthouse runs (Lighthouse's own advice: a single run
    varies with the machine's load)."""
    found = [lighthouse(url, form, out.with_suffix(f".{i}.json")) for i in range(runs)]
    return {c: sorted(f[c] for f in found)[len(found) // 2] for c in CATEGORIES}


def lighthouse(url: str, form: str, out: Path) -> dict[str, int]:
    """Lighthouse's four scores (0-100) for ``url``, mobile or desktop."""
    if not LIGHTHOUSE.exists():
        raise BrowserToolMissing(f"Lighthouse is missing ({LIGHTHOUSE}): {NODE_SETUP_HINT}.")
    with tempfile.TemporaryDirectory(prefix="audit-profile-") as profile:
        flags = " ".join([*CHROMIUM_FLAGS, f"--user-data-dir={profile}"])
        cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet"]
        cmd += [f"--chrome-flags={flags}", f"--only-categories={','.join(CATEGORIES)}"]
        if form == "desktop":
            cmd.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"Lighthouse failed on {url} ({form}):\n{done.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


def print_table(audits: list[PageAudit]) -> None:
    head = (
        f"{'page':<17}{'bytes':>7}{'req':>5}  {'Lighthouse mobile':<18}{'desktop':<18}"
        f"{'axe 390/1280':<13}{'320 px':<7}"
    )
    print(head)
    print("-" * len(head))
    for a in audits:
        scores = [
            "/".join(str(a.lighthouse.get(f, {}).get(c, "-")) for c in CATEGORIES)
            for f in ("mobile", "desktop")
        ]
        axe = "/".join(str(len(a.axe.get(w, []))) for w in WIDTHS)
        fits = "ok" if not a.overflow_320 else f"+{a.overflow_320}px"
        row = f"{a.name:<17}{a.bytes:>7}{a.requests:>5}  {scores[0]:<18}{scores[1]:<18}"
        print(f"{row}{axe:<13}{fits:<7}")
    print(f"(targets: bytes <= {MAX_BYTES}, requests <= {MAX_REQUESTS}, no third party; scores")
    print(" performance/accessibility/best practices/SEO all 100; 0 axe violations; no overflow)")


def audit_dense(count: int, out: Path, args: argparse.Namespace) -> dict[str, object]:
    """Generate and build an edition with ``count`` annotations; its article's placement sweep,
    gzip bytes and Lighthouse mobile performance."""
    from edition_lab.bench_edition import generate

    root = out / f"dense-{count}"
    if root.exists():
        shutil.rmtree(root)
    edition = generate(root, count)
    cmd = [sys.executable, "-m", "sphinx", "-M", "html", "docs", "_build", "-c", "."]
    subprocess.run([*cmd, "-W", "--keep-going", "-n", "-q"], cwd=root, check=True)
    found: dict[str, object] = {}
    with serve(edition.html) as base:
        found["placement"] = sweep_placement(base, SWEEP)
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            responses: list[Response] = []
            page.on("response", lambda response: responses.append(response))
            page.goto(base + "article.html", wait_until="networkidle")
            network = [r for r in responses if not r.url.startswith("data:")]
            found["requests"] = len(network)
            found["gzip_bytes"] = sum(len(gzip.compress(r.body(), 6)) for r in network)
            page.close()
        if not args.no_lighthouse:
            scores = lighthouse_median(
                base + "article.html", "mobile", out / "lighthouse-dense-mobile.json", args.runs
            )
            found.update(scores)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m edition_lab.audit", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--build-dir",
        type=Path,
        default=ROOT / "_build",
        help="Sphinx build folder (default: _build)",
    )
    parser.add_argument(
        "--no-build", action="store_true", help="audit the site already built there"
    )
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="skip Lighthouse (fast: bytes, axe, overflow)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="Lighthouse runs per page and form; medians (3)"
    )
    parser.add_argument(
        "--dense",
        type=int,
        default=100,
        help="also audit a generated edition with this many annotations (100; 0: skip)",
    )
    args = parser.parse_args(argv)

    site = args.build_dir / "html" if args.no_build else build(args.build_dir)
    out = args.build_dir / "audit"
    out.mkdir(parents=True, exist_ok=True)
    audits = [PageAudit(name, path) for name, path in pages_of(site)]
    try:
        with serve(site) as base:
            measure_in_browser(base, audits, out)
            if not args.no_lighthouse:
                for audit in audits:
                    for form in ("mobile", "desktop"):
                        slug = audit.name.replace(" ", "-")
                        report = out / f"lighthouse-{slug}-{form}.json"
                        audit.lighthouse[form] = lighthouse_median(
                            base + audit.path, form, report, args.runs
                        )
            placements = {"real": sweep_placement(base, SWEEP)}
        dense = audit_dense(args.dense, out, args) if args.dense else {}
    except BrowserToolMissing as err:
        print(f"audit: {err}", file=sys.stderr)
        return 2
    if dense:
        placements[f"{args.dense} annotations"] = dense.pop("placement")  # type: ignore[assignment]
    print_table(audits)
    for name, rows in placements.items():
        print_placement(name, rows)
    if dense:
        print(f"\n{args.dense} annotations, article: {dense}")
    report = {
        "pages": [asdict(a) for a in audits],
        "placement": {k: [asdict(r) for r in v] for k, v in placements.items()},
        "dense": dense,
    }
    (out / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"Report: {out / 'report.json'}; screenshots: {out}/article-<width>-<light|dark>.png")
    misses = [(a.name, m) for a in audits for m in a.misses()]
    for name, rows in placements.items():
        misses += [("placement", m) for m in placement_misses(name, rows, name == "real")]
    if dense and int(str(dense["gzip_bytes"])) > MAX_BYTES:
        misses.append(("dense article", f"{dense['gzip_bytes']} bytes > {MAX_BYTES}"))
    if dense and int(str(dense.get("performance", 100))) < MIN_DENSE_PERFORMANCE:
        misses.append(("dense article", f"performance {dense['performance']}"))
    for name, miss in misses:
        print(f"MISSED  {name}: {miss}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
