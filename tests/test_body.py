"""The body: tables Markdown renders, and placeholders."""

from __future__ import annotations

import pytest

from conftest import FIRST_LINE, check
from dosecheck.reference import Reference

BODY_START = FIRST_LINE + 1  # the line after the closing ---
MOVE = ("move dose, intake and food amounts into the front matter (doses, foods) and place the checked table"
        " with [[doses]] or [[foods]]")


@pytest.mark.parametrize(
    ("body", "line", "amount"),
    [
        ("Age | Dose |\n---|---|\nAdults | 400-420 mg/day |\n", 2, "400-420 mg/day"),
        ("\n| Food | Mg |\n| :--- | ---: |\n| Spinach | 157mg |\n", 3, "157mg"),
        ("<table>\n<tr><td>Zinc</td><td>15 mcg</td></tr>\n</table>\n", 1, "15 mcg"),
        ("Supplement | Dosage |\n---|---|\nThreonate | 1-2g/day |\n", 2, "1-2g/day"),
        # Tables the old line-by-line check missed: Markdown renders each of them.
        ("| a | b |\n| - | - |\n| Adults | 600 mg |\n", 2, "600 mg"),
        ("| a | b |\n|---|---|\n| Adults | **600** mg |\n", 2, "600 mg"),
        ("| a | b |\n|---|---|\n| Adults | 600&nbsp;mg |\n", 2, "600 mg"),
        ("| a | b |\n|---|---|\n| Adults | 600 mgs |\n", 2, "600 mgs"),
        ("| a | b |\n|---|---|\n| Adults | 600 \u338e |\n", 2, "600 \u338e"),
    ],
)
def test_tables_with_amounts_are_refused(ref: Reference, body: str, line: int, amount: str) -> None:
    assert check(ref, "", body) == [f"g.md:{BODY_START + line}: body: found a table cell with the amount {amount!r}; {MOVE}"]


def test_a_table_after_a_lone_code_fence_is_still_seen(ref: Reference) -> None:
    body = "Text.\n\n    ```\n\n| a | b |\n|---|---|\n| Adults | 600 mg |\n"
    assert [line.split(": found ")[1].split(";")[0] for line in check(ref, "", body)] == [
        "a table cell with the amount '600 mg'"]


@pytest.mark.parametrize(
    "body",
    [
        "| | Benzodiazepines | Magnesium |\n|---|---|---|\n| Speed | Quick | Slow |\n",
        "```\nAge | Dose |\n---|---|\nAdults | 3 months |\n```\n",
        "| Life stage | Amount |\n|---|---|\n| Adults | {{intake: adults}} |\n",
    ],
)
def test_tables_without_unchecked_amounts_are_fine(ref: Reference, body: str) -> None:
    assert check(ref, "", body) == []


FOODS = "foods:\n  - {food: spinach, serving: 1/2 cup, magnesium_mg: 78}\n"
DOSES = "doses:\n  - caption: A\n    id: first\n    kind: intake\n    rows:\n      - {life_stage: 1-3 years, amount: 80 mg/day}\n"


@pytest.mark.parametrize("body", ["[[foods]]\n", "[[doses]]\n", "[[doses 1]]\n", "[[doses first]]\n", "  [[ foods ]]  \n"])
def test_placeholders_that_exist(ref: Reference, body: str) -> None:
    assert check(ref, FOODS + DOSES, body) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[[food]]\n", "found the placeholder [[food]]; expected one of [[doses]], [[forms]], [[foods]] or [[faqs]] (did you mean 'foods'?)"),
        ("[[faqs]]\n", "found [[faqs]] but no faqs in the front matter; add faqs: to the front matter or remove the placeholder"),
        ("[[doses 3]]\n", "found [[doses 3]], a table that does not exist; expected a dose table number or id: 1 or first"),
        ("[[foods 1]]\n", "found [[foods 1]]; expected [[foods]]: only doses tables are placed one by one"),
    ],
)
def test_placeholders_that_do_not(ref: Reference, body: str, message: str) -> None:
    assert check(ref, FOODS + DOSES, body) == [f"g.md:{BODY_START + 8}: body: {message}"]
