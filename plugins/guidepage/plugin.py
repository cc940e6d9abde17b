"""Wire the page extras into Pelican: attributes the theme reads on each guide and page."""

from __future__ import annotations

import datetime
from typing import Any

from pelican import signals

from .outline import outline, reading_minutes
from .related import neighbours, related


def _annotate(content: Any) -> None:
    """Give one guide or page its outline and reading time."""
    html = content._content or ""  # the HTML as read; `content` would resolve links again
    content.outline = outline(html)
    content.reading_minutes = reading_minutes(html)


def add_to_articles(generator: Any) -> None:
    """Give each guide its outline, reading time, related guides and neighbours in its topic."""
    articles = list(generator.articles)
    nearby = related(articles)
    around = neighbours(articles)
    for i, article in enumerate(articles):
        _annotate(article)
        article.related_guides = nearby[i]
        article.older_in_category, article.newer_in_category = around[i]


def add_to_pages(generator: Any) -> None:
    """Give each page its outline and reading time."""
    for page in generator.pages:
        _annotate(page)


def in_words(day: object) -> str:
    """Write a date as readers say it: 22 November 2026 (anything else as it is, so a missing date stays empty)."""
    return f"{day.day} {day:%B %Y}" if isinstance(day, datetime.date) else str(day)


def add_filters(pelican: Any) -> None:
    """Offer the templates `in_words`, for dates a reader reads (the `datetime` attribute keeps the ISO form)."""
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}), "in_words": in_words}


def register() -> None:
    """Connect the receivers (Pelican holds receivers weakly)."""
    signals.initialized.connect(add_filters)
    signals.article_generator_finalized.connect(add_to_articles)
    signals.page_generator_finalized.connect(add_to_pages)
