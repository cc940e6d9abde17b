"""Check the magnesium in each food row against the reference, scaled to the row's serving."""

from __future__ import annotations

from ..checked import FoodLine
from ..document import Document
from ..findings import FieldPath, Finding, did_you_mean, one_of
from ..guide_schema import FoodRow, Page
from ..quantities import fmt, whole
from ..reference import Food, Reference
from ..servings import Serving, ServingError, parse_serving
from . import finding_at

FOOD_TOLERANCE = 0.10  # a stated value may differ from the reference by 10% ...
FOOD_MIN_SLACK_MG = 2.0  # ... and always by 2 mg, for small servings and rounding


def food_reference_mg(food: Food, serving: Serving) -> tuple[float, str] | None:
    """Return the reference mg for a serving of a food and how it was reached, if the weight is known."""
    if food.listed is not None:
        listed = parse_serving(food.listed.serving)
        if listed.measure == serving.measure:
            mg = food.listed.magnesium_mg * float(serving.quantity / listed.quantity)
            return mg, food.listed.source
    weight = food.serving_grams(serving)
    if weight is None:
        return None
    return food.mg_in(weight), f"{food.source}, {fmt(weight)} g at {fmt(food.mg_per_100g)} mg/100 g"


def food_sources(food: Food, how: str) -> tuple[str, ...]:
    """Return the reference source behind a serving's figure: the fact sheet's when its listed serving gave it."""
    return (food.listed.source,) if food.listed is not None and how == food.listed.source else (food.source,)


def no_weight(food: Food, serving: Serving) -> str:
    """Say which measures of a food the reference can weigh, for a serving it cannot."""
    measures = sorted({*food.measures, "g", "oz"})
    return f"the reference has no gram weight of a {serving.measure} of {food.id}; use one of: {one_of(measures)}"


def check_foods(guide: Page, doc: Document, ref: Reference) -> tuple[list[Finding], list[FoodLine | None]]:
    """Check each food row's magnesium against the reference, scaled to its serving; return the rows as checked."""
    findings: list[Finding] = []
    lines: list[FoodLine | None] = []
    for index, row in enumerate(guide.foods):
        line = None if row is None else _food_row(row, ("foods", index), doc, ref, findings)
        lines.append(line)
    return findings, lines


def _food_row(row: FoodRow, loc: FieldPath, doc: Document, ref: Reference, findings: list[Finding]) -> FoodLine | None:
    """Check one food row; add its finding, or return it as checked."""
    food = ref.food(row.food)
    if food is None:
        known = "; ".join(f.id for f in ref.foods)  # ids hold commas
        findings.append(finding_at(doc, loc + ("food",), repr(row.food),
                                   f"expected a reference food{did_you_mean(row.food, ref.food_names())}; the reference knows: {known}"))
        return None
    try:
        serving = parse_serving(row.serving)
    except ServingError as exc:
        findings.append(finding_at(doc, loc + ("serving",), repr(row.serving), str(exc)))
        return None
    reached = food_reference_mg(food, serving)
    if reached is None:
        findings.append(finding_at(doc, loc + ("serving",), repr(row.serving), no_weight(food, serving)))
        return None
    mg, how = reached
    if row.magnesium_mg <= 0 or abs(row.magnesium_mg - mg) > max(FOOD_TOLERANCE * mg, FOOD_MIN_SLACK_MG):
        findings.append(finding_at(doc, loc + ("magnesium_mg",), f"{fmt(row.magnesium_mg)} mg per {row.serving}",
                                   f"reference says {fmt(whole(mg))} mg per {serving.describe()} of {food.id} (within 10%)", how))
        return None
    return FoodLine(row.food, row.serving, row.magnesium_mg, food_sources(food, how), row.note)
