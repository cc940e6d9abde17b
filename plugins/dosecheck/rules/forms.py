"""Check the forms a guide discusses name forms the reference knows."""

from __future__ import annotations

from ..checked import FormLine
from ..document import Document
from ..findings import Finding, did_you_mean, one_of
from ..guide_schema import Page
from ..reference import Reference
from . import finding_at


def unknown_form(name: str, ref: Reference) -> str:
    """Say what a form name that the reference does not know should be."""
    return f"expected a reference form: {one_of([f.id for f in ref.forms])}{did_you_mean(name, ref.form_names())}"


def check_forms(guide: Page, doc: Document, ref: Reference) -> tuple[list[Finding], list[FormLine | None]]:
    """Check each form row names a reference form; return the rows as checked."""
    findings: list[Finding] = []
    lines: list[FormLine | None] = []
    for index, row in enumerate(guide.forms):
        form = ref.form(row.form) if row is not None else None
        if row is not None and form is None:
            findings.append(finding_at(doc, ("forms", index, "form"), repr(row.form), unknown_form(row.form, ref)))
        lines.append(FormLine(form, row.note) if row is not None and form is not None else None)
    return findings, lines
