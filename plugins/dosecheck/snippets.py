"""Shared sections written once: `content/snippets/<name>.md`, placed in a guide by `[[snippet name]]`.

A snippet is Markdown with no front matter. It is checked once, as its own file (its findings name the snippet's
lines), and rendered into each guide that includes it with that guide's figures, so its sources are listed there too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .document import Document, display_path, read_document
from .findings import Finding, one_of
from .markup import Converter, Figures, converter, new_figures
from .reference import Reference
from .rules.links import check_links
from .visible import check_body

FOLDER = "snippets"  # under the content folder; Pelican reads only ARTICLE_PATHS and PAGE_PATHS, so it never publishes these
PLACEHOLDER = re.compile(r"<p>\s*\[\[\s*snippet\s+([A-Za-z0-9_-]+)\s*\]\]\s*</p>", re.IGNORECASE)


def snippet_files(content_root: Path) -> dict[str, Path]:
    """Map each snippet's name to its file."""
    folder = content_root / FOLDER
    return {f.stem: f for f in sorted(folder.glob("*.md"))} if folder.is_dir() else {}


def _read(file: Path, content_root: Path) -> Document:
    """Read one snippet as a document (the same refusals as a guide: special files, links out, huge files)."""
    return read_document(file, display_path(str(file)), "snippet", content_root)


def check_snippets(content_root: Path, ref: Reference, markdown: dict[str, Any] | None = None) -> list[Finding]:
    """Check every snippet once: the amounts a reader sees, its checked figures, its raw HTML and its links."""
    findings: list[Finding] = []
    md = converter(markdown)
    for file in snippet_files(content_root).values():
        doc = _read(file, content_root)
        if doc.problems:
            findings += doc.problems
            continue
        _html, found = check_body(doc, md, new_figures(ref))
        findings += found + list(check_links(doc, file, content_root))
    return findings


def unknown_snippets(doc: Document, content_root: Path) -> Iterator[Finding]:
    """Report each `[[snippet name]]` in a body that names no snippet."""
    names = sorted(snippet_files(content_root))
    for number, line in enumerate(doc.body.splitlines(), doc.body_line):
        match = re.match(r"^\s*\[\[\s*snippet(?:\s+([A-Za-z0-9_-]+))?\s*\]\]\s*$", line, re.IGNORECASE)
        if match and match[1] not in names:
            found = f"[[snippet {match[1]}]]" if match[1] else "[[snippet]] with no name"
            known = one_of([f"[[snippet {n}]]" for n in names]) or "none: content/snippets/ holds no snippet"
            yield Finding(doc.path, number, "body", found, f"expected one of {known}")


def place_snippets(html: str, content_root: Path, md: Converter, figures: Figures) -> str:
    """Put each snippet's HTML at its placeholder; its own findings are reported once, by `check_snippets`."""
    files = snippet_files(content_root)

    def render(match: re.Match[str]) -> str:
        file = files.get(match[1])
        if file is None:
            return match[0]  # reported by unknown_snippets
        doc = _read(file, content_root)
        return "" if doc.problems else check_body(doc, md, figures)[0]

    return PLACEHOLDER.sub(render, html)
