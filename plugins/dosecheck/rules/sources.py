"""Check a guide's sources: ids are unique, and every id a dose row cites is one of them."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..findings import Finding, did_you_mean, one_of
from ..guide_schema import Page, SupplementTable
from . import finding_at


def check_sources(guide: Page, doc: Document) -> Iterator[Finding]:
    """Check source ids are unique and every cited id exists."""
    seen: dict[str, int] = {}
    for index, source in enumerate(guide.sources):
        if source is None:
            continue
        if source.id in seen:
            yield finding_at(doc, ("sources", index, "id"), repr(source.id), f"source ids must be unique (first at sources[{seen[source.id]}])")
        seen.setdefault(source.id, index)
    for t_index, table in enumerate(guide.doses):
        if not isinstance(table, SupplementTable):
            continue
        for r_index, row in enumerate(table.rows):
            if row is not None and row.source is not None and row.source not in seen:
                yield finding_at(doc, ("doses", t_index, "rows", r_index, "source"), repr(row.source),
                                 f"expected one of the guide's source ids ({one_of(list(seen)) or 'none given'}){did_you_mean(row.source, seen)}")
