"""End to end: real Pelican builds of a fixture site into a temporary folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from invoke.exceptions import Exit
from support import build, guide_page, soup

from conftest import DATA

DISCLAIMER_START = "This site gives general information, not medical advice."
SHORT = "General information, not medical advice. Read the full disclaimer."


def test_tables_render_where_placed_with_units_and_sources(site: Path) -> None:
    page = guide_page(build(site))
    article = page.find("article")
    order = []
    for el in article.find_all(["p", "table", "section"]):
        if el.name == "table":
            order.append(el["id"])
        elif el.get("class") == ["faqs"]:
            order.append("faqs")
        elif el.get_text() in ("Opening paragraph.", "Middle paragraph."):
            order.append(el.get_text())
    assert order == ["Opening paragraph.", "intake-by-age", "Middle paragraph.", "faqs", "doses-2", "forms", "foods"]

    intake = page.find("table", id="intake-by-age")
    assert intake.caption.get_text() == "Recommended daily intake by age"
    assert [th["scope"] for th in intake.thead.find_all("th")] == ["col"] * 4
    # The header says what the figures are, and each says whether it is an RDA or an AI; the Note column, empty in
    # every row, is left out.
    assert [th.get_text() for th in intake.thead.find_all("th")] == [
        "Life stage", "Sex", "Pregnancy or lactation", "Recommended daily intake, food and supplements together"]
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in intake.tbody.find_all("tr")]
    assert rows[0] == ["0-6 months", "Any", "–", "30 mg/day (AI)"]
    assert rows[2] == ["19-50 years", "Female", "–", "310–320 mg/day (RDA)"]
    # Each cell carries its column's name, so a phone can show each row as a labelled card.
    assert [c["data-label"] for c in intake.tbody.tr.find_all(["th", "td"])] == [
        "Life stage", "Sex", "Pregnancy or lactation", "Recommended daily intake, food and supplements together"]
    assert intake["data-ref"] == "fnb-dri-1997"
    assert intake.tbody.tr.th["scope"] == "row"
    source = intake.find_parent("div").find_next_sibling("p")
    assert source["class"] == ["table-source"]
    assert "Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride" in source.get_text()

    supplement = page.find("table", id="doses-2")
    # Every row is for adults: said once, in the caption.
    assert supplement.caption.get_text() == "Supplement amounts (for: adults)"
    assert "For" not in [th.get_text() for th in supplement.thead.find_all("th")]
    threonate = supplement.tbody.find_all("tr")[1]
    assert [c.get_text() for c in threonate.find_all(["th", "td"])][:3] == [
        "Magnesium L-threonate", "1–2 g/day", "weight of the compound (about 72–166 mg/day elemental)"]

    forms = page.find("table", id="forms")
    assert [c.get_text() for c in forms.tbody.tr.find_all(["th", "td"])][0] == "Magnesium glycinate"
    foods = page.find("table", id="foods")
    assert [c.get_text() for c in foods.tbody.find_all("tr")[1].find_all(["th", "td"])] == ["Spinach", "1 cup", "157 mg", "Twice the half cup"]


def test_supervised_row_is_published_with_a_visible_warning(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = guide_page(build(site))
    guide = site / "content" / "guides" / "every-table.md"
    assert capsys.readouterr().err.splitlines()[0] == (
        f"warning: {guide}:47: doses[1].rows[2].amount: found 500 mg/day elemental; reference says the UL for adults is 350 mg/day"
        " of magnesium (supplements and medications only, not magnesium in food and water);"
        " published as supervised, citing abbasi-2012 (fnb-dri-1997)"
    )
    row = page.find("tr", class_="supervised")
    assert row.th.get_text() == "Magnesium"
    warning = row.find("strong", class_="supervised-warning").get_text()
    assert warning == ("Above the tolerable upper intake level (350 mg/day for adults): only under medical supervision,"
                       " as in The effect of magnesium supplementation on primary insomnia in elderly: A double-blind"
                       " placebo-controlled clinical trial.")


def test_faqs_render_as_details_and_front_matter_is_escaped(site: Path) -> None:
    page = guide_page(build(site))
    details = page.find("section", class_="faqs").find_all("details")
    assert [d.summary.get_text() for d in details] == ["Can magnesium make withdrawal worse?"]
    assert details[0].find("strong").get_text() == "report"
    summary = page.find("p", class_="summary")
    assert summary.get_text() == "A guide that uses every front-matter table <b>kind</b>."
    assert summary.find("b") is None


def test_every_page_carries_the_disclaimer_before_the_content(site: Path) -> None:
    output = build(site)
    pages = sorted(output.rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        page = soup(path)
        notices = page.find_all("aside", class_="medical-disclaimer")
        assert len(notices) == 1, path
        # Guides and pages carry the full notice; listings, search and 404 the one line, after their heading.
        content = page.find("article", class_=["guide", "page"]) is not None
        assert notices[0].get_text().startswith("Medical disclaimer: " + (DISCLAIMER_START if content else SHORT)), path
        if not content:
            assert notices[0].find_previous_sibling("h1") is not None or notices[0].find_parent("header"), path
    assert len([p for p in pages if soup(p).find("article", class_=["guide", "page"])]) >= 3
    article = guide_page(output).find("article")
    first_block = article.find("aside", class_="medical-disclaimer").find_next_sibling()
    assert first_block.get_text() == "Opening paragraph."


def test_disclaimer_is_added_when_the_template_leaves_the_content_out(site: Path) -> None:
    # The bare theme falls back to Pelican's simple theme, whose listings link author pages
    # and which has none of the site's own pages (search, 404, robots.txt); its listings are paginated.
    output = build(site, THEME=str(DATA / "themes" / "bare"), AUTHOR_SAVE_AS="author/{slug}.html",
                   DIRECT_TEMPLATES=["index", "tags", "categories", "authors", "archives"],
                   PAGINATED_TEMPLATES={"index": None, "tag": None, "category": None, "author": None})
    main = guide_page(output).find("main")
    assert main.contents[0]["class"] == ["medical-disclaimer"]
    assert main.h1.get_text() == "Every table kind"


def test_feed_entries_carry_the_disclaimer(site: Path) -> None:
    output = build(site, SITEURL="https://example.org", FEED_DOMAIN="https://example.org", FEED_ALL_ATOM="feeds/all.atom.xml")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.parse(output / "feeds" / "all.atom.xml").getroot().findall(f"{atom}entry")
    assert len(entries) == 1
    content = BeautifulSoup(entries[0].find(f"{atom}content").text, "html.parser")
    assert content.find("aside", class_="medical-disclaimer").get_text().startswith("Medical disclaimer: " + DISCLAIMER_START)


def test_static_html_without_the_disclaimer_fails_the_build(site: Path) -> None:
    (site / "content" / "extra").mkdir()
    (site / "content" / "extra" / "plain.html").write_text("<html><body><p>hi</p></body></html>", encoding="utf-8")
    with pytest.raises(Exit) as caught:
        build(site, STATIC_PATHS=["extra"])
    assert caught.value.code == 1
    assert caught.value.message.startswith("build failed: 1 HTML pages do not show the medical disclaimer: ")
    assert caught.value.message.endswith("output/extra/plain.html (no notice)")


def test_a_notice_in_a_comment_does_not_count(site: Path) -> None:
    notice = '<aside class="medical-disclaimer" role="note"><p><strong>Medical disclaimer:</strong> ' + DISCLAIMER_START
    # In a guide's body, a commented copy does not stop the real notice being added.
    guide = site / "content" / "guides" / "every-table.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("Opening paragraph.", f"<!-- {notice} -->\n\nOpening paragraph."),
                     encoding="utf-8")
    page = guide_page(build(site))
    assert page.main.find("aside", class_="medical-disclaimer").get_text().startswith("Medical disclaimer: " + DISCLAIMER_START)
    # A static page whose only notice is commented out fails the build.
    (site / "content" / "extra").mkdir()
    (site / "content" / "extra" / "commented.html").write_text(f"<html><body><main><!-- {notice} --></main></body></html>",
                                                              encoding="utf-8")
    with pytest.raises(Exit) as caught:
        build(site, STATIC_PATHS=["extra"])
    assert caught.value.message.endswith("output/extra/commented.html (no notice)")


BAD_GUIDE = """---
title: Bad figures
date: 2026-01-10
category: Test topic
summary: Wrong on purpose.
last_reviewed: 2026-11-20
foods:
  - food: spinach, boiled
    serving: 1/2 cup
    magnesium_mg: 157
doses:
  - caption: Intake
    kind: intake
    rows:
      - {life_stage: 0-6 months, amount: 80 mg/day}
---

Body.
"""


def test_findings_fail_the_build_once_and_nothing_is_written(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "content" / "guides" / "bad.md").write_text(BAD_GUIDE, encoding="utf-8")
    (site / "content" / "guides" / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    with pytest.raises(Exit) as caught:
        build(site)
    assert caught.value.code == 1
    assert caught.value.message == "build failed: 3 errors in 2 files and 1 warning: nothing was written; fix them and build again"
    err = capsys.readouterr().err.splitlines()
    bad = str(site / "content" / "guides" / "bad.md")
    broken = str(site / "content" / "guides" / "broken.md")
    assert [line for line in err if line.startswith(("/", "content"))] == [
        f"{bad}:10: foods[0].magnesium_mg: found 157 mg per 1/2 cup; reference says 78 mg per 1/2 cup of spinach, boiled (within 10%) (ods-magnesium)",
        f"{bad}:15: doses[0].rows[0].amount: found 80 mg/day for 0-6 months; reference says 30 mg/day (AI for 0-6 months) (fnb-dri-1997)",
        f"{broken}:2: front matter: found invalid YAML; YAML reports: while parsing a flow sequence did not find expected"
        " ',' or ']'; check brackets, quotes and indentation near this line",
    ]
    assert not (site / "output").exists()


def test_a_misspelt_plugin_name_fails_instead_of_publishing_unchecked(site: Path) -> None:
    with pytest.raises(Exit) as caught:
        build(site, PLUGINS=["dosechek", "disclaimer", "sitecheck", "refpage"])
    assert caught.value.message == (
        "build failed: PLUGINS in pelicanconf.py does not load dosecheck; without it pages would be published unchecked"
        " (loaded: disclaimer, sitecheck, refpage)"
    )
    assert not (site / "output").exists()


def test_an_edit_to_the_reference_rechecks_cached_guides(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(site)
    assert any((site / "cache").rglob("*"))
    reference = site / "content" / "data" / "reference.yaml"
    text = reference.read_text(encoding="utf-8")
    assert "{life_stage: 0-6 months, sex: both, mg: 30, type: AI}" in text
    reference.write_text(text.replace("{life_stage: 0-6 months, sex: both, mg: 30, type: AI}",
                                      "{life_stage: 0-6 months, sex: both, mg: 35, type: AI}"), encoding="utf-8")
    capsys.readouterr()
    with pytest.raises(Exit):
        build(site)
    guide = site / "content" / "guides" / "every-table.md"
    assert (f"{guide}:38: doses[0].rows[0].amount: found 30 mg/day for 0-6 months;"
            " reference says 35 mg/day (AI for 0-6 months) (fnb-dri-1997)") in capsys.readouterr().err


def test_a_broken_reference_fails_before_reading_content(site: Path) -> None:
    reference = site / "content" / "data" / "reference.yaml"
    reference.write_text(reference.read_text(encoding="utf-8").replace("mg: 30, type: AI", "mg: -30, type: AI"), encoding="utf-8")
    with pytest.raises(Exit) as caught:
        build(site)
    assert caught.value.message.startswith("build failed: ")
    assert "nutrients[0].intakes.rows[0].mg: found -30; expected a number above 0" in caught.value.message


def test_a_missing_disclaimer_setting_fails_at_start(site: Path) -> None:
    with pytest.raises(Exit) as caught:
        build(site, MEDICAL_DISCLAIMER="")
    assert caught.value.message == (
        "build failed: pelicanconf.py: MEDICAL_DISCLAIMER: found nothing; set it to the disclaimer text every page must carry"
    )


CORPUS = sorted((DATA / "guides" / "invalid").glob("*.md"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_each_invalid_guide_fails_the_build_with_its_findings(site: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = site / "content" / "guides" / path.name
    shutil.copy(path, target)
    with pytest.raises(Exit) as caught:
        build(site)
    assert caught.value.code == 1
    expected = [line.replace(f"tests/data/guides/invalid/{path.name}", str(target))
                for line in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()]
    printed = capsys.readouterr().err.splitlines()
    assert [line for line in printed if line.startswith(str(target))] == expected
    assert not (site / "output").exists()


def test_a_guide_pelican_would_drop_fails_the_build(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (DATA / "site" / "content" / "guides" / "every-table.md").read_text(encoding="utf-8")
    escaping = site / "content" / "guides" / "escaping.md"
    escaping.write_text(text.replace("title: Every table kind\n", "title: Escaping\nsave_as: ../../outside.html\n"), encoding="utf-8")
    with pytest.raises(Exit) as caught:
        build(site)
    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert f"{escaping}: file: found a file Pelican could not process; see the error logged above it" in err
    assert not (site / "output").exists()
    assert not (site.parent / "outside.html").exists()


def test_a_guide_describes_itself_as_a_medical_web_page(site: Path) -> None:
    output = build(site, SITEURL="https://example.org", RELATIVE_URLS=False)
    blocks = [json.loads(s.string) for s in guide_page(output).find_all("script", type="application/ld+json")]
    # One block: the FAQ answers are on the page already, and a second copy in FAQPage data would cost a
    # guide about 3 KB that search engines no longer show for a site like this one.
    [page] = blocks
    assert page["@type"] == "MedicalWebPage"
    assert page["name"] == "Every table kind"
    assert page["url"] == "https://example.org/test-topic/every-table-kind/"
    assert page["lastReviewed"] == "2026-11-20"
    assert page["reviewedBy"] == {"@type": "Person", "name": "A. Reviewer"}
    assert page["about"] == {"@type": "Thing", "name": "Test topic"}
    assert "citation" not in page  # the sources are on the page itself


def test_a_guide_with_supplement_amounts_shows_how_much_is_safe_under_its_title(site: Path) -> None:
    page = guide_page(build(site))
    card = page.find("header", class_="page-header").find("aside", class_="safe-amount")
    items = [li.get_text() for li in card.find_all("li")]
    assert items == [
        "Adults: at most 350 mg a day of magnesium from supplements and medicines (the US limit; the EU limit is 250 mg a day).",
        "Start low: the lowest amount in this guide's tables is 100 mg a day.",
        "Magnesium in food does not count towards the limit.",
        "With kidney disease, ask your doctor before taking any.",
    ]
    # Built from the reference as checked figures, never typed.
    assert [s["data-ref"] for s in card.find_all("span", class_="figure")] == ["fnb-dri-1997", "efsa-2006-ul", "fnb-dri-1997"]
    assert card.find("a")["href"].endswith("reference/#calculator")


def test_a_guide_without_supplement_amounts_has_no_safe_amount_card(output: Path) -> None:
    entry = soup(output / "glossary" / "glutamate-storm" / "index.html")
    assert entry.find("aside", class_="safe-amount") is None


def test_key_points_come_first_with_their_figures_checked(site: Path) -> None:
    guide = site / "content" / "guides" / "every-table.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "summary: ", 'key_points:\n  - "The bottom line first."\n  - "Adults: at most {{limit: adults}} from supplements."\n'
        '  - "Food does not count."\nsummary: ', 1), encoding="utf-8")
    page = guide_page(build(site))
    points = page.find("header", class_="page-header").find("div", class_="key-points")
    assert [li.get_text() for li in points.find_all("li")] == [
        "The bottom line first.", "Adults: at most 350 mg a day from supplements.", "Food does not count."]
    assert points.find("span", class_="figure")["data-ref"] == "fnb-dri-1997"
