"""The reading text: the article's words as established from the witness.

Directives and roles an editor writes in ``docs/article.md``:

``::::{reading-text} <witness path>``
    Wraps the article's words. Every paragraph inside gets a stable anchor (``#p-1`` …) and a
    quiet visible number (¶ 1 …); the fidelity check compares these words with the witness.
``:::{standfirst}``
    The article's standfirst (the line under the headline), a numbered paragraph of its own.
``:::{removed-residue}``
    The record of page residue the converter removed (YAML list of line, kind, text, reason),
    shown to the reader as a table in the apparatus.
``{sic}`word```
    The word exactly as printed, followed by a visible "[sic]": flags an error, changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from reading_edition.sphinxext.builders import WEB

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

logger = logging.getLogger(__name__)

READING_TEXT_CLASS = "reading-text"
#: Classes of inline nodes that the edition adds to the text: never the article's words.
EDITORIAL_CLASSES = frozenset({"sic", "para-num"})
RESIDUE_FIELDS = ("line", "kind", "text", "reason")


def plain_kind(kind: str) -> str:
    """A machine label in plain words, for readers in every output: ``category-tags`` →
    ``category tags``."""
    return kind.replace("-", " ").replace("_", " ")


class paragraph_number(nodes.Inline, nodes.TextElement):
    """A paragraph's visible number, linking to the paragraph's own anchor."""


def is_reading_text(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and READING_TEXT_CLASS in node["classes"]


def reading_texts(root: nodes.Node) -> Iterator[nodes.container]:
    """The reading-text containers in ``root`` (itself included), in document order, as
    ``root.findall(is_reading_text)`` finds them, without entering text blocks (paragraphs,
    titles, rubrics…), where a container never is: those hold most of a page's nodes, and
    each transform that looked for the reading text walked all of them (on every annotation
    page, which has none, and on the article, which has its 1,000 notes)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if is_reading_text(node):
            yield node
        if isinstance(node, nodes.Element) and not isinstance(node, nodes.TextElement):
            stack.extend(reversed(node.children))


def first_reading_text(root: nodes.Node) -> nodes.container | None:
    """The first reading-text container in ``root``, or None (see :func:`reading_texts`)."""
    return next(reading_texts(root), None)


def reading_paragraphs(container: nodes.Element) -> list[nodes.paragraph]:
    """The article's paragraphs inside a reading-text container, in order (notes excluded)."""
    return [
        para
        for para in container.findall(nodes.paragraph)
        if not any(
            isinstance(a, (nodes.footnote, nodes.rubric)) for a in ancestors(para, container)
        )
    ]


def ancestors(node: nodes.Node, stop: nodes.Node | None = None) -> list[nodes.Element]:
    """``node``'s ancestors, nearest first, up to (not including) ``stop``."""
    found = []
    parent = node.parent
    while parent is not None and parent is not stop:
        found.append(parent)
        parent = parent.parent
    return found


def words_of(node: nodes.Node) -> str:
    """The article's own words in a node: footnote marks, numbers and editorial marks left out."""
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, (nodes.footnote_reference, nodes.footnote, paragraph_number)):
        return ""
    if isinstance(node, nodes.Element):
        if EDITORIAL_CLASSES & set(node.get("classes", ())) or node.get("editorial"):
            return ""
        return "".join(words_of(child) for child in node.children)
    return ""


class EditorialDirective(SphinxDirective):
    """A directive for the editors' pages only: refused inside a contributed annotation."""

    def refuse_in_annotations(self) -> None:
        folder = self.config.edition_annotations_dir.strip("/") + "/"
        if self.env.docname.startswith(folder):
            raise self.error(
                f"{self.name}: this directive belongs to the edition's own pages, not to "
                "annotations; remove it."
            )


class ReadingTextDirective(EditorialDirective):
    """Wrap the article's words; the argument is the witness file, relative to this page."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.refuse_in_annotations()
        container = nodes.container(classes=[READING_TEXT_CLASS], witness=self.arguments[0])
        self.set_source_info(container)
        self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


class StandfirstDirective(EditorialDirective):
    """The standfirst: one paragraph, styled as a lead."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        self.refuse_in_annotations()
        holder = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, holder)
        paragraphs = [n for n in holder.children if isinstance(n, nodes.paragraph)]
        if len(paragraphs) != 1 or len(holder.children) != 1:
            raise self.error("standfirst: write exactly one paragraph of text.")
        paragraphs[0]["classes"].append("standfirst")
        # The container lets LaTeX style it (paragraph classes do not reach LaTeX).
        return [nodes.container("", paragraphs[0], classes=["standfirst"])]


class RemovedResidueDirective(EditorialDirective):
    """Show the converter's record of removed page residue as a table.

    With ``:summary:`` (a saved page's hundreds of blocks) the table gives each kind once, with
    its count and reason; every record stays in the source and in the fidelity check.
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "class": directives.class_option,
        "summary": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        self.refuse_in_annotations()
        try:
            records = yaml.safe_load("\n".join(self.content)) or []
        except yaml.YAMLError as err:
            raise self.error(f"removed-residue: the record is not valid YAML ({err}).") from None
        if not isinstance(records, list) or not all(
            isinstance(r, dict) and set(r) == set(RESIDUE_FIELDS) for r in records
        ):
            raise self.error(
                "removed-residue: write a list of entries, each with exactly the keys "
                f"{', '.join(RESIDUE_FIELDS)} (run the converter to regenerate it)."
            )
        lead: list[nodes.Node] = []
        if "summary" in self.options:
            counts: dict[str, list[Any]] = {}
            for r in records:
                counts.setdefault(plain_kind(str(r["kind"])), [0, str(r["reason"])])[0] += 1
            table = _table(
                ["Kind", "Removed", "Why"],
                [[kind, str(n), why] for kind, (n, why) in counts.items()],
                widths=(12, 8, 50),
            )
            lead = [nodes.paragraph("", self.summary_sentence(len(records)))]
        else:
            table = _table(
                ["Witness line", "What was removed", "Kind", "Why"],
                [
                    [str(r["line"]), str(r["text"]), plain_kind(str(r["kind"])), str(r["reason"])]
                    for r in records
                ],
            )
        table["classes"].append("removed-residue")
        table["removals"] = records
        self.set_source_info(table)
        return [*lead, table]

    def summary_sentence(self, removed: int) -> str:
        """The sentence above a summary table, counted from the record itself (and the saved
        page's witness text), so that a removal recorded by hand never leaves it stale."""
        witness = next((c.get("witness") for c in reading_texts(self.state.document)), None)
        full_list = "is in this page's source, and every build checks it"
        if witness and str(witness).endswith(".text.txt"):
            blocks = None
            _, path = self.env.relfn2path(str(witness), self.env.docname)
            try:
                with open(path, encoding="utf-8") as text:
                    blocks = text.read().count("\n")
            except (OSError, UnicodeDecodeError):
                pass  # the fidelity check reports an unreadable witness
            else:
                self.env.note_dependency(path)
            before = (
                f"The page's text has {blocks} blocks; the reading text keeps "
                f"{blocks - removed} of them. "
                if blocks is not None and blocks >= removed
                else ""
            )
            return (
                f"{before}The {removed} blocks removed, by kind (the full list, block by "
                f"block, {full_list}):"
            )
        return (
            f"The capture has {removed} lines of page residue around the article; removed, by "
            f"kind (the full list, line by line, {full_list}):"
        )


def _table(
    header: list[str], rows: list[list[str]], widths: tuple[int, ...] = (8, 30, 10, 40)
) -> nodes.table:
    table = nodes.table()
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=w) for w in widths[: len(header)]]
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body
    for target, cells in [(head, header), *((body, row) for row in rows)]:
        row_node = nodes.row()
        for cell in cells:
            row_node += nodes.entry("", nodes.paragraph(text=cell))
        target += row_node
    return table


class SicRole(SphinxRole):
    """``{sic}`Rouseff``` → the word as printed, then an editorial "[sic]" mark."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        word = nodes.inline(self.text, self.text, classes=["as-printed"])
        mark = nodes.inline(" [sic]", " [sic]", classes=["sic"])
        return [word, mark], []


class NumberParagraphs(SphinxTransform):
    """Give each paragraph of a reading text its anchor ``p-N`` and visible number."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        for container in reading_texts(self.document):
            for number, para in enumerate(reading_paragraphs(container), start=1):
                anchor = f"p-{number}"
                para["ids"].insert(0, anchor)
                para["classes"].append("numbered")
                para.insert(0, paragraph_number("", str(number), number=number, refid=anchor))


def _number_link(node: paragraph_number, attributes: str = "", text: str = "") -> str:
    """The ¶ number's link to its paragraph, as HTML and EPUB both write it."""
    return (
        f'<a class="para-num" href="#{node["refid"]}" '
        f'aria-label="Paragraph {node["number"]}"{attributes}>{text}</a>'
    )


def visit_number_epub(self: HTML5Translator, node: paragraph_number) -> None:
    """The number as text: EPUB readers do not load the theme's CSS (``epub_edition.py``)."""
    self.body.append(_number_link(node, text=f"¶\u00a0{node['number']}") + " ")
    raise nodes.SkipNode


def visit_number_html(self: HTML5Translator, node: paragraph_number) -> None:
    # The theme shows "¶ N" from data-n (CSS generated content): the number is not a text node
    # of the paragraph, so copying the paragraph, or its textContent, gives its words alone.
    self.body.append(_number_link(node, attributes=f' data-n="{node["number"]}"'))
    raise nodes.SkipNode


def visit_number_latex(self: LaTeXTranslator, node: paragraph_number) -> None:
    self.body.append(f"\\editionparnum{{{node['number']}}}")
    raise nodes.SkipNode


def visit_number_text(self: TextTranslator, node: paragraph_number) -> None:
    self.add_text(f"¶ {node['number']} ")
    raise nodes.SkipNode


def visit_skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def visit_pass(self: Any, node: nodes.Node) -> None:
    """Render only the node's children (the node itself adds no markup)."""


class QuietEditorialMarks(SphinxPostTransform):
    """HTML pages: "[sic]" is drawn by the theme (``.sic::after``), not written as text, so the
    paragraph's text is the article's words alone (EPUB keeps the words: no theme CSS there)."""

    default_priority = 850
    builders = WEB

    def run(self, **kwargs: Any) -> None:
        for container in reading_texts(self.document):
            for mark in list(container.findall(nodes.inline)):
                if "sic" in mark["classes"]:
                    del mark[:]


def setup_reading_text(app: Sphinx) -> None:
    app.add_node(
        paragraph_number,
        html=(visit_number_html, None),
        latex=(visit_number_latex, None),
        text=(visit_number_text, None),
        man=(visit_skip, None),
        texinfo=(visit_skip, None),
    )
    app.add_directive("reading-text", ReadingTextDirective)
    app.add_directive("standfirst", StandfirstDirective)
    app.add_directive("removed-residue", RemovedResidueDirective)
    app.add_role("sic", SicRole())
    app.add_transform(NumberParagraphs)
    app.add_post_transform(QuietEditorialMarks)
