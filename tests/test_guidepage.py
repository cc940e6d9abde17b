"""Guide page extras: outline, reading time, related guides, neighbours, and the home page that lists them."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidepage import related as related_module
from guidepage.outline import Heading, headings, outline, reading_minutes, word_count
from guidepage.related import neighbours, related
from markupsafe import Markup

SECTIONS = "".join(f'<h2 id="s{i}">Section <em>{i}</em> &amp; more</h2><p>Text.</p>' for i in range(1, 5))


def test_headings_keep_order_anchor_and_plain_text() -> None:
    assert headings(SECTIONS)[:2] == [Heading("s1", "Section 1 & more", Markup("Section 1 &amp; more")),
                                      Heading("s2", "Section 2 & more", Markup("Section 2 &amp; more"))]


def test_a_heading_keeps_its_checked_figure_and_drops_other_markup() -> None:
    figure = '<span class="figure" data-ref="fnb-dri-1997" title="UL">350 mg a day</span>'
    [heading] = headings(f'<h2 id="why">Why <a href="#x">{figure}</a></h2>')
    assert heading.title == "Why 350 mg a day"
    assert heading.html == Markup(f"Why {figure}")


def test_a_short_page_gets_no_outline_and_a_long_one_gets_every_section() -> None:
    three = SECTIONS.split('<h2 id="s4"')[0]
    assert outline(three) == []
    assert [h.anchor for h in outline(SECTIONS)] == ["s1", "s2", "s3", "s4"]


def test_headings_without_an_id_are_not_in_the_outline() -> None:
    assert headings("<h2>No anchor</h2>" + SECTIONS)[0].anchor == "s1"


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (1000, 5), (1001, 6)])
def test_reading_time_rounds_up_whole_minutes(words: int, minutes: int) -> None:
    html = "<p>" + " ".join(["<strong>word</strong>"] * words) + "</p>"
    assert word_count(html) == words
    assert reading_minutes(html) == minutes


@dataclass
class Item:
    """A guide as the picking sees it."""

    name: str
    tags: list[str]
    category: str
    day: int
    date: datetime.datetime = field(init=False)

    def __post_init__(self) -> None:
        self.date = datetime.datetime(2026, 1, self.day)


ITEMS = [
    Item("a", ["mg", "sleep", "anxiety"], "Symptoms", 1),
    Item("b", ["mg", "sleep", "anxiety"], "Symptoms", 2),
    Item("c", ["mg", "sleep"], "Withdrawal", 3),
    Item("d", ["mg"], "Withdrawal", 4),
    Item("e", ["other"], "Symptoms", 5),
]


def test_related_ranks_by_shared_tags_then_newest_and_never_lists_the_guide_itself() -> None:
    picked = related(ITEMS, limit=3)
    assert [i.name for i in picked[0]] == ["b", "c", "d"]
    assert [i.name for i in picked[3]] == ["c", "b", "a"]  # one shared tag each: newest first
    assert picked[4] == []


def test_related_looks_only_at_the_newest_guides_of_a_crowded_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(related_module, "CANDIDATES_PER_TAG", 2)
    # "mg" offers only d and c (the newest two), so b, sharing three tags with a, counts two, ties with c,
    # and the newer c comes first.
    assert [i.name for i in related(ITEMS, limit=5)[0]] == ["c", "b", "d"]


def test_neighbours_are_the_older_and_newer_guide_in_the_same_category() -> None:
    around = neighbours(ITEMS)
    assert around[0] == (None, ITEMS[1])
    assert around[1] == (ITEMS[0], ITEMS[4])
    assert around[2] == (None, ITEMS[3])
    assert around[3] == (ITEMS[2], None)




def _page(output: Path, path: str) -> BeautifulSoup:
    """Parse one written page."""
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_long_guide_shows_its_outline_after_the_disclaimer_and_its_reading_time(output: Path) -> None:
    page = _page(output, "symptoms/magnesium-and-akathisia")
    article = page.find("article")
    sections = [h for h in article.find_all("h2") if h.get("id") and not h.find_parent("nav")]
    toc = article.find("nav", class_="outline")
    assert [a["href"] for a in toc.find_all("a")] == [f"#{h['id']}" for h in sections]
    assert toc.find_previous_sibling("aside")["class"] == ["medical-disclaimer"]
    meta = article.find("p", class_="meta").get_text(" ", strip=True)
    assert meta.startswith("About ") and " min read · Tags: magnesium , akathisia" in meta


def test_a_guide_lists_related_guides_by_shared_tags_and_its_neighbours_in_the_topic(output: Path) -> None:
    page = _page(output, "symptoms/magnesium-and-akathisia")
    related_links = [a.get_text() for a in page.find("aside", class_="related").find_all("a")]
    assert len(related_links) == 3 and "Magnesium and akathisia" not in related_links
    assert "Magnesium for anxiety, muscle twitching, sleep and functional seizures" in related_links
    around = page.find("nav", class_="neighbours")
    assert around["aria-label"] == "More in Symptoms"
    assert [a.get_text() for a in around.find_all("a")] == ["Magnesium for anxiety, muscle twitching, sleep and functional seizures"]


def test_the_home_page_groups_guides_by_topic_with_the_glossary_last(output: Path) -> None:
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    topics = [h.get_text(strip=True) for h in home.select("section.topic h3")]
    assert topics == ["Benzodiazepine withdrawal", "Kratom and 7-OH", "Symptoms", "Glossary"]
    # One list of guides, after "start here" (content/data/help.yaml names those, in order).
    assert home.find(id="newest-heading") is None
    start = [a.get_text() for a in home.select("#start-heading + ul > li > a")]
    assert start == ["Magnesium and benzodiazepine withdrawal: safe or risky?",
                     "Tapering off 7-hydroxymitragynine (7-OH) with magnesium support", "Magnesium and akathisia"]
    reviewed = home.select("#reviewed-heading + ul li")
    assert len(reviewed) == 5 and all(li.find("time")["datetime"] for li in reviewed)
    glossary = home.find("h3", id="topic-glossary").find_parent("section")
    assert len(glossary.select("ul li")) == 6 and glossary.find("a", string="All 8 guides in Glossary")


def test_the_home_page_places_the_disclaimer_after_its_introduction_once(output: Path) -> None:
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    notices = home.find_all("aside", class_="medical-disclaimer")
    assert len(notices) == 1
    # Help first, then the one-line notice linking the full text.
    intro = notices[0].find_parent("header")
    assert intro["class"] == ["page-header", "home-intro"]
    assert [c.name for c in intro.find_all(recursive=False)][:3] == ["h1", "aside", "aside"]
    assert intro.find("aside")["class"] == ["get-help"]
    assert notices[0].get_text(" ", strip=True) == "Medical disclaimer: General information, not medical advice. Read the full disclaimer ."


@pytest.mark.parametrize(("day", "words"), [(datetime.date(2026, 11, 22), "22 November 2026"),
                                            (datetime.datetime(2027, 1, 5, 9, 30), "5 January 2027"), ("", "")])
def test_dates_read_in_words(day: object, words: str) -> None:
    from guidepage.plugin import in_words

    assert in_words(day) == words


def test_a_guide_shows_its_review_dates_in_words_with_the_iso_date_in_datetime(output: Path) -> None:
    page = BeautifulSoup((output / "benzodiazepine-withdrawal" / "magnesium-during-benzodiazepine-withdrawal" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    first = page.select_one("p.review time")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", first["datetime"])
    day = datetime.date.fromisoformat(first["datetime"])
    assert first.get_text() == f"{day.day} {day:%B %Y}"
