"""Parse dose amounts (`100-350 mg/day`) and convert masses with pint."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pint

# Writers' spellings of each mass unit, mapped to pint's names.
MASS_UNITS: dict[str, str] = {
    "mcg": "microgram",
    "µg": "microgram",  # U+00B5 MICRO SIGN
    "μg": "microgram",  # U+03BC GREEK SMALL LETTER MU
    "mg": "milligram",
    "g": "gram",
}
UNIT_LIST = "mcg, µg, mg or g"
EXAMPLE = "an amount like 100-350 mg/day"

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_AMOUNT = re.compile(
    rf"""^\s*(?P<low>{_NUMBER})
    \s*(?:(?:-|–|—|\bto\b)\s*(?P<high>{_NUMBER}))?
    \s*(?P<unit>[^\s\d/.,\-–—][^\s/\-–—]*)?
    \s*(?P<per>/\s*day|per\s+day)?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_RANGE_WITH_UNITS = re.compile(rf"^\s*({_NUMBER})\s*([a-zµμ]+)\s*(?:-|–|—|to)\s*({_NUMBER})\s*\2\b", re.IGNORECASE)


class AmountError(ValueError):
    """An amount that cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Amount:
    """A dose amount or range, as written and in milligrams."""

    text: str
    low: float
    high: float
    unit: str

    @property
    def low_mg(self) -> float:
        """Return the low end in milligrams."""
        return to_mg(self.low, self.unit)

    @property
    def high_mg(self) -> float:
        """Return the high end in milligrams."""
        return to_mg(self.high, self.unit)

    def equals_mg(self, low: float, high: float) -> bool:
        """Say whether the amount is exactly this span in mg (to a millionth, past float noise)."""
        return (round(self.low_mg, 6), round(self.high_mg, 6)) == (round(low, 6), round(high, 6))

    @property
    def is_range(self) -> bool:
        """Return True when the amount gives two different ends."""
        return self.low != self.high


UNITS_FILE = Path(__file__).with_name("units.txt")


@functools.cache
def registry() -> pint.UnitRegistry[float]:
    """Return the one unit registry: pint with the mass units in units.txt, read in milliseconds, cached nowhere."""
    return pint.UnitRegistry(str(UNITS_FILE), cache_folder=None)


@functools.cache
def to_mg(value: float, unit: str) -> float:
    """Convert a mass in one of MASS_UNITS to milligrams."""
    quantity = registry().Quantity(value, MASS_UNITS[unit]).to("milligram")
    # pint's float factors leave noise such as 400.00000000000006
    return round(float(quantity.magnitude), 9)


def grams(value: float, unit: str) -> float:
    """Convert a mass in any unit pint knows (oz, lb, g) to grams."""
    return round(float(registry().Quantity(value, unit).to("gram").magnitude), 9)


def number(text: str) -> float:
    """Read a number written with optional thousands commas."""
    return float(text.replace(",", ""))


def whole(value: float) -> int:
    """Round to a whole number halves up, as JavaScript's Math.round does, so pages, checks and scripts agree."""
    floor = math.floor(value)
    return floor + 1 if value - floor >= 0.5 else floor


def fmt(value: float) -> str:
    """Format a number without trailing zeros: 400, 0.5, 72.4."""
    text = f"{round(value, 3):,.3f}".rstrip("0").rstrip(".")
    return text.replace(",", "") if value < 10000 else text


def fmt_mg(low: float, high: float, per_day: bool = True) -> str:
    """Format a milligram amount or range: `72-144 mg/day`."""
    span = fmt(low) if round(low, 3) == round(high, 3) else f"{fmt(low)}-{fmt(high)}"
    return f"{span} mg/day" if per_day else f"{span} mg"


def parse_amount(value: object) -> Amount:
    """Parse `400 mg/day`, `100-350 mg`, `1 to 2 g per day`, `300–600 mcg`."""
    if isinstance(value, bool) or value is None:
        raise AmountError(f"expected {EXAMPLE}")
    if isinstance(value, (int, float)):
        shown = fmt(float(value)) if isinstance(value, float) or abs(value) < 10**15 else str(value)[:20] + "..."
        raise AmountError(f"expected a unit after the number ({UNIT_LIST}), like {shown} mg/day")
    if not isinstance(value, str):
        raise AmountError(f"expected {EXAMPLE}")
    text = value.strip()
    if text.startswith(("-", "−")):
        raise AmountError("expected an amount above zero")
    match = _AMOUNT.match(text)
    if match is None:
        ranged = _RANGE_WITH_UNITS.match(text)
        if ranged:
            raise AmountError(f"expected the unit once, after the range, like {ranged[1]}-{ranged[3]} {ranged[2]}/day")
        raise AmountError(f"expected {EXAMPLE}")
    unit_text = match["unit"]
    if unit_text is None:
        raise AmountError(f"expected a unit after the number ({UNIT_LIST}), like {match['low']}{'-' + match['high'] if match['high'] else ''} mg/day")
    unit = _unit(unit_text)
    low = number(match["low"])
    high = number(match["high"]) if match["high"] else low
    if not (math.isfinite(low) and math.isfinite(high)):
        raise AmountError("expected an amount of ordinary size; this number is too large to be a dose")
    if low <= 0 or high <= 0:
        raise AmountError("expected an amount above zero")
    if high < low:
        raise AmountError(f"expected the low end first, like {match['high']}-{match['low']} {unit}/day")
    return Amount(text=text, low=low, high=high, unit=unit)


# Spellings that are clear but not ours: say which one to write.
_UNIT_HINTS: dict[str, str] = {
    "ug": "mcg or µg", "mcgs": "mcg", "microgram": "mcg or µg", "micrograms": "mcg or µg",
    "mgs": "mg", "milligram": "mg", "milligrams": "mg",
    "gs": "g", "gram": "g", "grams": "g",
}


def _unit(text: str) -> str:
    """Map a written unit to a MASS_UNITS key, or explain what is wrong."""
    lowered = text.lower()
    for key in MASS_UNITS:
        if text == key or lowered == key:
            return key
    hint = _UNIT_HINTS.get(lowered)
    if hint:
        raise AmountError(f"expected the unit written as {hint}, not {text!r}")
    raise AmountError(f"expected a mass unit ({UNIT_LIST}), not {text!r}")
