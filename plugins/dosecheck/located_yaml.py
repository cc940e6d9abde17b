"""YAML loading that keeps the line of every key and list item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .findings import FieldPath


class YamlProblem(Exception):
    """A YAML text that cannot be loaded; carries the 1-based line and the problem."""

    def __init__(self, line: int | None, problem: str, field_path: FieldPath = ()) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem
        self.field_path = field_path

    def advice(self) -> str:
        """Say what the parser reported and where to look."""
        return f"YAML reports: {self.problem}; check brackets, quotes and indentation near this line"


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
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise YamlProblem(line, problem) from None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors carry no mark
        raise YamlProblem(first_line, str(exc)) from None
    located = Located(None)
    if node is None:
        return located
    located.lines[()] = node.start_mark.line + 1 + offset
    located.data = _build(loader, node, (), located.lines, offset)
    return located


def _build(
    loader: yaml.SafeLoader, node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int], offset: int
) -> Any:
    """Construct `node`, recording lines and refusing duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(key_node.start_mark.line + 1 + offset, "merge keys (<<) are not supported", path)
            key = _build(loader, key_node, path, lines, offset)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1 + offset
            if key in out:
                raise YamlProblem(line, f"duplicate key {key!r} (first given on line {lines[path + (key,)]})", path + (key,))
            lines[path + (key,)] = line
            out[key] = _build(loader, value_node, path + (key,), lines, offset)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            items.append(_build(loader, item, path + (index,), lines, offset))
        return items
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise YamlProblem(node.start_mark.line + 1 + offset, str(exc.problem), path) from None
    except ValueError as exc:  # e.g. a timestamp with an impossible day
        raise YamlProblem(node.start_mark.line + 1 + offset, f"{node.value!r} is not valid: {exc}", path) from None
