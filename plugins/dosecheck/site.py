"""Find a site's guide and page files the way Pelican does, and check them all without building."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .document import MARKDOWN_EXTENSIONS, Kind, display_path
from .findings import Finding
from .reference import Reference
from .rules import ReviewPolicy
from .validate import read_document, validate

EXTENSIONS = tuple(f".{e}" for e in MARKDOWN_EXTENSIONS)


def source_files(settings: dict[str, Any]) -> Iterator[tuple[Path, Kind]]:
    """Yield every Markdown file under ARTICLE_PATHS (guides) and PAGE_PATHS (pages)."""
    root = Path(settings["PATH"])
    ignore = settings.get("IGNORE_FILES", [])
    groups: tuple[tuple[str, Kind, list[str]], ...] = (
        ("PAGE_PATHS", "page", settings.get("PAGE_EXCLUDES", [])),
        ("ARTICLE_PATHS", "guide", settings.get("ARTICLE_EXCLUDES", [])),
    )
    seen: set[Path] = set()
    for setting, kind, excludes in groups:
        excluded = {(root / e).resolve() for e in excludes}
        for base in settings.get(setting, []):
            for folder, dirs, files in os.walk(root / base, followlinks=True):
                here = Path(folder)
                dirs[:] = sorted(d for d in dirs if (here / d).resolve() not in excluded
                                 and not any(fnmatch.fnmatch(d, p) for p in ignore))
                for name in sorted(files):
                    file = here / name
                    if name.endswith(EXTENSIONS) and not any(fnmatch.fnmatch(name, p) for p in ignore) and file not in seen:
                        seen.add(file)
                        yield file, kind


def check_site(settings: dict[str, Any], ref: Reference) -> list[Finding]:
    """Validate every source file; the same findings a build reports, without building the site."""
    findings: list[Finding] = []
    root = Path(settings["PATH"])
    review = ReviewPolicy.from_settings(settings)
    for file, kind in source_files(settings):
        findings += validate(read_document(file, display_path(str(file)), kind), ref, file, root, review, settings.get("MARKDOWN"))
    return findings
