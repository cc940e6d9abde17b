"""The journal page as built: its data is the reference's, its sum is the checker's, its scripts stay small and run by node."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from journal.data import journal_data
from journal.offline import theme_files
from refpage.calculator import calc_data
from refpage.data import build_page
from test_visible import unchecked_amounts

from conftest import ROOT
from dosecheck.reference import Reference

MODULES = ROOT / "theme" / "static" / "js" / "journal"
SCRIPT_BUDGET = 30 * 1024  # the journal's own scripts, uncompressed: its modules and its service worker
AMOUNTS = (1, 100, 250, 333.3, 500, 1000, 1234.5, 2000)
COUNTS = (1, 2, 0.5, 3)
# The journal's arithmetic, run by node on the data embedded in the built page.
ELEMENTAL_JS = """
import { readFileSync } from "node:fs";
import { indexData, productMg } from "MODEL";
const { data, cases } = JSON.parse(readFileSync(0, "utf8"));
const indexed = indexData(data);
console.log(JSON.stringify(cases.map(([form, amount, count]) => productMg({ form, amount, count, basis: "compound" }, indexed))));
"""


def node() -> str:
    """Return the node to run, or fail saying how to get it (make test installs it)."""
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is missing: install Node.js 20 or newer (make test does so as root)")
    return found


@pytest.fixture(scope="module")
def page(output: Path) -> BeautifulSoup:
    """The journal page as a reader gets it."""
    return BeautifulSoup((output / "journal" / "index.html").read_text(encoding="utf-8"), "html.parser")


def embedded(page: BeautifulSoup) -> dict:
    """The reference data the page embeds for its script."""
    return json.loads(page.find("script", id="journal-data").string)


def test_the_javascript_unit_tests_pass(tmp_path: Path, ref: Reference) -> None:
    data = tmp_path / "journal-data.json"
    data.write_text(json.dumps(journal_data(ref)), encoding="utf-8")  # the real reference's figures, not a stand-in
    result = subprocess.run([node(), "--test", str(ROOT / "tests" / "js")], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PATH": str(Path(node()).parent), "JOURNAL_DATA": str(data)})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    assert re.search(r"^# fail 0$", result.stdout, re.M) and not re.search(r"^# pass 0$", result.stdout, re.M)


def test_the_journal_works_out_elemental_magnesium_exactly_as_the_checker(page: BeautifulSoup, ref: Reference) -> None:
    data = embedded(page)
    assert [f["key"] for f in data["forms"]] == [form.id for form in ref.forms]
    cases = [(form.id, amount, count) for form in ref.forms for amount in AMOUNTS for count in COUNTS]
    script = ELEMENTAL_JS.replace("MODEL", (MODULES / "model.mjs").as_uri())
    result = subprocess.run([node(), "--input-type=module", "-e", script], input=json.dumps({"data": data, "cases": cases}),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    for (form_id, amount, count), js in zip(cases, found, strict=True):
        form = ref.form(form_id)
        assert form is not None
        # The same floating-point operations in the same order: equal to the last bit, not merely close.
        assert (js["low"], js["high"]) == form.elemental(amount * count, amount * count), (form_id, amount, count)


def test_the_page_embeds_the_reference_data_the_tally_uses(page: BeautifulSoup, ref: Reference) -> None:
    data = embedded(page)
    reference_page = build_page(ref)
    assert data == json.loads(json.dumps(journal_data(ref)))
    assert {k: data[k] for k in ("forms", "adult_ul_mg")} == calc_data(reference_page.forms.rows, reference_page.upper_limits.adult_mg)
    by_key = {group["key"]: group for group in data["limits"]}
    assert by_key[data["default_limit"]] == {"key": "9+ years|", "who": "Age 9 and older, adults included", "mg": 350, "mg_text": "350 mg"}
    assert [(g["who"], g["mg_text"]) for g in data["limits"]] == [
        ("Age 1 to 3", "65 mg"), ("Age 4 to 8", "110 mg"), ("Age 9 and older, adults included", "350 mg"),
        ("Pregnant, age 14 to 50", "350 mg"), ("Breastfeeding, age 14 to 50", "350 mg")]
    almonds = next(f for f in data["foods"] if f["key"] == "almonds, dry roasted")
    assert (almonds["serving"], almonds["mg_text"]) == ("1 oz", "80 mg")
    # Every source named in a data-ref is one of the reference's own.
    for ids in data["refs"].values():
        assert ids and set(ids.split()) <= set(ref.source_index), ids


def test_every_figure_on_the_page_sits_in_an_element_naming_its_source(page: BeautifulSoup, ref: Reference) -> None:
    copy = BeautifulSoup(str(page), "html.parser")
    assert unchecked_amounts(copy) == []
    # The figures there are: the limits in the settings and the foods' servings, each select naming its sources.
    limits = page.find("select", id="j-limit")
    assert limits.find_parent(attrs={"data-ref": True})["data-ref"] == "fnb-dri-1997"
    assert [o.get_text() for o in limits.find_all("option")][2] == "Age 9 and older, adults included: 350 mg a day"
    foods = page.find("template", id="j-food-row")
    assert "usda-sr-legacy" in BeautifulSoup(foods.decode_contents(), "html.parser").find("select")["data-ref"]


def test_the_page_shows_the_full_disclaimer_and_says_where_entries_are_kept(page: BeautifulSoup) -> None:
    main = page.find("main")
    notice = main.find("aside", class_="medical-disclaimer")
    assert notice.get_text(" ", strip=True).startswith("Medical disclaimer: This site gives general information, not medical advice.")
    private = main.find("section", class_="j-private").get_text(" ", strip=True)
    for words in ("stays in this browser, on this device", "Nothing is sent to this site or to anyone else",
                  "Clearing this site's data in your browser deletes your entries", "Export a copy",
                  "never checks or advises on a taper dose"):
        assert words in private
    # Without the script the page says what it needs, and shows no empty form.
    assert main.find("div", id="j-app").has_attr("hidden")
    assert "needs JavaScript" in main.find(id="j-needs-js").get_text()


def test_only_the_sites_own_module_scripts_run(page: BeautifulSoup) -> None:
    scripts = page.find_all("script")
    assert [(s.get("type"), s.get("src")) for s in scripts] == [("application/json", None), ("module", "../theme/js/journal/app.mjs")]
    preloads = sorted(link["href"] for link in page.find_all("link", rel="modulepreload"))
    assert preloads == [f"../theme/js/journal/{m}.mjs" for m in ("model", "store", "views")]
    # The page's own words carry no script: no inline handlers, no javascript: addresses.
    assert not [a for tag in page.find_all(True) for a in tag.attrs if a.startswith("on")]
    assert "javascript:" not in str(page)


def test_the_service_worker_keeps_every_file_the_page_loads(output: Path, page: BeautifulSoup) -> None:
    worker = (output / "journal" / "sw.js").read_text(encoding="utf-8")
    files = json.loads(re.search(r"addAll\((\[.*?\])\)", worker)[1])
    assert files[0] == "./"
    for address in files[1:]:
        assert (output / "journal" / address).resolve().is_file(), address
    loaded = {link["href"] for link in page.find_all("link", href=True) if link.get("rel") != ["modulepreload"]} | {
        s["src"] for s in page.find_all("script", src=True)} | {link["href"] for link in page.find_all("link", rel="modulepreload")}
    assert loaded <= set(files)
    # Its cache is named by its files' contents, so a new build with other files replaces the old copy.
    assert re.search(r'const CACHE = "mg-journal-[0-9a-f]{12}";', worker)
    assert "importScripts" not in worker and "eval(" not in worker


def test_the_journals_own_scripts_stay_within_budget(output: Path) -> None:
    static = ROOT / "theme" / "static"
    scripts = {name: (static / name).stat().st_size for name in theme_files(static) if name.endswith(".mjs")}
    scripts["journal/sw.js"] = (output / "journal" / "sw.js").stat().st_size
    total = sum(scripts.values())
    listing = ", ".join(f"{name} {size:,} B" for name, size in scripts.items())
    assert total <= SCRIPT_BUDGET, f"the journal's scripts weigh {total:,} bytes (budget {SCRIPT_BUDGET:,}): {listing}"
    # What is served is what is in the theme: no build step between them.
    for name in scripts:
        if name.endswith(".mjs"):
            assert (output / "theme" / name).read_bytes() == (static / name).read_bytes()


def test_the_footer_links_the_journal_from_every_page(output: Path) -> None:
    for file in (output / "index.html", output / "reference" / "index.html", output / "journal" / "index.html"):
        footer = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find("footer")
        assert footer.find("a", string="Your private journal")["href"].endswith("journal/"), file
