"""Atomic builds: the output switches to a finished build in one step, or stays as it was."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest
from invoke import Exit
from support import BAD, snapshot

from conftest import DATA, INVOKE, invoke
from sitebuild.files import disk_problem
from sitebuild.search import SEARCH_BUNDLE, check_index


def many_guides(project: Path, count: int) -> None:
    """Add copies of the fixture guide so a build takes long enough to interrupt."""
    guide = (project / "content" / "guides" / "every-table.md").read_text(encoding="utf-8")
    for n in range(count):
        text = guide.replace("title: Every table kind", f"title: Every table kind {n}", 1)
        (project / "content" / "guides" / f"copy-{n}.md").write_text(text, encoding="utf-8")


def test_a_build_switches_the_output_to_a_finished_site(project: Path) -> None:
    assert invoke(project, "build").returncode == 0
    output = project / "output"
    assert output.is_symlink() and (output / "index.html").is_file()
    first = os.readlink(output)
    assert invoke(project, "build").returncode == 0
    assert os.readlink(output) != first
    builds = project / ".output-builds"
    assert sorted(p.name for p in builds.iterdir() if p.is_dir()) == [Path(os.readlink(output)).name]


def test_a_failed_build_keeps_the_previous_site_byte_for_byte(project: Path) -> None:
    assert invoke(project, "build").returncode == 0
    before = snapshot(project / "output")
    (project / "content" / "guides" / "bad.md").write_text(BAD, encoding="utf-8")
    assert invoke(project, "build").returncode == 1
    assert invoke(project, "publish").returncode == 1
    assert snapshot(project / "output") == before
    assert not list((project / ".output-builds").glob("staging-*"))


def test_a_build_killed_midway_keeps_the_previous_site(project: Path) -> None:
    assert invoke(project, "build").returncode == 0
    before = snapshot(project / "output")
    many_guides(project, 3)
    # A plugin stops the next build once it has written every page into its private folder (tests/data/plugins/stall),
    # so the kill lands at a known point rather than on a timer.
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nPLUGIN_PATHS = [*PLUGIN_PATHS, {str(DATA / 'plugins')!r}]\nPLUGINS = [*PLUGINS, 'stall']\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    build = subprocess.Popen([str(INVOKE), "build"], cwd=project, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    marker = project / "build-stalled"
    deadline = time.monotonic() + 120
    while not marker.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the build ended or timed out before it wrote its pages"
    staging = list((project / ".output-builds").glob("staging-*"))
    assert len(staging) == 1 and (staging[0] / "test-topic" / "every-table-kind-2" / "index.html").is_file()
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert snapshot(project / "output") == before
    # The next build (the plugin lets it through) clears what the killed one left and publishes the new site.
    assert invoke(project, "build").returncode == 0
    assert not list((project / ".output-builds").glob("staging-*"))
    assert (project / "output" / "test-topic" / "every-table-kind-2" / "index.html").is_file()


def test_two_builds_at_once_never_leave_a_mixed_output(project: Path) -> None:
    many_guides(project, 20)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    runs = [subprocess.Popen([str(INVOKE), task], cwd=project, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True) for task in ("build", "publish", "build")]
    codes = [run.wait(timeout=300) for run in runs]
    assert codes == [0, 0, 0], [run.stderr.read() for run in runs if run.stderr]
    pages = [p.read_text(encoding="utf-8") for p in (project / "output").rglob("*.html")]
    published = ["https://magnesium-guide.example" in page for page in pages]
    assert len(pages) > 20 and (all(published) or not any(published))
    assert len([p for p in (project / ".output-builds").iterdir() if p.is_dir()]) == 1


def test_an_output_folder_outside_the_project_is_refused(project: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + f"\nOUTPUT_PATH = {str(elsewhere)!r}\n", encoding="utf-8")
    result = invoke(project, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"build failed: OUTPUT_PATH {str(elsewhere)!r} is not a folder inside {project.resolve()}; "
        "the build replaces that folder, so it must be one of the project's own")
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_clean_removes_the_site_and_every_build(project: Path) -> None:
    assert invoke(project, "build").returncode == 0
    result = invoke(project, "clean")
    assert result.returncode == 0
    assert not (project / "output").exists() and not (project / "output").is_symlink()
    assert not (project / ".output-builds").exists()
    assert (project / "content" / "guides" / "every-table.md").is_file()


def test_a_cache_truncated_by_a_stopped_build_is_dropped_and_the_build_succeeds(project: Path) -> None:
    assert invoke(project, "build").returncode == 0
    caches = [p for p in (project / "cache").rglob("*") if p.is_file()]
    assert caches
    for cache in caches:
        cache.write_bytes(cache.read_bytes()[:40])  # what a build killed while saving its cache leaves
    result = invoke(project, "build")
    assert result.returncode == 0, result.stderr
    assert "was unreadable (EOFError); rebuilding without it" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "output" / "index.html").is_file()


def test_a_write_that_fails_midway_leaves_the_previous_site_and_says_why(project: Path) -> None:
    assert invoke(project, "build").returncode == 0
    before = snapshot(project / "output")

    def small_files() -> None:
        # Every file this build writes may hold at most 20 KB: the first larger page fails, as a full disk would.
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run([str(INVOKE), "build"], cwd=project, capture_output=True, text=True, env=env, timeout=120,
                            preexec_fn=small_files)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "build failed: a file grew past the size this system allows; the previous site is unchanged"
    assert snapshot(project / "output") == before
    assert [p.name for p in (project / ".output-builds").iterdir() if p.name.startswith("staging")] == []


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "output/x/index.html"),
         "the disk is full (output/x/index.html): free some space and build again; the previous site is unchanged"),
        (PermissionError(errno.EACCES, "Permission denied", ".output-builds"),
         "cannot write (.output-builds): Permission denied; make the project folder writable; the previous site is unchanged"),
        (OSError(errno.EROFS, "Read-only file system", "cache"),
         "cannot write (cache): Read-only file system; make the project folder writable; the previous site is unchanged"),
    ],
)
def test_disk_problems_are_one_line_saying_what_to_do(error: OSError, message: str) -> None:
    assert disk_problem(error) == message


def test_an_index_with_an_empty_file_is_refused(tmp_path: Path) -> None:
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    for name in SEARCH_BUNDLE:
        (bundle / name).write_text("{}", encoding="utf-8")
    check_index(tmp_path)  # complete: no complaint
    (bundle / "fragment").mkdir()
    (bundle / "fragment" / "en_1.pf_fragment").write_bytes(b"")
    with pytest.raises(Exit) as caught:
        check_index(tmp_path)
    assert caught.value.message == ("build failed: Pagefind wrote 1 empty file(s), first pagefind/fragment/en_1.pf_fragment;"
                                    " the disk may be full; the previous site is unchanged")


def test_a_cache_folder_that_cannot_be_written_costs_only_the_cache(project: Path) -> None:
    (project / "cache").write_text("a file where the cache folder should be", encoding="utf-8")
    result = invoke(project, "build")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert (project / "output" / "index.html").is_file()


def test_a_builds_folder_that_cannot_be_made_is_one_line(project: Path) -> None:
    (project / ".output-builds").write_text("a file where the builds folder should be", encoding="utf-8")
    result = invoke(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "build failed: File exists (.output-builds); the previous site is unchanged"
