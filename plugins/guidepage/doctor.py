"""A page to print and show the doctor, one per guide: its key points, the safe amount, its checked tables, the medicines
to check with magnesium (content/data/interactions.yaml) and its sources, at `<guide address>doctor/`.

Every figure on the page is one the guide's checks already passed (its tables as rendered, the safe-amount card's
figures); the page types none. It is kept out of search engines (noindex), the sitemap and the search index.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pelican import signals
from pelican.generators import PelicanTemplateNotFound
from pelican.utils import get_relative_path, path_to_url

from dosecheck.datafile import DataFileError
from dosecheck.document import display_path
from dosecheck.interactions import Interactions, interactions_path, load_interactions
from dosecheck.reference import site_reference

from .tables import rebase_links, rebaser, table_blocks

logger = logging.getLogger(__name__)

TEMPLATE = "doctor"
FOLDER = "doctor/"


@dataclass(frozen=True)
class DoctorPage:
    """What the doctor page shows besides the guide's own attributes (title, safe_amount, sources)."""

    url: str
    save_as: str
    key_points: list[Markup]
    tables: list[Markup]
    interactions: Interactions


def default_url(article_url: str) -> str:
    """The doctor page's address pattern for a guide address pattern: a `doctor/` folder inside the guide's."""
    base = article_url if article_url.endswith("/") else article_url.rsplit(".", 1)[0] + "/"
    return base + FOLDER


def url_pattern(template: str) -> str:
    """A regular expression matching every address `template` gives (each {field} one path segment or more of one)."""
    return "^" + "[^/]+".join(re.escape(part) for part in re.split(r"\{[^}]*\}", template)) + "$"


def add_settings(pelican: Any) -> None:
    """Give the pages' address a default and keep them out of the sitemap."""
    settings = pelican.settings
    settings.setdefault("GUIDE_DOCTOR_URL", default_url(settings.get("ARTICLE_URL", "{slug}.html")))
    settings.setdefault("GUIDE_DOCTOR_SAVE_AS", settings["GUIDE_DOCTOR_URL"] + "index.html")
    sitemap = dict(settings.get("SITEMAP") or {})
    pattern = url_pattern(settings["GUIDE_DOCTOR_URL"])
    if pattern not in sitemap.get("exclude", ()):
        # A page for one reader to print is no place to land from a search engine (it also says noindex).
        sitemap["exclude"] = [*sitemap.get("exclude", ()), pattern]
        settings["SITEMAP"] = sitemap


def _interactions(settings: dict[str, Any]) -> Interactions | None:
    """The checked medicines list, or None for a site without the file or with a broken one.

    A broken file is the dose checker's to report, with every other finding, before anything is written
    (dosecheck.plugin.site_wide_findings), so `invoke check` and the build say the same thing.
    """
    path = interactions_path(settings)
    try:
        return load_interactions(path, display_path(str(path)), site_reference(settings))
    except DataFileError:
        return None


def _has_template(generator: Any) -> bool:
    try:
        generator.get_template(TEMPLATE)
    except PelicanTemplateNotFound:
        return False
    return True


def plan(generator: Any) -> None:
    """Give each guide outside the glossary the address of its doctor page (`doctor_url`), which its page links to.

    A site without the interactions file or a theme without the template gets no doctor pages and no links to them.
    """
    settings = generator.settings
    if not settings.get("GUIDE_DOCTOR_SAVE_AS") or _interactions(settings) is None or not _has_template(generator):
        logger.info("guidepage: no doctor pages (no GUIDE_DOCTOR_SAVE_AS, no %s, or no %s.html template)",
                    interactions_path(settings), TEMPLATE)
        return
    glossary = settings.get("GLOSSARY_CATEGORY")
    for article in generator.articles:
        if glossary and str(article.category) == glossary:
            continue  # a glossary entry explains a word; there is nothing of it to take to the doctor
        address = article.url_format
        article.doctor_url = settings["GUIDE_DOCTOR_URL"].format(**address)
        article.doctor_save_as = settings["GUIDE_DOCTOR_SAVE_AS"].format(**address)


def page_for(article: Any, interactions: Interactions, settings: dict[str, Any]) -> DoctorPage:
    """Gather a guide's doctor page: its key points and checked tables as the guide shows them, links moved to the new page."""
    # The content with the site's address as the guide's own page has it, so every link is written from the guide's folder.
    siteurl = path_to_url(get_relative_path(article.save_as)) if settings.get("RELATIVE_URLS") else settings.get("SITEURL", "")
    move = rebaser(article.url, article.doctor_url)
    return DoctorPage(
        url=article.doctor_url, save_as=article.doctor_save_as,
        key_points=[rebase_links(str(point), move) for point in getattr(article, "key_points", None) or []],
        tables=table_blocks(article.get_content(siteurl), move),
        interactions=interactions,
    )


def write(generator: Any, writer: Any) -> None:
    """Write each guide's doctor page through Pelican's writer, like every page: its base.html places the disclaimer."""
    settings = generator.settings
    planned = [a for a in generator.articles if getattr(a, "doctor_save_as", None)]
    if not planned:
        return
    interactions = _interactions(settings)
    assert interactions is not None  # plan() gave no guide an address without it
    template = generator.get_template(TEMPLATE)
    for article in planned:
        doctor = page_for(article, interactions, settings)
        # The guide goes in as `guide`, not `article`: the sitemap and base.html would take the page for the guide itself.
        writer.write_file(doctor.save_as, template, generator.context, relative_urls=settings.get("RELATIVE_URLS", False),
                          url=doctor.url, guide=article, doctor=doctor)


def register() -> None:
    """Connect the receivers (Pelican holds receivers weakly)."""
    signals.initialized.connect(add_settings)
    signals.article_generator_finalized.connect(plan)
    signals.article_writer_finalized.connect(write)
