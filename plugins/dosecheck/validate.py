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
from .rules import ReviewPolicy, check_foods, check_forms, check_overdue, check_review_dates, check_sources


def validate(
    doc: Document, ref: Reference, source_file: Path | None = None, content_root: Path | None = None,
    review: ReviewPolicy | None = None,
) -> list[Finding]:
    """Return every finding for a parsed document, in file order; links and review dates when given their context."""
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
        if review is not None and doc.kind == "guide":
            findings += check_overdue(parts, doc.path, doc.front.line_of, review)
        findings += check_forms(parts, doc, ref)
        findings += check_foods(parts, doc, ref)
        findings += check_doses(parts, doc, ref)
    return sorted(findings, key=lambda f: (f.line or 0, f.field))


MAX_BYTES = 1_000_000  # far above any real guide; keeps a runaway file from stalling every build


def read_document(file: Path, display: str, kind: Kind) -> Document:
    """Read and parse a file; an unreadable or oversized file becomes a document with one problem."""
    try:
        size = file.stat().st_size
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
