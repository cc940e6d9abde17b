"""Check foods, forms, sources and review dates against the reference and the guide."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta

from .checked import FoodLine, FormLine
from .document import Document
from .findings import FieldPath, Finding, Severity, did_you_mean, field_name, one_of
from .guide_schema import FoodRow, Page, SupplementTable
from .quantities import fmt, whole
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
        findings.append(_at(doc, loc + ("food",), repr(row.food),
                            f"expected a reference food{did_you_mean(row.food, ref.food_names())}; the reference knows: {known}"))
        return None
    try:
        serving = parse_serving(row.serving)
    except ServingError as exc:
        findings.append(_at(doc, loc + ("serving",), repr(row.serving), str(exc)))
        return None
    reached = food_reference_mg(food, serving)
    if reached is None:
        measures = sorted({*food.measures, "g", "oz"})
        findings.append(_at(doc, loc + ("serving",), repr(row.serving),
                            f"the reference has no gram weight of a {serving.measure} of {food.id}; use one of: {one_of(measures)}"))
        return None
    mg, how = reached
    if row.magnesium_mg <= 0 or abs(row.magnesium_mg - mg) > max(FOOD_TOLERANCE * mg, FOOD_MIN_SLACK_MG):
        findings.append(_at(doc, loc + ("magnesium_mg",), f"{fmt(row.magnesium_mg)} mg per {row.serving}",
                            f"reference says {fmt(whole(mg))} mg per {serving.describe()} of {food.id} (within 10%)", how))
        return None
    listed = food.listed is not None and how == food.listed.source
    return FoodLine(row.food, row.serving, row.magnesium_mg, (food.listed.source,) if listed and food.listed else (food.source,), row.note)


def check_forms(guide: Page, doc: Document, ref: Reference) -> tuple[list[Finding], list[FormLine | None]]:
    """Check each form row names a reference form; return the rows as checked."""
    findings: list[Finding] = []
    lines: list[FormLine | None] = []
    for index, row in enumerate(guide.forms):
        form = ref.form(row.form) if row is not None else None
        if row is not None and form is None:
            names = [f.id for f in ref.forms]
            findings.append(_at(doc, ("forms", index, "form"), repr(row.form),
                                f"expected a reference form: {one_of(names)}{did_you_mean(row.form, ref.form_names())}"))
        lines.append(FormLine(form, row.note) if row is not None and form is not None else None)
    return findings, lines


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
