"""Find a site's guide and page files the way Pelican does, and check them all without building."""

from __future__ import annotations

import fnmatch
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .document import MARKDOWN_EXTENSIONS, Kind, display_path
from .findings import Finding
from .reference import Reference
from .rules import ReviewPolicy
from .validate import read_document, validate

EXTENSIONS = tuple(f".{e}" for e in MARKDOWN_EXTENSIONS)


def source_files(settings: dict[str, Any]) -> Iterator[tuple[Path, Kind]]:
    """Yield every Markdown file under ARTICLE_PATHS (guides) and PAGE_PATHS (pages)."""
    root = Path(settings["PATH"])
    ignore = settings.get("IGNORE_FILES", [])
    groups: tuple[tuple[str, Kind, list[str]], ...] = (
        ("PAGE_PATHS", "page", settings.get("PAGE_EXCLUDES", [])),
        ("ARTICLE_PATHS", "guide", settings.get("ARTICLE_EXCLUDES", [])),
    )
    seen: set[Path] = set()
    for setting, kind, excludes in groups:
        excluded = {(root / e).resolve() for e in excludes}
        for base in settings.get(setting, []):
            for folder, dirs, files in os.walk(root / base, followlinks=True):
                here = Path(folder)
                dirs[:] = sorted(d for d in dirs if (here / d).resolve() not in excluded
                                 and not any(fnmatch.fnmatch(d, p) for p in ignore))
                for name in sorted(files):
                    file = here / name
                    if name.endswith(EXTENSIONS) and not any(fnmatch.fnmatch(name, p) for p in ignore) and file not in seen:
                        seen.add(file)
                        yield file, kind


def check_site(
    settings: dict[str, Any], ref: Reference, previous: Mapping[str, Mapping[str, Any]] | None = None,
    kept: Callable[[Mapping[str, Any], Path, ReviewPolicy], list[Finding] | None] | None = None,
) -> list[Finding]:
    """Validate every source file; the same findings a build reports, without building the site.

    `previous` holds what the last build read of files unchanged since (by absolute path) and `kept` turns it into
    findings; every other file is read, rendered and checked here, on every core when there are many.
    """
    findings: list[Finding] = []
    review = ReviewPolicy.from_settings(settings)
    fresh: list[tuple[Path, Kind]] = []
    for file, kind in source_files(settings):
        reused = kept(previous[str(file)], file, review) if previous and kept and str(file) in previous else None
        if reused is not None:
            findings += reused
        else:
            fresh.append((file, kind))
    job = _Job(settings, ref, review)
    workers = min(os.cpu_count() or 1, len(fresh) // PER_WORKER)
    if workers < 2:
        return findings + [f for item in fresh for f in job(item)]
    # Rendering each page is most of the work. Forked workers inherit the job (settings, loaded reference, converters),
    # so only file names and findings cross between processes; settings may hold what cannot be pickled.
    global _FORKED_JOB
    _FORKED_JOB = job
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for found in pool.map(_run_forked, fresh, chunksize=max(1, len(fresh) // (workers * 4))):
                findings += found
    finally:
        _FORKED_JOB = None
    return findings


def _run_forked(item: tuple[Path, Kind]) -> list[Finding]:
    """Run the job the parent process set before forking on one file."""
    assert _FORKED_JOB is not None
    return _FORKED_JOB(item)


_FORKED_JOB: _Job | None = None
PER_WORKER = 50  # fewer files than this per core are checked in this process: starting workers would cost more


@dataclass(frozen=True)
class _Job:
    """Check one file with the run's settings, reference and review policy."""

    settings: dict[str, Any]
    ref: Reference
    review: ReviewPolicy

    def __call__(self, item: tuple[Path, Kind]) -> list[Finding]:
        """Read, render and check one file."""
        file, kind = item
        doc = read_document(file, display_path(str(file)), kind)
        return validate(doc, self.ref, file, Path(self.settings["PATH"]), self.review, self.settings.get("MARKDOWN"))
