"""Writer tasks: check, build, serve, new, publish, deploy, clean, and the project's own test, bench, audit and
reliability runs. Each task is one call into the `sitebuild` package (run with `invoke`; `invoke --list`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from invoke.context import Context
from invoke.tasks import task

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from sitebuild.project import Project  # noqa: E402 - the package sits beside this file

PROJECT = Project(ROOT)


@task
def check(c: Context, settings: str = PROJECT.settings_base) -> None:
    """Validate every guide and page against the reference; write nothing."""
    from sitebuild.run import check_site

    print(check_site(PROJECT, settings))


@task
def build(c: Context) -> None:
    """Check and build the site into output/ with the local settings; a failed build keeps the last site."""
    from sitebuild.publish import atomic_build

    _settings, output, pages = atomic_build(PROJECT, PROJECT.settings_base)
    print(f"built {pages} pages into {os.path.relpath(output)}/")
    print(f"view it with: invoke serve  (then open http://{PROJECT.host}:{PROJECT.port}/)")


@task
def publish(c: Context) -> None:
    """Check and build the site with the publishing settings; a failed build keeps the last site."""
    from sitebuild.publish import atomic_build

    settings, output, pages = atomic_build(PROJECT, PROJECT.settings_publish)
    print(f"published {pages} pages into {os.path.relpath(output)}/ for {settings['SITEURL']}")


@task(help={"to": "rsync (to DEPLOY_RSYNC_TARGET) or github (ghp-import to DEPLOY_GITHUB_REMOTE)"})
def deploy(c: Context, to: str = "rsync") -> None:
    """Publish, then, only if that passed, ship the site by rsync or to a GitHub Pages branch."""
    from sitebuild.deploy import deploy as ship

    print(ship(PROJECT, to))


@task(name="reference-review", help={"reviewer": "who reviewed the changes (asked for when left out)"})
def reference_review(c: Context, reviewer: str = "") -> None:
    """Show every value changed in reference.yaml since its last review, and record the review."""
    from sitebuild.review import reference_review as review

    review(PROJECT, reviewer)


@task
def clean(c: Context) -> None:
    """Remove the built site and the content cache."""
    from sitebuild.publish import clean as remove

    for removed in remove(PROJECT):
        print(f"removed {removed}")


@task
def serve(c: Context) -> None:
    """Build, serve on localhost, and rebuild with live reload when a source changes."""
    from sitebuild.preview import serve as run

    run(PROJECT)


@task
def new(c: Context, title: str) -> None:
    """Scaffold a guide with every field: invoke new "Title"."""
    from sitebuild.scaffold import new_guide

    print(f"created {os.path.relpath(new_guide(PROJECT, title))}; edit it, then run: invoke check")


@task
def reliability(c: Context) -> None:
    """Run the reliability tests and write their figures to docs/reliability.md."""
    from sitebuild.reliability import write_reliability_doc

    write_reliability_doc(PROJECT)


@task
def bench(c: Context, sizes: str = "300,1000,5000", repeat: int = 3) -> None:
    """Benchmark the project against Pelican with its theme and stock Pelican: invoke bench --sizes 300,1000 --repeat 3."""
    from benchmarks.run import main

    print(main([int(s) for s in sizes.split(",")], repeat))


@task
def test(c: Context) -> None:
    """Run the whole test suite."""
    c.run(f"{sys.executable} -m pytest", pty=False)


@task
def audit(c: Context, guide: str = "") -> None:
    """Run Lighthouse, mobile and desktop, on the built home page, a guide, the reference page and a search; print a table."""
    from sitebuild.audit import AUDIT_GUIDE
    from sitebuild.audit import audit as lighthouse

    print(lighthouse(PROJECT, guide or AUDIT_GUIDE))
