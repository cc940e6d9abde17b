"""The guide corpus: each invalid guide fails with exactly its expected findings; each corrected one passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA
from dosecheck.document import read_document
from dosecheck.reference import Reference
from dosecheck.validate import validate

INVALID = sorted((DATA / "guides" / "invalid").glob("*.md"))
VALID = sorted((DATA / "guides" / "valid").glob("*.md"))


def display(path: Path) -> str:
    """Name a corpus file the way findings do."""
    return f"tests/data/guides/{path.parent.name}/{path.name}"


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_guides_fail_with_their_expected_findings(ref: Reference, path: Path) -> None:
    findings = validate(read_document(path, display(path), "guide"), ref, path, path.parent)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [str(f) for f in findings] == expected
    assert all(f.severity == "error" for f in findings)


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_corrected_guides_pass(ref: Reference, path: Path) -> None:
    assert [str(f) for f in validate(read_document(path, display(path), "guide"), ref, path, path.parent)] == []


def test_every_invalid_guide_has_a_corrected_twin() -> None:
    assert {p.name for p in INVALID} <= {p.name for p in VALID}
