"""Find a site's guide and page files as the build does (Pelican's own search), and read many of them on every core."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from pelican.generators import Generator

from .document import MARKDOWN_EXTENSIONS, Kind

T = TypeVar("T")


class _FileFinder(Generator):  # type: ignore[misc]  # Pelican is untyped (no stubs), so its Generator is Any
    """Pelican's search for a generator's files (PATH, IGNORE_FILES, the *_EXCLUDES), without a generator's templates."""

    def __init__(self, settings: Mapping[str, Any]) -> None:  # what get_files reads; no readers, templates or signals
        self.settings = settings
        self.path = settings["PATH"]


def source_files(settings: Mapping[str, Any]) -> Iterator[tuple[Path, Kind]]:
    """Yield every Markdown file the build reads: pages under PAGE_PATHS, then guides under ARTICLE_PATHS."""
    finder = _FileFinder(settings)
    seen: set[Path] = set()
    groups: tuple[tuple[Kind, str, str], ...] = (("page", "PAGE_PATHS", "PAGE_EXCLUDES"), ("guide", "ARTICLE_PATHS", "ARTICLE_EXCLUDES"))
    for kind, paths, excludes in groups:
        found = finder.get_files(settings.get(paths, []), exclude=settings.get(excludes, []), extensions=MARKDOWN_EXTENSIONS)
        for relative in sorted(found):
            file = Path(settings["PATH"], relative)
            if file not in seen:
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
