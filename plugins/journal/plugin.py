"""Wire the journal into Pelican: a small generator that writes its page with the theme's template, and its worker."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator, PelicanTemplateNotFound

from dosecheck.reference import site_reference

from .data import journal_data
from .offline import WORKER_NAME, theme_files, worker_text

logger = logging.getLogger(__name__)

TEMPLATE = "journal"
DEFAULTS = {"JOURNAL_URL": "journal/", "JOURNAL_SAVE_AS": "journal/index.html"}


class JournalGenerator(Generator):  # type: ignore[misc]  # Pelican is untyped (no stubs), so its Generator is Any
    """Write the journal page, with the reference's figures embedded, and its service worker, every build."""

    def generate_output(self, writer: Any) -> None:
        """Render the page through Pelican's writer, like every page (its base.html places the disclaimer), then the worker beside it."""
        save_as = self.settings.get("JOURNAL_SAVE_AS")
        if not save_as:
            return
        try:
            template = self.get_template(TEMPLATE)
        except PelicanTemplateNotFound:
            return  # add_settings has said so and blanked the link
        data = journal_data(site_reference(self.settings))  # the reference as the checks load it, parsed once
        writer.write_file(save_as, template, self.context, relative_urls=self.settings["RELATIVE_URLS"],
                          url=self.settings["JOURNAL_URL"], journal=data)
        static_dir = self.settings.get("THEME_STATIC_DIR", "theme")
        static = Path(self.settings["THEME"]) / "static"
        worker = Path(self.output_path) / posixpath.dirname(save_as) / WORKER_NAME
        worker.parent.mkdir(parents=True, exist_ok=True)
        worker.write_text(worker_text(save_as, static_dir, theme_files(static), static), encoding="utf-8")


def add_settings(pelican: Any) -> None:
    """Give the journal's address a default, so templates can link it (JOURNAL_URL) before it is written; with a
    theme that has no journal template (a test theme), write no journal and link none."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    if not (Path(settings["THEME"]) / "templates" / f"{TEMPLATE}.html").is_file():
        logger.warning("journal: the theme has no %s.html template; the journal is not written", TEMPLATE)
        settings["JOURNAL_URL"] = settings["JOURNAL_SAVE_AS"] = ""


def get_generators(pelican: Any) -> type[Generator]:
    """Add the journal's generator to the build."""
    return JournalGenerator


def register() -> None:
    """Connect the module-level receivers (Pelican holds receivers weakly)."""
    signals.initialized.connect(add_settings)
    signals.get_generators.connect(get_generators)
