"""Headless Debian Chromium for the audit and the browser tests: a local server for a built
site, a browser launched the way this machine needs, and axe-core.

Chromium is started with the flags that keep it off the network (it would otherwise try to reach
Google's services at every start) and, through Playwright, with a fresh temporary profile.
axe-core comes from ``node_modules`` (``npm ci``; pinned in ``package.json``).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NODE_SETUP_HINT = "run `npm ci` at the repository root (`make node-deps` does it)"


class BrowserToolMissing(RuntimeError):
    """Chromium, Playwright or axe-core is not installed."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless and offline, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        raise BrowserToolMissing(f"{CHROMIUM} is missing: run `tools/system_deps.sh test`.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise BrowserToolMissing("Playwright is missing: run `make venv`.") from err
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (every rule, best practices included) on the page; its violations."""
    if not AXE_JS.is_file():
        raise BrowserToolMissing(f"axe-core is missing ({AXE_JS}): {NODE_SETUP_HINT}.")
    # Evaluated through the DevTools protocol, not added as a <script>: the pages' Content
    # Security Policy rightly refuses inline script, and the audit must see the page as served.
    source = AXE_JS.read_text(encoding="utf-8")
    result = page.evaluate(
        f"(() => {{ {source}\n; return axe.run(document).then(r => r.violations); }})()"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]],
        }
        for v in result
    ]


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no sideways scrolling)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


#: The notes of the article page and, for each, where it is and where its mark is (viewport px).
NOTE_BOXES_JS = r"""(withText) => {
  // The note's text (runs of spaces as one; not its buttons, back link or brackets) and how
  // many of its characters are drawn on screen: inside the note's visible box, not hidden.
  const drawnText = (n) => {
    const box = n.getBoundingClientRect(), range = document.createRange();
    const walker = document.createTreeWalker(n, NodeFilter.SHOW_TEXT, {acceptNode: (t) =>
      t.parentElement.closest('button, .anno-back-line, .fn-bracket') ? 2 : 1});
    let length = 0, drawn = 0, gap = true, last = false, node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        if (/\s/.test(node.data[i])) {
          if (!gap) { length++; gap = true; if (last) drawn++; }
          continue;
        }
        gap = false; length++;
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        last = !!r && r.width > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
        if (last) drawn++;
      }
    }
    return {length, drawn};
  };
  const notes = [...document.querySelectorAll(
    '.reading-text .anno-note, .reading-text aside.footnote')];
  return notes.map(n => {
    const anno = n.classList.contains('anno-note');
    const mark = anno ? document.getElementById(n.id.replace(/^note-/, 'ref-'))
      : document.querySelector('.reading-text p a[href="#' + CSS.escape(n.id) + '"]');
    const box = n.getBoundingClientRect(), m = mark.getBoundingClientRect();
    const style = getComputedStyle(n);
    const text = document.querySelector('.reading-text p.numbered').getBoundingClientRect();
    const head = anno ? n.querySelector('.anno-head') : n.querySelector('.label');
    const hb = head.getBoundingClientRect();
    return {
      id: n.id, kind: anno ? 'annotation' : 'footnote',
      top: box.top + scrollY, bottom: box.bottom + scrollY, left: box.left, right: box.right,
      mark: m.top + scrollY, markBottom: m.bottom + scrollY,
      shown: style.display !== 'none' && box.height > 0 && style.visibility !== 'hidden',
      // The whole head: its last line inside the note's box, not cut off below it.
      headShown: hb.height > 0 && hb.width > 0 && hb.bottom <= box.bottom + 1,
      beside: box.left >= text.right - 1,
      lead: Number(n.dataset.lead || 0),
      ...(withText ? drawnText(n) : {}),
    };
  });
}"""


SETTLED_JS = """() => document.fonts.ready.then(() => new Promise(done =>
  requestAnimationFrame(() => requestAnimationFrame(done))))"""


#: Characters a note beside the text shows without a click (or all of it, when shorter).
READ_WITHOUT_CLICK = 100


def note_placement(page: Page, text: bool = True) -> dict[str, Any]:
    """Where the article's notes are: those beside the text (in the margin), their drift from
    their marks' lines (px), overlaps between them, the share visible without a click and
    (``text``) the share that shows at least READ_WITHOUT_CLICK characters drawn on screen (or
    the whole note).

    Measured once the page has settled as a reader sees it: its fonts loaded and two frames
    drawn (the script places the notes again in the frame after a font arrives)."""
    page.evaluate(SETTLED_JS)
    boxes = page.evaluate(NOTE_BOXES_JS, text)
    beside = [b for b in boxes if b["shown"] and b["beside"]]
    drift = sorted(abs(b["top"] - b["mark"]) for b in beside)
    by_top = sorted(beside, key=lambda b: b["top"])
    overlaps = [
        (a["id"], b["id"])
        for i, a in enumerate(by_top)
        for b in by_top[i + 1 :]
        if b["top"] < a["bottom"] - 0.5
    ]
    visible = [b for b in boxes if b["shown"] and b["headShown"]]
    read = [b for b in boxes if text and b["drawn"] >= min(READ_WITHOUT_CLICK, b["length"])]
    return {
        "share_read": len(read) / len(boxes) if boxes and text else 0.0,
        "drawn_median": sorted(b["drawn"] for b in boxes)[len(boxes) // 2] if text and boxes else 0,
        "notes": len(boxes),
        "beside": len(beside),
        "visible": len(visible),
        "share_visible": len(visible) / len(boxes) if boxes else 1.0,
        "share_beside": len(beside) / len(boxes) if boxes else 1.0,
        "drift_max": drift[-1] if drift else 0.0,
        "drift_median": drift[len(drift) // 2] if drift else 0.0,
        "overlaps": overlaps,
        "boxes": boxes,
    }
