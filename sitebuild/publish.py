"""Publishing a build in one step: build into a private folder, index it, and switch the output to it only when
everything passed; a failed, killed or concurrent build never leaves a mixed or missing site."""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .errors import BuildError
from .files import disk_problem, exclusive, point
from .project import Project
from .run import pelican_build
from .search import SearchIndex


def _output_folder(root: Path, settings: dict[str, Any]) -> Path:
    """Return the configured output folder, refusing one that is not a folder of its own inside the project."""
    final = Path(os.path.abspath(settings["OUTPUT_PATH"]))
    root = root.resolve()
    parent = final.parent.resolve()
    if not (parent == root or root in parent.parents) or final.name in ("", ".", "..") or final.resolve() in (root, *root.parents):
        raise BuildError(f"build failed: OUTPUT_PATH {settings['OUTPUT_PATH']!r} is not a folder inside {root}; "
                         "the build replaces that folder, so it must be one of the project's own")
    content = Path(settings["PATH"]).resolve()
    if final.resolve() == content or final.resolve() in content.parents:
        raise BuildError(f"build failed: OUTPUT_PATH {settings['OUTPUT_PATH']!r} holds the content; choose another folder")
    return final


def _alive(pid: int) -> bool:
    """Tell whether a process still runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def builds_folder(output: Path) -> Path:
    """Return the folder that holds an output's builds and previews: `.output-builds` beside `output`."""
    return output.parent / f".{output.name}-builds"


def _sweep(builds: Path) -> None:
    """Remove staging folders left by builds that were killed."""
    for staging in builds.glob("staging-*"):
        pid = staging.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def atomic_build(project: Project, settings_file: str) -> tuple[dict[str, Any], Path, int]:
    """Build into a private folder and switch the output to it only when the build succeeded; return the settings, output and page count."""
    final = _output_folder(project.root, project.settings(settings_file))
    builds = builds_folder(final)
    try:
        builds.mkdir(exist_ok=True)
        _sweep(builds)
        staging = Path(tempfile.mkdtemp(prefix=f"staging-{os.getpid()}-", dir=builds))
    except OSError as exc:
        raise BuildError(f"build failed: {disk_problem(exc)}") from None
    try:
        settings = build_and_index(project, settings_file, {"OUTPUT_PATH": str(staging)})
        # Counted before the switch: once switched, a build finishing next may remove this site.
        pages = _count_pages(staging)
        _switch(final, staging, builds)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"build failed: {disk_problem(exc)}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return settings, final, pages


def build_and_index(project: Project, settings_file: str, overrides: dict[str, Any]) -> dict[str, Any]:
    """Build with Pelican into overrides' OUTPUT_PATH and index it for search; return the settings.

    Pagefind starts once every page is written and indexes while the build's last checks read the site; a build
    that fails stops it. Indexed before any switch, so a site is never published without its search index.
    """
    started: list[SearchIndex] = []
    site = Path(overrides["OUTPUT_PATH"])
    try:
        settings = pelican_build(project, settings_file, overrides, when_written=lambda: started.append(SearchIndex(project.root, site)))
        (started[0] if started else SearchIndex(project.root, site)).finish()
    finally:
        for index in started:
            index.stop()
    return settings


def _switch(final: Path, staging: Path, builds: Path) -> None:
    """Point the output at a finished build in one atomic step, then remove the build it replaced."""
    with exclusive(builds / ".lock"):  # one switch at a time, so two builds never remove each other's site
        ready = builds / f"site-{datetime.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}-{staging.name.rsplit('-', 1)[-1]}"
        staging.rename(ready)
        previous: Path | None = None
        if final.is_symlink():
            previous = (final.parent / os.readlink(final)).resolve()
        elif final.is_dir():
            # An output folder from before atomic builds: keep it until the switch is done.
            previous = builds / f"site-old-{os.getpid()}"
            final.rename(previous)
        point(final, ready)  # atomic: readers see the old site or the new one, never a mix
        if previous is not None and previous.parent == builds.resolve() and previous != ready.resolve():
            shutil.rmtree(previous, ignore_errors=True)


def _count_pages(output: Path) -> int:
    """Count the HTML pages in the output."""
    return sum(1 for _ in output.rglob("*.html"))


def clean(project: Project) -> list[str]:
    """Remove the built site, the preview, every build and the content cache; return what was removed."""
    removed = []
    for folder in (project.deploy_path, project.serve_path, "cache", f".{project.deploy_path}-builds"):
        path = project.root / folder
        if path.is_symlink():
            path.unlink()
            removed.append(folder)
        elif path.is_dir():
            shutil.rmtree(path)
            removed.append(f"{folder}/")
    return removed
