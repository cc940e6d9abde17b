"""YAML loading that keeps the line of every key and list item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .findings import FieldPath


class YamlProblem(Exception):
    """A YAML text that cannot be loaded; carries the 1-based line and the problem."""

    def __init__(self, line: int | None, problem: str, field_path: FieldPath = (),
                 found: str = "invalid YAML", expected: str | None = None) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem
        self.field_path = field_path
        self.found = found
        self.expected = expected

    def advice(self) -> str:
        """Say what the parser reported and how to fix it."""
        if self.expected:
            return self.expected
        return f"YAML reports: {self.problem}; check brackets, quotes and indentation near this line"


INT = "tag:yaml.org,2002:int"
MAX_DEPTH = 20  # the deepest real field is five levels down (doses[0].rows[0].amount); far deeper is a mistake or an attack
FLOAT = "tag:yaml.org,2002:float"


# libyaml's parser is many times faster than the pure-Python one; the resolvers below work with either.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]  # yaml is untyped, and the base is picked at run time
    """SafeLoader without YAML 1.1's base-60 numbers, so `10:30` stays the text a writer typed."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag not in (INT, FLOAT)]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(INT, re.compile(
    r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(FLOAT, re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), list("-+0123456789."))


@dataclass
class Located:
    """Plain Python data plus the 1-based line of each field path in it."""

    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int | None:
        """Return the line of the deepest known prefix of `path`."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def load(text: str, first_line: int = 1) -> Located:
    """Load one YAML document; lines are counted from `first_line`."""
    offset = first_line - 1
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and exc.problem_mark is not None and exc.problem_mark.index >= len(text.rstrip()):
            # An unclosed quote or bracket runs to the end: the line where it opened is the one to fix.
            mark = exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        at = exc.problem_mark.index if exc.problem_mark is not None else -1
        if 0 <= at < len(text) and text[at] == "\t":
            raise YamlProblem(line, problem, expected=f"YAML reports: {problem} (a tab); indent with spaces, not tabs") from None
        if mark is not None and "{{" in text.splitlines()[min(mark.line, len(text.splitlines()) - 1)]:
            # `{{limit: adults}}` holds a colon and braces, which plain YAML strings cannot.
            raise YamlProblem(line, problem, expected=f"YAML reports: {problem}; a string with a checked figure needs quotes"
                              " (note: \"About {{food: almonds; 1 oz}}\") or a block (a: >-, then the text indented below)") from None
        raise YamlProblem(line, problem) from None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors carry no mark
        raise YamlProblem(first_line, str(exc)) from None
    located = Located(None)
    if node is None:
        return located
    located.lines[()] = node.start_mark.line + 1 + offset
    located.data = _build(loader, node, (), located.lines, offset, set())
    return located


def _build(
    loader: _Loader, node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int], offset: int, seen: set[int]
) -> Any:
    """Construct `node`, recording lines and refusing duplicate keys, reused collections and runaway nesting."""
    if len(path) > MAX_DEPTH:
        raise YamlProblem(node.start_mark.line + 1 + offset, f"lists or fields nested more than {MAX_DEPTH} deep", path[:1],
                          found=f"lists or fields nested more than {MAX_DEPTH} levels deep",
                          expected="expected the front matter's own fields, a few levels deep: check brackets and indentation")
    if isinstance(node, yaml.CollectionNode):
        if id(node) in seen:
            # An alias (*name) to a list or mapping: it can refer to itself or multiply without bound.
            raise YamlProblem(node.start_mark.line + 1 + offset, "an alias (*name) to a list or mapping", path,
                              found="an alias (*name) to the list or mapping anchored (&name) on this line",
                              expected="expected the list or mapping written out: anchors and aliases are not supported")
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(key_node.start_mark.line + 1 + offset, "merge keys (<<) are not supported", path)
            key = _build(loader, key_node, path, lines, offset, seen)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1 + offset
            if key in out:
                first = lines[path + (key,)]
                raise YamlProblem(line, f"duplicate key {key!r}", path + (key,), found=f"{key!r} a second time",
                                  expected=f"expected each field once (first given on line {first}): remove or rename one")
            lines[path + (key,)] = line
            out[key] = _build(loader, value_node, path + (key,), lines, offset, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            items.append(_build(loader, item, path + (index,), lines, offset, seen))
        return items
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise YamlProblem(node.start_mark.line + 1 + offset, str(exc.problem), path) from None
    except ValueError as exc:  # e.g. a timestamp with an impossible day
        raise YamlProblem(node.start_mark.line + 1 + offset, str(exc), path, found=repr(node.value),
                          expected=f"expected a date that exists, like 2026-11-20 ({exc})") from None
