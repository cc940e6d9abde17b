"""The foods bar chart as inline SVG: one labelled bar per food, most magnesium first."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from dosecheck.quantities import fmt

from .data import FoodRow

# Geometry in viewBox units. The chart scales to its column (width 100%), so at a 320 px screen
# one unit is about 0.9 px: 13-unit text stays legible, and labels sit above their bars so long
# food names never squeeze the bars.
WIDTH = 320
FONT_SIZE = 13
LABEL_HEIGHT = 17  # from a row's top to the label's baseline, plus the gap before the bar
BAR_HEIGHT = 14
ROW_GAP = 10
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
VALUE_ROOM = 64  # right of the longest bar, for its "156 mg"
VALUE_GAP = 4
BAR_X = 1  # room for the outline of a hollow bar, which would be clipped at the edge


def _n(value: float) -> str:
    """Print a coordinate to a tenth of a unit."""
    return fmt(round(value, 1))


def describe(rows: Sequence[FoodRow], table_caption: str) -> str:
    """Summarise the chart in words and point to the table that gives every figure."""
    top, bottom = rows[0], rows[-1]
    computed = sum(row.computed for row in rows)
    worked_out = (f" {computed} of the servings, drawn as hollow bars, are worked out from magnesium per 100 g because the fact sheet"
                  " does not list them; the table says which.") if computed else ""
    return (f"Bar chart of magnesium per serving in {len(rows)} foods, most first: from {top.mg_text} in {top.name} ({top.serving})"
            f" to {bottom.mg_text} in {bottom.name} ({bottom.serving}).{worked_out}"
            f" The table “{table_caption}” after the chart gives every value with its serving, weight and source.")


def render_chart(rows: Sequence[FoodRow], table_caption: str, chart_id: str = "foods-chart") -> Markup:
    """Render the rows, already sorted most first, as an accessible SVG bar chart in the page's colours."""
    if not rows:
        return Markup("")
    scale = (WIDTH - VALUE_ROOM - BAR_X) / max(row.mg for row in rows)
    height = len(rows) * ROW_HEIGHT - ROW_GAP
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW_HEIGHT
        width = max(row.mg * scale, 1.0)  # a sliver rather than nothing, so every food shows a bar
        css = "chart-bar chart-bar-computed" if row.computed else "chart-bar"  # worked-out servings are drawn hollow
        bars.append(
            f'<g class="chart-row" data-food="{escape(row.key)}">'
            f'<text class="chart-label" x="0" y="{_n(top + FONT_SIZE)}">{escape(row.name)} ({escape(row.serving)})</text>'
            f'<rect class="{css}" x="{BAR_X}" y="{_n(top + LABEL_HEIGHT)}" width="{_n(width)}" height="{BAR_HEIGHT}" rx="2"></rect>'
            f'<text class="chart-value" x="{_n(BAR_X + width + VALUE_GAP)}" y="{_n(top + LABEL_HEIGHT + BAR_HEIGHT - 3)}">{escape(row.mg_text)}</text>'
            "</g>"
        )
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    # Presentation attributes, not style attributes: the Content-Security-Policy allows no inline
    # styles. Text takes the page's text colour (currentColor); site.css colours the bars.
    return Markup(
        f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-labelledby="{escape(title_id)}" aria-describedby="{escape(desc_id)}"'
        f' viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" focusable="false"'
        f' fill="currentColor" font-size="{FONT_SIZE}">'
        f'<title id="{escape(title_id)}">Magnesium per serving, most first</title>'
        f'<desc id="{escape(desc_id)}">{escape(describe(rows, table_caption))}</desc>'
        f"{''.join(bars)}</svg>"
    )
