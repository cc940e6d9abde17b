"""What readers do: search, use the dose calculator, open FAQ answers from the keyboard."""

from __future__ import annotations

import contextlib
import math
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import REFERENCE
from dosecheck.dose_rules import upper_limit
from dosecheck.reference import Form, load_reference

from .conftest import Site, visit

QUERY = "akathisia"  # the topic of the guide the conftest's GUIDE names
RESULT_LINKS = "#search a[href]"
FAQ_SUMMARY = "section.faqs details > summary"


def _wait_for_result(page: Page, path: str) -> list[str]:
    """Wait until a search result links to `path`; return the paths of every result link then shown."""
    with contextlib.suppress(PlaywrightTimeout):  # the caller's assertion names what was found instead
        page.wait_for_function(
            "path => [...document.querySelectorAll('#search a[href]')].some(a => new URL(a.href).pathname === path)",
            arg=path, timeout=10_000)
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => new URL(a.href).pathname)")


def test_searching_for_a_guides_topic_lists_that_guide(browser: Browser, site: Site) -> None:
    with visit(browser, site, "search", path=f"/search/?q={QUERY}") as seen:
        found = _wait_for_result(seen.page, site.paths["guide"])
        assert site.paths["guide"] in found, f"/search/?q={QUERY} lists {found or 'no links'}, not {site.paths['guide']}"
        assert seen.errors == []


def test_the_header_search_box_leads_to_results(browser: Browser, site: Site) -> None:
    with visit(browser, site, "home") as seen:
        box = seen.page.locator("form[role=search] input[name=q]")
        box.fill(QUERY)
        box.press("Enter")
        seen.page.wait_for_url("**/search/?*")
        address = urlsplit(seen.page.url)
        assert (address.path, parse_qs(address.query)) == ("/search/", {"q": [QUERY]})
        found = _wait_for_result(seen.page, site.paths["guide"])
        assert site.paths["guide"] in found, f"the header search for {QUERY!r} lists {found or 'no links'}"
        assert seen.errors == []


def _js_round(value: float) -> int:
    """Round as JavaScript's Math.round does: halves go up."""
    return math.floor(value + 0.5)


def _near_tie(value: float) -> bool:
    """Tell whether a value sits so close to a rounding boundary that two correct programs could round it apart."""
    return abs(value % 1 - 0.5) < 0.01 or abs((value * 10) % 1 - 0.5) < 0.01


def _label_amount(form: Form, limit: float) -> int:
    """Pick a label amount (mg of the compound) whose figures round the same way in any language."""
    for amount in (500, 400, 600, 250, 750, 300, 800, 1000):
        values = (amount * form.fraction_low, amount * form.fraction_high, 100 * amount * form.fraction_high / limit)
        if not any(_near_tie(v) for v in values):
            return amount
    raise AssertionError(f"no label amount for {form.id} avoids a rounding tie")


@pytest.mark.parametrize(("form_id", "single"), [("oxide", True), ("citrate", False)])
def test_the_calculator_gives_elemental_magnesium_and_the_share_of_the_upper_limit(
    browser: Browser, site: Site, form_id: str, single: bool
) -> None:
    ref = load_reference(REFERENCE)
    form = ref.form(form_id)
    assert form is not None and (form.fraction_low == form.fraction_high) is single, f"{form_id} changed shape in the reference"
    magnesium = ref.nutrient("magnesium")
    assert magnesium is not None
    limit = upper_limit(magnesium, "adults", ref).high
    amount = _label_amount(form, limit)
    low, high = amount * form.fraction_low, amount * form.fraction_high
    elemental = f"{_js_round(low)} mg" if _js_round(low) == _js_round(high) else f"{_js_round(low)}–{_js_round(high)} mg"
    assert (_js_round(low) == _js_round(high)) is single, "pick a label amount whose range shows"
    share = f"{_js_round(100 * high / limit)}% of the adult supplement upper limit ({limit:g} mg a day)"

    with visit(browser, site, "reference") as seen:
        page = seen.page
        calculator = page.locator("form#mg-calculator")
        expect(calculator).to_have_count(1)
        offered = page.eval_on_selector_all("#calc-form option", "options => options.map(o => o.value).filter(Boolean)")
        assert sorted(offered) == sorted(f.id for f in ref.forms)
        page.select_option("#calc-form", form_id)
        page.fill("#calc-amount", str(amount))
        page.locator("#calc-amount").press("Tab")  # also fires change, for a calculator that listens to it
        result = page.locator("output#calc-elemental")
        expect(result).to_have_text(elemental)
        expect(result).to_have_attribute("data-low", f"{low:.1f}")
        expect(result).to_have_attribute("data-high", f"{high:.1f}")
        expect(page.locator("output#calc-ul-share")).to_have_text(share)
        assert seen.errors == []


def test_faq_answers_open_and_close_from_the_keyboard(browser: Browser, site: Site) -> None:
    with visit(browser, site, "guide") as seen:
        page = seen.page
        assert page.locator(FAQ_SUMMARY).count() > 0, f"{site.paths['guide']} has no FAQ ({FAQ_SUMMARY})"
        for _press in range(300):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({FAQ_SUMMARY!r})"):
                break
        else:
            raise AssertionError("Tab never reaches the first FAQ question")
        index = page.evaluate("[...document.querySelectorAll('section.faqs details')].indexOf(document.activeElement.parentElement)")
        answer = page.locator("section.faqs details").nth(index)
        expect(answer).not_to_have_attribute("open", "")
        page.keyboard.press("Enter")
        expect(answer).to_have_attribute("open", "")
        page.keyboard.press("Space")
        expect(answer).not_to_have_attribute("open", "")
        page.keyboard.press("Space")
        expect(answer).to_have_attribute("open", "")
