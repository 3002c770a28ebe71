"""Content MyST would drop without a word: each case is a located error in the build (one test
root each) and from :func:`reading_edition.text.source_lint.lint_source` (which the annotation
checker uses)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reading_edition.text.source_lint import MAX_NESTING, LintError, lint_source

from tests.test_security_attacks import build, located, refusals

FENCE = "`" * 3

CASES = {
    "unclosed-fence": (
        3,
        "the code fence opened with '```' here is never closed: everything after it would be "
        "swallowed; add a line '```' where it ends",
    ),
    "unclosed-colon-fence": (
        3,
        "the ':::' block opened with ':::' here is never closed: everything after it would be "
        "swallowed; add a line ':::' where it ends",
    ),
    "percent-comment": (
        5,
        "the line starts with '%', which MyST reads as a comment and does not publish: "
        "write '\\%' for a literal percent sign, or delete the line",
    ),
    "block-break": (
        5,
        "the line starts with '+++', which MyST reads as a block break and does not publish: "
        "write '\\+++' for literal text, or delete the line",
    ),
    "unclosed-comment": (
        5,
        "the HTML comment opened with '<!--' here is never closed: everything after it would be "
        "hidden; remove it (HTML is not allowed in the edition)",
    ),
    "unclosed-front-matter": (
        1,
        "the front matter opened with '---' on line 1 is never closed: add a line '---' after "
        "its last field",
    ),
    "deep-nesting": (
        3,
        "the text on this line is nested deeper than MyST can parse (block quotes, lists and "
        f"directives; at most {MAX_NESTING} levels): it is dropped from the page without a "
        "warning; flatten the structure",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_dropped_content_is_a_located_error(make_app: Any, tmp_path: Path, name: str) -> None:
    line, message = CASES[name]
    _outdir, warnings = build(make_app, tmp_path, name)
    assert located("index.md", line, message) in refusals(warnings)
    source = (Path(__file__).parent / "roots" / f"test-attack-{name}" / "index.md").read_text()
    assert LintError("index.md", line, message) in lint_source(source, "index.md")


def test_clean_source_has_no_errors() -> None:
    text = f"""---
title: "Fine"
---
# Page

A sentence with 50% in it and a+++b.

{FENCE}python
% not a comment inside code
+++ nor a block break
<!-- nor a comment
{FENCE}

::::{{note}}
:class: tip
Nested:

:::{{warning}}
Inner.
:::
::::

<!-- a closed comment -->
- level 1
  - level 2
    - level 3
"""
    assert lint_source(text, "fine.md") == []


def test_errors_inside_directives_are_found_at_their_line() -> None:
    text = f"# Page\n\n{FENCE}{{note}}\n:class: tip\n\nText.\n% hidden\n{FENCE}\n"
    assert [(error.line, error.message[:30]) for error in lint_source(text, "p.md")] == [
        (7, "the line starts with '%', whic")
    ]


def test_a_longer_fence_is_closed_only_by_a_fence_as_long() -> None:
    text = f"````\n{FENCE}\ninside\n"
    errors = lint_source(text, "p.md")
    assert [(error.line, str(error).split(": ")[0]) for error in errors] == [(1, "p.md:1")]


def test_error_string_names_file_and_line() -> None:
    (error,) = lint_source("% x\n", "annotations/a.md")
    assert str(error).startswith("annotations/a.md:1: the line starts with '%'")


def test_text_past_the_nesting_limit_is_found_however_it_is_written() -> None:
    # Twelve list levels on one line: markdown-it stops at its nesting limit and drops "deep
    # text" and, still inside the list, the paragraph after it.
    errors = lint_source("# Page\n\n" + "- " * 12 + "deep text\n\nAfter.\n", "p.md")
    assert [(e.line, e.message.split(" (")[0]) for e in errors] == [
        (3, "the text on this line is nested deeper than MyST can parse"),
        (5, "the text on this line is nested deeper than MyST can parse"),
    ]
    # Nine levels are kept by the parser, but past the edition's margin.
    nine = "".join(f"{'  ' * i}- level {i + 1}\n" for i in range(9))
    assert [(e.line, e.message[:33]) for e in lint_source(nine, "p.md")] == [
        (9, "the text is nested 9 levels deep ")
    ]


def test_what_the_parser_keeps_as_code_is_not_a_comment() -> None:
    # An indented code block keeps a '%' line as code; MyST publishes it.
    text = "# Page\n\nA paragraph.\n\n    % kept as code\n    +++ and this\n\nMore.\n"
    assert lint_source(text, "p.md") == []
