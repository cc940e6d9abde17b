"""The journal's service worker: the list of files it keeps for offline use, and its text with that list filled in."""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Sequence
from pathlib import Path

SOURCE = Path(__file__).with_name("sw.js")
WORKER_NAME = "sw.js"  # beside the page: a service worker controls the pages of its own folder and below
# The theme's files the journal page loads, from the theme's static folder; the journal's modules are added by glob.
THEME_FILES = ("css/site.css", "css/print.css", "css/journal.css", "favicon.svg")
MODULES = "js/journal"


def theme_files(static: Path) -> list[str]:
    """List the theme files the page needs offline, relative to the theme's static folder: stylesheets, icon, modules."""
    return [*THEME_FILES, *sorted(f"{MODULES}/{m.name}" for m in (static / MODULES).glob("*.mjs"))]


def worker_text(page_save_as: str, static_dir: str, files: Sequence[str], static: Path) -> str:
    """Return the worker's script: its files as addresses relative to it, and a cache name that changes with them."""
    folder = posixpath.dirname(page_save_as) or "."
    addresses = ["./", *(posixpath.relpath(f"{static_dir}/{name}", folder) for name in files)]
    digest = hashlib.sha256("\n".join(addresses).encode())
    for name in files:
        digest.update((static / name).read_bytes())
    text = SOURCE.read_text(encoding="utf-8")
    return text.replace("__CACHE__", f"mg-journal-{digest.hexdigest()[:12]}").replace("__FILES__", json.dumps(addresses))
