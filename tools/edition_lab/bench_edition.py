"""Synthetic editions for the benchmark (``make bench``) and its smoke test.

``generate`` writes a complete edition into a folder outside the repository: ``conf.py`` (a copy
of the real one, which loads the installed ``reading_edition`` package), ``seeds/`` (the witness),
``docs/``
(article, glossary, annotation index, a home page) and ``annotations/`` with N valid annotation
files whose quotes are spread over the article, overlap, and often span markup ({term} roles,
footnote markers). ``plain_twin`` writes the same pages for plain Sphinx + myst-parser (no
extension of ours): the baseline the targets are measured against.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from reading_edition import THEME_DIR
from reading_edition.model.kinds import KINDS
from reading_edition.text.anchoring import ReadingIndex
from reading_edition.text.glossary import glossary_terms
from reading_edition.text.reading_source import read_article

ROOT = Path(__file__).resolve().parents[2]
KIND_NAMES = list(KINDS)
WORDS = (  # noqa: SIM905 - a word list reads best as prose
    "agency report server email access document government official intelligence leak press "
    "president minister office network border trade security review policy unit mission "
    "source claim evidence record archive statement interview magazine reader editor spring "
    "autumn budget treaty summit embassy court ruling journalist witness translation version "
    "draft north south capital city river market harbour campaign election council senate "
    "committee question answer detail figure number date month year morning evening week "
    "letter cable which while after before because although since during between among "
    "against toward quiet careful public private formal early late recent former later broad "
    "narrow plain"
).split()
FENCE_OPEN = re.compile(r"^(:{3,})\{([\w-]+)\}.*$")
FENCE_CLOSE = re.compile(r"^:{3,}\s*$")


@dataclass(frozen=True)
class Quote:
    exact: str
    prefix: str | None
    suffix: str | None
    paragraph: int
    start: int  # in the joined reading text (reading order)
    before: str  # up to 80 characters of the paragraph before and after the quote
    after: str


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def long_article(words: int, rng: random.Random) -> tuple[str, str]:
    """A generated article of about ``words`` words (MyST) and its witness (plain text)."""
    headline = "A generated report for the benchmark"
    paragraphs_md, paragraphs_plain = [], []
    total, number = 0, 0
    while total < words:
        number += 1
        sentences = [_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(5, 9))]
        plain = " ".join(sentences)
        marked = plain
        # Markup the reading text carries in the real article: terms, footnotes, [sic].
        if number % 3 == 0:
            marked = marked.replace(" report ", " {term}`report <NSA>` ", 1)
        if number % 4 == 0:
            first_stop = marked.index(".") + 1
            marked = (
                marked[:first_stop]
                + f"^[Editorial note {number} with *emphasis*.]"
                + marked[first_stop:]
            )
        if number % 25 == 0 and " market " in marked:
            marked = marked.replace(" market ", " {sic}`market` ", 1)
        paragraphs_md.append(marked)
        paragraphs_plain.append(plain)
        total += len(plain.split())
    article = (
        f"# {headline}\n\n::::{{reading-text}} ../seeds/long-witness.txt\n\n"
        + "\n\n".join(paragraphs_md)
        + "\n::::\n"
    )
    witness = headline + "\n\n" + "\n\n".join(paragraphs_plain) + "\n"
    return article, witness


def pick_quotes(index: ReadingIndex, count: int, rng: random.Random) -> list[Quote]:
    """``count`` quotes spread over the text, each anchoring uniquely (prefix/suffix if needed)."""
    paragraphs = [p.split(" ") for p in index.paragraphs]
    weights = [len(p) for p in paragraphs]
    quotes: list[Quote] = []
    while len(quotes) < count:
        para = rng.choices(range(len(paragraphs)), weights)[0]
        words = paragraphs[para]
        size = min(len(words), rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 14)))
        first = rng.randrange(0, len(words) - size + 1)
        exact = " ".join(words[first : first + size])
        if len(exact) < 3:  # the schema wants at least 2 characters; a 1-letter quote is noise
            continue
        prefix = suffix = None
        result = index.find(exact)
        if result.anchor is None and result.suggestion:
            side, context = result.suggestion
            prefix, suffix = (context, None) if side == "prefix" else (None, context)
            result = index.find(exact, prefix, suffix)
        if result.anchor is None:
            continue
        anchor = result.anchor
        text = index.paragraphs[anchor.paragraph]
        before = text[max(0, anchor.para_start - 80) : anchor.para_start]
        after = text[anchor.para_end : anchor.para_end + 80]
        quotes.append(Quote(exact, prefix, suffix, anchor.paragraph, anchor.start, before, after))
    return quotes


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Note:
    """What the plain twin needs to show the same content as the extension does."""

    text: str  # the annotation file
    title: str
    kind: str
    body: str
    quote: Quote
    source: int | None  # number of its one source, if any
    related: str | None


def annotation_text(
    i: int, quote: Quote, ids: list[str], terms: list[str], rng: random.Random
) -> Note:
    """Annotation ``i``: a file valid for the checker, about 150 words of body."""
    kind = KIND_NAMES[i % len(KIND_NAMES)]
    title = f"Note {i}: " + " ".join(rng.choice(WORDS) for _ in range(3))
    lines = ["---", "target:", f"  exact: {_yaml(quote.exact)}"]
    if quote.prefix:
        lines.append(f"  prefix: {_yaml(quote.prefix)}")
    if quote.suffix:
        lines.append(f"  suffix: {_yaml(quote.suffix)}")
    lines += [
        f"kind: {_yaml(kind)}",
        f"title: {_yaml(title)}",
        'authors: ["The edition\'s editors"]',
        'created: "2026-11-27"',
    ]
    if kind != "analysis" or i % 2:
        lines += [
            "sources:",
            f"  - title: {_yaml('Source for note ' + str(i))}",
            '    publisher: "Bench Press"',
            '    date: "2013-10-20"',
            f'    url: "https://example.org/sources/{i}"',
            f'    quote: "The words of source {i} that support the note."',
        ]
    related = ids[i - 1] if i > 0 and i % 3 == 0 else None
    if related:
        lines.append(f"related: [{related}]")
    term = terms[i % len(terms)] if terms and i % 2 == 0 else None
    if term:
        lines.append(f"terms: [{_yaml(term)}]")
    lines.append("---")
    body = [" ".join(_sentence(rng, rng.randint(10, 16)) for _ in range(4))]
    second = " ".join(_sentence(rng, rng.randint(10, 16)) for _ in range(3))
    if term:
        second += f" See {{term}}`{term}` in the glossary."
    if related:
        second += f" Compare {{doc}}`/annotations/{related}`."
    body.append(second)
    if i % 5 == 0:
        body.append("\n".join(f"- {_sentence(rng, 6)}" for _ in range(3)))
    if i % 7 == 0:
        body.append(f"More in [the source](https://example.org/more/{i}).")
    text = "\n".join(lines) + "\n" + "\n\n".join(body) + "\n"
    source = i if kind != "analysis" or i % 2 else None
    return Note(text, title, kind, "\n\n".join(body), quote, source, related)


@dataclass
class Edition:
    root: Path
    ids: list[str]
    notes: dict[str, Note]

    @property
    def html(self) -> Path:
        return self.root / "_build" / "html"


HOME = """# A benchmark edition

```{toctree}
:maxdepth: 1

article
glossary
annotations-index
```
"""


#: The generated edition's changelog: one release, for conf.py (not in the toctree).
CHANGELOG = """---
orphan: true
---
# Changelog

## Version 1.0, 18 November 2026

The generated edition.
"""


def generate(root: Path, count: int, long_words: int = 0, seed: int = 7) -> Edition:
    """Write a synthetic edition with ``count`` annotations into ``root`` (created)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "conf.py", root / "conf.py")
    docs, annotations, seeds = root / "docs", root / "annotations", root / "seeds"
    for folder in (docs, annotations, seeds):
        folder.mkdir()
    (docs / "annotations").symlink_to("../annotations", target_is_directory=True)
    if long_words:
        article, witness = long_article(long_words, rng)
        (seeds / "long-witness.txt").write_text(witness, encoding="utf-8")
        (docs / "article.md").write_text(article, encoding="utf-8")
    else:
        for seed_file in (ROOT / "seeds").iterdir():
            if seed_file.is_file():
                shutil.copy(seed_file, seeds / seed_file.name)
        shutil.copy(ROOT / "docs" / "article.md", docs / "article.md")
    # The real glossary, its links to the real annotations as plain words (this edition's
    # annotations are generated).
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    glossary = re.sub(r"\{doc\}`([^`<]*?)\s*<annotations/[^>]*>`", r"\1", glossary)
    (docs / "glossary.md").write_text(glossary, encoding="utf-8")
    shutil.copy(ROOT / "docs" / "annotations-index.md", docs / "annotations-index.md")
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    # conf.py takes the edition's version and date from the changelog's latest heading.
    (docs / "changelog.md").write_text(CHANGELOG, encoding="utf-8")
    index = ReadingIndex(read_article(docs / "article.md").paragraphs)
    terms = sorted(glossary_terms(docs / "glossary.md"))
    quotes = pick_quotes(index, count, rng)
    edition = Edition(root, [f"bench-{i:05d}" for i in range(count)], {})
    for i, anno_id in enumerate(edition.ids):
        note = annotation_text(i, quotes[i], edition.ids, terms, rng)
        (annotations / f"{anno_id}.md").write_text(note.text, encoding="utf-8")
        edition.notes[anno_id] = note
    return edition


# --- the plain twin -------------------------------------------------------------------------


def _plain_notes(text: str) -> str:
    """``^[inline note]`` → ``[^nK]`` references with definitions at the end (brackets nest)."""
    out, notes, i = [], [], 0
    while True:
        start = text.find("^[", i)
        if start == -1:
            out.append(text[i:])
            break
        depth, j = 0, start + 1
        while j < len(text):
            depth += {"[": 1, "]": -1}.get(text[j], 0)
            if depth == 0:
                break
            j += 1
        notes.append(" ".join(text[start + 2 : j].split()))
        out.append(text[i:start] + f"[^n{len(notes)}]")
        i = j + 1
    body = "".join(out)
    return body + "".join(f"\n[^n{k}]: {note}\n" for k, note in enumerate(notes, start=1))


def plain_article(source: str, notes_after: dict[int, list[str]] | None = None) -> str:
    """The article for plain myst-parser: our directives unwrapped, {sic} and ^[…] rewritten,
    and each reading-text paragraph followed by the notes given for it (static MyST)."""
    notes_after = notes_after or {}
    kept: list[str] = []
    stack: list[str] = []
    skipping, paragraph = 0, 0
    for line in source.split("\n"):
        opened = FENCE_OPEN.match(line)
        if skipping:
            skipping += 1 if opened else 0
            skipping -= 1 if FENCE_CLOSE.match(line) else 0
            continue
        if opened and opened.group(2) == "removed-residue":
            skipping = 1
        elif opened and opened.group(2) in {"reading-text", "standfirst"}:
            stack.append(opened.group(1))
        elif stack and FENCE_CLOSE.match(line):
            stack.pop()
        elif stack and line.strip():  # a reading-text paragraph is one line in these sources
            kept += [f"(p-{paragraph + 1})=", line, "", *notes_after.get(paragraph, [])]
            paragraph += 1
        else:
            kept.append(line)
    text = re.sub(r"\{sic\}`([^`]*)`", r"\1 [sic]", "\n".join(kept))
    return _plain_notes(text)


def reading_order(edition: Edition) -> list[str]:
    """Ids in the order the extension numbers them: by start, longer first, then id."""
    return sorted(
        edition.ids,
        key=lambda a: (edition.notes[a].quote.start, -len(edition.notes[a].quote.exact), a),
    )


def _sources_md(note: Note) -> str:
    if note.source is None:
        return ""
    return (
        f"[Source for note {note.source}](https://example.org/sources/{note.source})"
        " (Bench Press, 2013-10-20)"
    )


def plain_note(edition: Edition, anno_id: str, number: int) -> str:
    """An annotation's note in the article, as static MyST (the extension's anno-note)."""
    note = edition.notes[anno_id]
    sources = _sources_md(note)
    return "\n".join(
        [
            ":::{container} anno-note",
            f"{number} {KINDS[note.kind]} {{doc}}`{note.title} </annotations/{anno_id}>`",
            "",
            note.body,
            "",
            *([f"Sources: {sources}", ""] if sources else []),
            f"[Back to ¶ {note.quote.paragraph + 1}](#p-{note.quote.paragraph + 1})",
            ":::",
            "",
        ]
    )


def plain_twin(edition: Edition, root: Path) -> Path:
    """The same pages for plain Sphinx (myst-parser, sphinx-design, the same theme): what the
    extension shows (notes in the article, passage and sources on each annotation page, the
    index) written out as static MyST, so the difference measured is the annotation logic."""
    root.mkdir(parents=True, exist_ok=True)
    docs = root / "docs"
    (docs / "annotations").mkdir(parents=True)
    (root / "conf.py").write_text(plain_conf(), encoding="utf-8")
    src = edition.root / "docs"
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    shutil.copy(src / "glossary.md", docs / "glossary.md")
    write_plain_article(edition, docs)
    write_plain_index(edition, docs)
    for number, anno_id in enumerate(reading_order(edition), start=1):
        write_plain_annotation(edition, docs, anno_id, number)
    return root


def files_twin(edition: Edition, root: Path) -> Path:
    """The edition's own files read by plain Sphinx (myst-parser, sphinx-design, the same
    theme; no extension of ours): the baseline of "× plain Sphinx reading the same files".
    The edition's directives and roles are unknown to it, so it warns and renders less; it is
    built without ``-W``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(edition.root / "docs", root / "docs")  # the annotations link followed
    (root / "conf.py").write_text(plain_conf(), encoding="utf-8")
    return root


def write_plain_article(edition: Edition, docs: Path) -> None:
    notes_after: dict[int, list[str]] = {}
    for number, anno_id in enumerate(reading_order(edition), start=1):
        paragraph = edition.notes[anno_id].quote.paragraph
        notes_after.setdefault(paragraph, []).append(plain_note(edition, anno_id, number))
    source = (edition.root / "docs" / "article.md").read_text("utf-8")
    (docs / "article.md").write_text(plain_article(source, notes_after), encoding="utf-8")


def write_plain_annotation(edition: Edition, docs: Path, anno_id: str, number: int) -> None:
    """An annotation page as static MyST: meta line, quoted passage, body, sources, related."""
    note = edition.notes[anno_id]
    parts = [
        f"# {note.title}",
        f"{KINDS[note.kind]} · The edition's editors · 2026-11-27",
        f"> …{note.quote.before}*{note.quote.exact}*{note.quote.after}…",
        f"Annotation {number}, on {{doc}}`¶ {note.quote.paragraph + 1} of the article </article>`",
        note.body,
    ]
    if note.source is not None:
        parts += ["```{rubric} Sources\n```", f"- {_sources_md(note)}."]
    if note.related:
        related = edition.notes[note.related].title
        parts += [
            "```{rubric} Related annotations\n```",
            f"- {{doc}}`{related} </annotations/{note.related}>`",
        ]
    text = "\n\n".join(parts) + "\n"
    (docs / "annotations" / f"{anno_id}.md").write_text(text, encoding="utf-8")


def write_plain_index(edition: Edition, docs: Path) -> None:
    """The annotation index as static MyST: grouped by kind, in reading order."""
    order = reading_order(edition)
    number = {a: n for n, a in enumerate(order, start=1)}
    parts = ["# Annotations\n"]
    for kind, label in KINDS.items():
        group = [a for a in order if edition.notes[a].kind == kind]
        if group:
            parts.append(f"## {label} ({len(group)})\n")
            parts += [
                f"- {number[a]}. {{doc}}`{edition.notes[a].title} <annotations/{a}>` — "
                f"¶ {edition.notes[a].quote.paragraph + 1}: “{edition.notes[a].quote.exact}”"
                for a in group
            ]
            parts.append("")
    parts.append("```{toctree}\n:hidden:\n:glob:\n\nannotations/*\n```\n")
    (docs / "annotations-index.md").write_text("\n".join(parts), encoding="utf-8")


def plain_conf() -> str:
    return f'''"""Plain Sphinx baseline of the benchmark: no extension of the edition."""

extensions = ["myst_parser", "sphinx_design"]
project = "Benchmark baseline"
root_doc = "index"
exclude_patterns = ["_build", "**/.*"]
nitpicky = True
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0
html_theme = "edition"
html_theme_path = [{str(THEME_DIR.parent)!r}]
html_permalinks_icon = "§"
html_copy_source = False
html_show_sourcelink = False
'''
