"""End to end: real Pelican builds of a fixture site into a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag
from invoke.exceptions import Exit
from support import build, guide_page, soup

from conftest import DATA, ROOT

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
    # On a guide, between its header (title, get-help box, key points, summary) and its body.
    article = guide_page(output).find("article")
    notice = article.find("aside", class_="medical-disclaimer")
    assert notice.find_previous_sibling()["class"] == ["page-header"]
    assert notice.find_next_sibling().get_text() == "Opening paragraph."


def without_the_notice(site: Path) -> Path:
    """Copy the project's theme into the site folder, with the line of base.html that places the notice taken out."""
    theme = site / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    lines = base.read_text(encoding="utf-8").splitlines(keepends=True)
    placing = [line for line in lines if "medical_disclaimer(" in line]
    assert len(placing) == 1
    base.write_text("".join(line for line in lines if line not in placing), encoding="utf-8")
    return theme


@pytest.mark.parametrize("theme", ["base without the notice", "bare"])
def test_a_theme_that_leaves_the_notice_out_fails_the_build(site: Path, theme: str) -> None:
    # Nothing adds the notice after the theme: the check of the written pages names every page without it, guides included.
    if theme == "bare":
        # Its guide page does not extend base.html; the rest come from Pelican's simple theme, whose listings link
        # author pages and are paginated, and which has none of the site's own pages.
        settings = {"THEME": str(DATA / "themes" / "bare"), "AUTHOR_SAVE_AS": "author/{slug}.html",
                    "DIRECT_TEMPLATES": ["index", "tags", "categories", "authors", "archives"],
                    "PAGINATED_TEMPLATES": {"index": None, "tag": None, "category": None, "author": None}}
    else:
        settings = {"THEME": str(without_the_notice(site))}
    with pytest.raises(Exit) as caught:
        build(site, **settings)
    written = sorted((site / "output").rglob("*.html"))
    assert len(written) > 10
    names = ", ".join(f"{os.path.relpath(page)} (no notice)" for page in written[:10])
    assert caught.value.message == (f"build failed: {len(written)} HTML pages do not show the medical disclaimer: {names}"
                                    f" and {len(written) - 10} more")


def test_a_guide_with_only_the_one_line_notice_fails_the_build(site: Path) -> None:
    # Guides and pages must show the full notice; the one-line form is for listings.
    theme = site / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text(article.read_text(encoding="utf-8") + '{% set disclaimer = "short" %}\n', encoding="utf-8")
    with pytest.raises(Exit) as caught:
        build(site, THEME=str(theme))
    guide = os.path.relpath(site / "output" / "test-topic" / "every-table-kind" / "index.html")
    assert caught.value.message == (f"build failed: 1 HTML pages do not show the medical disclaimer: {guide}"
                                    " (the notice's text differs from MEDICAL_DISCLAIMER)")


def test_feed_entries_carry_the_disclaimer(site: Path) -> None:
    output = build(site, SITEURL="https://example.org", FEED_DOMAIN="https://example.org", FEED_ALL_ATOM="feeds/all.atom.xml",
                   FEED_ALL_RSS="feeds/all.rss.xml")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.parse(output / "feeds" / "all.atom.xml").getroot().findall(f"{atom}entry")
    items = ElementTree.parse(output / "feeds" / "all.rss.xml").getroot().findall("channel/item")
    assert len(entries) == len(items) == 1
    # Atom: the full content opens with the notice, once, and the summary stays the guide's. RSS (Pelican sends only the
    # summary by default): its one description opens with it.
    summary = "A guide that uses every front-matter table <b>kind</b>."
    assert entries[0].findtext(f"{atom}summary") == summary
    for html, then in ((entries[0].findtext(f"{atom}content"), "<p>Opening paragraph.</p>"), (items[0].findtext("description"), summary)):
        assert html.startswith('<aside class="medical-disclaimer"') and html.count("medical-disclaimer") == 1
        notice, rest = html.split("</aside>", 1)
        assert BeautifulSoup(notice, "html.parser").get_text().startswith("Medical disclaimer: " + DISCLAIMER_START)
        assert BeautifulSoup(notice, "html.parser").a["href"] == "https://example.org/disclaimer/"
        assert rest.startswith(then)


LINKS = """Read [the fact sheet](https://ods.od.nih.gov/factsheets/Magnesium-Consumer/),
<a href="https://www.nhs.uk/medicines/" rel="nofollow">the NHS</a>, [our home page](https://example.org/) and [the topic](../)."""
EXPECTED_LINKS = [("https://ods.od.nih.gov/factsheets/Magnesium-Consumer/", ["noopener", "noreferrer"]),
                  ("https://www.nhs.uk/medicines/", ["nofollow", "noopener", "noreferrer"]),
                  ("https://example.org/", None), ("../", None)]


def opening(html: BeautifulSoup) -> Tag:
    """Find the guide's opening paragraph, made of LINKS."""
    return next(p for p in html.find_all("p") if p.get_text().startswith("Read "))


def test_external_links_in_content_get_rel_and_keep_the_writers_values(site: Path) -> None:
    guide = site / "content" / "guides" / "every-table.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("Opening paragraph.", LINKS), encoding="utf-8")
    output = build(site, SITEURL="https://example.org", FEED_DOMAIN="https://example.org", FEED_ALL_ATOM="feeds/all.atom.xml")
    assert [(a["href"], a.get("rel")) for a in opening(guide_page(output)).find_all("a")] == EXPECTED_LINKS
    # The feed gets the same HTML: rel is set in the content as it is read, not on the written page.
    atom = "{http://www.w3.org/2005/Atom}"
    entry = ElementTree.parse(output / "feeds" / "all.atom.xml").getroot().find(f"{atom}entry")
    content = BeautifulSoup(entry.findtext(f"{atom}content"), "html.parser")
    assert [(a["href"], a.get("rel")) for a in opening(content).find_all("a")] == EXPECTED_LINKS


def test_a_template_link_to_another_site_without_rel_fails_the_build(site: Path) -> None:
    theme = site / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    footer = '<footer class="site-footer" data-pagefind-ignore>'
    base.write_text(base.read_text(encoding="utf-8").replace(footer, footer + '<a href="https://x.example/">X</a>'), encoding="utf-8")
    with pytest.raises(Exit) as caught:
        build(site, THEME=str(theme))
    written = sorted(p.relative_to(site / "output").as_posix() for p in (site / "output").rglob("*.html"))
    lines = caught.value.message.splitlines()
    assert lines[0] == f'build failed: {len(written)} external links without rel="noopener noreferrer" in the written site:'
    assert [line.split(":", 1)[0] for line in lines[1:]] == written
    assert lines[1].split(":", 2)[2] == (" link: found 'https://x.example/', which leaves the site without"
                                         ' rel="noopener noreferrer"; add it where the link is written')
    # Reported, never rewritten: the written page is as the template wrote it.
    assert footer + '<a href="https://x.example/">X</a>' in (site / "output" / written[0]).read_text(encoding="utf-8")


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
    # In a guide's body, a commented copy is only a comment: the page shows the notice base.html places.
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
