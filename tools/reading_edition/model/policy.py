"""The safety policy for untrusted input: one source for the rules that the build, the checker
and the output scan apply.

- which URL schemes a link may use, read the way a browser reads them (control, zero-width and
  bidi characters dropped first);
- what counts as remote (a scheme or a ``//host``) and which files may be published;
- how a contributed file is decoded (UTF-8, no NUL byte, a size limit);
- that YAML anchors and aliases are refused before anything expands them.

Nothing here imports Sphinx: the Sphinx extension reports these findings as warnings
(``sphinxext/refusals.py``), the checker as :class:`LocatedError`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from reading_edition.model.diagnostics import LocatedError

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Schemes a link may use; a link without a scheme (relative, or a fragment) is always fine.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

#: Characters a browser ignores in a URL, or that hide what a URL says: browsers drop ASCII tabs
#: and newlines anywhere in a URL and C0 controls or spaces around it (so `java\tscript:` runs as
#: `javascript:`); zero-width and bidi controls make a scheme look like another. Removing all of
#: them before reading the scheme is stricter than any browser.
INVISIBLE = re.compile(
    r"[\x00-\x20\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]"
)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def url_scheme(url: str) -> str | None:
    """Return the lower-cased scheme a browser would see in ``url``, or None if relative."""
    match = _SCHEME.match(INVISIBLE.sub("", url))
    return match.group(1).lower() if match else None


def refused_link(url: str) -> str | None:
    """Explain why ``url`` may not be a link target, or return None if it may."""
    scheme = url_scheme(url)
    if scheme is None or scheme in ALLOWED_SCHEMES:
        return None
    return (
        f"the link target {url!r} uses the '{scheme}:' scheme, which is not allowed: "
        "use an http, https, mailto or relative link"
    )


def is_remote(uri: str, local_schemes: frozenset[str] = frozenset()) -> bool:
    """True if ``uri`` names something outside the sources (a scheme or ``//host``).

    ``local_schemes`` are schemes that never reach the network (the output scan allows
    ``data:`` for the theme's empty favicon, say).
    """
    cleaned = INVISIBLE.sub("", uri).replace("\\", "/")
    scheme = url_scheme(uri)
    return cleaned.startswith("//") or (scheme is not None and scheme not in local_schemes)


def allowed_roots(srcdir: Path) -> list[Path]:
    """Folders whose files may be published: the source folder and the folders it links in.

    ``docs/annotations`` is a symbolic link to ``annotations/``; a link placed inside one of
    these folders by a contribution (say ``annotations/x.png -> /etc/passwd``) resolves outside
    all of them and is refused.
    """
    roots = [srcdir.resolve()]
    for entry in sorted(srcdir.iterdir()):
        if entry.is_symlink() and entry.is_dir():
            roots.append(entry.resolve())
    return roots


def outside_roots(path: Path, roots: Iterable[Path]) -> bool:
    """True if ``path``, with every symbolic link followed, is in none of ``roots``."""
    real = Path(os.path.realpath(path))
    return not any(real == root or real.is_relative_to(root) for root in roots)


def decoding_problem(raw: bytes) -> tuple[int, str] | None:
    """The line of the first byte that is not UTF-8 text, if any, and the message (what and
    how to fix it) that the checker and the build both give."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return (
            line,
            f"byte {err.start} (0x{raw[err.start]:02x}) is not valid UTF-8; "
            "save the file as UTF-8.",
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return line, "the file contains a NUL byte; remove it."
    return None


def decode_contribution(raw: bytes, path: str, max_bytes: int) -> str:
    """Check size and encoding of a contributed file; return its text (BOM removed)."""
    if len(raw) > max_bytes:
        raise LocatedError(
            path,
            0,
            f"file is {len(raw):,} bytes; an annotation may be at most {max_bytes:,} "
            "bytes. Shorten it or split it into several annotations.",
        )
    problem = decoding_problem(raw)
    if problem:
        raise LocatedError(path, *problem)
    return raw.decode("utf-8").removeprefix("\ufeff")


#: The message for a YAML anchor or alias, wherever front matter is read.
ALIAS_MESSAGE = "YAML anchors and aliases ('&name', '*name') are not allowed; write the value out"


def first_alias_line(text: str, loader: type = yaml.SafeLoader) -> int | None:
    """The 0-based line of the first YAML anchor or alias in ``text``, or None.

    Scanned, never composed: an alias "bomb" would exhaust memory once expanded.
    Raises ``yaml.YAMLError`` for text that is not YAML.
    """
    for token in yaml.scan(text, Loader=loader):
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            return int(token.start_mark.line)
    return None


# What the edition refuses in a page or an annotation body, and the message for each: one
# wording for the build (sphinxext/security*.py) and the checker (text/body_rules.py).

#: Refused directives and why; each message ends with how to fix it.
REFUSED_DIRECTIVES = {
    "include": "it publishes files of the build machine; put the text in the page itself",
    "literalinclude": "it publishes files of the build machine; paste the code into a code block",
    "raw": "raw HTML or LaTeX bypasses the edition's checks; use Markdown or a MyST directive",
    "meta": "page metadata (such as refresh redirects) is set by the edition, not by a page; "
    "remove the directive",
}
#: Longest excerpt of refused content quoted in a message.
EXCERPT = 40


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def refused_directive_message(name: str) -> str:
    return f"the '{name}' directive is not allowed in the edition: {REFUSED_DIRECTIVES[name]}"


EVAL_RST_MESSAGE = "'{eval-rst}' is not allowed in the edition: write the content in MyST Markdown"


def raw_message(fmt: str, content: str) -> str:
    return (
        f"raw {fmt or 'unknown'} is not allowed in the edition (found {excerpt(content)!r}): "
        "write it in Markdown or with a MyST directive"
    )


def math_message(content: str) -> str:
    return (
        f"math is not allowed in the edition (found {excerpt(content)!r}): "
        "write the formula in words"
    )


def csv_option_message(option: str) -> str:
    return (
        f"the 'csv-table' option ':{option}:' is not allowed in the edition: "
        "it reads files of the build machine or the network; write the rows in the directive's body"
    )


#: sphinx-design link types an annotation may not use (``button-ref`` defaults to ``any``): a
#: label is known only to the build, so its link could pass the checker and break the build.
REFUSED_LINK_TYPES = frozenset({"ref", "any", "myst"})


def link_type_message(option: str, value: str) -> str:
    return (
        f"':{option}: {value}' is not allowed in an annotation: it links to a label, which is "
        f"known only to the build; link to a page or a note by name with ':{option}: doc' "
        "(e.g. ../timeline, or another note's id), as {doc} does"
    )


def label_link_problem(href: str) -> str | None:
    """Why a Markdown link in an annotation may not go where ``href`` points: a label (a name
    with no file extension, ``#name``) or a place in a page (``page.md#name``) is known only to
    the build, so the link could pass the checker and break the build (and a name resolved from
    the note's page may not resolve where the note is copied, beside the article). None for an
    address, a page by its file, or another file."""
    href = INVISIBLE.sub("", href).strip()
    if not href or url_scheme(href) or href.startswith("/"):
        return None
    path, _, place = href.partition("#")
    if path.endswith(".md") and not place:
        return None
    if file_link_path(href) is not None:
        return None  # another file: a download (``References.file_link_problem``)
    return (
        f"the link target {href!r} is a label or a place in a page, which is known only to the "
        "build: link to a page or a note by its file ('../docs/timeline.md', "
        "'felipe-calderon.md') or with {doc}"
    )


def file_link_path(href: str) -> str | None:
    """The file a Markdown link names when it is neither an address nor a page nor a label: a
    path to another file (``map.pdf``, ``../docs/witness.txt``), which MyST makes a download
    if the file exists and a reference it cannot find if not. None for any other link."""
    href = INVISIBLE.sub("", href).strip()
    if not href or url_scheme(href) or href.startswith("#"):
        return None
    path = href.partition("#")[0]
    name = path.rsplit("/", 1)[-1]
    if not path or path.endswith(".md") or "." not in name:
        return None
    return path


def download_outside_message(target: str) -> str:
    return (
        f"the download {target!r} is outside the edition's sources: "
        "refer to a file inside docs/ or annotations/"
    )


def remote_image_message(uri: str) -> str:
    return (
        f"the image {uri!r} is not a local file: remote images are not allowed; "
        "add the image to the repository and refer to it by a relative path"
    )


def outside_image_message(uri: str) -> str:
    return (
        f"the image {uri!r} is outside the edition's sources: "
        "refer to an image inside docs/ or annotations/"
    )
