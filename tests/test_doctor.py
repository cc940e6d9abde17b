"""The page for the doctor: one per guide outside the glossary, its tables taken from the guide's checked HTML, the
medicines to check from content/data/interactions.yaml, kept out of search engines, the sitemap and the search index."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from guidepage.doctor import default_url, url_pattern
from guidepage.tables import rebase_links, rebaser, table_blocks
from support import fragments, resolve, unchecked_amounts

from conftest import ROOT, invoke
from dosecheck.datafile import DataFileError
from dosecheck.document import read_document
from dosecheck.guide_schema import validate_front
from dosecheck.interactions import load_interactions
from dosecheck.reference import Reference
from sitebuild.project import Project

INTERACTIONS = ROOT / "content" / "data" / "interactions.yaml"
SETTINGS = Project(ROOT).settings("pelicanconf.py")
GUIDES = sorted((ROOT / "content" / "guides").rglob("*.md"))
# The medicine groups of the NIH ODS magnesium fact sheet ("Interactions with Medications"), as the page names them.
ODS_GROUPS = ["Bisphosphonates", "Antibiotics", "Diuretics (water tablets)", "Proton-pump inhibitors (acid reducers)"]
ODS_KINDS = {"Antibiotics": ["Tetracyclines", "Quinolones"],
             "Diuretics (water tablets)": ["Loop diuretics", "Thiazide diuretics", "Potassium-sparing diuretics"]}
ODS_URL = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"
ODS_TITLE = "Magnesium: Fact Sheet for Health Professionals"
SECTIONS = ["Key points", "How much is safe", "Amounts in this guide", "Medicines to check with magnesium", "Sources"]


def soup(path: Path) -> BeautifulSoup:
    """Parse a written page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def guides() -> list[Any]:
    """The real guides' front matter, each with the file it comes from."""
    found = []
    for path in GUIDES:
        guide, _parts, _findings = validate_front(read_document(path, str(path.relative_to(ROOT)), "guide"))
        assert guide is not None, path
        found.append(guide)
    return found


def guide_files(output: Path) -> dict[str, Path]:
    """Each guide's written page, by title."""
    return {p.h1.get_text(strip=True): f for f in sorted(output.rglob("index.html")) if (p := soup(f)).select_one("article.guide")}


# Taking the tables out of a page


WRAPPED = ('<div class="table-wrap" role="region" tabindex="0" aria-labelledby="t-caption"><table class="checked-table" id="t"'
           ' data-ref="fnb-dri-1997"><caption id="t-caption">Amounts</caption><tbody><tr><th scope="row">Adults</th>'
           '<td><span class="figure" data-ref="fnb-dri-1997">350 mg a day</span> <a href="../../glossary/x/">x</a><br>'
           '<a href="#why">why</a></td></tr></tbody></table></div>')
NOTE = '<p class="table-note">Counts supplements only; see <a href="https://example.org/a?b=1&amp;c=2">this</a>.</p>'
SOURCE = '<p class="table-source" data-ref="fnb-dri-1997">Checked against <a href="https://example.org/">a book</a>.</p>'
MOVE = rebaser("topic/guide/", "topic/guide/doctor/")


def test_a_table_inside_another_element_ends_with_it() -> None:
    assert table_blocks(f"<section>{WRAPPED}</section><p class=\"table-note\">Not its note.</p>") == [WRAPPED]


def test_each_wrapped_table_comes_out_whole_with_its_note_and_not_its_sources_line() -> None:
    html = f"<p>Before.</p>\n{WRAPPED}{NOTE}{SOURCE}<p>Between.</p>\n{WRAPPED.replace('t-caption', 'u-caption')}\n<p>After.</p>"
    assert table_blocks(html) == [WRAPPED + NOTE, WRAPPED.replace("t-caption", "u-caption")]


def test_a_note_counts_only_right_after_a_table_and_a_markdown_table_is_not_taken() -> None:
    html = f"<table><tr><td>Typed</td></tr></table>{NOTE}<p>Text.</p>{NOTE}{WRAPPED}\n\n{NOTE}<p>Text.</p>{NOTE}"
    assert table_blocks(html) == [f"{WRAPPED}\n\n{NOTE}"]  # as written, the space between them too


def test_links_in_a_table_lead_to_the_same_place_from_the_doctor_page_and_nothing_else_changes() -> None:
    [block] = table_blocks(WRAPPED + NOTE, MOVE)
    assert block == (WRAPPED.replace('href="../../glossary/x/"', 'href="../../../glossary/x/"').replace('href="#why"', 'href="../#why"')
                     + NOTE)


@pytest.mark.parametrize(("href", "moved"), [
    ("../../glossary/x/", "../../../glossary/x/"), ("#why", "../#why"), ("../", "../../"), ("../../", "../../../"),
    ("other/", "../other/"), ("img.png", "../img.png"), ("?q=1#f", "../?q=1#f"),
    ("/glossary/x/", "/glossary/x/"), ("https://example.org/x", "https://example.org/x"), ("mailto:a@b.c", "mailto:a@b.c"),
    ("//cdn.example.org/x", "//cdn.example.org/x"),
])
def test_relative_addresses_are_rebased_and_others_kept(href: str, moved: str) -> None:
    assert MOVE(href) == moved


def test_rebasing_a_fragment_changes_only_link_addresses() -> None:
    html = '<span class="figure" data-ref="r">1 mg</span> <a title="a &amp; b" href="../x/">x</a><img alt="" src="p.png"/>'
    assert rebase_links(html, MOVE) == html.replace('"../x/"', '"../../x/"').replace('"p.png"', '"../p.png"')


def test_the_doctor_address_sits_in_the_guides_folder_and_the_sitemap_pattern_matches_only_it() -> None:
    template = default_url(SETTINGS["ARTICLE_URL"])
    assert template == "{category}/{slug}/doctor/"
    assert default_url("{slug}.html") == "{slug}/doctor/"
    pattern = url_pattern(template)
    assert pattern == r"^[^/]+/[^/]+/doctor/$"
    assert re.search(pattern, "symptoms/magnesium-and-akathisia/doctor/")
    for other in ("symptoms/magnesium-and-akathisia/", "symptoms/", "tags/doctor/", "doctor/", "symptoms/page/2/"):
        assert not re.search(pattern, other), other


# The medicines list


def test_the_real_medicines_list_names_the_ods_groups_and_their_kinds(ref: Reference) -> None:
    found = load_interactions(INTERACTIONS, "content/data/interactions.yaml", ref)
    assert found is not None
    assert [m.name for m in found.medicines] == ODS_GROUPS
    assert {m.name: [k.name for k in m.kinds] for m in found.medicines if m.kinds} == ODS_KINDS
    assert (found.source.id, found.source.title, found.source.url) == ("ods-magnesium", ODS_TITLE, ODS_URL)
    assert found.source.url == ref.source_index["ods-magnesium"].url


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    file = tmp_path / "interactions.yaml"
    file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return file


def _real() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(INTERACTIONS.read_text(encoding="utf-8"))
    return loaded


def test_an_amount_in_the_medicines_list_fails_with_its_line(tmp_path: Path, ref: Reference) -> None:
    data = _real()
    data["medicines"][0]["effect"] = "Keep magnesium under 250 mg when you take them."
    file = _write(tmp_path, data)
    with pytest.raises(DataFileError) as caught:
        load_interactions(file, "interactions.yaml", ref)
    [finding] = caught.value.findings
    assert finding.field == "medicines[0].effect" and finding.found.startswith("the amount '250 mg' in the text")
    lines = file.read_text(encoding="utf-8").splitlines()
    assert finding.line == next(i for i, line in enumerate(lines, 1) if "250 mg" in line)


def test_a_source_the_reference_does_not_have_fails(tmp_path: Path, ref: Reference) -> None:
    file = _write(tmp_path, {**_real(), "source": "ods-magnesum"})
    with pytest.raises(DataFileError) as caught:
        load_interactions(file, "interactions.yaml", ref)
    assert [(f.line, f.field, f.found) for f in caught.value.findings] == [(1, "source", "'ods-magnesum'")]


def test_a_group_without_examples_or_effect_and_unknown_fields_fail(tmp_path: Path, ref: Reference) -> None:
    data = _real()
    data["medicines"][0] = {"name": "Statins", "used_for": "cholesterol"}
    data["medicines"][1]["dose"] = "x"
    file = _write(tmp_path, data)
    with pytest.raises(DataFileError) as caught:
        load_interactions(file, "interactions.yaml", ref)
    assert [f.field for f in caught.value.findings] == ["medicines[1].dose"]  # the schema speaks first
    del data["medicines"][1]["dose"]
    with pytest.raises(DataFileError) as caught:
        load_interactions(_write(tmp_path, data), "interactions.yaml", ref)
    assert [(f.field, f.found) for f in caught.value.findings] == [("medicines[0]", "no examples and no kinds"),
                                                                   ("medicines[0]", "no effect")]


def test_a_site_without_the_file_has_no_medicines_list(tmp_path: Path, ref: Reference) -> None:
    assert load_interactions(tmp_path / "none.yaml", "none.yaml", ref) is None


# Builds


def test_a_fixture_site_gets_doctor_pages_only_with_the_medicines_file(project: Path) -> None:
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr
    assert list((project / "output").rglob("doctor/index.html")) == []  # no interactions.yaml: no page, no link
    assert soup(project / "output" / "test-topic" / "every-table-kind" / "index.html").select("p.doctor-link") == []
    (project / "content" / "data" / "interactions.yaml").write_bytes(INTERACTIONS.read_bytes())
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr
    [page] = list((project / "output").rglob("doctor/index.html"))
    assert page == project / "output" / "test-topic" / "every-table-kind" / "doctor" / "index.html"
    assert soup(page).h1.get_text(" ", strip=True) == "For your doctor: Every table kind"


def test_an_amount_in_the_medicines_file_fails_the_build_naming_the_line(project: Path) -> None:
    text = INTERACTIONS.read_text(encoding="utf-8").replace("at least two hours apart.", "at least two hours apart, under 500 mg.")
    (project / "content" / "data" / "interactions.yaml").write_text(text, encoding="utf-8")
    built = invoke(project, "build")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip().startswith("effect:"))  # the field's line
    assert built.returncode == 1
    assert f"content/data/interactions.yaml:{line}: medicines[0].effect: found the amount '500 mg' in the text" in built.stderr
    assert not (project / "output").exists() or not list((project / "output").rglob("doctor/index.html"))


# The real site's doctor pages


def doctor_file(guide_file: Path) -> Path:
    """Where a guide's doctor page is written."""
    return guide_file.parent / "doctor" / "index.html"


def same_html(output: Path, page: Path, element: Any) -> tuple[str, list[str]]:
    """An element's HTML without its link addresses, and where each of its links leads from `page`: equal for the same
    element on two pages in different folders."""
    copy = BeautifulSoup(str(element), "html.parser")
    targets = []
    for link in copy.find_all(href=True):
        href = link["href"]
        external = href.startswith(("http://", "https://", "mailto:"))
        targets.append(href if external else str(resolve(output, page, href).relative_to(output)) + "#" + href.partition("#")[2])
        del link["href"]
    return str(copy), targets


def test_every_guide_outside_the_glossary_has_a_doctor_page_and_no_glossary_entry_has_one(output: Path) -> None:
    pages = guide_files(output)
    front = guides()
    assert len(pages) == len(front)
    for guide in front:
        assert doctor_file(pages[guide.title]).is_file() == (guide.category != SETTINGS["GLOSSARY_CATEGORY"]), guide.title
    assert sum(1 for g in front if g.category != SETTINGS["GLOSSARY_CATEGORY"]) == 5
    assert sorted(p.parent.parent for p in output.rglob("doctor/index.html")) == sorted(
        f.parent for t, f in pages.items() if doctor_file(f).is_file())


@pytest.mark.parametrize("source", [g for g in GUIDES if "glossary" not in g.parts], ids=lambda p: p.stem)
def test_a_doctor_page_shows_the_guides_key_points_card_tables_medicines_and_sources(output: Path, ref: Reference, source: Path) -> None:
    guide, _parts, _findings = validate_front(read_document(source, str(source.relative_to(ROOT)), "guide"))
    assert guide is not None
    guide_file = guide_files(output)[guide.title]
    page, article_page = soup(doctor_file(guide_file)), soup(guide_file)
    main, article = page.main, article_page.article
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.title.get_text() == f"For your doctor: {guide.title} · {SETTINGS['SITENAME']}"
    assert main.h1.get_text(" ", strip=True) == f"For your doctor: {guide.title}"
    assert [h.get_text(strip=True) for h in main.find_all("h2")] == SECTIONS
    # The notice, whole, before the first section.
    notice = main.select("aside.medical-disclaimer")
    assert len(notice) == 1 and notice[0].get_text(" ", strip=True).startswith(f"Medical disclaimer: {SETTINGS['MEDICAL_DISCLAIMER']}")
    assert notice[0].find_next("h2") is main.find("h2")
    # Back to the guide.
    back = main.select_one("p.doctor-from a")
    assert resolve(output, doctor_file(guide_file), back["href"]) == guide_file and back.get_text(strip=True) == guide.title
    # Key points and the card, as the guide shows them.
    points = main.select_one("section.doctor-key-points").find_all("li")
    assert [li.decode_contents() for li in points] == [li.decode_contents() for li in article.select(".key-points li")]
    assert len(points) == len(guide.key_points)
    card = main.select_one("section.safe-amount")
    shown = [li.decode_contents() for li in card.find_all("li")]
    assert shown == [li.decode_contents() for li in article.select("aside.safe-amount li")]
    # The tables: every checked table of the guide, the same HTML (links moved one folder down), none typed anew.
    tables = main.select("section.doctor-tables div.table-wrap")
    assert [same_html(output, doctor_file(guide_file), t) for t in tables] == [
        same_html(output, guide_file, t) for t in article.select("div.table-wrap")]
    assert tables and all(t.table.has_attr("data-ref") for t in tables)
    notes = [p.get_text() for p in main.select("section.doctor-tables p.table-note")]
    assert notes == [p.get_text() for p in article.select("div.table-wrap + p.table-note")]
    # The medicines, from the YAML, with the ODS fact sheet named and linked.
    medicines = main.select_one("section.medicines")
    groups = [li.strong.get_text() for li in medicines.find("ul").find_all("li", recursive=False)]
    assert groups == [m["name"] for m in _real()["medicines"]] == ODS_GROUPS
    kinds = [li.get_text(" ", strip=True).split(",")[0] for li in medicines.select("ul ul > li")]
    assert kinds == [k for group in ODS_KINDS.values() for k in group]
    cited = medicines.select_one("p.medicines-source")
    assert [(a["href"], a.get_text()) for a in cited.find_all("a")] == [(ODS_URL, ODS_TITLE)]
    assert ODS_URL in cited.get_text()
    # The guide's sources, each with its address.
    listed = [(li["id"], li.a["href"]) for li in main.select("section.sources ol > li")]
    assert listed == [(f"source-{s.id}", s.url) for s in guide.sources]
    # No figure typed here: every amount a reader sees sits in an element naming its reference.
    assert unchecked_amounts(soup(doctor_file(guide_file))) == []
    # Left out of the search index.
    assert page.find(attrs={"data-pagefind-body": True}) is None


def test_doctor_pages_are_left_out_of_the_sitemap_and_the_search_index(output: Path) -> None:
    doctor_pages = sorted(output.rglob("doctor/index.html"))
    assert len(doctor_pages) == 5
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/doctor/" not in sitemap
    assert sitemap.count("<loc>") > 40
    indexed = {r["url"] for r in fragments(output)}
    assert indexed and not [url for url in indexed if url.endswith("/doctor/")]


def test_a_guide_links_its_doctor_page(output: Path) -> None:
    for title, guide_file in guide_files(output).items():
        links = [resolve(output, guide_file, a["href"]) for a in soup(guide_file).select("main p.doctor-link a")]
        assert links == ([doctor_file(guide_file)] if doctor_file(guide_file).is_file() else []), title
