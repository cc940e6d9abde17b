"""Parse food servings (`1/2 cup`, `3 oz`, `2 tablespoons`, `1 medium`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

# Writers' words for each household measure, mapped to the reference's measure names.
MEASURES: dict[str, str] = {
    "cup": "cup", "cups": "cup", "c": "cup",
    "tbsp": "tbsp", "tablespoon": "tbsp", "tablespoons": "tbsp", "tbs": "tbsp",
    "tsp": "tsp", "teaspoon": "tsp", "teaspoons": "tsp",
    "oz": "oz", "ounce": "oz", "ounces": "oz",
    "lb": "lb", "pound": "lb", "pounds": "lb",
    "g": "g", "gram": "g", "grams": "g",
    "medium": "medium", "large": "large", "small": "small",
    "slice": "slice", "slices": "slice",
    "packet": "packet", "packets": "packet",
    "biscuit": "biscuit", "biscuits": "biscuit",
    "large biscuit": "biscuit", "large biscuits": "biscuit",
    "serving": "serving", "servings": "serving",
}
# Measures that are masses: any food converts them without a gram weight of its own.
MASS_MEASURES: dict[str, str] = {"g": "gram", "oz": "ounce", "lb": "pound"}

_VULGAR = {"½": "1/2", "¼": "1/4", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8"}
_QUANTITY = r"(?:\d+\s+\d+/\d+|\d+/\d+|\d+(?:\.\d+)?|\.\d+)"
_SERVING = re.compile(rf"^\s*(?P<qty>{_QUANTITY})\s*(?P<measure>[a-z][a-z .]*?)\.?\s*$", re.IGNORECASE)
MAX_QUANTITY = 10_000  # larger is a typo, and would overflow the arithmetic
EXAMPLE = "a serving like 1/2 cup, 1 oz, 2 tablespoons, 100 g or 1 medium"


class ServingError(ValueError):
    """A serving that cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Serving:
    """A quantity of one household measure."""

    text: str
    quantity: Fraction
    measure: str

    def describe(self) -> str:
        """Render canonically: `1/2 cup`, `3 oz`."""
        qty = self.quantity
        whole, part = divmod(qty.numerator, qty.denominator)
        fraction = f"{part}/{qty.denominator}" if part else ""
        shown = " ".join(x for x in (str(whole) if whole else "", fraction) if x) or "0"
        return f"{shown} {self.measure}"


def parse_serving(value: object) -> Serving:
    """Parse a serving into a quantity and a reference measure name."""
    if not isinstance(value, str) or not value.strip():
        raise ServingError(f"expected {EXAMPLE}")
    text = value.strip()
    normalised = text
    for glyph, fraction in _VULGAR.items():
        normalised = re.sub(rf"(\d)\s*{glyph}", rf"\1 {fraction}", normalised).replace(glyph, fraction)
    match = _SERVING.match(normalised)
    if match is None:
        raise ServingError(f"expected {EXAMPLE}")
    measure_word = " ".join(match["measure"].lower().split())
    measure = MEASURES.get(measure_word)
    if measure is None:
        known = ", ".join(sorted(set(MEASURES.values())))
        raise ServingError(f"expected a known measure ({known}), not {match['measure']!r}")
    quantity = _quantity(match["qty"])
    if quantity <= 0:
        raise ServingError("expected a serving above zero")
    if quantity > MAX_QUANTITY:
        raise ServingError(f"expected a serving of at most {MAX_QUANTITY:,} {measure}, the size of a real portion")
    return Serving(text=text, quantity=quantity, measure=measure)


def _quantity(text: str) -> Fraction:
    """Read `1 1/2`, `1/4`, `3`, `3.5` exactly."""
    parts = text.split()
    total = Fraction(0)
    for part in parts:
        try:
            total += Fraction(part)
        except (ValueError, ZeroDivisionError):
            raise ServingError(f"expected {EXAMPLE}") from None
    return total
