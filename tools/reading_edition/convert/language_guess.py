"""The article's language, guessed from its words, for a capture that does not name it.

A plain-text capture carries no ``lang`` attribute. The method is the oldest and plainest: every
language's commonest function words ("the", "of", "and"; "der", "die", "und") make up a large
share of any running text in it and a small share of text in another. For each language below,
the share of the article's words that are among its twenty-odd commonest is counted; the
language is the one with the largest share, if that share is at least :data:`MIN_SHARE` and
:data:`MARGIN` times the next language's. Otherwise (another language, a script without spaces,
too few words) the guess is None and the edition says "unknown". Only the languages below can
be recognised; adding one is adding its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: The commonest function words of each language, by ISO 639-1 code.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to a in is that for it on was with as by at from he be this are have "
        "has an not but they his said",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
        "auch es an werden aus er hat dass",
        "fr": "de la le et les des en un une du est que pour qui dans par sur au pas plus il ne "
        "se ce avec",
        "es": "de la que el en y a los del se las por un para con no una su al es lo como más",
        "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como ao",
        "it": "di e il la che a per in un è del non della le si con una da i sono al",
        "nl": "de het een van en in is dat op te zijn voor met die niet aan er ook als bij",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada ke juga ada adalah "
        "oleh karena",
        "ru": "и в не на что с по он как это к из то а за от для но",
    }.items()
}
#: The least share of the article's words that must be the language's function words.
MIN_SHARE = 0.08
#: How many times the next language's share the best one's must be.
MARGIN = 2.0
#: Fewer words than this say too little.
MIN_WORDS = 30

_WORD = re.compile(r"[^\W\d_]+")
#: Letters of scripts written without spaces (Chinese, Japanese, Korean).
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def guess_language(paragraphs: Iterable[str]) -> str | None:
    """The ISO 639-1 code of the paragraphs' language, or None when the words do not say."""
    paragraphs = list(paragraphs)
    letters = sum(len(w) for text in paragraphs for w in _WORD.findall(text))
    spaceless = sum(len(_SPACELESS.findall(text)) for text in paragraphs)
    if spaceless > letters / 5:  # a script without spaces: its Latin words ("Kindle") mislead
        return None
    words = [w.lower() for text in paragraphs for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    shares = sorted(
        (
            (sum(w in common for w in words) / len(words), code)
            for code, common in FUNCTION_WORDS.items()
        ),
        reverse=True,
    )
    (best, code), (second, _) = shares[0], shares[1]
    return code if best >= MIN_SHARE and best >= MARGIN * second else None
