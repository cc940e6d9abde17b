"""The real site: build `content/` and check every guide a reader gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ROOT
from dosecheck.document import read_document
from dosecheck.guide_schema import validate_front

CONTENT = ROOT / "content"
GUIDES = sorted((CONTENT / "guides").rglob("*.md"))
SEED_TOPICS = {
    "magnesium-benzodiazepine-withdrawal.md", "magnesium-benzodiazepine-withdrawal-safety.md",
    "kratom-7-oh-taper-magnesium.md", "magnesium-anxiety-twitching-sleep-seizures.md", "magnesium-akathisia.md",
}
GLOSSARY = {"glutamate-storm", "windows-and-waves", "protracted-withdrawal", "interdose-withdrawal", "micro-tapering",
            "gaba-a-downregulation", "tolerable-upper-intake-level", "elemental-magnesium"}
PAGES = {"about", "disclaimer", "editorial-policy", "contact"}




@pytest.fixture(scope="module")
def pages_by_title(output: Path) -> dict[str, BeautifulSoup]:
    """Map each written page's <h1> to the parsed page."""
    pages = {}
    for file in output.rglob("index.html"):
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        heading = page.find("h1")
        if heading is not None:
            pages.setdefault(heading.get_text(strip=True), page)
    return pages


def test_the_site_holds_the_five_guides_the_glossary_and_the_pages() -> None:
    names = {p.name for p in GUIDES}
    assert names >= SEED_TOPICS
    assert {p.stem for p in (CONTENT / "guides" / "glossary").glob("*.md")} == GLOSSARY
    assert {p.stem for p in (CONTENT / "pages").glob("*.md")} == PAGES


@pytest.mark.parametrize("path", GUIDES, ids=[str(p.relative_to(CONTENT / "guides")) for p in GUIDES])
def test_every_guide_renders_its_tables_sources_review_date_and_disclaimer(
    path: Path, pages_by_title: dict[str, BeautifulSoup]
) -> None:
    doc = read_document(path, str(path.relative_to(ROOT)), "guide")
    guide, _parts, findings = validate_front(doc)
    assert guide is not None and findings == []
    page = pages_by_title[guide.title]
    main = page.find("main")
    assert isinstance(main, Tag)

    notice = main.select_one("aside.medical-disclaimer")
    assert notice is not None and "not medical advice" in notice.get_text()
    first_table = main.select_one("table.checked-table")
    if first_table is not None:
        assert notice.sourceline < first_table.sourceline or (
            notice.sourceline == first_table.sourceline and notice.sourcepos < first_table.sourcepos)

    review = main.select_one("p.review time")
    assert review is not None and review["datetime"] == guide.last_reviewed.isoformat()

    listed = [(a.get_text(strip=True), a["href"]) for a in main.select("section.sources li a")]
    assert listed == [(s.title, s.url) for s in guide.sources]

    # A column with one value in every row is said once, after the caption: "(for: adults)".
    captions = [re.sub(r" \([^()]*: [^()]*\)$", "", c.get_text(strip=True)) for c in main.select("table.checked-table caption")]
    expected = [t.caption for t in guide.doses] + (["Forms of magnesium"] if guide.forms else []) \
        + (["Magnesium in foods"] if guide.foods else [])
    assert sorted(captions) == sorted(expected)
    assert len(main.select("section.faqs details")) == len(guide.faqs)


@pytest.mark.parametrize("path", sorted(p for p in GUIDES if p.name in SEED_TOPICS), ids=lambda p: p.stem)
def test_each_topic_guide_has_sources_and_questions(path: Path) -> None:
    guide, _parts, _findings = validate_front(read_document(path, path.name, "guide"))
    assert guide is not None
    assert guide.sources and guide.faqs and guide.category and guide.tags and guide.summary


def _rows(output: Path) -> list[list[str]]:
    """Every row of every checked table on the site, as cell texts."""
    rows = []
    for file in output.rglob("*.html"):
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for row in page.select("table.checked-table tbody tr"):
            rows.append([cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])])
    return rows


def test_seed_figures_the_reference_contradicts_appear_corrected(output: Path) -> None:
    rows = _rows(output)
    text = " ".join(p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
    # The shifted intake table printed 80 mg for 0-6 months; the reference says 30 mg.
    infants = {r[3] for r in rows if r[0] == "0-6 months"}
    assert "30 mg/day (AI)" in infants and not any(r.startswith("80 mg/day") for r in infants)
    # 300-600 mg/day of magnesium is above the adult UL: nowhere on the site.
    for wrong in ("300-600", "300–600", "300mg-600mg", "200-400 mg", "100-400mg"):
        assert wrong not in text
    # Threonate 1-2 g is the compound's weight, never elemental magnesium.
    threonate = [r for r in rows if r[0] == "Magnesium L-threonate" and r[1] == "1–2 g/day"]
    assert threonate and all(r[2].startswith("weight of the compound") for r in threonate)
    # Spinach 157 mg and brown rice 86 mg per 1/2 cup: corrected to the reference's half cup.
    half_cups = {(r[0].lower(), r[2]) for r in rows if r[1] == "1/2 cup"}
    assert ("spinach, boiled", "78 mg") in half_cups and ("brown rice", "42 mg") in half_cups
    assert not {("spinach, boiled", "157 mg"), ("brown rice", "86 mg")} & half_cups


def test_every_page_has_a_strict_csp_and_safe_external_links(output: Path) -> None:
    for file in output.rglob("*.html"):
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None, file
        directives = dict(d.strip().split(" ", 1) for d in csp["content"].split(";") if d.strip())
        # Only the site's own scripts; 'wasm-unsafe-eval' compiles Pagefind's WebAssembly on the search page.
        assert directives["script-src"] == "'self' 'wasm-unsafe-eval'" and directives["default-src"] == "'self'"
        assert "'unsafe-eval'" not in csp["content"]
        assert "unsafe-inline" not in csp["content"]
        # Scripts are the site's own files or data blocks (JSON-LD, the calculator's JSON), which never run.
        assert all(s.get("src") or s.get("type") in ("application/ld+json", "application/json") for s in page.find_all("script")), file
        for link in page.find_all("a", href=re.compile(r"^https?://")):
            assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), (file, link)


def us_spellings() -> dict[str, str]:
    """The US spellings search maps to the site's UK ones, read from the search script (one list for both)."""
    script = (ROOT / "theme" / "static" / "js" / "search.js").read_text(encoding="utf-8")
    block = re.search(r"var SPELLINGS = \{(.*?)\};", script, re.DOTALL)
    assert block is not None
    return dict(re.findall(r'(\w+): "(\w+)"', block[1]))


def test_the_site_writes_uk_spelling_and_search_maps_the_us_one() -> None:
    spellings = us_spellings()
    assert spellings["diarrhea"] == "diarrhoea" and len(spellings) >= 10
    found = []
    files = [*(ROOT / "content").rglob("*.md"), ROOT / "content" / "data" / "help.yaml", *(ROOT / "theme" / "templates").glob("*.html")]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*(-\s*)?(title|url|publisher):", line):
                continue  # a source's own title and address stay as published
            found += [f"{path.relative_to(ROOT)}:{number}: {word}" for word in re.findall(r"[A-Za-z]+", line) if word.lower() in spellings]
    assert found == []
