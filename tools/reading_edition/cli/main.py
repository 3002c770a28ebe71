"""The ``edition`` command: ``edition <command> --help``.

Run it from the edition's folder (the one holding ``docs/`` and ``annotations/``).

convert   capture (text, saved page, WARC) → MyST reading text
init      lay out a new edition from a capture
check     validate annotations, the reading text and the sources, without a Sphinx build
new       scaffold a new annotation from a quote of the article
fix       give quotes the article's own quotation marks, apostrophes and dashes
import-hypothesis   annotations from a Hypothesis export
schema    the JSON Schema of an annotation's front matter, generated from the model
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reading_edition.model.diagnostics import LocatedError

#: The edition's layout, relative to the folder the command runs in.
ARTICLE = Path("docs") / "article.md"
GLOSSARY = Path("docs") / "glossary.md"
ANNOTATIONS = Path("annotations")


def _convert(args: argparse.Namespace) -> int:
    from reading_edition.convert.converter import ConversionError, convert_path, to_myst
    from reading_edition.convert.new_edition import witness_facts_yaml

    try:
        conversion = convert_path(args.capture)
    except ConversionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if conversion.witness_text is not None and args.output and not args.witness_text:
        print(
            f"error: {args.capture} is a saved page: the reading text is checked against the "
            "page's text, one block per line; pass --witness-text FILE to write it (under "
            "seeds/, beside the page) and --witness with that file's path.",
            file=sys.stderr,
        )
        return 1
    outputs = [p for p in (args.output, args.witness_text, args.meta) if p]
    for path in outputs:
        if path.exists() and not args.force:
            print(
                f"error: {path} exists and may hold editorial work; pass --force to overwrite it.",
                file=sys.stderr,
            )
            return 1
    text = to_myst(conversion, args.witness or str(args.witness_text or args.capture))
    if args.witness_text and conversion.witness_text is not None:
        args.witness_text.write_text(conversion.witness_text, encoding="utf-8")
    if args.meta:
        data = args.capture.read_bytes()
        meta = witness_facts_yaml(conversion, args.capture.name, data, conversion.witness_text)
        args.meta.write_text(meta, encoding="utf-8")
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _count(n: int, noun: str) -> str:
    """ "1 annotation", "2 annotations"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _init(args: argparse.Namespace) -> int:
    from reading_edition.convert.converter import ConversionError
    from reading_edition.convert.new_edition import init_edition

    try:
        written = init_edition(args.capture, args.folder, args.wheel)
    except ConversionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {err.filename}: cannot write ({err.strerror}).", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files under {args.folder}; build HTML, PDF and EPUB with:")
    print(f"  cd {shlex.quote(str(args.folder))} && make edition")
    print("then open _build/html/index.html there; README.md says more.")
    return 0


def github_annotation(error: LocatedError) -> str:
    """A GitHub Actions workflow command that puts ``error`` on its file and line."""

    def escape(text: str, properties: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if properties else text

    where = f"file={escape(error.path, True)}"
    if error.line:
        where += f",line={error.line}"
    return f"::error {where}::{escape(error.message)}"


#: A located line of a Sphinx warnings file (``sphinx-build -w FILE``).
_WARNING_LINE = re.compile(
    r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?:WARNING|ERROR|CRITICAL): (?P<message>.*?)"
    r"(?: \[[\w.-]+\])?$"
)


def build_errors(warnings: str, root: Path) -> list[LocatedError]:
    """The located warnings of a build (its ``-w`` file) as errors on the repository's files:
    ``docs/annotations/x.md`` is the file ``annotations/x.md`` (the link followed), so that
    GitHub can show the problem on the pull request's line."""
    from reading_edition.model.diagnostics import LocatedError

    found = []
    for line in re.sub(r"\x1b\[[0-9;]*m", "", warnings).splitlines():
        match = _WARNING_LINE.match(line)
        if match is None:
            continue
        path = Path(match["path"])
        real = path.resolve() if path.exists() else path
        shown = str(real.relative_to(root)) if real.is_relative_to(root) else match["path"]
        found.append(LocatedError(shown, int(match["line"] or 0), match["message"]))
    return found


def _build_annotations(args: argparse.Namespace) -> int:
    text = args.warnings.read_text(encoding="utf-8") if args.warnings.is_file() else ""
    errors = build_errors(text, Path.cwd().resolve())
    for error in errors:
        print(github_annotation(error))
    return 0


def _check(args: argparse.Namespace) -> int:
    from reading_edition.cli.checker import check_annotations
    from reading_edition.model.annotation import annotation_files
    from reading_edition.model.diagnostics import LocatedError
    from reading_edition.text.fidelity import compare
    from reading_edition.text.glossary import glossary_terms
    from reading_edition.text.reading_source import read_article, residue_records

    started = time.perf_counter()
    # The pages check reads, as the build reads every page: not UTF-8 is a located error (the
    # build's words), not a traceback.
    from reading_edition.model.policy import decoding_problem

    for page in (args.article, args.glossary):
        problem = decoding_problem(page.read_bytes()) if page.is_file() else None
        if problem:
            print(LocatedError(str(page), *problem), file=sys.stderr)
            print(f"1 problem in {page}.", file=sys.stderr)
            return 1
    article = read_article(args.article)
    from reading_edition.text.anchoring import ReadingIndex

    index = ReadingIndex(article.paragraphs, list(article.notes))
    errors: list[LocatedError] = []
    if not args.files and article.witness:
        witness = (args.article.parent / article.witness).resolve()
        report = compare(
            witness.read_text(encoding="utf-8"),
            residue_records(args.article),
            [article.headline, *article.blocks],
        )
        if not report.ok:
            errors.append(LocatedError(str(args.article), article.line, report.message))
    changelog = args.article.parent / "changelog.md"
    if not args.files and changelog.is_file():
        # The edition's version and date (conf.py reads them): refused here first, located.
        from reading_edition.text.release import latest_release

        try:
            latest_release(changelog)
        except LocatedError as err:
            errors.append(err)
    seeds = Path(os.path.normpath(args.article.parent.parent / "seeds"))
    if not args.files and seeds.is_dir():
        # The article's facts (a new edition's conf.py reads them): refused here first, located.
        from reading_edition.text.article_facts import read_article_facts

        for meta in sorted(seeds.glob("*.meta.yaml")):
            try:
                read_article_facts(meta)
            except LocatedError as err:
                errors.append(err)
    # Named files are checked against the whole set (their links to the others resolve), and
    # only their own problems are reported.
    everything = annotation_files(args.annotations) if args.annotations.is_dir() else []
    named = {path.resolve() for path in args.files}
    missing = [path for path in args.files if not path.is_file()]
    for path in missing:
        errors.append(LocatedError(str(path), 0, "no such file; give the path of an annotation."))
    files = sorted({*everything, *(p for p in args.files if p.is_file())}, key=str)
    result = check_annotations(
        files,
        index,
        glossary_terms(args.glossary),
        Path.cwd(),
        args.article.parent,
        args.article,
        args.annotations,
    )
    errors += [e for e in result.errors if not named or Path(e.path).resolve() in named]
    checked = len(named) if named else len(files)
    for error in errors:
        print(f"{error}", file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # GitHub shows these on the changed lines of the pull request.
        for error in errors:
            print(github_annotation(error))
    took = time.perf_counter() - started
    if errors:
        # The files the problems are in (the article or the facts as well as annotations).
        paths = sorted({e.path for e in errors})
        where = ", ".join(paths) if len(paths) <= 3 else _count(len(paths), "file")
        print(f"{_count(len(errors), 'problem')} in {where}.", file=sys.stderr)
        return 1
    if not args.quiet:
        what = (
            f"{checked} annotation file(s) checked against the other {len(files) - checked}"
            if named
            else f"{_count(len(result.annotations), 'annotation')} anchored in the article "
            f"({_count(len(article.paragraphs), 'paragraph')}); "
            "the reading text matches the witness"
        )
        print(f"ok: {what} ({took:.2f} s).")
    return 0


def _git_user() -> str | None:
    import subprocess

    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True)
    except OSError:
        return None
    return done.stdout.strip() or None


def _new(args: argparse.Namespace) -> int:
    from reading_edition.cli.checker import check_annotations
    from reading_edition.cli.scaffold import choose, scaffold, schema_path, slug
    from reading_edition.model.annotation import annotation_files
    from reading_edition.model.diagnostics import LocatedError
    from reading_edition.text.reading_source import reading_index

    author = args.author or _git_user()
    if not author:
        print(
            'error: say who writes the annotation: --author "Your Name" (or set git\'s user.name).',
            file=sys.stderr,
        )
        return 1
    index = reading_index(args.article)
    try:
        quote, anchor, _pick = choose(index, args.quote, args.occurrence, args.para)
        text = scaffold(
            index,
            args.quote,
            args.kind,
            args.title,
            author,
            occurrence=args.occurrence,
            para=args.para,
            schema=schema_path(args.annotations),
        )
    except LocatedError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 1
    path = args.annotations / f"{args.id or slug(args.title)}.md"
    if path.exists():
        print(f"error: {path} already exists; choose another --id.", file=sys.stderr)
        return 1
    if args.annotations.is_dir():
        existing = check_annotations(annotation_files(args.annotations), index, None)
        overlapping = sorted(
            a.id
            for a in existing.annotations
            if (found := existing.anchors.get(a.id)) is not None
            and found.anchor is not None
            and found.anchor.start < anchor.end
            and anchor.start < found.anchor.end
        )
        if overlapping:
            print(
                f"note: ¶ {anchor.paragraph + 1}'s words {quote!r} already carry "
                f"{', '.join(overlapping)}: see whether your note belongs there instead.",
                file=sys.stderr,
            )
    path.write_text(text, encoding="utf-8")
    print(
        f"wrote {path} (¶ {anchor.paragraph + 1}); now replace every TODO with the body and "
        "the sources, then run: make check"
    )
    return 0


def _fix(args: argparse.Namespace) -> int:
    """Take the article's characters for quotes that differ only typographically."""
    import json

    from reading_edition.model.annotation import (
        AnnotationError,
        MovedAnnotation,
        load_annotation,
    )
    from reading_edition.text.reading_source import reading_index

    index = reading_index(args.article)
    status = 0
    for path in args.files:
        try:
            annotation = load_annotation(path)
        except AnnotationError as err:
            print("\n".join(map(str, err.errors)), file=sys.stderr)
            status = 1
            continue
        if isinstance(annotation, MovedAnnotation):
            continue
        target = annotation.target
        result = index.find(target.exact, target.prefix, target.suffix)
        if result.status != "typographic" or result.typographic is None:
            if result.status != "anchored":
                print(
                    f"{path}: the quote needs more than its characters fixed; run "
                    "edition check for what is wrong.",
                    file=sys.stderr,
                )
                status = 1
            continue
        line = annotation.line_of("target", "exact")
        lines = path.read_text(encoding="utf-8").split("\n")
        key, _, _value = lines[line - 1].partition(":")
        lines[line - 1] = f"{key}: {json.dumps(result.typographic.text, ensure_ascii=False)}"
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"{path}:{line}: target.exact now has the article's characters.")
    return status


def _pages(args: argparse.Namespace) -> list[str]:
    """The addresses a Hypothesis row may have been made on besides the edition's article:
    ``--page``, and the captured page's ``url`` from the witness's metadata."""
    from reading_edition.model.diagnostics import LocatedError
    from reading_edition.text.article_facts import read_article_facts, witness_metadata
    from reading_edition.text.reading_source import read_article

    pages = list(args.page or [])
    witness = read_article(args.article).witness
    meta = witness_metadata((args.article.parent / witness).resolve()) if witness else None
    if meta is not None:
        try:
            url = read_article_facts(meta).url
        except LocatedError:
            url = None  # `edition check` reports the file at its line
        if url:
            pages.append(url)
    return pages


def _import_hypothesis(args: argparse.Namespace) -> int:
    from reading_edition.cli.hypothesis_import import import_rows, read_export
    from reading_edition.model.diagnostics import LocatedError
    from reading_edition.text.reading_source import reading_index

    try:
        rows = read_export(args.export)
    except LocatedError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    report = import_rows(
        rows, reading_index(args.article), args.annotations, str(args.export), _pages(args)
    )
    for problem in report.problems:
        print(problem, file=sys.stderr)
    for line in report.skipped + report.notes:
        print(line)
    for path in report.written:
        print(f"wrote {path}")
    print(
        f"{len(report.written)} written, {len(report.already)} already imported, "
        f"{len(report.refused)} not written, {report.replies} replies and "
        f"{report.page_notes} page notes skipped, {len(report.skipped)} other rows skipped."
    )
    if report.written:
        print("Now replace every TODO in the new files, then run: make check")
    return 1 if report.problems else 0


def _schema(args: argparse.Namespace) -> int:
    from reading_edition.model.schema import SCHEMA_FILE, schema_text

    if args.write:
        SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_FILE}")
    else:
        sys.stdout.write(schema_text())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="edition",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)

    conv = sub.add_parser(
        "convert",
        help="convert a capture (text, saved page, WARC) to the MyST reading text",
        description="Convert a capture to the MyST reading text, recording every removal. "
        "A capture is a text file (UTF-8, a browser's select-all-copy), a saved page "
        "(.html, .html.gz) or a WARC file (.warc, .warc.gz; needs warcio).",
    )
    conv.add_argument("capture", type=Path, help="the capture file")
    conv.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    conv.add_argument(
        "--witness",
        help="witness path as written in the reading-text directive (relative to the output page)",
    )
    conv.add_argument(
        "--witness-text",
        type=Path,
        help="for a saved page: write the page's text (one block per line) here; the reading "
        "text is checked against it",
    )
    conv.add_argument(
        "--meta", type=Path, help="write the witness metadata (headline, byline, date...) here"
    )
    conv.add_argument("--force", action="store_true", help="overwrite existing output files")
    conv.set_defaults(run=_convert)

    init = sub.add_parser(
        "init",
        help="lay out a new edition from a capture",
        description="Lay out a new edition in FOLDER: the witness and its metadata under "
        "seeds/, docs/article.md from the converter, an empty glossary and annotations, "
        "conf.py, a Makefile (make edition, make test), README, CONTRIBUTING, CI, and the "
        "toolkit's wheel under wheels/.",
    )
    init.add_argument("capture", type=Path, help="the capture file (text, saved page, WARC)")
    init.add_argument("folder", type=Path, help="a new (or empty) folder for the edition")
    init.add_argument(
        "--wheel",
        type=Path,
        help="a wheel of the toolkit to copy into the edition (default: built from the "
        "checkout this command runs from)",
    )
    init.set_defaults(run=_init)

    check = sub.add_parser("check", help="check annotations and the reading text (no build)")
    check.add_argument("files", nargs="*", type=Path, help="annotation files (default: all)")
    check.add_argument("--article", type=Path, default=ARTICLE)
    check.add_argument("--glossary", type=Path, default=GLOSSARY)
    check.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    check.set_defaults(run=_check)

    new = sub.add_parser("new", help="scaffold an annotation from a quote of the article")
    new.add_argument("--quote", required=True, help="the words of the article to annotate")
    new.add_argument(
        "--kind", required=True, help="context, person, definition, source, correction or analysis"
    )
    new.add_argument("--title", required=True, help="a short title")
    new.add_argument("--author", help="your name (default: git's user.name)")
    new.add_argument("--para", type=int, help="the ¶ number, when the quote occurs more than once")
    new.add_argument(
        "--occurrence",
        type=int,
        help="which occurrence (1, 2 …), when the quote occurs more than once",
    )
    new.add_argument("--id", help="file name without .md (default: from the title)")
    new.add_argument("--article", type=Path, default=ARTICLE)
    new.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    new.set_defaults(run=_new)

    fix = sub.add_parser(
        "fix", help="give quotes that differ only in ' \" - the article's own characters"
    )
    fix.add_argument("files", nargs="+", type=Path, help="annotation files")
    fix.add_argument("--article", type=Path, default=ARTICLE)
    fix.set_defaults(run=_fix)

    hyp = sub.add_parser(
        "import-hypothesis",
        help="write annotations from a Hypothesis export (the search API's or the client's)",
    )
    hyp.add_argument(
        "export",
        type=Path,
        help='the JSON of the search API ({"rows": [...]}) or of the client\'s Export',
    )
    hyp.add_argument(
        "--page",
        action="append",
        help="another address the annotations may have been made on (the article's own page "
        "and the captured page's address are always accepted)",
    )
    hyp.add_argument("--article", type=Path, default=ARTICLE)
    hyp.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    hyp.set_defaults(run=_import_hypothesis)

    gh = sub.add_parser(
        "build-annotations",
        help="print a build's warnings as GitHub ::error lines on their files (CI)",
    )
    gh.add_argument("warnings", type=Path, help="the file sphinx-build -w wrote")
    gh.set_defaults(run=_build_annotations)

    schema = sub.add_parser("schema", help="print the annotation front matter's JSON Schema")
    schema.add_argument(
        "--write", action="store_true", help="rewrite the package's annotation.schema.json"
    )
    schema.set_defaults(run=_schema)

    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
