"""Run every check on one document; the one entry point for builds and `invoke check`."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .body import check_placeholders
from .checked import Tables
from .document import Document, Kind, parse
from .dose_rules import check_doses
from .findings import Finding
from .guide_schema import validate_front
from .links import check_links
from .markup import Figures, converter, new_figures
from .reference import Reference
from .rules import ReviewPolicy, check_foods, check_forms, check_overdue, check_review_dates, check_sources
from .visible import check_answers, check_body, check_front_text


@dataclass
class CheckedDocument:
    """A checked document: its findings, its body and FAQ answers as HTML, and the figures they hold."""

    findings: list[Finding]
    figures: Figures
    html: str = ""
    answers: list[str] = field(default_factory=list)
    tables: Tables = field(default_factory=lambda: Tables([], [], []))


def validate(
    doc: Document, ref: Reference, source_file: Path | None = None, content_root: Path | None = None,
    review: ReviewPolicy | None = None, markdown: dict[str, Any] | None = None,
) -> list[Finding]:
    """Return every finding for a parsed document, in file order; links and review dates when given their context."""
    return check_document(doc, ref, source_file, content_root, review, markdown).findings


def check_document(
    doc: Document, ref: Reference, source_file: Path | None = None, content_root: Path | None = None,
    review: ReviewPolicy | None = None, markdown: dict[str, Any] | None = None,
) -> CheckedDocument:
    """Run every check on a parsed document and render what a reader sees of it (the one entry point)."""
    figures = new_figures(ref)
    if doc.problems:
        return CheckedDocument(list(doc.problems), figures)
    md = converter(markdown)
    html, findings = check_body(doc, md, figures)
    faqs = doc.data.get("faqs")
    answers = [(i, f["a"]) for i, f in enumerate(faqs) if isinstance(f, dict) and isinstance(f.get("a"), str)] if isinstance(faqs, list) else []
    rendered, answer_findings = check_answers(doc, answers, md, figures)
    findings += answer_findings + check_front_text(doc, figures)
    if source_file is not None and content_root is not None:
        findings += check_links(doc, source_file, content_root)
    _guide, parts, schema = validate_front(doc)
    findings += schema
    tables = Tables([], [], [])
    if parts is not None:
        # The rules check every valid row even when other rows failed the schema.
        findings += check_placeholders(parts, doc)
        findings += check_sources(parts, doc)
        findings += check_review_dates(parts, doc)
        if review is not None and doc.kind == "guide":
            findings += check_overdue(parts, doc.path, doc.front.line_of, review)
        form_findings, forms = check_forms(parts, doc, ref)
        food_findings, foods = check_foods(parts, doc, ref)
        dose_findings, doses = check_doses(parts, doc, ref)
        findings += form_findings + food_findings + dose_findings
        tables = Tables(doses, foods, forms)
    return CheckedDocument(sorted(findings, key=lambda f: (f.line or 0, f.field)), figures, html, rendered, tables)


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
