"""The dose reference page's tables, built from the real reference file."""

from __future__ import annotations

import pytest
from refpage.data import FoodRow, IntakeRow, RefPageError, UpperLimitRow, build_page, foods, forms, intakes, upper_limits

from dosecheck.quantities import whole
from dosecheck.reference import Reference


def test_intakes_pivot_one_row_per_life_stage_with_every_reference_value(ref: Reference) -> None:
    table = intakes(ref)
    assert [row.life_stage for row in table.rows] == ref.life_stages
    by_stage = {row.life_stage: row for row in table.rows}
    assert by_stage["0-6 months"] == IntakeRow("0-6 months", "AI", "30 mg/day", "30 mg/day", "–", "–")
    assert by_stage["19-30 years"] == IntakeRow("19-30 years", "RDA", "400 mg/day", "310 mg/day", "350 mg/day", "310 mg/day")
    assert by_stage["71+ years"] == IntakeRow("71+ years", "RDA", "420 mg/day", "320 mg/day", "–", "–")
    magnesium = ref.nutrient("magnesium")
    assert magnesium is not None
    for value in magnesium.intakes.rows:  # every reference value lands in its cell, and only there
        row = by_stage[value.life_stage]
        column = value.condition or value.sex
        cells = [row.male, row.female] if column == "both" else [getattr(row, column)]
        assert all(cell == f"{value.mg:g} mg/day" for cell in cells), value
    assert [s.id for s in table.sources] == ["fnb-dri-1997"]


def test_upper_limits_list_stages_without_one_and_say_what_they_count(ref: Reference) -> None:
    table = upper_limits(ref)
    assert table.rows == (
        UpperLimitRow("0-12 months", "–", "Not established"),
        UpperLimitRow("1-3 years", "–", "65 mg/day"),
        UpperLimitRow("4-8 years", "–", "110 mg/day"),
        UpperLimitRow("9+ years", "–", "350 mg/day"),
        UpperLimitRow("14-50 years", "Pregnancy", "350 mg/day"),
        UpperLimitRow("14-50 years", "Lactation", "350 mg/day"),
    )
    assert table.applies_to == "supplements and medications only, not magnesium in food and water"
    assert table.adult_mg == 350
    assert table.adult_text == "350 mg"
    assert [s.id for s in table.sources] == ["fnb-dri-1997"]


def test_forms_give_a_figure_or_a_range_as_exact_fractions(ref: Reference) -> None:
    table = forms(ref)
    assert [row.key for row in table.rows] == [form.id for form in ref.forms]
    by_key = {row.key: row for row in table.rows}
    oxide, citrate, taurate = by_key["oxide"], by_key["citrate"], by_key["taurate"]
    assert (oxide.name, oxide.formula, oxide.percent, oxide.low, oxide.high) == ("Magnesium oxide", "MgO", "60.3%", 0.603, 0.603)
    assert (citrate.percent, citrate.low, citrate.high) == ("11.3%–16.2%", 0.113, 0.162)
    assert citrate.note.startswith("11.3% for the 1:1 salt")
    assert (taurate.low, taurate.high) == (0.089, 0.089)  # 8.9 / 100 in binary floating point would be 0.08900000000000001
    assert [s.id for s in table.sources] == [
        "molecules-2020-mg", "usp-magnesium-citrate", "stoichiometry", "molecules-2021-glycinate", "magtein"]


def test_foods_use_the_listed_serving_and_its_weight(ref: Reference) -> None:
    table = foods(ref)
    by_key = {row.key: row for row in table.rows}
    pumpkin = by_key["pumpkin seeds, roasted"]
    assert pumpkin == FoodRow("pumpkin seeds, roasted", "Pumpkin seeds, roasted", "1 oz", pytest.approx(28.349523125), 156, 550,
                              False, "")
    assert (pumpkin.mg_text, pumpkin.grams_text, pumpkin.per_100g_text) == ("156 mg", "28.3 g", "550 mg")
    spinach = by_key["spinach, boiled"]
    assert (spinach.serving, spinach.mg_text, spinach.grams_text, spinach.per_100g_text) == ("1/2 cup", "78 mg", "90 g", "87 mg")
    shredded = by_key["shredded wheat"]
    assert (shredded.serving, shredded.mg_text, shredded.grams_text) == ("2 large biscuits", "61 mg", "47 g")
    chia = by_key["chia seeds"]
    assert chia.note == "The ODS table prints 111 mg per ounce; SR Legacy's 335 mg/100 g gives about 95 mg per ounce."


def test_foods_the_fact_sheet_does_not_list_are_worked_out_and_say_so(ref: Reference) -> None:
    by_key = {row.key: row for row in foods(ref).rows}
    chard = by_key["swiss chard, boiled"]  # 86 mg per 100 g, 175 g a cup
    assert (chard.serving, chard.grams, chard.mg, chard.mg_text, chard.computed) == ("1 cup", 175, 150.5, "151 mg", True)
    assert chard.note == "Computed: 86 mg per 100 g × 175 g (SR Legacy); the fact sheet does not list it."
    chocolate = by_key["dark chocolate, 70-85% cacao"]  # no household measure: one ounce
    assert (chocolate.serving, chocolate.grams_text, chocolate.mg_text) == ("1 oz", "28.3 g", "65 mg")
    milk = by_key["milk, low fat"]
    assert milk.mg_text == "27 mg"
    assert milk.note.endswith("The ODS table prints 24-27 mg per cup for milk of any fat content.")
    assert {row.key for row in foods(ref).rows if row.computed} == {f.id for f in ref.foods if f.listed is None}


def test_foods_are_sorted_most_first_and_each_appears_once(ref: Reference) -> None:
    table = foods(ref)
    assert sorted(row.key for row in table.rows) == sorted(food.id for food in ref.foods)
    amounts = [row.mg for row in table.rows]
    assert amounts == sorted(amounts, reverse=True)
    assert table.rows[0].key == "pumpkin seeds, roasted" and table.rows[-1].key == "carrot, raw"
    assert [s.id for s in table.sources] == ["ods-magnesium", "usda-sr-legacy"]


@pytest.mark.parametrize(("value", "expected"), [(150.5, 151), (2.5, 3), (0.49999999999999994, 0), (64.6, 65), (7.0, 7), (-0.5, 0)])
def test_whole_rounds_halves_up_like_math_round(value: float, expected: int) -> None:
    assert whole(value) == expected


def test_a_reference_without_an_adult_upper_limit_is_refused(ref: Reference) -> None:
    data = ref.model_dump(exclude_none=True)
    data["life_stage_aliases"] = {}
    with pytest.raises(RefPageError, match="no adult magnesium upper limit"):
        build_page(Reference.model_validate(data))
