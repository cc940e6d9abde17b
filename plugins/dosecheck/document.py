"""Split a guide file into YAML front matter and a Markdown body, keeping lines."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .findings import Finding, field_name
from .located_yaml import Located, YamlProblem, load

if TYPE_CHECKING:  # guide_schema imports this module
    from .guide_schema import Page

Kind = Literal["guide", "page", "snippet"]  # a snippet: a shared section guides include, Markdown with no front matter
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
    # The front matter's schema result (model, valid parts, findings), worked out once (see guide_schema.validate_front).
    schema: tuple[Page | None, Page | None, list[Finding]] | None = None

    @property
    def data(self) -> dict[str, Any]:
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
    if kind == "snippet":
        return Document(path, kind, Located({}), text, 1)
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


MAX_BYTES = 1_000_000  # far above any real guide; keeps a runaway file from stalling every build


def read_document(file: Path, display: str, kind: Kind, root: Path | None = None) -> Document:
    """Read and parse a file; an unreadable, special, outside or oversized file becomes a document with one problem.

    A FIFO, device or socket is refused without being opened (reading one can hang or never end), and so is a link
    that leads outside `root`, the content folder, when it is given.
    """
    try:
        info = file.stat()  # follows links: what would be read
        if not stat.S_ISREG(info.st_mode):
            what = "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode) or \
                stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a folder"
            return _problem(display, kind, what, "a guide must be a regular file: replace it with a Markdown file or remove it")
        if root is not None and not file.resolve().is_relative_to(root.resolve()):
            return _problem(display, kind, f"a link to {file.resolve()}, outside the content folder",
                            "copy the file into the content folder instead of linking to it")
        size = info.st_size
        raw = file.read_bytes() if size <= MAX_BYTES else b""
    except OSError as exc:
        return _problem(display, kind, "an unreadable file", f"{exc.strerror}: check the file's permissions")
    if size > MAX_BYTES:
        return _problem(display, kind, f"{size / 1_000_000:.1f} MB", f"a file may hold at most {MAX_BYTES // 1_000_000} MB: split it into several guides")
    return parse(raw, display, kind)


def _problem(display: str, kind: Kind, found: str, expected: str) -> Document:
    """Make a document that carries one file-level problem."""
    doc = parse(b"", display, kind)
    doc.problems[:] = [Finding(display, None, "file", found, expected)]
    return doc
