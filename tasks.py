"""Writer tasks: check, build, serve, new, publish, clean, test (run with `invoke`)."""

from __future__ import annotations

import datetime
import fcntl
import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from invoke import Context, task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONFIG: dict[str, Any] = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "deploy_path": "output",
    "guides_path": "content/guides",
    "host": "127.0.0.1",
    "port": 8000,
    # The build refuses to run without these: a misspelt PLUGINS entry must not publish unchecked pages.
    "required_plugins": ("dosecheck", "disclaimer", "sitecheck"),
}


class _ErrorCounter(logging.Handler):
    """Count errors Pelican logs, so a dropped file or a broken plugin fails the build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Remember the message of each error record."""
        self.messages.append(record.getMessage().splitlines()[0])


def _settings(settings_file: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read Pelican settings the way `pelican -s` does."""
    from pelican.settings import read_settings

    return read_settings(str(ROOT / settings_file), override=overrides or {})


def pelican_build(settings_file: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run Pelican once; raise Exit with a one-line reason on any failure."""
    from pelican import Pelican
    from pelican.log import init as init_logging

    init_logging(level=logging.WARNING, name="pelican")
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        settings = _settings(settings_file, overrides)
        try:
            pelican = Pelican(settings)
        except Exception as exc:
            if getattr(exc, "writer_facing", False):
                raise Exit(f"build failed: {exc}", code=1) from None
            raise
        missing = [p for p in CONFIG["required_plugins"] if p not in settings["PLUGINS"]]
        if missing:
            raise Exit(
                f"build failed: PLUGINS in {settings_file} does not load {', '.join(missing)}; "
                f"without it pages would be published unchecked (loaded: {', '.join(settings['PLUGINS']) or 'none'})",
                code=1,
            )
        try:
            pelican.run()
        except Exception as exc:
            if getattr(exc, "writer_facing", False):
                raise Exit(f"build failed: {exc}", code=1) from None
            raise
        if counter.messages:
            raise Exit(f"build failed: Pelican reported {len(counter.messages)} error(s) above, first: {counter.messages[0]}", code=1)
        return settings
    finally:
        logging.getLogger().removeHandler(counter)


def _output_folder(settings: dict[str, Any]) -> Path:
    """Return the configured output folder, refusing one that is not a folder of its own inside the project."""
    final = Path(os.path.abspath(settings["OUTPUT_PATH"]))
    root = ROOT.resolve()
    parent = final.parent.resolve()
    if not (parent == root or root in parent.parents) or final.name in ("", ".", "..") or final.resolve() in (root, *root.parents):
        raise Exit(f"build failed: OUTPUT_PATH {settings['OUTPUT_PATH']!r} is not a folder inside {root}; "
                   "the build replaces that folder, so it must be one of the project's own", code=1)
    content = Path(settings["PATH"]).resolve()
    if final.resolve() == content or final.resolve() in content.parents:
        raise Exit(f"build failed: OUTPUT_PATH {settings['OUTPUT_PATH']!r} holds the content; choose another folder", code=1)
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


def _sweep(builds: Path) -> None:
    """Remove staging folders left by builds that were killed."""
    for staging in builds.glob("staging-*"):
        pid = staging.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def atomic_build(settings_file: str) -> tuple[dict[str, Any], Path]:
    """Build into a private folder and switch the output to it only when the build succeeded."""
    final = _output_folder(_settings(settings_file))
    builds = final.parent / f".{final.name}-builds"
    builds.mkdir(exist_ok=True)
    _sweep(builds)
    staging = Path(tempfile.mkdtemp(prefix=f"staging-{os.getpid()}-", dir=builds))
    try:
        settings = pelican_build(settings_file, {"OUTPUT_PATH": str(staging)})
        _switch(final, staging, builds)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return settings, final


def _switch(final: Path, staging: Path, builds: Path) -> None:
    """Point the output at a finished build in one atomic step, then remove the build it replaced."""
    with open(builds / ".lock", "w") as lock:
        # One switch at a time, so two builds never remove each other's site.
        fcntl.flock(lock, fcntl.LOCK_EX)
        ready = builds / f"site-{datetime.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}-{staging.name.rsplit('-', 1)[-1]}"
        staging.rename(ready)
        previous: Path | None = None
        if final.is_symlink():
            previous = (final.parent / os.readlink(final)).resolve()
        elif final.is_dir():
            # An output folder from before atomic builds: keep it until the switch is done.
            previous = builds / f"site-old-{os.getpid()}"
            final.rename(previous)
        link = final.parent / f".{final.name}.link-{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(os.path.relpath(ready, final.parent))
        os.replace(link, final)  # atomic: readers see the old site or the new one, never a mix
        if previous is not None and previous.parent == builds.resolve() and previous != ready.resolve():
            shutil.rmtree(previous, ignore_errors=True)


def _count_pages(output: Path) -> int:
    """Count the HTML pages in the output."""
    return sum(1 for _ in output.rglob("*.html"))


@task
def check(c: Context, settings: str = CONFIG["settings_base"]) -> None:
    """Validate every guide and page against the reference; write nothing."""
    from dosecheck.plugin import load
    from dosecheck.reference import ReferenceFileError
    from dosecheck.report import emit, summary
    from dosecheck.site import check_site, source_files

    config = _settings(settings)
    try:
        ref = load(config)
    except ReferenceFileError as exc:
        raise Exit(f"check failed: {exc}", code=1) from None
    findings = check_site(config, ref)
    emit(findings)
    files = sum(1 for _ in source_files(config))
    if any(f.severity == "error" for f in findings):
        raise Exit(f"check failed: {summary(findings)}", code=1)
    print(f"checked {files} files: {summary(findings)}")


@task
def build(c: Context) -> None:
    """Check and build the site into output/ with the local settings; a failed build keeps the last site."""
    _settings_used, output = atomic_build(CONFIG["settings_base"])
    print(f"built {_count_pages(output)} pages into {os.path.relpath(output)}/")
    print(f"view it with: invoke serve  (then open http://{CONFIG['host']}:{CONFIG['port']}/)")


@task
def publish(c: Context) -> None:
    """Check and build the site with the publishing settings; a failed build keeps the last site."""
    settings, output = atomic_build(CONFIG["settings_publish"])
    print(f"published {_count_pages(output)} pages into {os.path.relpath(output)}/ for {settings['SITEURL']}")


@task
def clean(c: Context) -> None:
    """Remove the built site and the content cache."""
    for folder in (CONFIG["deploy_path"], "cache", f".{CONFIG['deploy_path']}-builds"):
        path = ROOT / folder
        if path.is_symlink():
            path.unlink()
            print(f"removed {folder}")
        elif path.is_dir():
            shutil.rmtree(path)
            print(f"removed {folder}/")


@task
def serve(c: Context) -> None:
    """Build, serve on localhost, and rebuild with live reload when a source changes."""
    from livereload import Server

    def rebuild() -> None:
        try:
            atomic_build(CONFIG["settings_base"])
            print("rebuilt")
        except Exit as exc:
            # Keep serving the last good site; the findings are printed above.
            print(exc.message, file=sys.stderr)

    rebuild()
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(pattern, rebuild)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])


GUIDE_TEMPLATE = """---
title: {title}
date: {today}
category: Benzodiazepine withdrawal
tags: [magnesium]
summary: One or two plain sentences for listings and search results.
last_reviewed: {today}
# next_review_due: defaults to a year after last_reviewed
# reviewed_by: {{name: ..., credentials: ...}}
sources:
  - id: ods-magnesium
    title: "Magnesium: Fact Sheet for Health Professionals"
    publisher: NIH Office of Dietary Supplements
    url: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/
foods:
  - food: spinach, boiled
    serving: 1/2 cup
    magnesium_mg: 78
forms:
  - form: glycinate
    note: One line on why a reader might choose it.
doses:
  - caption: Recommended daily intake by age
    kind: intake
    rows:
      - {{life_stage: 19-30 years, sex: male, amount: 400 mg/day}}
      - {{life_stage: 19-30 years, sex: female, amount: 310 mg/day}}
  - caption: Supplement amounts
    kind: supplement
    rows:
      - {{form: glycinate, amount: 100-350 mg/day, basis: elemental}}
faqs:
  - q: A question readers ask?
    a: A plain answer, in Markdown.
---

Write the guide here. Place the checked tables where they belong:

[[doses]]

[[foods]]
"""


@task
def new(c: Context, title: str) -> None:
    """Scaffold a guide with every field: invoke new "Title"."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if not slug:
        raise Exit("new: the title needs at least one letter or digit", code=1)
    target = ROOT / CONFIG["guides_path"] / f"{slug}.md"
    if target.exists():
        raise Exit(f"new: {os.path.relpath(target)} already exists; pick another title", code=1)
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    target.write_text(GUIDE_TEMPLATE.format(title=quoted, today=datetime.date.today().isoformat()), encoding="utf-8")
    print(f"created {os.path.relpath(target)}; edit it, then run: invoke check")


RELIABILITY_TESTS = {
    "tests/test_corpus.py": ("Bad-input corpus: each malformed guide gives its exact findings; "
                             "`invoke check` and `invoke build` refuse the whole corpus in one run"),
    "tests/test_reference.py": "Broken reference files name the entry; the real reference holds what the site needs",
    "tests/test_properties.py": ("Property tests (hypothesis, 150 random inputs per parser property, 40 per validator property): "
                                 "parsers and validators return a value or the project's own error"),
    "tests/test_atomic.py": "Atomic builds: failed, killed and concurrent builds; output folder outside the project refused",
    "tests/test_escaping.py": "Injection payloads in every front-matter string: HTML, attributes, JSON-LD, feeds",
    "tests/test_sitecheck.py": "External links secured; broken internal links and #anchors fail the build",
    "tests/test_content.py": "The real site: tables, sources, review dates, disclaimer, CSP, corrected seed figures",
}


def _corpus_figures() -> list[tuple[str, str]]:
    """Run every bad input through the checks in-process and count the outcomes."""
    from dosecheck.reference import ReferenceFileError, load_reference
    from dosecheck.validate import read_document, validate

    ref = load_reference(ROOT / "content" / "data" / "reference.yaml")
    guides = sorted((ROOT / "tests" / "data" / "invalid" / "guides").glob("*.md"))
    refused = with_line = crashes = findings = 0
    for path in guides:
        try:
            found = validate(read_document(path, path.name, "guide"), ref, path, path.parent)
        except Exception:  # noqa: BLE001 - a crash is what this counts
            crashes += 1
            continue
        findings += len(found)
        refused += any(f.severity == "error" for f in found)
        with_line += all(f.line is not None for f in found)
    references = sorted((ROOT / "tests" / "data" / "invalid" / "reference").glob("*.yaml"))
    ref_refused = ref_crashes = 0
    for path in references:
        try:
            load_reference(path)
        except ReferenceFileError:
            ref_refused += 1
        except Exception:  # noqa: BLE001 - a crash is what this counts
            ref_crashes += 1
    return [
        ("Malformed guides tried", str(len(guides))),
        ("... refused with at least one error (non-zero exit)", str(refused)),
        ("... whose every finding names a line", str(with_line)),
        ("... findings in all", str(findings)),
        ("... Python exceptions instead of findings", str(crashes)),
        ("Malformed reference files tried", str(len(references))),
        ("... refused with a ReferenceFileError naming the entry", str(ref_refused)),
        ("... Python exceptions instead of findings", str(ref_crashes)),
    ]


@task
def reliability(c: Context) -> None:
    """Run the reliability tests and write their figures to docs/reliability.md."""
    import platform
    import xml.etree.ElementTree as ElementTree

    report = Path(tempfile.mkdtemp()) / "junit.xml"
    result = c.run(f"{sys.executable} -m pytest -q -p no:cacheprovider --junitxml={report} {' '.join(RELIABILITY_TESTS)}",
                   warn=True, pty=False)
    suites: dict[str, list[int]] = {name: [0, 0] for name in RELIABILITY_TESTS}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        name = "tests/" + case.get("classname", "").split(".")[-1] + ".py"
        if name in suites:
            suites[name][0] += 1
            suites[name][1] += case.find("failure") is None and case.find("error") is None and case.find("skipped") is None
    lines = [
        "# Reliability", "",
        "What the reliability tests cover and what they found. Regenerate this page with `invoke reliability`;",
        f"last run {datetime.date.today()} on {platform.system()} {platform.machine()}, Python {platform.python_version()}.", "",
        "## Bad input", "", "| figure | count |", "| --- | --- |",
        *(f"| {name} | {value} |" for name, value in _corpus_figures()),
        "", "Each malformed guide plants one defect (YAML syntax, tabs, byte-order mark, non-UTF-8 bytes, empty file,",
        "unclosed front matter, wrong types, YAML 1.1 booleans and base-60 numbers, duplicate keys, huge numbers, NaN and",
        "infinity, zero, negative and inverted amounts, unknown units, `u` and `µ` for micro, unknown nutrient, form, food,",
        "serving and life stage, supervised rows without a source, unknown and duplicate source ids, impossible dates,",
        "review dates out of order, placeholders naming no table, broken links, tables with amounts in the body) and is",
        "paired with the exact message it must produce. A 5 MB guide is refused by size before it is parsed.", "",
        "## Tests and outcomes", "", "| tests | what they check | passed |", "| --- | --- | --- |",
        *(f"| `{name}` | {what} | {suites[name][1]} of {suites[name][0]} |" for name, what in RELIABILITY_TESTS.items()),
        "", "## Faults injected", "",
        "- A build killed with SIGKILL while writing: the published site is byte for byte the one before; the next build",
        "  sweeps the killed build's folder.",
        "- Three builds at once (two local, one publish): the output is one complete build, never a mix, and one build",
        "  folder remains.",
        "- Builds failing on findings, broken links, a broken reference or a page without the disclaimer: the output",
        "  still points at the previous site.",
        "- `OUTPUT_PATH` outside the project: refused before anything is written; the folder is untouched.",
    ]
    target = ROOT / "docs" / "reliability.md"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {os.path.relpath(target)}")
    if result is None or result.exited:
        raise Exit("reliability: some tests failed; see above", code=1)


@task
def bench(c: Context, sizes: str = "100,1000,5000", repeat: int = 3) -> None:
    """Benchmark the project against plain Pelican on generated corpora: invoke bench --sizes 100,1000 --repeat 3."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import main

    report = main([int(s) for s in sizes.split(",")], repeat)
    print(report)


@task
def test(c: Context) -> None:
    """Run the whole test suite."""
    c.run(f"{sys.executable} -m pytest", pty=False)
