"""The kinds of annotation: defined once, here.

Everything else derives from :data:`KIND_SPECS`: the JSON Schema's ``enum`` and its rule that
factual kinds cite sources with supporting quotes (:mod:`reading_edition.model.schema`), the
index's groups and labels, the scaffold's choices and the W3C export's motivations. Adding a kind
is adding one line here (and a sentence in CONTRIBUTING).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of annotation."""

    name: str
    #: What readers see in the note's head and the index.
    label: str
    #: One clause for contributors (schema description, CONTRIBUTING).
    description: str
    #: The W3C Web Annotation motivation of this kind in the export.
    motivation: str
    #: True when the note makes factual claims: it must cite sources, each with the source's
    #: own supporting words (``quote``).
    factual: bool = True


#: The kinds, in the order the index shows them.
KIND_SPECS: tuple[Kind, ...] = (
    Kind("correction", "Correction", "what the text gets wrong", "assessing"),
    Kind("context", "Context", "background the text assumes", "commenting"),
    Kind("person", "Person", "who someone is", "identifying"),
    Kind("definition", "Definition", "what a term means", "describing"),
    Kind("source", "Source", "where a claim comes from", "linking"),
    Kind(
        "analysis",
        "Analysis",
        "editorial interpretation (the only kind that may omit sources)",
        "commenting",
        factual=False,
    ),
)

#: Name → label, in index order.
KINDS: dict[str, str] = {kind.name: kind.label for kind in KIND_SPECS}
#: Kinds that make factual claims and so must cite sources with supporting quotes.
FACTUAL_KINDS = frozenset(kind.name for kind in KIND_SPECS if kind.factual)
#: Name → W3C motivation.
MOTIVATIONS: dict[str, str] = {kind.name: kind.motivation for kind in KIND_SPECS}
