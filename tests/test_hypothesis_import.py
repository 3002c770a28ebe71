"""Import from Hypothesis, on a realistic export (tests/fixtures/hypothesis/export.json: the
shape of its search API's rows): rows that anchor, rows that are ambiguous without their prefix
or suffix, a row that does not anchor, a reply, a page note, a group annotation, an unsafe body,
and a second import that writes nothing new."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reading_edition.model.annotation import load_annotation
from reading_edition.text.reading_source import reading_index

#: Runs the command line or whole builds many times: outside the fast subset.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "tests" / "fixtures" / "hypothesis" / "export.json"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reading_edition", *args], cwd=root, capture_output=True, text=True
    )


def edition(tmp_path: Path) -> Path:
    root = tmp_path / "edition"
    for name in ("docs", "annotations", "seeds"):
        shutil.copytree(ROOT / name, root / name, symlinks=True)
    return root


def test_import_writes_what_anchors_and_reports_the_rest(tmp_path: Path) -> None:
    root = edition(tmp_path)
    before = {p.name for p in (root / "annotations").iterdir()}
    done = run(root, "import-hypothesis", str(EXPORT))
    assert done.returncode == 1  # some rows were not written
    assert "3 written, 0 already imported, 3 not written, 1 replies and 1 page notes skipped" in (
        done.stdout
    )
    new = sorted(p for p in (root / "annotations").iterdir() if p.name not in before)
    rows = {r["id"]: r for r in json.loads(EXPORT.read_text(encoding="utf-8"))["rows"]}
    index = reading_index(root / "docs" / "article.md")
    for path in new:
        text = path.read_text(encoding="utf-8")
        ident = text.split("hypothesis:\n  id: ")[1].split("\n")[0].strip('"')
        row = rows[ident]
        selector = row["target"][0]["selector"][-1]
        # The title is a placeholder the checker refuses; written, the rest is checked here.
        assert 'title: "TODO: a title for the note on “' in text
        path.write_text(
            text.replace("TODO: a title for the note on", "A note on", 1), encoding="utf-8"
        )
        # Anchored exactly on the row's words, at the occurrence its prefix and suffix pick.
        if "TODO" not in path.read_text(encoding="utf-8"):
            annotation = load_annotation(path)
            target = annotation.target
            result = index.find(target.exact, target.prefix, target.suffix)
            assert result.anchor is not None
            para = index.paragraphs[result.anchor.paragraph]
            assert para[result.anchor.para_start : result.anchor.para_end] == selector["exact"]
            before_text = para[: result.anchor.para_start]
            assert before_text.rstrip().endswith(selector["prefix"].strip())
            assert annotation.hypothesis is not None and annotation.hypothesis.id == ident
            assert "CC0" in annotation.hypothesis.licence
            assert annotation.authors[0] in {row["user_info"]["display_name"], "reader"}
        assert row["text"] in text
    # A factual kind (tagged "source") gets placeholders that the checker refuses.
    check = run(root, "check")
    assert check.returncode == 1 and "still holds the placeholder" in check.stderr
    # The rows that were not written, each with its id and why.
    assert "Rs5tUv6789012345mnop): quote 'a sentence that is not in the article at all' does " \
        "not anchor in the reading text. The closest passage is ¶" in done.stderr  # fmt: skip
    assert "Gh1iJk2345678901yzab): published in a Hypothesis group" in done.stderr
    assert "Lm3nOp4567890123cdef): raw html is not allowed in the edition" in done.stderr
    # Importing again writes nothing new.
    again = run(root, "import-hypothesis", str(EXPORT))
    assert "0 written, 3 already imported" in again.stdout
    assert sorted(p for p in (root / "annotations").iterdir() if p.name not in before) == new


def test_a_malformed_export_is_a_located_error(tmp_path: Path) -> None:
    root = edition(tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text('{"rows": [\n  {"id": "x",}\n]}\n', encoding="utf-8")
    done = run(root, "import-hypothesis", str(broken))
    assert done.returncode == 1
    assert f"error: {broken}:2: not valid JSON" in done.stderr
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"total": 3}', encoding="utf-8")
    done = run(root, "import-hypothesis", str(wrong))
    assert "expected a Hypothesis export: the search API's JSON" in done.stderr
    assert "Traceback" not in done.stderr


def row(ident: str, exact: str, text: str, **fields: object) -> dict[str, object]:
    """A public Hypothesis annotation on the edition's article."""
    return {
        "id": ident,
        "created": "2026-11-30T14:02:11+00:00",
        "user": "acct:reader@hypothes.is",
        "uri": "https://example.org/edition/article.html",
        "text": text,
        "tags": ["source"],
        "group": "__world__",
        "target": [
            {
                "source": "https://example.org/edition/article.html",
                "selector": [{"type": "TextQuoteSelector", "exact": exact}],
            }
        ],
        "user_info": {"display_name": "A. Reader"},
        **fields,
    }


def test_the_clients_export_and_what_the_import_repairs_drafts_and_skips(tmp_path: Path) -> None:
    """The client's own export (the sidebar's Export) is read like the API's; a quote typed
    with straight quotes takes the article's; links become drafted sources; rows on another
    page, hidden rows and empty rows are skipped with their reason; every written file's title
    is a placeholder the checker refuses."""
    root = edition(tmp_path)
    index = reading_index(root / "docs" / "article.md")
    curly = next(p for p in index.paragraphs if "’" in p)
    start = curly.index("’")
    quote = curly[max(0, start - 12) : start + 12].strip()
    straight = quote.replace("’", "'")
    assert index.find(straight).anchor is None  # only the typographic characters differ
    rows = [
        row("Typo000000000000001", straight, "Typed with a straight apostrophe."),
        row(
            "Links00000000000001",
            "85,489 text messages",
            "See [the report](https://www.spiegel.de/report.html) and https://example.com/b.",
        ),
        row(
            "Else000000000000001",
            "85,489 text messages",
            "Elsewhere.",
            uri="https://news.example.com/some-other-story",
        ),
        row(
            "Home000000000000001",
            "85,489 text messages",
            "The counts are on https://www.ine.mx/ for all to see.",
        ),
        row("Hidden0000000000001", "85,489 text messages", "Moderated.", hidden=True),
        row("Empty00000000000001", "85,489 text messages", "", tags=[]),
    ]
    export = tmp_path / "client-export.json"
    export.write_text(
        json.dumps(
            {
                "export_date": "2026-12-01T10:00:00.000Z",
                "export_userid": "acct:reader@hypothes.is",
                "client_version": "1.1500.0",
                "annotations": rows,
            }
        ),
        encoding="utf-8",
    )
    done = run(root, "import-hypothesis", str(export))
    assert "3 written" in done.stdout, done.stdout + done.stderr
    assert "(Else000000000000001): it annotates https://news.example.com/some-other-story, " \
        "which is not the edition's article" in done.stdout  # fmt: skip
    assert "(Hidden0000000000001): hidden by a moderator; skipped." in done.stdout
    assert "(Empty00000000000001): no text and no tags; skipped." in done.stdout
    assert "(Typo000000000000001): the quote differed from ¶" in done.stdout
    written = {
        p.read_text(encoding="utf-8").split("hypothesis:\n  id: ")[1].split("\n")[0].strip('"'): p
        for p in (root / "annotations").glob("*.md")
        if "hypothesis:" in p.read_text(encoding="utf-8")
    }
    typo = written["Typo000000000000001"].read_text(encoding="utf-8")
    assert f"exact: {json.dumps(quote, ensure_ascii=False)}" in typo
    links = written["Links00000000000001"].read_text(encoding="utf-8")
    assert 'url: "https://www.spiegel.de/report.html"' in links
    assert 'url: "https://example.com/b"' in links
    # A link to a site's home page holds no quote: the note is written, the link kept in its
    # text, and the source left to write (a factual kind: its placeholders).
    assert "(Home000000000000001): https://www.ine.mx/ is a site's home page" in done.stdout
    home = written["Home000000000000001"].read_text(encoding="utf-8")
    assert "on https://www.ine.mx/ for all to see" in home.split("---\n")[-1]
    assert 'url: "https://www.ine.mx/"' not in home
    assert 'url: "https://example.org/TODO"' in home
    # Placeholders (the title first) are refused by the checker, named.
    check = run(root, "check", str(written["Links00000000000001"]))
    assert "title still holds the placeholder 'TODO: a title for the note on" in check.stderr
    assert "sources.1.title still holds the placeholder" in check.stderr


def test_a_title_that_only_repeats_the_quote_is_refused(tmp_path: Path) -> None:
    """Titles written as earlier imports wrote them ("On “…”") are placeholders."""
    root = edition(tmp_path)
    note = root / "annotations" / "on-the-quote.md"
    note.write_text(
        '---\ntarget:\n  exact: "85,489 text messages were intercepted, some sent by Peña '
        'Nieto"\nkind: analysis\ntitle: "On “85,489 text messages were intercepted, some sent '
        'by …”"\nauthors: ["A. Reader"]\ncreated: "2026-11-30"\n---\nText.\n',
        encoding="utf-8",
    )
    check = run(root, "check", str(note))
    assert check.returncode == 1
    assert "annotations/on-the-quote.md:5: title 'On “85,489 text messages were intercepted" \
        in check.stderr  # fmt: skip
    assert "only repeats the quote, as a placeholder would" in check.stderr
