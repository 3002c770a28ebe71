"""Tables in the PDF, set as a list per row, so that no row and no footnote is lost.

A ``tabular`` cannot break across pages: the witness table's last row and its footnote fell off
the page. A ``longtable`` breaks and repeats its head, but under ``\\DocumentMetadata`` (the
tagged PDF) TeX Live 2022's longtable stops with "Infinite glue shrinkage" (tools/print.md).
So the LaTeX builder gets each table as a block of rows: a row's first cell leads, each other
cell follows on a line of its own after its column's head ("what the article says: …"), so the
head is repeated with every row and a row can break across pages like any paragraph. Footnotes
in cells become ordinary footnotes at the foot of their page. The HTML and the EPUB keep the
table.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.builders import LATEX

#: A head that is a sign ("¶", "#") or ends in its own stop ("No.", "Why?") runs into its cell
#: without a colon; a word ("Why", "Kind") gets one, however short.
SIGN_HEAD = re.compile(r"[^\w]*|.*[.:?!]")


def cell_grid(rows: list[nodes.row]) -> list[list[tuple[int, nodes.entry]]]:
    """Each row's cells with their column index, spans (``morecols``, ``morerows``) counted."""
    taken: dict[tuple[int, int], bool] = {}
    grid: list[list[tuple[int, nodes.entry]]] = []
    for r, row in enumerate(rows):
        column = 0
        cells = []
        for entry in (c for c in row.children if isinstance(c, nodes.entry)):
            while taken.get((r, column)):
                column += 1
            cells.append((column, entry))
            for dr in range(entry.get("morerows", 0) + 1):
                for dc in range(entry.get("morecols", 0) + 1):
                    taken[(r + dr, column + dc)] = True
            column += entry.get("morecols", 0) + 1
        grid.append(cells)
    return grid


def head_label(head: str) -> nodes.Node:
    """A column's head as it leads a cell: italic, with a colon unless it is a short sign."""
    text = head if SIGN_HEAD.fullmatch(head.strip()) else f"{head}:"
    return nodes.emphasis("", text, classes=["edition-table-head"])


def labelled_cell(entry: nodes.entry, head: str, *, lead: bool) -> nodes.container:
    """A cell's content, its column's head put before it."""
    cell = nodes.container(classes=["edition-table-lead" if lead else "edition-table-cell"])
    children = list(entry.children)
    for child in children:
        entry.remove(child)
    if head:
        if children and isinstance(children[0], nodes.paragraph):
            first = children[0]
            first.insert(0, nodes.Text(" "))
            first.insert(0, head_label(head))
        else:
            children.insert(0, nodes.paragraph("", "", head_label(head)))
    cell.extend(children)
    return cell


def table_as_rows(table: nodes.table) -> nodes.container:
    """The table as a container of rows (see the module's docstring); nothing left out."""
    block = nodes.container(classes=["edition-table"], ids=list(table["ids"]))
    title = next((c for c in table.children if isinstance(c, nodes.title)), None)
    if title is not None:
        caption = nodes.container(classes=["edition-table-title"])
        caption += nodes.paragraph("", "", *title.children)
        block += caption
    group = next(table.findall(nodes.tgroup), None)
    if group is None:
        return block
    thead = next((c for c in group.children if isinstance(c, nodes.thead)), None)
    tbody = next((c for c in group.children if isinstance(c, nodes.tbody)), None)
    heads: dict[int, str] = {}
    if thead is not None:
        head_rows = [r for r in thead.children if isinstance(r, nodes.row)]
        for cells in cell_grid(head_rows):
            for column, entry in cells:
                text = " ".join(entry.astext().split())
                heads[column] = f"{heads[column]} {text}" if column in heads else text
    body_rows = [r for r in tbody.children if isinstance(r, nodes.row)] if tbody else []
    for cells in cell_grid(body_rows):
        row = nodes.container(classes=["edition-table-row"])
        for i, (column, entry) in enumerate(cells):
            row += labelled_cell(entry, heads.get(column, ""), lead=i == 0)
        block += row
    return block


class TablesAsRows(SphinxPostTransform):
    """Every table of the PDF as a list per row (the module's docstring says why)."""

    default_priority = 9  # after PrintTables (8); before Sphinx's LaTeX footnote transforms
    builders = LATEX

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            table.replace_self(table_as_rows(table))
