"""A guide's review dates: in order, and not past (an overdue review is a warning while writing, an error when
publishing: DOSECHECK_OVERDUE)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta

from ..document import Document
from ..findings import FieldPath, Finding, Severity
from ..guide_schema import Page
from ..settings import setting
from . import finding_at

REVIEW_CYCLE_MONTHS = 12


@dataclass(frozen=True)
class ReviewDates:
    """A guide's two review dates, all the overdue check needs of a cached guide."""

    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None


def review_due(guide: Page | ReviewDates) -> datetime.date | None:
    """Return when the guide is next due for review: as given, or a year after the last review."""
    if guide.next_review_due is not None:
        return guide.next_review_due
    if guide.last_reviewed is None:
        return None
    due: datetime.date = guide.last_reviewed + relativedelta(months=REVIEW_CYCLE_MONTHS)
    return due


@dataclass(frozen=True)
class ReviewPolicy:
    """What an overdue review is on this run: a warning while writing, an error when publishing."""

    today: datetime.date
    overdue: Severity = "warning"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ReviewPolicy:
        """Read DOSECHECK_OVERDUE (warning or error) and DOSECHECK_TODAY (a fixed date, for reproducible runs)."""
        return cls(setting(settings, "DOSECHECK_TODAY") or datetime.date.today(), setting(settings, "DOSECHECK_OVERDUE"))


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
        yield finding_at(doc, ("next_review_due",), str(guide.next_review_due),
                         f"expected a date after last_reviewed ({guide.last_reviewed})")
    if guide.modified and guide.date and _day(guide.modified) < _day(guide.date):
        yield finding_at(doc, ("modified",), str(guide.modified), f"expected a date on or after date ({guide.date})")


def _day(value: datetime.date) -> datetime.date:
    """Reduce a datetime to its date."""
    return value.date() if isinstance(value, datetime.datetime) else value
