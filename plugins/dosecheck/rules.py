"""Check foods, forms, sources and review dates against the reference and the guide."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta

from .document import Document
from .findings import FieldPath, Finding, Severity, did_you_mean, field_name, one_of
from .guide_schema import Page, SupplementTable
from .quantities import fmt
from .reference import Food, Reference
from .servings import Serving, ServingError, parse_serving

FOOD_TOLERANCE = 0.10  # a stated value may differ from the reference by 10% ...
FOOD_MIN_SLACK_MG = 2.0  # ... and always by 2 mg, for small servings and rounding
REVIEW_CYCLE_MONTHS = 12


def _at(doc: Document, loc: FieldPath, found: str, expected: str, source: str | None = None) -> Finding:
    """Build a finding for the field at `loc`, with its line."""
    return Finding(doc.path, doc.front.line_of(loc), field_name(loc), found, expected, source)


def food_reference_mg(food: Food, serving: Serving) -> tuple[float, str] | None:
    """Return the reference mg for a serving of a food and how it was reached, if the weight is known."""
    if food.listed is not None:
        listed = parse_serving(food.listed.serving)
        if listed.measure == serving.measure:
            mg = food.listed.magnesium_mg * float(serving.quantity / listed.quantity)
            return mg, food.listed.source
    grams_each = food.grams(serving.measure)
    if grams_each is None:
        return None
    grams = grams_each * float(serving.quantity)
    return grams * food.mg_per_100g / 100, f"{food.source}, {fmt(grams)} g at {fmt(food.mg_per_100g)} mg/100 g"


def check_foods(guide: Page, doc: Document, ref: Reference) -> Iterator[Finding]:
    """Check each food row's magnesium against the reference, scaled to its serving."""
    for index, row in enumerate(guide.foods):
        if row is None:
            continue
        loc: FieldPath = ("foods", index)
        food = ref.food(row.food)
        if food is None:
            known = "; ".join(f.id for f in ref.foods)  # ids hold commas
            yield _at(doc, loc + ("food",), repr(row.food),
                      f"expected a reference food{did_you_mean(row.food, ref.food_names())}; the reference knows: {known}")
            continue
        try:
            serving = parse_serving(row.serving)
        except ServingError as exc:
            yield _at(doc, loc + ("serving",), repr(row.serving), str(exc))
            continue
        reached = food_reference_mg(food, serving)
        if reached is None:
            measures = sorted({*food.measures, "g", "oz"})
            yield _at(doc, loc + ("serving",), repr(row.serving),
                      f"the reference has no gram weight of a {serving.measure} of {food.id}; use one of: {one_of(measures)}")
            continue
        mg, how = reached
        if row.magnesium_mg <= 0 or abs(row.magnesium_mg - mg) > max(FOOD_TOLERANCE * mg, FOOD_MIN_SLACK_MG):
            yield _at(doc, loc + ("magnesium_mg",), f"{fmt(row.magnesium_mg)} mg per {row.serving}",
                      f"reference says {fmt(round(mg))} mg per {serving.describe()} of {food.id} (within 10%)", how)


def check_forms(guide: Page, doc: Document, ref: Reference) -> Iterator[Finding]:
    """Check each form row names a reference form."""
    for index, row in enumerate(guide.forms):
        if row is not None and ref.form(row.form) is None:
            names = [f.id for f in ref.forms]
            yield _at(doc, ("forms", index, "form"), repr(row.form),
                      f"expected a reference form: {one_of(names)}{did_you_mean(row.form, ref.form_names())}")


def check_sources(guide: Page, doc: Document) -> Iterator[Finding]:
    """Check source ids are unique and every cited id exists."""
    seen: dict[str, int] = {}
    for index, source in enumerate(guide.sources):
        if source is None:
            continue
        if source.id in seen:
            yield _at(doc, ("sources", index, "id"), repr(source.id), f"source ids must be unique (first at sources[{seen[source.id]}])")
        seen.setdefault(source.id, index)
    for t_index, table in enumerate(guide.doses):
        if not isinstance(table, SupplementTable):
            continue
        for r_index, row in enumerate(table.rows):
            if row is not None and row.source is not None and row.source not in seen:
                yield _at(doc, ("doses", t_index, "rows", r_index, "source"), repr(row.source),
                          f"expected one of the guide's source ids ({one_of(list(seen)) or 'none given'}){did_you_mean(row.source, seen)}")


def review_due(guide: Page | ReviewDates) -> datetime.date | None:
    """Return when the guide is next due for review: as given, or a year after the last review."""
    if guide.next_review_due is not None:
        return guide.next_review_due
    if guide.last_reviewed is None:
        return None
    return guide.last_reviewed + relativedelta(months=REVIEW_CYCLE_MONTHS)


@dataclass(frozen=True)
class ReviewDates:
    """A guide's two review dates, all the overdue check needs of a cached guide."""

    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None


@dataclass(frozen=True)
class ReviewPolicy:
    """What an overdue review is on this run: a warning while writing, an error when publishing."""

    today: datetime.date
    overdue: Severity = "warning"

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> ReviewPolicy:
        """Read DOSECHECK_OVERDUE (warning or error) and DOSECHECK_TODAY (a fixed date, for reproducible runs)."""
        today = settings.get("DOSECHECK_TODAY")
        day = datetime.date.fromisoformat(str(today)) if today else datetime.date.today()
        overdue = settings.get("DOSECHECK_OVERDUE", "warning")
        return cls(day, "error" if overdue == "error" else "warning")


def check_overdue(guide: Page | ReviewDates, path: str, line_of: Callable[[FieldPath], int | None], policy: ReviewPolicy) -> Iterator[Finding]:
    """Report a guide whose next review date has passed (judged on every run: the date moves, the file does not)."""
    due = review_due(guide)
    if due is None or due >= policy.today:
        return
    field = "next_review_due" if guide.next_review_due is not None else "last_reviewed"
    found = str(guide.next_review_due) if guide.next_review_due is not None else f"{guide.last_reviewed} (review due {due})"
    yield Finding(path, line_of((field,)), field, f"{found}, which has passed",
                  "review the guide against its sources, then update last_reviewed and next_review_due",
                  None, policy.overdue)


def check_review_dates(guide: Page, doc: Document) -> Iterator[Finding]:
    """Check the review dates are in order."""
    if guide.next_review_due and guide.last_reviewed and guide.next_review_due <= guide.last_reviewed:
        yield _at(doc, ("next_review_due",), str(guide.next_review_due),
                  f"expected a date after last_reviewed ({guide.last_reviewed})")
    if guide.modified and guide.date and _day(guide.modified) < _day(guide.date):
        yield _at(doc, ("modified",), str(guide.modified), f"expected a date on or after date ({guide.date})")


def _day(value: datetime.date) -> datetime.date:
    """Reduce a datetime to its date."""
    return value.date() if isinstance(value, datetime.datetime) else value
