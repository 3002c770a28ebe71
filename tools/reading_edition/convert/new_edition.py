"""Lay out a new edition from a capture: ``edition init CAPTURE DIR``.

Every file but the capture's own comes from a Jinja template in ``templates/`` (package data),
written to the same path (``dot-ci`` becomes ``.ci``)::

    DIR/Makefile, README.md, CONTRIBUTING.md, conf.py, requirements.txt, .gitignore
    DIR/.ci/run, .github/workflows/edition.yml    what CI runs: make test
    DIR/wheels/reading_edition-*.whl              the toolkit (not on PyPI)
    DIR/annotation.schema.json                    the front matter's schema, for editors
    DIR/seeds/<capture>              the witness, byte for byte as given
    DIR/seeds/<stem>.text.txt        (saved pages only) the page's text, one block per line
    DIR/seeds/<stem>.meta.yaml       (page.txt or page.html.gz: page.meta.yaml) what the
                                     capture shows of the article (or "unknown"):
                                     the facts' one home, read by conf.py on every build
    DIR/docs/index.md                the front page: the facts and citation (from conf.py), contents
    DIR/docs/article.md              the converter's reading text and its residue record
    DIR/docs/glossary.md             an empty glossary
    DIR/docs/annotations-index.md    the list of annotations (empty until the first)
    DIR/docs/changelog.md            the release (version 0.1, today) that every output shows
    DIR/docs/annotations -> ../annotations
    DIR/annotations/README.md        where the annotations go (none yet)

It refuses to write into a folder that has files in it, so nothing of an editor's is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import time
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2

from reading_edition.convert.capture_files import ConversionError, read_capture_file
from reading_edition.convert.converter import Conversion, convert_path, to_myst
from reading_edition.convert.toolkit_wheel import build_wheel, copy_wheel, pinned_requirements
from reading_edition.model.schema import schema_text
from reading_edition.text.article_facts import META_SUFFIX, UNKNOWN, facts_yaml
from reading_edition.text.dates import for_people


def witness_facts_yaml(conversion: Conversion, witness: str, data: bytes, text: str | None) -> str:
    """The witness's metadata file: its digest and what the capture shows, else "unknown"."""
    lines = [
        f"# The witness: what is known of the capture beside it ({witness}).",
        f'# Written by "edition init" from the capture itself; "{UNKNOWN}" means it does not '
        "show it.",
        "# The article's facts (title to language) live here and only here: conf.py reads this",
        "# file on every build. Correct a fact here; the captured file itself is never edited.",
        f"witness: {json.dumps(witness)}",
        f"sha256: {hashlib.sha256(data).hexdigest()}",
    ]
    if text is not None:
        stem = witness_text_name(witness)
        lines += [
            f"witness_text: {json.dumps(stem)}",
            f"witness_text_sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}",
        ]
    for line in facts_yaml(conversion.facts):  # what read_article_facts reads back
        if line.startswith("date:") and conversion.unread_date:
            lines.append(
                f"# The page's date reads {json.dumps(conversion.unread_date, ensure_ascii=False)}:"
                ' not certain enough to read; write it as "YYYY-MM-DD" (or YYYY-MM, YYYY).'
            )
        lines.append(line)
    lines += [
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


def capture_stem(capture: str) -> str:
    """A capture's name without its kind's endings: ``page.html.gz`` and ``page.txt`` give
    ``page``. Its metadata file is ``seeds/<stem>.meta.yaml`` whatever the kind."""
    name = Path(capture).name
    for suffix in (".gz", ".warc", ".html", ".htm", ".xhtml", ".txt"):
        name = name.removesuffix(suffix)
    return name or Path(capture).name


def witness_text_name(witness: str) -> str:
    """The name of a saved page's witness text: ``page.html.gz`` gives ``page.text.txt``."""
    return f"{capture_stem(witness)}.text.txt"


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


def init_edition(capture_path: Path, folder: Path, wheel: Path | None = None) -> list[Path]:
    """Lay out a new edition in ``folder`` from the capture; return the files written.

    The toolkit goes into ``folder/wheels/``: ``wheel`` if given, else a wheel built from the
    checkout the toolkit runs from.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConversionError(
            f"{folder}: the folder exists and is not empty; give a new folder for the edition."
        )
    capture = read_capture_file(capture_path)
    conversion = convert_path(capture_path)
    existed = folder.exists()
    try:
        return _lay_out(folder, capture_path.name, capture.witness, conversion, wheel)
    except (ConversionError, OSError):
        # Half an edition is worse than none: what this call made goes, the error is reported.
        if existed:
            for child in folder.iterdir():
                shutil.rmtree(
                    child
                ) if child.is_dir() and not child.is_symlink() else child.unlink()
        else:
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _lay_out(
    folder: Path, name: str, witness: bytes, conversion: Conversion, wheel: Path | None
) -> list[Path]:
    seeds, docs, annotations = folder / "seeds", folder / "docs", folder / "annotations"
    for made in (seeds, docs, annotations):
        made.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    if wheel is not None:
        toolkit, origin = copy_wheel(wheel, folder / "wheels")
    else:
        toolkit, origin = build_wheel(folder / "wheels")
    written.append(toolkit)
    (seeds / name).write_bytes(witness)  # the witness, byte for byte
    written.append(seeds / name)
    witness_for_text = f"../seeds/{name}"
    if conversion.witness_text is not None:
        text_name = witness_text_name(name)
        write(seeds / text_name, conversion.witness_text)
        witness_for_text = f"../seeds/{text_name}"
    meta_name = capture_stem(name) + META_SUFFIX
    write(
        seeds / meta_name,
        witness_facts_yaml(conversion, name, witness, conversion.witness_text),
    )
    write(docs / "article.md", to_myst(conversion, witness_for_text))
    write(folder / "annotation.schema.json", schema_text())
    for template in template_paths():
        target = "/".join(
            "." + part.removeprefix("dot-") if part.startswith("dot-") else part
            for part in template.removesuffix(".jinja").split("/")
        )
        write(folder / target, render(template, **_values(conversion, meta_name, toolkit, origin)))
    (folder / ".ci" / "run").chmod(0o755)
    link = docs / "annotations"
    os.symlink(Path("..") / "annotations", link, target_is_directory=True)
    written.append(link)
    return written


def _values(conversion: Conversion, meta_name: str, wheel: Path, origin: str) -> dict[str, str]:
    """What the templates fill in. The article's facts are not among them: their one home is
    the metadata file (``meta_name``), which the edition's ``conf.py`` reads on every build
    (:mod:`reading_edition.text.article_facts`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", conversion.title.lower()).strip("-")[:60] or "article"
    return {
        # The edition's own words (Sphinx's labels) are in English, whatever the article's.
        "language": json.dumps("en"),
        "uid": json.dumps(f"edition-{slug}"),
        "epoch": str(int(time.time())),
        # The first release is the day the edition is made (docs/changelog.md).
        "release_date_md": for_people(dt.date.today().isoformat()),
        "meta_name": meta_name,
        "wheel": wheel.name,
        "wheel_origin": origin,
        "requirements": "\n".join(pinned_requirements()),
    }
