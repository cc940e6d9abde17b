"""The bad-input corpus: every malformed guide is refused with its exact message, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, invoke
from dosecheck.document import MAX_BYTES, read_document
from dosecheck.reference import Reference
from dosecheck.validate import validate

CORPUS = DATA / "invalid" / "guides"
GUIDES = sorted(p for p in CORPUS.iterdir() if p.suffix == ".md")


def display(path: Path) -> str:
    """Name a corpus file the way findings do."""
    return f"tests/data/invalid/guides/{path.name}"


def expected(path: Path) -> list[str]:
    """The exact findings a corpus file must produce."""
    return path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


PROSE = [p for p in GUIDES if p.stem.startswith(("prose-", "figure-"))]


def test_the_corpus_is_large_enough() -> None:
    assert len(GUIDES) >= 40
    # Every place a reader sees text, every spelling of an amount, and every way a checked figure fails.
    assert len(PROSE) >= 40
    assert len(list((DATA / "invalid" / "reference").glob("*.yaml"))) >= 10
    assert all(p.with_suffix(".expected").is_file() for p in GUIDES)


@pytest.mark.parametrize("path", GUIDES, ids=[p.stem for p in GUIDES])
def test_each_bad_guide_gives_its_exact_findings(ref: Reference, path: Path) -> None:
    findings = validate(read_document(path, display(path), "guide"), ref, path, path.parent)
    assert [str(f) for f in findings] == expected(path)
    assert any(f.severity == "error" for f in findings)
    assert all(f.path == display(path) for f in findings)


def test_a_five_megabyte_guide_is_refused_without_being_parsed(ref: Reference, tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    row = "  - {food: 'spinach, boiled', serving: 1/2 cup, magnesium_mg: 78}\n"
    huge.write_text("---\ntitle: Huge\nfoods:\n" + row * (5_000_000 // len(row)) + "---\n", encoding="utf-8")
    assert huge.stat().st_size > 4 * MAX_BYTES
    findings = validate(read_document(huge, "huge.md", "guide"), ref, huge, tmp_path)
    assert [str(f) for f in findings] == [
        "huge.md: file: found 5.0 MB; a file may hold at most 1 MB: split it into several guides"]


def test_check_and_build_refuse_the_whole_corpus_at_once_without_a_traceback(project: Path) -> None:
    guides = project / "content" / "guides"
    for path in GUIDES:
        shutil.copy(path, guides / path.name)
    want = sorted(line.replace(display(p), f"content/guides/{p.name}") for p in GUIDES for line in expected(p))
    for command in ("check", "build"):
        result = invoke(project, command)
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr
        got = sorted(line for line in result.stderr.splitlines() if line.startswith("content/guides/"))
        assert got == want
    assert not (project / "output").exists()
