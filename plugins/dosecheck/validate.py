"""Run every check on one document; the one entry point for builds and `invoke check`."""

from __future__ import annotations

from pathlib import Path

from .body import check_body_tables, check_placeholders
from .document import Document, Kind, parse
from .dose_rules import check_doses
from .findings import Finding
from .guide_schema import validate_front
from .links import check_links
from .reference import Reference
from .rules import check_foods, check_forms, check_review_dates, check_sources


def validate(doc: Document, ref: Reference, source_file: Path | None = None, content_root: Path | None = None) -> list[Finding]:
    """Return every finding for a parsed document, in file order; links are checked when its place is known."""
    if doc.problems:
        return list(doc.problems)
    findings = list(check_body_tables(doc))
    if source_file is not None and content_root is not None:
        findings += check_links(doc, source_file, content_root)
    _guide, parts, schema = validate_front(doc)
    findings += schema
    if parts is not None:
        # The rules check every valid row even when other rows failed the schema.
        findings += check_placeholders(parts, doc)
        findings += check_sources(parts, doc)
        findings += check_review_dates(parts, doc)
        findings += check_forms(parts, doc, ref)
        findings += check_foods(parts, doc, ref)
        findings += check_doses(parts, doc, ref)
    return sorted(findings, key=lambda f: (f.line or 0, f.field))


def read_document(file: Path, display: str, kind: Kind) -> Document:
    """Read and parse a file; an unreadable file becomes a document with one problem."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        doc = parse(b"", display, kind)
        doc.problems[:] = [Finding(display, None, "file", "an unreadable file", f"{exc.strerror}: check the file's permissions")]
        return doc
    return parse(raw, display, kind)
