"""One verdict: for every kind of bad annotation, `edition check` and the strict build refuse it
with the same message at the same line, and accept the same files. One table drives both: each
bad file is written into one copy of a test root, built once and checked once."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from pathlib import Path
from typing import Any

from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser, directives
from docutils.parsers.rst.languages import en
from docutils.utils import new_document
from reading_edition.cli.checker import check_annotations
from reading_edition.cli.main import build_errors, github_annotation
from reading_edition.model.annotation import annotation_files
from reading_edition.text.code_languages import language_problem
from reading_edition.text.glossary import glossary_terms
from reading_edition.text.markup import (
    ALSO_ROLES,
    ANNOTATION_ROLES,
    ARGUMENT_COUNTS,
    ARGUMENT_VALUES,
    CARD_LEGACY,
    DIRECTIVE_OPTIONS,
    NEEDS_CONTENT,
    NO_CONTENT,
    OPTION_VALUES,
    directive_problem,
    option_value_problem,
    role_problem,
)
from reading_edition.text.reading_source import read_article, reading_index

FRONT = (
    '---\ntarget:\n  exact: "{exact}"\nkind: analysis\ntitle: "A note"\n'
    'authors: ["A. Tester"]\ncreated: "2026-11-27"\n{extra}---\n'
)
F = "`" * 3
RAW = "write it in Markdown or with a MyST directive"
SCHEME = "which is not allowed: use an http, https, mailto or relative link"
TODAY = dt.date.today()
MOVED = (
    "the link goes to the note 'old-name', which has moved to 'nested-inner'; "
    "link {doc}`nested-inner` instead."
)

LABEL_LINK = (
    "the link target '{}' is a label or a place in a page, which is known only to the build: "
    "link to a page or a note by its file ('../docs/timeline.md', 'felipe-calderon.md') or "
    "with {{doc}}"
)

#: MyST's and docutils' words about headings and thematic breaks, with the edition's fix.
H2_FIRST = (
    "Document headings start at H2, not H1: a note's first heading is written with one '#' "
    "(the note's title is placed above it); write this heading with '#', and each heading "
    "below it at most one '#' deeper"
)
H1_TO_H3 = (
    "Non-consecutive header level increase; H1 to H3: a heading may be only one level deeper "
    "than the heading above it; write this one with ## (H2)"
)
NOT_IN_SECTION = (
    "Transition must be child of <document> or <section>. In a note, a line '---' or '***' "
    "(a thematic break) may only separate paragraphs under a heading: remove it, or put a "
    "heading ('# …') above the part it begins."
)
FIRST = "Remove a line '---' or '***' (a thematic break) just below the heading."

UNKNOWN_DOC = (
    "unknown document: '{}': no note has that id and no page that path; link a note by its id "
    "(its file name without .md), a page by its path ({{doc}}`../timeline`)."
)

TERM_TYPO = (
    "the role '{tem}' is not one an annotation may use. Did you mean '{term}'? Use {term} for a "
    "glossary term, {doc} for a link to a page or a note, {code} for code, or a badge: {bdg}, "
    "{bdg-<colour>} or {bdg-<colour>-line}, where <colour> is primary, secondary, success, "
    "info, warning, danger, light, muted, dark, white, black."
)

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
    "bad-eval-rst-colon.md": (
        "",
        "Text.\n\n:::{eval-rst}\n.. note:: x\n:::\n",
        [(11, "'{eval-rst}' is not allowed in the edition: write the content in MyST Markdown")],
    ),
    # An image that is not there: Sphinx names it from the source folder, links followed.
    "bad-missing-image.md": (
        "",
        "Text.\n\n![A map](no-map.png)\n\n:::{figure} no-figure.png\nA caption.\n:::\n",
        [
            (11, "image file not readable: ../annotations/no-map.png"),
            (13, "image file not readable: ../annotations/no-figure.png"),
        ],
    ),
    # Text directly in a tab set (sphinx-design drops it).
    "bad-tab-set.md": (
        "",
        "Text.\n\n::::{tab-set}\nAn introduction.\n\n:::{tab-item} One\nPanel.\n:::\n\n"
        "- a list\n::::\n",
        [
            (12, "All children of a 'tab-set' should be 'tab-item' [design.tab]"),
            (18, "All children of a 'tab-set' should be 'tab-item' [design.tab]"),
        ],
    ),
    "bad-list-table.md": (
        "",
        "Text.\n\n:::{list-table}\n* - a\n  - b\n* - c\n:::\n",
        [
            (
                11,
                'Error parsing content block for the "list-table" directive: uniform two-level '
                "bullet list expected, but row 2 does not contain the same number of items as "
                "row 1 (1 vs 2).",
            )
        ],
    ),
    # Accepted by both: a label in a tab set (sphinx-design keeps it), the allowed roles.
    "good-tab-label.md": (
        "",
        "Text with {code}`x`, {bdg}`plain` and {bdg-info-line}`info`.\n\n::::{tab-set}\n"
        "(tab-label)=\n:::{tab-item} One\nPanel.\n:::\n::::\n",
        [],
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
        "See {term}`NOPE`, {doc}`nowhere`, [that](nowhere.md) and [there](../notes.md#x).\n"
        "\nAnd {term}`TOA`, {doc}`overlap-aa` and [this](good-link.md).\n",
        [
            (
                9,
                "term not in glossary: 'NOPE': use a term of docs/glossary.md, or add it there.",
            ),
            (9, UNKNOWN_DOC.format("nowhere")),
            (
                9,
                "'myst' cross-reference target not found: 'nowhere.md': no such note or page; "
                "link a note by its file ('felipe-calderon.md'), a page by its path "
                "('../docs/timeline.md').",
            ),
            (9, LABEL_LINK.format("../notes.md#x")),
            # A typo: the nearest term, note id or note file.
            (11, "term not in glossary: 'TOA'. Did you mean 'TAO'?"),
            (11, "unknown document: 'overlap-aa'. Did you mean 'overlap-a'?"),
            (
                11,
                "'myst' cross-reference target not found: 'good-link.md'. Did you mean "
                "'good-links.md'?",
            ),
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
    "bad-option.md": (
        "",
        "Text.\n\n::::{tab-set}\n\n:::{tab-item} One\n:bogus: yes\nPanel.\n:::\n::::\n",
        [
            (
                14,
                "'tab-item': Unknown option key: 'bogus' (allowed: ['class-container', "
                "'class-content', 'class-label', 'name', 'selected', 'sync'])",
            )
        ],
    ),
    "bad-button.md": (
        "",
        f"Text.\n\n{F}{{button-link}} javascript:alert(1)\nGo\n{F}\n",
        [(11, f"the link target 'javascript:alert(1)' uses the 'javascript:' scheme, {SCHEME}")],
    ),
    "bad-directive-as-role.md": (
        "",
        "A {button-link}`https://example.org/b` and a {dropdown}`More`.\n",
        [
            (
                9,
                "'button-link' is a directive, not a role: write it as a block, a line "
                "':::{button-link}' with its content below and a closing ':::'.",
            ),
            (
                9,
                "'dropdown' is a directive, not a role: write it as a block, a line "
                "':::{dropdown}' with its content below and a closing ':::'.",
            ),
        ],
    ),
    # Roles and directives outside the edition's allowlist (text/markup.py), a typo among
    # them; in the text, in a footnote, in a directive's title, and a directive of the
    # editors' pages.
    "bad-unknown-role.md": (
        "",
        "A {tem}`TAO` and {fancyrole}`x`.^[With {abbr}`NSA (National Security Agency)`.]\n\n"
        ":::{dropdown} A {fancy}`title`\nText.\n:::\n",
        [
            (9, TERM_TYPO),
            (9, role_problem("fancyrole") or ""),
            (9, role_problem("abbr") or ""),
            (11, role_problem("fancy") or ""),
        ],
    ),
    "bad-unknown-directive.md": (
        "",
        f"Text.\n\n{F}{{fancydirective}} arg\nbody {{fancy}}`x`\n{F}\n\n"
        ":::{reading-text} ../witness.txt\nHijack the article.\n:::\n\n"
        ":::{dropdwn} Title\nText.\n:::\n",
        [
            (11, directive_problem("fancydirective") or ""),
            (15, directive_problem("reading-text") or ""),
            (19, directive_problem("dropdwn") or ""),
        ],
    ),
    # Nested directives without a blank line between them: the file's own lines (MyST-Parser
    # counts a line it adds; sphinxext/security_renderer.py gives the file's back).
    "bad-nested-lines.md": (
        "",
        "Text.\n\n::::{tab-set}\n:::{tab-item} One\n:bogus: yes\nPanel with {fancy}`x`.\n:::\n"
        "::::\n\n:::::{dropdown} Outer\n::::{note}\n:::{card} A {nope}`card`\nIn {nope}`it`.\n"
        ":::\n::::\n:::::\n",
        [
            (
                13,
                "'tab-item': Unknown option key: 'bogus' (allowed: ['class-container', "
                "'class-content', 'class-label', 'name', 'selected', 'sync'])",
            ),
            (14, role_problem("fancy") or ""),
            (20, role_problem("nope") or ""),
            (21, role_problem("nope") or ""),
        ],
    ),
    "bad-dropped-links.md": (
        "",
        "A [link](javascript:alert(1)), <javascript:alert(2)>,\n"
        "[data](data:text/html,x) and [vb](vbscript:x).\n",
        [
            (9, f"the link target 'javascript:alert(1)' uses the 'javascript:' scheme, {SCHEME}"),
            (9, f"the link target 'javascript:alert(2)' uses the 'javascript:' scheme, {SCHEME}"),
            (9, f"the link target 'data:text/html,x' uses the 'data:' scheme, {SCHEME}"),
            (9, f"the link target 'vbscript:x' uses the 'vbscript:' scheme, {SCHEME}"),
        ],
    ),
    "bad-moved-link.md": (
        "",
        "See {doc}`old-name` and [it](old-name.md).\n",
        [(9, MOVED)],
    ),
    "bad-heading.md": (
        "",
        "## A heading one level too deep\n\nText.\n\n# Top\n\n### Too deep\n\nMore.\n",
        [(9, H2_FIRST), (15, H1_TO_H3)],
    ),
    "bad-long-first.md": (
        "",
        "word " * 300 + "\n\nA second paragraph.\n",
        [
            (
                9,
                "the first paragraph has 1,499 characters; the article shows it beside the "
                "passage, so it may have at most 1,200: shorten it, or move the rest into a "
                "paragraph after it (the note's own page shows every paragraph).",
            )
        ],
    ),
    "bad-dates.md": (
        'updated: "2026-01-01"\n',
        "Body.\n",
        [
            (
                8,
                "updated: '2026-01-01' is before created ('2026-11-27'); a note is updated "
                "after it is written: correct one of the dates.",
            )
        ],
    ),
    "bad-source-dates.md": (
        'sources:\n  - title: "T"\n    publisher: "P"\n    date: "2031"\n'
        '    url: "https://example.org/a"\n    quote: "The words."\n    via:\n      title: "C"\n'
        '      publisher: "P"\n      url: "https://example.org/a"\n',
        "Body.\n",
        [
            (11, f"sources.0.date: '2031' is in the future (today is {TODAY}); check it."),
            (
                17,
                "sources.0.via.url is the source's own url: via names a copy you read instead "
                "of the original (an archive, a repost); give the copy's address, or remove via "
                "if you read the original.",
            ),
        ],
    ),
    "good-links.md": (
        "related: [overlap-a]\n",
        "See {term}`TAO`, {doc}`overlap-a`, {doc}`the notes <../notes>`, "
        "[the other](overlap-b.md), [the notes by path](../docs/notes.md) and "
        "[by name](../notes.md).\n\n# A heading\n\n## And one below\n",
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
#: Argument and option values the build refuses (text/markup.py's OPTION_VALUES and
#: ARGUMENT_VALUES mirror the converters): the words are the build's, seen in a real build.
COLUMNS = (
    "argument must be 1 or 4 (xs sm md lg) values, and each value should be either auto or an "
    "integer from 1 to 12"
)
CAROUSEL = '"{n}" unknown; choose from ' + ", ".join(f'"{i}"' for i in range(1, 12)) + ', or "12"'
OPTIONS_FORMAT = "Invalid options format: found unexpected end of stream"
CSV_DATA = 'Error with CSV data in "csv-table" directive: {}'
LINK_TYPE = (
    "':{option}: {value}' is not allowed in an annotation: it links to a label, which is known "
    "only to the build; link to a page or a note by name with ':{option}: doc' (e.g. "
    "../timeline, or another note's id), as {{doc}} does"
)
COLOURS = (
    '"primary", "secondary", "success", "info", "warning", "danger", "light", "muted", "dark", '
    '"white", or "black"'
)


def _blocks(*blocks: tuple[str, list[tuple[int, str]]]) -> tuple[str, list[tuple[int, str]]]:
    """One body of several directives (each case's file needs a quote of its own, and the test
    article has few): each block's messages at lines counted from the block's first line, 1;
    0 for a message with no line."""
    body, messages, line = "Text.\n", [], 10  # the body's line 9 is "Text.", then a blank
    for text, found in blocks:
        body += "\n" + text
        messages += [(line + offset if offset else 0, message) for offset, message in found]
        line += text.count("\n") + 1
    return body, messages


CASES.update(
    {
        "bad-arguments.md": (
            "",
            *_blocks(
                (
                    "::::{card-carousel} 13\n:::{card} A\nB\n:::\n::::\n",
                    [(1, "Invalid directive argument: " + CAROUSEL.format(n=13))],
                ),
                (
                    # Stopped by its argument, the carousel parses nothing inside: no word of
                    # the card's width either.
                    "::::{card-carousel} 0\n:::{card} A\n:width: 30%\nB\n:::\n::::\n",
                    [(1, "Invalid directive argument: " + CAROUSEL.format(n=0))],
                ),
                (
                    "::::{grid} 1 2 3\n:::{grid-item}\nA\n:::\n::::\n",
                    [(1, "Invalid directive argument: " + COLUMNS)],
                ),
                (
                    "::::{card-carousel}\n:class: x\n:::{card} A\nB\n:::\n::::\n",
                    [(1, "Directive 'card-carousel': 1 argument(s) required, 0 supplied")],
                ),
                (
                    "::::{card-carousel} 2 3\n:::{card} A\nB\n:::\n::::\n",
                    [(1, "Directive 'card-carousel': maximum 1 argument(s) allowed, 2 supplied")],
                ),
                # MyST stops at the missing label: no word of the unknown option.
                (
                    "::::{tab-set}\n:::{tab-item}\n:nope: x\nBody.\n:::\n::::\n",
                    [(2, "Directive 'tab-item': 1 argument(s) required, 0 supplied")],
                ),
            ),
        ),
        "bad-design-options.md": (
            "",
            *_blocks(
                (
                    "::::{grid} 2\n:::{grid-item}\n:columns: 13\nA\n:::\n::::\n",
                    [(3, f"'grid-item': Invalid option value for 'columns': 13: {COLUMNS}")],
                ),
                (
                    "::::{grid} 2\n:gutter: 6\n:::{grid-item}\nA\n:::\n::::\n",
                    [
                        (
                            2,
                            "'grid': Invalid option value for 'gutter': 6: argument must be 1 "
                            "or 4 (xs sm md lg) values, and each value should be an integer "
                            "from 0 to 5",
                        )
                    ],
                ),
                (
                    ":::{dropdown} Title\n:color: neon\nBody.\n:::\n",
                    [
                        (
                            2,
                            "'dropdown': Invalid option value for 'color': neon: \"neon\" "
                            f"unknown; choose from {COLOURS}",
                        )
                    ],
                ),
                (
                    ":::{dropdown} Title\n:animate:\nBody.\n:::\n",
                    [
                        (
                            2,
                            "'dropdown': Invalid option value for 'animate': None: must supply "
                            'an argument; choose from "fade-in", or "fade-in-slide-down"',
                        )
                    ],
                ),
                # Options in a YAML block, read as MyST reads them: at each key's line.
                (
                    ":::{dropdown} Title\n---\nopen:\ncolor: 'neon'\nbogus: x\n---\nBody.\n:::\n",
                    [
                        (
                            4,
                            "'dropdown': Invalid option value for 'color': neon: \"neon\" "
                            f"unknown; choose from {COLOURS}",
                        ),
                        (
                            5,
                            "'dropdown': Unknown option key: 'bogus' (allowed: ['animate', "
                            "'chevron', 'class-body', 'class-container', 'class-title', 'color', "
                            "'icon', 'margin', 'name', 'open'])",
                        ),
                    ],
                ),
                # A card's link in a dropdown: once, at the card's line.
                (
                    "::::{dropdown} D\n:::{card} T\n---\nlink: ftp://example.org/z\n---\nBody.\n"
                    ":::\n::::\n",
                    [
                        (
                            2,
                            "the link target 'ftp://example.org/z' uses the 'ftp:' scheme, "
                            + SCHEME,
                        )
                    ],
                ),
                # The edition's words (text/markup.py's octicon), in check and build alike.
                (
                    ":::{dropdown} Title\n:icon: infoo\nBody.\n:::\n",
                    [
                        (
                            2,
                            "'dropdown': Invalid option value for 'icon': infoo: \"infoo\" is "
                            'not an octicon name; did you mean "info"?',
                        )
                    ],
                ),
                (":::{dropdown} Title\n:icon: light-bulb\nBody.\n:::\n", []),
                (
                    ":::{card} T\n:width: 30%\nBody.\n:::\n",
                    [
                        (
                            2,
                            "'card': Invalid option value for 'width': 30%: \"30%\" unknown; "
                            'choose from "auto", "25%", "50%", "75%", or "100%"',
                        )
                    ],
                ),
                (
                    ":::{card} T\n:margin: 1 2\nBody.\n:::\n",
                    [
                        (
                            2,
                            "'card': Invalid option value for 'margin': 1 2: argument must be "
                            "one (all) or four (top bottom left right) integers",
                        )
                    ],
                ),
                # A card's image and the article info's avatar: remote ones refused at the
                # directive's line; a missing file with no line (Sphinx has none for it).
                (
                    ":::{card} T\n:img-top: https://example.org/x.png\nBody.\n:::\n",
                    [
                        (
                            1,
                            "the image 'https://example.org/x.png' is not a local file: remote "
                            "images are not allowed; add the image to the repository and refer "
                            "to it by a relative path",
                        )
                    ],
                ),
                (
                    ":::{article-info}\n:avatar: no-avatar.png\n:avatar-link: javascript:x\n"
                    ":author: A\n:::\n",
                    [
                        (0, "image file not readable: ../annotations/no-avatar.png"),
                        (
                            1,
                            "the link target 'javascript:x' uses the 'javascript:' scheme, "
                            + SCHEME,
                        ),
                    ],
                ),
                (
                    "::::{grid} 1\n:::{grid-item-card} T\n:img-bottom: no-card.png\nBody.\n:::\n"
                    "::::\n",
                    [(0, "image file not readable: ../annotations/no-card.png")],
                ),
                # A component's link by label (ref, any, a button's myst; a button-ref is
                # "any" unless told): refused, whether the label exists or not; the build
                # said "undefined label" for a missing one, and check nothing.
                (
                    ":::{button-ref} no-such-label\n:ref-type: ref\nGo\n:::\n\n"
                    ":::{card} T\n:link: no-such-label\n:link-type: any\nBody.\n:::\n\n"
                    ":::{button-ref} about\n:ref-type: myst\nGo\n:::\n\n"
                    ":::{button-ref} about\nGo\n:::\n",
                    [
                        (1, LINK_TYPE.format(option="ref-type", value="ref")),
                        (6, LINK_TYPE.format(option="link-type", value="any")),
                        (12, LINK_TYPE.format(option="ref-type", value="myst")),
                        (17, LINK_TYPE.format(option="ref-type", value="any")),
                    ],
                ),
                # A Markdown link by label or to a place in a page: the build said "target not
                # found" for a missing one (and for a name resolved from the note's page but
                # not beside the article), check nothing. A page by its file is fine.
                (
                    "A [label](nowhere), a [place](../docs/notes.md#x), [a page](../docs/notes.md)."
                    "\n\nA [place MyST finds the page of](../notes.md#x).\n",
                    [
                        (1, LABEL_LINK.format("nowhere")),
                        (1, LABEL_LINK.format("../docs/notes.md#x")),
                        (3, LABEL_LINK.format("../notes.md#x")),
                    ],
                ),
                # A Markdown link to another file: a download where it is a file inside the
                # sources; the build's words where there is no such file, or it is outside
                # them (check said nothing: the build only).
                (
                    "A [map](map.pdf), [the witness](../docs/witness.txt) and "
                    "[a secret](../outside.txt).\n",
                    [
                        (1, "'myst' cross-reference target not found: 'map.pdf'"),
                        (
                            1,
                            "the download '../outside.txt' is outside the edition's sources: "
                            "refer to a file inside docs/ or annotations/",
                        ),
                    ],
                ),
                # A component's link to a page as a document ({doc}'s rules).
                (
                    ":::{button-ref} ../nowhere\n:ref-type: doc\nGo\n:::\n",
                    [(1, UNKNOWN_DOC.format("../nowhere"))],
                ),
                (
                    ":::{card} T\n:link: nowhere\n:link-type: doc\nBody.\n:::\n",
                    [(1, UNKNOWN_DOC.format("nowhere"))],
                ),
                (
                    "::::{grid} 1\n:::{grid-item-card} T\n:link: old-name\n:link-type: doc\n"
                    "Body.\n:::\n::::\n",
                    [(2, MOVED)],
                ),
                (
                    ":::{button-ref} ../notes\n:ref-type: doc\nGo\n:::\n\n"
                    ":::{card} T\n:link: overlap-a\n:link-type: doc\nBody.\n:::\n",
                    [],
                ),
            ),
        ),
        "bad-docutils-options.md": (
            "",
            *_blocks(
                (
                    ":::{list-table}\n:header-rows: x\n* - a\n:::\n",
                    [
                        (
                            2,
                            "'list-table': Invalid option value for 'header-rows': x: invalid "
                            "literal for int() with base 10: 'x'",
                        )
                    ],
                ),
                # The converter takes "middle"; Image.run refuses it, at the directive's line.
                (
                    ":::{image} x.png\n:align: middle\n:::\n",
                    [
                        (
                            1,
                            'Error in "image" directive: "middle" is not a valid value for the '
                            '"align" option.  Valid values for "align" are: "left", "center", '
                            '"right".',
                        )
                    ],
                ),
                # docutils' converter raised AttributeError here: a traceback, before.
                (
                    ":::{csv-table}\n:delim:\na,b\n:::\n",
                    [
                        (
                            2,
                            "'csv-table': Invalid option value for 'delim': None: argument "
                            "required but none supplied",
                        )
                    ],
                ),
                # Options MyST cannot read (an unclosed quote): check said nothing.
                (
                    ':::{note}\n:class: "x\nBody.\n:::\n\n:::{dropdown} T\n:color: info\n'
                    ":class: 'y\nBody.\n:::\n\n:::{note}\n---\nclass: \"x\n---\nBody.\n:::\n",
                    [
                        (2, f"'note': {OPTIONS_FORMAT}"),
                        (8, f"'dropdown': {OPTIONS_FORMAT}"),
                        (14, f"'note': {OPTIONS_FORMAT}"),
                    ],
                ),
                (
                    ":::{note}\n:collapsible: shut\nBody.\n:::\n",
                    [
                        (
                            2,
                            "'note': Invalid option value for 'collapsible': shut: \"shut\" "
                            'unknown; choose from "open" or "closed".',
                        )
                    ],
                ),
            ),
        ),
        # Values both accept; MyST takes any value of a flag (``:selected: yes``).
        "good-values.md": (
            "",
            *_blocks(
                (
                    "::::{tab-set}\n:::{tab-item} A\n:selected: yes\nBody.\n:::\n::::\n",
                    [],
                ),
                (
                    "::::{grid} 1 2 auto 4\n:gutter: 0 1 2 5\n:::{grid-item-card} T\n"
                    ":columns: 12\n:margin: auto\n:width: 50%\nB\n:::\n::::\n",
                    [],
                ),
                ("::::{card-carousel} 12\n:::{card} A\nB\n:::\n::::\n", []),
                # A note takes no argument: its first line is its body, not empty.
                (":::{note} The body, on the first line.\n:::\n", []),
            ),
        ),
    }
)

#: What directives check of their place and their blocks when they run (text/markup.py's
#: PARENTS, CHILDREN and the rules after them), in the build's words, seen in a real build.
GRID_PARENT = "The parent of a 'grid-item' should be a 'grid-row' [design.grid]"
CAROUSEL_CHILD = "All children of a 'card-carousel' should be 'card' [design.card]"
GRID_CHILD = "All children of a 'grid-row' should be 'grid-item' [design.grid]"
HLIST = ".. hlist content is not a list"


NESTED = (
    "this {kind} is the {n}th list or quote inside one another: the PDF (LaTeX) sets at most 4 "
    "bulleted lists, 4 numbered lists and 6 lists and quotes in all one inside another, and "
    "stops; flatten it (a heading or a table can carry a level)."
)
LEXER = "Pygments lexer name '{}' is not known"
LEXING = (
    "Lexing literal_block {source} as \"{lang}\" resulted in an error at token: '{token}'. "
    "Retrying in relaxed mode."
)


def table_error(block: str) -> str:
    kind = "table" if block == "table" else "list-table"
    return f'Error parsing content block for the "{kind}" directive: exactly one {block} expected.'


CASES.update(
    {
        "bad-design-structure.md": (
            "",
            *_blocks(
                # The first block that is not a card, once; a list, a card in a note.
                (
                    "::::{card-carousel} 2\n:::{card} A\nB\n:::\n\nA paragraph.\n\n- a list\n"
                    "::::\n",
                    [(6, CAROUSEL_CHILD)],
                ),
                (
                    ":::::{card-carousel} 2\n::::{note}\n:::{card} A\nB\n:::\n::::\n:::::\n",
                    [(2, CAROUSEL_CHILD)],
                ),
                # A grid item card has no line of its own: the carousel's is given.
                (
                    "::::{card-carousel} 2\n:::{grid-item-card} A\nB\n:::\n::::\n",
                    [(1, CAROUSEL_CHILD), (2, GRID_PARENT)],
                ),
                (
                    "::::{grid} 2\n:::{grid-item}\nA\n:::\n:::{dropdown} D\nB\n:::\n::::\n",
                    [(5, GRID_CHILD)],
                ),
                # A rubric or a parsed literal in a grid: at its own line (the build named the
                # file only for a rubric, and line 1 for a parsed literal).
                (
                    "::::{grid} 2\n:::{rubric} R\n:::\n::::\n\n::::{grid} 2\n:::{grid-item}\n"
                    "A\n:::\n:::{parsed-literal}\nx *y*\n:::\n::::\n",
                    [(2, GRID_CHILD), (10, GRID_CHILD)],
                ),
                # A topic in a grid is an error the grid skips; the paragraph is not.
                (
                    "::::{grid} 2\n:::{topic} T\nB.\n:::\n\nA paragraph.\n::::\n",
                    [
                        (
                            2,
                            'The "topic" directive may not be used within topics or body elements.',
                        ),
                        (6, GRID_CHILD),
                    ],
                ),
                # In a list in the grid, the item is not in the grid.
                (
                    "::::{grid} 2\n- :::{grid-item}\n  A\n  :::\n::::\n",
                    [(2, GRID_CHILD), (2, GRID_PARENT)],
                ),
                (
                    ":::{grid-item}\nA\n:::\n\n:::{grid-item-card} T\nB\n:::\n",
                    [(1, GRID_PARENT), (5, GRID_PARENT)],
                ),
                (
                    ":::{tab-item} One\nPanel.\n:::\n",
                    [(1, "The parent of a 'tab-item' should be a 'tab-set' [design.tab]")],
                ),
                (
                    "::::{tab-set}\n:::{tab-item} One\n:selected:\nA.\n:::\n:::{tab-item} Two\n"
                    ":selected:\nB.\n:::\n::::\n",
                    [(1, "Multiple selected 'tab-item' directives [design.tab]")],
                ),
                (
                    f"::::{{tab-set-code}}\n{F}python\nx = 1\n{F}\n\nA paragraph.\n::::\n",
                    [
                        (
                            1,
                            "All children of a 'tab-code-set' should be a 'literal_block' "
                            "[design.tab_code]",
                        )
                    ],
                ),
                # Once a page, at the first card with a separator line (in code too).
                (
                    f"::::{{card}} T\nHeader\n^^^\n{F}\n+++\n{F}\n::::\n\n"
                    ":::{card} U\nH\n^^^\nB.\n:::\n",
                    [(1, CARD_LEGACY)],
                ),
                (
                    ":::{card-footer}\nF\n:::\n",
                    [
                        (
                            1,
                            "The parent of a 'card-footer' should be a 'card' or "
                            "'grid-item-card' [design.card]",
                        )
                    ],
                ),
                (
                    "::::{card} T\n:header: Head\n:::{card-header}\nH1\n:::\n"
                    ":::{card-header}\nH2\n:::\nBody.\n::::\n",
                    [
                        (
                            1,
                            "Card ':header:' option ignored: a 'card-header' directive (or "
                            "'^^^'/'+++' separator) is also present, which takes precedence "
                            "[design.card]",
                        ),
                        (
                            6,
                            "Card has multiple 'card-header' directives; merging them into one "
                            "[design.card]",
                        ),
                    ],
                ),
            ),
        ),
        "bad-docutils-structure.md": (
            "",
            *_blocks(
                (":::{hlist}\nA paragraph.\n:::\n", [(1, HLIST)]),
                (":::{hlist}\n- a\n- b\n\n1. c\n:::\n", [(1, HLIST)]),
                (":::{hlist}\n:::\n", [(1, HLIST)]),
                # Sphinx's hlist took 0 columns and stopped the build with ZeroDivisionError.
                (
                    ":::{hlist}\n:columns: 0\n- a\n:::\n",
                    [
                        (
                            2,
                            "'hlist': Invalid option value for 'columns': 0: negative or zero "
                            "value; must be positive",
                        )
                    ],
                ),
                (":::{hlist}\n(hlist-label)=\n- a\n:::\n", [(1, HLIST)]),
                (
                    "::::{note}\n:::{topic} T\nBody.\n:::\n::::\n",
                    [(2, 'The "topic" directive may not be used within topics or body elements.')],
                ),
                (
                    "::::{sidebar} S\n:::{sidebar} T\nBody.\n:::\n::::\n",
                    [(2, 'The "sidebar" directive may not be used within a sidebar element.')],
                ),
                (
                    ":::{sidebar}\n:subtitle: Sub\nBody.\n:::\n",
                    [(1, 'The "subtitle" option may not be used without a title.')],
                ),
                (
                    ":::{rubric} R\nBody here.\n:::\n",
                    [(1, "'rubric': Has content, but none permitted")],
                ),
                (
                    ":::{article-info}\n:author: A\nBody.\n:::\n",
                    [(1, "'article-info': Has content, but none permitted")],
                ),
                # Lists and quotes deeper than LaTeX nests them (the PDF stopped with "Too
                # deeply nested"; HTML and check said nothing): refused by both, once a path.
                (
                    "- a\n  - b\n    - c\n      - d\n        - e\n          - f\n\n"
                    "::::{note}\n1. a\n   1. b\n      > c\n      > - d\n      >   1. e\n"
                    "      >      - f\n      >        > g\n::::\n\n"
                    "- 1\n  - 2\n    - 3\n      - 4\n\n1. 1\n   1. 2\n      1. 3\n         1. 4\n",
                    [
                        (5, NESTED.format(kind="bulleted list", n=5)),
                        (15, NESTED.format(kind="quote", n=7)),
                    ],
                ),
                # A name given twice in a page: at a label's line, with none for a :name:.
                (
                    "(twice)=\nA paragraph.\n\n(Twice)=\nAnother.\n\n:::{note}\n:name: twice\nA.\n"
                    ":::\n",
                    [
                        (4, 'Duplicate explicit target name: "twice".'),
                        (0, 'Duplicate explicit target name: "twice".'),
                    ],
                ),
                (
                    ":::{figure} no-map.png\n- a list, not a caption\n:::\n",
                    [
                        (1, "Figure caption must be a paragraph or empty comment."),
                        (1, "image file not readable: ../annotations/no-map.png"),
                    ],
                ),
            ),
        ),
        # Tables docutils refuses when it builds them, at the directive's line.
        "bad-tables.md": (
            "",
            *_blocks(
                (
                    ":::{table} Caption\nA paragraph, not a table.\n:::\n",
                    [(1, table_error("table"))],
                ),
                (
                    ":::{table} Caption\n:widths: 1 2 3\n| a | b |\n|---|---|\n| c | d |\n:::\n",
                    [(1, '"table" widths do not match the number of columns in table (2).')],
                ),
                (":::{list-table}\nA paragraph.\n:::\n", [(1, table_error("bullet list"))]),
                (
                    ":::{list-table}\n* - a\n  - b\n* c\n:::\n",
                    [
                        (
                            1,
                            'Error parsing content block for the "list-table" directive: '
                            "two-level bullet list expected, but row 2 does not contain a "
                            "second-level bullet list.",
                        )
                    ],
                ),
                (
                    ":::{list-table}\n:widths: 1 2 3\n* - a\n  - b\n:::\n",
                    [(1, '"list-table" widths do not match the number of columns in table (2).')],
                ),
                (
                    ":::{list-table}\n:header-rows: 3\n* - a\n  - b\n:::\n",
                    [
                        (
                            1,
                            "3 header row(s) specified but only 1 row(s) of data supplied "
                            '("list-table" directive).',
                        )
                    ],
                ),
                (
                    ":::{list-table}\n:header-rows: 1\n* - a\n  - b\n:::\n",
                    [
                        (
                            1,
                            "Insufficient data supplied (1 row(s)); no data remaining for table "
                            'body, required by "list-table" directive.',
                        )
                    ],
                ),
                (
                    ":::{list-table}\n:stub-columns: 3\n* - a\n  - b\n:::\n",
                    [
                        (
                            1,
                            "3 stub column(s) specified but only 2 columns(s) of data supplied "
                            '("list-table" directive).',
                        )
                    ],
                ),
                (
                    ":::{list-table}\n:stub-columns: 2\n* - a\n  - b\n:::\n",
                    [
                        (
                            1,
                            "Insufficient data supplied (2 columns(s)); no data remaining for "
                            'table body, required by "list-table" directive.',
                        )
                    ],
                ),
                (
                    ":::{csv-table}\n:header-rows: 3\na,b\n:::\n",
                    [
                        (
                            1,
                            "3 header row(s) specified but only 1 row(s) of data supplied "
                            '("csv-table" directive).',
                        )
                    ],
                ),
                # Rows docutils' CSV reader refuses (it gave the reason on a second line and
                # echoed the directive; check said nothing): the header option's first.
                (
                    ':::{csv-table}\na,"b"c\nd,e\n:::\n\n:::{csv-table}\n"a,b\n:::\n\n'
                    ':::{csv-table}\n:header: x,"y"z\n"a,b\n:::\n',
                    [
                        (1, CSV_DATA.format("',' expected after '\"'")),
                        (6, CSV_DATA.format("unexpected end of data")),
                        (10, CSV_DATA.format("',' expected after '\"'")),
                    ],
                ),
                # The :header: option's row counts for the columns, a tab for the delimiter.
                (
                    ":::{csv-table}\n:header: x,y,z\n:widths: 1 2\na,b\n:::\n",
                    [(1, '"csv-table" widths do not match the number of columns in table (3).')],
                ),
                (
                    ":::{csv-table}\n:delim: tab\n:widths: 1 2 3\na\tb\n:::\n",
                    [(1, '"csv-table" widths do not match the number of columns in table (2).')],
                ),
                # MyST drops one blank line after the options: not a row.
                (
                    ":::{csv-table}\n:header-rows: 1\n\na,b\n:::\n",
                    [
                        (
                            1,
                            "Insufficient data supplied (1 row(s)); no data remaining for table "
                            'body, required by "csv-table" directive.',
                        )
                    ],
                ),
                (
                    ":::{csv-table}\n:stub-columns: 2\na,b\nc,d\n:::\n",
                    [
                        (
                            1,
                            "Insufficient data supplied (2 columns(s)); no data remaining for "
                            'table body, required by "csv-table" directive.',
                        )
                    ],
                ),
                (
                    ':::{csv-table}\n:header: x,y\n:widths: 1 2\n:header-rows: 1\n"a,x",b\n\n'
                    "c,d\n:::\n",
                    [],
                ),
                # Accepted: widths and a header row that fit.
                (
                    ":::{list-table}\n:widths: 1 2\n:header-rows: 1\n* - a\n  - b\n* - c\n"
                    "  - d\n:::\n\n:::{table} T\n:widths: 1 2\n| a | b |\n|---|---|\n| c | d |\n"
                    ":::\n",
                    [],
                ),
            ),
        ),
        # Code Sphinx cannot highlight (text/code_languages.py: its PygmentsBridge mirrored);
        # last, thematic breaks where docutils refuses them.
        # Then, accepted by both: a list in columns, a topic at the top and in a sidebar, code
        # tabs, a grid with a label between its items, code it can highlight.
        "bad-code.md": (
            "",
            *_blocks(
                (f"{F}nosuchlang\nx = 1\n{F}\n", [(1, LEXER.format("nosuchlang"))]),
                (f"{F}{{code-block}} pyhton\nx = 1\n{F}\n", [(1, LEXER.format("pyhton"))]),
                (
                    f"::::{{tab-set-code}}\n{F}nosuch\nx\n{F}\n::::\n",
                    [(2, LEXER.format("nosuch"))],
                ),
                (
                    f"{F}json\n{{bad json\n{F}\n",
                    [(1, LEXING.format(source="'{bad json\\n'", lang="json", token="b"))],
                ),
                (
                    f"{F}{{code-block}} json\n:caption: C\n\n{{bad json\nsecond line\n\n{F}\n",
                    [
                        (
                            1,
                            LEXING.format(
                                source="'{bad json\\nsecond line'", lang="json", token="b"
                            ),
                        )
                    ],
                ),
                # A code block's lines Sphinx cannot emphasize or dedent: it located these at
                # "x.md.rst" (sphinxext/locations.py names the file).
                (
                    f"{F}{{code-block}} python\n:emphasize-lines: 5\nx = 1\n{F}\n",
                    [(1, "line number spec is out of range(1-1): '5'")],
                ),
                (
                    f"{F}{{code-block}} nosuch\n:emphasize-lines: 3-1\nx = 1\n{F}\n",
                    [(1, "invalid line number spec: '3-1'")],
                ),
                (
                    f"{F}{{code-block}} python\n:dedent: 8\n  x = 1\n{F}\n",
                    [(1, "non-whitespace stripped by dedent")],
                ),
                (
                    f"{F}py3\nx = $1\n{F}\n",
                    [(1, LEXING.format(source="'x = $1\\n'", lang="py3", token="$"))],
                ),
                (
                    ":::{hlist}\n:columns: 2\n- a\n- b\n- c\n:::\n\n:::{topic} T\nBody.\n:::\n\n"
                    "::::{sidebar} S\n:::{topic} T\nBody.\n:::\n::::\n\n"
                    f"::::{{tab-set-code}}\n{F}python\nx = 1\n{F}\n\n{F}{{code-block}} js\nx = 1\n"
                    f"{F}\n::::\n\n"
                    "::::{grid} 2\n(grid-label)=\n:::{grid-item}\nA\n:::\n"
                    ":::{grid-item-card} B\nC\n:::\n::::\n\n"
                    f"{F}{{code-block}} json\n:force:\n{{bad json\n{F}\n\n"
                    f"{F}{{code-block}} python\n:emphasize-lines: 1,2-\n:dedent: 2\n  x = 1\n\n"
                    f"  y = 2\n{F}\n\n"
                    f"{F}text\nanything $ goes\n{F}\n\n{F}\nplain $\n{F}\n\n"
                    f"{F}console\n$ ls\n{F}\n",
                    [],
                ),
                # Thematic breaks (docutils' Transitions): the body sits in a container, so
                # one is allowed only under a heading, not first, not twice, not last.
                (
                    "***\n\n# Rules\n\n***\n\nA.\n\n***\n\n***\n\nB.\n\n***\n\n# More\n\nC.\n\n"
                    "> ***\n\n## Sub\n\nD.\n\n***\n",
                    [
                        (1, NOT_IN_SECTION),
                        (5, "Document or section may not begin with a transition. " + FIRST),
                        (
                            11,
                            "At least one body element must separate transitions; adjacent "
                            "transitions are not allowed. Remove one of the two lines of '---' or "
                            "'***' (a thematic break).",
                        ),
                        # Last under "Rules": moved after it, into the body's container.
                        (15, NOT_IN_SECTION),
                        (21, NOT_IN_SECTION),
                        (
                            27,
                            "Document may not end with a transition. Remove a line '---' or "
                            "'***' (a thematic break) at the end of the note.",
                        ),
                    ],
                ),
            ),
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
        'typed " (U+0022); the article has ” (U+201D). Run `.venv/bin/edition fix` on this file '
        "to take the article's characters, or copy them from the article.",
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
        "closest passage is ¶ 2: 'the drug trade, twice' (similarity 98%); if you meant it, "
        "copy its words into target.exact exactly as the article shows them.",
    ),
}
#: Whole files ({exact}: a quote that anchors) for problems outside the body: YAML, the
#: quote's context, links to invalid or moved notes.
FILES: dict[str, tuple[str, list[tuple[int, str]]]] = {
    "bad-yaml-colon.md": (
        FRONT.replace('title: "A note"', "title: A note: on the text") + "Body.\n",
        [
            (
                5,
                "invalid YAML in the field 'title' (mapping values are not allowed here): YAML "
                "reads ': ', ' #' and a leading quote or bracket in a value as syntax. Put the "
                'whole value in double quotes, each " inside written \\": '
                'title: "A note: on the text"',
            )
        ],
    ),
    "bad-prefix.md": (
        FRONT.replace('"{exact}"', '"the drug trade"\n  prefix: "nowhere near"') + "Body.\n",
        [
            (
                3,
                "target.exact 'the drug trade' is in the article, but target.prefix matches none "
                "of its 2 place(s): the words just before it are ¶ 2: 'Tailored Access "
                "Operations and'; ¶ 3: 'The second paragraph repeats'. "
                "Copy target.prefix from there (exactly as the article shows them), or remove "
                "it if the quote occurs once.",
            )
        ],
    ),
    "bad-kind.md": (
        FRONT.replace("kind: analysis", "kind: contxt") + "Body.\n",
        [
            (
                4,
                "kind: 'contxt' is not one of correction, context, person, definition, source, "
                "analysis.",
            )
        ],
    ),
    "links-to-invalid.md": (
        FRONT.replace("{extra}", "related: [bad-kind]\n") + "Body.\n",
        [
            (
                8,
                "related id 'bad-kind': annotations/bad-kind.md exists but has errors (see "
                "above); once they are fixed this link works.",
            )
        ],
    ),
    "moved-typo.md": (
        '---\ntitle: "Moved away"\nmoved_to: "overlap-aa"\nauthors: ["A. Tester"]\n'
        'created: "2026-11-27"\n---\nMoved to the other note.\n',
        [
            (
                3,
                "moved_to id 'overlap-aa' is not an annotation (no file "
                "annotations/overlap-aa.md). Did you mean 'overlap-a'?",
            )
        ],
    ),
    # Told nothing: the typo is reported once, at moved-typo.md.
    "links-to-moved-typo.md": (FRONT.replace("{extra}", "related: [moved-typo]\n") + "Body.\n", []),
}
#: A file that is not an annotation, in the annotations folder.
STRAY = ("notes.txt", [(0, "only .md files are annotations; move or remove this file.")])
#: Valid notes the edition would not read as annotations: in a folder inside annotations/ (the
#: build would read a page no toctree lists) and hidden (both would drop it silently).
MISPLACED = {
    "drafts/sub-note.md": (
        "a file in a folder inside annotations/ is not read as an annotation: annotations live "
        "directly in annotations/; move it to annotations/sub-note.md (its id is the file name)."
    ),
    ".hidden-note.md": (
        "a file or folder whose name starts with '.' is hidden, so the edition never reads it: "
        "annotations live directly in annotations/; move it to annotations/hidden-note.md (its "
        "id is the file name)."
    ),
}


def unique_words(article: Path) -> list[str]:
    """Words, then pairs and runs of three words, that occur once in the reading text: each
    case's quote anchors on its own."""
    paragraphs = read_article(article).paragraphs
    text = " ".join(paragraphs)
    words = re.findall(r"\w{3,}", text)
    # Pairs within a paragraph: a quote across paragraphs is refused (QUOTE_CASES has one).
    pairs = [
        f"{a} {b}" for p in paragraphs for a, b in itertools.pairwise(re.findall(r"\w{3,}", p))
    ]
    # And runs of three words, for more cases than the short test article has pairs.
    triples = [
        " ".join(run)
        for p in paragraphs
        for run in zip(*(re.findall(r"\w{3,}", p)[i:] for i in range(3)), strict=False)
    ]
    return [w for w in dict.fromkeys(words + pairs + triples) if text.count(w) == 1]


def write_cases(annotations: Path, words: list[str]) -> dict[str, list[tuple[int, str]]]:
    expected = {}
    # One quote per file that needs one: every case is written (none left out for want of one).
    quotes = iter(words)
    needed = len(CASES) + sum("{exact}" in template for template, _ in FILES.values())
    assert len(words) >= needed, f"{len(words)} unique quotes for {needed} cases"
    for name, (extra, body, messages) in CASES.items():
        text = FRONT.format(exact=next(quotes), extra=extra) + body
        (annotations / name).write_text(text, encoding="utf-8")
        expected[f"annotations/{name}"] = messages
    for name, (template, messages) in FILES.items():
        if "{exact}" in template:
            template = template.replace("{exact}", next(quotes))
        (annotations / name).write_text(template.replace("{extra}", ""), encoding="utf-8")
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
    # Saved as Latin-1: the build (which reads every page) and the checker say the same.
    latin = FRONT.format(exact=words[0], extra="").replace('"A note"', '"Caf\xe9"')
    raw = (latin + "Body.\n").encode("latin-1")
    (annotations / "bad-latin1.md").write_bytes(raw)
    expected["annotations/bad-latin1.md"] = [
        (5, f"byte {raw.index(0xE9)} (0xe9) is not valid UTF-8; save the file as UTF-8.")
    ]
    for name, message in MISPLACED.items():
        (annotations / name).parent.mkdir(exist_ok=True)
        text = FRONT.format(exact=words[0], extra="") + "See {doc}`good-links`.\n"
        (annotations / name).write_text(text, encoding="utf-8")
        expected[f"annotations/{name}"] = [(0, message)]
    return expected


def check_root(srcdir: Path) -> Any:
    """``edition check``'s report on a test root's annotations, article and glossary."""
    return check_annotations(
        annotation_files(srcdir / "annotations"),
        reading_index(srcdir / "article.md"),
        glossary_terms(srcdir / "glossary.md"),
        srcdir,
        srcdir,
        folder=srcdir / "annotations",
    )


def build_findings(warnings: str, srcdir: Path) -> dict[str, list[tuple[int, str]]]:
    """The build's messages about files in the annotations folder, under the path the build
    gives (the checker's ``annotations/x.md``, never ``…/docs/annotations/x.md``)."""
    found: dict[str, list[tuple[int, str]]] = {}
    pattern = re.compile(
        r"^(?P<path>[^\s:]+?)(?::(?P<line>\d+))?: (?:WARNING|ERROR): (?P<msg>.*?)(?: \[[\w.-]+\])?$"
    )
    for line in re.sub(r"\x1b\[[0-9;]*m", "", warnings).splitlines():
        match = pattern.match(line)
        if match and re.match(r"(.*/)?annotations/", match["path"]):
            found.setdefault(match["path"], []).append((int(match["line"] or 0), match["msg"]))
    return found


def test_the_checker_and_the_build_give_one_verdict(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    # The edition's layout: annotations/ beside docs/, linked in as docs/annotations.
    srcdir = tmp_path / "docs"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    (srcdir / "annotations").rename(tmp_path / "annotations")
    (srcdir / "annotations").symlink_to("../annotations", target_is_directory=True)
    (tmp_path / "outside.txt").write_text("A file beside the sources.\n", encoding="utf-8")
    expected = write_cases(srcdir / "annotations", unique_words(srcdir / "article.md"))
    want = {name: sorted(messages) for name, messages in expected.items() if messages}

    report = check_root(srcdir)
    checked: dict[str, list[tuple[int, str]]] = {}
    for error in report.errors:
        checked.setdefault(error.path, []).append((error.line, error.message))
    assert {name: sorted(found) for name, found in checked.items()} == want

    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    built = build_findings(app.warning.getvalue(), srcdir)
    assert {name: sorted(found) for name, found in built.items()} == want


def test_the_checkers_table_of_directive_options_is_the_builds(
    make_app: Any, rootdir: Path
) -> None:
    """The checker reports an unknown option from its own table (no Sphinx); the table must be
    what the build's directives take, or the two verdicts part."""
    app = make_app("html", srcdir=rootdir / "test-annotations")
    document = new_document("check", get_default_settings(Parser))
    live = {}
    for name in DIRECTIVE_OPTIONS:
        directive, _messages = directives.directive(name, en, document)
        assert directive is not None, f"{name} is not a directive of the build ({app.srcdir})"
        live[name] = frozenset(directive.option_spec or ())
    assert live == DIRECTIVE_OPTIONS


#: Values to run through every converter: in and out of each range and choice of the table.
SAMPLES = (
    *("", " ", "x", "-1", "0", "1", "2", "3", "5", "6", "7", "12", "13", "1.5", "1e3"),
    *("1 2", "1 2 3", "1 2 3 4", "0 1 2 5", "1 2 3 13", "auto", "auto 1 2 3", "auto auto"),
    *("50%", "30%", "100%", "10px", "3em", "1,2", "grid", "utf-8", "no-such-codec"),
    *(",", "tab", "space", "\\t", "ab", "a b", "http://x", "yes", "open", "closed", "Open"),
    *("left", "middle", "top", "center", "justify", "horizontal", "primary", "neon", "url"),
    *("fade-in", "down-up", "sm", "lazy", "column", "spaced", "myst", "6 6"),
)


def test_the_checkers_value_converters_give_the_builds_verdict(
    make_app: Any, rootdir: Path
) -> None:
    """For every option of every directive an annotation may use, the checker's converter
    (text/markup.py's OPTION_VALUES: docutils' own, Sphinx's and sphinx-design's mirrored)
    accepts and refuses what the live converter does, in the same words, as MyST calls it
    (an empty value as None, any value of a flag as None). The numbers of arguments
    (ARGUMENT_COUNTS) are the directive's too, and so is whether it takes a body."""
    app = make_app("html", srcdir=rootdir / "test-annotations")
    document = new_document("check", get_default_settings(Parser))
    assert set(OPTION_VALUES) == set(DIRECTIVE_OPTIONS)
    parted = []
    for name, mirrors in OPTION_VALUES.items():
        directive, _messages = directives.directive(name, en, document)
        assert directive is not None, f"{name} is not a directive of the build ({app.srcdir})"
        spec = directive.option_spec or {}
        assert set(mirrors) == set(spec), name
        counts = (
            directive.required_arguments,
            directive.optional_arguments,
            directive.final_argument_whitespace,
        )
        assert ARGUMENT_COUNTS.get(name, (0, 0, counts[2])) == counts, name
        assert (name in NO_CONTENT) == (not directive.has_content), name
        for option, live in spec.items():
            for value in SAMPLES:
                text = None if live is directives.flag or not value.strip() else value.strip()
                try:
                    live(text)
                    want = None
                except (ValueError, TypeError) as error:
                    want = f"{name!r}: Invalid option value for {option!r}: {text}: {error}"
                if option_value_problem(name, option, value) != want:
                    parted.append((name, option, value, want))
    assert parted == []


def test_a_dropdowns_icon_is_one_of_sphinx_designs_octicons() -> None:
    """The checker's (and the build's) icon converter takes exactly sphinx-design's octicon
    names, and names the nearest one when a name is misspelt."""
    from sphinx_design.dropdown import DropdownDirective
    from sphinx_design.icons import list_octicons

    names = list_octicons()
    assert len(names) > 100
    for name in names:
        assert option_value_problem("dropdown", "icon", name) is None, name
        assert DropdownDirective.option_spec["icon"](name) == name  # sphinx-design's own
    for value in ("infoo", "alrt", "Info", "no-such-icon-at-all", "", "info extra"):
        problem = option_value_problem("dropdown", "icon", value)
        assert problem is not None, value
        assert problem.startswith("'dropdown': Invalid option value for 'icon': "), problem
    assert 'did you mean "info"?' in (option_value_problem("dropdown", "icon", "infoo") or "")


def test_the_checkers_code_languages_give_sphinxs_verdict(make_app: Any, rootdir: Path) -> None:
    """text/code_languages.py mirrors Sphinx's PygmentsBridge: for every sample language and
    text, the checker's words are the warning Sphinx gives when it highlights the block."""
    from sphinx.highlighting import PygmentsBridge

    app = make_app("html", srcdir=rootdir / "test-annotations")
    bridge = PygmentsBridge("html")
    languages = ("python", "py", "py3", "default", "pycon", "pycon3", "json", "yaml", "js")
    languages += ("text", "none", "rest", "c", "console", "bash", "nosuchlang", "Python", "guess")
    sources = ("x = 1\n", "x = $1\n", ">>> x = $1\n", ">>> x\n$ out\n", "{bad json\n")
    sources += ('{"a": 1}', "int x;", "")
    parted = []
    for language in languages:
        for source in sources:
            for force in (False, True):
                app.warning.seek(0)
                app.warning.truncate()
                bridge.highlight_block(source, language, force=force)
                warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
                found = re.findall(r"WARNING: (.*?)(?: \[[\w.-]+\])?$", warnings, re.M)
                want = found[0] if found else None
                if language_problem(language, source, force=force) != want:
                    parted.append((language, source, force, want))
    assert parted == []


def test_the_checkers_argument_converters_give_sphinx_designs_verdict() -> None:
    """The grid's argument goes through ``row_columns_option`` and a card carousel's through
    ``make_choice`` of 1 to 12 when the directive runs: the checker's mirrors agree on every
    sample (the words are compared on the real build in the one-verdict cases)."""
    from sphinx_design.grids import row_columns_option
    from sphinx_design.shared import make_choice

    live = {
        "grid": row_columns_option,
        "card-carousel": make_choice([str(i) for i in range(1, 13)]),
    }
    assert set(ARGUMENT_VALUES) == set(live)
    for name, converter in live.items():
        for value in SAMPLES:
            if not value.strip():
                continue
            try:
                converter(value.strip())
                want = None
            except ValueError as error:
                want = str(error)
            try:
                ARGUMENT_VALUES[name](value.strip())
                got = None
            except ValueError as error:
                got = str(error)
            assert got == want, (name, value)


#: Arguments that make an empty directive valid but for its body (a file, a target that exist).
EMPTY_ARGUMENTS = {"card-carousel": "2", "grid": "2", "button-link": "https://example.org"}


def test_an_empty_directive_gets_one_verdict(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    """Every directive of the allowlist, written with an empty body: the checker refuses
    exactly those the build refuses (text/markup.py's NEEDS_CONTENT), at the same lines, in the
    same words. Left out: ``image``, ``figure`` and ``button-ref`` (they need a file or a
    target, and take no body), ``hlist`` (Sphinx refuses any body but one list, in its own
    words: a row of the one-verdict table)
    and the grid items, written inside a grid (outside one sphinx-design warns of the parent)."""
    srcdir = tmp_path / "docs"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    (srcdir / "annotations").rename(tmp_path / "annotations")
    (srcdir / "annotations").symlink_to("../annotations", target_is_directory=True)
    left_out = {"image", "figure", "button-ref", "hlist", "grid-item", "grid-item-card"}
    blocks = []
    for name in sorted(set(DIRECTIVE_OPTIONS) - left_out):
        argument = EMPTY_ARGUMENTS.get(name, "A" if ARGUMENT_COUNTS.get(name, (0,))[0] else "")
        blocks.append(f"::::{{{name}}} {argument}".rstrip() + "\n::::\n")
    blocks += [
        f"::::{{grid}}\n:::{{{name}}}\n:::\n::::\n" for name in ("grid-item", "grid-item-card")
    ]
    word = unique_words(srcdir / "article.md")[0]
    (tmp_path / "annotations" / "empty.md").write_text(
        FRONT.format(exact=word, extra="") + "Text.\n\n" + "\n".join(blocks), encoding="utf-8"
    )
    report = check_root(srcdir)
    checked = sorted((e.line, e.message) for e in report.errors)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    built = sorted(build_findings(app.warning.getvalue(), srcdir).get("annotations/empty.md", []))
    assert checked == built
    assert {message for _, message in checked} == {
        NEEDS_CONTENT[name] for name in set(NEEDS_CONTENT) - left_out
    }


def test_directive_names_are_not_roles_of_the_build(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """The checker reports a directive written as a role (MyST's unknown role), except the
    names that are roles too: the build must agree for every name of the table."""
    srcdir = tmp_path / "docs"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    names = sorted(DIRECTIVE_OPTIONS)
    (srcdir / "roles.md").write_text(
        "# Roles\n\n" + "\n\n".join(f"{{{name}}}`x`" for name in names) + "\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    unknown = set(re.findall(r'Unknown interpreted text role "([\w-]+)"', app.warning.getvalue()))
    assert unknown == set(names) - ALSO_ROLES


def test_a_refused_value_is_named_by_check_first_and_annotated_by_the_build_on_the_same_line(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """A card carousel's column count out of range (sphinx-design refuses it when the directive
    runs): ``make check`` names it first, at the file and line where CI's ``::error`` line puts
    the build's message (``annotations/…``, not the ``docs/annotations`` link), in the same
    words."""
    srcdir = tmp_path / "docs"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    (srcdir / "annotations").rename(tmp_path / "annotations")
    (srcdir / "annotations").symlink_to("../annotations", target_is_directory=True)
    word = unique_words(srcdir / "article.md")[0]
    (tmp_path / "annotations" / "carousel.md").write_text(
        FRONT.format(exact=word, extra="")
        + "Text.\n\n::::{card-carousel} 13\n:::{card} A\nB\n:::\n::::\n",
        encoding="utf-8",
    )
    message = "Invalid directive argument: " + CAROUSEL.format(n=13)
    report = check_root(srcdir)
    assert [(e.path, e.line, e.message) for e in report.errors] == [
        ("annotations/carousel.md", 11, message)
    ]
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    errors = build_errors(app.warning.getvalue(), tmp_path.resolve())
    lines = [github_annotation(e) for e in errors]
    assert f"::error file=annotations/carousel.md,line=11::{message}" in lines, lines


def test_the_roles_an_annotation_may_use_are_roles_of_the_build(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """The checker's allowlist of roles (text/markup.py) names only roles the build has: a
    role it allows and the build does not know would pass check and fail the build."""
    srcdir = tmp_path / "docs"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    names = sorted(ANNOTATION_ROLES)
    (srcdir / "roles.md").write_text(
        "# Roles\n\n" + "\n\n".join(f"{{{name}}}`x`" for name in names) + "\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    unknown = re.findall(r'Unknown interpreted text role "([\w-]+)"', app.warning.getvalue())
    assert unknown == []
    assert len(names) > 3
