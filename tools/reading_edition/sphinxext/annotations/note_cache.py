"""The web article's notes, written once: each note's HTML kept from one build to the next.

At 1,000 annotations the web article holds 1,000 notes in brief, four fifths of its nodes;
each of the page's some 60 post-transforms (most of them Sphinx's, MyST's and sphinx-design's)
walks them all, and the HTML translator and the search index walk them again. Editing one
note's gist rewrote the article and cost three times a plain Sphinx edit (tools/benchmarks.md).

So the HTML the translator wrote for each note, and the words the search index took from it,
are kept in the doctree folder (``edition-article-notes.pickle``) under a key: a digest of the
note's own inputs (its record, its place, its gist) and of the world it is written in (the
builder, the page's name, every page's title and metadata, Sphinx's labels and terms, the
configuration, the versions of the tools and of this package's code). A note whose key
matches goes into the article empty; the transforms find nothing inside it, the HTML
translator writes the kept HTML, and its words are added back for the search index after the
transforms (``doctree-resolved``; a note written afresh is written there by the builder's
translator, and kept), so the page and its search words are the same as a clean
build's (``tests/test_incremental.py`` compares them). Any doubt writes the note again: a
title, a label, a term or a configuration value changed, a note holding nodes
whose words the search index takes otherwise than from its text (comments, raw HTML, titles,
``no-search``), footnotes (their letters depend on the notes before them), or nodes that the
translator writes from the page being written (images, downloads, captions): see ``NOT_KEPT``.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import docutils
import sphinx
from docutils import nodes
from sphinx import addnodes

import reading_edition
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.nodes import anno_note
from reading_edition.sphinxext.builders import WEB
from reading_edition.sphinxext.incremental import shown_targets
from reading_edition.sphinxext.page_assets import HOLDS_DESIGN, is_design

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

    from reading_edition.sphinxext.annotations.domain import AnnotationDomain
    from reading_edition.sphinxext.annotations.records import NoteRecord, Placement

#: The file in the doctree folder; bump ``FORMAT`` when what is kept changes shape.
CACHE_FILE = "edition-article-notes.pickle"
FORMAT = 2
#: The note's attribute holding its key (the note is written, or was kept, under it).
KEY = "edition_note_key"
#: The note's attribute holding its HTML, once written or found kept: the translator writes it.
HTML = "edition_note_html"
#: Nodes whose words the search index takes otherwise than from their text (Sphinx's
#: ``WordCollector``), nodes numbered across the page (footnotes), and nodes that Sphinx's
#: HTML translator writes from the page being written (images and downloads by their
#: folder, captions by their figure number): a note holding one is written with the page,
#: never kept.
NOT_KEPT = (
    nodes.comment,
    nodes.raw,
    nodes.title,
    nodes.meta,
    nodes.footnote,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.image,
    nodes.figure,
    nodes.caption,
    nodes.math_block,
    addnodes.download_reference,
    addnodes.toctree,
)
DISTRIBUTIONS = ("sphinx", "docutils", "myst-parser", "sphinx-design")


@dataclass(frozen=True)
class KeptNote:
    """One note as the HTML translator wrote it, and the words the search index took."""

    key: str
    html: str
    words: tuple[str, ...]
    #: Whether the HTML holds a sphinx-design component (the page then loads design.css).
    design: bool = False


@dataclass
class NoteCache:
    """The kept notes of one build: read from the last build, written for the next."""

    path: Path
    #: The builder's name: the notes' links are written for it.
    builder: str
    previous: dict[str, KeptNote]
    #: What this build used or wrote, by annotation id: the next build's file.
    current: dict[str, KeptNote] = field(default_factory=dict)
    #: Whether this build wrote the article: if not, the last build's file stays as it is.
    article_written: bool = False

    @classmethod
    def load(cls, doctreedir: Path, builder: str, *, fresh: bool) -> NoteCache:
        """The last build's notes; none when the environment is new (``-E``, a first build):
        a fresh start rewrites everything, as a reader asking for one expects."""
        path = doctreedir / CACHE_FILE
        previous: dict[str, KeptNote] = {}
        if not fresh:
            try:
                with path.open("rb") as stream:
                    kept = pickle.load(stream)
                if isinstance(kept, dict) and kept.get("format") == FORMAT:
                    previous = kept["notes"]
            except Exception:  # a missing or damaged file: every note written afresh
                previous = {}
        return cls(path, builder, previous)

    def kept(self, anno: str, key: str) -> KeptNote | None:
        found = self.previous.get(anno)
        return found if found is not None and found.key == key else None

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        with partial.open("wb") as stream:
            pickle.dump({"format": FORMAT, "notes": self.current}, stream, pickle.HIGHEST_PROTOCOL)
        partial.replace(self.path)


def _stable(value: Any) -> str:
    """A representation that is the same in every process (no object addresses)."""
    if value is None or isinstance(value, str | int | float | bool):
        return repr(value)
    if isinstance(value, dict):
        items = sorted((_stable(k), _stable(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_stable(v) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(_stable(v) for v in value)) + "}"
    if isinstance(value, Path):
        return repr(str(value))
    return type(value).__qualname__


def _code_stamp() -> str:
    """The package's code, as file names, sizes and modification times."""
    root = Path(reading_edition.__file__).parent
    files = sorted(root.rglob("*.py"))
    return ";".join(
        f"{p.relative_to(root)}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files
    )


def _versions() -> str:
    found = []
    for name in DISTRIBUTIONS:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return ";".join([*found, sphinx.__version__, docutils.__version__, reading_edition.__version__])


def world_key(env: BuildEnvironment, domain: AnnotationDomain, builder: str) -> str:
    """What every note of the page depends on besides its own record, place and gist."""
    std = env.domains["std"]
    parts: Iterable[str] = (
        f"format {FORMAT}",
        _versions(),
        _code_stamp(),
        builder,
        env.docname,
        # The configuration (Sphinx's values, the edition's, MyST's): a changed value changes
        # links, dates or words.
        _stable({value.name: value.value for value in env.config if value.rebuild}),
        # Every page (a link resolves or not) and its metadata (MyST's heading anchors are
        # there), figure and section numbers, Sphinx's labels and terms: what links in a note
        # are written from. Pages' titles only where a note's links show them (note_key), so
        # that a retitled note leaves the notes that do not show its title kept.
        _stable(sorted(env.titles)),
        # (MyST's word count of a page is left out: an edited gist changes its own.)
        _stable(
            {d: {k: v for k, v in m.items() if k != "wordcount"} for d, m in env.metadata.items()}
        ),
        _stable(env.toc_fignumbers),
        _stable(env.toc_secnumbers),
        _stable(std.data.get("labels", {})),
        _stable(std.data.get("anonlabels", {})),
        _stable(std.data.get("objects", {})),
        _stable(sorted((r.id, r.docname, r.kind_label) for r in domain.annotations.values())),
        _stable(sorted((m.id, m.docname, m.moved_to) for m in domain.moved.values())),
    )
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def shown_titles(env: BuildEnvironment, docname: str) -> str:
    """The titles of other pages that the links of the note's page show as their words
    (``incremental.shown_targets``: ``{doc}`` and ``[](page.md)`` without words of their own):
    the note's gist is part of its page, so its links are among them."""
    return _stable(
        sorted(
            (target, env.titles[target].astext())
            for kind, target, _anchor in shown_targets(env, docname)
            if kind == "doc" and target in env.titles
        )
    )


def note_key(
    world: str, record: NoteRecord, place: Placement, gist: bytes | None, titles: str
) -> str:
    """The key of one note: the world's, its own record, place and gist, and the titles of
    other pages its links show (:func:`shown_titles`)."""
    digest = hashlib.sha256(world.encode())
    digest.update(_stable(repr(record)).encode("utf-8", "surrogatepass"))
    digest.update(_stable(repr(place)).encode("utf-8", "surrogatepass"))
    digest.update(gist or b"")
    digest.update(titles.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def words_of(note: nodes.Element) -> tuple[str, ...] | None:
    """The texts the search index takes words from, in its order; None for a note that is
    not kept (``NOT_KEPT``)."""
    texts: list[str] = []
    for node in note.findall():
        if isinstance(node, NOT_KEPT):
            return None
        if isinstance(node, nodes.Element) and "no-search" in node["classes"]:
            return None
        if isinstance(node, nodes.Text):
            texts.append(node.astext())
    return tuple(texts)


def keep_notes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """After the transforms: each note gets its HTML, kept or written now, and in place of its
    nodes the texts the search index takes its words from.

    The notes written afresh are written here, by the builder's own translator, in the main
    process: in a parallel build Sphinx translates pages in worker processes, whose results
    could not be kept.
    """
    cache = annotation_domain(app.env).note_cache
    if cache is None or app.builder.name != cache.builder:
        return
    fresh: list[tuple[anno_note, str, tuple[str, ...], bool]] = []
    for note in doctree.findall(anno_note):
        key = note.get(KEY)
        if not key:
            continue
        kept = cache.kept(note["anno"], key)
        if kept is not None and not note.children:
            _write(cache, note, kept)
            continue
        words = words_of(note)
        if words is not None:  # else written with the page
            fresh.append((note, key, words, any(map(is_design, note.findall(nodes.Element)))))
    if not fresh:
        return
    builder = cast("StandaloneHTMLBuilder", app.builder)
    # The settings the builder gives a page before translating it (``write_doc``).
    reading_settings, doctree.settings = doctree.settings, builder.docsettings
    try:
        translator = builder.create_translator(doctree, builder)
        for note, key, words, design in fresh:
            start = len(translator.body)
            note.walkabout(translator)
            _write(cache, note, KeptNote(key, "".join(translator.body[start:]), words, design))
    finally:
        doctree.settings = reading_settings


def _write(cache: NoteCache, note: anno_note, kept: KeptNote) -> None:
    """The note is written as ``kept`` says; its words stay for the search index."""
    cache.current[note["anno"]] = kept
    note[HTML] = kept.html
    # What the page's assets are chosen by (page_assets.py) is in the HTML now, not the nodes.
    note[HOLDS_DESIGN] = kept.design
    note[:] = [nodes.Text(text) for text in kept.words]


def save_cache(app: Sphinx, exception: Exception | None) -> None:
    """Keep this build's notes for the next, after a web build that went through."""
    if app.builder is None or app.builder.name not in WEB:
        return
    domain = annotation_domain(app.env)
    cache = domain.note_cache
    if cache is None:
        return
    if exception is not None:
        cache.path.unlink(missing_ok=True)
    elif cache.article_written:
        cache.save()


def new_build(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Each web build reads the kept notes afresh (an application may build more than once);
    the builder is known here, not in a post-transform (``SphinxTransform.app`` is deprecated)."""
    domain = annotation_domain(env)
    domain.note_cache = None
    if app.builder.name in WEB:
        domain.note_cache = NoteCache.load(
            Path(env.doctreedir), app.builder.name, fresh=bool(app.fresh_env_used)
        )
