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
