"""Find a site's guide and page files the way Pelican does, and read many of them on every core."""

from __future__ import annotations

import fnmatch
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from .document import MARKDOWN_EXTENSIONS, Kind

EXTENSIONS = tuple(f".{e}" for e in MARKDOWN_EXTENSIONS)
T = TypeVar("T")


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


def map_files(items: list[tuple[Path, Kind]], job: Callable[[tuple[Path, Kind]], T]) -> list[T]:
    """Run a job on each file, in this process for a few and on every core for many, keeping their order."""
    workers = min(os.cpu_count() or 1, len(items) // PER_WORKER)
    if workers < 2:
        return [job(item) for item in items]
    # Forked workers inherit the job (settings, loaded reference, converters), so only file names and results
    # cross between processes; settings may hold what cannot be pickled.
    global _FORKED_JOB
    _FORKED_JOB = job
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run_forked, items, chunksize=max(1, len(items) // (workers * 4))))
    finally:
        _FORKED_JOB = None


def _run_forked(item: tuple[Path, Kind]) -> Any:
    """Run the job the parent process set before forking on one file."""
    assert _FORKED_JOB is not None
    return _FORKED_JOB(item)


_FORKED_JOB: Callable[[tuple[Path, Kind]], Any] | None = None
PER_WORKER = 50  # fewer files than this per core are read in this process: starting workers would cost more
