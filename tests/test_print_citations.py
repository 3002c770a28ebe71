"""In the PDF, a page's footnotes and "Sources:" paragraphs cite the register's sources by a
pointer to the sources list ("(Sources, p. N)"), not by their addresses (issue 23, item 4):
each address is printed once, in the list."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.test_sources_register import PAGE_WITH_FOOTNOTES, build

EXTRA = """
The page was published at <https://example.org/a>, which the reader may want whole.

A named citation.[^three]

[^three]: [Common Dreams](https://example.org/slate); read in a blog repost
    (<https://example.org/a>), and Slate (no date), <https://example.org/slate>: “a story”.

- **1 August.** A timeline entry, its source in parentheses
  ([Cyprus Mail (Reuters)](https://example.org/slate)).
- **2 August.** Another (reported by [Common Dreams](https://example.org/slate) on the day).
- **3 August.** Two sources ([The Verge](https://example.org/slate);
  [NBC News](https://www.example.gov/auth)).
"""


@pytest.fixture(scope="module")
def latex(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    src = tmp_path_factory.mktemp("print-citations") / "src"
    shutil.copytree(rootdir / "test-annotations", src)
    (src / "more.md").write_text(PAGE_WITH_FOOTNOTES + EXTRA, encoding="utf-8")
    (src / "sources.md").write_text("# Sources\n\n```{sources-register}\n```\n", encoding="utf-8")
    index = (src / "index.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(index.replace("notes\n", "notes\nmore\nsources\n"))
    build(src, src.parent / "latex", "latex")
    return next((src.parent / "latex").glob("*.tex")).read_text(encoding="utf-8")


def _part(tex: str, title: str) -> str:
    start = tex.index(rf"\chapter{{{title}}}")  # (the test root's parts are chapters)
    end = tex.find(r"\chapter{", start + 1)
    return tex[start : end if end > 0 else None]


def test_pages_point_to_the_sources_list(latex: str) -> None:
    more = _part(latex, "More")
    urls = ("https://example.org/a", "https://www.example.gov/auth", "https://example.org/slate")
    footnotes = re.findall(r"\\begin\{footnote\}.*?\\end\{footnote\}", more, re.S)
    source_para = more[more.index("Source: An Agency") :].split("\n\n")[0]
    # A page's "Sources:" paragraph is set small and ragged right, as a note's sources are.
    head = more[: more.index("Source: An Agency")].rstrip()
    assert head.endswith("\\begin{sphinxuseclass}{page-sources-print}\n\\sphinxAtStartPar"), head[
        -200:
    ]
    assert len(footnotes) == 3
    for block in [*footnotes, source_para]:
        for url in urls:
            assert url not in block, f"an address printed where a page cites it:\n{block}"
        pointer = r"\\sphinxcrossref\{Sources\}\}\}, \\editionpageof\{\\detokenize\{sources:src-"
        pointers = re.findall(pointer, block)
        assert pointers, block
    # "…, 20 October 2013, <URL>:" → "…, 20 October 2013 (Sources, p. N):"
    assert re.search(r"20 October 2013 \(\{\\hyperref", footnotes[0]), footnotes[0]
    # "(<URL>)": one pair of parentheses; a named link keeps its words.
    assert "((" not in footnotes[2] and "Common Dreams (" in footnotes[2]
    # The words before the address (the short form) stay: publisher, title, date.
    assert "Reuters, “A report”, 20 October 2013" in footnotes[0]
    # An address in running text is the page's words: kept whole.
    assert r"\sphinxurl{https://example.org/a}" in more.split("A named citation")[0]
    # Each address is printed in the sources list.
    register = _part(latex, "Sources")
    for url in urls:
        assert f"\\editionsourceurl{{{url}}}" in register, url


def test_a_pointer_never_opens_a_parenthesis_inside_another(latex: str) -> None:
    """ "(Cyprus Mail (Reuters) (Sources, p. 54))" is not how a press sets it: inside a
    parenthesis the pointer follows a semicolon or stands in brackets, and the link's own
    parentheses become brackets."""
    more = _part(latex, "More").replace("{[}", "[").replace("{]}", "]")
    blocks = re.split(r"\n\s*\n|\\begin\{footnote\}|\\end\{footnote\}", more)
    pointers = 0
    for block in blocks:
        for found in re.finditer(r"\\sphinxcrossref\{Sources\}", block):
            depth = 0
            for char in block[: found.start()]:
                depth = max(0, depth + {"(": 1, ")": -1}.get(char, 0))
            assert depth <= 1, f"a pointer in a parenthesis inside another:\n{block}"
            pointers += 1
    assert pointers >= 5
    assert "Cyprus Mail [Reuters; {" in more, more
    assert "Common Dreams [" in more, more


def test_a_pointer_in_a_parenthesis_has_one_form(latex: str) -> None:
    """Inside a parenthesis every pointer stands in brackets after its link's words, wherever
    the link stands: not "(The Verge [Sources, p. 69]; NBC News; Sources, p. 62)", two forms in
    one parenthesis, the second reading as a third source (reader review, item 13)."""
    more = _part(latex, "More").replace("{[}", "[").replace("{]}", "]")
    pointer = (
        r"\{\\hyperref\[[^]]*\]\{\\sphinxcrossref\{Sources\}\}\}, "
        r"\\editionpageof\{\\detokenize\{[^}]*\}\}"
    )
    more = re.sub(pointer, "@", more)  # each pointer one sign
    more = re.sub(r"\\hyperref\[[^]]*\]", "", more)  # (a link's target in brackets)
    blocks = re.split(r"\n\s*\n|\\begin\{footnote\}|\\end\{footnote\}", more)
    inside = 0
    for block in blocks:
        for found in re.finditer("@", block):
            before = block[: found.start()]
            if before.endswith("("):
                before = before[:-1]  # the pointer's own parenthesis, at the outer level
            own = re.search(r"\(([^()@\[\]]*); $", before)
            if own and block[found.end() :].startswith(")"):
                # "Slate (no date; @)": an address's pointer joined to the page's own
                # parenthesis after the source's words, the only thing cited in it.
                before = before[: own.start()]
            depth = 0
            for char in before:
                depth = max(0, depth + {"(": 1, ")": -1}.get(char, 0))
            if not depth:
                continue
            inside += 1
            opened = before.rfind("[") > max(before.rfind("]"), before.rfind("("))
            closed = block[found.end() :].startswith("]")
            assert opened and closed, f"a pointer in a parenthesis, not in brackets:\n{block}"
    assert inside >= 3, inside
