"""Checked figures: every look-up shows the reference's value, every claim is checked like a table row."""

from __future__ import annotations

import pytest

from dosecheck.figures import FigureProblem, check_figure
from dosecheck.reference import Reference

UL = "reference says the UL for adults is 350 mg a day of magnesium"
SCOPE = "(supplements and medications only, not magnesium in food and water)"


@pytest.mark.parametrize(
    ("spec", "text", "refs"),
    [
        # Look-ups: the value comes from the reference.
        ("limit", "350 mg a day", ("fnb-dri-1997",)),
        ("limit: adults", "350 mg a day", ("fnb-dri-1997",)),
        ("limit: 1-3 years", "65 mg a day", ("fnb-dri-1997",)),
        ("limit: 4-8 years", "110 mg a day", ("fnb-dri-1997",)),
        ("limit: pregnancy", "350 mg a day", ("fnb-dri-1997",)),
        ("limit: adults; vitamin B6", "100 mg a day", ("fnb-dri-1998-b-vitamins",)),
        ("limit: zinc", "40 mg a day", ("fnb-dri-2001-micronutrients",)),
        ("limit: adults; EU", "250 mg a day", ("efsa-2006-ul",)),
        ("limit: pregnancy; efsa", "250 mg a day", ("efsa-2006-ul",)),
        ("limit: adults; vitamin B6; EU", "12 mg a day", ("efsa-2023-b6",)),
        ("limit: 1-3 years; vitamin B6; EU", "3.2 mg a day", ("efsa-2023-b6",)),
        ("limit: adults; US", "350 mg a day", ("fnb-dri-1997",)),
        ("intake: 19-30 years; male", "400 mg a day", ("fnb-dri-1997",)),
        ("intake: 19-30 years; female", "310 mg a day", ("fnb-dri-1997",)),
        ("intake: 19-50 years; female", "310–320 mg a day", ("fnb-dri-1997",)),
        ("intake: adults", "310–420 mg a day", ("fnb-dri-1997",)),
        ("intake: 0-6 months", "30 mg a day", ("fnb-dri-1997",)),
        ("intake: 19-30 years; pregnancy", "350 mg a day", ("fnb-dri-1997",)),
        ("food: almonds; 1 oz", "80 mg", ("ods-magnesium",)),
        ("food: spinach, boiled; 1/2 cup", "78 mg", ("ods-magnesium",)),
        ("food: spinach, boiled; 1 cup", "156 mg", ("ods-magnesium",)),
        ("food: almonds; 100 g", "279 mg", ("usda-sr-legacy",)),
        ("share: oxide", "60.3%", ("molecules-2020-mg",)),
        ("share: threonate", "7.2%–8.3%", ("molecules-2020-mg", "magtein")),
        ("elemental: 1-2 g; threonate", "72–166 mg", ("molecules-2020-mg", "magtein")),
        ("elemental: 500 mg; oxide", "302 mg", ("molecules-2020-mg",)),
        ("dv", "420 mg", ("fda-dv-2016",)),
        # Claims: the writer's amount, checked.
        ("dose: 100-350 mg/day; glycinate", "100–350 mg a day", ("fnb-dri-1997",)),
        ("dose: 1-2 g/day; threonate; compound", "1–2 g a day", ("fnb-dri-1997",)),
        ("dose: 65 mg/day; 1-3 years", "65 mg a day", ("fnb-dri-1997",)),
        ("dose: 25 mg/day; vitamin B6", "25 mg a day", ("fnb-dri-1998-b-vitamins",)),
        ("above: 1,000 mg/day", "1,000 mg a day", ("fnb-dri-1997",)),
        ("above: 100 mg/day; 1-3 years", "100 mg a day", ("fnb-dri-1997",)),
        ("intake: 400 mg/day; 19-30 years; male", "400 mg a day", ("fnb-dri-1997",)),
        ("food: 78 mg; spinach, boiled; 1/2 cup", "78 mg", ("ods-magnesium",)),
        ("limit: 350 mg/day; adults", "350 mg a day", ("fnb-dri-1997",)),
        ("dv: 420 mg", "420 mg", ("fda-dv-2016",)),
        # Arguments in any order, any case, with spaces and line breaks folded.
        ("dose: compound; THREONATE; 1-2 g/day", "1–2 g a day", ("fnb-dri-1997",)),
        ("intake:  female ;\n 19-30 years", "310 mg a day", ("fnb-dri-1997",)),
    ],
)
def test_figures_that_pass_show_their_value_and_sources(ref: Reference, spec: str, text: str, refs: tuple[str, ...]) -> None:
    checked = check_figure(spec, ref)
    assert (checked.text, checked.refs) == (text, refs)
    # The title says what the figure is; its sources are its data-ref, listed in full once per page.
    assert checked.title(ref) == checked.label and all(r in ref.source_index for r in refs)


@pytest.mark.parametrize(
    ("spec", "expected", "source"),
    [
        ("dose: 600 mg/day", f"{UL} {SCOPE}; 600 mg a day is above it: lower the amount, or write {{{{above: ...}}}}"
         " if the sentence says it is too much", "fnb-dri-1997"),
        ("dose: 2 g; oxide; compound", f"{UL} {SCOPE}; 2 g (about 1,206 mg elemental) is above it: lower the amount,"
         " or write {{above: ...}} if the sentence says it is too much", "fnb-dri-1997"),
        ("dose: 100 mg; zinc; compound", "expected elemental: compound weights are known only for magnesium forms, not zinc", None),
        ("dose: 500 mg; compound", "a form is needed with compound, to convert the weight to elemental magnesium", None),
        ("above: 350 mg/day", f"{UL}; 350 mg a day is not above it: write {{{{limit}}}} for the limit itself, or"
         " {{dose: ...}} for an amount within it", "fnb-dri-1997"),
        ("intake: 19-30 years; male; pregnancy", "expected female or no sex with pregnancy", None),
        ("intake: 350 mg/day; 71+ years; pregnancy", "reference gives no pregnancy value for 71+ years", None),
        ("intake: 420 mg/day; 19-30 years; male", "reference says 400 mg a day of magnesium (RDA for 19-30 years, male)",
         "fnb-dri-1997"),
        ("food: 30 mg; almonds; 1 oz", "reference says 80 mg per 1 oz of almonds, dry roasted (within 10%)", "ods-magnesium"),
        ("food: almonds; 1 slice", "the reference has no gram weight of a slice of almonds, dry roasted; use one of: cup, g or oz",
         None),
        ("limit: 0-6 months", "reference sets no magnesium UL for 0-6 months (not established)", None),
        ("limit: 400 mg; adults", f"{UL}", "fnb-dri-1997"),
        ("limit: 350 mg/day; EU", "reference says the EU UL for adults is 250 mg a day of magnesium", "efsa-2006-ul"),
        ("limit: zinc; EU", "reference gives no EU upper limit for zinc", None),
        ("limit: 1-3 years; EU", "reference sets no magnesium UL for 1-3 years (not established)", None),
        ("dv: 400 mg", "reference says the Daily Value is 420 mg of magnesium", "fda-dv-2016"),
        ("dv: zinc", "reference gives no Daily Value for zinc", None),
        ("lmit", "expected a kind of figure: limit, dose, above, intake, food, share, elemental or dv (did you mean 'limit'?)", None),
        ("", "expected a figure like {{limit: adults}}; the kinds are limit, dose, above, intake, food, share, elemental or dv",
         None),
        ("limit: adults; 19-30 years", "expected one life stage, not two; write it like {{limit: adults}}", None),
        ("share", "expected a form (glycinate); write it like {{share: oxide}}", None),
        ("food: 1 oz", "expected a food (almonds); write it like {{food: almonds; 1 oz}}", None),
        ("share: glycinat", "expected a form (glycinate); 'glycinat' is none of them (did you mean 'glycinate'?)", None),
    ],
)
def test_figures_that_fail_say_what_the_reference_says(ref: Reference, spec: str, expected: str, source: str | None) -> None:
    with pytest.raises(FigureProblem) as caught:
        check_figure(spec, ref)
    assert (caught.value.expected, caught.value.source) == (expected, source)
