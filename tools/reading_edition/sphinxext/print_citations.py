"""In the PDF, the pages' citations point to the sources list instead of printing addresses.

The pages (glossary, afterword, witness …) cite in prose, "Publisher, “Title”, date, <URL>:
“quote”", in footnotes and "Sources:" paragraphs; the sources register reads those citations
(``sources_register.collect_footnotes``) and lists each source once, with its address. On
screen the address is a link; on paper a long address in a justified footnote prints as a
URL line with huge word gaps. So ``CitationsToSourcesList`` (LaTeX only) replaces each link to
a source of the register, where a page cites it, by a pointer to its entry in the sources list:

- a link shown as its address ("<https://…>", or a host name such as "senado.gob.mx") becomes
  "(Sources, p. 88)": the words before it already name the publisher and date (the short
  form); "(<URL>)" becomes "(Sources, p. 88)", not doubled parentheses;
- a link with words of its own ("[Common Dreams](…)") keeps them and gets "(Sources, p. 88)";
  inside a parenthesis the pointer never opens another one: it stands in brackets after the
  link's words, wherever the link stands ("(The Verge [Sources, p. 69]; NBC News [Sources,
  p. 62])"), and parentheses in the link's own words become brackets there, as a press sets a
  parenthesis within a parenthesis, the pointer inside them: "(Cyprus Mail [Reuters; Sources,
  p. 54])".

Links to anything the register does not list (the colophon's tools, a licence), and an
address in running text ("published at <URL>": the witness's address, which the reader needs
whole), are left as they are; ``make print-report`` counts what remains.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from reading_edition.sphinxext.builders import LATEX
from reading_edition.sphinxext.print_pagerefs import page_of
from reading_edition.sphinxext.reading_text import ancestors
from reading_edition.sphinxext.sources_register import register_docname, register_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: A link's words that are only an address: the whole URL, or a host with or without a path.
ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?", re.ASCII)
#: A paragraph that lists sources ("Source: …", "Sources: …"), as the register reads them.
SOURCES_PARAGRAPH = re.compile(r"Sources?:")
#: The name of the sources list in the pointer (the register page's title in the book).
POINTER = "Sources"


def _cites(node: nodes.Node) -> bool:
    """Whether ``node`` stands where a page cites its sources: a footnote or a "Sources:"
    paragraph (LaTeX's footnote nodes are Sphinx's own subclasses of ``nodes.footnote``)."""
    return any(
        isinstance(a, nodes.footnote)
        or (isinstance(a, nodes.paragraph) and SOURCES_PARAGRAPH.match(a.astext()))
        for a in ancestors(node)
    )


def _in_register(node: nodes.Node) -> bool:
    lists = {"sources-register", "anno-sources-print"}
    return any(lists & set(a.get("classes", ())) for a in ancestors(node))


def pointer(register: str, entry_id: str) -> list[nodes.Node]:
    """ "Sources, p. N", the words linked to the entry and the page its ``page_of``."""
    uri = f"%{register}#{entry_id}"
    return [
        nodes.reference("", POINTER, refuri=uri, internal=True),
        page_of(refuri=uri),
    ]


class CitationsToSourcesList(SphinxPostTransform):
    """Links to the register's sources, where the pages cite them, as pointers to the sources
    list (module docstring)."""

    default_priority = 8  # before AddressesInline (9) prints addresses and SeePages (20)
    builders = LATEX

    def run(self, **kwargs: Any) -> None:
        register = register_docname(self.env)
        if register is None:
            return
        by_url: dict[str, str] = {}
        for entry in register_entries(self.env):
            source = entry.source
            for url in (source.url, source.via.url if source.via else None, source.archived_url):
                if url:
                    by_url.setdefault(url, entry.id)
        for reference in list(self.document.findall(nodes.reference)):
            entry_id = by_url.get(reference.get("refuri", ""))
            if entry_id is None or _in_register(reference):
                continue
            address = bool(ADDRESS.fullmatch(reference.astext().strip()))
            if address and not _cites(reference):
                continue  # an address in running text: the reader needs it whole
            replace_link(reference, register, entry_id, keep_words=not address)
        # A page's "Sources:" paragraph is set as a note's sources are: small, ragged right.
        # (A container: Sphinx's LaTeX writer turns a container's class, not a paragraph's,
        # into an environment.)
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if (
                SOURCES_PARAGRAPH.match(paragraph.astext())
                and not _cites(paragraph)
                and not _in_register(paragraph)  # a note's sources are set so already
            ):
                box = nodes.container(classes=["page-sources-print"])
                paragraph.replace_self(box)
                box += paragraph


def parenthesis_depth(reference: nodes.reference) -> int:
    """How many parentheses are open, in the link's paragraph (or footnote), before it."""
    block = next(
        (a for a in ancestors(reference) if isinstance(a, (nodes.paragraph, nodes.footnote))),
        reference.parent,
    )
    depth = 0
    for text in block.findall(nodes.Text):
        if any(a is reference for a in ancestors(text)):
            break
        for char in str(text):
            depth += {"(": 1, ")": -1}.get(char, 0)
            depth = max(depth, 0)
    return depth


def replace_link(
    reference: nodes.reference, register: str, entry_id: str, keep_words: bool
) -> None:
    """Put the pointer in the link's place (its words kept, or its address dropped)."""
    depth = parenthesis_depth(reference) if keep_words else 0
    parent = reference.parent
    index = parent.index(reference)
    # The text on either side (a source's line breaks are Text nodes of their own).
    start = index
    while start and isinstance(parent[start - 1], nodes.Text):
        start -= 1
    end = index + 1
    while end < len(parent) and isinstance(parent[end], nodes.Text):
        end += 1
    before = "".join(str(t) for t in parent[start:index])
    after = "".join(str(t) for t in parent[index + 1 : end])
    new: list[nodes.Node] = []
    if keep_words and depth:
        # Within a parenthesis: no parenthesis inside it (module docstring).
        # One form wherever the link stands in the parenthesis: the pointer in brackets
        # after its words ("(The Verge [Sources, p. 69]; NBC News [Sources, p. 62])"), inside
        # the brackets the words end with ("Cyprus Mail [Reuters; Sources, p. 54]").
        words = reference.astext().replace("(", "[").replace(")", "]")
        if words.endswith("]"):
            new += [nodes.Text(words[:-1] + "; "), *pointer(register, entry_id)]
        else:
            new += [nodes.Text(words + " ["), *pointer(register, entry_id)]
        new.append(nodes.Text("]"))
    elif keep_words:
        new += [
            nodes.Text(reference.astext() + " ("),
            *pointer(register, entry_id),
            nodes.Text(")"),
        ]
    elif before.rstrip().endswith("(") and after.lstrip().startswith(")"):
        new += pointer(register, entry_id)  # "(<URL>)": the parentheses are there
    else:
        # "…, 1 November 2013, <URL>:" → "…, 1 November 2013 (Sources, p. 88):"
        before = re.sub(r",\s*$", " ", before)
        if before.rstrip().endswith(")"):
            # "… (date from the page address), <URL>": one parenthesis, not two side by side
            before = before.rstrip()[:-1] + "; "
        else:
            new.append(nodes.Text("("))
        new += [*pointer(register, entry_id), nodes.Text(")")]
    pieces = ([nodes.Text(before)] if before else []) + new
    pieces += [nodes.Text(after)] if after else []
    parent[start:end] = pieces


def setup_citations(app: Sphinx) -> None:
    app.add_post_transform(CitationsToSourcesList)
