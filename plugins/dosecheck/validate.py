"""Run every check on one document; the one entry point for builds and `invoke check`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checked import Tables
from .document import Document
from .findings import Finding, in_order
from .guide_schema import validate_front
from .markup import Figures, converter, new_figures
from .reference import Reference
from .rules.body import check_placeholders
from .rules.doses import check_doses
from .rules.foods import check_foods
from .rules.forms import check_forms
from .rules.links import check_links
from .rules.review import ReviewPolicy, check_overdue, check_review_dates
from .rules.sources import check_sources
from .snippets import place_snippets, unknown_snippets
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
    if content_root is not None:
        findings += unknown_snippets(doc, content_root)
        html = place_snippets(html, content_root, md, figures)
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
    return CheckedDocument(in_order(findings), figures, html, rendered, tables)


