"""The annotation model is defined once: the kinds drive the schema, the export and the index;
the schema file for editors is generated from the model; moved annotations are checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reading_edition.cli.checker import check_annotations
from reading_edition.model.annotation import MovedAnnotation, load_annotation
from reading_edition.model.kinds import FACTUAL_KINDS, KIND_SPECS, MOTIVATIONS
from reading_edition.model.schema import EXPECTED, SCHEMA_FILE, annotation_schema, schema_text
from reading_edition.text.anchoring import ReadingIndex

ARTICLE = ReadingIndex(["The NSA read the email of the president.", "Nothing else happened."])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def note(kind: str, sources: str = "", extra: str = "") -> str:
    return (
        f'---\ntarget:\n  exact: "the email"\nkind: "{kind}"\ntitle: "A note"\n'
        f'authors: ["A"]\ncreated: "2026-12-01"\n{sources}{extra}---\nBody.\n'
    )


SOURCE = (
    'sources:\n  - title: "T"\n    publisher: "P"\n    date: "2013"\n'
    '    url: "https://example.org/page"\n    quote: "The supporting words."\n'
)


def test_the_schema_file_is_generated_from_the_model() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "annotation.schema.json is out of date: run `edition schema --write`"
    )
    schema = json.loads(schema_text())
    assert schema["properties"]["kind"]["enum"] == [k.name for k in KIND_SPECS]
    for kind in KIND_SPECS:
        assert (
            kind.name in MOTIVATIONS
            and kind.description in schema["properties"]["kind"]["description"]
        )


@pytest.mark.parametrize("kind", [k.name for k in KIND_SPECS])
def test_factual_kinds_need_sources_analysis_does_not(tmp_path: Path, kind: str) -> None:
    report = check_annotations([write(tmp_path, "a", note(kind))], ARTICLE, None)
    messages = [e.message for e in report.errors]
    if kind in FACTUAL_KINDS:
        assert any("missing required field 'sources'" in m for m in messages), messages
    else:
        assert messages == []
    assert annotation_schema()  # built without error for every kind set


def test_a_source_may_name_the_copy_read(tmp_path: Path) -> None:
    via = '    via: {title: "Copy", publisher: "Archive", url: "https://example.org/c"}\n'
    loaded = load_annotation(write(tmp_path, "a", note("source", SOURCE + via)))
    assert not isinstance(loaded, MovedAnnotation)
    assert loaded.sources[0].via is not None
    assert loaded.sources[0].via.url == "https://example.org/c"
    bad = '    via: {title: "Copy", url: "ftp://example.org/c"}\n'
    report = check_annotations([write(tmp_path, "b", note("source", SOURCE + bad))], ARTICLE, None)
    messages = sorted(e.message for e in report.errors)
    assert "missing required field 'publisher' in sources.0.via." in messages
    assert any(m.startswith("sources.0.via.url: 'ftp://example.org/c' is not") for m in messages)


def test_a_source_without_its_own_page_has_a_stable_id_of_its_own(tmp_path: Path) -> None:
    lost = SOURCE.replace('    url: "https://example.org/page"\n', "")
    via = '    via: {title: "Copy", publisher: "Blog", url: "https://example.org/c"}\n'
    first = load_annotation(write(tmp_path, "a", note("source", lost + via)))
    again = load_annotation(write(tmp_path, "b", note("source", lost.replace('"T"', '"t."') + via)))
    other = load_annotation(
        write(tmp_path, "c", note("source", lost.replace('"2013"', '"2014"') + via))
    )
    assert not isinstance(first, MovedAnnotation) and not isinstance(again, MovedAnnotation)
    assert not isinstance(other, MovedAnnotation)
    source = first.sources[0]
    assert source.url is None and source.identifier.startswith("urn:uuid:")
    assert source.identifier not in {"https://example.org/c", ""}
    # The same source (case and punctuation aside) keeps its id; another source gets another.
    assert again.sources[0].identifier == source.identifier
    assert other.sources[0].identifier != source.identifier
    # With its own address, the address is its id.
    linked = load_annotation(write(tmp_path, "d", note("source", SOURCE)))
    assert not isinstance(linked, MovedAnnotation)
    assert linked.sources[0].identifier == "https://example.org/page"


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://www.spiegel.de", True),
        ("https://www.spiegel.de/", True),
        ("http://example.org/#top", True),
        ("https://www.spiegel.de/international/", False),
        ("http://heise.de/-1982449", False),
        ("https://example.org/?p=123", False),
    ],
)
def test_a_home_page_is_refused_as_a_source_address(
    tmp_path: Path, url: str, refused: bool
) -> None:
    source = SOURCE.replace("https://example.org/page", url)
    via = '    via: {title: "Copy", publisher: "Blog", url: "URL"}\n'
    for text, key in [
        (source, "sources.0.url"),
        (SOURCE + via.replace("URL", url), "sources.0.via.url"),
    ]:
        report = check_annotations([write(tmp_path, "a", note("source", text))], ARTICLE, None)
        found = [(e.line, e.message) for e in report.errors]
        if refused:
            assert len(found) == 1 and found[0][1].startswith(
                f"{key}: {url!r} is a site's home page"
            ), found
            assert "give the address of the page that holds the quote" in found[0][1]
            assert found[0][0] == (12 if key == "sources.0.url" else 14)
        else:
            assert found == []


def test_moved_annotations_point_at_a_note_and_are_not_related(tmp_path: Path) -> None:
    moved = (
        '---\ntitle: "Old"\nmoved_to: "{to}"\nauthors: ["A"]\ncreated: "2026-11-01"\n'
        "{extra}---\nMerged.\n"
    )
    files = [
        write(tmp_path, "kept", note("analysis")),
        write(tmp_path, "old", moved.format(to="kept", extra="")),
        write(tmp_path, "lost", moved.format(to="nowhere", extra="")),
        write(tmp_path, "half", moved.format(to="kept", extra='kind: "context"\n')),
        write(tmp_path, "linker", note("analysis", extra="related: [old]\n")),
    ]
    report = check_annotations(files, ARTICLE, None)
    found = sorted((Path(e.path).stem, e.line, e.message) for e in report.errors)
    assert found == [
        (
            "half",
            6,
            "kind is not used in a moved annotation (it has moved_to); remove it: the "
            "annotation that now holds the note carries it.",
        ),
        (
            "linker",
            8,
            "related id 'old' has moved to 'kept'; list 'kept' instead.",
        ),
        (
            "lost",
            3,
            "moved_to id 'nowhere' is not an annotation (no file annotations/nowhere.md).",
        ),
    ]
    assert [m.id for m in report.moved] == ["lost", "old"]


def test_every_source_of_a_factual_note_carries_its_supporting_words(tmp_path: Path) -> None:
    bare = SOURCE.replace('    quote: "The supporting words."\n', "")
    for kind in KIND_SPECS:
        report = check_annotations(
            [write(tmp_path, kind.name, note(kind.name, bare))], ARTICLE, None
        )
        messages = [(e.line, e.message) for e in report.errors]
        if kind.factual:
            assert messages == [
                (
                    9,  # the line of the source that lacks it
                    "missing required field 'quote' in sources.0 (every source of a factual "
                    "note carries the source's own words that support it).",
                )
            ]
        else:
            assert messages == []


def test_every_pattern_of_the_schema_says_what_it_expects() -> None:
    # The message for a value that does not match comes from the field's schema (x-expected).
    def patterns(node: object) -> list[dict[str, object]]:
        if isinstance(node, dict):
            own = [node] if "pattern" in node else []
            return own + [p for value in node.values() for p in patterns(value)]
        if isinstance(node, list):
            return [p for item in node for p in patterns(item)]
        return []

    found = patterns(annotation_schema())
    assert found
    for schema in found:
        assert str(schema.get(EXPECTED, "")).startswith(("a ", "an ")), schema


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            'hypothesis: {id: "not an id!", licence: "CC0"}\n',
            "hypothesis.id: 'not an id!' is not a Hypothesis annotation id (up to 64 letters, "
            "digits, _ or -).",
        ),
        ('updated: "20 October"\n', "updated: '20 October' is not an ISO date, e.g. 2013-10-20."),
        (
            "related: [Not_An_Id]\n",
            "related.0: 'Not_An_Id' is not an annotation id (lowercase letters, digits and "
            "hyphens).",
        ),
    ],
)
def test_a_value_of_the_wrong_form_is_named_by_its_field(
    tmp_path: Path, extra: str, message: str
) -> None:
    report = check_annotations([write(tmp_path, "a", note("analysis", extra=extra))], ARTICLE, None)
    assert [e.message for e in report.errors] == [message]


@pytest.mark.parametrize(
    ("note_text", "message"),
    [
        (
            note("analysis").replace('"2026-12-01"', '"2026-13-01"'),
            "created: '2026-13-01' is not a real date: month 13 (a month is 01 to 12).",
        ),
        (
            note("analysis", extra='updated: "2026-12-00"\n'),
            "updated: '2026-12-00' is not a real date: day 00 (December 2026 has 31 days).",
        ),
        (
            note("analysis").replace('"2026-12-01"', '"2025-02-29"'),
            "created: '2025-02-29' is not a real date: day 29 (February 2025 has 28 days).",
        ),
        (
            note("source", SOURCE.replace('date: "2013"', 'date: "2013-00"')),
            "sources.0.date: '2013-00' is not a real date: month 00 (a month is 01 to 12).",
        ),
    ],
)
def test_a_date_that_does_not_exist_gets_one_message_naming_the_wrong_part(
    tmp_path: Path, note_text: str, message: str
) -> None:
    report = check_annotations([write(tmp_path, "a", note_text)], ARTICLE, None)
    assert [e.message for e in report.errors] == [message]


TITLE = 'title: "A note"'
YAML_TYPOS = {
    # A quote never closed: named where it opens (YAML stops on a later line), closed there.
    "unclosed-quote": (
        ('title: "A note', TITLE),
        5,
        "the value of 'title' opens a double quote that is never closed, so YAML reads on into "
        'the lines below; close it on this line: title: "A note"',
    ),
    "missing-colon": (
        ("kind analysis", 'kind: "analysis"'),
        4,
        "the line has no ':' after the field name 'kind'; write 'kind: analysis'.",
    ),
    "leading-space": (
        (' kind: "analysis"', 'kind: "analysis"'),
        4,
        "the line starts with 1 space too many: YAML reads indentation as structure, so it "
        "takes the line as part of the field above. Remove it, so that the field lines up with "
        'the others: kind: "analysis"',
    ),
    "tab": (
        ('\tkind: "analysis"', 'kind: "analysis"'),
        4,
        "the line starts with a tab; YAML indents with spaces only: replace the tab with spaces "
        "(two for a field inside another, such as exact: inside target:).",
    ),
    # A quote never closed in a list: closed inside the brackets, the list kept.
    "unclosed-in-list": (
        ('authors: ["A]', 'authors: ["A"]'),
        6,
        "the value of 'authors' opens a double quote that is never closed, so YAML reads on "
        'into the lines below; close it on this line: authors: ["A"]',
    ),
    # Words after a quoted value's closing quote: not quoted again.
    "after-the-quote": (
        ('title: "A" note', TITLE),
        5,
        "the value of 'title' goes on after its closing quote ('note'), which YAML cannot read: "
        'put all of it inside the quotes (a " inside written \\"), or remove what follows them',
    ),
    # ' #' in an unquoted value: YAML drops the rest as a comment, silently until now.
    "hash-in-value": (
        ("title: The #1 note", TITLE),
        5,
        "the value of 'title' is cut at ' #': YAML reads ' #' and what follows as a comment, "
        'and drops it. Put the whole value in double quotes: title: "The #1 note"',
    ),
    # The typo quoting fixes: an unquoted value with ': ' inside.
    "colon-in-value": (
        ("title: A note: on the text", TITLE),
        5,
        "invalid YAML in the field 'title' (mapping values are not allowed here): YAML reads "
        "': ', ' #' and a leading quote or bracket in a value as syntax. Put the whole value in "
        'double quotes, each " inside written \\": title: "A note: on the text"',
    ),
}


@pytest.mark.parametrize("name", sorted(YAML_TYPOS))
def test_a_yaml_typo_is_named_at_its_line_with_its_own_fix(tmp_path: Path, name: str) -> None:
    (typo, replaces), line, message = YAML_TYPOS[name]
    text = note("analysis").replace(replaces, typo, 1)
    assert typo in text
    report = check_annotations([write(tmp_path, name, text)], ARTICLE, None)
    assert [(e.line, e.message) for e in report.errors] == [(line, message)]
    # Only the typo that quoting fixes is told to quote; never an already quoted value.
    assert ("double quotes" in message) == (name in {"colon-in-value", "hash-in-value"})


@pytest.mark.parametrize(
    ("written", "meant", "message"),
    [
        (
            'authors: "Nea Comer"',
            'authors: ["A"]',
            'authors: expected a list; write it in brackets: authors: ["Nea Comer"]',
        ),
        (
            'target: "the email"',
            'target:\n  exact: "the email"',
            "target: expected a mapping of fields; write 'target:' alone on its line and its "
            "fields below it, each indented by two spaces: '  exact: \"the email\"'.",
        ),
        (
            '    title: "T"',
            '  - title: "T"',
            "sources: expected a list; start each item with '- ' (a dash and a space) before its "
            "first field: '  - title: …', its other fields lined up below it.",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_shown_in_the_form_it_takes(
    tmp_path: Path, written: str, meant: str, message: str
) -> None:
    text = note("source", SOURCE).replace(meant, written)
    assert written in text
    report = check_annotations([write(tmp_path, "a", text)], ARTICLE, None)
    assert [e.message for e in report.errors] == [message]


def test_a_missing_field_is_named_at_the_front_matters_opening_with_a_line_to_add(
    tmp_path: Path,
) -> None:
    text = note("analysis").replace('title: "A note"\n', "")
    report = check_annotations([write(tmp_path, "a", text)], ARTICLE, None)
    assert [(e.line, e.message) for e in report.errors] == [
        (
            1,
            "missing required field 'title' in front matter. Add it before the closing '---': "
            'title: "A short title"',
        )
    ]


def test_a_misspelt_field_is_named_with_the_field_meant(tmp_path: Path) -> None:
    text = note("source", SOURCE).replace('kind: "source"', 'kidn: "source"')
    report = check_annotations([write(tmp_path, "a", text)], ARTICLE, None)
    messages = sorted(e.message for e in report.errors)
    assert any(m.startswith("unknown field 'kidn' in front matter (did you mean 'kind'?);")
               for m in messages), messages  # fmt: skip
    assert any(m.startswith("missing required field 'kind'") and "'kidn' a misspelling of 'kind'"
               in m for m in messages), messages  # fmt: skip


def test_a_missing_field_is_explained_in_the_schemas_words(tmp_path: Path) -> None:
    text = note("source", SOURCE.replace('    date: "2013"\n', ""))
    report = check_annotations([write(tmp_path, "a", text)], ARTICLE, None)
    (message,) = [e.message for e in report.errors]
    schema = json.loads(schema_text())
    described = schema["$defs"]["date"]["description"]
    assert message.startswith("missing required field 'date' in sources.0 (") and (
        described.rstrip(".") in message
    ), message
