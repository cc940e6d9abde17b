"""The checked values the rules hand to the renderer: nothing is parsed or looked up again to show a table."""

from __future__ import annotations

from dataclasses import dataclass

from .quantities import Amount
from .reference import Form, Nutrient


@dataclass(frozen=True)
class Expected:
    """A reference value or span for a row, with its kind (RDA, AI, UL) and source."""

    low: float
    high: float
    label: str
    source: str


@dataclass(frozen=True)
class IntakeLine:
    """An intake row that equals the RDA/AI: who it is for, the amount, and what the reference calls it."""

    life_stage: str
    sex: str | None
    condition: str | None
    amount: Amount
    nutrient: Nutrient
    expected: Expected
    note: str | None


@dataclass(frozen=True)
class Beyond:
    """Another authority's limit a row is above: shown beside the row, not refused."""

    authority: str  # the authority's short name: "EU"
    mg: float
    as_given: str  # whom it is for, in the authority's words
    source: str


@dataclass(frozen=True)
class SupplementLine:
    """A supplement row within the upper limit (or above it, supervised): the elemental amount and the limit."""

    form: Form | None
    nutrient: Nutrient
    amount: Amount
    basis: str
    elemental_low: float
    elemental_high: float
    population: str
    limit: Expected
    supervised_by: str | None  # the title of the source a row above the limit cites
    note: str | None
    beyond: tuple[Beyond, ...] = ()

    @property
    def name(self) -> str:
        """Name the supplement as a reader sees it: the form, or the nutrient."""
        return self.form.name if self.form else self.nutrient.name[:1].upper() + self.nutrient.name[1:]


@dataclass(frozen=True)
class DoseTableLines:
    """A dose table whose every row passed."""

    anchor: str
    kind: str
    caption: str
    note: str | None
    nutrient: Nutrient
    lines: tuple[IntakeLine | SupplementLine, ...]


@dataclass(frozen=True)
class FoodLine:
    """A food row within 10% of the reference, with the source of the reference value."""

    food: str
    serving: str
    magnesium_mg: float
    sources: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class FormLine:
    """A form row naming a reference form."""

    form: Form
    note: str | None


@dataclass
class Tables:
    """Every checked table of a document, ready to render."""

    doses: list[DoseTableLines | None]
    foods: list[FoodLine | None]
    forms: list[FormLine | None]
