"""While Sphinx builds, the garbage collector runs less often (a sixth of a clean build's
processor time at 1,000 notes: tools/benchmarks.md); after the build, the process has the
thresholds it had before."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from reading_edition.sphinxext.garbage_collection import YOUNG_THRESHOLD


def test_fewer_collections_during_the_build_and_the_thresholds_put_back(
    make_app, rootdir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-annotations", srcdir, ignore=shutil.ignore_patterns("_build"))
    outside = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's default
    try:
        app = make_app("html", srcdir=srcdir, freshenv=True)
        during: list[tuple[int, int, int]] = []
        app.connect("doctree-read", lambda app, doctree: during.append(gc.get_threshold()))
        app.connect("html-page-context", lambda app, *args: during.append(gc.get_threshold()))
        app.build()
        assert during and all(t == (YOUNG_THRESHOLD, 10, 10) for t in during)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*outside)
