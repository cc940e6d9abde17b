"""dosecheck's wiring: guides read on every core before Pelican reads give the site Pelican alone would write."""

from __future__ import annotations

from pathlib import Path

import pytest
from invoke.exceptions import Exit
from support import build, snapshot

import dosecheck.plugin
import dosecheck.site
from benchmarks.corpus import write_corpus

SIZE = 6


def _build_both(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Build the folder's content twice: read in this process, then read by two forked workers."""
    one = build(folder, OUTPUT_PATH=str(folder / "output-one"), CACHE_PATH=str(folder / "cache-one"))
    monkeypatch.setattr(dosecheck.site, "PER_WORKER", 1)  # any two files go to a pool of two
    pool = build(folder, OUTPUT_PATH=str(folder / "output-pool"), CACHE_PATH=str(folder / "cache-pool"))
    return one, pool


def test_a_pool_read_writes_the_same_site_and_caches_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path, SIZE)
    one, pool = _build_both(tmp_path, monkeypatch)
    # The sitemap dates pages without a date by the time of the build; everything else is byte for byte the same.
    first, second = ({k: v for k, v in snapshot(site).items() if k != "sitemap.xml"} for site in (one, pool))
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    # What the workers read was saved as Pelican's cache: the next build reads nothing, not even in a pool.
    monkeypatch.setattr(dosecheck.plugin, "map_files", _refuse)
    build(tmp_path, OUTPUT_PATH=str(tmp_path / "output-pool"), CACHE_PATH=str(tmp_path / "cache-pool"))


def _refuse(items: list[object], job: object) -> list[object]:
    """Fail if any file is left to read."""
    assert items == [], f"{len(items)} files read again"
    return []


def test_a_pool_read_reports_the_same_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path, SIZE)
    guide = tmp_path / "content" / "guides" / "guide-00003.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("-350 mg/day", "-900 mg/day"), encoding="utf-8")
    outputs = []
    for per_worker in (10**6, 1):
        monkeypatch.setattr(dosecheck.site, "PER_WORKER", per_worker)
        with pytest.raises(Exit):
            build(tmp_path, OUTPUT_PATH=str(tmp_path / f"output-{per_worker}"), CACHE_PATH=str(tmp_path / f"cache-{per_worker}"))
        outputs.append(capsys.readouterr().err)
    assert "guide-00003.md" in outputs[0] and "900 mg/day" in outputs[0]
    assert outputs[0] == outputs[1]
