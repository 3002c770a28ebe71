"""Lay out a new edition from a capture: ``edition init CAPTURE DIR``.

The layout is the one this repository has, reduced to what a first build needs::

    DIR/conf.py                      Sphinx settings: the reading_edition extension and theme
    DIR/seeds/<capture>              the witness, byte for byte as given
    DIR/seeds/<stem>.text.txt        (saved pages only) the page's text, one block per line
    DIR/seeds/<stem>.meta.yaml       what the capture shows of the article (or "unknown")
    DIR/docs/index.md                the front page and its table of contents
    DIR/docs/article.md              the converter's reading text and its residue record
    DIR/docs/glossary.md             an empty glossary
    DIR/docs/annotations-index.md    the list of annotations (empty until the first)
    DIR/docs/annotations -> ../annotations
    DIR/annotations/README.md        where the annotations go (none yet)

It refuses to write into a folder that has files in it, so nothing of an editor's is lost.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2

from reading_edition.convert.capture_files import ConversionError, read_capture_file
from reading_edition.convert.converter import Conversion, convert_path, to_myst


def witness_facts_yaml(conversion: Conversion, witness: str, data: bytes, text: str | None) -> str:
    """The witness's metadata file: its digest and what the capture shows, else "unknown"."""
    facts = conversion.facts

    def value(found: str | None) -> str:
        return json.dumps(found if found else "unknown", ensure_ascii=False)

    lines = [
        f"# The witness: what is known of the capture beside it ({witness}).",
        '# Written by "edition init" from the capture itself; "unknown" means it does not show it.',
        f"witness: {json.dumps(witness)}",
        f"sha256: {hashlib.sha256(data).hexdigest()}",
    ]
    if text is not None:
        stem = witness_text_name(witness)
        lines += [
            f"witness_text: {json.dumps(stem)}",
            f"witness_text_sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}",
        ]
    lines += [
        f"title: {value(facts.headline)}",
        f"standfirst: {value(facts.standfirst)}",
        f"author: {value(facts.byline)}",
        f"date: {value(facts.date)}",
        f"publisher: {value(facts.site)}",
        f"url: {value(facts.url)}",
        "capture: >-",
        "  "
        + (
            "A saved web page (HTML); the reading text traces to its text, laid out one block "
            "per line in the witness_text file by edition convert."
            if text is not None
            else "Plain text of the web page, captured with its page residue (menus, bylines, "
            "captions, lists of other articles); UTF-8."
        ),
        "# Lines (text) or blocks (saved page) the converter removed, by kind; the list is in",
        "# docs/article.md under About this text.",
        f"removed: {json.dumps(dict(conversion.removal_counts()))}",
        "",
    ]
    return "\n".join(lines)


def witness_text_name(witness: str) -> str:
    """The name of a saved page's witness text: ``page.html.gz`` gives ``page.text.txt``."""
    name = Path(witness).name
    for suffix in (".gz", ".warc", ".html", ".htm", ".xhtml"):
        name = name.removesuffix(suffix)
    return f"{name}.text.txt"


#: The new edition's files, as Jinja templates in this package (``templates/``), by the path
#: they are written to.
TEMPLATES = files("reading_edition.convert") / "templates"


def template_paths() -> list[str]:
    """Every template's path under ``templates/``, its ``.jinja`` suffix kept, sorted."""
    found: list[str] = []

    def walk(folder: Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".jinja"):
                found.append(f"{prefix}{entry.name}")

    walk(TEMPLATES, "")
    return sorted(found)


def render(template: str, **values: str) -> str:
    """One template filled in; a missing value is an error, not an empty string."""
    environment = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False
    )
    source = TEMPLATES.joinpath(*template.split("/")).read_text(encoding="utf-8")
    return environment.from_string(source).render(**values)


def init_edition(capture_path: Path, folder: Path) -> list[Path]:
    """Lay out a new edition in ``folder`` from the capture; return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConversionError(
            f"{folder}: the folder exists and is not empty; give a new folder for the edition."
        )
    capture = read_capture_file(capture_path)
    conversion = convert_path(capture_path)
    name = capture_path.name
    seeds, docs, annotations = folder / "seeds", folder / "docs", folder / "annotations"
    for made in (seeds, docs, annotations):
        made.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    (seeds / name).write_bytes(capture.witness)  # the witness, byte for byte
    written.append(seeds / name)
    witness_for_text = f"../seeds/{name}"
    if conversion.witness_text is not None:
        text_name = witness_text_name(name)
        write(seeds / text_name, conversion.witness_text)
        witness_for_text = f"../seeds/{text_name}"
    meta_name = f"{witness_text_name(name).removesuffix('.text.txt')}.meta.yaml"
    write(
        seeds / meta_name,
        witness_facts_yaml(conversion, name, capture.witness, conversion.witness_text),
    )
    write(docs / "article.md", to_myst(conversion, witness_for_text))
    values = {
        "title": json.dumps(conversion.title, ensure_ascii=False),
        "language": json.dumps("en"),
        "heading": _escape_heading(conversion.title),
    }
    for template in template_paths():
        write(folder / template.removesuffix(".jinja"), render(template, **values))
    link = docs / "annotations"
    os.symlink(Path("..") / "annotations", link, target_is_directory=True)
    written.append(link)
    return written


def _escape_heading(text: str) -> str:
    """A headline as plain Markdown text: punctuation that Markdown reads is backslashed."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]<>#|~^$&" else c for c in text)
