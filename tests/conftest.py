"""Shared fixtures: the real reference file and the test-data folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from dosecheck.reference import Reference, load_reference

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
REFERENCE = ROOT / "content" / "data" / "reference.yaml"


@pytest.fixture(scope="session")
def ref() -> Reference:
    """Load the site's real reference file."""
    return load_reference(REFERENCE, "content/data/reference.yaml")


GUIDE_HEAD = """---
title: Test guide
date: 2026-01-10
category: Test topic
summary: A test.
last_reviewed: 2026-11-20
sources:
  - id: ods-magnesium
    title: "Magnesium: Fact Sheet for Health Professionals"
    url: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/
"""
# The first line a test's own front matter starts on, after GUIDE_HEAD.
FIRST_LINE = GUIDE_HEAD.count("\n") + 1


def check(ref: Reference, front: str, body: str = "Body.\n", kind: str = "guide") -> list[str]:
    """Validate a guide made of GUIDE_HEAD, `front` and `body`; return its findings as lines."""
    from dosecheck.document import parse
    from dosecheck.validate import validate

    text = GUIDE_HEAD + front + "---\n" + body
    findings = validate(parse(text.encode(), "g.md", kind), ref)  # type: ignore[arg-type]
    return [("warning: " if f.severity == "warning" else "") + str(f) for f in findings]
