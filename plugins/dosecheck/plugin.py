"""Wire the checks into Pelican's signals; the checks themselves never import Pelican."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

from pelican import signals

from .document import MARKDOWN_EXTENSIONS, display_path, document_kind
from .findings import Finding, errors
from .reader import GuideReader
from .reference import Reference, load_reference
from .render import place_tables
from .report import emit, fail_if_errors
from .rules import ReviewPolicy
from .validate import read_document, validate

logger = logging.getLogger(__name__)


def reference_path(settings: dict[str, Any]) -> str:
    """Return the reference file's path: DOSECHECK_REFERENCE, else PATH/data/reference.yaml."""
    return settings.get("DOSECHECK_REFERENCE") or os.path.join(settings["PATH"], "data", "reference.yaml")


def load(settings: dict[str, Any]) -> Reference:
    """Load the reference named by the settings (parsed once per version of the file)."""
    path = reference_path(settings)
    return load_reference(path, display_path(path))


def _code_version() -> str:
    """Hash this package's source, so a cache written by other code is never read."""
    digest = hashlib.sha256()
    for file in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


class _NoTraceback(logging.Filter):
    """Print writer-facing failures as one line: they are the writer's to fix, not a crash."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop the traceback of any exception marked `writer_facing`."""
        if record.exc_info and getattr(record.exc_info[1], "writer_facing", False):
            record.exc_info = None
        return True


def start(pelican: Any) -> None:
    """Load the reference before reading content, and keep the cache per code version."""
    load(pelican.settings)
    pelican.settings["CACHE_PATH"] = os.path.join(pelican.settings["CACHE_PATH"], f"dosecheck-{_code_version()}")


def use_guide_reader(readers: Any) -> None:
    """Read Markdown with front matter that keeps line numbers."""
    for extension in GuideReader.file_extensions:
        readers.reader_classes[extension] = GuideReader


def site_findings(context: dict[str, Any], ref: Reference) -> list[Finding]:
    """Validate every source file Pelican found, cached or not, dropped or not."""
    findings: list[Finding] = []
    root = Path(context["PATH"])
    review = ReviewPolicy.from_settings(context)
    for relative, content in context["generated_content"].items():
        doc = getattr(content, "guide_doc", None) if content is not None else None
        source = Path(context["PATH"], relative)
        if doc is None:
            if not source.name.endswith(tuple(f".{e}" for e in MARKDOWN_EXTENSIONS)):
                continue
            doc = read_document(source, display_path(str(source)), document_kind(str(source), context))
            dropped = validate(doc, ref, source, root, review)
            findings += dropped
            if not errors(dropped):
                # Pelican dropped a file our checks pass: its own error names the reason.
                findings.append(Finding(doc.path, None, "file", "a file Pelican could not process", "see the error logged above it"))
            continue
        findings += validate(doc, ref, source, root, review)
    return findings


def check_and_render(generators: list[Any]) -> None:
    """Check everything, fail once with every finding, else place the checked tables."""
    context = generators[0].context
    ref = load(context)
    findings = site_findings(context, ref)
    emit(findings)
    fail_if_errors(findings, "nothing was written; fix them and build again")
    for content in context["generated_content"].values():
        guide = getattr(content, "guide", None)
        if guide is not None:
            content._content = place_tables(content._content, guide, ref, getattr(content, "faq_answers", []))


def register() -> None:
    """Connect the module-level receivers (Pelican holds receivers weakly)."""
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, _NoTraceback) for f in pelican_logger.filters):
        pelican_logger.addFilter(_NoTraceback())
    signals.initialized.connect(start)  # a broken reference fails before any content is read
    signals.readers_init.connect(use_guide_reader)  # our reader for every Markdown file
    signals.all_generators_finalized.connect(check_and_render)  # every file read, nothing written yet
