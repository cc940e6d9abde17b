"""The calculator's data and the table readers get without JavaScript, from the real reference."""

from __future__ import annotations

import json

import pytest
from refpage.calculator import LABEL_AMOUNTS, calc_data, elemental_text, precomputed, ul_share_text
from refpage.data import FormRow, forms

from dosecheck.reference import Reference


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


@pytest.mark.parametrize(("key", "amount", "elemental", "share"), [
    ("oxide", 500, "302 mg", "86%"),  # 301.5 mg rounds half up, as Math.round does
    ("citrate", 500, "57–81 mg", "23%"),
    ("citrate", 1000, "113–162 mg", "46%"),
    ("glycinate", 250, "35 mg", "10%"),
    ("threonate", 2000, "144–166 mg", "47%"),  # the maker's 144 mg in 2 g
    ("orotate", 100, "7 mg", "2%"),  # two figures that round to the same whole mg read as one
    ("orotate", 1000, "66–73 mg", "21%"),
    ("glycinate", 0, "0 mg", "0%"),
])
def test_elemental_and_share_read_as_the_script_prints_them(
    by_key: dict[str, FormRow], key: str, amount: float, elemental: str, share: str
) -> None:
    assert elemental_text(amount, by_key[key]) == elemental
    assert ul_share_text(amount, by_key[key], 350) == f"{share} of the adult supplement upper limit (350 mg a day)"


def test_the_no_script_table_covers_every_form_at_each_label_amount(ref: Reference) -> None:
    rows = precomputed(forms(ref).rows)
    assert LABEL_AMOUNTS == (100, 250, 500, 1000)
    assert [row.key for row in rows] == [form.id for form in ref.forms]
    by_key = {row.key: row for row in rows}
    assert by_key["oxide"].cells == ("60 mg", "151 mg", "302 mg", "603 mg")
    assert by_key["citrate"].cells == ("11–16 mg", "28–41 mg", "57–81 mg", "113–162 mg")
    assert by_key["carbonate"].cells == ("29 mg", "72 mg", "144 mg", "288 mg")
