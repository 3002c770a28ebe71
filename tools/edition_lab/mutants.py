"""Hand-written mutants of the checker, the link rules, anchoring and incremental builds.

``make mutants`` applies each mutant (one small edit of the source), runs the fast tests that
guard that module, and restores the file; a mutant the tests do not fail "survives". It prints
each result and the kill rate. mutmut over a suite that builds Sphinx takes hours on two cores;
these are the mistakes a maintainer is likely to make, each one line.

    python -m edition_lab.mutants [--only NAME] [--list]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tools" / "reading_edition"

CHECKER_TESTS = ("tests/test_model.py", "tests/test_one_verdict.py", "tests/test_checker_cli.py")
ANCHORING_TESTS = (
    "tests/test_anchoring.py",
    "tests/test_one_verdict.py",
    "tests/test_annotations.py",
)
INCREMENTAL_TESTS = ("tests/test_incremental.py",)


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str  # relative to the package
    old: str  # occurs exactly once in the file
    new: str
    tests: tuple[str, ...]
    #: Run the slow tests named too (a test that needs git or a whole build).
    slow: bool = False


MUTANTS = (
    # cli/checker.py
    Mutant(
        "checker: a drifted quote is never told from one not found",
        "cli/checker.py",
        'result.status == "drifted"',
        'result.status == "not-found"',
        ("tests/test_contributor_flow.py::test_drifted_only_when_the_quote_used_to_match",),
        slow=True,
    ),
    Mutant(
        "checker: moved files left out of the link rules",
        "cli/checker.py",
        "for m in moved\n    ]",
        "for m in moved if False\n    ]",
        CHECKER_TESTS,
    ),
    Mutant(
        "checker: body lines not offset by the front matter",
        "cli/checker.py",
        'padded = "\\n" * (annotation.body_line - 1) + annotation.body',
        "padded = annotation.body",
        CHECKER_TESTS,
    ),
    Mutant(
        "checker: a file that is not .md accepted",
        "cli/checker.py",
        'if path.suffix != ".md":',
        'if path.suffix == ".txt-never":',
        CHECKER_TESTS,
    ),
    Mutant(
        "checker: body links not checked against the pages",
        "cli/checker.py",
        'document_exists=(lambda name: (docs / f"{name}.md").is_file()) if docs else None,',
        "document_exists=None,",
        CHECKER_TESTS,
    ),
    # model/link_rules.py
    Mutant(
        "link rules: an annotation may list itself as related",
        "model/link_rules.py",
        "if other == entry.id:",
        "if other == entry.id and False:",
        CHECKER_TESTS,
    ),
    Mutant(
        "link rules: terms compared with their case",
        "model/link_rules.py",
        "if term.casefold() not in folded_terms:",
        "if term not in (known_terms or ()):",
        CHECKER_TESTS,
    ),
    Mutant(
        "link rules: moved_to may name nothing",
        "model/link_rules.py",
        "if target not in notes:",
        "if target not in notes and False:",
        CHECKER_TESTS,
    ),
    Mutant(
        "link rules: a related note that moved counts as unknown",
        "model/link_rules.py",
        "elif other in moved:",
        "elif other in moved and False:",
        CHECKER_TESTS,
    ),
    # text/anchoring.py
    Mutant(
        "anchoring: the prefix read after the quote",
        "text/anchoring.py",
        "if prefix and not self._before(pos).endswith(normalise(prefix)):",
        "if prefix and not self._before(pos).startswith(normalise(prefix)):",
        ANCHORING_TESTS,
    ),
    Mutant(
        "anchoring: the suffix ignored",
        "text/anchoring.py",
        "if suffix and not self._after(pos + len(exact)).startswith(normalise(suffix)):",
        "if False:",
        ANCHORING_TESTS,
    ),
    Mutant(
        "anchoring: an ambiguous quote attached to its first match",
        "text/anchoring.py",
        "if len(found) == 1:\n            return Result(anchor=found[0])",
        "if found:\n            return Result(anchor=found[0])",
        ANCHORING_TESTS,
    ),
    Mutant(
        "anchoring: no prefix or suffix suggested",
        "text/anchoring.py",
        "suggestion=self.pick(found)",
        "suggestion=None",
        ANCHORING_TESTS,
    ),
    Mutant(
        "anchoring: the suggestion needs two words at least",
        "text/anchoring.py",
        "for words in range(1, 8):",
        "for words in range(2, 8):",
        ANCHORING_TESTS,
    ),
    Mutant(
        "anchoring: a quote across paragraphs not recognised",
        "text/anchoring.py",
        "return (first, last) if first != last else None",
        "return None",
        ANCHORING_TESTS,
    ),
    Mutant(
        "anchoring: typographic differences not recognised",
        "text/anchoring.py",
        "if pos == -1 or text.find(folded, pos + 1) != -1:\n            return None",
        "if True:\n            return None",
        ANCHORING_TESTS,
    ),
    Mutant(
        "anchoring: whitespace not collapsed",
        "text/anchoring.py",
        "self.paragraphs = [normalise(p) for p in paragraphs]",
        "self.paragraphs = list(paragraphs)",
        ANCHORING_TESTS,
    ),
    # sphinxext/incremental.py
    Mutant(
        "incremental: last build's findings not read again",
        "sphinxext/incremental.py",
        'again.update(json.loads(path.read_text(encoding="utf-8")))',
        "pass",
        INCREMENTAL_TESTS,
    ),
    Mutant(
        "incremental: pages linking to a deleted page not read again",
        "sphinxext/incremental.py",
        "if removed.intersection(targets):",
        "if False:",
        INCREMENTAL_TESTS,
    ),
    Mutant(
        "incremental: a deleted page's output kept",
        "sphinxext/incremental.py",
        "        _remove_output(app, docname)\n",
        "        pass\n",
        INCREMENTAL_TESTS,
    ),
    Mutant(
        "incremental: neighbours of a retitled page not rewritten",
        "sphinxext/annotations/resolve.py",
        "seen: list[Any] = [*map(title, neighbours(env, docname))]",
        "seen: list[Any] = []",
        INCREMENTAL_TESTS,
    ),
    Mutant(
        "incremental: pages with index entries not rewritten",
        "sphinxext/incremental.py",
        "return sorted(d for d in _state(env).indexed if d in env.found_docs)",
        "return []",
        INCREMENTAL_TESTS,
    ),
    Mutant(
        "incremental: {doc} links not recorded",
        "sphinxext/incremental.py",
        'if kind == "doc":',
        'if kind == "nothing":',
        INCREMENTAL_TESTS,
    ),
    Mutant(
        "incremental: warnings not recorded",
        "sphinxext/incremental.py",
        "        if docname:\n            self.docnames.add(docname)",
        "        if docname and False:\n            self.docnames.add(docname)",
        INCREMENTAL_TESTS,
    ),
    # sphinxext/state_domain.py (every domain's per-page entries)
    Mutant(
        "state domain: a page's entries kept when it is read again",
        "sphinxext/state_domain.py",
        "            self.data[key].pop(docname, None)\n",
        "            pass\n",
        INCREMENTAL_TESTS,
    ),
    Mutant(
        "state domain: what parallel workers read not merged",
        "sphinxext/state_domain.py",
        "                if docname in docnames:\n",
        "                if docname in docnames and False:\n",
        INCREMENTAL_TESTS,
    ),
)


def run(mutant: Mutant) -> tuple[bool, float]:
    """Apply ``mutant``, run its tests, restore the file: (killed, seconds)."""
    path = PACKAGE / mutant.path
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        raise SystemExit(f"{mutant.name}: the text to mutate is not once in {mutant.path}")
    start = time.perf_counter()
    try:
        path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
        pytest = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:warnings"]
        pytest += [] if mutant.slow else ["-m", "not slow"]
        result = subprocess.run(
            [*pytest, *mutant.tests],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        path.write_text(original, encoding="utf-8")
    return result.returncode != 0, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the mutants whose name contains this text")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not args.only or args.only in m.name]
    if args.list:
        for mutant in chosen:
            print(f"{mutant.path}: {mutant.name}")
        return 0
    killed = 0
    for mutant in chosen:
        dead, seconds = run(mutant)
        killed += dead
        print(f"{'killed  ' if dead else 'SURVIVED'} {seconds:5.0f} s  {mutant.name}", flush=True)
    print(f"kill rate: {killed}/{len(chosen)} ({100 * killed / max(1, len(chosen)):.0f}%)")
    return 0 if killed == len(chosen) else 1


if __name__ == "__main__":
    raise SystemExit(main())
