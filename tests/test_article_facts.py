"""A new edition's article facts: read from the witness's metadata, written for the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading_edition.convert.converter import convert_path
from reading_edition.convert.language_guess import guess_language
from reading_edition.convert.new_edition import witness_facts_yaml
from reading_edition.model.diagnostics import LocatedError
from reading_edition.text.article_facts import (
    FACTS,
    UNKNOWN,
    ArticleFacts,
    facts_yaml,
    latex_macros,
    read_article_facts,
    witness_metadata,
)

CAPTURES = Path(__file__).parent / "fixtures" / "captures"


def test_unknown_facts_are_none_and_a_bad_file_is_located(tmp_path: Path) -> None:
    meta = tmp_path / "page.meta.yaml"
    meta.write_text('title: "A headline"\nauthor: "unknown"\nurl: ""\n', encoding="utf-8")
    assert read_article_facts(meta) == ArticleFacts(title="A headline")
    meta.write_text('author: "Jo Lee"\ntitle: "unknown"\n', encoding="utf-8")
    with pytest.raises(LocatedError) as missing:
        read_article_facts(meta)
    assert str(missing.value).startswith(f"{meta}:2: ") and "title" in str(missing.value)
    meta.write_text('title: "A headline"\nauthor: "Jo Lee\n', encoding="utf-8")
    with pytest.raises(LocatedError, match="not valid YAML"):
        read_article_facts(meta)


@pytest.mark.parametrize(
    ("date", "problem"),
    [
        ("2019-13-45", "'2019-13-45' is not a real date."),
        ("2019-02-30", "'2019-02-30' is not a real date."),
        ("19 November 2019", "is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or 'n.d.'."),
        ("2999-01", "is in the future"),
    ],
)
def test_a_wrong_date_is_located_at_its_line(date: str, problem: str, tmp_path: Path) -> None:
    """The article's date follows the annotations' rule (YYYY, YYYY-MM or YYYY-MM-DD, a real
    day, not to come; or n.d.), else "unknown"; the error names the file, the date's line and
    the fix. (`edition check` and the build both read the file through read_article_facts.)"""
    meta = tmp_path / "page.meta.yaml"
    meta.write_text(f'title: "A headline"\nauthor: "Jo Lee"\ndate: "{date}"\n', encoding="utf-8")
    with pytest.raises(LocatedError) as wrong:
        read_article_facts(meta)
    assert str(wrong.value).startswith(f"{meta}:3: date: "), wrong.value
    assert problem in str(wrong.value) and 'date: "unknown"' in str(wrong.value)
    for good in ("2019-11-19", "2019-11", "2019", "n.d.", "unknown", "unknown; probably 2013"):
        meta.write_text(f'title: "A headline"\ndate: "{good}"\n', encoding="utf-8")
        assert read_article_facts(meta).date == (None if good == "unknown" else good)


def test_every_fact_the_file_is_written_with_is_read_back(tmp_path: Path) -> None:
    """The metadata file's facts are the record's fields, written and read by one list: a
    record with every fact known, or none but the title, comes back from its file unchanged."""
    known = ArticleFacts(**{name: f"{name} value" for name in FACTS} | {"date": "2019-11-19"})
    meta = tmp_path / "page.meta.yaml"
    for facts in (known, ArticleFacts(title="A headline")):
        lines = facts_yaml(facts)
        assert [line.split(":", 1)[0] for line in lines] == list(FACTS)
        meta.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert read_article_facts(meta) == facts
    assert f'author: "{UNKNOWN}"' in facts_yaml(ArticleFacts(title="A headline"))


@pytest.mark.parametrize(
    "capture", ["silicon-style-recent-posts.txt", "harbour-feature.html"], ids=["text", "page"]
)
def test_what_the_converter_finds_is_what_the_build_reads(capture: str, tmp_path: Path) -> None:
    """One record from the capture to the build: the facts the converter fills, written by
    ``edition init`` to the witness's metadata file, are read back by the build as they were."""
    path = CAPTURES / capture
    conversion = convert_path(path)
    assert conversion.facts.author and conversion.facts.date and conversion.facts.language
    meta = tmp_path / "page.meta.yaml"
    meta.write_text(
        witness_facts_yaml(conversion, path.name, path.read_bytes(), conversion.witness_text),
        encoding="utf-8",
    )
    assert read_article_facts(meta) == conversion.facts


def test_each_fact_is_declared_once_for_the_front_page_and_the_citation() -> None:
    """The front page lists the labelled facts in the record's order, the date written out
    and the language named; the citation names what it lacks by each fact's own word."""
    facts = ArticleFacts(title="T", date="2019-11-19", language="en")
    listed = facts.listing()
    assert [line.label for line in listed] == [f.label for f in FACTS.values() if f.label]
    shown = {line.name: line.text for line in listed}
    assert shown["date"] == "19 November 2019" and shown["language"] == "English (en)"
    assert shown["author"] is None and shown["title"] == "T"
    assert (
        facts.citation()
        == "author unknown, “T”, publisher unknown, 19 November 2019; address unknown."
    )


def test_a_witness_metadata_file_is_found_by_every_name_it_is_given(tmp_path: Path) -> None:
    """The file beside the witness a reading text names: as ``edition init`` names it for a
    text capture and for a saved page (whose reading text names its witness text), and by the
    witness's stem; none is None."""
    for n, (witness, meta) in enumerate(
        (
            ("page.txt", "page.meta.yaml"),  # init, a text capture
            ("old.txt", "old.txt.meta.yaml"),  # init before the stem rule
            ("page.text.txt", "page.meta.yaml"),  # init, a saved page's witness text
            ("000_61ef.txt", "000_61ef.meta.yaml"),  # by hand, by the stem
        )
    ):
        folder = tmp_path / str(n)
        folder.mkdir()
        (folder / meta).write_text('title: "T"\n', encoding="utf-8")
        assert witness_metadata(folder / witness) == folder / meta
    assert witness_metadata(tmp_path / "none.txt") is None


def test_init_names_the_metadata_file_for_the_captures_stem_whatever_its_kind() -> None:
    """tools/converter.md's `seeds/<stem>.meta.yaml`, for a text capture and a saved page."""
    from reading_edition.convert.new_edition import capture_stem, witness_text_name

    for capture in ("article.txt", "article.html", "article.html.gz", "article.warc.gz"):
        assert capture_stem(capture) == "article", capture
    assert witness_text_name("article.html.gz") == "article.text.txt"


def test_the_imprint_reads_right_with_and_without_the_address() -> None:
    """The witness sentence of the PDF's imprint ("Witness: \\articlewitness; the reading
    text was established from it ...") names the page's address, or says the capture does not
    show it: never "the web page unknown: ..."."""

    def macro(facts: ArticleFacts, name: str) -> str:
        line = next(
            m for m in latex_macros(facts).splitlines() if m.startswith(f"\\newcommand*\\{name}{{")
        )
        return line.split("{", 1)[1].removesuffix("}")

    unknown = macro(ArticleFacts(title="T"), "articlewitness")
    assert "unknown" not in unknown and "web page" in unknown and "address" in unknown
    known = macro(ArticleFacts(title="T", url="https://example.org/a_b?x=1%2"), "articlewitness")
    assert known.startswith("the web page \\href{https://example.org/a_b?x=1\\%2}")
    assert macro(ArticleFacts(title="T"), "articlestandfirst") == ""
    assert macro(ArticleFacts(title="T", author="A & B_C"), "articleauthor") == "A \\& B\\_C"


_ENGLISH = (
    "The union accepted the offer on Monday after a week in which no ship was unloaded at the "
    "port, and the owners said that the deal would hold for three years."
)
_GERMAN = (
    "Die Gewerkschaft hat das Angebot am Montag angenommen, nachdem eine Woche lang kein Schiff "
    "im Hafen entladen wurde, und die Eigentümer sagen, dass der Vertrag drei Jahre gilt."
)


def test_a_text_captures_language_is_guessed_from_its_words() -> None:
    assert guess_language([_ENGLISH] * 3) == "en"
    assert guess_language([_GERMAN] * 3) == "de"
    assert guess_language([_ENGLISH[:40]]) is None  # too few words to say
    assert guess_language(["東京で会議が開かれ、新しい計画が発表された。" * 10]) is None
    # Latin words in a Japanese text ("Kindle for PC") do not make it English.
    japanese = "Kindle for PCの話。" + "デスクトップアプリが用意されています。" * 3
    assert guess_language([japanese + " the app is for the PC and for the Mac"] * 4) is None


def test_a_date_the_converter_cannot_read_is_unknown_with_the_pages_words(tmp_path: Path) -> None:
    """A date line that could be 10 November or 11 October: the metadata file says "unknown"
    and, on the line above, the page's words and the form to write them in; it still reads."""
    from reading_edition.convert.converter import convert

    paragraphs = [
        "The harbour's workers ended their strike on Monday after the owners raised their offer"
        " for the third time in a week of talks that had stalled twice.",
        "Ships that had waited offshore for days began to unload on Tuesday morning, and the "
        "port said the queue would be gone by the weekend if the weather held.",
    ]
    text = "\n\n".join(["Home", "Port workers end a week-long strike", "By Jo Lee",
                        "11/10/2019", *paragraphs])  # fmt: skip
    conversion = convert(text, "ambiguous")
    assert conversion.facts.author == "Jo Lee" and conversion.facts.date is None
    written = witness_facts_yaml(conversion, "page.txt", text.encode(), None)
    lines = written.splitlines()
    at = lines.index(f'date: "{UNKNOWN}"')
    assert '"11/10/2019"' in lines[at - 1] and "YYYY-MM-DD" in lines[at - 1], lines[at - 1]
    meta = tmp_path / "page.meta.yaml"
    meta.write_text(written, encoding="utf-8")
    assert read_article_facts(meta) == conversion.facts
