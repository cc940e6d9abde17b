"""What a reader gets: checked figures render with their reference everywhere, and nothing unchecked gets through."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import build, soup, unchecked_amounts

from conftest import DATA, FIRST_LINE, check, copy_reference
from dosecheck.reference import Reference

FIGURES = DATA / "guides" / "valid" / "every-figure.md"
UL_TITLE = ("US tolerable upper intake level for adults: 350 mg a day"
            " of magnesium (supplements and medications only, not magnesium in food and water)")


@pytest.fixture
def figure_page(tmp_path: Path) -> tuple[Path, BeautifulSoup]:
    """Build the fixture site with the guide that holds a checked figure in every place one may stand."""
    shutil.copytree(DATA / "site" / "content", tmp_path / "content")
    copy_reference(tmp_path / "content" / "data")
    shutil.copy(FIGURES, tmp_path / "content" / "guides" / FIGURES.name)
    output = build(tmp_path)
    return output, soup(output / "test-topic" / "why-350-mg-a-day-is-the-limit" / "index.html")


def test_figures_render_with_their_reference_in_every_place(ref: Reference, figure_page: tuple[Path, BeautifulSoup]) -> None:
    _output, page = figure_page
    article = page.find("article")
    h1 = article.h1
    assert h1.get_text() == "Why 350 mg a day is the limit"
    assert (h1.span["data-ref"], h1.span["title"]) == ("fnb-dri-1997", UL_TITLE)
    assert article.find("p", class_="summary").get_text() == "Adults need 310–420 mg a day; supplements stay within 350 mg a day."
    assert [s["data-ref"] for s in article.find("p", class_="summary").find_all("span")] == ["fnb-dri-1997", "fnb-dri-1997"]
    heading = article.find("h2", id="limit")
    assert heading.get_text() == "Why 350 mg a day matters" and heading.span["data-ref"] == "fnb-dri-1997"
    items = [li.get_text() for li in article.select("ul > li") if "list item" in li.get_text() or "compound" in li.get_text()]
    assert items == ["A list item with 310 mg a day.", "72–166 mg in a compound weight of 1–2 g a day."]
    assert article.blockquote.span["data-ref"] == "fda-dv-2016" and article.blockquote.get_text().strip() == "A quote: the Daily Value is 420 mg."
    # Checked tables: caption, notes and cells; a row's own nutrient is named.
    supplements = article.find("table", id="doses-1")
    assert supplements["data-ref"] == "fnb-dri-1997 efsa-2006-ul"  # the row is above the EU limit, and says so
    assert supplements.caption.get_text() == "Supplements within 350 mg a day"  # one row: nothing moves into the caption
    assert supplements.tbody.tr.find_all("td")[-1].get_text() == (
        "Above the EU limit of 250 mg a day (4 years and older). Split 350 mg a day over the day")
    assert supplements.find_parent("div").find_next_sibling("p", class_="table-note").get_text() == (
        "Above 1,000 mg a day, diarrhoea is common.")
    calcium = article.find("table", id="doses-2")
    # Sex and life stage are the same in both rows: said in the caption; the empty columns are left out.
    assert calcium.caption.get_text() == "Calcium beside magnesium (sex: male)"
    assert [tr.find_all("td")[-1].get_text() for tr in calcium.tbody.find_all("tr")] == [
        "420 mg/day (RDA)", "1000 mg/day of calcium (RDA)"]
    assert calcium["data-ref"] == "fnb-dri-1997 iom-dri-2011-calcium"
    # 1 cup of almonds is not on the fact sheet: USDA's mg per 100 g times the cup's gram weight.
    almonds = ref.food("almonds")
    assert almonds is not None and almonds.listed is not None
    cup = round(almonds.mg_per_100g * almonds.measures["cup"] / 100)
    assert article.find("table", id="foods").tbody.find_all("td")[-1].get_text() == f"A cup holds {cup} mg"
    assert article.find("table", id="forms").tbody.find_all("td")[-1].get_text() == "60.3% magnesium by weight"
    # FAQ question and answer, and a link whose text is a figure.
    faq = article.find("section", class_="faqs").details
    assert faq.summary.get_text() == "Is 350 mg a day safe?" and faq.summary.span["data-ref"] == "fnb-dri-1997"
    assert faq.a.get_text() == "Read why 350 mg a day matters"
    # A reader on a phone cannot hover: the page lists the reference sources behind its figures.
    listed = article.find("p", id="figure-sources")
    used = {"fnb-dri-1997", "usda-sr-legacy", "molecules-2020-mg", "magtein", "fda-dv-2016", "efsa-2006-ul"}  # the last in the card
    assert set(listed["data-ref"].split()) == used == {r for span in article.select("span.figure") for r in span["data-ref"].split()}
    assert {a["href"] for a in listed.find_all("a")} == {ref.source_index[r].url for r in used}
    # The outline keeps the heading's figure; the run's marker never reaches the reader.
    assert "data-fig" not in str(page)
    assert unchecked_amounts(page) == []


def test_titles_and_summaries_are_plain_text_where_markup_cannot_go(figure_page: tuple[Path, BeautifulSoup]) -> None:
    output, page = figure_page
    assert page.title.get_text() == "Why 350 mg a day is the limit · Magnesium Guide"
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Adults need 310–420 mg a day; supplements stay within 350 mg a day.")
    data = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert data[0]["name"] == "Why 350 mg a day is the limit"
    assert len(data) == 1
    listing = soup(output / "test-topic" / "index.html")
    link = next(a for a in listing.select("ul.guide-list a") if "limit" in a.get_text())
    assert link.get_text() == "Why 350 mg a day is the limit" and link.span["data-ref"] == "fnb-dri-1997"
    assert unchecked_amounts(listing) == []


def test_raw_html_cannot_pass_an_amount_off_as_a_checked_figure(ref: Reference) -> None:
    body = '<span class="figure" data-ref="fnb-dri-1997" data-fig="">600 mg</span> a day is fine.\n'
    assert check(ref, "", body) == [
        f'g.md:{FIRST_LINE + 1}: body: found the amount \'600 mg a day\' in the text: "600 mg a day is fine."; write it as a'
        " checked figure, such as {{dose: 600 mg/day}} for a supplement amount, or {{limit}}, {{intake: ...}} or {{food: ...}}"
        " (docs/writing-guides.md, Checked figures), or put it in a doses or foods table"]


@pytest.mark.parametrize("kind", ["guide", "page"])
def test_pages_and_guides_are_held_to_the_same_rule(ref: Reference, kind: str) -> None:
    assert [line.split(": found ")[1][:31] for line in check(ref, "", "Take 600 mg at night.\n", kind)] == [
        "the amount '600 mg' in the text"]
    assert check(ref, "", "The limit is {{limit: adults}}.\n", kind) == []


def test_every_page_of_the_real_site_shows_amounts_only_inside_a_referenced_element(output: Path) -> None:
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 40
    found = {str(p.relative_to(output)): unchecked_amounts(soup(p)) for p in pages}
    assert {page: amounts for page, amounts in found.items() if amounts} == {}
    # The guides do hold figures, each naming its reference.
    guide = soup(output / "benzodiazepine-withdrawal" / "magnesium-during-benzodiazepine-withdrawal" / "index.html")
    assert len(guide.select("span.figure[data-ref]")) >= 5
