"""Split a guide file into YAML front matter and a Markdown body, keeping lines."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .findings import Finding, field_name
from .located_yaml import Located, YamlProblem, load

Kind = Literal["guide", "page"]
MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")
_FENCE = "---"


@dataclass
class Document:
    """One source file: its front matter with lines, its body and any parse problem."""

    path: str
    kind: Kind
    front: Located
    body: str
    body_line: int
    problems: list[Finding] = field(default_factory=list)
    schema: Any = None  # the front matter's schema result, worked out once (see guide_schema.validate_front)

    @property
    def data(self) -> dict:
        """Return the front matter as a dict (empty when it did not parse)."""
        return self.front.data if isinstance(self.front.data, dict) else {}


def decode(raw: bytes, path: str) -> tuple[str, list[Finding]]:
    """Decode UTF-8 (a byte-order mark is allowed); report the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", [
            Finding(path, line, "file", f"a byte that is not UTF-8 ({raw[exc.start:exc.start + 1]!r})", "save the file as UTF-8")
        ]


def parse(raw: bytes, path: str, kind: Kind) -> Document:
    """Parse a file's bytes; problems are collected, never raised."""
    text, problems = decode(raw, path)
    empty = Document(path, kind, Located(None), "", 1, problems)
    if problems:
        return empty
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        empty.problems.append(
            Finding(path, 1, "front matter", "no opening '---' line", "start the file with '---', the YAML fields, then '---'")
        )
        return empty
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (_FENCE, "...")), None)
    if closing is None:
        empty.problems.append(
            Finding(path, 1, "front matter", "no closing '---' line", "end the YAML fields with a line of '---'")
        )
        return empty
    body = "".join(lines[closing + 1 :])
    try:
        front = load("".join(lines[1:closing]), first_line=2)
    except YamlProblem as exc:
        where = field_name(exc.field_path)
        return Document(path, kind, Located(None), body, closing + 2, [
            Finding(path, exc.line, where, exc.found, exc.advice())
        ])
    doc = Document(path, kind, front, body, closing + 2)
    if not isinstance(front.data, dict):
        doc.problems.append(
            Finding(path, 2, "front matter", "no fields", "expected YAML fields such as title: and date: between the '---' lines")
        )
    return doc


def display_path(source_path: str) -> str:
    """Show a path relative to the working directory, as writers see it."""
    relative = os.path.relpath(source_path)
    return source_path if relative.startswith("..") else relative


def document_kind(source_path: str, settings: dict[str, Any]) -> Kind:
    """Say whether a file is a page (under PAGE_PATHS) or a guide."""
    relative = Path(os.path.relpath(source_path, settings["PATH"]))
    pages = [Path(p) for p in settings.get("PAGE_PATHS", [])]
    return "page" if any(p == relative or p in relative.parents for p in pages) else "guide"
