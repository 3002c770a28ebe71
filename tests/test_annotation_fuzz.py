"""Property: any bytes in an annotation file give a valid annotation or located errors from the
loader and the checker, never a traceback, and within a memory bound.

Two strategies: arbitrary bytes, and a valid annotation with random bytes spliced in (which
reaches the YAML, schema and anchoring code far more often). The time bound is the loader's size
cap plus hypothesis's own example budget; the suite asserts no timings (see ``make bench``).
"""

from __future__ import annotations

import tempfile
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reading_edition.cli.checker import check_annotations
from reading_edition.model.annotation import Annotation, AnnotationError, load_annotation
from reading_edition.model.front_matter import MAX_BYTES
from reading_edition.text.anchoring import ReadingIndex

from tests.test_front_matter_limits import VALID

SHOWN = "annotations/fuzzed.md"
#: Peak memory one check may take: far above a normal annotation, far below an alias bomb.
MEMORY_BOUND = 64 * 1024 * 1024
INDEX = ReadingIndex(
    [
        "The NSA hacked into the email of the Mexican president, according to the report.",
        "The unit responsible is Tailored Access Operations.",
    ]
)

spliced = st.tuples(
    st.integers(min_value=0, max_value=len(VALID.encode("utf-8"))),
    st.integers(min_value=0, max_value=40),
    st.binary(max_size=200),
).map(
    lambda cut: VALID.encode("utf-8")[: cut[0]] + cut[2] + VALID.encode("utf-8")[cut[0] + cut[1] :]
)
yaml_noise = st.lists(
    st.sampled_from(
        [
            b"&a ",
            b"*a",
            b"!!str ",
            b"? ",
            b"- ",
            b": ",
            b"{",
            b"}",
            b"[",
            b"]",
            b"\n  ",
            b"---\n",
            b"\xff",
            b"\x00",
            b"\t",
            b'"',
            b"'",
            b"%YAML 1.1\n",
            b"<<: *a\n",
            b"|\n",
            b">\n",
        ]
    ),
    max_size=30,
).map(lambda parts: b"---\n" + b"".join(parts) + b"\n---\nBody.\n")


def check_bytes(raw: bytes) -> None:
    """Load and check ``raw``; fail on anything but an annotation or located errors."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.md"
        path.write_bytes(raw)
        tracemalloc.start()
        try:
            try:
                result: Annotation | AnnotationError = load_annotation(path, SHOWN)
            except AnnotationError as error:
                result = error
            report = check_annotations([path], INDEX, {"TAO"})
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < MEMORY_BOUND
    if isinstance(result, AnnotationError):
        assert result.errors
        for error in result.errors:
            assert error.path == SHOWN
            assert isinstance(error.line, int) and error.line >= 0
            assert error.message.strip()
    else:
        assert result.id == "fuzzed"
    for error in report.errors:
        assert error.path.endswith("fuzzed.md")
        assert isinstance(error.line, int) and error.line >= 0
        assert error.message.strip()


FUZZ = settings(
    max_examples=300,
    deadline=None,  # no timing assertions in the suite
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a failure is reproducible
)


@FUZZ
@given(st.binary(max_size=2048))
def test_any_bytes(raw: bytes) -> None:
    check_bytes(raw)


@FUZZ
@given(spliced)
def test_valid_annotation_with_bytes_spliced_in(raw: bytes) -> None:
    check_bytes(raw)


@FUZZ
@given(yaml_noise)
def test_yaml_syntax_noise(raw: bytes) -> None:
    check_bytes(raw)


def test_oversized_and_alias_bomb_inputs_stay_bounded() -> None:
    check_bytes(VALID.encode("utf-8") + b"x" * (MAX_BYTES * 20))
    bomb = b'---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]\n".encode()
    check_bytes(bomb + b"---\nBody.\n")
