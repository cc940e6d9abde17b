"""Where a project's files are, and its Pelican settings as `pelican -s` reads them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Project:
    """A checkout: its folder and the names of what the steps read and write there."""

    root: Path
    settings_base: str = "pelicanconf.py"
    settings_publish: str = "publishconf.py"
    deploy_path: str = "output"
    serve_path: str = ".output-serve"  # what `invoke serve` serves: output/, or a preview of one edited guide
    guides_path: str = "content/guides"
    host: str = "127.0.0.1"
    port: int = 8000
    # The build refuses to run without these: a misspelt PLUGINS entry must not publish unchecked pages.
    required_plugins: tuple[str, ...] = ("dosecheck", "disclaimer", "sitecheck", "refpage")

    def settings(self, settings_file: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        """Read Pelican settings the way `pelican -s` does."""
        from pelican.settings import read_settings

        settings: dict[str, Any] = read_settings(str(self.root / settings_file), override=overrides or {})
        return settings

    @property
    def output(self) -> Path:
        """The published site's folder (a link to the latest finished build)."""
        return self.root / self.deploy_path
