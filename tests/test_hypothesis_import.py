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
        # Anchored exactly on the row's words, at the occurrence its prefix and suffix pick.
        if "TODO" not in text:
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
    assert "expected the JSON of Hypothesis's search API" in done.stderr
    assert "Traceback" not in done.stderr
