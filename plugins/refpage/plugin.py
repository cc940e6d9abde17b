"""Wire the dose reference page into Pelican: a small generator that writes it with the theme's template."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator, PelicanTemplateNotFound

from dosecheck.reference import reference_path, site_reference
from dosecheck.review import last_review

from .calculator import LABEL_AMOUNTS, calc_data, precomputed
from .chart import render_chart
from .data import build_page
from .tables import reference_tables

logger = logging.getLogger(__name__)

TEMPLATE = "reference"
FOODS_CAPTION = "Magnesium per serving of each food"
DEFAULTS = {"REFPAGE_URL": "reference/", "REFPAGE_SAVE_AS": "reference/index.html"}


class ReferencePageGenerator(Generator):  # type: ignore[misc]  # Pelican is untyped (no stubs), so its Generator is Any
    """Write the dose reference page from the reference file, every build."""

    def generate_output(self, writer: Any) -> None:
        """Render the page through Pelican's writer, like every page: its base.html places the disclaimer."""
        save_as = self.settings.get("REFPAGE_SAVE_AS")
        if not save_as:
            return
        try:
            template = self.get_template(TEMPLATE)
        except PelicanTemplateNotFound:
            # A theme without the template (the simple theme, a test theme) builds without the page.
            logger.warning("refpage: the theme has no %s.html template; the dose reference page is not written", TEMPLATE)
            return
        page = build_page(site_reference(self.settings))  # parsed once per version of the file, shared with the checks
        review = last_review(Path(reference_path(self.settings)))
        rows = precomputed(page.forms.rows)
        writer.write_file(
            save_as,
            template,
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["REFPAGE_URL"],
            refpage=page,
            reference_review=review,
            foods_chart=render_chart(page.foods.rows, FOODS_CAPTION),
            calc_data=calc_data(page.forms.rows, page.upper_limits.adult_mg),
            tables=reference_tables(page, rows, LABEL_AMOUNTS, FOODS_CAPTION),
        )


def add_settings(pelican: Any) -> None:
    """Give the page's address a default, so templates can link it (REFPAGE_URL) before it is written."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def get_generators(pelican: Any) -> type[Generator]:
    """Add the page's generator to the build."""
    return ReferencePageGenerator


def register() -> None:
    """Connect the module-level receivers (Pelican holds receivers weakly)."""
    signals.initialized.connect(add_settings)
    signals.get_generators.connect(get_generators)
