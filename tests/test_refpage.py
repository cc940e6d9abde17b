"""The dose reference page as a reader gets it: built from the real content and reference into a temporary folder."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from pelican.log import LimitFilter
from support import build

from conftest import DATA, REFERENCE, copy_reference
from dosecheck.reference import Reference

SUPPLEMENTS_ONLY = "supplements and medications only, not magnesium in food and water"




@pytest.fixture(scope="module")
def page(output: Path) -> BeautifulSoup:
    """The reference page."""
    return BeautifulSoup((output / "reference" / "index.html").read_text(encoding="utf-8"), "html.parser")


def _table(page: BeautifulSoup, table_id: str) -> Tag:
    """Find a table by id."""
    table = page.find("table", id=table_id)
    assert isinstance(table, Tag), table_id
    return table


def _rows(table: Tag) -> list[list[str]]:
    """Every body row as cell texts."""
    return [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]


def _source_links(table: Tag) -> list[tuple[str, str]]:
    """The (title, url) of each source linked under a table."""
    note = table.find_parent("div", class_="table-wrap").find_next_sibling("p")
    assert note is not None and note["class"] == ["table-source"]
    return [(a.get_text(), a["href"]) for a in note.find_all("a")]


def _cited(ref: Reference, *ids: str) -> list[tuple[str, str]]:
    """The (title, url) of reference sources."""
    return [(ref.source_index[i].title, ref.source_index[i].url) for i in ids]


def test_the_page_is_written_at_its_address_with_the_disclaimer_and_a_site_link(output: Path, page: BeautifulSoup) -> None:
    assert page.title.get_text() == "Magnesium dose reference · Magnesium Guide"
    main = page.find("main")
    assert main.h1.get_text() == "Magnesium dose reference"
    notice = main.find("aside", class_="medical-disclaimer")
    assert notice is not None and "not medical advice" in notice.get_text()
    # The notice comes right after the page's introduction, before any figure.
    assert notice.find_previous_sibling("header").h1.get_text() == "Magnesium dose reference"
    assert notice.sourceline < main.find("table").sourceline
    assert "Figures as printed in the site's reference file" in main.find("p", class_="review").get_text()
    # Every page of the site links the reference page from the site navigation.
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    for soup, href in ((home, "./reference/"), (page, "../reference/")):
        link = soup.find("nav", attrs={"aria-label": "Site"}).find("a", string="Dose reference")
        assert link is not None and link["href"] in (href, href.removeprefix("./"))
    script = page.find("script", src=True)
    assert script["src"] == "../theme/js/calculator.js" and script.has_attr("defer")
    assert (output / "theme" / "js" / "calculator.js").is_file()


def test_intakes_by_life_stage_sex_pregnancy_and_lactation_with_their_source(page: BeautifulSoup, ref: Reference) -> None:
    table = _table(page, "intake-table")
    assert [th.get_text() for th in table.thead.find_all("th")] == ["Life stage", "Type", "Male", "Female", "Pregnancy", "Lactation"]
    rows = {row[0]: row[1:] for row in _rows(table)}
    assert list(rows) == ref.life_stages
    assert rows["0-6 months"] == ["AI", "30 mg/day", "30 mg/day", "–", "–"]
    assert rows["14-18 years"] == ["RDA", "410 mg/day", "360 mg/day", "400 mg/day", "360 mg/day"]
    assert rows["31-50 years"] == ["RDA", "420 mg/day", "320 mg/day", "360 mg/day", "320 mg/day"]
    assert _source_links(table) == _cited(ref, "fnb-dri-1997")


def test_the_upper_limit_says_it_counts_supplements_and_medicines_not_food(page: BeautifulSoup, ref: Reference) -> None:
    section = page.find("section", id="upper-limits")
    assert f"counts {SUPPLEMENTS_ONLY}." in section.find("p", class_="ul-scope").get_text()
    table = _table(page, "ul-table")
    assert _rows(table) == [
        ["0-12 months", "–", "Not established"],
        ["1-3 years", "–", "65 mg/day"],
        ["4-8 years", "–", "110 mg/day"],
        ["9+ years", "–", "350 mg/day"],
        ["14-50 years", "Pregnancy", "350 mg/day"],
        ["14-50 years", "Lactation", "350 mg/day"],
    ]
    assert _source_links(table) == _cited(ref, "fnb-dri-1997")


def test_forms_with_their_elemental_share_and_sources(page: BeautifulSoup, ref: Reference) -> None:
    table = _table(page, "forms-table")
    rows = {row[0]: row[1:] for row in _rows(table)}
    assert list(rows) == [form.name for form in ref.forms]
    assert rows["Magnesium oxide"] == ["MgO", "60.3%", ""]
    assert rows["Magnesium citrate"][1] == "11.3%–16.2%"
    assert rows["Magnesium L-threonate"][1:] == [
        "7.2%–8.3%", "8.3% for the anhydrous salt (Molecules 2020); 7.2% from the maker's figure of about 144 mg per 2 g."]
    assert _source_links(table) == _cited(
        ref, "molecules-2020-mg", "usp-magnesium-citrate", "stoichiometry", "molecules-2021-glycinate", "magtein")


def test_foods_with_serving_weight_and_sources(page: BeautifulSoup, ref: Reference) -> None:
    table = _table(page, "foods-table")
    assert table.caption.get_text() == "Magnesium per serving of each food"
    rows = _rows(table)
    assert len(rows) == len(ref.foods)
    by_name = {row[0]: row[1:] for row in rows}
    assert by_name["Pumpkin seeds, roasted"] == ["1 oz", "156 mg", "28.3 g", "550 mg", ""]
    assert by_name["Spinach, boiled"] == ["1/2 cup", "78 mg", "90 g", "87 mg", ""]
    assert by_name["Swiss chard, boiled"] == [
        "1 cup", "151 mg", "175 g", "86 mg", "Computed: 86 mg per 100 g × 175 g (SR Legacy); the fact sheet does not list it."]
    assert rows[0][0] == "Pumpkin seeds, roasted" and rows[-1][0] == "Carrot, raw"
    assert _source_links(table) == _cited(ref, "ods-magnesium", "usda-sr-legacy")


def test_the_chart_sits_beside_the_foods_table_with_one_bar_per_food(page: BeautifulSoup, ref: Reference) -> None:
    figure = page.find("figure", class_="chart-figure")
    assert figure.find_next_sibling("div", class_="table-wrap").table["id"] == "foods-table"
    svg = figure.find("svg")
    assert svg["role"] == "img" and svg["width"] == "100%" and svg["viewbox"].startswith("0 0 320 ")
    title = svg.find("title", id=svg["aria-labelledby"])
    desc = svg.find("desc", id=svg["aria-describedby"])
    assert title.get_text() == "Magnesium per serving, most first"
    assert "The table “Magnesium per serving of each food” after the chart gives every value" in desc.get_text()
    bars = svg.find_all("rect", class_="chart-bar")
    assert len(bars) == len(ref.foods)
    labels = [g.find("text", class_="chart-label").get_text() for g in svg.find_all("g", class_="chart-row")]
    table_rows = _rows(_table(page, "foods-table"))
    assert labels == [f"{row[0]} ({row[1]})" for row in table_rows]  # same foods, same order as the table
    values = [g.find("text", class_="chart-value").get_text() for g in svg.find_all("g", class_="chart-row")]
    assert values == [row[2] for row in table_rows]
    assert "Hollow bars: worked out from magnesium per 100 g" in figure.figcaption.get_text()


def test_calc_data_matches_the_reference(page: BeautifulSoup, ref: Reference) -> None:
    block = page.find("script", id="calc-data")
    assert block["type"] == "application/json" and not block.has_attr("src")
    assert "<" not in block.string
    data = json.loads(block.string)
    assert data == {
        "adult_ul_mg": 350,
        "forms": [{"key": form.id, "name": form.name,
                   "low": float(Decimal(str(min(form.elemental_percent))) / 100),
                   "high": float(Decimal(str(max(form.elemental_percent))) / 100)} for form in ref.forms],
    }
    assert data["forms"][1] == {"key": "citrate", "name": "Magnesium citrate", "low": 0.113, "high": 0.162}


def test_the_no_script_table_gives_elemental_mg_for_common_label_amounts(page: BeautifulSoup, ref: Reference) -> None:
    table = _table(page, "calc-table")
    assert [th.get_text() for th in table.thead.find_all("th")] == [
        "Form", "100 mg", "250 mg", "500 mg", "1000 mg"]
    assert table.caption.get_text() == "Elemental magnesium in common label amounts of each compound"
    rows = {row[0]: row[1:] for row in _rows(table)}
    assert list(rows) == [form.name for form in ref.forms]
    assert rows["Magnesium oxide"] == ["60 mg", "151 mg", "302 mg", "603 mg"]
    assert rows["Magnesium citrate"] == ["11–16 mg", "28–41 mg", "57–81 mg", "113–162 mg"]
    assert rows["Magnesium glycinate"] == ["14 mg", "35 mg", "71 mg", "141 mg"]
    assert table.find_parent("form") is None  # visible whether or not the script runs


def test_the_page_opens_with_the_limit_then_the_tally(page: BeautifulSoup) -> None:
    sections = [s["id"] for s in page.find("main").find_all("section")]
    assert sections[:2] == ["limit", "calculator"]
    assert sections.index("upper-limits") < sections.index("intakes")
    limit = page.find("section", id="limit")
    assert limit["data-ref"] == "fnb-dri-1997"
    assert limit.find("p", class_="limit-figure").get_text() == (
        "Adults: at most 350 mg a day of magnesium from supplements and medicines, all added together.")
    assert f"The limit counts {SUPPLEMENTS_ONLY}." in limit.get_text()
    # The last review, as the reference's review records give it.
    review = limit.find("p", class_="review")
    assert review.time["datetime"] and review.time.get_text() in review.get_text()


def _template_text(tag: Tag) -> str:
    """The text of an element inside a <template>, whose strings get_text() leaves out."""
    return "".join(tag.find_all(string=True))


def test_the_tally_markup_keeps_its_contract(page: BeautifulSoup, ref: Reference) -> None:
    section = page.find("section", id="calculator")
    assert set(section["data-ref"].split()) >= {"fnb-dri-1997", "molecules-2020-mg"}
    form = section.find("form", id="mg-calculator")
    assert form.has_attr("hidden")  # the script reveals it
    status, alert = form.find(id="tally-status"), form.find(id="tally-alert")
    assert (status["role"], alert["role"], alert.get_text()) == ("status", "alert", "")
    assert form.find("button", id="tally-add")["type"] == "button"
    # One product, copied and numbered by the script.
    product = form.find("template", id="tally-product").find("fieldset", class_="tally-product")
    assert _template_text(product.legend) == "Product __N__"
    select = product.find("select", id="calc-form-__N__")
    assert [o["value"] for o in select.find_all("option")] == [f.id for f in ref.forms]
    assert _template_text(product.find("label", attrs={"for": "calc-form-__N__"})) == "Form of magnesium"
    amount = product.find("input", id="calc-amount-__N__")
    assert (amount["type"], amount["inputmode"]) == ("text", "decimal")
    assert amount["aria-describedby"].split() == ["calc-unit-hint-__N__", "calc-amount-error-__N__"]
    hint = _template_text(product.find(id="calc-unit-hint-__N__"))
    assert hint == ("On a US Supplement Facts panel the amount is already elemental magnesium:"
                    " “Magnesium (as magnesium glycinate) 200 mg” means 200 mg of magnesium.")
    unit = product.find("fieldset", class_="calc-unit")
    assert _template_text(unit.legend) == "The label gives this amount as"
    radios = unit.find_all("input", type="radio")
    assert [(r["value"], r.has_attr("checked")) for r in radios] == [("elemental", True), ("compound", False)]
    assert _template_text(unit.find("label", attrs={"for": radios[0]["id"]})) == "Elemental magnesium (as on a US Supplement Facts label)"
    assert product.find("input", id="calc-count-__N__")["value"] == "1"
    # The warning names the limit, read from the reference.
    warning = " ".join(_template_text(form.find("template", id="tally-alert-text")).split())
    assert warning.startswith("This is at or above the adult limit for supplements, 350 mg a day.")
    assert "loose stools or diarrhoea" in warning and "With kidney disease, ask a doctor" in warning
    # Without the script, the steps by hand and the table of label amounts stay open.
    by_hand = section.find("details", id="by-hand")
    assert by_hand.has_attr("open") and by_hand.find("table", id="calc-table") is not None
    assert "350 mg a day" in by_hand.ol.get_text()


def test_the_page_is_generated_from_the_reference_not_copied(tmp_path: Path) -> None:
    shutil.copytree(DATA / "site" / "content", tmp_path / "content")
    (tmp_path / "content" / "data").mkdir(exist_ok=True)
    reference = tmp_path / "content" / "data" / "reference.yaml"
    text = REFERENCE.read_text(encoding="utf-8")
    old = "listed: {serving: 1 oz, magnesium_mg: 80, source: ods-magnesium}"
    assert text.count(old) == 1
    reference.write_text(text.replace(old, old.replace("80", "84")), encoding="utf-8")
    page = BeautifulSoup((build(tmp_path) / "reference" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {row[0]: row[1:] for row in _rows(_table(page, "foods-table"))}
    assert rows["Almonds, dry roasted"][:2] == ["1 oz", "84 mg"]
    bar = page.find("g", attrs={"data-food": "almonds, dry roasted"})
    assert bar.find("text", class_="chart-value").get_text() == "84 mg"


def test_reference_text_stays_text_in_the_page_and_the_calculator_data(tmp_path: Path) -> None:
    payload = "</script><script>alert(1)</script><!--"
    shutil.copytree(DATA / "site" / "content", tmp_path / "content")
    (tmp_path / "content" / "data").mkdir(exist_ok=True)
    text = REFERENCE.read_text(encoding="utf-8")
    old = "    name: Magnesium oxide\n"
    assert text.count(old) == 1
    (tmp_path / "content" / "data" / "reference.yaml").write_text(
        text.replace(old, f"    name: 'Magnesium oxide {payload}'\n    note: '{payload}'\n"), encoding="utf-8")
    page = BeautifulSoup((build(tmp_path) / "reference" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [s.get("id") or s["src"] for s in page.find_all("script")] == ["calc-data", "../theme/js/calculator.js"]
    assert _rows(_table(page, "forms-table"))[0] == [f"Magnesium oxide {payload}", "MgO", "60.3%", payload]
    assert json.loads(page.find("script", id="calc-data").string)["forms"][0]["name"] == f"Magnesium oxide {payload}"


def test_a_theme_without_the_template_builds_without_the_page(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # Pelican logs a warning once per process; an earlier test's build may already have logged this one.
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    shutil.copytree(DATA / "site" / "content", tmp_path / "content")
    copy_reference(tmp_path / "content" / "data")
    # A theme of one template, base.html, which places the notice as every theme must; the pages come from Pelican's
    # simple theme, whose listings need their default pagination.
    templates = tmp_path / "theme" / "templates"
    templates.mkdir(parents=True)
    (templates / "base.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title>{% block head %}'
        '{% endblock %}</head><body><main>{{ medical_disclaimer(SITEURL) }}{% block content %}{% endblock %}</main></body></html>',
        encoding="utf-8")
    output = build(tmp_path, THEME=str(tmp_path / "theme"), AUTHOR_SAVE_AS="author/{slug}.html", DIRECT_TEMPLATES=["index"],
                   PAGINATED_TEMPLATES={"index": None, "tag": None, "category": None, "author": None})
    assert (output / "test-topic" / "every-table-kind" / "index.html").is_file()
    assert not (output / "reference").exists()
    assert "refpage: the theme has no reference.html template; the dose reference page is not written" in caplog.messages
