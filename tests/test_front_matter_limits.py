"""Limits on an annotation file, one malformed-input class each, through the loader the checker
and the build share (:func:`reading_edition.model.annotation.load_annotation`): the exact located
message."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading_edition.model.annotation import AnnotationError, load_annotation
from reading_edition.model.front_matter import MAX_BYTES
from reading_edition.model.schema import annotation_schema

#: The fields the schema allows, as the message lists them.
ALLOWED = ", ".join(sorted(annotation_schema()["properties"]))

VALID = """---
target:
  exact: "hacked into the email"
kind: "context"
title: "A title"
authors: ["The edition's editors"]
created: "2026-11-27"
sources:
  - title: "A report"
    publisher: "A publisher"
    date: "2013-10-20"
    url: "https://www.example.org/report"
    quote: "The words of the report."
---
The body.
"""

# name: (replace this, with that, line, message)
CASES = {
    "not-utf8": (
        b"The body.",
        b"The b\xf6dy.",
        15,
        "byte 307 (0xf6) is not valid UTF-8; save the file as UTF-8.",
    ),
    "nul-byte": (b"A title", b"A\x00title", 5, "the file contains a NUL byte; remove it."),
    "yaml-alias": (
        b'kind: "context"\ntitle: "A title"',
        b'kind: &k "context"\ntitle: *k',
        4,
        "YAML anchors and aliases ('&name', '*name') are not allowed; write the value out.",
    ),
    "duplicate-key": (
        b'title: "A title"',
        b'title: "A title"\ntitle: "Another"',
        6,
        "key 'title' appears twice (first on line 5); keep one.",
    ),
    "yaml11-boolean": (
        b'kind: "context"',
        b"kind: NO",
        4,
        "kind: 'NO' is not one of correction, context, person, definition, source, analysis.",
    ),
    "yaml11-octal": (
        b'created: "2026-11-27"',
        b"created: 012345",
        7,
        "created: '012345' is not an ISO date, e.g. 2013-10-20.",
    ),
    "yaml11-float": (
        b'date: "2013-10-20"',
        b"date: 1.10",
        11,
        "sources.0.date: '1.10' is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or 'n.d.'.",
    ),
    "unknown-key": (
        b'kind: "context"',
        b'kind: "context"\nmyst: {enable_extensions: [html_image]}',
        5,
        f"unknown field 'myst' in front matter; allowed fields are {ALLOWED}.",
    ),
    "yaml-tag": (
        b'kind: "context"',
        b'kind: !!python/object/apply:os.system ["id"]',
        4,
        "YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed; "
        "remove it.",
    ),
    "unclosed-front-matter": (
        b"---\nThe body.",
        b"The body.",
        1,
        "the front matter opened on line 1 is never closed; add a line '---' after the last field.",
    ),
}


def load(tmp_path: Path, raw: bytes) -> AnnotationError:
    path = tmp_path / "an-annotation.md"
    path.write_bytes(raw)
    with pytest.raises(AnnotationError) as caught:
        load_annotation(path, "annotations/an-annotation.md")
    return caught.value


def test_the_valid_base_loads(tmp_path: Path) -> None:
    path = tmp_path / "an-annotation.md"
    path.write_text(VALID, encoding="utf-8")
    annotation = load_annotation(path)
    assert annotation.kind == "context"
    assert annotation.created == "2026-11-27"


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_input_is_a_located_error(tmp_path: Path, name: str) -> None:
    old, new, line, message = CASES[name]
    raw = VALID.encode("utf-8")
    assert old in raw
    error = load(tmp_path, raw.replace(old, new, 1))
    assert [(e.path, e.line, e.message) for e in error.errors] == [
        ("annotations/an-annotation.md", line, message)
    ]


def test_size_cap(tmp_path: Path) -> None:
    raw = VALID.encode("utf-8") + b"Long body. " * (MAX_BYTES // 10)
    error = load(tmp_path, raw)
    (only,) = error.errors
    assert (only.path, only.line) == ("annotations/an-annotation.md", 0)
    assert only.message == (
        f"file is {len(raw):,} bytes; an annotation may be at most {MAX_BYTES:,} bytes. "
        "Shorten it or split it into several annotations."
    )
