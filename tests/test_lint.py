"""The code itself: ruff's lint rules (ruff.toml) and mypy's types hold for every module."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def run(*command: str) -> subprocess.CompletedProcess[str]:
    """Run a tool of the project's environment from the project's folder."""
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_plugins_tasks_and_benchmarks() -> None:
    # What is checked, and how strictly, is mypy.ini's: strict on plugins/ and sitebuild/ (and tasks.py and benchmarks/),
    # with each untyped library named there. The cache stays inside the project, as everything the build writes does.
    result = run("mypy", "--config-file", str(ROOT / "mypy.ini"), "--cache-dir", str(ROOT / ".mypy_cache"),
                 "plugins", "sitebuild", "tasks.py", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout + result.stderr
