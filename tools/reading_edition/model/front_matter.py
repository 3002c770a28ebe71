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


def _quoting_hint(lines: list[str], index: int, problem: str) -> str:
    """Name the field whose line YAML could not read and show it quoted: almost always a
    value with a colon, a ``#`` or a leading quote or bracket that YAML reads as syntax."""
    match = _FIELD_LINE.match(lines[index]) if 0 <= index < len(lines) else None
    if match is None:
        return f"invalid YAML: {problem}."
    key, value = match["key"], match["value"]
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"invalid YAML in the field {key!r} ({problem}): YAML reads ': ', ' #' and a leading "
        'quote or bracket in a value as syntax. Put the whole value in double quotes, each " '
        f'inside written \\": {key}: "{quoted}"'
    )


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
        mark = err.problem_mark or err.context_mark
        line = mark.line + offset if mark else first_line
        problem = _quoting_hint(
            source.split("\n"), mark.line if mark else -1, str(err.problem or err.context)
        )
        raise LocatedError(path, line, problem) from None
    except yaml.YAMLError as err:
        raise LocatedError(path, first_line, f"invalid YAML: {err}.") from None
    if root is None:
        return {}, {}
    if not isinstance(root, yaml.MappingNode):
        raise LocatedError(path, first_line, "the front matter must be a mapping of field: value.")
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
