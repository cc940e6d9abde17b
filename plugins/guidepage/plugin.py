"""Wire the page extras into Pelican: attributes the theme reads on each guide and page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import signals

from dosecheck.document import display_path
from dosecheck.held import html_of
from dosecheck.help import HelpSource, HelpTopic, help_path, load_help

from .outline import outline, reading_minutes
from .related import neighbours, related
from .structured import medical_web_page


def _annotate(content: Any) -> None:
    """Give one guide or page its outline and reading time."""
    html = html_of(content)  # the HTML as read; `content` would resolve links again
    content.outline = outline(html)
    content.reading_minutes = reading_minutes(html)


def annotate_guide(article: Any, siteurl: str) -> None:
    """Give one guide what its page shows that does not depend on other guides: outline, reading time, structured data."""
    _annotate(article)
    article.structured_data = medical_web_page(article, siteurl)


def add_to_articles(generator: Any) -> None:
    """Give each guide its outline, reading time, related guides and neighbours in its topic."""
    articles = list(generator.articles)
    siteurl = generator.settings.get("SITEURL", "")
    nearby = related(articles)
    around = neighbours(articles)
    for i, article in enumerate(articles):
        annotate_guide(article, siteurl)
        article.related_guides = nearby[i]
        article.older_in_category, article.newer_in_category = around[i]


def add_to_pages(generator: Any) -> None:
    """Give each page its outline and reading time."""
    for page in generator.pages:
        _annotate(page)


def in_words(day: object) -> str:
    """Write a date as readers say it: 22 November 2026 (anything else as it is, so a missing date stays empty)."""
    return f"{day.day} {day:%B %Y}" if isinstance(day, datetime.date) else str(day)


@dataclass(frozen=True)
class HelpBoxes:
    """The get-help boxes for templates: `get_help.for_guide(slug, topic)`, `get_help.for_topic(name)`, `get_help.general()`.

    Holds only the file's name (Pelican pickles its settings); the file is read once per version of it.
    """

    path: str
    display: str

    def for_guide(self, slug: str, category: str) -> tuple[HelpTopic, list[HelpSource]]:
        """Return a guide's box and the sources it cites."""
        boxes = load_help(self.path, self.display)
        return self._with_sources(boxes.for_guide(slug, category))

    def for_topic(self, category: str) -> tuple[HelpTopic, list[HelpSource]]:
        """Return a topic page's box and the sources it cites."""
        return self._with_sources(load_help(self.path, self.display).for_category(category))

    def general(self) -> tuple[HelpTopic, list[HelpSource]]:
        """Return the home page's box and the sources it cites."""
        return self.for_topic("")

    def start_here(self) -> list[str]:
        """Return the slugs of the guides the home page offers first, in order."""
        return list(load_help(self.path, self.display).start_here)

    def _with_sources(self, topic: HelpTopic) -> tuple[HelpTopic, list[HelpSource]]:
        return topic, load_help(self.path, self.display).cited(topic)


def add_globals(pelican: Any) -> None:
    """Offer the templates `in_words`, for dates a reader reads (the `datetime` attribute keeps the ISO form), and `get_help`."""
    settings = pelican.settings
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), "in_words": in_words}
    path = help_path(settings)
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "get_help": HelpBoxes(str(path), display_path(str(path)))}


def minify_stylesheets(pelican: Any) -> None:
    """Write the theme's stylesheets minified: the source keeps its comments, a reader's phone gets none of them."""
    import rcssmin

    folder = Path(pelican.output_path) / pelican.settings.get("THEME_STATIC_DIR", "theme")
    for sheet in sorted(folder.rglob("*.css")):
        sheet.write_text(rcssmin.cssmin(sheet.read_text(encoding="utf-8")), encoding="utf-8")


def register() -> None:
    """Connect the receivers (Pelican holds receivers weakly)."""
    signals.initialized.connect(add_globals)
    signals.article_generator_finalized.connect(add_to_articles)
    signals.page_generator_finalized.connect(add_to_pages)
    signals.finalized.connect(minify_stylesheets)
