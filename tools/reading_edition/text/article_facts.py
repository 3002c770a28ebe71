"""A new edition's facts about its article, with one home: the witness's ``seeds/*.meta.yaml``.

``edition init`` writes that file from what the capture shows (``"unknown"`` where it shows
nothing). The edition's ``conf.py`` reads it on every build (:func:`article_facts_for_build`)
and hands the record to Sphinx (``edition_article``: the front page's list of facts and its
citation, from the ``{article-facts}`` and ``{article-citation}`` directives) and to LaTeX
(:func:`latex_macros`: the PDF's title page and imprint). Correcting the file corrects every
output; nothing else holds a copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from reading_edition.model.diagnostics import LocatedError
from reading_edition.text.dates import for_people

#: What the metadata file says of a fact the capture does not show.
UNKNOWN = "unknown"

#: The article's languages that have a name here (the codes a capture shows most often);
#: another code is shown as it is.
LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "id": "Indonesian",
    "ru": "Russian",
    "ja": "Japanese",
    "ko": "Korean",
    "zh": "Chinese",
}


@dataclass(frozen=True)
class ArticleFacts:
    """The article as its capture shows it; None where it does not (``"unknown"`` in the file)."""

    title: str
    standfirst: str | None = None
    author: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None

    @property
    def written_date(self) -> str | None:
        """The date as the edition writes dates for people ("19 November 2019")."""
        return for_people(self.date) if self.date else None

    @property
    def language_name(self) -> str | None:
        """ "English (en)" for a known code, else the code as the capture gives it."""
        if not self.language:
            return None
        name = LANGUAGE_NAMES.get(self.language.split("-")[0].lower())
        return f"{name} ({self.language})" if name else self.language

    @property
    def web_address(self) -> str | None:
        """The URL if it is a web address a reader can follow (http or https), else None."""
        url = self.url or ""
        return url if url.startswith(("http://", "https://")) and " " not in url else None

    def citation(self) -> str:
        """How to cite the article: author, “title”, publisher, date; address."""
        parts = [
            self.author or "author unknown",
            f"“{self.title}”",
            self.publisher or "publisher unknown",
            self.written_date or "date unknown",
        ]
        return f"{', '.join(parts)}; {self.url or 'address unknown'}."


def read_article_facts(path: Path) -> ArticleFacts:
    """The facts in the witness's metadata file; a :class:`LocatedError` says what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise LocatedError(
            str(path), 0, f"cannot read the article's facts ({err.strerror})."
        ) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise LocatedError(
            str(path),
            mark.line + 1 if mark else 0,
            f"not valid YAML ({getattr(err, 'problem', None) or err}); write each fact as "
            '`name: "value"` on a line of its own.',
        ) from None
    if not isinstance(data, dict):
        raise LocatedError(str(path), 0, "expected the article's facts as `name: value` lines.")

    def fact(name: str) -> str | None:
        value = data.get(name)
        if value is None:
            return None
        if not isinstance(value, (str, int, float)):
            raise LocatedError(
                str(path), _line_of(path, name), f"`{name}` must be text; write it in quotes."
            )
        text = " ".join(str(value).split())
        return None if not text or text.lower() == UNKNOWN else text

    title = fact("title")
    if title is None:
        raise LocatedError(
            str(path),
            _line_of(path, "title"),
            "the article's `title` is missing or unknown; write the headline there.",
        )
    return ArticleFacts(
        title=title,
        standfirst=fact("standfirst"),
        author=fact("author"),
        date=fact("date"),
        publisher=fact("publisher"),
        url=fact("url"),
        language=fact("language"),
    )


def article_facts_for_build(path: Path) -> ArticleFacts:
    """What ``conf.py`` calls: the facts, or a stand-in if the file is wrong. An error raised
    while Sphinx reads ``conf.py`` is shown with a traceback, so the build reports it instead,
    at the file and line (``edition_article_file``: the extension's check), and fails on it."""
    try:
        return read_article_facts(path)
    except LocatedError:
        return ArticleFacts(title="Title unknown (see the build's warning)")


def _line_of(path: Path, name: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{name}:")), 0)


#: LaTeX's special characters, and what prints them.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}


#: A URL that ``\\href`` takes as it is once ``%`` and ``#`` are escaped.
_LINKABLE = re.compile(r"https?://[^\s{}\\^`<>|\"]+")


def latex_text(value: str) -> str:
    """A value from the capture as LaTeX text: special characters printed, not obeyed."""
    return "".join(_LATEX.get(c, c) for c in " ".join(value.split()))


def latex_macros(facts: ArticleFacts) -> str:
    r"""The facts as LaTeX macros for the title page and imprint (``latex/edition-titlepage.ltx``):
    ``\articlepublisher``, ``\articleurl``, ``\articleauthor``, ``\articledate``,
    ``\articlestandfirst`` (empty if none), ``\articlewitness``, the imprint's sentence on
    the witness, worded for a known or an unknown address, and ``\articlerights``."""
    unknown = "unknown: the capture does not show it"

    def text(value: str | None) -> str:
        return latex_text(value) if value else unknown

    url = facts.web_address
    if url and _LINKABLE.fullmatch(url):
        link = url.replace("%", "\\%").replace("#", "\\#")
        address = f"\\href{{{link}}}{{\\nolinkurl{{{link}}}}}"
    else:
        address = text(facts.url)
    if facts.url:
        witness = f"the web page {address}, captured with its page residue"
    else:
        witness = (
            "a capture of the web page, taken with its page residue (the capture does not "
            "show the page's address)"
        )
    macros = {
        "articlepublisher": text(facts.publisher),
        "articleurl": address,
        "articleauthor": text(facts.author),
        "articledate": text(facts.written_date),
        "articlestandfirst": latex_text(facts.standfirst) if facts.standfirst else "",
        "articlewitness": witness,
        "articlerights": f"its publisher ({text(facts.publisher)})"
        if facts.publisher
        else "its publisher",
    }
    return "".join(f"\\newcommand*\\{name}{{{body}}}\n" for name, body in macros.items())


#: A word TeX could hyphenate: six letters or more (three either side: edition.sty).
_NAME = re.compile(r"[^\W\d_]{6,}")


def latex_hyphenation(facts: ArticleFacts) -> str:
    r"""``\hyphenation{…}`` for the capitalised words of the article's title ("WeWork"), so
    that TeX never breaks a name on the title page, in the contents or in the text. Placed
    before the title page (``latex_elements["maketitle"]``): the exceptions the toolkit gathers
    from the glossary and the annotations come later, after the contents."""
    names = sorted({w for w in _NAME.findall(facts.title) if w[0].isupper()})
    return f"\\hyphenation{{{' '.join(names)}}}\n" if names else ""
