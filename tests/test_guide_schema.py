"""The front-matter schema: unknown fields, wrong types, missing fields, all with lines."""

from __future__ import annotations

import pytest

from conftest import FIRST_LINE, check
from dosecheck.reference import Reference

L = FIRST_LINE


@pytest.mark.parametrize(
    ("front", "messages"),
    [
        ("sumary: typo\n",
         [f"g.md:{L}: sumary: found unknown field 'sumary'; expected one of title, date, modified, category, tags, summary,"
          " key_points, last_reviewed, next_review_due, reviewed_by, sources, foods, forms, doses, faqs, slug, status, template, lang,"
          " translation, author, authors, save_as, url or order (did you mean 'summary'?)"]),
        ("foods:\n  - food: spinach, boiled\n    serving: 1/2 cup\n    magnesium: 78\n",
         [f"g.md:{L + 1}: foods[0].magnesium_mg: found nothing; magnesium_mg is required",
          f"g.md:{L + 3}: foods[0].magnesium: found unknown field 'magnesium'; expected one of food, serving,"
          " magnesium_mg or note (did you mean 'magnesium_mg'?)"]),
        ("doses:\n  - caption: Intake\n    kind: intake\n    rows:\n      - {life_stage: 1-3 years, amout: 80 mg/day}\n",
         [f"g.md:{L + 4}: doses[0].rows[0].amount: found nothing; amount is required",
          f"g.md:{L + 4}: doses[0].rows[0].amout: found unknown field 'amout'; expected one of life_stage, sex, condition,"
          " amount, nutrient or note (did you mean 'amount'?)"]),
        ("doses:\n  - caption: Supplements\n    kind: supplement\n    rows:\n      - {amount: 100 mg/day, suprvised: true}\n",
         [f"g.md:{L + 4}: doses[0].rows[0].suprvised: found unknown field 'suprvised'; expected one of form, amount, basis,"
          " population, nutrient, note, supervised or source (did you mean 'supervised'?)"]),
        ("doses:\n  - caption: Intake\n    kind: intakes\n    rows: []\n",
         [f"g.md:{L + 2}: doses[0].kind: found 'intakes'; expected intake or supplement (did you mean 'intake'?)"]),
        ("foods:\n  - {food: spinach, boiled, serving: 1/2 cup, magnesium_mg: 78}\n",
         [f"g.md:{L + 1}: foods[0].boiled: found unknown field 'boiled'; expected one of food, serving, magnesium_mg"
          " or note; if it belongs to the value before it, put that value in quotes"]),
        ("tags: magnesium, sleep\n", [f"g.md:{L}: tags: found 'magnesium, sleep'; expected a list"]),
        ("faqs:\n  - q: A question?\n    a: ''\n", [f"g.md:{L + 2}: faqs[0].a: found ''; expected text, not an empty value"]),
        ("forms:\n  - form: no\n",
         [f"g.md:{L + 1}: forms[0].form: found false; expected text (YAML reads unquoted yes/no/on/off as true/false:"
          " put the text in quotes)"]),
        ("next_review_due: not a date\n",
         [f"g.md:{L}: next_review_due: found 'not a date'; expected a date like 2026-11-20"]),
    ],
)
def test_schema_findings(ref: Reference, front: str, messages: list[str]) -> None:
    assert check(ref, front) == messages


def test_guides_need_their_fields_and_pages_do_not(ref: Reference) -> None:
    from dosecheck.document import parse
    from dosecheck.validate import validate

    text = b"---\ntitle: A page\n---\nBody\n"
    assert validate(parse(text, "p.md", "page"), ref) == []
    assert [str(f) for f in validate(parse(text, "g.md", "guide"), ref)] == [
        "g.md:2: category: found nothing; category is required",
        "g.md:2: date: found nothing; date is required",
        "g.md:2: last_reviewed: found nothing; last_reviewed is required",
        "g.md:2: summary: found nothing; summary is required",
    ]


def test_a_bad_row_does_not_hide_findings_in_other_rows(ref: Reference) -> None:
    front = ("foods:\n  - {food: spinach, serving: 1/2 cup, magnesium_mg: 78, colour: green}\n"
             "  - {food: spinach, serving: 1/2 cup, magnesium_mg: 157}\n")
    assert check(ref, front) == [
        f"g.md:{L + 1}: foods[0].colour: found unknown field 'colour'; expected one of food, serving, magnesium_mg or note",
        f"g.md:{L + 2}: foods[1].magnesium_mg: found 157 mg per 1/2 cup; reference says 78 mg per 1/2 cup of spinach, boiled"
        " (within 10%) (ods-magnesium)",
    ]


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ('["One.", "Two."]', "key_points: found 2 items; expected at least 3 items"),
        ('["1.", "2.", "3.", "4.", "5.", "6."]', "key_points: found 6 items; expected at most 5 items"),
    ],
)
def test_key_points_are_three_to_five_lines(ref: Reference, points: str, message: str) -> None:
    assert [line.split(": ", 1)[1] for line in check(ref, f"key_points: {points}\n")] == [message]
