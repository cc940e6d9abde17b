"""The supplement tally's data and wording, and the table readers get without JavaScript, from the real reference."""

from __future__ import annotations

import json

import pytest
from refpage.calculator import (
    LABEL_AMOUNTS,
    at_or_above,
    calc_data,
    elemental,
    elemental_text,
    precomputed,
    range_text,
    status_text,
)
from refpage.data import FormRow, build_page, forms

from dosecheck.reference import Reference

LIMIT = "(350 mg a day)."  # how the status names the adult limit for supplements


@pytest.fixture
def by_key(ref: Reference) -> dict[str, FormRow]:
    """The reference's forms by key."""
    return {row.key: row for row in forms(ref).rows}


def test_calc_data_carries_every_form_and_the_adult_upper_limit(ref: Reference) -> None:
    data = calc_data(forms(ref).rows, 350)
    assert json.loads(json.dumps(data)) == data
    assert [f["key"] for f in data["forms"]] == [form.id for form in ref.forms]
    assert data["forms"][0] == {"key": "oxide", "name": "Magnesium oxide", "low": 0.603, "high": 0.603}
    assert data["forms"][1] == {"key": "citrate", "name": "Magnesium citrate", "low": 0.113, "high": 0.162}
    assert data["adult_ul_mg"] == 350


def test_the_embedded_data_is_the_pages_own_limit_and_forms_table(ref: Reference) -> None:
    page = build_page(ref)
    assert page.upper_limits.adult_mg == 350 and page.upper_limits.adult_text == "350 mg"
    data = calc_data(page.forms.rows, page.upper_limits.adult_mg)
    assert data["adult_ul_mg"] == page.upper_limits.adult_mg
    # Each embedded share is the one the forms table prints, so the tally and the table cannot disagree.
    for entry, row in zip(data["forms"], page.forms.rows, strict=True):
        printed = row.percent.replace("%", "").split("–")
        assert [round(100 * entry["low"], 3), round(100 * entry["high"], 3)] == [float(printed[0]), float(printed[-1])], row.key


@pytest.mark.parametrize(("key", "amount", "text"), [
    ("oxide", 500, "302 mg"),  # 301.5 mg rounds half up, as Math.round does
    ("oxide", 1000, "603 mg"),
    ("citrate", 500, "57–81 mg"),
    ("citrate", 1000, "113–162 mg"),
    ("glycinate", 250, "35 mg"),
    ("threonate", 2000, "144–166 mg"),  # the maker's 144 mg in 2 g
    ("orotate", 100, "7 mg"),  # two figures that round to the same whole mg read as one
    ("orotate", 1000, "66–73 mg"),
    ("glycinate", 0, "0 mg"),
])
def test_elemental_mg_in_a_compound_weight_reads_as_the_script_prints_it(
    by_key: dict[str, FormRow], key: str, amount: float, text: str
) -> None:
    assert elemental_text(amount, by_key[key]) == text


def test_the_oxide_example_totals_603_mg_and_reaches_the_limit(by_key: dict[str, FormRow]) -> None:
    low, high = elemental(1000, by_key["oxide"])
    assert status_text(low, high, 350) == f"Total: 603 mg of magnesium a day, 172% of the adult limit for supplements {LIMIT}"
    assert at_or_above(high, 350)


def test_a_label_in_elemental_mg_counts_as_it_is(by_key: dict[str, FormRow]) -> None:
    # A glycinate label of 200 mg elemental is 200 mg of magnesium, not 200 mg of glycinate (28 mg).
    assert status_text(200, 200, 350) == f"Total: 200 mg of magnesium a day, 57% of the adult limit for supplements {LIMIT}"
    assert not at_or_above(200, 350)
    assert elemental_text(200, by_key["glycinate"]) == "28 mg"


def test_a_range_is_compared_by_its_higher_figure(by_key: dict[str, FormRow]) -> None:
    low, high = elemental(1000, by_key["citrate"])
    assert status_text(low, high, 350) == (
        f"Total: 113–162 mg of magnesium a day, up to 46% of the adult limit for supplements {LIMIT}")
    low, high = elemental(2500, by_key["citrate"])
    assert (range_text(low, high), at_or_above(high, 350)) == ("283–405 mg", True)


@pytest.mark.parametrize(("high", "reached"), [(349.4, False), (349.5, True), (350, True), (603, True), (0, False)])
def test_the_limit_is_reached_as_the_total_is_printed(high: float, reached: bool) -> None:
    # 349.5 mg prints as 350 mg: it must not read as below the limit.
    assert at_or_above(high, 350) is reached


def test_the_no_script_table_covers_every_form_at_each_label_amount(ref: Reference) -> None:
    rows = precomputed(forms(ref).rows)
    assert LABEL_AMOUNTS == (100, 250, 500, 1000)
    assert [row.key for row in rows] == [form.id for form in ref.forms]
    by_key = {row.key: row for row in rows}
    assert by_key["oxide"].cells == ("60 mg", "151 mg", "302 mg", "603 mg")
    assert by_key["citrate"].cells == ("11–16 mg", "28–41 mg", "57–81 mg", "113–162 mg")
    assert by_key["carbonate"].cells == ("29 mg", "72 mg", "144 mg", "288 mg")
