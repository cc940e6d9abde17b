"""Serving parsing."""

from __future__ import annotations

from fractions import Fraction

import pytest

from dosecheck.servings import ServingError, parse_serving


@pytest.mark.parametrize(
    ("text", "quantity", "measure"),
    [
        ("1/2 cup", Fraction(1, 2), "cup"),
        ("½ cup", Fraction(1, 2), "cup"),
        ("1 ½ cups", Fraction(3, 2), "cup"),
        ("1 1/2 cups", Fraction(3, 2), "cup"),
        ("1/4 cup", Fraction(1, 4), "cup"),
        ("1 oz", Fraction(1), "oz"),
        ("3 ounces", Fraction(3), "oz"),
        ("3.5 oz", Fraction(7, 2), "oz"),
        ("2 tablespoons", Fraction(2), "tbsp"),
        ("1 Tbsp", Fraction(1), "tbsp"),
        ("100 g", Fraction(100), "g"),
        ("1 medium", Fraction(1), "medium"),
        ("1 slice", Fraction(1), "slice"),
        ("2 large biscuits", Fraction(2), "biscuit"),
    ],
)
def test_servings_parse(text: str, quantity: Fraction, measure: str) -> None:
    serving = parse_serving(text)
    assert (serving.quantity, serving.measure) == (quantity, measure)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1 bowl", "expected a known measure (biscuit, cup, g, large, lb, medium, oz, packet, serving, slice, small, tbsp, tsp), not 'bowl'"),
        ("cup", "expected a serving like 1/2 cup, 1 oz, 2 tablespoons, 100 g or 1 medium"),
        ("0 cup", "expected a serving above zero"),
        ("1/0 cup", "expected a serving like 1/2 cup, 1 oz, 2 tablespoons, 100 g or 1 medium"),
        (3, "expected a serving like 1/2 cup, 1 oz, 2 tablespoons, 100 g or 1 medium"),
    ],
)
def test_bad_servings_say_what_to_write(value: object, message: str) -> None:
    with pytest.raises(ServingError) as caught:
        parse_serving(value)
    assert str(caught.value) == message


def test_describe_is_canonical() -> None:
    assert parse_serving("½ cup").describe() == "1/2 cup"
    assert parse_serving("3 ounces").describe() == "3 oz"
