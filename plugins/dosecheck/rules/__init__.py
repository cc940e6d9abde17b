"""The checks of one guide or page against the reference and itself, one module each: doses, foods, forms, sources,
review dates, the body's table placeholders and internal links (validate.py runs them all)."""

from __future__ import annotations

from ..document import Document
from ..findings import FieldPath, Finding, Severity, field_name


def finding_at(doc: Document, loc: FieldPath, found: str, expected: str, source: str | None = None,
               severity: Severity = "error") -> Finding:
    """Build a finding for the front-matter field at `loc`, with its line."""
    return Finding(doc.path, doc.front.line_of(loc), field_name(loc), found, expected, source, severity)
