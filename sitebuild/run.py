"""One Pelican run with the project's settings, and the check that reads what a build would read."""

from __future__ import annotations

import gzip
import logging
import os
import pickle
import shutil
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import BuildError
from .files import disk_problem, exclusive
from .project import Project


class _ErrorCounter(logging.Handler):
    """Count errors Pelican logs, so a dropped file or a broken plugin fails the build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Remember the message of each error record."""
        self.messages.append(record.getMessage().splitlines()[0])


def pelican_build(project: Project, settings_file: str, overrides: dict[str, Any] | None = None, *,
                  when_written: Callable[[], None] | None = None) -> dict[str, Any]:
    """Run Pelican once (again once without the cache, if it is unreadable); raise BuildError with a one-line reason on any failure.

    `when_written` runs once every page is written, before the checks that read the written site (the search index
    starts there, so the two run side by side).
    """
    from pelican import signals
    from pelican.log import init as init_logging

    init_logging(level=logging.WARNING, name="pelican")
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)

    def written(_pelican: Any) -> None:
        if when_written is not None:
            when_written()

    # Connected before Pelican loads the plugins, so in a fresh process it runs before their last checks.
    signals.finalized.connect(written, weak=False)
    try:
        settings = _run(project, settings_file, overrides, counter, retry=True)
        if counter.messages:
            raise BuildError(f"build failed: Pelican reported {len(counter.messages)} error(s) above, first: {counter.messages[0]}")
        return settings
    finally:
        signals.finalized.disconnect(written)
        logging.getLogger().removeHandler(counter)


def _run(project: Project, settings_file: str, overrides: dict[str, Any] | None, counter: _ErrorCounter, *, retry: bool) -> dict[str, Any]:
    """Run Pelican; when `retry`, once more without the content cache if that is unreadable."""
    from pelican import Pelican

    _reset_sitemap()
    settings = project.settings(settings_file, overrides)
    try:
        pelican = Pelican(settings)
    except Exception as exc:
        if getattr(exc, "writer_facing", False):
            raise BuildError(f"build failed: {exc}") from None
        raise
    missing = [p for p in project.required_plugins if p not in settings["PLUGINS"]]
    if missing:
        raise BuildError(
            f"build failed: PLUGINS in {settings_file} does not load {', '.join(missing)}; "
            f"without it pages would be published unchecked (loaded: {', '.join(settings['PLUGINS']) or 'none'})")
    cache = Path(settings["CACHE_PATH"])  # read now: the dosecheck plugin narrows it to a versioned folder
    try:
        # Pelican rewrites its cache files in place: two runs at once (a build and a publish) would read
        # each other's half-written files, so runs sharing a cache take turns.
        with exclusive(cache / ".lock", needed=False):
            try:
                pelican.run()
                return settings
            except (EOFError, zlib.error, gzip.BadGzipFile, pickle.UnpicklingError) as exc:
                if not retry:
                    raise
                # A build stopped while saving leaves the cache truncated and Pelican cannot read it
                # again; the cache only saves time, so start it afresh.
                unreadable = exc
                for entry in cache.iterdir():
                    if entry.is_dir():
                        shutil.rmtree(entry, ignore_errors=True)
                    elif entry.name != ".lock":
                        entry.unlink(missing_ok=True)
    except OSError as exc:
        raise BuildError(f"build failed: {disk_problem(exc)}") from None
    except Exception as exc:
        if getattr(exc, "writer_facing", False):
            raise BuildError(f"build failed: {exc}") from None
        raise
    print(f"warning: the content cache in {os.path.relpath(cache)} was unreadable ({type(unreadable).__name__}); "
          "rebuilding without it", file=sys.stderr)
    counter.messages.clear()  # what the first run logged is about the cache just removed
    return _run(project, settings_file, overrides, counter, retry=False)


def _reset_sitemap() -> None:
    """Give pelican-sitemap a fresh start, as in a new process."""
    # The plugin keeps the pages it queued, and the build it waits for, in one module-level object; after a
    # build that failed midway (a finding, a broken link), the next build in the same process (`invoke serve`,
    # the tests) would be taken for another site and written without a sitemap.
    sitemap = sys.modules.get("pelican.plugins.sitemap.sitemap")
    if sitemap is not None:
        sitemap.generator.__init__()


def check_site(project: Project, settings_file: str) -> str:
    """Check every guide and page as a build would, printing every finding; return the summary line or raise BuildError."""
    from dosecheck.findings import WriterFacingError
    from dosecheck.plugin import check_without_building
    from dosecheck.report import emit, summary
    from dosecheck.site import source_files

    settings = project.settings(settings_file)
    try:
        findings = check_without_building(settings)
    except WriterFacingError as exc:  # a broken reference, settings or data file: its findings, one per line
        raise BuildError(f"check failed: {exc}") from None
    emit(findings)
    if any(f.severity == "error" for f in findings):
        raise BuildError(f"check failed: {summary(findings)}")
    return f"checked {sum(1 for _ in source_files(settings))} files: {summary(findings)}"
