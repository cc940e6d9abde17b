"""The supplement tally: its data for the script, the wording it prints, and the table shown without JavaScript.

The arithmetic and wording here are the ones theme/static/js/calculator.js uses, so a reader gets
the same figure with or without the script, and the tests can hold the script to them.
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


def calc_data(forms: Sequence[FormRow], adult_ul_mg: float) -> dict[str, Any]:
    """Return the JSON the script reads: each form's key, name and fractions, and the adult UL in mg."""
    return {
        "forms": [{"key": f.key, "name": f.name, "low": f.low, "high": f.high} for f in forms],
        "adult_ul_mg": adult_ul_mg,
    }


def elemental(amount_mg: float, form: FormRow) -> tuple[float, float]:
    """Return the low and high elemental mg in `amount_mg` of the compound."""
    return amount_mg * form.low, amount_mg * form.high


def range_text(low_mg: float, high_mg: float) -> str:
    """Print mg as the tally does: `N mg`, or `N–M mg` when the two figures differ in whole mg."""
    return f"{whole(low_mg)}–{whole(high_mg)} mg" if whole(low_mg) != whole(high_mg) else f"{whole(high_mg)} mg"


def elemental_text(amount_mg: float, form: FormRow) -> str:
    """Print the elemental mg in `amount_mg` of the compound, as the tally does."""
    return range_text(*elemental(amount_mg, form))


def at_or_above(high_mg: float, adult_ul_mg: float) -> bool:
    """Tell whether a total reaches the limit as printed: a total shown as `350 mg` must not read as below it."""
    return whole(high_mg) >= adult_ul_mg


def status_text(low_mg: float, high_mg: float, adult_ul_mg: float) -> str:
    """Print the tally's total as the script does; a range is compared by its higher figure."""
    share = f"{'up to ' if whole(low_mg) != whole(high_mg) else ''}{whole(100 * high_mg / adult_ul_mg)}%"
    return (f"Total: {range_text(low_mg, high_mg)} of magnesium a day, {share} of the adult limit for supplements"
            f" ({fmt(adult_ul_mg)} mg a day).")


@dataclass(frozen=True)
class PrecomputedRow:
    """One form's elemental mg at each label amount."""

    key: str
    name: str
    cells: tuple[str, ...]


def precomputed(forms: Sequence[FormRow], amounts: Sequence[int] = LABEL_AMOUNTS) -> tuple[PrecomputedRow, ...]:
    """Work out the elemental mg of every form at each label amount, for readers without the script."""
    return tuple(PrecomputedRow(f.key, f.name, tuple(elemental_text(a, f) for a in amounts)) for f in forms)
