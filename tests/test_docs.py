"""The writers' guide documents every field and setting, and its example passes the checks."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from dosecheck.document import parse
from dosecheck.guide_schema import FIELDS
from dosecheck.reference import Reference
from dosecheck.validate import validate

DOC = (ROOT / "docs" / "writing-guides.md").read_text(encoding="utf-8")
SETTINGS = ["MEDICAL_DISCLAIMER", "MEDICAL_DISCLAIMER_URL", "DOSECHECK_REFERENCE", "DOSECHECK_AUTHORITY", "DOSECHECK_UNREVIEWED", "PLUGINS"]


@pytest.mark.parametrize(("where", "name"), [(w, n) for w, m in FIELDS.items() for n in m.model_fields])
def test_every_field_is_documented(where: str, name: str) -> None:
    assert f"`{name}`" in DOC, f"{where}: {name}"


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_setting_is_documented(setting: str) -> None:
    assert f"`{setting}`" in DOC
    assert setting in (ROOT / "pelicanconf.py").read_text(encoding="utf-8")


def test_the_complete_example_passes(ref: Reference) -> None:
    example = re.search(r"## A complete example\n\n```yaml\n(.*?)```", DOC, re.S)
    assert example is not None
    doc = parse(example[1].encode(), "docs/writing-guides.md", "guide")
    findings = validate(doc, ref)
    assert [str(f) for f in findings if f.severity == "error"] == []
    assert [f.field for f in findings] == ["doses[1].rows[3].amount"]  # the supervised row's warning
