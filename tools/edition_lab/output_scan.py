"""Scan a built site for anything a contribution could use to run script or track readers.

The hardened build refuses unsafe input; this scan checks the output itself, whatever produced
it (our extension, Sphinx, sphinx-design, the theme). In every ``.html``/``.xhtml`` file:

- a ``<script>`` must load one of the project's known files (by name, from ``_static/`` or the
  search index at the top) and have no inline code, except the exact snippets Sphinx's themes
  emit (:data:`KNOWN_INLINE_SCRIPTS`);
- no inline event handler attribute (``on…=``);
- every URL (``href``, ``src``, ``srcset``, ``action``, ``formaction``, ``data``, ``xlink:href``,
  ``poster``, ``style`` ``url()``…) is http, https, mailto or relative; except a download link
  (``<a download>``) whose ``data:`` address holds one of the citation exports' media types,
  which browsers save and never render (a note's Cite block);
- no ``iframe``, ``frame``, ``object``, ``embed``, ``applet``, ``base``, or
  ``<meta http-equiv=refresh>``;
- images, stylesheets, scripts, fonts and other loaded resources are local (no scheme, no
  ``//host``); ``.css`` files are checked for remote ``url()`` and ``@import`` too.

Usage: ``python -m edition_lab.output_scan _build/html`` prints ``file:line: message`` for each
finding
and exits 0 when clean, 1 with findings, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from reading_edition import THEME_DIR
from reading_edition.citation.formats import MEDIA_TYPES
from reading_edition.model import policy
from reading_edition.model.policy import ALLOWED_SCHEMES, url_scheme

#: Script files the site may load: Sphinx's own, sphinx-design's, and the theme's (added at run
#: time from ``tools/theme``). Matched by file name.
KNOWN_SCRIPTS = frozenset(
    {
        "documentation_options.js",
        "doctools.js",
        "sphinx_highlight.js",
        "searchtools.js",
        "language_data.js",
        "searchindex.js",
        "base-stemmer.js",
        "english-stemmer.js",
        "design-tabs.js",
    }
)

#: Inline scripts emitted by Sphinx's basic theme (the search box), compared exactly.
KNOWN_INLINE_SCRIPTS = frozenset({"document.getElementById('searchbox').style.display = \"block\""})

#: URLs with another scheme that are known to load nothing: the theme's empty favicon.
HARMLESS_URLS = frozenset({"data:,"})
#: Schemes that never reach the network: inline data, and EPUB readers' own resources (``res:``,
#: used for fonts by Sphinx's EPUB stylesheet). In HTML attributes they still fail the scheme
#: check unless listed in HARMLESS_URLS.
LOCAL_SCHEMES = frozenset({"data", "res"})
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base"})
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "xlink:href",
        "poster",
        "background",
        "cite",
        "longdesc",
        "usemap",
        "manifest",
        "ping",
        "icon",
        "codebase",
        "archive",
    }
)
#: Elements and attributes that make the browser fetch a resource when the page loads.
LOADED = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
}
LOADED_LINK_RELS = frozenset({"stylesheet", "icon", "preload", "prefetch", "modulepreload"})

_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)
_JS_ROOT = THEME_DIR


@dataclass(frozen=True)
class Finding:
    """One unsafe thing in the output: file (relative to the scanned folder), line, message."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def is_remote(url: str) -> bool:
    """True if loading ``url`` would leave the site (``//host`` or a network scheme)."""
    return policy.is_remote(url, LOCAL_SCHEMES)


def project_scripts() -> frozenset[str]:
    """Names of the JavaScript files the project's own theme ships."""
    return (
        frozenset(path.name for path in _JS_ROOT.rglob("*.js"))
        if _JS_ROOT.is_dir()
        else frozenset()
    )


def is_saved_download(tag: str, values: dict[str, str]) -> bool:
    """Whether the element is a download link carrying a citation export: ``<a download>`` on
    a ``data:`` address of one of :data:`MEDIA_TYPES` (no page, no script: a saved file)."""
    href = values.get("href", "")
    if tag != "a" or "download" not in values or url_scheme(href) != "data":
        return False
    media = re.split(r"[;,]", href.removeprefix("data:"), maxsplit=1)[0].strip().lower()
    return media in MEDIA_TYPES.values()


class _PageScanner(HTMLParser):
    """Collects findings for one page."""

    def __init__(self, page: Path, root: Path, rel: str, allowed: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.root, self.rel, self.allowed = page, root, rel, allowed
        self.findings: list[Finding] = []
        self._script_line: int | None = None
        self._script_text: list[str] = []
        self._in_style = False

    def _add(self, message: str) -> None:
        self.findings.append(Finding(self.rel, self.getpos()[0], message))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_ELEMENTS:
            self._add(f"<{tag}> is not allowed")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._add("<meta http-equiv=refresh> is not allowed")
        for name, value in values.items():
            if not (name == "href" and is_saved_download(tag, values)):
                self._check_attribute(tag, name, value)
        loaded = set(LOADED.get(tag, ()))
        if tag == "link" and LOADED_LINK_RELS & set(values.get("rel", "").lower().split()):
            loaded.add("href")
        if tag == "object":
            loaded.add("data")
        for name in sorted(loaded & values.keys()):
            for url in _srcset(values[name]) if name == "srcset" else [values[name]]:
                if is_remote(url):
                    self._add(f"<{tag} {name}> loads a remote resource: {url!r}")
        if tag == "script":
            self._start_script(values)
        elif tag == "style":
            self._in_style = True

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self._add(f"inline event handler {name}= on <{tag}> is not allowed")
        urls: list[str] = []
        if name in URL_ATTRIBUTES:
            urls = [value]
        elif name in ("srcset", "imagesrcset"):
            urls = _srcset(value)
        elif name == "style":
            urls = [match.group(2) or match.group(4) for match in _CSS_URL.finditer(value)]
            if _any_remote(urls):
                self._add(f"style attribute on <{tag}> loads a remote resource")
        for url in urls:
            scheme = url_scheme(url)
            if scheme is not None and scheme not in ALLOWED_SCHEMES and url not in HARMLESS_URLS:
                self._add(f"<{tag} {name}> uses the {scheme!r} scheme: {url[:60]!r}")

    def _start_script(self, values: dict[str, str]) -> None:
        self._script_line = self.getpos()[0]
        self._script_text = []
        src = values.get("src")
        if src is None:
            return
        if is_remote(src):
            return  # already reported as a remote resource
        target = (self.page.parent / src.split("?", 1)[0].split("#", 1)[0]).resolve()
        static = (self.root / "_static").resolve()
        in_place = target.parent == static or target == (self.root / "searchindex.js").resolve()
        if not (in_place and target.name in self.allowed):
            self._add(f"<script src={src!r}> is not one of the project's known scripts")

    def handle_data(self, data: str) -> None:
        if self._script_line is not None:
            self._script_text.append(data)
        elif self._in_style:
            for url in _css_urls(data):
                if is_remote(url):
                    self._add(f"<style> loads a remote resource: {url!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script_line is not None:
            code = "".join(self._script_text).strip()
            if code and code not in KNOWN_INLINE_SCRIPTS:
                self.findings.append(
                    Finding(self.rel, self._script_line, f"inline script: {code[:60]!r}")
                )
            self._script_line = None
        elif tag == "style":
            self._in_style = False


def _srcset(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


def _css_urls(text: str) -> list[str]:
    return [match.group(2) or match.group(4) for match in _CSS_URL.finditer(text)]


def _any_remote(urls: list[str]) -> bool:
    return any(is_remote(url) for url in urls)


def scan_css(path: Path, rel: str) -> list[Finding]:
    """Remote ``url()``/``@import`` (fonts, images, stylesheets) in a stylesheet."""
    findings = []
    text = path.read_text(encoding="utf-8", errors="replace")
    for match in _CSS_URL.finditer(text):
        url = match.group(2) or match.group(4)
        if is_remote(url):
            line = text.count("\n", 0, match.start()) + 1
            findings.append(Finding(rel, line, f"stylesheet loads a remote resource: {url!r}"))
    return findings


def scan_directory(root: Path, extra_scripts: frozenset[str] = frozenset()) -> list[Finding]:
    """Scan every page and stylesheet under ``root``; return the findings in file order."""
    root = root.resolve()
    allowed = KNOWN_SCRIPTS | project_scripts() | extra_scripts
    findings: list[Finding] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".html", ".xhtml", ".htm"):
            scanner = _PageScanner(path, root, rel, allowed)
            scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
            scanner.close()
            findings += scanner.findings
        elif path.suffix == ".css":
            findings += scan_css(path, rel)
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m edition_lab.output_scan",
        description="Scan a built HTML (or unpacked EPUB) folder for script, event handlers, "
        "unsafe URL schemes, frames and remote resources. Exit status: 0 clean, "
        "1 findings, 2 usage error.",
    )
    parser.add_argument("directory", type=Path, help="the built site, e.g. _build/html")
    parser.add_argument(
        "--allow-script",
        action="append",
        default=[],
        metavar="NAME",
        help="also accept a script file of this name from _static/ (repeatable)",
    )
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        parser.error(f"{args.directory} is not a folder; build the site first (make html)")
    findings = scan_directory(args.directory, frozenset(args.allow_script))
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} finding(s) in {args.directory}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
