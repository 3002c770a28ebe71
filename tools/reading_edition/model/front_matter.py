"""Strict reading of an annotation file: bytes → front matter mapping + MyST body.

Contributed files are untrusted, so the YAML subset is deliberately small:
- the file must be UTF-8 without NUL bytes and at most ``MAX_BYTES`` long;
- every scalar is read as a string (no YAML 1.1 surprises: ``NO``, ``012345`` and ``1.10`` stay
  exactly as written), and the schema then says which strings are valid;
- anchors, aliases (alias bombs), explicit tags and duplicate keys are errors;
- each key's line is kept, so schema errors can point at the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from reading_edition.model.diagnostics import LocatedError
from reading_edition.model.policy import ALIAS_MESSAGE, decode_contribution, first_alias_line

MAX_BYTES = 64 * 1024
MAX_DEPTH = 8
DELIMITER = "---"
#: Lines that close front matter: MyST (mdit-py-plugins) also accepts YAML's document end.
CLOSERS = ("---", "...")


@dataclass
class FrontMatter:
    data: dict[str, Any]
    #: Line of each value, keyed by its path, e.g. ("sources", 0, "url").
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    body: str = ""
    #: Line of the file on which the body starts.
    body_line: int = 1
    #: Number of lines the front matter block takes, delimiters included.
    block_lines: int = 0


def decode(raw: bytes, path: str) -> str:
    """Check size and encoding; return the text."""
    return decode_contribution(raw, path, MAX_BYTES)


def split(text: str, path: str) -> tuple[str, str, int]:
    """Return (yaml text, body, body line). The file must open with a ``---`` block."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != DELIMITER:
        raise LocatedError(
            path,
            1,
            "the file must start with front matter: a line '---', the YAML fields, "
            "and a closing line '---'.",
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in CLOSERS:
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:]), number + 1
    raise LocatedError(
        path,
        1,
        "the front matter opened on line 1 is never closed; add a line '---' after the last field.",
    )


def _build(
    node: yaml.Node,
    path: str,
    offset: int,
    key: tuple[str | int, ...],
    lines: dict[tuple[str | int, ...], int],
    depth: int,
) -> Any:
    line = node.start_mark.line + offset
    if depth > MAX_DEPTH:
        raise LocatedError(path, line, f"nesting deeper than {MAX_DEPTH} levels; flatten it.")
    if node.tag not in _PLAIN_TAGS:
        raise LocatedError(
            path, line, f"YAML tags such as {node.tag!r} are not allowed; remove it."
        )
    lines[key] = line
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, path, offset, (*key, i), lines, depth + 1)
            for i, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise LocatedError(
                    path,
                    key_node.start_mark.line + offset,
                    "a key must be a plain word, not a list or mapping.",
                )
            name = key_node.value
            if name in result:
                raise LocatedError(
                    path,
                    key_node.start_mark.line + offset,
                    f"key {name!r} appears twice (first on line {lines[(*key, name)]}); keep one.",
                )
            lines[(*key, name)] = key_node.start_mark.line + offset
            result[name] = _build(value_node, path, offset, (*key, name), lines, depth + 1)
            lines[(*key, name)] = key_node.start_mark.line + offset
        return result
    raise LocatedError(path, line, "unsupported YAML node.")  # pragma: no cover


_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


#: libyaml's loader when PyYAML has it: ~20x faster (the YAML dominated ``make check``).
_FAST_LOADER = getattr(yaml, "CBaseLoader", None)


#: A line ``key: value`` (or ``- key: value`` in a list) of the front matter.
_FIELD_LINE = re.compile(r"^\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):\s+(?P<value>\S.*?)\s*$")


def _quoted_end(value: str) -> int | None:
    """Where the quoted scalar that opens ``value`` closes (the index after its closing quote),
    or None if it does not close in ``value``: ``\\"`` escapes in double quotes, ``''`` in
    single ones."""
    mark, i = value[0], 1
    while i < len(value):
        if mark == '"' and value[i] == "\\":
            i += 2
            continue
        if value[i] == mark:
            if mark == "'" and value[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return None


def _unclosed_quote(lines: list[str], last: int) -> tuple[int, str, str] | None:
    """The first field on lines ``0..last`` whose value opens a quote that never closes (on
    its line or the lines that continue it, before the next field): (index, key, value)."""
    for index, line in enumerate(lines[: last + 1]):
        match = _FIELD_LINE.match(line)
        if match is None:
            continue
        value = match["value"]
        if value[0] in "\"'":
            text = value
            for more in lines[index + 1 :]:
                if _quoted_end(text) is not None or _FIELD_LINE.match(more) or not more.strip():
                    break
                text += " " + more.strip()
            if _quoted_end(text) is None:
                return index, match["key"], value
        elif value[0] == "[" and len(re.findall(r'(?<!\\)"', value)) % 2:
            return index, match["key"], value
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _yaml_advice(lines: list[str], err: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The 0-based line to name and what to do, for the typos contributors make: a tab, a
    quote never closed, a missing ':', a line indented by mistake, a value with ': ' that YAML
    reads as syntax. Anything else: YAML's own words, at its line."""
    problem = str(err.problem or err.context)
    at = err.problem_mark.line if err.problem_mark else -1
    context = err.context_mark.line if err.context_mark else -1
    for index, line in enumerate(lines):
        if "\t" in line[: len(line) - len(line.lstrip())]:
            return index, (
                "the line starts with a tab; YAML indents with spaces only: replace the tab "
                "with spaces (two for a field inside another, such as exact: inside target:)."
            )
    unclosed = _unclosed_quote(lines, max(at, context))
    if unclosed is not None:
        index, key, value = unclosed
        mark = "double" if value[0] in '"[' else "single"
        return index, (
            f"the value of {key!r} opens a {mark} quote that is never closed, so YAML reads on "
            f"into the lines below; close it on this line: {_closed(key, value)}"
        )
    if "could not find expected ':'" in problem and 0 <= context < len(lines):
        if ":" not in lines[context] and re.match(r"\s*[A-Za-z_][\w-]*(\s|$)", lines[context]):
            return context, _missing_colon(lines[context])
        return context, (
            f"YAML cannot read the line as a field ({problem}): write it as name: value, the "
            "name a plain word (letters, digits, -, _) followed by ': '."
        )
    if "mapping values are not allowed" in problem and 0 <= at < len(lines):
        # A bare word above an indented field ("target" without its colon).
        above = next((i for i in range(at - 1, -1, -1) if lines[i].strip()), -1)
        if above >= 0 and ":" not in lines[above] and not lines[above].lstrip().startswith("-"):
            return above, _missing_colon(lines[above])
    line = lines[at] if 0 <= at < len(lines) else ""
    others = {_indent(x) for x in lines if _FIELD_LINE.match(x) and x is not line}
    # A field indented as no other field is: a space typed by mistake.
    odd = _FIELD_LINE.match(line) and _indent(line) and _indent(line) not in others
    if "block mapping start" in problem and odd:
        fits = max((n for n in others if n < _indent(line)), default=0)
        spaces = _indent(line) - fits
        many = f"{spaces} space{'s' if spaces > 1 else ''}"
        return at, (
            f"the line starts with {many} too many: YAML reads indentation as structure, so "
            f"it takes the line as part of the field above. Remove {'them' if spaces > 1 else 'it'}"
            f", so that the field lines up with the others: {' ' * fits}{line.strip()}"
        )
    match = _FIELD_LINE.match(line)
    if match is not None:
        key, value = match["key"], match["value"]
        end = _quoted_end(value) if value[0] in "\"'" else None
        if "escape" in problem and value[0] == '"':
            return at, (
                f"the value of {key!r} has a backslash that YAML reads as an escape ({problem}): "
                "write each \\ as \\\\, or put the value in single quotes instead"
            )
        if end is not None and end < len(value):
            rest = value[end:].strip()
            return at, (
                f"the value of {key!r} goes on after its closing quote ({rest!r}), which YAML "
                'cannot read: put all of it inside the quotes (a " inside written \\"), or '
                "remove what follows them"
            )
        if value[0] not in "\"'[{" and "mapping values" in problem:
            # The one case quoting fixes: an unquoted value with ': ' inside, which YAML reads
            # as a field in the field.
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            return at, (
                f"invalid YAML in the field {key!r} ({problem}): YAML reads ': ', ' #' and a "
                "leading quote or bracket in a value as syntax. Put the whole value in double "
                f'quotes, each " inside written \\": {key}: "{quoted}"'
            )
    return at, (
        f"invalid YAML: {problem}. Write each field as name: value on one line (a text in double "
        'quotes, a list in brackets: authors: ["A", "B"]), a field inside another indented by '
        "two spaces."
    )


def _value_cut_by_comment(root: yaml.Node, lines: list[str]) -> tuple[int, str] | None:
    """The first unquoted value that YAML cut at ' #' (the rest read as a comment, dropped
    without a word: ``title: The #1 election`` is "The"): its 0-based line and the message."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [n for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
        elif isinstance(node, yaml.ScalarNode) and not node.style and node.value:
            end = node.end_mark
            after = lines[end.line][end.column :] if end.line < len(lines) else ""
            match = _FIELD_LINE.match(lines[end.line]) if end.line < len(lines) else None
            if re.match(r"\s+#", after) and match is not None:
                key, value = match["key"], match["value"]
                quoted = value.replace("\\", "\\\\").replace('"', '\\"')
                return end.line, (
                    f"the value of {key!r} is cut at ' #': YAML reads ' #' and what follows as "
                    "a comment, and drops it. Put the whole value in double quotes: "
                    f'{key}: "{quoted}"'
                )
    return None


def _closed(key: str, value: str) -> str:
    """``key: value`` with the quote ``value`` opens closed at its end."""
    if value[0] == "[":
        return f'{key}: {value.rstrip("]")}"]'
    return f"{key}: {value}{value[0]}"


def _missing_colon(line: str) -> str:
    """The message for a field line without its ':' after the name."""
    word, _, rest = line.strip().partition(" ")
    fixed = " " * _indent(line) + f"{word}:" + (f" {rest}" if rest else "")
    return f"the line has no ':' after the field name {word!r}; write {fixed.strip()!r}."


def parse_yaml(
    source: str, path: str, first_line: int
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], int]]:
    """Parse the restricted YAML subset; ``first_line`` is the file line of its first line."""
    if _FAST_LOADER is not None:
        try:
            return _parse_yaml(source, path, first_line, _FAST_LOADER)
        except LocatedError:
            pass  # report with the pure-Python loader, whose messages the checker documents
    return _parse_yaml(source, path, first_line, yaml.BaseLoader)


def _parse_yaml(
    source: str, path: str, first_line: int, loader: Any
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], int]]:
    offset = first_line
    try:
        alias = first_alias_line(source, loader)
        if alias is not None:
            raise LocatedError(path, alias + offset, f"{ALIAS_MESSAGE}.")
        root = yaml.compose(source, Loader=loader)
    except yaml.MarkedYAMLError as err:
        index, problem = _yaml_advice(source.split("\n"), err)
        line = index + offset if index >= 0 else first_line
        raise LocatedError(path, line, problem) from None
    except yaml.YAMLError as err:
        raise LocatedError(path, first_line, f"invalid YAML: {err}.") from None
    if root is None:
        return {}, {}
    if not isinstance(root, yaml.MappingNode):
        raise LocatedError(path, first_line, "the front matter must be a mapping of field: value.")
    cut = _value_cut_by_comment(root, source.split("\n"))
    if cut is not None:
        raise LocatedError(path, cut[0] + offset, cut[1])
    lines: dict[tuple[str | int, ...], int] = {}
    data = _build(root, path, offset, (), lines, 0)
    return data, lines


def read(raw: bytes, path: str) -> FrontMatter:
    """Decode, split and parse an annotation file."""
    text = decode(raw, path)
    source, body, body_line = split(text, path)
    data, lines = parse_yaml(source, path, 2)
    return FrontMatter(
        data=data, lines=lines, body=body, body_line=body_line, block_lines=body_line - 1
    )
