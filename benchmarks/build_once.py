"""Run one timed build or check in this process and print its time as JSON (the runner reads peak memory)."""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]


def main(task: str, variant: str, work: str) -> None:
    """Build, check, or rebuild after an edit, the corpus in `work` with the project or with plain Pelican."""
    from sitebuild.preview import Preview
    from sitebuild.project import Project

    project = Project(ROOT)
    folder = Path(work)
    overrides = {"PATH": str(folder / "content"), "OUTPUT_PATH": str(folder / f"output-{variant}"),
                 "CACHE_PATH": str(folder / f"cache-{variant}"), "DOSECHECK_TODAY": "2026-11-23"}
    build = VARIANTS[variant]
    if task == "serve-edit":
        # What `invoke serve` does after an edit: the process is already running and warm. The project
        # puts the edited guide's page on disk first (sitebuild.preview.Preview), then rebuilds everything;
        # plain Pelican rebuilds everything. The time is until the edited page is on disk.
        preview = Preview()
        with preview.watching(folder / "content"):
            build(project, overrides)
        guide = folder / "content" / "guides" / "guide-00000.md"
        old = guide.read_text(encoding="utf-8")
        guide.write_text(old + "\nEdited while serving.\n", encoding="utf-8")
        try:
            started = time.perf_counter()
            edited = preview.edited_guide(folder / "content") if variant == "project" else None
            page = preview.rewrite(edited, Path(overrides["OUTPUT_PATH"]), folder / f"serve-{variant}") if edited else None
            if page is None:
                build(project, overrides)
            seconds = time.perf_counter() - started
            if variant == "project":
                assert page is not None and "Edited while serving." in page.read_text(encoding="utf-8"), page
                build(project, overrides)  # the full rebuild that follows, as `invoke serve` runs it
        finally:
            guide.write_text(old, encoding="utf-8")
        _report(seconds)
        return
    started = time.perf_counter()
    if task == "check":
        from dosecheck.plugin import check_without_building

        settings = project.settings("pelicanconf.py", overrides)
        findings = check_without_building(settings)  # what `invoke check` runs
        assert not [f for f in findings if f.severity == "error"], findings[:3]
    else:
        build(project, overrides)
    _report(time.perf_counter() - started)


def _report(seconds: float) -> None:
    """Print the time, and the peak memory of this process and of the largest process it started (Pagefind, a worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    started = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "memory": own, "started_memory": started}))


def _project_build(project: Any, overrides: dict[str, str]) -> None:
    """Build as `invoke build` does: Pelican with the project's settings and plugins (checks, link check), then the search index."""
    from sitebuild.publish import build_and_index

    build_and_index(project, "pelicanconf.py", overrides)


def _plain_build(project: Any, overrides: dict[str, str]) -> None:
    """Plain Pelican: the same settings, theme and Markdown, none of the project's plugins or reader."""
    from guidepage.plugin import HelpBoxes, in_words
    from pelican import Pelican
    from pelican.log import init

    init(level=logging.WARNING, name="pelican")
    # The theme's filter and get-help boxes are the only pieces of a plugin kept: the same templates need them.
    settings = project.settings("pelicanconf.py", {**overrides, "PLUGINS": [], "JINJA_FILTERS": {"in_words": in_words}})
    path = str(Path(settings["PATH"]) / "data" / "help.yaml")
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "get_help": HelpBoxes(path, path)}
    Pelican(settings).run()


def _stock_build(project: Any, overrides: dict[str, str]) -> None:
    """Stock Pelican: its default settings and theme, no plugins, the same files where the project keeps them."""
    from pelican import Pelican
    from pelican.log import init
    from pelican.settings import read_settings

    init(level=logging.ERROR, name="pelican")  # it warns about the feeds it writes without a SITEURL
    mine = project.settings("pelicanconf.py", overrides)
    keep = ("PATH", "OUTPUT_PATH", "CACHE_PATH", "ARTICLE_PATHS", "PAGE_PATHS", "CACHE_CONTENT", "LOAD_CONTENT_CACHE", "TIMEZONE")
    Pelican(read_settings(None, override={k: mine[k] for k in keep})).run()


# What each variant builds: the project, Pelican with the project's theme only, and Pelican as installed.
VARIANTS = {"project": _project_build, "plain": _plain_build, "stock": _stock_build}


if __name__ == "__main__":
    main(*sys.argv[1:4])
