"""The writers' contract: every front-matter field a guide or page may have."""

from __future__ import annotations

import datetime
import functools
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from .document import Document
from .findings import Finding
from .schema_errors import model_findings
from .schema_types import Slug, Strict, Text, Url

Date = datetime.datetime | datetime.date
# An amount stays loose here: the amount parser explains a bad one better than a type error.
AmountText = str | int | float


SourceKind = Literal["study", "guideline", "review", "fact-sheet", "reference", "book", "article"]


class Source(Strict):
    """A source the guide cites."""

    id: Slug
    title: Text
    publisher: Text | None = None
    url: Url
    year: int | None = None
    kind: SourceKind | None = None
    note: str | None = None


class Reviewer(Strict):
    """Who reviewed the guide."""

    name: Text
    credentials: str | None = None


class FoodRow(Strict):
    """A food, a serving and the magnesium in it."""

    food: Text
    serving: Text
    magnesium_mg: Annotated[float, Field(allow_inf_nan=False)]
    note: str | None = None


class FormRow(Strict):
    """A magnesium form the guide discusses."""

    form: Text
    note: str | None = None


class IntakeRow(Strict):
    """A recommended intake for a life stage, compared with the RDA/AI."""

    life_stage: Text
    sex: Literal["male", "female"] | None = None
    condition: Literal["pregnancy", "lactation"] | None = None
    amount: AmountText
    nutrient: Text | None = None
    note: str | None = None


class SupplementRow(Strict):
    """A supplement amount, compared with the UL for supplemental intake."""

    form: Text | None = None
    amount: AmountText
    basis: Literal["elemental", "compound"] = "elemental"
    population: Text = "adults"
    nutrient: Text | None = None
    note: str | None = None
    supervised: bool = False
    source: Text | None = None


class _DoseTable(Strict):
    """What every dose table has."""

    caption: Text
    nutrient: Text = "magnesium"
    id: Slug | None = None
    note: str | None = None


class IntakeHeader(_DoseTable):
    """An intake table's fields other than its rows."""

    kind: Literal["intake"]


class IntakeTable(IntakeHeader):
    """Intakes by life stage."""

    rows: Annotated[list[IntakeRow], Field(min_length=1)]


class SupplementHeader(_DoseTable):
    """A supplement table's fields other than its rows."""

    kind: Literal["supplement"]


class SupplementTable(SupplementHeader):
    """Supplement amounts."""

    rows: Annotated[list[SupplementRow], Field(min_length=1)]


DoseTable = Annotated[IntakeTable | SupplementTable, Field(discriminator="kind")]


class Faq(Strict):
    """A question and its Markdown answer."""

    q: Text
    a: Text


class Page(Strict):
    """A site page: only a title is required."""

    title: Text
    date: Date | None = None
    modified: Date | None = None
    category: Text | None = None
    tags: list[Text] = []
    summary: Text | None = None
    key_points: Annotated[list[Text], Field(min_length=3, max_length=5)] | None = None
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


def validate_front(doc: Document) -> tuple[Page | None, Page | None, list[Finding]]:
    """Validate front matter: the whole model when valid, else the valid parts, and the findings (once per document)."""
    if doc.schema is None:
        doc.schema = _validate_front(doc)
    return doc.schema


def _validate_front(doc: Document) -> tuple[Page | None, Page | None, list[Finding]]:
    """Validate front matter against the guide or page model."""
    if doc.problems:
        return None, None, []
    model = Guide if doc.kind == "guide" else Page
    try:
        guide = model.model_validate(doc.data)
        return guide, guide, []
    except ValidationError as exc:
        return None, _valid_parts(model, doc.data), model_findings(exc, doc.path, doc.front, model)


_ITEMS: dict[str, TypeAdapter[Any]] = {
    "sources": TypeAdapter(Source), "foods": TypeAdapter(FoodRow), "forms": TypeAdapter(FormRow), "faqs": TypeAdapter(Faq),
}
_TABLES: dict[str, tuple[TypeAdapter[Any], type[BaseModel], TypeAdapter[Any]]] = {
    "intake": (TypeAdapter(IntakeHeader), IntakeTable, TypeAdapter(IntakeRow)),
    "supplement": (TypeAdapter(SupplementHeader), SupplementTable, TypeAdapter(SupplementRow)),
}


def _valid(adapter: TypeAdapter[Any], value: Any) -> Any:
    """Validate one value, or return None when it is invalid (its findings come from the whole model)."""
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


@functools.cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """Build (once) a validator for one top-level field."""
    annotation = model.model_fields[name].annotation
    assert annotation is not None  # every field of the contract is annotated
    return TypeAdapter(annotation)


def _valid_parts(model: type[Page], data: dict[str, Any]) -> Page:
    """Keep every valid field and row, with None where a row is invalid, so the rules can still check them."""
    parts: dict[str, Any] = {}
    for name in model.model_fields:
        if name not in data:
            continue
        value = data[name]
        if name in _ITEMS or name == "doses":
            items = value if isinstance(value, list) else []
            parts[name] = [_dose_table(item) if name == "doses" else _valid(_ITEMS[name], item) for item in items]
        else:
            checked = _valid(_field_adapter(model, name), value)
            if checked is not None:
                parts[name] = checked
    for name, info in model.model_fields.items():
        # A required field that is missing or invalid reads as None, so rules can test for it.
        if name not in parts and info.is_required():
            parts[name] = None
    return model.model_construct(**parts)


def _dose_table(item: Any) -> BaseModel | None:
    """Validate a dose table's header and each row apart, keeping None for invalid rows."""
    if not isinstance(item, dict) or item.get("kind") not in _TABLES:
        return None
    header_adapter, table_model, row_adapter = _TABLES[item["kind"]]
    header = _valid(header_adapter, {k: v for k, v in item.items() if k != "rows"})
    if header is None:
        return None
    given = item.get("rows")
    rows: list[Any] = given if isinstance(given, list) else []
    return table_model.model_construct(**header.model_dump(), rows=[_valid(row_adapter, row) for row in rows])


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
