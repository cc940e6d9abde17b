"""The dose reference page's tables, rendered by the function that renders a guide's checked tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from dosecheck.reference import RefSource
from dosecheck.render import data_table

from .calculator import PrecomputedRow
from .data import IntakeRow, ReferencePage, UpperLimitRow

CSS = "reference-table"  # the reference page styles its tables apart from a guide's


@dataclass(frozen=True)
class ReferenceTables:
    """Every table of the page, in the order the page shows them; the other authorities' beside their sections."""

    calc: Markup
    limits: Markup
    other_limits: tuple[Markup, ...]
    forms: Markup
    intakes: Markup
    other_intakes: tuple[Markup, ...]
    foods: Markup


def _ids(sources: Sequence[RefSource]) -> list[str]:
    """The ids of a table's sources, for its data-ref."""
    return [source.id for source in sources]


def _intakes(anchor: str, caption: str, first: str, rows: Sequence[IntakeRow], sources: Sequence[RefSource]) -> Markup:
    """An RDA or AI table by life stage."""
    cells = [(r.life_stage, r.kind, r.male, r.female, r.pregnancy, r.lactation) for r in rows]
    return data_table(anchor, caption, (first, "Type", "Male", "Female", "Pregnancy", "Lactation"), cells, _ids(sources), css=CSS)


def _limits(anchor: str, caption: str, first: str, rows: Sequence[UpperLimitRow], sources: Sequence[RefSource]) -> Markup:
    """An upper-limit table by life stage."""
    cells = [(r.life_stage, r.condition, r.amount) for r in rows]
    return data_table(anchor, caption, (first, "Pregnancy or lactation", "Upper limit"), cells, _ids(sources), css=CSS)


def reference_tables(page: ReferencePage, precomputed: Sequence[PrecomputedRow], label_amounts: Sequence[int],
                     foods_caption: str) -> ReferenceTables:
    """Render every table of the dose reference page."""
    ul, intakes, forms, foods = page.upper_limits, page.intakes, page.forms, page.foods
    return ReferenceTables(
        calc=data_table("calc-table", "Elemental magnesium in common label amounts of each compound",
                        ("Form", *(f"{amount} mg" for amount in label_amounts)),
                        [(row.name, *row.cells) for row in precomputed], _ids(forms.sources), css=CSS),
        limits=_limits("ul-table", f"Tolerable upper intake level for supplemental magnesium, by life stage ({ul.authority})",
                       "Life stage", ul.rows, ul.sources),
        other_limits=tuple(_limits(f"ul-table-{n}", f"Upper limit for magnesium set by the {other.authority}", "For",
                                   other.rows, other.sources) for n, other in enumerate(ul.others, 1)),
        forms=data_table("forms-table", "Elemental magnesium by weight of each form",
                         ("Form", "Formula", "Elemental magnesium by weight", "Note"),
                         [(r.name, r.formula, r.percent, r.note) for r in forms.rows], _ids(forms.sources), css=CSS),
        intakes=_intakes("intake-table", f"Magnesium RDA or AI by life stage, in mg a day ({intakes.authority})", "Life stage",
                         intakes.rows, intakes.sources),
        other_intakes=tuple(_intakes(f"intake-table-{n}", f"Magnesium intake set by the {other.authority}, in mg a day", "Age",
                                     other.rows, other.sources) for n, other in enumerate(intakes.others, 1)),
        foods=data_table("foods-table", foods_caption,
                         ("Food", "Serving", "Magnesium", "Weight", "Magnesium per 100 g", "Note"),
                         [(r.name, r.serving, r.mg_text, r.grams_text, r.per_100g_text, r.note) for r in foods.rows],
                         _ids(foods.sources), css=CSS),
    )
