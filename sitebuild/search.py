"""The search index: Pagefind run over a finished build, and a check that it wrote every file it should."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import BuildError

# Pagefind writes these into pagefind/; the search page loads the last two when a reader first searches.
SEARCH_BUNDLE = ("pagefind-entry.json", "pagefind.js", "wasm.en.pagefind")


class SearchIndex:
    """Pagefind indexing a written site in its own process, so the build's last checks can read the site meanwhile."""

    def __init__(self, root: Path, site: Path) -> None:
        """Start indexing `site` into site/pagefind/."""
        self.site = site
        self.failure: str | None = None  # why Pagefind could not start
        command = [sys.executable, "-m", "pagefind", "--site", str(site)]
        try:
            self.process: subprocess.Popen[str] | None = subprocess.Popen(
                command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except OSError as exc:
            self.process, self.failure = None, str(exc)

    def finish(self) -> None:
        """Wait for the index; raise BuildError with a one-line reason on any failure."""
        if self.process is None:
            raise BuildError(f"build failed: Pagefind could not index the site: {self.failure}")
        try:
            stdout, stderr = self.process.communicate(timeout=600)
        except subprocess.TimeoutExpired as exc:
            self.stop()
            raise BuildError(f"build failed: Pagefind could not index the site: {exc}") from None
        lines = [line.strip() for line in (stderr + "\n" + stdout).splitlines() if line.strip()]
        if self.process.returncode != 0:
            errors = [n for n, line in enumerate(lines) if line.startswith("Error")]
            if errors:
                # Pagefind puts the detail of "Error loading Pagefind config:" on the next line.
                reason = " ".join(lines[errors[0]:errors[0] + 2]) if lines[errors[0]].endswith(":") else lines[errors[0]]
            else:
                reason = lines[-1] if lines else f"exit code {self.process.returncode}"
            raise BuildError(f"build failed: Pagefind could not index the site: {reason}")
        check_index(self.site)

    def stop(self) -> None:
        """Stop indexing (the build failed, so the site it indexes is removed)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def index_search(root: Path, site: Path) -> None:
    """Index a built site with Pagefind into site/pagefind/; raise BuildError with a one-line reason on any failure."""
    SearchIndex(root, site).finish()


def check_index(site: Path) -> None:
    """Refuse a search index with a file missing or empty (a disk that filled while Pagefind wrote, say)."""
    missing = [name for name in SEARCH_BUNDLE if not (site / "pagefind" / name).is_file()]
    if missing:
        raise BuildError(f"build failed: Pagefind did not write pagefind/{', pagefind/'.join(missing)}")
    empty = sorted(str(f.relative_to(site)) for f in (site / "pagefind").rglob("*") if f.is_file() and f.stat().st_size == 0)
    if empty:
        raise BuildError(f"build failed: Pagefind wrote {len(empty)} empty file(s), first {empty[0]}; the disk may be full;"
                         " the previous site is unchanged")
