"""The reference changes only through a recorded review: every changed value is listed, build warns, publish refuses."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from conftest import REFERENCE, copy_reference, invoke
from dosecheck.review import last_review, paths, pending, record

UL_ROW = "        - {population: 9+ years, mg: 350}\n"


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    """A copy of the real reference with its review records."""
    copy_reference(tmp_path)
    return tmp_path / "reference.yaml"


def test_the_real_reference_is_as_last_reviewed() -> None:
    assert pending(REFERENCE) == []
    last = last_review(REFERENCE)
    assert last is not None
    assert any("other_limits[0].rows[19+ years].mg: (none) -> 12 (efsa-2023-b6)" in c for c in last.changes)  # the EU values' review


def test_an_edited_limit_is_listed_with_its_old_value_and_source(reference: Path) -> None:
    text = reference.read_text(encoding="utf-8")
    assert text.count(UL_ROW) == 1
    reference.write_text(text.replace(UL_ROW, UL_ROW.replace("350", "3500")), encoding="utf-8")
    [change] = pending(reference)
    assert change.describe() == "nutrients[magnesium].upper_limits.rows[9+ years].mg: 350 -> 3500 (fnb-dri-1997)"


def test_moving_rows_or_comments_changes_no_value_but_still_needs_a_record(reference: Path) -> None:
    text = reference.read_text(encoding="utf-8")
    reference.write_text("# a comment\n" + text, encoding="utf-8")
    assert [c.describe() for c in pending(reference)] == ["reference: the reviewed file -> the same values, written differently"]


def test_a_recorded_review_clears_the_changes_and_keeps_the_reviewed_copy(reference: Path) -> None:
    reference.write_text(reference.read_text(encoding="utf-8").replace(UL_ROW, UL_ROW.replace("350", "300")), encoding="utf-8")
    entry = record(reference, "A. Reviewer, PharmD", datetime.date(2026, 12, 2))
    assert entry.changes == ("nutrients[magnesium].upper_limits.rows[9+ years].mg: 350 -> 300 (fnb-dri-1997)",)
    assert pending(reference) == []
    reviewed, records = paths(reference)
    assert reviewed.read_bytes() == reference.read_bytes()
    assert last_review(reference) == entry
    assert "reviewer: A. Reviewer, PharmD" in records.read_text(encoding="utf-8")


def test_an_unreviewed_limit_warns_on_build_fails_publish_and_passes_after_a_review(project: Path) -> None:
    data = project / "content" / "data" / "reference.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(UL_ROW, UL_ROW.replace("350", "3500")), encoding="utf-8")
    line = next(n for n, text in enumerate(data.read_text(encoding="utf-8").splitlines(), 1) if "mg: 3500" in text)
    last = last_review(REFERENCE)
    assert last is not None
    message = (f"content/data/reference.yaml:{line}: nutrients[magnesium].upper_limits.rows[9+ years].mg: found 3500;"
               f" the review of {last.date} by {last.reviewer} has 350: have the change reviewed, then run"
               " invoke reference-review (fnb-dri-1997)")
    built = invoke(project, "build")
    assert built.returncode == 0 and f"warning: {message}" in built.stderr.splitlines()
    published = invoke(project, "publish")
    assert published.returncode == 1 and message in published.stderr.splitlines()
    refused = invoke(project, "reference-review")  # no terminal to ask on
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith('say who reviewed the changes: invoke reference-review --reviewer "Name, role"')
    reviewed = invoke(project, "reference-review", "--reviewer", "A. Reviewer, PharmD")
    assert reviewed.returncode == 0, reviewed.stderr
    assert "  nutrients[magnesium].upper_limits.rows[9+ years].mg: 350 -> 3500 (fnb-dri-1997)" in reviewed.stdout.splitlines()
    assert invoke(project, "publish").returncode == 0
    page = (project / "output" / "reference" / "index.html").read_text(encoding="utf-8")
    today = datetime.date.today()
    assert f'Last reviewed on <time datetime="{today}">{today.day} {today:%B %Y}</time> by A. Reviewer, PharmD.' in page
