"""Check that every internal link ({filename}, {static}, {attach}) names a file that exists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from ..document import Document
from ..findings import Finding

# Pelican's link syntax: {filename}path, also written |filename|path; up to a quote, bracket, space, ? or #.
_LINK = re.compile(r"[{|](?P<kind>filename|static|attach)[}|](?P<target>[^\s)\"'<>#?]+)")


def _targets(text: str) -> Iterator[tuple[int, str, str]]:
    """Yield (line offset, kind, target) for each internal link in `text`."""
    for match in _LINK.finditer(text):
        yield text.count("\n", 0, match.start()), match["kind"], match["target"]


def resolve(target: str, source_file: Path, content_root: Path) -> Path:
    """Resolve a link the way Pelican does: from the content root when it starts with /, else from the file."""
    path = unquote(target)
    return content_root / path.lstrip("/") if path.startswith("/") else source_file.parent / path


def check_links(doc: Document, source_file: Path, content_root: Path) -> Iterator[Finding]:
    """Report each internal link in the body or an FAQ answer whose target file does not exist."""
    texts: list[tuple[str, int, str]] = [(doc.body, doc.body_line, "body")]
    faqs = doc.data.get("faqs")
    if isinstance(faqs, list):
        for index, faq in enumerate(faqs):
            answer = faq.get("a") if isinstance(faq, dict) else None
            if isinstance(answer, str):
                where = ("faqs", index, "a")
                texts.append((answer, doc.front.line_of(where) or 1, f"faqs[{index}].a"))
    for text, first_line, field in texts:
        for offset, kind, target in _targets(text):
            if not resolve(target, source_file, content_root).is_file():
                line = first_line + offset if field == "body" else first_line
                yield Finding(
                    doc.path, line, field, f"a link to {{{kind}}}{target}, which names no file",
                    "check the path: it starts from the content folder when it begins with /, else from this file's folder",
                )

