"""Fewer collections of Python's cyclic garbage collector while Sphinx builds.

A build makes and drops a great many small objects (each page's doctree, its nodes linked to
their parents in cycles), and the collector, with Python's default thresholds (700, 10, 10),
runs a full collection of the whole heap again and again: at 1,000 notes, 14 full and 274
middle collections, about a sixth of a clean build's processor time (3.2 of 20 s). From
``env-before-read-docs`` to ``build-finished`` (both emitted by every build, so that an
application made and never built changes nothing) the youngest generation's threshold is
:data:`YOUNG_THRESHOLD` (4 full collections, 1.5 s; peak memory 169 MB instead of 164; with
10,000 it was 1.1 s but 197 MB), and the thresholds in force before are put back afterwards
(a process that builds several times, as the tests do, keeps its own settings). The output
does not depend on when garbage is collected. Measured figures: tools/benchmarks.md.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Allocations (minus deallocations) between two collections of the youngest generation.
YOUNG_THRESHOLD = 5_000

#: The thresholds in force before each build that changed them, innermost last.
_before: list[tuple[int, int, int]] = []


def collect_less(app: Sphinx, env: Any, docnames: Any) -> None:
    before = gc.get_threshold()
    _before.append(before)
    gc.set_threshold(max(YOUNG_THRESHOLD, before[0]), *before[1:])


def collect_as_before(app: Sphinx, exception: Exception | None) -> None:
    if _before:
        gc.set_threshold(*_before.pop())


def setup_garbage_collection(app: Sphinx) -> None:
    app.connect("env-before-read-docs", collect_less)
    # Last, after every other handler of the event (the exports, the minifier, the findings).
    app.connect("build-finished", collect_as_before, priority=900)
