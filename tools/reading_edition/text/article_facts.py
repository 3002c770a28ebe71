"""The article's facts: one record from the capture to every output, with one home on disk.

:class:`ArticleFacts` is what a capture shows of its article (title, standfirst, author, date,
publisher, address, language; None where it shows nothing). The converter fills it from the
capture (``reading_edition.convert``); ``edition init`` writes it to the witness's
``seeds/*.meta.yaml`` (:func:`facts_yaml`, ``"unknown"`` where the capture shows nothing), the
facts' one home. The edition's ``conf.py`` reads that file on every build
(:func:`article_facts_for_build`) and hands the record to Sphinx (``edition_article``: the front
page's list of facts and its citation, from the ``{article-facts}`` and ``{article-citation}``
directives) and to LaTeX (:func:`latex_macros`: the PDF's title page and imprint). Correcting the
file corrects every output; nothing else holds a copy.

Each fact is declared once, on its field: what it holds, where the capture shows it, its label on
the front page, its name in a citation (:class:`Fact`). The list of fields is the record's own
(:func:`dataclasses.fields`): the file is read and written, and the front page lists, in its order.
"""

from __future__ import annotations

import json
import re
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from reading_edition.model.diagnostics import LocatedError
from reading_edition.text.dates import date_problem, for_people

#: What the metadata file and the front page say of a fact the capture does not show.
UNKNOWN = "unknown"
#: What the PDF's title page says of it, with the reason.
UNKNOWN_SHOWN = f"{UNKNOWN}: the capture does not show it"

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
class Fact:
    """What one of the article's facts is, said once for the converter, the metadata file,
    the front page and the citation."""

    #: What it holds, and where a capture shows it.
    meaning: str
    #: Its label in the front page's list (``{article-facts}``); "" where the list leaves it out.
    label: str = ""
    #: Its name in a citation that lacks it ("publisher" gives "publisher unknown").
    cited_as: str = ""

    @property
    def missing(self) -> str:
        """A citation's words for it where the capture does not show it."""
        return f"{self.cited_as} {UNKNOWN}"


#: The key of a field's :class:`Fact` in its dataclass metadata.
_FACT = "reading_edition.fact"


def _fact(meaning: str, label: str = "", cited_as: str = "") -> Any:
    """A field of :class:`ArticleFacts` that the capture may not show (None), and what it is."""
    return field(default=None, metadata={_FACT: Fact(meaning, label, cited_as)})


@dataclass(frozen=True)
class ArticleFacts:
    """The article as its capture shows it; None where it does not (``"unknown"`` in the file).
    The fields, in this order, are the metadata file's facts and the front page's list."""

    title: str = field(
        metadata={
            _FACT: Fact(
                "the headline: the line (text capture) or block (saved page) the reading text "
                "opens with; an edition needs one",
                "Title",
                "title",
            )
        }
    )
    standfirst: str | None = _fact("the summary under the headline, as the reading text gives it")
    author: str | None = _fact(
        'the writer\'s name from the byline, without its "By", role, date or handle (a saved '
        "page: its metadata)",
        "Author",
        "author",
    )
    date: str | None = _fact(
        "the article's date, YYYY-MM-DD (or YYYY-MM, YYYY; n.d.): read from the page's date "
        "line or byline (a saved page: its metadata), written out for readers",
        "Date",
        "date",
    )
    publisher: str | None = _fact(
        "the site or publication (a saved page's site name)", "Published by", "publisher"
    )
    url: str | None = _fact(
        "the page's address (a saved page's canonical link, a WARC record's target)",
        "Address",
        "address",
    )
    language: str | None = _fact(
        "the article's language code: a saved page's lang, else guessed from its words",
        "Language",
    )

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

    def values(self) -> list[tuple[str, str | None]]:
        """Each fact's name and value, in the record's order (the metadata file's)."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]

    def shown(self) -> list[tuple[str, str | None]]:
        """Each fact's name and value as readers read it (the date written out, the language
        named), in the record's order; None where the capture does not show it."""
        readable = {"date": self.written_date, "language": self.language_name}
        return [(name, readable.get(name, value)) for name, value in self.values()]

    def listing(self) -> list[Listed]:
        """The front page's list: each labelled fact as readers read it."""
        shown = self.shown()
        return [Listed(name, FACTS[name].label, text) for name, text in shown if FACTS[name].label]

    def provenance(self) -> list[tuple[str, str]]:
        """Where the text comes from, for the web pages' source line (``edition_provenance``):
        the labels and words of the PDF's title page (:func:`latex_macros`), in the order
        readers need them; a fact the capture does not show says so."""
        return [
            ("Published by", self.publisher or UNKNOWN_SHOWN),
            ("Date", self.written_date or UNKNOWN_SHOWN),
            ("Author", self.author or UNKNOWN_SHOWN),
            ("Original", self.url or UNKNOWN_SHOWN),
        ]

    def citation(self) -> str:
        """How to cite the article: author, “title”, publisher, date; address."""
        parts = [
            self.author or FACTS["author"].missing,
            f"“{self.title}”",
            self.publisher or FACTS["publisher"].missing,
            self.written_date or FACTS["date"].missing,
        ]
        return f"{', '.join(parts)}; {self.url or FACTS['url'].missing}."


class Listed(NamedTuple):
    """One line of the front page's list of facts."""

    name: str  # the field
    label: str  # "Published by"
    text: str | None  # as readers read it; None: unknown


def fact_of(item: Field[Any]) -> Fact:
    """The :class:`Fact` declared on a field of :class:`ArticleFacts`."""
    found = item.metadata[_FACT]
    assert isinstance(found, Fact)  # every field is declared with one
    return found


#: Each field's :class:`Fact`, by the field's name, in the record's order.
FACTS: dict[str, Fact] = {f.name: fact_of(f) for f in fields(ArticleFacts)}


def facts_yaml(facts: ArticleFacts) -> list[str]:
    """The facts as the metadata file's lines (``name: "value"``), ``"unknown"`` where the
    capture shows nothing: what :func:`read_article_facts` reads back."""
    return [
        f"{name}: {json.dumps(value or UNKNOWN, ensure_ascii=False)}"
        for name, value in facts.values()
    ]


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

    values = {name: fact(name) for name in FACTS}
    date = values["date"]
    # "unknown; probably 20-21 October 2013 (…)": unknown, with the editors' note on it.
    noted = bool(date and re.match(rf"{UNKNOWN}\s*[;:(,]", date, re.IGNORECASE))
    problem = date_problem(date) if date and not noted else None
    if problem:
        raise LocatedError(
            str(path),
            _line_of(path, "date"),
            f'date: {problem} Write the date the page shows as `date: "2019-11-19"` (or '
            f'"2019-11", "2019"), or `date: "{UNKNOWN}"` where the capture shows none (a note '
            f'may follow: `"{UNKNOWN}; probably …"`).',
        )
    title = values.pop("title")
    if title is None:
        raise LocatedError(
            str(path),
            _line_of(path, "title"),
            "the article's `title` is missing or unknown; write the headline there.",
        )
    return ArticleFacts(title, **values)


#: How a witness's metadata file is named: the capture's name and this ending.
META_SUFFIX = ".meta.yaml"


def witness_metadata(witness: Path) -> Path | None:
    """The metadata file beside the witness a reading text names, if there is one: named for
    the capture's stem, ``seeds/<stem>.meta.yaml``, whatever its kind (``edition init``: a text
    capture ``page.txt`` gives ``page.meta.yaml``, a saved page ``page.html.gz`` too, its reading
    text naming its witness text ``page.text.txt``; this repository's
    ``000_61ef67e55749334d.meta.yaml``). Editions made before that rule may have
    ``page.txt.meta.yaml``, which is found too."""
    names = (witness.name, witness.name.removesuffix(".text.txt"), witness.stem)
    found = (witness.with_name(name + META_SUFFIX) for name in names)
    return next((path for path in found if path.is_file()), None)


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

    def text(value: str | None) -> str:
        return latex_text(value) if value else UNKNOWN_SHOWN

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
