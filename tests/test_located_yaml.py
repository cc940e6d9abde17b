"""YAML with line numbers, duplicate keys refused."""

from __future__ import annotations

import pytest

from dosecheck.located_yaml import YamlProblem, load

TEXT = """title: A guide
doses:
  - caption: Intake
    rows:
      - {life_stage: 0-6 months, amount: 30 mg/day}
      - life_stage: 7-12 months
        amount: 75 mg/day
"""


def test_lines_of_keys_and_items() -> None:
    located = load(TEXT, first_line=2)
    assert located.data["doses"][0]["rows"][1]["amount"] == "75 mg/day"
    assert located.lines[("title",)] == 2
    assert located.lines[("doses", 0, "rows", 0)] == 6
    assert located.lines[("doses", 0, "rows", 1, "amount")] == 8
    # An unknown deeper path falls back to its nearest known parent.
    assert located.line_of(("doses", 0, "rows", 0, "amount", "x")) == 6


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("title: a\ntitle: b\n", 2, "duplicate key 'title'"),
        ("title: [a\n", 1, "while parsing a flow sequence did not find expected ',' or ']'"),
        ("x: &a [*a]\n", 1, "an alias (*name) to a list or mapping"),
        ("a: &a [1, 2]\nb: [*a, *a]\n", 1, "an alias (*name) to a list or mapping"),
        ("a:\n\tb: 1\n", 2, "while scanning for the next token found character that cannot start any token"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", 3, "merge keys (<<) are not supported"),
    ],
)
def test_problems_name_their_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load(text)
    assert (caught.value.line, caught.value.problem) == (line, problem)


def test_empty_text_is_none() -> None:
    assert load("").data is None


def test_base_60_numbers_stay_text() -> None:
    # YAML 1.1 reads 10:30 as 630; a writer who typed a time or a ratio means the text.
    assert load("at: 10:30\nratio: 1:2\n").data == {"at": "10:30", "ratio": "1:2"}


def test_a_duplicate_key_says_how_to_fix_it() -> None:
    with pytest.raises(YamlProblem) as caught:
        load("title: a\ntitle: b\n")
    assert (caught.value.found, caught.value.advice()) == (
        "'title' a second time", "expected each field once (first given on line 1): remove or rename one")
