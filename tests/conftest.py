"""Shared fixtures: the real reference file and the test-data folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dosecheck.reference import Reference, load_reference
from dosecheck.review import paths

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
REFERENCE = ROOT / "content" / "data" / "reference.yaml"
TODAY = "2026-11-23"  # the fixtures' review dates are judged as of this day, so tests do not age


def copy_reference(data: Path) -> None:
    """Copy the real reference file into a data folder with its review records, as a fresh checkout has it."""
    data.mkdir(parents=True, exist_ok=True)
    for file in (REFERENCE, *paths(REFERENCE)):
        shutil.copy(file, data / file.name)


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
    kind: fact-sheet
  - id: abbasi-2012
    title: "The effect of magnesium supplementation on primary insomnia in elderly: A double-blind placebo-controlled clinical trial"
    url: https://pmc.ncbi.nlm.nih.gov/articles/PMC3703169/
    kind: study
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


INVOKE = Path(sys.executable).parent / "invoke"
CORRECTIONS = "editors@magnesium-guide.org"  # a corrections address publishing accepts (not a reserved domain)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Lay out a project folder: the real settings, tasks, plugins and theme, and the fixture content."""
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    with open(tmp_path / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nDOSECHECK_TODAY = {TODAY!r}  # review dates are judged on a fixed day\n")
        settings.write(f"CORRECTIONS_EMAIL = {CORRECTIONS!r}  # publishing refuses the real settings' placeholder\n")
    for name in ("plugins", "theme", "sitebuild"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(DATA / "site" / "content", tmp_path / "content")
    copy_reference(tmp_path / "content" / "data")
    return tmp_path


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run invoke in the project folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run([str(INVOKE), *args], cwd=project, capture_output=True, text=True, env=env, timeout=120)


# Generated or heavy folders a copy of the project for building does not need.
NOT_COPIED = {".git", ".venv", "output", ".output-builds", "cache", "node_modules", "test-artifacts", ".hypothesis",
              ".pytest_cache", ".ruff_cache", "tests"}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real site once per session exactly as `invoke build` does (Pelican and every step after it), in a copy of the project."""
    copy = tmp_path_factory.mktemp("project")
    for entry in ROOT.iterdir():
        if entry.name in NOT_COPIED or entry.name.startswith(".output"):
            continue
        if entry.is_dir():
            # A copy, not a link: the files may change while the suite runs.
            shutil.copytree(entry, copy / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(entry, copy / entry.name)
    result = invoke(copy, "build")
    assert result.returncode == 0, f"invoke build failed on the real site:\n{result.stdout}{result.stderr}"
    return (copy / "output").resolve()


@pytest.fixture(scope="session")
def output(built_site: Path) -> Path:
    """The real site as `invoke build` writes it, shared by every test that only reads it."""
    return built_site


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark browser tests and tests that build a project copy, so `-m "not slow and not browser"` gives a quick run."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        if "project" in getattr(item, "fixturenames", ()) or item.path.name == "test_benchmarks.py":
            item.add_marker(pytest.mark.slow)


def lay_out_site(folder: Path) -> Path:
    """Copy the fixture site and the real reference file into a folder; return the folder."""
    shutil.copytree(DATA / "site" / "content", folder / "content")
    copy_reference(folder / "content" / "data")
    return folder


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Copy the fixture site and the real reference file into a temporary folder."""
    return lay_out_site(tmp_path)
