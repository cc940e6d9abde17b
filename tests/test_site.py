"""`invoke check` without a build: every file read by the build's reader, on every core, judged as the build judges it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pelican.settings import read_settings
from support import INVALID_GUIDES

from conftest import ROOT, TODAY
from dosecheck import site
from dosecheck.plugin import check_without_building


def settings_for(content: Path) -> dict:
    """The project's settings, for a content folder of a test's own."""
    return read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "CACHE_PATH": str(content.parent / "cache"), "DOSECHECK_TODAY": TODAY,
        "DOSECHECK_REFERENCE": str(ROOT / "content" / "data" / "reference.yaml"), "THEME": str(ROOT / "theme")})


def test_many_files_are_read_on_every_core_with_the_same_findings_as_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guides = tmp_path / "content" / "guides"
    guides.mkdir(parents=True)
    corpus = [p for p in INVALID_GUIDES if p.name.startswith("prose-")]
    for n in range(150):
        shutil.copy(corpus[n % len(corpus)], guides / f"g{n:03}.md")
    settings = settings_for(tmp_path / "content")
    parallel = check_without_building(settings)
    monkeypatch.setattr(site, "PER_WORKER", 10_000)  # one process
    serial = check_without_building(settings)
    assert sorted(map(str, parallel)) == sorted(map(str, serial))
    assert len({f.path for f in serial if f.found.startswith(("the amount", "a table cell"))}) == 150
