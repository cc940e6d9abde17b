"""Print findings, one line each, and say what they add up to."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from .findings import Finding


class DoseCheckFailed(Exception):
    """At least one finding is an error: the site must not be written."""

    exitcode = 1
    writer_facing = True  # printed without a traceback


def emit(findings: Sequence[Finding], stream: TextIO | None = None) -> None:
    """Print each finding on its own line, errors first, in file and line order."""
    out = stream or sys.stderr
    for finding in sorted(findings, key=lambda f: (f.severity != "error", f.path, f.line or 0, f.field)):
        prefix = "" if finding.severity == "error" else "warning: "
        print(f"{prefix}{finding}", file=out)
    out.flush()


def summary(findings: Sequence[Finding]) -> str:
    """Say how many errors and warnings, in how many files."""
    errors = [f for f in findings if f.severity == "error"]
    warnings = len(findings) - len(errors)
    files = len({f.path for f in errors})
    tail = f" and {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    if not errors:
        return f"no errors{tail}"
    return f"{len(errors)} error{'s' * (len(errors) != 1)} in {files} file{'s' * (files != 1)}{tail}"


def fail_if_errors(findings: Sequence[Finding], what: str) -> None:
    """Raise DoseCheckFailed when any finding is an error."""
    if any(f.severity == "error" for f in findings):
        raise DoseCheckFailed(f"{summary(findings)}: {what}")
