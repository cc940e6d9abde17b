"""The elemental magnesium calculator: its data for the script, and the table shown without JavaScript.

The arithmetic and wording here are the ones theme/static/js/calculator.js uses, so a reader gets
the same figure with or without the script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dosecheck.quantities import fmt, whole

from .data import FormRow

# Compound weights that supplement labels commonly print, in mg; not reference figures, only the
# amounts the no-script table works out.
LABEL_AMOUNTS: tuple[int, ...] = (100, 250, 500, 1000)
EMPTY = "—"  # what an output shows before a usable amount is entered


def calc_data(forms: Sequence[FormRow], adult_ul_mg: float) -> dict[str, Any]:
    """Return the JSON the script reads: each form's key, name and fractions, and the adult UL in mg."""
    return {
        "forms": [{"key": f.key, "name": f.name, "low": f.low, "high": f.high} for f in forms],
        "adult_ul_mg": adult_ul_mg,
    }


def elemental(amount_mg: float, form: FormRow) -> tuple[float, float]:
    """Return the low and high elemental mg in `amount_mg` of the compound."""
    return amount_mg * form.low, amount_mg * form.high


def elemental_text(amount_mg: float, form: FormRow) -> str:
    """Print elemental mg as the calculator does: `N mg`, or `N–M mg` when the two figures differ in whole mg."""
    low, high = elemental(amount_mg, form)
    return f"{whole(low)}–{whole(high)} mg" if whole(low) != whole(high) else f"{whole(high)} mg"


def ul_share_text(amount_mg: float, form: FormRow, adult_ul_mg: float) -> str:
    """Print the high elemental figure as a share of the adult UL, as the calculator does."""
    _low, high = elemental(amount_mg, form)
    return f"{whole(100 * high / adult_ul_mg)}% of the adult supplement upper limit ({fmt(adult_ul_mg)} mg a day)"


@dataclass(frozen=True)
class PrecomputedRow:
    """One form's elemental mg at each label amount."""

    key: str
    name: str
    cells: tuple[str, ...]


def precomputed(forms: Sequence[FormRow], amounts: Sequence[int] = LABEL_AMOUNTS) -> tuple[PrecomputedRow, ...]:
    """Work out the elemental mg of every form at each label amount, for readers without the script."""
    return tuple(PrecomputedRow(f.key, f.name, tuple(elemental_text(a, f) for a in amounts)) for f in forms)
