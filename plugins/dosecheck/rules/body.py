"""Find the table placeholders in a guide's body and check each names a table that exists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Document
from ..findings import Finding, did_you_mean, one_of
from ..guide_schema import Page

TABLE_KINDS = ("doses", "forms", "foods", "faqs")
# A whole line `[[doses]]`, `[[doses 2]]` or `[[doses intake-by-age]]`.
PLACEHOLDER = re.compile(r"^\s*\[\[\s*([A-Za-z_]+)(?:\s+([A-Za-z0-9_-]+))?\s*\]\]\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder line: the table kind, an optional 1-based index or id, and its line."""

    kind: str
    which: str | None
    line: int


def _lines(doc: Document) -> Iterator[tuple[int, str]]:
    """Yield (file line, text) for body lines outside fenced code blocks."""
    fenced: str | None = None
    for offset, text in enumerate(doc.body.splitlines()):
        fence = _FENCE.match(text)
        if fence:
            fenced = None if fenced == fence[1] else fenced or fence[1]
            continue
        if fenced is None:
            yield doc.body_line + offset, text


def placeholders(doc: Document) -> list[Placeholder]:
    """Find the placeholder lines in a body."""
    found = []
    for line, text in _lines(doc):
        match = PLACEHOLDER.match(text)
        if match:
            found.append(Placeholder(match[1].lower(), match[2], line))
    return found


def check_placeholders(guide: Page, doc: Document) -> Iterator[Finding]:
    """Check each placeholder names a table the front matter has."""
    ids = [t.id for t in guide.doses if t is not None and t.id]
    for ph in placeholders(doc):
        if ph.kind == "snippet":
            continue  # a shared section, checked against content/snippets (snippets.unknown_snippets)
        if ph.kind not in TABLE_KINDS:
            yield Finding(doc.path, ph.line, "body", f"the placeholder [[{ph.kind}]]",
                          f"expected one of {one_of([f'[[{k}]]' for k in TABLE_KINDS])}{did_you_mean(ph.kind, TABLE_KINDS)}")
            continue
        rows = getattr(guide, ph.kind)
        if not rows:
            yield Finding(doc.path, ph.line, "body", f"[[{ph.kind}]] but no {ph.kind} in the front matter",
                          f"add {ph.kind}: to the front matter or remove the placeholder")
        elif ph.which is not None and ph.kind != "doses":
            yield Finding(doc.path, ph.line, "body", f"[[{ph.kind} {ph.which}]]", f"expected [[{ph.kind}]]: only doses tables are placed one by one")
        elif ph.which is not None and dose_table_index(guide, ph.which) is None:
            choices = [str(n) for n in range(1, len(guide.doses) + 1)] + ids
            yield Finding(doc.path, ph.line, "body", f"[[doses {ph.which}]], a table that does not exist",
                          f"expected a dose table number or id: {one_of(choices)}")


def dose_table_index(guide: Page, which: str) -> int | None:
    """Resolve `2` (1-based) or an id to a dose table index."""
    for index, table in enumerate(guide.doses):
        if table is not None and table.id == which:
            return index
    if which.isdigit() and 1 <= int(which) <= len(guide.doses):
        return int(which) - 1
    return None
