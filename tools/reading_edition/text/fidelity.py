"""Fidelity: the edition's reading text must be the witness, word for word.

The only allowed differences are the recorded removals of page residue (each names the witness
line and the exact text taken out). Anything else is reported as a readable word diff.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FidelityReport:
    ok: bool
    message: str


def expected_text(witness: str, removals: Iterable[Mapping[str, object]]) -> tuple[str, list[str]]:
    """The witness with each recorded removal taken out; also the removals not found."""
    lines = witness.splitlines()
    problems = []
    for record in removals:
        number, text = int(str(record["line"])), str(record["text"])
        if not 1 <= number <= len(lines) or text not in lines[number - 1]:
            problems.append(
                f"recorded removal {text!r} is not on witness line {number}; "
                "regenerate the record with the converter"
            )
            continue
        lines[number - 1] = lines[number - 1].replace(text, " ", 1)
    return "\n".join(lines), problems


def words(text: str) -> list[str]:
    return text.split()


def compare(
    witness: str, removals: Iterable[Mapping[str, object]], edition: Sequence[str]
) -> FidelityReport:
    """Compare the edition's text blocks with the witness minus recorded removals."""
    expected, problems = expected_text(witness, removals)
    want, have = words(expected), words(" ".join(edition))
    if want == have and not problems:
        return FidelityReport(True, f"reading text matches the witness ({len(have)} words)")
    lines = list(problems)
    matcher = difflib.SequenceMatcher(a=want, b=have, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        context = " ".join(want[max(0, a1 - 6) : a1])
        lines.append(
            f"after “…{context}”: witness has “{' '.join(want[a1:a2])}”, "
            f"edition has “{' '.join(have[b1:b2])}”"
        )
    return FidelityReport(
        False,
        "reading text differs from the witness:\n  "
        + "\n  ".join(lines)
        + ". Restore the witness's words, or record the change visibly.",
    )
