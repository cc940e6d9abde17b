"""Wire the checks into Pelican's signals; the checks themselves never import Pelican."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.cache import FileStampDataCacher
from pelican.contents import Article, Content, Page
from pelican.generators import PagesGenerator
from pelican.readers import _DISCARD

from .addresses import Address, check_addresses, generated, theme_templates
from .corrections import corrections_findings
from .datafile import DataFileError
from .document import MARKDOWN_EXTENSIONS, Kind, display_path, document_kind, read_document
from .findings import Finding, errors, in_order
from .held import take_held_html
from .help import help_path, unknown_guides
from .interactions import interactions_path, load_interactions
from .markup import config_key
from .reader import GuideReader
from .reference import Reference, reference_path, site_reference
from .report import emit, fail_if_errors
from .review import unreviewed_findings
from .rules.review import ReviewPolicy, check_overdue
from .settings import setting, validate_settings
from .site import map_files, source_files
from .snippets import check_snippets, snippet_files
from .validate import validate


def _cache_version(settings: dict[str, Any]) -> str:
    """Hash this package's source, the reference file and the settings the checks depend on: a cache written by other
    code, against another reference or with other Markdown settings is never read, so such an edit re-checks every guide."""
    digest = hashlib.sha256()
    for file in sorted([*Path(__file__).parent.rglob("*.py"), *Path(__file__).parent.glob("*.txt")]):
        digest.update(file.read_bytes())
    digest.update(Path(reference_path(settings)).read_bytes())
    # The shared sections are rendered into every guide that includes them: an edit to one re-renders those guides.
    for name, file in snippet_files(Path(settings["PATH"])).items():
        digest.update(name.encode() + file.read_bytes())
    # What else changes a file's findings or HTML: the Markdown set-up and which files are pages.
    digest.update(config_key(settings.get("MARKDOWN")).encode())
    # SITEURL decides which links are external (they get rel when read).
    digest.update(repr((settings.get("PAGE_PATHS"), settings.get("ARTICLE_PATHS"), settings.get("DOSECHECK_AUTHORITY"),
                        settings.get("SITEURL"))).encode())
    return digest.hexdigest()[:16]


class _NoTraceback(logging.Filter):
    """Print writer-facing failures as one line: they are the writer's to fix, not a crash."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop the traceback of any exception marked `writer_facing`."""
        if record.exc_info and getattr(record.exc_info[1], "writer_facing", False):
            record.exc_info = None
        return True


def start(pelican: Any) -> None:
    """Check the settings and load the reference before reading content, and keep the cache per code and reference version."""
    validate_settings(pelican.settings)
    site_reference(pelican.settings)
    base = Path(pelican.settings["CACHE_PATH"])
    current = f"dosecheck-{_cache_version(pelican.settings)}"
    for old in base.glob("dosecheck-*") if base.is_dir() else []:
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)  # caches for an older reference or code are never read again
    pelican.settings["CACHE_PATH"] = str(base / current)


@dataclass(frozen=True)
class _PreRead:
    """Read one file with a generator's own reader, as Pelican's `Readers.read_file` would before caching it."""

    reader: Any

    def __call__(self, item: tuple[Path, Kind]) -> tuple[str, dict[str, Any]] | None:
        """Return the file's HTML and metadata, or None to leave the file to Pelican (which then logs its error)."""
        try:
            content, metadata = self.reader.read(str(item[0]))
        except Exception:  # noqa: BLE001 - Pelican reads the file again in the build process and reports it there
            return None
        return content, {k: v for k, v in metadata.items() if v is not _DISCARD}


def preread(generator: Any) -> None:
    """Read a generator's new and changed guides on every core, into its content cache, before it reads them one by one.

    Pelican reads files in one process; each of ours is parsed, checked and rendered when read, which is most of a
    build. Put in the reader-level cache, the results are what Pelican finds for an unchanged file, so it takes them
    as they are (and saves them for the next build when caching is on).
    """
    settings = generator.settings
    readers = generator.readers
    if settings.get("CONTENT_CACHING_LAYER", "reader") != "reader":
        return
    kind: Kind = "page" if isinstance(generator, PagesGenerator) else "guide"
    # Pelican keys its cache by absolute path, as read_file makes it.
    files = [Path(os.path.abspath(file)) for file, k in source_files(settings) if k == kind]
    stale = [(file, kind) for file in files if readers.get_cached_data(str(file), (None, None))[0] is None]
    reader = readers.readers.get("md")
    if reader is None or not isinstance(reader, GuideReader):
        return
    for (file, _kind), read in zip(stale, map_files(stale, _PreRead(reader)), strict=True):
        if read is not None:
            # Stamped now, as Pelican stamps what it reads: an edit from here on is read again next build.
            readers._cache[str(file)] = (readers._get_file_stamp(str(file)), read)


def use_guide_reader(readers: Any) -> None:
    """Read Markdown with front matter that keeps line numbers."""
    for extension in GuideReader.file_extensions:
        readers.reader_classes[extension] = GuideReader


def kept_findings(metadata: Mapping[str, Any], source: Path, review: ReviewPolicy) -> list[Finding] | None:
    """Return the findings a file's reading kept (fresh or cached), with its review judged today; None if it kept none."""
    kept = metadata.get("dosecheck_findings")
    if kept is None:
        return None
    findings = list(kept)
    guide = metadata.get("guide_for_review")
    if guide is not None:
        lines = metadata.get("dosecheck_lines", {})
        path = kept[0].path if kept else display_path(str(source))
        findings += check_overdue(guide, path, lambda loc: lines.get(loc[0]), review)
    return findings


def site_findings(context: dict[str, Any], ref: Reference) -> list[Finding]:
    """Collect every source file's findings: kept from reading (fresh or cached), or from re-reading a dropped file."""
    findings: list[Finding] = []
    root = Path(context["PATH"])
    review = ReviewPolicy.from_settings(context)
    for relative, content in context["generated_content"].items():
        source = Path(context["PATH"], relative)
        kept = kept_findings(content.metadata, source, review) if content is not None else None
        if kept is not None:
            findings += kept
            continue
        if not source.name.endswith(tuple(f".{e}" for e in MARKDOWN_EXTENSIONS)):
            continue
        doc = read_document(source, display_path(str(source)), document_kind(str(source), context), root)
        dropped = validate(doc, ref, source, root, review, context.get("MARKDOWN"))
        findings += dropped
        if not errors(dropped):
            # Pelican dropped a file our checks pass: its own error names the reason.
            findings.append(Finding(doc.path, None, "file", "a file Pelican could not process", "see the error logged above it"))
    return in_order(findings)


def address_of(content: Any) -> Address:
    """Describe where a guide or page (a Pelican content object) is written, for the site-wide checks."""
    metadata = content.metadata
    category = getattr(content, "category", None)
    return Address(
        path=display_path(str(content.source_path)), kind="page" if isinstance(content, Page) else "guide",
        title=str(getattr(content, "title", "")), slug=str(getattr(content, "slug", "")), save_as=str(content.save_as),
        template=str(content.template), template_given="template" in metadata, slug_given="slug" in metadata,
        lines=metadata.get("dosecheck_lines", {}), category=getattr(category, "slug", None),
        tags=tuple(str(getattr(t, "slug", t)) for t in getattr(content, "tags", []) or []),
    )


def site_addresses(settings: dict[str, Any], addresses: list[Address]) -> list[Finding]:
    """Check the addresses, titles and templates of every guide and page against each other and the generated pages."""
    categories = {a.category for a in addresses if a.category}
    tags = {t for a in addresses for t in a.tags}
    theme = Path(settings["THEME"]) / "templates"
    overrides = [Path(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    return check_addresses(addresses, generated(settings, sorted(categories), sorted(tags)), theme_templates([theme, *overrides]))


@dataclass(frozen=True)
class _ReadJob:
    """Read one file as the build does, with the build's reader, and judge it as the build does."""

    settings: dict[str, Any]
    review: ReviewPolicy

    def __call__(self, item: tuple[Path, Kind]) -> tuple[list[Finding], Address | None]:
        """Return a file's findings and address."""
        file, kind = item
        _html, metadata = GuideReader(self.settings).read(str(file))
        return _judge(file, kind, metadata, self.settings, self.review)


def _judge(file: Path, kind: Kind, metadata: Mapping[str, Any], settings: dict[str, Any], review: ReviewPolicy,
           ) -> tuple[list[Finding], Address | None]:
    """Return the findings a file's reading kept, with its review judged today, and its address as Pelican makes it."""
    findings = kept_findings(metadata, file, review) or []
    content_class = Page if kind == "page" else Article
    try:
        content = content_class("", metadata=dict(metadata), settings=settings, source_path=str(file), context={})
        return findings, address_of(content)
    except Exception:  # noqa: BLE001 - a file Pelican cannot make a page of already has its findings
        return findings, None


def check_without_building(settings: dict[str, Any]) -> list[Finding]:
    """Check every guide and page as a build would, reusing the last build's reading of unchanged files (`invoke check`).

    Each file is read by the build's own reader (or taken from the build's cache when unchanged since), so the two
    agree on every finding; the files to read are spread over every core when there are many.
    """
    # A refused setting or a broken reference stops the check before any file is read, as it stops a build.
    validate_settings(settings)
    site_reference(settings)
    review = ReviewPolicy.from_settings(settings)
    previous = previous_reads(settings)
    judged: list[tuple[list[Finding], Address | None]] = []
    fresh: list[tuple[Path, Kind]] = []
    for file, kind in source_files(settings):
        metadata = previous.get(str(file))
        if metadata is not None:
            judged.append(_judge(file, kind, metadata, settings, review))
        else:
            fresh.append((file, kind))
    judged += map_files(fresh, _ReadJob(settings, review))
    findings = [f for found, _address in judged for f in found]
    addresses = [a for _found, a in judged if a is not None]
    return findings + site_wide_findings(settings, addresses)


def site_wide_findings(settings: dict[str, Any], addresses: list[Address]) -> list[Finding]:
    """Check what belongs to the whole site rather than one file: addresses, the reference's review, the data files
    readers see (get-help boxes, medicines to check), the corrections address and the shared sections."""
    return (site_addresses(settings, addresses) + reference_review_findings(settings) + help_findings(settings, addresses)
            + corrections_findings(settings) + interactions_findings(settings)
            + check_snippets(Path(settings["PATH"]), site_reference(settings), settings.get("MARKDOWN")))


def reference_review_findings(settings: dict[str, Any]) -> list[Finding]:
    """Report what changed in the reference since its last recorded review: DOSECHECK_UNREVIEWED says how gravely."""
    path = Path(reference_path(settings))
    return unreviewed_findings(path, display_path(str(path)), setting(settings, "DOSECHECK_UNREVIEWED"))


def interactions_findings(settings: dict[str, Any]) -> list[Finding]:
    """Check the medicines to check with magnesium, which each guide's page for the doctor lists."""
    path = interactions_path(settings)
    try:
        load_interactions(path, display_path(str(path)), site_reference(settings))
    except DataFileError as exc:
        return exc.findings
    return []


def help_findings(settings: dict[str, Any], addresses: list[Address]) -> list[Finding]:
    """Check the get-help boxes' file, and that each guide it names exists."""
    path = help_path(settings)
    display = display_path(str(path))
    try:
        return unknown_guides(path, display, [a.slug for a in addresses if a.kind == "guide"])
    except DataFileError as exc:
        return exc.findings


def previous_reads(settings: dict[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Return what the last build read of each file that has not changed since, from Pelican's content cache.

    The cache is kept per version of this package and of the reference (see `start`), so what it holds was checked
    by the same code against the same reference; `invoke check` re-reads only the files edited since.
    """
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return {}
    cache_settings = {**settings, "CACHE_PATH": str(Path(settings["CACHE_PATH"]) / f"dosecheck-{_cache_version(settings)}")}
    found: dict[str, Mapping[str, Any]] = {}
    for name in ("ArticlesGenerator-Readers", "PagesGenerator-Readers"):
        try:
            cache = FileStampDataCacher(cache_settings, name, True, True)
        except Exception:  # noqa: BLE001 - an unreadable cache only means every file is checked afresh
            continue
        for path in list(getattr(cache, "_cache", {})):
            _content, metadata = cache.get_cached_data(path, (None, None))
            if isinstance(metadata, dict):
                found[path] = metadata
    return found


def check(generators: list[Any]) -> None:
    """Fail once with every finding of the whole site; the tables were placed when each file was read."""
    context = generators[0].context
    findings = site_findings(context, site_reference(context))
    contents = [c for c in context["generated_content"].values() if c is not None and "dosecheck_findings" in c.metadata]
    findings += site_wide_findings(context, [address_of(c) for c in contents])
    emit(findings)
    fail_if_errors(findings, "nothing was written; fix them and build again")


def release_saved_caches(generators: list[Any]) -> None:
    """Drop each generator's in-memory content cache once it is saved to disk: Pelican would keep it to the end."""
    for generator in generators:
        readers = getattr(generator, "readers", None)
        if readers is not None and isinstance(getattr(readers, "_cache", None), dict):
            readers._cache = {}


def forget_written_html(_path: str, context: dict[str, Any]) -> None:  # noqa: ARG001 - the signal's argument
    """Drop the HTML Pelican memoises for each content object once a page is written (it would keep every page's)."""
    Content.get_content.cache.clear()


def register() -> None:
    """Connect the module-level receivers (Pelican holds receivers weakly)."""
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, _NoTraceback) for f in pelican_logger.filters):
        pelican_logger.addFilter(_NoTraceback())
    signals.initialized.connect(start)  # a broken reference fails before any content is read
    signals.readers_init.connect(use_guide_reader)  # our reader for every Markdown file
    signals.article_generator_init.connect(preread)  # changed guides read on every core, before Pelican reads
    signals.page_generator_init.connect(preread)
    signals.all_generators_finalized.connect(check)  # every file read, nothing written yet
    signals.all_generators_finalized.connect(release_saved_caches)  # caches were saved as each generator finished reading
    signals.content_object_init.connect(take_held_html)  # each guide and page, also when `invoke serve` reads one alone
    signals.content_written.connect(forget_written_html)
