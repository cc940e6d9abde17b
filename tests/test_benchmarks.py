"""The benchmark's corpus and builds: valid guides, and both variants build, so `invoke bench` cannot rot unseen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from conftest import ROOT
from dosecheck.document import read_document
from dosecheck.reference import load_reference
from dosecheck.validate import validate

SIZE = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write a small generated corpus."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, SIZE)
    return folder


def test_the_generated_guides_are_valid_against_the_real_reference(corpus: Path) -> None:
    ref = load_reference(ROOT / "content" / "data" / "reference.yaml")
    guides = sorted((corpus / "content" / "guides").glob("*.md"))
    assert len(guides) == SIZE
    for guide in guides:
        findings = validate(read_document(guide, guide.name, "guide"), ref, guide, corpus / "content")
        assert [str(f) for f in findings if f.severity == "error"] == [], guide.name


def test_the_corpus_is_seeded(corpus: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path, SIZE)
    for guide in (corpus / "content" / "guides").glob("*.md"):
        assert (tmp_path / "content" / "guides" / guide.name).read_bytes() == guide.read_bytes()


@pytest.mark.parametrize("variant", ["project", "plain", "stock"])
def test_every_variant_builds_the_corpus_and_reports_a_time(corpus: Path, variant: str) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_once.py"), "build", variant, str(corpus)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1])["seconds"] > 0
    output = corpus / f"output-{variant}"
    home = (output / "index.html").read_text(encoding="utf-8")
    assert len(list(output.rglob("*.html"))) > SIZE
    # The project's build is all of `invoke build`: checked pages with the notice, and the search index.
    assert ("medical-disclaimer" in home) == (variant == "project")
    assert (output / "pagefind" / "pagefind.js").is_file() == (variant == "project")
    # Stock Pelican writes each guide at its default address, with its default theme's stylesheet.
    assert (output / "guide-0-water-seeds-grains-month.html").is_file() == (variant == "stock")
