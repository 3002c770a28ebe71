"""``{annotation-index}``: the list of annotations, grouped by kind, in reading order (HTML);
the numbered notes with page references (LaTeX). Filled by ``FillPlaceholders``."""

from __future__ import annotations

from docutils import nodes

from reading_edition.sphinxext.annotations.domain import annotation_domain
from reading_edition.sphinxext.annotations.nodes import anno_placeholder
from reading_edition.sphinxext.reading_text import EditorialDirective


class AnnotationIndexDirective(EditorialDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.refuse_in_annotations()
        annotation_domain(self.env).index_pages[self.env.docname] = True
        placeholder = anno_placeholder(what="index")
        self.set_source_info(placeholder)
        return [placeholder]
