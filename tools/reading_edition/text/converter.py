"""Turn a captured web page (plain text) into the edition's MyST reading text.

A capture holds the article's words and the page furniture around them: category tags run
together, image credits and captions, promotion lines, empty "Read also :" labels, author-bio
toggles. The converter sorts blocks by general rules (shape and wording of the block, never this
article's strings), keeps the article's words exactly as captured, and records every removal, so
the edition can show the reader what was taken out and why.

Run ``python -m tools convert --help``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

#: Sentence-final punctuation, closing quotes and brackets allowed after it.
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")

#: Words that mark a short exclamation at the foot of a page as a promotion.
_PROMO_WORDS = re.compile(
    r"\b(quiz|newsletter|subscribe|sign up|signup|follow us|download|podcast|webinar|"
    r"white ?paper|poll|competition|giveaway|free trial|register now|don[’']t miss)\b",
    re.IGNORECASE,
)

#: A bare label with nothing after it ("Read also :", "Related articles:", "Tags:").
_EMPTY_LABEL = re.compile(
    r"^(read (also|more)|see also|related( articles| stories| content)?|more on this|"
    r"tags|topics|share( this( article)?)?|also read)\s*:?\s*$",
    re.IGNORECASE,
)

#: Author-bio show/hide toggles, possibly several on one line.
_BIO_TOGGLE = re.compile(
    r"click to (read|show|hide|view|open|close|see) (the )?author[’']?s?[’']? ?bio",
    re.IGNORECASE,
)

#: Share buttons and other widget labels that stand alone on a line.
_WIDGET = re.compile(
    r"^((share|tweet|email|print|comment)( (on|via|this|to) [\w ]+)?|advertisement|"
    r"sponsored( content)?|comments?( \(\d+\))?)\s*$",
    re.IGNORECASE,
)

#: An image credit: a short caption, a copyright sign or credit word, an agency or site.
_CREDIT_CORE = (
    r"(?:[^\n©]{0,80}?(?:©|\(c\)|photo(?:graph)?:|image:|picture:|credit:|source:)"
    r"\s*-?\s*[\w&'’ .,/-]{0,60}?"
    r"(?:\.(?:com|net|org|co\.uk|de|fr|es|io)|getty images|reuters|afp|ap|shutterstock|"
    r"alamy|istock(?:photo)?|fotolia|flickr|wikimedia commons|pa))"
)
_FUSED_CREDIT = re.compile(rf"^(?P<credit>{_CREDIT_CORE})(?=[A-Z“\"‘'])", re.IGNORECASE)
_CREDIT_LINE = re.compile(rf"^{_CREDIT_CORE}\s*$", re.IGNORECASE)

#: Run-together category tags: at least two places where a lower-case letter runs straight
#: into a capital ("SuitesRegulationSecurity"), and no sentence punctuation.
_RUN_TOGETHER = re.compile(r"[a-z][A-Z]")


@dataclass(frozen=True)
class Removal:
    """One piece of page residue taken out of the reading text."""

    line: int
    kind: str
    text: str
    reason: str


@dataclass
class Conversion:
    """The result of converting one capture."""

    source: str
    title: str
    standfirst: str | None = None
    #: Body blocks in reading order: ("p", text) or ("h", text).
    body: list[tuple[str, str]] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


REASONS = {
    "category-tags": "Category tags of the web page, run together when the page was captured.",
    "image-credit": "Credit line of a picture on the web page; the picture is not part of "
    "the capture.",
    "image-caption": "Caption of a picture on the web page; the picture is not part of "
    "the capture.",
    "promo": "Promotion for other content of the site, not part of the article.",
    "empty-label": "A page label whose links were not captured; nothing follows it.",
    "bio-toggle": "Buttons that show and hide an author biography; no biography was captured.",
    "widget": "Label of a page widget (sharing, comments, advertising).",
}


class ConversionError(ValueError):
    """The capture cannot be converted; the message says why and where."""


def _blocks(text: str) -> list[tuple[int, str]]:
    """Split text into blank-line-separated blocks, each with its first line number."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((start, " ".join(current)))
            current = []
    if current:
        blocks.append((start, " ".join(current)))
    return blocks


def _is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def _is_short_line(text: str, words: int = 10) -> bool:
    return len(text.split()) <= words and not _is_sentence(text)


def _residue_kind(text: str, after_credit: bool, in_body: bool) -> str | None:
    """Name the kind of residue a whole block is, or None if it is article text."""
    if _BIO_TOGGLE.search(text) and not _BIO_TOGGLE.sub("", text).strip():
        return "bio-toggle"
    if _EMPTY_LABEL.match(text):
        return "empty-label"
    if _WIDGET.match(text):
        return "widget"
    if _CREDIT_LINE.match(text):
        return "image-credit"
    if len(_RUN_TOGETHER.findall(text)) >= 2 and not _is_sentence(text) and len(text.split()) <= 12:
        return "category-tags"
    if text.rstrip().endswith("!") and len(text.split()) <= 15 and _PROMO_WORDS.search(text):
        return "promo"
    if in_body and after_credit and _is_short_line(text, 8):
        return "image-caption"
    return None


def convert(text: str, source: str = "capture") -> Conversion:
    """Sort a capture's blocks into title, standfirst, body and recorded residue."""
    if "\x00" in text:
        raise ConversionError(f"{source}: contains a NUL byte; is it really a text capture?")
    blocks = _blocks(text)
    if not blocks:
        raise ConversionError(f"{source}: the capture is empty; nothing to convert.")

    first_line, title = blocks[0]
    result = Conversion(source=source, title=title)
    after_credit = False
    seen_body = False
    for line, block in blocks[1:]:
        fused = _FUSED_CREDIT.match(block)
        if fused:
            credit = fused.group("credit")
            result.removals.append(Removal(line, "image-credit", credit, REASONS["image-credit"]))
            block = block[len(credit) :]
            after_credit = True
        kind = _residue_kind(block, after_credit, seen_body)
        if kind:
            result.removals.append(Removal(line, kind, block, REASONS[kind]))
            after_credit = after_credit or kind == "image-credit"
            continue
        if not fused:
            after_credit = False
        if not seen_body and result.standfirst is None and not _is_sentence(block):
            result.standfirst = block
            continue
        seen_body = True
        result.body.append(("h" if _is_short_line(block, 12) else "p", block))
    if not any(kind == "p" for kind, _ in result.body):
        raise ConversionError(
            f"{source}:{first_line}: no body paragraph found after the headline; "
            "is this a capture of an article?"
        )
    return result


def _yaml_string(value: str) -> str:
    """Quote a string for the removal list (double-quoted YAML, JSON-compatible)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def to_myst(conversion: Conversion, witness: str) -> str:
    """Render a conversion as the edition's MyST article."""
    out = [
        f"# {conversion.title}",
        "",
        f"::::{{reading-text}} {witness}",
    ]
    if conversion.standfirst:
        out += ["", ":::{standfirst}", conversion.standfirst, ":::"]
    for kind, text in conversion.body:
        out += ["", f":::{{rubric}} {text}\n:::" if kind == "h" else text]
    out += ["::::", "", "## About this text", "", ":::{removed-residue}"]
    for removal in conversion.removals:
        out += [
            f"- line: {removal.line}",
            f"  kind: {removal.kind}",
            f"  text: {_yaml_string(removal.text)}",
            f"  reason: {_yaml_string(removal.reason)}",
        ]
    out += [":::", ""]
    return "\n".join(out)


def convert_file(path: Path, witness: str) -> str:
    """Read a capture (strict UTF-8) and return the MyST article."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise ConversionError(
            f"{path}: byte {err.start} is not valid UTF-8; save the capture as UTF-8."
        ) from None
    except OSError as err:
        raise ConversionError(f"{path}: cannot read the capture ({err.strerror}).") from None
    return to_myst(convert(text, str(path)), witness)
