"""Another authority's limits: a row within the site's limit but above another's is published with a note saying so."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import build, soup

from conftest import FIRST_LINE, GUIDE_HEAD, REFERENCE, copy_reference
from dosecheck.document import parse
from dosecheck.reference import Reference, load_reference
from dosecheck.validate import check_document


@pytest.fixture
def eu_ref() -> Reference:
    """The real reference, which holds the EU limits beside the US ones."""
    return load_reference(REFERENCE)


ROWS = """doses:
  - caption: Supplements
    kind: supplement
    rows:
      - {amount: 100-200 mg/day}
      - {amount: 300 mg/day}
      - {amount: 60 mg/day, population: 1-3 years}
      - {amount: 300 mg/day, population: pregnancy}
      - {nutrient: vitamin B6, amount: 1.3-25 mg/day}
"""


def test_rows_above_another_authoritys_limit_are_marked_and_pass(eu_ref: Reference) -> None:
    checked = check_document(parse((GUIDE_HEAD + ROWS + "---\n[[doses]]\n").encode(), "g.md", "guide"), eu_ref)
    assert [str(f) for f in checked.findings] == []
    [table] = checked.tables.doses
    assert table is not None
    assert [[(b.authority, b.mg, b.as_given, b.source) for b in line.beyond] for line in table.lines] == [  # type: ignore[union-attr]
        [],  # within both
        [("EU", 250, "4 years and older", "efsa-2006-ul")],
        [],  # the EU sets no limit below 4 years
        [("EU", 250, "pregnancy", "efsa-2006-ul")],
        [("EU", 12, "adults", "efsa-2023-b6")],
    ]


def test_the_note_is_on_the_page_beside_the_row(tmp_path: Path) -> None:
    import shutil

    from conftest import DATA

    shutil.copytree(DATA / "site" / "content", tmp_path / "content")
    copy_reference(tmp_path / "content" / "data")
    guide = tmp_path / "content" / "guides" / "every-table.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("{form: glycinate, amount: 100-350 mg/day, note: Take with food}",
                                                              "{form: glycinate, amount: 100-300 mg/day, note: Take with food}"),
                     encoding="utf-8")
    page = soup(build(tmp_path) / "test-topic" / "every-table-kind" / "index.html")
    table = page.find("table", id="doses-2")
    note = table.tbody.tr.find_all("td")[-1]
    assert note.get_text() == "Above the EU limit of 250 mg a day (4 years and older). Take with food"
    assert "efsa-2006-ul" in table["data-ref"].split()


def test_the_reference_page_shows_the_other_limits_beside_the_sites(tmp_path: Path) -> None:
    import shutil

    from conftest import DATA

    shutil.copytree(DATA / "site" / "content", tmp_path / "content")
    copy_reference(tmp_path / "content" / "data")
    page = soup(build(tmp_path) / "reference" / "index.html")
    us = page.find("table", id="ul-table")
    assert us.caption.get_text() == ("Tolerable upper intake level for supplemental magnesium, by life stage"
                                     " (US Food and Nutrition Board (National Academies))")
    eu = page.find("table", id="ul-table-1")
    assert eu.caption.get_text() == "Upper limit for magnesium set by the European Food Safety Authority"
    assert [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in eu.tbody.find_all("tr")] == [
        ["4 years and older", "–", "250 mg/day"], ["pregnancy", "Pregnancy", "250 mg/day"], ["breastfeeding", "Lactation", "250 mg/day"]]
    assert "efsa-2006-ul" in page.find("section", id="upper-limits")["data-ref"].split()


def test_with_the_eu_as_the_sites_authority_rows_keep_to_its_limits_and_the_us_ones_are_noted(eu_ref: Reference) -> None:
    eu = eu_ref.for_authority("efsa")
    assert eu_ref.for_authority("efsa") is eu  # made once per loaded file
    checked = check_document(parse((GUIDE_HEAD + ROWS + "---\n[[doses]]\n").encode(), "g.md", "guide"), eu)
    assert [str(f) for f in checked.findings] == [
        f"g.md:{FIRST_LINE + 5}: doses[0].rows[1].amount: found 300 mg/day elemental; reference says the UL for adults is 250 mg/day of"
        " magnesium (readily dissociable magnesium salts and magnesium oxide in supplements, water and added to food);"
        " lower the high end, or mark the row supervised: true with a source: of kind study or guideline (efsa-2006-ul)",
        f"g.md:{FIRST_LINE + 6}: doses[0].rows[2].population: found '1-3 years'; reference sets no magnesium UL for 1-3 years (not established)",
        f"g.md:{FIRST_LINE + 7}: doses[0].rows[3].amount: found 300 mg/day elemental; reference says the UL for pregnancy is 250 mg/day of"
        " magnesium (readily dissociable magnesium salts and magnesium oxide in supplements, water and added to food);"
        " lower the high end, or mark the row supervised: true with a source: of kind study or guideline (efsa-2006-ul)",
        f"g.md:{FIRST_LINE + 8}: doses[0].rows[4].amount: found 1.3-25 mg/day elemental; reference says the UL for adults is 12 mg/day of"
        " vitamin B6 (total intake from food and supplements); lower the high end, or mark the row supervised: true with a"
        " source: of kind study or guideline (efsa-2023-b6)",
    ]
    assert eu.nutrient("zinc") is eu_ref.nutrient("zinc")  # no EU limit in the file: the site's own stays


def test_an_unknown_authority_setting_is_refused(tmp_path: Path) -> None:
    from dosecheck.reference import ReferenceFileError, site_reference

    with pytest.raises(ReferenceFileError) as caught:
        site_reference({"PATH": str(tmp_path), "DOSECHECK_REFERENCE": str(REFERENCE), "DOSECHECK_AUTHORITY": "who"})
    assert str(caught.value) == "pelicanconf.py: DOSECHECK_AUTHORITY: found 'who'; expected an authority of the reference file: fnb, efsa"


def test_the_reference_page_shows_the_other_intakes_in_their_own_age_bands(tmp_path: Path) -> None:
    import shutil

    from conftest import DATA

    shutil.copytree(DATA / "site" / "content", tmp_path / "content")
    copy_reference(tmp_path / "content" / "data")
    page = soup(build(tmp_path) / "reference" / "index.html")
    assert page.find("table", id="intake-table").caption.get_text().endswith("(US Food and Nutrition Board (National Academies))")
    eu = page.find("table", id="intake-table-1")
    assert eu.caption.get_text() == "Magnesium intake set by the European Food Safety Authority, in mg a day"
    assert [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in eu.tbody.find_all("tr")][-2:] == [
        ["10 to under 18 years", "AI", "300 mg/day", "250 mg/day", "–", "–"],
        ["18 years and older", "AI", "350 mg/day", "300 mg/day", "300 mg/day", "300 mg/day"]]
    assert "efsa-2015-magnesium" in page.find("section", id="intakes")["data-ref"].split()


def test_an_authority_view_looks_up_its_own_limits_after_the_reference_was_used(eu_ref: Reference) -> None:
    eu_ref.nutrient("magnesium")  # fills the reference's look-up cache, which the view must not inherit
    magnesium = eu_ref.for_authority("efsa").nutrient("magnesium")
    assert magnesium is not None and (magnesium.upper_limits.authority, magnesium.upper_limits.rows[0].mg) == ("efsa", 250)


def test_the_real_reference_holds_the_eu_values_beside_the_us_ones(eu_ref: Reference) -> None:
    magnesium, b6 = eu_ref.nutrient("magnesium"), eu_ref.nutrient("vitamin B6")
    assert magnesium is not None and b6 is not None
    assert [(t.authority, t.source, [(r.population, r.mg) for r in t.rows]) for t in magnesium.other_limits] == [
        ("efsa", "efsa-2006-ul", [("4+ years", 250), ("14-50 years", 250), ("14-50 years", 250)])]
    assert [(r.as_given, r.male, r.female) for r in magnesium.other_intakes[0].rows] == [
        ("7-11 months", 80, 80), ("1 to under 3 years", 170, 170), ("3 to under 10 years", 230, 230),
        ("10 to under 18 years", 300, 250), ("18 years and older", 350, 300)]
    assert [(r.as_given, r.mg) for r in b6.other_limits[0].rows] == [
        ("7-11 months", 2.5), ("1-3 years", 3.2), ("adults", 12), ("pregnancy", 12), ("breastfeeding", 12)]
