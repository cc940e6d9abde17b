"""`invoke check` without a build: every file found the way Pelican finds it, checked on every core."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from dosecheck import site
from dosecheck.reference import Reference


def test_many_files_are_checked_in_workers_with_the_same_findings_as_one_process(
    ref: Reference, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guides = tmp_path / "content" / "guides"
    guides.mkdir(parents=True)
    corpus = sorted((DATA / "invalid" / "guides").glob("prose-*.md"))
    for n in range(150):
        shutil.copy(corpus[n % len(corpus)], guides / f"g{n:03}.md")
    settings = {"PATH": str(tmp_path / "content"), "ARTICLE_PATHS": ["guides"], "PAGE_PATHS": [], "DOSECHECK_TODAY": "2026-11-23"}
    parallel = site.check_site(settings, ref)
    monkeypatch.setattr(site, "PER_WORKER", 10_000)  # one process
    serial = site.check_site(settings, ref)
    assert sorted(map(str, parallel)) == sorted(map(str, serial))
    assert len({f.path for f in serial}) == 150
