"""Tables wider than a phone scroll inside their own box, never the page (web pages).

A contributor's table of many columns or long words is valid (the checker accepts it), but at
320 px its narrowest layout is wider than the screen and pushed the whole page sideways. Each
table is wrapped in a region that scrolls sideways by itself (WCAG 1.4.10 allows a data table
to scroll in two dimensions), focusable so that keyboard users can scroll it and labelled by
the table's title for screen readers. The EPUB sets its tables in fixed columns and the PDF
typesets them: web pages only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.builders import WEB

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class table_scroll(nodes.General, nodes.Element):
    """The box a table scrolls in: ``label`` names it for screen readers."""


class ScrollingTables(SphinxPostTransform):
    default_priority = 800
    builders = WEB

    def run(self, **kwargs: Any) -> None:
        tables = [t for t in self.document.findall(nodes.table)]
        for number, table in enumerate(tables, start=1):
            if isinstance(table.parent, table_scroll):
                continue
            # Each region's label is unique on its page (screen readers list regions by it).
            titles = [t.astext() for t in table.children if isinstance(t, nodes.title)]
            label = f"Table {number}" + (f": {titles[0]}" if titles else "")
            box = table_scroll(label=label)
            # Not replace_self, which would give the box the table's ids and classes.
            table.parent.replace(table, box)
            box += table


def visit_table_scroll(self: HTML5Translator, node: table_scroll) -> None:
    self.body.append(
        self.starttag(
            node,
            "div",
            CLASS="table-scroll",
            role="region",
            tabindex="0",
            **{"aria-label": node["label"]},
        )
    )


def depart_table_scroll(self: HTML5Translator, node: table_scroll) -> None:
    self.body.append("</div>\n")


def setup_wide_tables(app: Sphinx) -> None:
    app.add_node(table_scroll, html=(visit_table_scroll, depart_table_scroll))
    app.add_post_transform(ScrollingTables)
