"""The foods bar chart: accessible SVG, one labelled bar per food, most first, in the page's colours."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from refpage.chart import BAR_X, FONT_SIZE, ROW_GAP, ROW_HEIGHT, VALUE_ROOM, WIDTH, render_chart
from refpage.data import FoodRow, foods

from dosecheck.reference import Reference


def _svg(html: str) -> Tag:
    """Parse the chart as a browser would see it."""
    svg = BeautifulSoup(html, "html.parser").find("svg")
    assert isinstance(svg, Tag)
    return svg


def test_the_chart_is_a_labelled_image_that_scales_to_its_column(ref: Reference) -> None:
    rows = foods(ref).rows
    svg = _svg(render_chart(rows, "Magnesium in foods"))
    assert svg["role"] == "img"
    assert svg["width"] == "100%" and not svg.get("height") and not svg.get("style")
    # html.parser folds attribute names to lower case
    assert svg["viewbox"] == f"0 0 {WIDTH} {len(ref.foods) * ROW_HEIGHT - ROW_GAP}"
    assert svg["fill"] == "currentColor" and svg["font-size"] == str(FONT_SIZE)
    title = svg.find("title")
    desc = svg.find("desc")
    assert svg["aria-labelledby"] == title["id"] == "foods-chart-title"
    assert svg["aria-describedby"] == desc["id"] == "foods-chart-desc"
    assert title.get_text() == "Magnesium per serving, most first"
    assert desc.get_text() == (
        f"Bar chart of magnesium per serving in {len(ref.foods)} foods, most first: from 156 mg in Pumpkin seeds, roasted (1 oz)"
        " to 7 mg in Carrot, raw (1 medium). 6 of the servings, drawn as hollow bars, are worked out from magnesium per 100 g"
        " because the fact sheet does not list them; the table says which."
        " The table “Magnesium in foods” after the chart gives every value with its serving, weight and source."
    )


def test_one_labelled_bar_per_food_most_first(ref: Reference) -> None:
    rows = foods(ref).rows
    svg = _svg(render_chart(rows, "Magnesium in foods"))
    groups = svg.find_all("g", class_="chart-row")
    assert len(groups) == len(svg.find_all("rect")) == len(ref.foods)
    assert [g["data-food"] for g in groups] == [row.key for row in rows]
    widths = [float(g.rect["width"]) for g in groups]
    assert widths == sorted(widths, reverse=True)
    first = groups[0]
    assert first.find("text", class_="chart-label").get_text() == "Pumpkin seeds, roasted (1 oz)"
    assert first.find("text", class_="chart-value").get_text() == "156 mg"
    assert float(first.rect["x"]) + float(first.rect["width"]) == WIDTH - VALUE_ROOM  # the largest bar leaves room for its value
    spinach = next(g for g in groups if g["data-food"] == "spinach, boiled")
    assert spinach.find("text", class_="chart-label").get_text() == "Spinach, boiled (1/2 cup)"
    assert spinach.find("text", class_="chart-value").get_text() == "78 mg"
    assert float(spinach.rect["width"]) == round(78 * (WIDTH - VALUE_ROOM - BAR_X) / 156, 1)


def test_worked_out_servings_are_drawn_as_hollow_bars(ref: Reference) -> None:
    svg = _svg(render_chart(foods(ref).rows, "Magnesium in foods"))
    hollow = [rect.find_parent("g")["data-food"] for rect in svg.find_all("rect", class_="chart-bar-computed")]
    assert sorted(hollow) == sorted(food.id for food in ref.foods if food.listed is None)
    chard = svg.find("g", attrs={"data-food": "swiss chard, boiled"})
    assert chard.find("text", class_="chart-value").get_text() == "151 mg"


def test_text_is_escaped() -> None:
    payload = '</svg><script>alert(1)</script>"'
    html = render_chart([FoodRow(payload, payload, "1 oz", 28.3, 10, 35, False, "")], "Foods & <more>")
    svg = _svg(html)
    assert not BeautifulSoup(html, "html.parser").find("script")
    assert svg.find("text", class_="chart-label").get_text() == f"{payload} (1 oz)"
    assert svg.find("g")["data-food"] == payload
    assert "“Foods & <more>”" in svg.find("desc").get_text()


def test_no_foods_no_chart() -> None:
    assert render_chart([], "Magnesium in foods") == ""
