"""The ``edition`` command: ``edition <command> --help``.

Run it from the edition's folder (the one holding ``docs/`` and ``annotations/``).

convert   capture (text, saved page, WARC) → MyST reading text
init      lay out a new edition from a capture
check     validate annotations, the reading text and the sources, without a Sphinx build
new       scaffold a new annotation from a quote of the article
schema    the JSON Schema of an annotation's front matter, generated from the model
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

#: The edition's layout, relative to the folder the command runs in.
ARTICLE = Path("docs") / "article.md"
GLOSSARY = Path("docs") / "glossary.md"
ANNOTATIONS = Path("annotations")


def _convert(args: argparse.Namespace) -> int:
    from reading_edition.cli.new_edition import witness_facts_yaml
    from reading_edition.text.converter import ConversionError, convert_path, to_myst

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


def _init(args: argparse.Namespace) -> int:
    from reading_edition.cli.new_edition import init_edition
    from reading_edition.text.converter import ConversionError

    try:
        written = init_edition(args.capture, args.folder)
    except ConversionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {err.filename}: cannot write ({err.strerror}).", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files under {args.folder}; build it with:")
    print(f"  cd {args.folder} && sphinx-build -M html docs _build -c . -W -n")
    return 0


def _check(args: argparse.Namespace) -> int:
    from reading_edition.cli.checker import check_annotations
    from reading_edition.model.annotation import annotation_files
    from reading_edition.model.diagnostics import LocatedError
    from reading_edition.text.fidelity import compare
    from reading_edition.text.glossary import glossary_terms
    from reading_edition.text.reading_source import read_article, residue_records

    started = time.perf_counter()
    article = read_article(args.article)
    from reading_edition.text.anchoring import ReadingIndex

    index = ReadingIndex(article.paragraphs)
    errors: list[LocatedError] = []
    if not args.files and article.witness:
        witness = (args.article.parent / article.witness).resolve()
        report = compare(
            witness.read_text(encoding="utf-8"),
            residue_records(args.article),
            [article.headline, *article.blocks],
        )
        if not report.ok:
            errors.append(LocatedError(str(args.article), 0, report.message))
    files = args.files or annotation_files(args.annotations)
    result = check_annotations(
        files, index, glossary_terms(args.glossary), Path.cwd(), args.article.parent
    )
    errors += result.errors
    for error in errors:
        print(f"{error}", file=sys.stderr)
    took = time.perf_counter() - started
    if errors:
        print(f"{len(errors)} problem(s) in {len(files)} annotation file(s).", file=sys.stderr)
        return 1
    if not args.quiet:
        print(
            f"ok: {len(result.annotations)} annotations anchored in {len(article.paragraphs)} "
            f"paragraphs; reading text matches the witness ({took:.2f} s)."
        )
    return 0


def _new(args: argparse.Namespace) -> int:
    from reading_edition.cli.scaffold import scaffold, slug
    from reading_edition.model.diagnostics import LocatedError
    from reading_edition.text.anchoring import ReadingIndex
    from reading_edition.text.reading_source import read_article

    index = ReadingIndex(read_article(args.article).paragraphs)
    try:
        text = scaffold(index, args.quote, args.kind, args.title, args.author)
    except LocatedError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 1
    path = args.annotations / f"{args.id or slug(args.title)}.md"
    if path.exists():
        print(f"error: {path} already exists; choose another --id.", file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}; now write the body and the sources, then run: make check")
    return 0


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
        "conf.py.",
    )
    init.add_argument("capture", type=Path, help="the capture file (text, saved page, WARC)")
    init.add_argument("folder", type=Path, help="a new (or empty) folder for the edition")
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
    new.add_argument("--author", default="The edition's editors", help="your name")
    new.add_argument("--id", help="file name without .md (default: from the title)")
    new.add_argument("--article", type=Path, default=ARTICLE)
    new.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    new.set_defaults(run=_new)

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
