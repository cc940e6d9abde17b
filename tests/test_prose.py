"""Finding amounts in text and in rendered HTML, and only amounts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dosecheck.prose import Hit, amounts, locate, visible_hits

NOT_AMOUNTS = [
    "3 months", "1 in 4", "911", "2017", "vitamin B6", "7-OH", "5-HTP", "30 mL", "10 minutes", "page 12", "Mg2+",
    "a few grams", "grams per day", "70-85% cacao", "4 good reasons", "24 hours", "1/2 cup", "1 oz", "3 oz of salmon",
    "Molecules 2020;25(14):3172", "call 988", "over 65 years", "2 weeks", "1 in 10 people", "9-13 years", "B12",
    "10 drops", "5 gallons", "a gram-for-gram comparison", "H2O",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_numbers_that_are_not_amounts_are_not_found(text: str) -> None:
    assert amounts(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Adults can safely take 600 mg of elemental magnesium a day", ["600 mg"]),
        ("300–600 mg daily", ["300–600 mg"]),
        ("300-600mg", ["300-600mg"]),
        ("300 to 600 mg", ["300 to 600 mg"]),
        ("2 g of magnesium oxide is fine", ["2 g"]),
        ("0.6 g", ["0.6 g"]), (".5 g", [".5 g"]), ("600mg", ["600mg"]), ("600 MG", ["600 MG"]),
        ("600 milligrams", ["600 milligrams"]), ("1 milligram", ["1 milligram"]), ("2 grams", ["2 grams"]),
        ("2 grammes", ["2 grammes"]), ("100 micrograms", ["100 micrograms"]), ("400 mcg", ["400 mcg"]),
        ("400 µg", ["400 µg"]), ("400 μg", ["400 μg"]), ("400 ug", ["400 ug"]), ("25 mmol", ["25 mmol"]),
        ("20 mEq", ["20 mEq"]), ("5 mg/kg", ["5 mg/kg"]), ("5 mg per kg", ["5 mg per kg"]),
        ("1,000 mg a day", ["1,000 mg a day"]), ("350 mg/day", ["350 mg/day"]),
        ("600\u00a0mg", ["600 mg"]), ("600\u2009mg", ["600 mg"]), ("600\u202fmg", ["600 mg"]),
        ("600 mgs", ["600 mgs"]), ("600 \u338e", ["600 \u338e"]), ("a 400-mg tablet", ["400-mg"]),
        ("six hundred milligrams", ["six hundred milligrams"]), ("two grams", ["two grams"]),
        ("a gram of oxide", ["a gram"]), ("half a gram", ["half a gram"]), ("one hundred and fifty mg", ["one hundred and fifty mg"]),
        ("take 200 mg, then 400 mg", ["200 mg", "400 mg"]),
    ],
)
def test_every_spelling_of_an_amount_is_found(text: str, found: list[str]) -> None:
    assert amounts(text) == found


def test_rendered_html_is_read_as_a_reader_sees_it() -> None:
    html = ('<p>Take <strong>600</strong> mg.</p><p>600</p><p>mg</p>'
            '<table><tr><td>Adults</td><td>400 mg</td></tr></table>'
            '<pre><code>dose = 2 g</code></pre><img alt="a 500 mg tablet" src="x.png">'
            '<!-- 900 mg in a comment is not seen -->')
    assert [(h.text, h.where) for h in visible_hits(html)] == [
        ("600 mg", "text"), ("400 mg", "cell"), ("2 g", "code"), ("500 mg", "an image's alt text")]


def test_only_figures_marked_with_the_runs_nonce_are_skipped() -> None:
    html = ('<p><span class="figure" data-ref="fnb-dri-1997" title="UL: 350 mg" data-fig="n0nce">350 mg a day</span> and '
            '<span data-ref="fnb-dri-1997" data-fig="guess">600 mg</span></p>')
    assert [h.text for h in visible_hits(html, "n0nce")] == ["600 mg"]


def test_a_figure_left_in_an_attribute_is_found_but_not_in_code() -> None:
    html = '<p><img alt="{{limit: adults}}" src="x.png"> <code>{{limit}}</code></p>'
    assert [(h.text, h.where, h.figure) for h in visible_hits(html)] == [("{{limit: adults}}", "an image's alt text", True)]


@pytest.mark.parametrize(
    ("source", "text", "line"),
    [
        ("One.\n\nTake **600** mg.\n", "600 mg", 2),
        ("Take 600&nbsp;mg.\n", "600 mg", 0),
        ("Intro 600.\n\nAnd then 600 mg.\n", "600 mg", 2),
        ("Take six\nhundred milligrams.\n", "six hundred milligrams", 0),
    ],
)
def test_a_hit_is_traced_back_to_its_source_line(source: str, text: str, line: int) -> None:
    offset = locate(source, Hit(text, "text", text))
    assert offset is not None and source.count("\n", 0, offset) == line


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\u338e\u338d")).filter(
    lambda t: not any(unit in t.lower() for unit in ("g", "mol", "meq"))))
def test_text_without_a_unit_never_holds_an_amount(text: str) -> None:
    assert amounts(text) == []


@settings(max_examples=200, deadline=None, database=None)
@given(number=st.integers(1, 10**6) | st.floats(0.01, 10**5, allow_nan=False).map(lambda x: round(x, 2)),
       space=st.sampled_from(["", " ", "\u00a0", "\u2009"]), unit=st.sampled_from(["mg", "g", "mcg", "µg", "mmol", "mEq", "milligrams"]),
       before=st.sampled_from(["", "Take ", "About ", "(", "up to "]), after=st.sampled_from(["", ".", " a day", "/day", ")"]))
def test_any_number_with_a_unit_is_found(number: float, space: str, unit: str, before: str, after: str) -> None:
    assert len(amounts(f"{before}{number:,}{space}{unit}{after}")) == 1


def test_a_range_is_traced_to_its_first_number_and_words_do_not_bridge() -> None:
    source = "Most take 600 people.\n\nSome take 300 to 600 mg.\n"
    offset = locate(source, Hit("300 to 600 mg", "text", ""))
    assert offset is not None and source.count("\n", 0, offset) == 2
    offset = locate(source, Hit("600 mg", "text", ""))
    assert offset is not None and source.count("\n", 0, offset) == 2
