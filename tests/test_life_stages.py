"""Life stage spans and how they tile the reference's stages."""

from __future__ import annotations

import pytest

from dosecheck.life_stages import LifeStageError, covered

STAGES = ["0-6 months", "7-12 months", "1-3 years", "4-8 years", "9-13 years", "14-18 years",
          "19-30 years", "31-50 years", "51-70 years", "71+ years"]
ALIASES = {"adults": "19+ years"}


@pytest.mark.parametrize(
    ("text", "stages"),
    [
        ("0-6 months", ["0-6 months"]),
        ("7-12 months", ["7-12 months"]),
        ("0-12 months", ["0-6 months", "7-12 months"]),
        ("19-50 years", ["19-30 years", "31-50 years"]),
        ("51+ years", ["51-70 years", "71+ years"]),
        ("Adults", ["19-30 years", "31-50 years", "51-70 years", "71+ years"]),
        ("9 years and over", STAGES[4:]),
    ],
)
def test_spans_tile_reference_stages(text: str, stages: list[str]) -> None:
    assert covered(text, STAGES, ALIASES) == stages


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20-40 years", "expected a stage that lines up with the reference's: " + ", ".join(STAGES)),
        ("teenagers", "expected a life stage like 0-6 months, 19-30 years or 51+ years"),
        ("30-19 years", "expected the younger age first, like 19-30 years"),
    ],
)
def test_stages_that_do_not_line_up(text: str, message: str) -> None:
    with pytest.raises(LifeStageError) as caught:
        covered(text, STAGES, ALIASES)
    assert str(caught.value) == message
