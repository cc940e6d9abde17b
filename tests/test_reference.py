"""The reference file: the real one is complete and sourced; broken ones are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, REFERENCE
from dosecheck.reference import Reference, ReferenceFileError, load_reference

INVALID = sorted((DATA / "invalid" / "reference").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_broken_reference_files_name_the_entry(path: Path) -> None:
    display = f"tests/data/invalid/reference/{path.name}"
    with pytest.raises(ReferenceFileError) as caught:
        load_reference(path, display)
    assert str(caught.value).splitlines() == path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def test_a_minimal_reference_loads() -> None:
    ref = load_reference(DATA / "reference" / "valid" / "minimal.yaml")
    assert ref.food("SPINACH, BOILED").fdc_id == 168463


def test_a_missing_reference_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ReferenceFileError) as caught:
        load_reference(tmp_path / "nope.yaml", "content/data/nope.yaml")
    assert str(caught.value) == ("content/data/nope.yaml: reference: found no file; create it or set DOSECHECK_REFERENCE"
                                 " in pelicanconf.py")


def test_the_reference_is_parsed_once_per_version(tmp_path: Path) -> None:
    copy = tmp_path / "reference.yaml"
    copy.write_bytes(REFERENCE.read_bytes())
    first = load_reference(copy)
    assert load_reference(copy) is first
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_reference(copy) is not first


MAGNESIUM_STAGES = ["0-6 months", "7-12 months", "1-3 years", "4-8 years", "9-13 years", "14-18 years",
                    "19-30 years", "31-50 years", "51-70 years", "71+ years"]


@pytest.mark.parametrize("stage", MAGNESIUM_STAGES)
@pytest.mark.parametrize("sex", ["male", "female"])
def test_magnesium_intake_for_every_stage_and_sex(ref: Reference, stage: str, sex: str) -> None:
    rows = [r for r in ref.nutrient("magnesium").intakes.rows
            if r.life_stage == stage and r.sex in (sex, "both") and r.condition is None]
    assert len(rows) == 1


@pytest.mark.parametrize("stage", ["14-18 years", "19-30 years", "31-50 years"])
@pytest.mark.parametrize("condition", ["pregnancy", "lactation"])
def test_magnesium_intake_in_pregnancy_and_lactation(ref: Reference, stage: str, condition: str) -> None:
    assert len([r for r in ref.nutrient("magnesium").intakes.rows if r.life_stage == stage and r.condition == condition]) == 1


def test_the_reference_holds_what_the_site_needs(ref: Reference) -> None:
    forms = {"oxide", "citrate", "glycinate", "malate", "taurate", "threonate", "chloride", "sulfate", "lactate",
             "aspartate", "carbonate", "orotate"}
    assert forms <= {f.id for f in ref.forms}
    assert len(ref.foods) >= 25
    assert sum(1 for f in ref.foods if f.listed is not None) >= 25  # from the ODS food table
    for name in ("magnesium", "vitamin B6", "zinc", "calcium"):
        nutrient = ref.nutrient(name)
        assert nutrient is not None
        assert [r for r in nutrient.intakes.rows if r.life_stage == "19-30 years"]
        assert [r for r in nutrient.upper_limits.rows if "19-30 years" in ref.stages(r.population)]
    magnesium = ref.nutrient("magnesium")
    assert magnesium.daily_value is not None and magnesium.daily_value.mg == 420
    assert [(r.population, r.mg) for r in magnesium.upper_limits.rows if r.condition is None] == [
        ("1-3 years", 65), ("4-8 years", 110), ("9+ years", 350)]
    assert "food and water" in magnesium.upper_limits.applies_to


def test_every_source_has_a_title_and_an_address(ref: Reference) -> None:
    for source in ref.sources:
        assert source.title and source.url.startswith("https://")
