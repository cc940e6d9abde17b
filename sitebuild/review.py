"""`invoke reference-review`: list what changed in reference.yaml since its last recorded review, and record one."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

from .errors import BuildError
from .project import Project


def reference_review(project: Project, reviewer: str = "") -> None:
    """Show every value changed since the last review (old, new, source) and record the review by `reviewer`."""
    from dosecheck.reference import reference_path
    from dosecheck.review import last_review, pending, record

    reference = Path(reference_path(project.settings(project.settings_base)))
    changes = pending(reference)
    last = last_review(reference)
    if not changes:
        print(f"{os.path.relpath(reference)} is as reviewed on {last.date} by {last.reviewer}; nothing to review" if last else "nothing to review")
        return
    print(f"{len(changes)} change(s) in {os.path.relpath(reference)} since "
          f"{f'the review of {last.date} by {last.reviewer}' if last else 'records began'}:")
    for change in changes:
        print(f"  {change.describe()}")
    if not reviewer.strip():
        if not sys.stdin.isatty():
            raise BuildError("reference-review: say who reviewed the changes: invoke reference-review --reviewer \"Name, role\"")
        reviewer = input("Reviewed by (name and role): ")
    if not reviewer.strip():
        raise BuildError("reference-review: nothing recorded: a review needs the reviewer's name")
    entry = record(reference, reviewer.strip(), datetime.date.today())
    print(f"recorded the review by {entry.reviewer} on {entry.date} (sha256 {entry.sha256[:12]}); commit both files beside the reference")
