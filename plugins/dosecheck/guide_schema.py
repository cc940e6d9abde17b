"""The writers' contract: every front-matter field a guide or page may have."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .document import Document
from .findings import Finding
from .schema_errors import model_findings

Text = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
Date = datetime.datetime | datetime.date
# An amount stays loose here: the amount parser explains a bad one better than a type error.
AmountText = str | float


class _Row(BaseModel):
    """Refuse unknown fields, so a misspelt field is never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Row):
    """A source the guide cites."""

    id: Slug
    title: Text
    publisher: Text | None = None
    url: Url
    year: int | None = None
    note: str | None = None


class Reviewer(_Row):
    """Who reviewed the guide."""

    name: Text
    credentials: str | None = None


class FoodRow(_Row):
    """A food, a serving and the magnesium in it."""

    food: Text
    serving: Text
    magnesium_mg: Annotated[float, Field(allow_inf_nan=False)]
    note: str | None = None


class FormRow(_Row):
    """A magnesium form the guide discusses."""

    form: Text
    note: str | None = None


class IntakeRow(_Row):
    """A recommended intake for a life stage, compared with the RDA/AI."""

    life_stage: Text
    sex: Literal["male", "female"] | None = None
    condition: Literal["pregnancy", "lactation"] | None = None
    amount: AmountText
    nutrient: Text | None = None
    note: str | None = None


class SupplementRow(_Row):
    """A supplement amount, compared with the UL for supplemental intake."""

    form: Text | None = None
    amount: AmountText
    basis: Literal["elemental", "compound"] = "elemental"
    population: Text = "adults"
    nutrient: Text | None = None
    note: str | None = None
    supervised: bool = False
    source: Text | None = None


class _DoseTable(_Row):
    """What every dose table has."""

    caption: Text
    nutrient: Text = "magnesium"
    id: Slug | None = None
    note: str | None = None


class IntakeTable(_DoseTable):
    """Intakes by life stage."""

    kind: Literal["intake"]
    rows: Annotated[list[IntakeRow], Field(min_length=1)]


class SupplementTable(_DoseTable):
    """Supplement amounts."""

    kind: Literal["supplement"]
    rows: Annotated[list[SupplementRow], Field(min_length=1)]


DoseTable = Annotated[IntakeTable | SupplementTable, Field(discriminator="kind")]


class Faq(_Row):
    """A question and its Markdown answer."""

    q: Text
    a: Text


class Page(_Row):
    """A site page: only a title is required."""

    title: Text
    date: Date | None = None
    modified: Date | None = None
    category: Text | None = None
    tags: list[Text] = []
    summary: Text | None = None
    last_reviewed: datetime.date | None = None
    next_review_due: datetime.date | None = None
    reviewed_by: Reviewer | None = None
    sources: list[Source] = []
    foods: list[FoodRow] = []
    forms: list[FormRow] = []
    doses: list[DoseTable] = []
    faqs: list[Faq] = []
    # Pelican's own fields, passed through.
    slug: Slug | None = None
    status: Literal["published", "draft", "hidden"] | None = None
    template: Text | None = None
    lang: Text | None = None
    translation: bool | None = None
    author: Text | None = None
    authors: list[Text] | None = None
    save_as: str | None = None
    url: str | None = None
    order: int | None = None


class Guide(Page):
    """A guide: dated, categorised, summarised and reviewed."""

    date: Date
    category: Text
    summary: Text
    last_reviewed: datetime.date


def validate_front(doc: Document) -> tuple[Page | None, list[Finding]]:
    """Validate a document's front matter against its kind's model."""
    if doc.problems:
        return None, []
    model = Guide if doc.kind == "guide" else Page
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, model_findings(exc, doc.path, doc.front, model)


FIELDS: dict[str, type[BaseModel]] = {
    "front matter": Guide,
    "sources": Source,
    "reviewed_by": Reviewer,
    "foods": FoodRow,
    "forms": FormRow,
    "doses": _DoseTable,
    "doses (kind: intake) rows": IntakeRow,
    "doses (kind: supplement) rows": SupplementRow,
    "faqs": Faq,
}
