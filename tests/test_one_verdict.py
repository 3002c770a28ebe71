"""One verdict: for every kind of bad annotation, `edition check` and the strict build refuse it
with the same message at the same line, and accept the same files. One table drives both: each
bad file is written into one copy of a test root, built once and checked once."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path
from typing import Any

from reading_edition.cli.checker import check_annotations
from reading_edition.model.annotation import annotation_files
from reading_edition.text.glossary import glossary_terms
from reading_edition.text.reading_source import read_article, reading_index

FRONT = (
    '---\ntarget:\n  exact: "{exact}"\nkind: analysis\ntitle: "A note"\n'
    'authors: ["A. Tester"]\ncreated: "2026-11-27"\n{extra}---\n'
)
F = "`" * 3
RAW = "write it in Markdown or with a MyST directive"
SCHEME = "which is not allowed: use an http, https, mailto or relative link"

#: file name: (front-matter extra lines, body, [(line, message)]). Each quote is distinct so
#: that every file anchors; the body starts on line 9 (10 with one extra line).
CASES: dict[str, tuple[str, str, list[tuple[int, str]]]] = {
    "bad-html-block.md": (
        "",
        "Text.\n\n<script>alert(1)</script>\n",
        [
            (
                11,
                "raw html is not allowed in the edition (found '<script>alert(1)</script>'): "
                + RAW,
            )
        ],
    ),
    "bad-html-inline.md": (
        "",
        "Text with <b>bold</b> words.\n",
        [
            (9, f"raw html is not allowed in the edition (found '<b>'): {RAW}"),
            (9, f"raw html is not allowed in the edition (found '</b>'): {RAW}"),
        ],
    ),
    "bad-raw.md": (
        "",
        f"Text.\n\n{F}{{raw}} html\n<p>x</p>\n{F}\n",
        [
            (
                11,
                "the 'raw' directive is not allowed in the edition: raw HTML or LaTeX bypasses "
                "the edition's checks; use Markdown or a MyST directive",
            )
        ],
    ),
    "bad-include.md": (
        "",
        f"Text.\n\n{F}{{include}} ../conf.py\n{F}\n",
        [
            (
                11,
                "the 'include' directive is not allowed in the edition: it publishes files of "
                "the build machine; put the text in the page itself",
            )
        ],
    ),
    "bad-literalinclude.md": (
        "",
        f"Text.\n\n{F}{{literalinclude}} ../conf.py\n{F}\n",
        [
            (
                11,
                "the 'literalinclude' directive is not allowed in the edition: it publishes "
                "files of the build machine; paste the code into a code block",
            )
        ],
    ),
    "bad-eval-rst.md": (
        "",
        f"Text.\n\n{F}{{eval-rst}}\n.. note:: x\n{F}\n",
        [(11, "'{eval-rst}' is not allowed in the edition: write the content in MyST Markdown")],
    ),
    "bad-meta.md": (
        "",
        f"Text.\n\n{F}{{meta}}\n:refresh: 0\n{F}\n",
        [
            (
                11,
                "the 'meta' directive is not allowed in the edition: page metadata (such as "
                "refresh redirects) is set by the edition, not by a page; remove the directive",
            )
        ],
    ),
    "bad-math.md": (
        "",
        f"Text {{math}}`x^2` here.\n\n{F}{{math}}\ny^2\n{F}\n",
        [
            (9, "math is not allowed in the edition (found 'x^2'): write the formula in words"),
            (11, "math is not allowed in the edition (found 'y^2'): write the formula in words"),
        ],
    ),
    "bad-csv.md": (
        "",
        f"Text.\n\n{F}{{csv-table}}\n:file: ../conf.py\n{F}\n",
        [
            (
                11,
                "the 'csv-table' option ':file:' is not allowed in the edition: it reads files "
                "of the build machine or the network; write the rows in the directive's body",
            )
        ],
    ),
    "bad-schemes.md": (
        "",
        "A [link](ftp://example.org/x) and <ftp://example.org/y>.\n\n"
        ":::{card} Title\n:link: ftp://example.org/z\nBody.\n:::\n",
        [
            (9, f"the link target 'ftp://example.org/x' uses the 'ftp:' scheme, {SCHEME}"),
            (9, f"the link target 'ftp://example.org/y' uses the 'ftp:' scheme, {SCHEME}"),
            (11, f"the link target 'ftp://example.org/z' uses the 'ftp:' scheme, {SCHEME}"),
        ],
    ),
    "bad-image.md": (
        "",
        "An image: ![x](https://example.org/x.png)\n",
        [
            (
                9,
                "the image 'https://example.org/x.png' is not a local file: remote images are "
                "not allowed; add the image to the repository and refer to it by a relative path",
            )
        ],
    ),
    "bad-nested.md": (
        "",
        "Text.\n\n:::{note}\n<i>x</i>\n:::\n",
        [
            (12, f"raw html is not allowed in the edition (found '<i>'): {RAW}"),
            (12, f"raw html is not allowed in the edition (found '</i>'): {RAW}"),
        ],
    ),
    "bad-references.md": (
        "",
        "See {term}`NOPE`, {doc}`nowhere` and [that](nowhere.md).\n",
        [
            (9, "term not in glossary: 'NOPE'"),
            (9, "unknown document: 'nowhere'"),
            (9, "'myst' cross-reference target not found: 'nowhere.md'"),
        ],
    ),
    "bad-dropped.md": (
        "",
        "Shown.\n\n% hidden\n",
        [
            (
                11,
                "the line starts with '%', which MyST reads as a comment and does not publish: "
                "write '\\%' for a literal percent sign, or delete the line",
            )
        ],
    ),
    "bad-self.md": (
        "related: [bad-self]\n",
        "Body.\n",
        [(8, "related lists the annotation itself; remove it.")],
    ),
    "bad-related.md": (
        "related: [no-such-note]\n",
        "Body.\n",
        [
            (
                8,
                "related id 'no-such-note' is not an annotation "
                "(no file annotations/no-such-note.md).",
            )
        ],
    ),
    "good-links.md": (
        "related: [overlap-a]\n",
        "See {term}`TAO`, {doc}`overlap-a`, {doc}`the notes <../notes>` and "
        "[the other](overlap-b.md).\n",
        [],
    ),
}
#: The link rules (model/link_rules.py): terms, a related note that moved, moved_to; and a
#: file whose name differs only in case from another's (its id is refused, so no two files
#: share an id).
CASES.update(
    {
        "bad-terms.md": (
            "terms: [NOPE]\n",
            "Body.\n",
            [
                (
                    8,
                    "term 'NOPE' is not in the glossary (docs/glossary.md); use a defined term "
                    "or add it there.",
                )
            ],
        ),
        "bad-related-moved.md": (
            "related: [moved-ok]\n",
            "Body.\n",
            [(8, "related id 'moved-ok' has moved to 'good-links'; list 'good-links' instead.")],
        ),
        "good-terms.md": ("terms: [tao]\n", "Body.\n", []),  # the glossary's TAO, case aside
        "twin.md": ("", "Body.\n", []),
        "Twin.md": (
            "",
            "Body.\n",
            [
                (
                    0,
                    "the file name 'Twin' is not a valid id; use lowercase letters, digits and "
                    "single hyphens, e.g. calderon-email.md.",
                )
            ],
        ),
    }
)
MOVED = '---\ntitle: "Old"\nmoved_to: "{to}"\nauthors: ["A"]\ncreated: "2026-11-01"\n---\nMerged.\n'
#: Moved files: name: (moved_to, [(line, message)]).
MOVED_CASES: dict[str, tuple[str, list[tuple[int, str]]]] = {
    "moved-ok.md": ("good-links", []),
    "moved-lost.md": (
        "no-such-note",
        [
            (
                3,
                "moved_to id 'no-such-note' is not an annotation "
                "(no file annotations/no-such-note.md).",
            )
        ],
    ),
}
#: file name: (quote, message at the line of target.exact) for quotes that miss, and why.
QUOTE_CASES: dict[str, tuple[str, str]] = {
    "quote-typographic.md": (
        '"a phrase here"',
        "quote '\"a phrase here\"' differs from ¶ 3 only in typographic characters: "
        'character 1: you typed " (U+0022); the article has “ (U+201C); character 15: you '
        'typed " (U+0022); the article has ” (U+201D). Run `edition fix` on this file to take '
        "the article's characters, or copy them from the article.",
    ),
    "quote-across.md": (
        "full stop The first",
        "quote 'full stop The first' runs from ¶ 1 into ¶ 2: a quote must lie within one "
        "paragraph. Quote the part in one paragraph, or annotate each part.",
    ),
    "quote-footnote.md": (
        "An editorial note.",
        "quote 'An editorial note.' includes the text of a footnote, which is the edition's, "
        "not the article's: quote only the article's words (footnote marks and notes are left "
        "out).",
    ),
    "quote-new.md": (
        "the drug trades, twice",
        "quote 'the drug trades, twice' is not found in the article's reading text. The "
        "closest passage is ¶ 2: 'the drug trade, twice.' (similarity 95%); if you meant it, "
        "copy its words into target.exact exactly as the article shows them.",
    ),
}
#: A file that is not an annotation, in the annotations folder.
STRAY = ("notes.txt", [(0, "only .md files are annotations; move or remove this file.")])


def unique_words(article: Path) -> list[str]:
    """Words, then pairs of words, that occur once in the reading text: each case's quote
    anchors on its own."""
    paragraphs = read_article(article).paragraphs
    text = " ".join(paragraphs)
    words = re.findall(r"\w{3,}", text)
    # Pairs within a paragraph: a quote across paragraphs is refused (QUOTE_CASES has one).
    pairs = [
        f"{a} {b}" for p in paragraphs for a, b in itertools.pairwise(re.findall(r"\w{3,}", p))
    ]
    return [w for w in dict.fromkeys(words + pairs) if text.count(w) == 1]


def write_cases(annotations: Path, words: list[str]) -> dict[str, list[tuple[int, str]]]:
    expected = {}
    assert len(words) >= len(CASES)
    for (name, (extra, body, messages)), word in zip(CASES.items(), words, strict=False):
        text = FRONT.format(exact=word, extra=extra) + body
        (annotations / name).write_text(text, encoding="utf-8")
        expected[f"annotations/{name}"] = messages
    for name, (quote, message) in QUOTE_CASES.items():
        exact = quote.replace('"', '\\"')
        (annotations / name).write_text(FRONT.format(exact=exact, extra="") + "Body.\n")
        expected[f"annotations/{name}"] = [(3, message)]
    for name, (to, messages) in MOVED_CASES.items():
        (annotations / name).write_text(MOVED.format(to=to), encoding="utf-8")
        expected[f"annotations/{name}"] = messages
    (annotations / STRAY[0]).write_text("not an annotation\n", encoding="utf-8")
    expected[f"annotations/{STRAY[0]}"] = STRAY[1]
    return expected


def build_findings(warnings: str, srcdir: Path) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    pattern = re.compile(
        r"^(?P<path>[^\s:]+?)(?::(?P<line>\d+))?: (?:WARNING|ERROR): (?P<msg>.*?)(?: \[[\w.-]+\])?$"
    )
    for line in re.sub(r"\x1b\[[0-9;]*m", "", warnings).splitlines():
        match = pattern.match(line)
        if match and "/annotations/" in match["path"]:
            key = "annotations/" + match["path"].rsplit("/annotations/", 1)[1]
            found.setdefault(key, []).append((int(match["line"] or 0), match["msg"]))
    return found


def test_the_checker_and_the_build_give_one_verdict(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    # The edition's layout: annotations/ beside docs/, linked in as docs/annotations.
    srcdir = tmp_path / "docs"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    (srcdir / "annotations").rename(tmp_path / "annotations")
    (srcdir / "annotations").symlink_to("../annotations", target_is_directory=True)
    expected = write_cases(srcdir / "annotations", unique_words(srcdir / "article.md"))
    want = {name: sorted(messages) for name, messages in expected.items() if messages}

    index = reading_index(srcdir / "article.md")
    report = check_annotations(
        annotation_files(srcdir / "annotations"),
        index,
        glossary_terms(srcdir / "glossary.md"),
        srcdir,
        srcdir,
    )
    checked: dict[str, list[tuple[int, str]]] = {}
    for error in report.errors:
        checked.setdefault(error.path, []).append((error.line, error.message))
    assert {name: sorted(found) for name, found in checked.items()} == want

    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    built = build_findings(app.warning.getvalue(), srcdir)
    assert {name: sorted(found) for name, found in built.items()} == want
