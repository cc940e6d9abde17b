"""Page HTML held compressed: what goes in comes back, and a content object reads it through Pelican's hook."""

from __future__ import annotations

import copy
from pathlib import Path

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from support import build, guide_page

from dosecheck.held import HELD, Compressed, html_of, take_held_html

HTML = '<p>Up to <span class="figure" data-ref="fnb">350 mg a day</span> – “quoted”, ½, 镁.</p>\n' * 200


def test_held_html_comes_back_exactly_and_smaller() -> None:
    held = Compressed.of(HTML)
    assert held() == HTML
    assert len(held.data) < len(HTML.encode("utf-8")) / 5


def test_a_content_object_reads_held_html_through_pelicans_hook() -> None:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    article = Article("", metadata={"title": "A guide", HELD: Compressed.of(HTML)}, settings=settings, source_path="content/a.md")
    take_held_html(article)
    assert HELD not in article.metadata and not hasattr(article, HELD)
    assert html_of(article) == HTML
    assert article.content == HTML  # what Pelican renders into the page


def test_a_built_guide_shows_the_html_its_reader_held(site: Path) -> None:
    page = guide_page(build(site))
    assert page.find("table", class_="checked-table") is not None
    assert "held_html" not in str(page)
