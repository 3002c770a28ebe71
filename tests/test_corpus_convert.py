"""The converter on the corpus of real captures (``../shared/corpus`` beside the clone).

Every page, text and HTML: no crash, and the reading text is the witness minus the recorded
removals, word for word. A sample of pages: the body scores against the ground truth. Skipped
when the corpus is not there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from edition_lab.shingle_score import mean, score
from reading_edition.convert.capture_files import decode_html, inflate
from reading_edition.convert.converter import Conversion, ConversionError, convert, convert_html
from reading_edition.text.fidelity import compare

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

pytestmark = [
    pytest.mark.skipif(
        not (CORPUS / "ground-truth.json").is_file(), reason=f"no corpus at {CORPUS}"
    ),
    pytest.mark.slow,  # converts the whole corpus: outside the fast subset
]


def _truth() -> dict[str, str]:
    records = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    return {page: record["articleBody"] for page, record in records.items()}


def _pages() -> list[str]:
    if not (CORPUS / "ground-truth.json").is_file():
        return []
    return sorted(_truth())


def _traces(witness: str, result: Conversion) -> bool:
    blocks = [result.title, *([result.standfirst] if result.standfirst else [])]
    blocks += [text for _, text in result.body]
    records = [{"line": r.line, "text": r.text} for r in result.removals]
    report = compare(witness, records, blocks)
    assert report.ok, report.message
    return True


def _text(page: str) -> str:
    return (CORPUS / "captures" / f"{page}.txt").read_text(encoding="utf-8")


def _html(page: str) -> str:
    path = CORPUS / "html" / f"{page}.html.gz"
    return decode_html(inflate(path.read_bytes(), path))


def test_every_text_capture_converts_and_traces_to_its_witness() -> None:
    failures = []
    for page in _pages():
        text = _text(page)
        try:
            result = convert(text, page)
        except ConversionError as err:
            failures.append(str(err))
            continue
        assert _traces(text, result)
    assert not failures, failures


def test_every_html_page_converts_and_traces_to_its_witness_text() -> None:
    for page in _pages():
        result = convert_html(_html(page), page)
        assert result.witness_text is not None and _traces(result.witness_text, result)


#: Every ninth page, from both halves of the corpus.
SAMPLE = _pages()[::9]


def test_sample_scores_against_the_ground_truth() -> None:
    truth = _truth()
    text_scores = []
    html_scores = []
    for page in SAMPLE:
        body = "\n".join(text for _, text in convert(_text(page), page).body)
        text_scores.append(score(truth[page], body))
        page_body = "\n".join(text for _, text in convert_html(_html(page), page).body)
        html_scores.append(score(truth[page], page_body))
    # Whole-corpus figures are in `make bench-convert`; the sample guards against regressions.
    assert mean(text_scores).f1 >= 0.85, mean(text_scores)
    assert mean(html_scores).f1 >= 0.93, mean(html_scores)
    keep_all = mean([score(truth[p], _text(p)) for p in SAMPLE])
    assert mean(text_scores).f1 > keep_all.f1 + 0.15
