"""Writer tasks: check, build, serve, new, publish, clean, test (run with `invoke`)."""

from __future__ import annotations

import contextlib
import datetime
import errno
import fcntl
import gzip
import logging
import os
import pickle
import re
import shutil
import string
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
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
    "serve_path": ".output-serve",  # what `invoke serve` serves: output/, or a preview of one edited guide
    "guides_path": "content/guides",
    "host": "127.0.0.1",
    "port": 8000,
    # The build refuses to run without these: a misspelt PLUGINS entry must not publish unchecked pages.
    "required_plugins": ("dosecheck", "disclaimer", "sitecheck", "refpage"),
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


def pelican_build(settings_file: str, overrides: dict[str, Any] | None = None, *, retried: bool = False) -> dict[str, Any]:
    """Run Pelican once (again once without the cache, if it is unreadable); raise Exit with a one-line reason on any failure."""
    from pelican import Pelican
    from pelican.log import init as init_logging

    _reset_sitemap()
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
        cache = Path(settings["CACHE_PATH"])  # read now: the dosecheck plugin narrows it to a versioned folder
        unreadable: Exception | None = None
        try:
            # Pelican rewrites its cache files in place: two runs at once (a build and a publish) would read
            # each other's half-written files, so runs sharing a cache take turns.
            with exclusive(cache / ".lock", needed=False):
                try:
                    pelican.run()
                except (EOFError, zlib.error, gzip.BadGzipFile, pickle.UnpicklingError) as exc:
                    if retried:
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
            raise Exit(f"build failed: {disk_problem(exc)}", code=1) from None
        except Exception as exc:
            if getattr(exc, "writer_facing", False):
                raise Exit(f"build failed: {exc}", code=1) from None
            raise
        if unreadable is not None:
            print(f"warning: the content cache in {os.path.relpath(cache)} was unreadable ({type(unreadable).__name__}); "
                  "rebuilding without it", file=sys.stderr)
            return pelican_build(settings_file, overrides, retried=True)
        if counter.messages:
            raise Exit(f"build failed: Pelican reported {len(counter.messages)} error(s) above, first: {counter.messages[0]}", code=1)
        return settings
    finally:
        logging.getLogger().removeHandler(counter)


def _reset_sitemap() -> None:
    """Give pelican-sitemap a fresh start, as in a new process."""
    # The plugin keeps the pages it queued, and the build it waits for, in one module-level object; after a
    # build that failed midway (a finding, a broken link), the next build in the same process (`invoke serve`,
    # the tests) would be taken for another site and written without a sitemap.
    sitemap = sys.modules.get("pelican.plugins.sitemap.sitemap")
    if sitemap is not None:
        sitemap.generator.__init__()


# Pagefind writes these into pagefind/; the search page loads the last two when a reader first searches.
SEARCH_BUNDLE = ("pagefind-entry.json", "pagefind.js", "wasm.en.pagefind")


def index_search(site: Path) -> None:
    """Index a built site with Pagefind into site/pagefind/; raise Exit with a one-line reason on any failure."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site)]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Exit(f"build failed: Pagefind could not index the site: {exc}", code=1) from None
    lines = [line.strip() for line in (result.stderr + "\n" + result.stdout).splitlines() if line.strip()]
    if result.returncode != 0:
        errors = [n for n, line in enumerate(lines) if line.startswith("Error")]
        if errors:
            # Pagefind puts the detail of "Error loading Pagefind config:" on the next line.
            reason = " ".join(lines[errors[0]:errors[0] + 2]) if lines[errors[0]].endswith(":") else lines[errors[0]]
        else:
            reason = lines[-1] if lines else f"exit code {result.returncode}"
        raise Exit(f"build failed: Pagefind could not index the site: {reason}", code=1)
    check_index(site)


def check_index(site: Path) -> None:
    """Refuse a search index with a file missing or empty (a disk that filled while Pagefind wrote, say)."""
    missing = [name for name in SEARCH_BUNDLE if not (site / "pagefind" / name).is_file()]
    if missing:
        raise Exit(f"build failed: Pagefind did not write pagefind/{', pagefind/'.join(missing)}", code=1)
    empty = sorted(str(f.relative_to(site)) for f in (site / "pagefind").rglob("*") if f.is_file() and f.stat().st_size == 0)
    if empty:
        raise Exit(f"build failed: Pagefind wrote {len(empty)} empty file(s), first {empty[0]}; the disk may be full;"
                   " the previous site is unchanged", code=1)


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


def builds_folder(output: Path) -> Path:
    """Return the folder that holds an output's builds and previews: `.output-builds` beside `output`."""
    return output.parent / f".{output.name}-builds"


@contextlib.contextmanager
def exclusive(lock_file: Path, *, needed: bool = True) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` (made if missing) while the block runs; other processes wait their turn.

    With `needed` false, a lock that cannot be made is done without: what it guards cannot be written either.
    """
    with contextlib.ExitStack() as stack:
        try:
            lock_file.parent.mkdir(parents=True, exist_ok=True)
            lock = stack.enter_context(open(lock_file, "w"))
        except OSError:
            if needed:
                raise
        else:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def point(link: Path, target: Path) -> None:
    """Make `link` a symbolic link to `target` in one atomic step."""
    temporary = link.parent / f".{link.name}.link-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(os.path.relpath(target, link.parent))
    os.replace(temporary, link)


def _sweep(builds: Path) -> None:
    """Remove staging folders left by builds that were killed."""
    for staging in builds.glob("staging-*"):
        pid = staging.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def disk_problem(exc: OSError) -> str:
    """Say in one line what went wrong writing or reading a file, and what to do."""
    where = f" ({os.path.relpath(exc.filename)})" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return f"the disk is full{where}: free some space and build again; the previous site is unchanged"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write{where}: {exc.strerror}; make the project folder writable; the previous site is unchanged"
    if exc.errno == errno.EFBIG:
        return f"a file grew past the size this system allows{where}; the previous site is unchanged"
    return f"{exc.strerror or exc}{where}; the previous site is unchanged"


def atomic_build(settings_file: str) -> tuple[dict[str, Any], Path, int]:
    """Build into a private folder and switch the output to it only when the build succeeded; return the settings, output and page count."""
    final = _output_folder(_settings(settings_file))
    builds = builds_folder(final)
    try:
        builds.mkdir(exist_ok=True)
        _sweep(builds)
        staging = Path(tempfile.mkdtemp(prefix=f"staging-{os.getpid()}-", dir=builds))
    except OSError as exc:
        raise Exit(f"build failed: {disk_problem(exc)}", code=1) from None
    try:
        settings = pelican_build(settings_file, {"OUTPUT_PATH": str(staging)})
        # Indexed before the switch, so a site is never published without its search index.
        index_search(staging)
        # Counted before the switch: once switched, a build finishing next may remove this site.
        pages = _count_pages(staging)
        _switch(final, staging, builds)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise Exit(f"build failed: {disk_problem(exc)}", code=1) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return settings, final, pages


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


@task
def check(c: Context, settings: str = CONFIG["settings_base"]) -> None:
    """Validate every guide and page against the reference; write nothing."""
    from dosecheck.plugin import check_without_building
    from dosecheck.reference import ReferenceFileError
    from dosecheck.report import emit, summary
    from dosecheck.site import source_files

    config = _settings(settings)
    try:
        findings = check_without_building(config)
    except ReferenceFileError as exc:
        raise Exit(f"check failed: {exc}", code=1) from None
    emit(findings)
    files = sum(1 for _ in source_files(config))
    if any(f.severity == "error" for f in findings):
        raise Exit(f"check failed: {summary(findings)}", code=1)
    print(f"checked {files} files: {summary(findings)}")


@task
def build(c: Context) -> None:
    """Check and build the site into output/ with the local settings; a failed build keeps the last site."""
    _settings_used, output, pages = atomic_build(CONFIG["settings_base"])
    print(f"built {pages} pages into {os.path.relpath(output)}/")
    print(f"view it with: invoke serve  (then open http://{CONFIG['host']}:{CONFIG['port']}/)")


@task
def publish(c: Context) -> None:
    """Check and build the site with the publishing settings; a failed build keeps the last site."""
    settings, output, pages = atomic_build(CONFIG["settings_publish"])
    print(f"published {pages} pages into {os.path.relpath(output)}/ for {settings['SITEURL']}")


@task(name="reference-review", help={"reviewer": "who reviewed the changes (asked for when left out)"})
def reference_review(c: Context, reviewer: str = "") -> None:
    """Show every value changed in reference.yaml since its last review, and record the review."""
    from dosecheck.reader import reference_path
    from dosecheck.review import last_review, pending, record

    reference = Path(reference_path(_settings(CONFIG["settings_base"])))
    changes = pending(reference)
    last = last_review(reference)
    if not changes:
        print(f"{os.path.relpath(reference)} is as reviewed on {last.date} by {last.reviewer}; nothing to review" if last else "nothing to review")
        return
    print(f"{len(changes)} change(s) in {os.path.relpath(reference)} since "
          f"{f'the review of {last.date} by {last.reviewer}' if last else 'records began'}:")
    for change in changes:
        print(f"  {change.describe()}")
    if not reviewer.strip():
        if not sys.stdin.isatty():
            raise Exit("reference-review: say who reviewed the changes: invoke reference-review --reviewer \"Name, role\"", code=1)
        reviewer = input("Reviewed by (name and role): ")
    if not reviewer.strip():
        raise Exit("reference-review: nothing recorded: a review needs the reviewer's name", code=1)
    entry = record(reference, reviewer.strip(), datetime.date.today())
    print(f"recorded the review by {entry.reviewer} on {entry.date} (sha256 {entry.sha256[:12]}); commit both files beside the reference")


@task
def clean(c: Context) -> None:
    """Remove the built site and the content cache."""
    for folder in (CONFIG["deploy_path"], CONFIG["serve_path"], "cache", f".{CONFIG['deploy_path']}-builds"):
        path = ROOT / folder
        if path.is_symlink():
            path.unlink()
            print(f"removed {folder}")
        elif path.is_dir():
            shutil.rmtree(path)
            print(f"removed {folder}/")


class Preview:
    """What `invoke serve` keeps of its last full build, to put one edited guide's page on disk at once.

    Pelican has no incremental build: after any edit it writes every page. While serving, an edited
    guide is first read, checked and written on its own into a preview, a copy of the last good site made
    of hard links (its related guides and neighbours as in the last build), and the server is pointed at
    the preview; the full, atomic build follows and, only when it passes, replaces output/ and is served.
    output/ itself never holds a page the full build has not passed.
    """

    def __init__(self) -> None:
        self.generator: Any = None
        self.stamps: dict[Path, float] = {}
        self.previews = 0

    def remember(self, generator: Any, writer: Any = None) -> None:
        """Keep the articles generator of the build that just wrote its pages."""
        self.generator = generator

    @contextlib.contextmanager
    def watching(self, content: Path) -> Iterator[None]:
        """Remember the generator of the build run inside, and, when it succeeds, the guides' modification times."""
        from pelican import signals

        signals.article_writer_finalized.connect(self.remember)
        try:
            yield
        finally:
            signals.article_writer_finalized.disconnect(self.remember)
        self.stamps = self._stamps(content)

    def edited_guide(self, content: Path) -> Path | None:
        """Return the one guide changed since the last build, or None when nothing or more than that changed."""
        now = self._stamps(content)
        changed = [path for path, stamp in now.items() if self.stamps.get(path) != stamp]
        gone = set(self.stamps) - set(now)
        return changed[0] if len(changed) == 1 and not gone and self.generator is not None else None

    def rewrite(self, source: Path, output: Path, served: Path | None = None) -> Path | None:
        """Read, check and write one guide's page into a preview of `output`, served at `served` (a link) when given;
        None when the guide has errors or is new."""
        from guidepage.outline import outline, reading_minutes
        from pelican.contents import Article
        from pelican.writers import Writer
        from sitecheck.pages import secure_external_links

        from disclaimer.plugin import add_to_content
        from dosecheck.findings import errors

        generator = self.generator
        old = next((a for a in generator.articles if Path(a.source_path) == source), None)
        if old is None:
            return None  # a new guide changes listings: only the full build can place it
        article = generator.readers.read_file(base_path=generator.path, path=str(source), content_class=Article,
                                              context=generator.context)
        # A guide with errors, or one whose address moved, waits for the full build, which reports it.
        if errors(article.metadata.get("dosecheck_findings", [])) or article.save_as != old.save_as:
            return None
        for name in ("related_guides", "older_in_category", "newer_in_category"):
            setattr(article, name, getattr(old, name, None))
        article.outline, article.reading_minutes = outline(article._content), reading_minutes(article._content)
        generator.articles[generator.articles.index(old)] = article
        generator.context["generated_content"][article.get_relative_source_path()] = article
        add_to_content([generator])
        site = self._preview_of(output.resolve(), builds_folder(output))
        (site / article.save_as).unlink(missing_ok=True)  # a hard link: writing in place would change output/ too
        writer = Writer(str(site), settings=generator.settings)
        writer.write_file(article.save_as, generator.get_template(article.template), generator.context,
                          relative_urls=generator.settings["RELATIVE_URLS"], article=article,
                          category=article.category, url=article.url, blog=True)
        page = site / article.save_as
        # What the full build's last step does to every page (sitecheck), so the page matches it.
        html = page.read_text(encoding="utf-8")
        secured = secure_external_links(html, generator.settings.get("SITEURL", ""))
        if secured != html:
            page.write_text(secured, encoding="utf-8")
        self.stamps[source] = source.stat().st_mtime
        if served is not None:
            point(served, site)
        return page

    def _preview_of(self, site: Path, builds: Path) -> Path:
        """Copy a site as hard links (milliseconds: no page is read or written) into a new preview folder."""
        self.previews += 1
        preview = builds / f"preview-{os.getpid()}-{self.previews}"
        shutil.rmtree(preview, ignore_errors=True)
        shutil.copytree(site, preview, copy_function=os.link, symlinks=True)
        return preview

    @staticmethod
    def settle(served: Path, output: Path) -> None:
        """Serve the site a full build just published, and remove the previews it replaces."""
        point(served, output.resolve())
        for preview in builds_folder(output).glob(f"preview-{os.getpid()}-*"):
            shutil.rmtree(preview, ignore_errors=True)

    @staticmethod
    def _stamps(content: Path) -> dict[Path, float]:
        """Map every guide file under the content folder to its modification time."""
        return {path: path.stat().st_mtime for path in content.rglob("*.md")}


@task
def serve(c: Context) -> None:
    """Build, serve on localhost, and rebuild with live reload when a source changes."""
    from livereload import Server

    preview = Preview()
    content = ROOT / _settings(CONFIG["settings_base"])["PATH"]
    output = ROOT / CONFIG["deploy_path"]
    served = ROOT / CONFIG["serve_path"]

    def rebuild() -> None:
        edited = preview.edited_guide(content) if output.exists() else None
        if edited is not None:
            page = preview.rewrite(edited, output, served)
            if page is not None:
                print(f"previewing {os.path.relpath(page)}; rebuilding the rest")
        try:
            with preview.watching(content):
                atomic_build(CONFIG["settings_base"])
            preview.settle(served, output)
            print("rebuilt")
        except Exit as exc:
            # output/ keeps the last good site; the server shows the preview, if any; the findings are printed above.
            print(exc.message, file=sys.stderr)

    rebuild()
    if not output.exists():
        raise Exit("serve: the first build failed; fix the findings above and run invoke serve again", code=1)
    if not served.exists():
        point(served, output.resolve())
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(pattern, rebuild)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["serve_path"])


# $title and $today are filled in; everything else is written as is, checked figures included.
GUIDE_TEMPLATE = """---
title: $title
date: $today
category: Benzodiazepine withdrawal
tags: [magnesium]
summary: One or two plain sentences for listings and search results.
last_reviewed: $today
# next_review_due: defaults to a year after last_reviewed
# reviewed_by: {name: ..., credentials: ...}
sources:
  - id: ods-magnesium
    title: "Magnesium: Fact Sheet for Health Professionals"
    publisher: NIH Office of Dietary Supplements
    url: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/
    kind: fact-sheet
foods:
  - food: spinach, boiled
    serving: 1/2 cup
    magnesium_mg: 78
    note: "A full cup holds {{food: spinach, boiled; 1 cup}}"
forms:
  - form: glycinate
    note: One line on why a reader might choose it.
doses:
  - caption: Recommended daily intake by age
    kind: intake
    rows:
      - {life_stage: 19-30 years, sex: male, amount: 400 mg/day}
      - {life_stage: 19-30 years, sex: female, amount: 310 mg/day}
  - caption: Supplement amounts
    kind: supplement
    rows:
      - {form: glycinate, amount: 100-350 mg/day, basis: elemental}
faqs:
  - q: A question readers ask?
    a: >-
      A plain answer, in Markdown. Amounts are checked figures: the adult upper limit for
      supplements is {{limit: adults}}.
---

Write the guide here. Every amount is a checked figure, such as the recommended intake for
adults, {{intake: adults}}, or a supplement amount, {{dose: 100-350 mg/day; glycinate}}
(docs/writing-guides.md lists them all). Place the checked tables where they belong:

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
    text = string.Template(GUIDE_TEMPLATE).substitute(title=quoted, today=datetime.date.today().isoformat())
    target.write_text(text, encoding="utf-8")
    print(f"created {os.path.relpath(target)}; edit it, then run: invoke check")


RELIABILITY_TESTS = {
    "tests/test_corpus.py": ("Bad-input corpus: each malformed guide gives its exact findings; "
                             "`invoke check` and `invoke build` refuse the whole corpus in one run"),
    "tests/test_reference.py": "Broken reference files name the entry; the real reference holds what the site needs",
    "tests/test_properties.py": ("Property tests (hypothesis, 150 random inputs per parser property, 40 per validator property): "
                                 "parsers and validators return a value or the project's own error"),
    "tests/test_atomic.py": ("Atomic builds: failed, killed and concurrent builds, writes that fail midway, blocked folders;"
                             " output folder outside the project refused"),
    "tests/test_escaping.py": "Injection payloads in every front-matter string: HTML, attributes, JSON-LD, feeds",
    "tests/test_sitecheck.py": "External links secured; broken internal links and #anchors fail the build",
    "tests/test_content.py": "The real site: tables, sources, review dates, disclaimer, CSP, corrected seed figures",
    "tests/test_visible.py": "Every page of the real site: no mass or molar amount outside an element naming its reference",
    "tests/test_review.py": "Reference reviews: an edited limit warns on build, fails publish naming the value, passes after a recorded review",
    "tests/test_disclaimer.py": "The notice counts only where a reader sees it: not in a comment, script or template, not hidden, before the content",
    "tests/test_preview.py": "invoke serve: an edit is previewed from a copy; output/ changes only when the full build passes",
}


def _corpus_figures() -> list[tuple[str, str]]:
    """Run every bad input through the checks in-process and count the outcomes."""
    from dosecheck.document import read_document
    from dosecheck.reference import ReferenceFileError, load_reference
    from dosecheck.validate import validate

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
        "review dates out of order, placeholders naming no table, broken links, tables with amounts in the body; amounts",
        "outside checked figures in every place a reader sees text and in every spelling, checked figures that name",
        "nothing or claim what the reference does not say, rows that would mislead) and is paired with the exact message",
        "it must produce. A 5 MB guide is refused by size before it is parsed.", "",
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


# Audit: Lighthouse on the built site. The helpers below are shared with the browser tests.

CHROMIUM_MISSING = "Chromium not found: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH"
# Sandboxing needs user namespaces a container or root lacks; the rest stop Chromium calling Google hosts.
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync")
AUDIT_GUIDE = "content/guides/magnesium-akathisia.md"


def find_chromium() -> str | None:
    """Return the Chromium to drive: CHROMIUM_PATH if set, else chromium or chromium-browser on PATH."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    return shutil.which("chromium") or shutil.which("chromium-browser")


def serve_static(folder: Path) -> tuple[Any, str]:
    """Serve a built site on a free localhost port from a thread, as a static host would; return the server and its origin."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        """Files, a folder's index.html, and 404.html with status 404 for anything missing."""

        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
                          ".svg": "image/svg+xml", ".json": "application/json"}

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """Answer a missing path with the site's own 404 page, when it has one."""
            page = Path(self.directory) / "404.html"
            if code != 404 or not page.is_file():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            """Keep quiet: every request would otherwise print a line."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def page_path(output: Path, title: str) -> str | None:
    """Return the address (from the site root) of the built page whose first <h1> is `title`."""
    from html import unescape

    for file in sorted(output.rglob("index.html")):
        heading = re.search(r"<h1\b[^>]*>(.*?)</h1>", file.read_text(encoding="utf-8"), re.DOTALL)
        if heading and " ".join(unescape(re.sub(r"<[^>]+>", "", heading.group(1))).split()) == title:
            folder = file.parent.relative_to(output).as_posix()
            return "/" if folder == "." else f"/{folder}/"
    return None


def guide_title(source: str) -> str:
    """Read a guide's title from its front matter."""
    from dosecheck.document import read_document
    from dosecheck.guide_schema import validate_front

    guide, _parts, _findings = validate_front(read_document(ROOT / source, source, "guide"))
    if guide is None:
        raise Exit(f"{source} does not read as a guide; run invoke check", code=1)
    return guide.title


def _lighthouse(lighthouse: Path, chromium: str, url: str, preset: str) -> dict[str, Any] | str:
    """Run Lighthouse once; return its JSON report, or why it failed."""
    import json
    import subprocess

    flags = " ".join(("--headless=new", *CHROMIUM_FLAGS))
    command = [str(lighthouse), url, "--output=json", "--quiet", f"--chrome-flags={flags}"]
    if preset == "desktop":
        command.append("--preset=desktop")  # mobile is Lighthouse's default
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=300)
    if result.returncode != 0:
        return (result.stderr.strip().splitlines() or [f"exit code {result.returncode}"])[-1]
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        return f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}"
    return report


@task
def audit(c: Context, guide: str = AUDIT_GUIDE) -> None:
    """Run Lighthouse, mobile and desktop, on the built home page, a guide, the reference page and a search; print a table."""
    output = (ROOT / CONFIG["deploy_path"]).resolve()
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    chromium = find_chromium()
    if not (output / "index.html").is_file():
        raise Exit("audit: no built site in output/; run invoke build first", code=1)
    if not lighthouse.exists():
        raise Exit("audit: Lighthouse is not installed; run npm ci --ignore-scripts (make audit does)", code=1)
    if chromium is None:
        raise Exit(f"audit: {CHROMIUM_MISSING}", code=1)
    guide_path = page_path(output, guide_title(guide))
    if guide_path is None:
        raise Exit(f"audit: {guide} is not in output/; run invoke build first", code=1)
    server, origin = serve_static(output)
    rows, failures = [], []
    try:
        for name, path in (("home", "/"), ("guide", guide_path), ("reference", "/reference/"), ("search", "/search/?q=sleep")):
            for preset in ("mobile", "desktop"):
                report = _lighthouse(lighthouse, chromium, origin + path, preset)
                if isinstance(report, str):
                    failures.append(f"{path} ({preset}): {report}")
                    rows.append(f"| {name} `{path}` | {preset} | failed | | | | | |")
                    continue
                scores = [report["categories"][k]["score"] for k in ("performance", "accessibility", "best-practices", "seo")]
                audits = report["audits"]
                requests = len(audits["network-requests"]["details"]["items"])
                rows.append(f"| {name} `{path}` | {preset} | " + " | ".join("n/a" if s is None else str(round(s * 100)) for s in scores)
                            + f" | {round(audits['total-byte-weight']['numericValue']):,} | {requests} |")
    finally:
        server.shutdown()
    print("| page | preset | Performance | Accessibility | Best Practices | SEO | total bytes | requests |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    if failures:
        raise Exit("audit: Lighthouse failed on " + "; ".join(failures), code=1)
