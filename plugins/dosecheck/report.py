"""Print findings, one line each, and say what they add up to."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from .findings import Finding, WriterFacingError, errors, in_order


class DoseCheckFailed(WriterFacingError):
    """At least one finding is an error: the site must not be written."""


def emit(findings: Sequence[Finding], stream: TextIO | None = None) -> None:
    """Print each finding on its own line, errors first, each group in file and line order."""
    out = stream or sys.stderr
    ordered = in_order(findings)
    for finding in errors(ordered) + [f for f in ordered if f.severity != "error"]:
        prefix = "" if finding.severity == "error" else "warning: "
        print(f"{prefix}{finding}", file=out)
    out.flush()


def summary(findings: Sequence[Finding]) -> str:
    """Say how many errors and warnings, in how many files."""
    failing = errors(findings)
    warnings = len(findings) - len(failing)
    files = len({f.path for f in failing})
    tail = f" and {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    if not failing:
        return f"no errors{tail}"
    return f"{len(failing)} error{'s' * (len(failing) != 1)} in {files} file{'s' * (files != 1)}{tail}"


def fail_if_errors(findings: Sequence[Finding], what: str) -> None:
    """Raise DoseCheckFailed when any finding is an error."""
    if errors(findings):
        raise DoseCheckFailed(f"{summary(findings)}: {what}")
