"""Incremental builds forget nothing.

Sphinx re-reads only what changed, so by itself it forgets: a page whose warning failed the last
build is not read again, and the next build passes although nothing was fixed; a deleted page
keeps its HTML, and pages that linked to it (by reference, or as their previous or next page)
keep the dead link. Here:

- every page that had a warning is re-read on the next build, until it has none (the pages are
  recorded from the warnings themselves, in ``edition-findings.json`` beside the doctrees);
- a deleted page's output files are removed, and the pages whose references named it are
  re-read (so the dead reference is reported);
- what each page's links show of their targets is recorded (``collect_links``: a page's
  title for a link without words of its own, a term's definition for a term link), for the page
  signatures of ``annotations/resolve.py``, which rewrite a page when what it shows of other
  pages changed (those titles and definitions, its previous, next and parent pages, theirs);
- the search index keeps the index entries (glossary terms, ``index`` directives): Sphinx 9
  reloads the rest of ``searchindex.js`` but not its ``indexentries``, so any incremental build
  dropped every entry of the pages it did not rewrite (sphinx-doc/sphinx#12599). The pages
  with index entries are therefore written on every build (``env-updated`` returns them),
  and Sphinx's own indexer feeds their entries again; no private member of the indexer is
  touched. The entries the edition makes for each annotation page (its title and terms, for
  the general index: ``print_index.IndexedNotes``) are not counted: rewriting every note on
  every build would make an incremental build as slow as a clean one, and a search still finds
  each note by its title (the search index's titles are kept). After an incremental build the
  search results list those notes among the pages, not among the index entries; a clean build
  (CI, the published site) has both.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util import docname_join

from reading_edition.sphinxext.state_domain import Data, StateDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

FINDINGS_FILE = "edition-findings.json"


#: What a link shows of its target: a page's title (``("doc", docname, "")``), a section's of
#: it by MyST's anchor (``("doc", docname, anchor)``) or a label's (``("ref", label, "")``), when
#: the link has no words of its own; a glossary term's definition (``("term", term, "")``, the
#: term previews of ``term_previews.py``), whatever its words.
ShownTarget = tuple[str, str, str]


class BuildStateDomain(StateDomain):
    """What each page links to, and what those links show of their targets (per document, so
    it is cleared on re-read and merged from parallel workers like any domain data)."""

    name = "edition-state"
    label = "Build state"
    data_version = 3
    initial_data: ClassVar[dict[str, Any]] = {
        "links": {},  # docname → sorted docnames its references name
        "shown": {},  # docname → sorted targets its links show words of (ShownTarget)
        "indexed": {},  # docname → True: the page has index entries
    }
    per_document = ("links", "shown", "indexed")

    links: Data[dict[str, list[str]]] = Data()
    shown: Data[dict[str, list[ShownTarget]]] = Data()
    indexed: Data[dict[str, bool]] = Data()


def _state(env: BuildEnvironment) -> BuildStateDomain:
    return cast("BuildStateDomain", env.domains[BuildStateDomain.name])


class FindingsRecorder(logging.Handler):
    """Notes the page of every warning, whatever logged it (our checks, Sphinx, MyST)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(level=logging.WARNING)
        self.app = app
        self.docnames: set[str] = set()
        self._by_real_path: dict[str, str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        docname = self._docname(getattr(record, "location", None))
        if docname:
            self.docnames.add(docname)

    def _docname(self, location: Any) -> str | None:
        env = self.app.env
        if isinstance(location, tuple):
            return location[0] if isinstance(location[0], str) else None
        if isinstance(location, nodes.Node):
            location = getattr(location, "source", None) or ""
        if not isinstance(location, str) or not location:
            return None
        path = location.rsplit(":", 1)[0] if ":" in location else location
        if path in env.found_docs:
            return path
        docname = env.path2doc(path)
        if docname:
            return docname
        # Annotation files reached through the docs/annotations link report their real path.
        if self._by_real_path is None:
            self._by_real_path = {os.path.realpath(env.doc2path(d)): d for d in env.found_docs}
        return self._by_real_path.get(os.path.realpath(path))


def _findings_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / FINDINGS_FILE


#: The recorder of each running application (tests run several in one process).
_RECORDERS: weakref.WeakKeyDictionary[Sphinx, FindingsRecorder] = weakref.WeakKeyDictionary()


def start_recording(app: Sphinx) -> None:
    recorder = FindingsRecorder(app)
    logging.getLogger("sphinx").addHandler(recorder)
    _RECORDERS[app] = recorder


def save_findings(app: Sphinx, exception: Exception | None) -> None:
    recorder = _RECORDERS.pop(app, None)
    if recorder is None:
        return
    logging.getLogger("sphinx").removeHandler(recorder)
    path = _findings_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(recorder.docnames)), encoding="utf-8")


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages to read again: those with last build's findings, and those whose references
    named a page that is gone. A removed page's output files go."""
    again: set[str] = set()
    path = _findings_path(app)
    if path.is_file():
        with contextlib.suppress(ValueError, OSError):  # a damaged record: read nothing again
            again.update(json.loads(path.read_text(encoding="utf-8")))
    state = _state(env)
    for docname, targets in state.links.items():
        if removed.intersection(targets):
            again.add(docname)
    for docname in removed:
        _remove_output(app, docname)
    return sorted((again & env.found_docs) - added - changed - removed)


def _remove_output(app: Sphinx, docname: str) -> None:
    get_outfilename = getattr(app.builder, "get_outfilename", None)
    if get_outfilename is None:
        return
    output = Path(get_outfilename(docname))
    if output.is_file():
        output.unlink()


def collect_links(app: Sphinx, doctree: nodes.document) -> None:
    """The pages a page's references name (``{doc}`` and Markdown links to pages), and what its
    links show of their targets (``ShownTarget``), which Sphinx, MyST and the term previews take
    from the targets as they are when the page is written: ``resolve.py`` rewrites the page when
    that changes."""
    targets = set()
    shown: set[ShownTarget] = set()
    here = app.env.docname
    for ref in doctree.findall(addnodes.pending_xref):
        target = str(ref.get("reftarget", ""))
        if not target:
            continue
        kind = ref.get("reftype")
        if kind == "doc":
            targets.add(docname_join(here, target))
            if not ref.get("refexplicit"):
                shown.add(("doc", docname_join(here, target), ""))
        elif kind == "myst" and ref.get("refdomain") == "doc":
            targets.add(target)
            if not ref.get("refexplicit"):
                shown.add(("doc", target, str(ref.get("reftargetid") or "")))
        elif kind == "ref" and ref.get("refdomain") == "std" and not ref.get("refexplicit"):
            shown.add(("ref", target, ""))
        elif kind == "term" and ref.get("refdomain") == "std":
            shown.add(("term", target, ""))
    state = _state(app.env)
    state.links[here] = sorted(targets)
    if shown:
        state.shown[here] = sorted(shown)


def shown_targets(env: BuildEnvironment, docname: str) -> list[ShownTarget]:
    """What ``docname``'s links show of their targets (see ``collect_links``)."""
    return _state(env).shown.get(docname, [])


#: Set on the index node of an annotation page's generated entries (see the module's docstring).
GENERATED_FOR_NOTE = "edition_note_entries"


def collect_index_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Note the pages with index entries (glossary terms, ``index`` directives)."""
    if any(
        node["entries"] and not node.get(GENERATED_FOR_NOTE)
        for node in doctree.findall(addnodes.index)
    ):
        _state(app.env).indexed[app.env.docname] = True


def pages_with_index_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages with index entries, written again on every build (see above): Sphinx then
    feeds their entries to the search index afresh. A glossary or two: a page or two."""
    return sorted(d for d in _state(env).indexed if d in env.found_docs)


def setup_incremental(app: Sphinx) -> None:
    app.add_domain(BuildStateDomain)
    app.connect("builder-inited", start_recording)
    app.connect("build-finished", save_findings)
    app.connect("env-get-outdated", outdated)
    app.connect("doctree-read", collect_links)
    app.connect("doctree-read", collect_index_entries)
    app.connect("env-updated", pages_with_index_entries)
