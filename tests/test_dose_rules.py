"""Intake rows against the RDA/AI and supplement rows against the UL."""

from __future__ import annotations

import pytest

from conftest import FIRST_LINE, check
from dosecheck.reference import Reference

LI = FIRST_LINE + 5  # the line of the first row in `intake()`
LS = FIRST_LINE + 4  # and in `supplement()`


def intake(*rows: str, nutrient: str = "magnesium") -> str:
    """Front matter with one intake table."""
    return f"doses:\n  - caption: Intake\n    kind: intake\n    nutrient: {nutrient}\n    rows:\n" + "".join(f"      - {r}\n" for r in rows)


def supplement(*rows: str) -> str:
    """Front matter with one supplement table."""
    return "doses:\n  - caption: Supplements\n    kind: supplement\n    rows:\n" + "".join(f"      - {r}\n" for r in rows)


@pytest.mark.parametrize(
    "row",
    [
        "{life_stage: 0-6 months, amount: 30 mg/day}",
        "{life_stage: 7-12 months, amount: 75 mg}",
        "{life_stage: 1-3 years, amount: 80 mg/day}",
        "{life_stage: 9-13 years, amount: 240 mg/day}",
        "{life_stage: 14-18 years, sex: male, amount: 410 mg/day}",
        "{life_stage: 19-30 years, sex: female, amount: 310 mg/day}",
        "{life_stage: 19-50 years, sex: female, amount: 310-320 mg/day}",
        "{life_stage: 19-50 years, sex: male, amount: 400 to 420 mg per day}",
        "{life_stage: adults, sex: male, amount: 400-420 mg/day}",
        "{life_stage: 51+ years, sex: female, amount: 320 mg/day}",
        "{life_stage: 31-50 years, condition: pregnancy, amount: 360 mg/day}",
        "{life_stage: 14-18 years, sex: female, condition: lactation, amount: 360 mg/day}",
        "{life_stage: 19-30 years, sex: male, amount: 0.4 g/day}",
    ],
)
def test_intake_rows_that_match(ref: Reference, row: str) -> None:
    assert check(ref, intake(row)) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{life_stage: 0-6 months, amount: 80 mg/day}",
         "doses[0].rows[0].amount: found 80 mg/day for 0-6 months; reference says 30 mg/day (AI for 0-6 months) (fnb-dri-1997)"),
        ("{life_stage: 1-3 years, amount: 240 mg/day}",
         "doses[0].rows[0].amount: found 240 mg/day for 1-3 years; reference says 80 mg/day (RDA for 1-3 years) (fnb-dri-1997)"),
        ("{life_stage: 19-50 years, sex: male, amount: 400 mg/day}",
         "doses[0].rows[0].amount: found 400 mg/day for 19-50 years, male; reference says 400-420 mg/day"
         " (RDA for 19-30 years, 31-50 years) (fnb-dri-1997)"),
        ("{life_stage: 14-18 years, amount: 400-420 mg/day}",
         "doses[0].rows[0].sex: found nothing; reference says 410 mg/day for male, 360 mg/day for female at 14-18 years:"
         " add sex: male or sex: female"),
        ("{life_stage: 51+ years, condition: pregnancy, amount: 350 mg/day}",
         "doses[0].rows[0].life_stage: found 51-70 years; reference gives no pregnancy value for 51-70 years"),
        ("{life_stage: 19-30 years, sex: male, condition: pregnancy, amount: 350 mg/day}",
         "doses[0].rows[0].sex: found 'male'; expected female or no sex with condition: pregnancy"),
        ("{life_stage: 20-40 years, sex: male, amount: 400 mg/day}",
         "doses[0].rows[0].life_stage: found '20-40 years'; expected a stage that lines up with the reference's:"
         " 0-6 months, 7-12 months, 1-3 years, 4-8 years, 9-13 years, 14-18 years, 19-30 years, 31-50 years,"
         " 51-70 years, 71+ years"),
        ("{life_stage: 19-30 years, sex: male, amount: 400}",
         "doses[0].rows[0].amount: found 400; expected a unit after the number (mcg, µg, mg or g), like 400 mg/day"),
        ("{life_stage: 19-30 years, sex: male, amount: 420-400 mg/day}",
         "doses[0].rows[0].amount: found '420-400 mg/day'; expected the low end first, like 400-420 mg/day"),
        ("{life_stage: 19-30 years, sex: male, amount: 0 mg/day}",
         "doses[0].rows[0].amount: found '0 mg/day'; expected an amount above zero"),
    ],
)
def test_intake_rows_that_do_not_match(ref: Reference, row: str, message: str) -> None:
    assert check(ref, intake(row)) == [f"g.md:{LI}: {message}"]


def test_an_unknown_table_nutrient_is_reported_once_at_the_table(ref: Reference) -> None:
    rows = ("{life_stage: 1-3 years, amount: 80 mg/day}", "{life_stage: 4-8 years, amount: 130 mg/day}")
    assert check(ref, intake(*rows, nutrient="magnesum")) == [
        f"g.md:{LI - 2}: doses[0].nutrient: found 'magnesum'; expected one of magnesium, vitamin B6, zinc or calcium"
        " (did you mean 'magnesium'?)"
    ]


def test_an_unknown_row_nutrient_is_reported_at_the_row(ref: Reference) -> None:
    assert check(ref, intake("{life_stage: 1-3 years, amount: 80 mg/day, nutrient: zink}")) == [
        f"g.md:{LI}: doses[0].rows[0].nutrient: found 'zink'; expected one of magnesium, vitamin B6, zinc or calcium"
        " (did you mean 'zinc'?)"
    ]


@pytest.mark.parametrize(
    "row",
    [
        "{amount: 100-350 mg/day}",
        "{form: glycinate, amount: 100-350 mg/day, basis: elemental, note: Take with food}",
        "{form: threonate, amount: 1-2 g/day, basis: compound}",
        "{form: oxide, amount: 500 mg/day, basis: compound}",
        "{amount: 65 mg/day, population: 1-3 years}",
        "{amount: 350 mg/day, population: pregnancy}",
        "{amount: 500 mg/day, supervised: true, source: abbasi-2012}",
    ],
)
def test_supplement_rows_within_the_ul(ref: Reference, row: str) -> None:
    assert [line for line in check(ref, supplement(row)) if not line.startswith("warning")] == []


UL = "reference says the UL for adults is 350 mg/day of magnesium (supplements and medications only, not magnesium in food and water)"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{amount: 300-600 mg/day, basis: elemental}",
         f"doses[0].rows[0].amount: found 300-600 mg/day elemental; {UL}; lower the high end, or mark the row"
         " supervised: true with a source: of kind study or guideline (fnb-dri-1997)"),
        ("{form: threonate, amount: 1-2 g/day, basis: elemental}",
         f"doses[0].rows[0].amount: found 1-2 g/day elemental; {UL}; as the weight of magnesium L-threonate, 1-2 g/day"
         " is about 72-166 mg/day elemental: set basis: compound if the label gives the compound weight (fnb-dri-1997)"),
        ("{form: oxide, amount: 1 g/day, basis: compound}",
         f"doses[0].rows[0].amount: found 1 g/day compound, about 603 mg/day elemental; {UL}; lower the high end, or mark"
         " the row supervised: true with a source: of kind study or guideline (fnb-dri-1997)"),
        ("{amount: 100 mg/day, population: 1-3 years}",
         "doses[0].rows[0].amount: found 100 mg/day elemental; reference says the UL for 1-3 years is 65 mg/day of magnesium"
         " (supplements and medications only, not magnesium in food and water); lower the high end, or mark the row"
         " supervised: true with a source: of kind study or guideline (fnb-dri-1997)"),
        ("{amount: 50 mg/day, population: 0-6 months}",
         "doses[0].rows[0].population: found '0-6 months'; reference sets no magnesium UL for 0-6 months (not established)"),
        ("{amount: 100 mg/day, basis: compound}",
         "doses[0].rows[0].form: found nothing; a form is required with basis: compound, to convert the weight to elemental magnesium"),
        ("{amount: 500 mg/day, supervised: true}",
         "doses[0].rows[0].source: found nothing; supervised: true needs source: naming one of the guide's sources"),
        ("{amount: 500 mg/day, supervised: true, source: nih}",
         "doses[0].rows[0].source: found 'nih'; expected one of the guide's source ids (ods-magnesium or abbasi-2012)"),
    ],
)
def test_supplement_rows_over_the_ul_or_unreadable(ref: Reference, row: str, message: str) -> None:
    lines = check(ref, supplement(row))
    assert f"g.md:{LS}: {message}" in lines
    assert len([line for line in lines if not line.startswith("warning")]) == 1


def test_a_supervised_row_with_a_source_is_a_warning(ref: Reference) -> None:
    assert check(ref, supplement("{amount: 500 mg/day, supervised: true, source: abbasi-2012}")) == [
        f"warning: g.md:{LS}: doses[0].rows[0].amount: found 500 mg/day elemental; {UL}; published as supervised, citing"
        " abbasi-2012 (fnb-dri-1997)"
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        # Anyone under 19, pregnancy and lactation included (they start at 14): the UL holds even supervised.
        ("{amount: 600 mg/day, population: 1-3 years, supervised: true, source: abbasi-2012}",
         "doses[0].rows[0].amount: found 600 mg/day elemental; reference says the UL for 1-3 years is 65 mg/day of magnesium"
         " (supplements and medications only, not magnesium in food and water); for anyone under 19 (pregnancy and"
         " lactation included) the UL holds even under supervision (fnb-dri-1997)"),
        ("{amount: 400 mg/day, population: pregnancy, supervised: true, source: abbasi-2012}",
         "doses[0].rows[0].amount: found 400 mg/day elemental; reference says the UL for pregnancy is 350 mg/day of magnesium"
         " (supplements and medications only, not magnesium in food and water); for anyone under 19 (pregnancy and"
         " lactation included) the UL holds even under supervision (fnb-dri-1997)"),
        # Adults: at most twice the UL, as the reference names no higher supervised ceiling.
        ("{amount: 3000 mg/day, supervised: true, source: abbasi-2012}",
         f"doses[0].rows[0].amount: found 3000 mg/day elemental; {UL}; supervised, at most 700 mg/day (twice the UL for"
         " adults) (fnb-dri-1997)"),
        # Any source the guide lists is not enough: it must be a study or a guideline.
        ("{amount: 500 mg/day, supervised: true, source: ods-magnesium}",
         "doses[0].rows[0].source: found 'ods-magnesium'; expected a source of kind study or guideline for an amount above"
         " the UL; ods-magnesium is of kind fact-sheet: cite the study or guideline that gives the amount"),
    ],
)
def test_supervised_rows_that_are_refused(ref: Reference, row: str, message: str) -> None:
    assert check(ref, supplement(row)) == [f"g.md:{LS}: {message}"]


def test_a_form_row_cannot_carry_another_nutrient(ref: Reference) -> None:
    assert check(ref, supplement("{form: glycinate, nutrient: calcium, amount: 2000 mg/day}")) == [
        f"g.md:{LS}: doses[0].rows[0].nutrient: found 'calcium'; expected magnesium: Magnesium glycinate is a magnesium"
        " form; remove form: to give a calcium amount"]
