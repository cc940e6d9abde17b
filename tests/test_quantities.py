"""Amount parsing and mass conversion."""

from __future__ import annotations

import pytest

from dosecheck.quantities import AmountError, fmt, fmt_mg, parse_amount, to_mg


@pytest.mark.parametrize(
    ("text", "low_mg", "high_mg"),
    [
        ("400 mg/day", 400, 400),
        ("100-350 mg/day", 100, 350),
        ("100–350 mg", 100, 350),
        ("1 to 2 g per day", 1000, 2000),
        ("0.4 g", 400, 400),
        ("1,000 mg/day", 1000, 1000),
        ("300 mcg/day", 0.3, 0.3),
        ("300 µg", 0.3, 0.3),
        ("300 μg", 0.3, 0.3),
        ("100-350mg/day", 100, 350),
        ("50 MG", 50, 50),
    ],
)
def test_amounts_parse_to_milligrams(text: str, low_mg: float, high_mg: float) -> None:
    amount = parse_amount(text)
    assert (amount.low_mg, amount.high_mg) == (low_mg, high_mg)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("400", "expected a unit after the number (mcg, µg, mg or g), like 400 mg/day"),
        (400, "expected a unit after the number (mcg, µg, mg or g), like 400 mg/day"),
        ("0 mg/day", "expected an amount above zero"),
        ("-5 mg", "expected an amount above zero"),
        ("600-300 mg/day", "expected the low end first, like 300-600 mg/day"),
        ("400 IU/day", "expected a mass unit (mcg, µg, mg or g), not 'IU'"),
        ("5 ug", "expected the unit written as mcg or µg, not 'ug'"),
        ("2 grams", "expected the unit written as g, not 'grams'"),
        ("1 g-2 g", "expected the unit once, after the range, like 1-2 g/day"),
        ("some", "expected an amount like 100-350 mg/day"),
        (True, "expected an amount like 100-350 mg/day"),
        (None, "expected an amount like 100-350 mg/day"),
    ],
)
def test_bad_amounts_say_what_to_write(value: object, message: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(value)
    assert str(caught.value) == message


def test_conversion_has_no_float_noise() -> None:
    assert to_mg(0.4, "g") == 400
    assert to_mg(1, "mcg") == 0.001


@pytest.mark.parametrize(("low", "high", "text"), [(72.0, 144.0, "72-144 mg/day"), (350, 350, "350 mg/day"), (0.5, 1.25, "0.5-1.25 mg/day")])
def test_formatting(low: float, high: float, text: str) -> None:
    assert fmt_mg(low, high) == text
    assert fmt(400.0) == "400"
