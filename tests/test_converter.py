"""The converter: captured text in, MyST reading text out, residue removed and recorded."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from reading_edition.convert.converter import ConversionError, convert, convert_file, to_myst

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_61ef67e55749334d.txt"
CAPTURES = Path(__file__).parent / "fixtures" / "captures"


def test_witness_is_the_seed_byte_for_byte() -> None:
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert digest == "3ac872933573c08015f0818e5d2fcd2cb07448c37535b5d7fd8a359b7ca93b5c"
    meta = (SEED.parent / "000_61ef67e55749334d.meta.yaml").read_text(encoding="utf-8")
    assert digest in meta and "silicon.co.uk" in meta and "unknown" in meta


def test_seed_residue_is_removed_and_recorded() -> None:
    result = convert(SEED.read_text(encoding="utf-8"), "seed")
    assert result.title == "NSA ‘Hacked Mexican Presidential Communications’"
    assert result.standfirst and result.standfirst.startswith("NSA hacked into email accounts")
    removed = [(r.line, r.kind, r.text) for r in result.removals]
    assert removed == [
        (3, "category-tags", "Collaboration SuitesRegulationSecuritySoftwareWorkspace"),
        (11, "image-credit", "Online surveillance © - Fotolia.com"),
        (13, "image-caption", "NSA hacking Mexico"),
        (27, "promo", "Shhh! Don’t look at our whistleblowers quiz!"),
        (29, "empty-label", "Read also :"),
        (31, "bio-toggle", "Click to read the authors bio\u00a0 Click to hide the authors bio"),
    ]
    paragraphs = [text for kind, text in result.body if kind == "p"]
    assert len(paragraphs) == 9
    # The fused credit is cut off, the paragraph itself kept exactly.
    assert paragraphs[2].startswith("According to the leaked document, it was the “first-ever")
    # Typography kept exactly.
    joined = "\n".join(paragraphs)
    for kept in ("Peña Nieto", "Calderon’s", "– we intend", "“We’ve begun", "Rouseff"):
        assert kept in joined


def test_conversion_is_deterministic() -> None:
    first = convert_file(SEED, "../seeds/x.txt")
    assert first == convert_file(SEED, "../seeds/x.txt")
    assert ":::{removed-residue}" in first and "::::{reading-text} ../seeds/x.txt" in first


def test_other_capture_patterns() -> None:
    result = convert((CAPTURES / "blog-with-share.txt").read_text(encoding="utf-8"), "blog")
    kinds = {r.kind: r.text for r in result.removals}
    assert kinds == {
        "category-tags": "NewsLocalPoliticsEducation",
        "image-credit": "Photo: Jane Doe/Reuters",
        "widget": "Share on Twitter",
        "promo": "Subscribe to our newsletter for daily updates!",
        "empty-label": "Related articles:",
    }
    assert result.standfirst == "Budget cuts hit the town’s oldest reading room"
    # A short line between paragraphs, not after a credit, is a subheading, kept.
    assert ("h", "Reading room") in result.body
    assert any("7–2" in text and "112 years" in text for _, text in result.body)


def test_fused_credit_and_caption_after_it() -> None:
    result = convert((CAPTURES / "fused-getty.txt").read_text(encoding="utf-8"), "storm")
    kinds = [(r.kind, r.text) for r in result.removals]
    assert kinds == [
        ("image-credit", "Harbour workers © Getty Images"),
        ("image-caption", "Harbour scene"),
        ("widget", "Advertisement"),
        ("bio-toggle", "Click to show the author's bio Click to hide the author's bio"),
    ]
    assert result.body[0] == ("p", "The storm closed three ports on Monday, officials said.")
    assert "café" in to_myst(result, "w.txt")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the capture is empty"),
        (b"Headline only\n\nNo sentence here", "no body paragraph found"),
        (b"Title\n\n\xff\xfe bad", "is not valid UTF-8"),
    ],
)
def test_bad_captures_are_located_errors(tmp_path: Path, data: bytes, message: str) -> None:
    capture = tmp_path / "bad.txt"
    capture.write_bytes(data)
    with pytest.raises(ConversionError, match=message) as info:
        convert_file(capture, "w.txt")
    assert str(capture) in str(info.value)


def test_cli(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "reading_edition", "convert"]
    help_text = subprocess.run([*run, "--help"], capture_output=True, text=True, cwd=ROOT)
    assert help_text.returncode == 0 and "--witness" in help_text.stdout
    out = tmp_path / "article.md"
    done = subprocess.run(
        [*run, str(SEED), "-o", str(out), "--witness", "w.txt"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    again = subprocess.run(
        [*run, str(SEED), "-o", str(out)], capture_output=True, text=True, cwd=ROOT
    )
    assert again.returncode == 1 and "--force" in again.stderr
    bad = subprocess.run(
        [*run, str(tmp_path / "missing.txt")], capture_output=True, text=True, cwd=ROOT
    )
    assert bad.returncode == 1 and "cannot read" in bad.stderr and "Traceback" not in bad.stderr
