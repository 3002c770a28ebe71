"""The web article's notes, written once: each note's HTML kept from one build to the next.

At 1,000 annotations the web article holds 1,000 notes in brief, four fifths of its nodes;
each of the page's some 60 post-transforms (most of them Sphinx's, MyST's and sphinx-design's)
walks them all, and the HTML translator and the search index walk them again. Editing one
note's gist rewrote the article and cost three times a plain Sphinx edit (tools/benchmarks.md).

So the HTML the translator wrote for each note, and the words the search index took from it,
are kept in the doctree folder (``edition-article-notes.pickle``) under a key: a digest of the
note's own inputs (its record, its place, its gist) and of the world it is written in (the
builder, the page's name, the other pages' titles and mtimes, Sphinx's labels and terms, the
configuration, the versions of the tools and of this package's code). A note whose key
matches goes into the article empty; the transforms find nothing inside it, the HTML
translator writes the kept HTML, and its words are added back for the search index after the
transforms (``doctree-resolved``), so the page and ``searchindex.js`` are the same bytes as
a clean build's (``tests/test_incremental.py`` compares them). Any doubt writes the note again:
a page other than an annotation re-read, a title or a label changed, a note holding nodes
whose words the search index takes otherwise than from its text (comments, raw HTML, titles,
``no-search``), or footnotes (their letters depend on the notes before them).

Notes are kept only from a serial write (``-j 1``, the Makefile's): in a parallel write the
translator runs in a worker process; the kept notes are still used, new ones are not kept.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils
import sphinx
from docutils import nodes

import reading_edition
from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.nodes import anno_note
from reading_edition.sphinxext.builders import WEB

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from reading_edition.sphinxext.annotations.domain import AnnotationDomain
    from reading_edition.sphinxext.annotations.records import NoteRecord, Placement

#: The file in the doctree folder; bump ``FORMAT`` when what is kept changes shape.
CACHE_FILE = "edition-article-notes.pickle"
FORMAT = 1
#: The note's attribute holding its key (the note is written, or was kept, under it).
KEY = "edition_note_key"
#: The note's attribute holding where its HTML starts in the translator's body.
START = "edition_note_start"
#: Nodes whose words the search index takes otherwise than from their text (Sphinx's
#: ``WordCollector``): a note holding one is never kept.
NOT_PLAIN_WORDS = (nodes.comment, nodes.raw, nodes.title, nodes.meta)
#: Nodes whose output depends on the notes before them on the page.
PAGE_NUMBERED = (nodes.footnote, nodes.footnote_reference, nodes.citation_reference)
DISTRIBUTIONS = ("sphinx", "docutils", "myst-parser", "sphinx-design")


@dataclass(frozen=True)
class KeptNote:
    """One note as the HTML translator wrote it, and the words the search index took."""

    key: str
    html: str
    words: tuple[str, ...]


@dataclass
class NoteCache:
    """The kept notes of one build: read from the last build, written for the next."""

    path: Path
    #: The builder's name: the notes' links are written for it.
    builder: str
    previous: dict[str, KeptNote]
    #: What this build used or wrote, by annotation id: the next build's file.
    current: dict[str, KeptNote] = field(default_factory=dict)
    #: Words of the notes written afresh, by id, until the translator gives their HTML.
    words: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def load(cls, doctreedir: Path, builder: str) -> NoteCache:
        path = doctreedir / CACHE_FILE
        previous: dict[str, KeptNote] = {}
        try:
            with path.open("rb") as stream:
                kept = pickle.load(stream)
            if isinstance(kept, dict) and kept.get("format") == FORMAT:
                previous = kept["notes"]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError):
            previous = {}  # no file, or one from another version: every note written afresh
        return cls(path, builder, previous)

    def kept(self, anno: str, key: str) -> KeptNote | None:
        found = self.previous.get(anno)
        return found if found is not None and found.key == key else None

    def written(self, anno: str, html: str) -> None:
        """The translator wrote a note afresh: keep it with its words, if they were noted."""
        noted = self.words.pop(anno, None)
        if noted is not None:
            key, words = noted
            self.current[anno] = KeptNote(key, html, words)

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
    note_pages = {r.docname for r in domain.annotations.values()}
    note_pages |= {m.docname for m in domain.moved.values()}
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
        # Pages other than annotations: read again (changed), every note is written afresh.
        _stable({d: t for d, t in env.all_docs.items() if d not in note_pages}),
        # Every page's title, and Sphinx's labels and terms: the words of links.
        _stable({d: title.astext() for d, title in env.titles.items()}),
        _stable(std.data.get("labels", {})),
        _stable(std.data.get("anonlabels", {})),
        _stable(std.data.get("objects", {})),
        _stable(
            sorted((r.id, r.docname, r.title, r.kind_label) for r in domain.annotations.values())
        ),
        _stable(sorted((m.id, m.docname, m.moved_to) for m in domain.moved.values())),
    )
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def note_key(world: str, record: NoteRecord, place: Placement, gist: bytes | None) -> str:
    """The key of one note: the world's, and its own record, place and gist."""
    digest = hashlib.sha256(world.encode())
    digest.update(_stable(repr(record)).encode("utf-8", "surrogatepass"))
    digest.update(_stable(repr(place)).encode("utf-8", "surrogatepass"))
    digest.update(gist or b"")
    return digest.hexdigest()


def words_of(note: nodes.Element) -> tuple[str, ...] | None:
    """The texts the search index takes words from, in its order; None if it takes them
    otherwise (see ``NOT_PLAIN_WORDS``) or if the note holds footnotes."""
    texts: list[str] = []
    for node in note.findall():
        if isinstance(node, NOT_PLAIN_WORDS + PAGE_NUMBERED):
            return None
        if isinstance(node, nodes.Element) and "no-search" in node["classes"]:
            return None
        if isinstance(node, nodes.Text):
            texts.append(node.astext())
    return tuple(texts)


def words_for_search(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """After the transforms: a kept note gets its words back for the search index; a note
    written afresh has its words noted, to be kept with its HTML."""
    cache = annotation_domain(app.env).note_cache
    if cache is None or app.builder.name != cache.builder:
        return
    for note in doctree.findall(anno_note):
        key = note.get(KEY)
        if not key:
            continue
        kept = cache.kept(note["anno"], key)
        if kept is not None and not note.children:
            note.extend(nodes.Text(text) for text in kept.words)
            cache.current[note["anno"]] = kept
            continue
        words = words_of(note)
        if words is None:
            note[KEY] = ""  # written afresh each time
        else:
            cache.words[note["anno"]] = (key, words)


def save_cache(app: Sphinx, exception: Exception | None) -> None:
    """Keep this build's notes for the next, after a web build that went through."""
    if app.builder is None or app.builder.name not in WEB:
        return
    domain = annotation_domain(app.env)
    cache = domain.note_cache
    if cache is None:
        return
    if exception is None:
        cache.save()
    else:
        cache.path.unlink(missing_ok=True)


def new_build(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Each web build reads the kept notes afresh (an application may build more than once);
    the builder is known here, not in a post-transform (``SphinxTransform.app`` is deprecated)."""
    domain = annotation_domain(env)
    domain.note_cache = None
    if app.builder.name in WEB:
        domain.note_cache = NoteCache.load(Path(env.doctreedir), app.builder.name)
