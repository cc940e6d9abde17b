"""The supplement tally on /reference/ in Chromium: sums, the limit alert, phones, the keyboard, a screen reader's view."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from refpage.calculator import elemental_text
from refpage.data import FormRow, forms

from dosecheck.reference import Reference

from .conftest import Site, tab_to, visit

PHONES = (320, 375)
LIMIT = "(350 mg a day)."
ALERT_START = "This is at or above the adult limit for supplements, 350 mg a day."
KEYBOARD_STEPS = 80  # Tab presses allowed to reach the tally from the top of the page


def _product(page: Page, number: int, form: str, amount: str, unit: str = "elemental", count: str | None = None) -> None:
    """Fill in one product as a reader would: form, amount, what the label gives, and how many a day."""
    page.select_option(f"#calc-form-{number}", form)
    page.fill(f"#calc-amount-{number}", amount)
    page.check(f"#calc-unit-{number}-{unit}")
    if count is not None:
        page.fill(f"#calc-count-{number}", count)
    page.locator(f"#calc-count-{number}").press("Tab")  # a change event: the total shows without waiting for a pause


def _no_sideways_scroll(page: Page, width: int) -> None:
    """Fail when anything on the page is wider than the screen."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"/reference/ at {width}px is {scroll_width}px wide with the tally in use"


@pytest.mark.parametrize("width", PHONES)
def test_the_limit_opens_the_page_and_the_tally_follows_it(browser: Browser, site: Site, width: int) -> None:
    with visit(browser, site, "reference", width) as seen:
        page = seen.page
        headings = page.locator("main h2").all_inner_texts()
        assert headings[:2] == ["The limit for supplements", "Add up the magnesium you take"]
        expect(page.locator("#limit .limit-figure")).to_have_text(
            "Adults: at most 350 mg a day of magnesium from supplements and medicines, all added together.")
        expect(page.locator("#limit p.review time")).to_be_visible()
        # The script shows the tally with one product, and folds the steps by hand away.
        expect(page.locator("form#mg-calculator")).to_be_visible()
        expect(page.locator("fieldset.tally-product")).to_have_count(1)
        expect(page.locator("#by-hand")).not_to_have_attribute("open", "")
        expect(page.locator("#tally-status")).to_have_text("Enter the amount on a label to see your total.")
        assert seen.errors == []


@pytest.mark.parametrize("width", PHONES)
def test_a_glycinate_label_of_200_mg_elemental_gives_200_mg(browser: Browser, site: Site, width: int) -> None:
    with visit(browser, site, "reference", width) as seen:
        page = seen.page
        _product(page, 1, "glycinate", "200")
        expect(page.locator("#calc-result-1")).to_have_text("200 mg")
        expect(page.get_by_role("status")).to_have_text(
            f"Total: 200 mg of magnesium a day, 57% of the adult limit for supplements {LIMIT}")
        expect(page.locator("#tally-alert")).to_be_empty()
        expect(page.locator("#tally-alert")).to_be_hidden()
        _no_sideways_scroll(page, width)
        assert seen.errors == []


@pytest.mark.parametrize("width", PHONES)
def test_1000_mg_of_magnesium_oxide_raises_the_alert_naming_the_limit(browser: Browser, site: Site, width: int) -> None:
    with visit(browser, site, "reference", width) as seen:
        page = seen.page
        _product(page, 1, "oxide", "1,000", unit="compound", count="1")  # typed as the label prints it
        expect(page.locator("#calc-result-1")).to_have_text("603 mg")
        expect(page.get_by_role("status")).to_have_text(
            f"Total: 603 mg of magnesium a day, 172% of the adult limit for supplements {LIMIT}")
        alert = page.get_by_role("alert")
        expect(alert).to_be_visible()
        expect(alert).to_contain_text(ALERT_START)
        expect(alert).to_contain_text("loose stools or diarrhoea")
        expect(alert).to_contain_text("With kidney disease, ask a doctor before taking any magnesium.")
        # Back below the limit, the alert goes.
        page.fill("#calc-amount-1", "500")
        page.locator("#calc-amount-1").press("Tab")
        expect(page.get_by_role("status")).to_have_text(
            f"Total: 302 mg of magnesium a day, 86% of the adult limit for supplements {LIMIT}")
        expect(page.locator("#tally-alert")).to_be_hidden()
        _no_sideways_scroll(page, width)
        assert seen.errors == []


@pytest.mark.parametrize("width", PHONES)
def test_a_second_product_is_added_to_the_total_and_removing_it_takes_it_off(browser: Browser, site: Site, width: int) -> None:
    with visit(browser, site, "reference", width) as seen:
        page = seen.page
        _product(page, 1, "glycinate", "200")
        expect(page.locator(".tally-remove:visible")).to_have_count(0)  # the only product cannot be removed
        page.click("#tally-add")
        expect(page.locator("#calc-form-2")).to_be_focused()
        _product(page, 2, "oxide", "100", unit="compound", count="2")  # 200 mg of oxide: 120.6 mg of magnesium
        expect(page.locator("#calc-result-2")).to_have_text("121 mg")
        expect(page.get_by_role("status")).to_have_text(
            f"Total: 321 mg of magnesium a day, 92% of the adult limit for supplements {LIMIT}")
        expect(page.locator("#tally-alert")).to_be_hidden()
        _no_sideways_scroll(page, width)
        page.get_by_role("button", name="Remove product 2").click()
        expect(page.locator("fieldset.tally-product")).to_have_count(1)
        expect(page.locator("#calc-form-1")).to_be_focused()
        expect(page.get_by_role("status")).to_have_text(
            f"Total: 200 mg of magnesium a day, 57% of the adult limit for supplements {LIMIT}")
        assert seen.errors == []


def test_an_amount_that_is_not_a_number_is_marked_and_left_out(browser: Browser, site: Site) -> None:
    with visit(browser, site, "reference", 320) as seen:
        page = seen.page
        _product(page, 1, "glycinate", "two hundred")
        amount = page.locator("#calc-amount-1")
        expect(amount).to_have_attribute("aria-invalid", "true")
        expect(amount).to_have_accessible_description(
            "On a US Supplement Facts panel the amount is already elemental magnesium:"
            " “Magnesium (as magnesium glycinate) 200 mg” means 200 mg of magnesium."
            " Enter the amount as a number, such as 200.")
        expect(page.locator("#calc-result-1")).to_have_text("—")
        expect(page.get_by_role("status")).to_have_text("Enter the amount on a label to see your total.")
        _no_sideways_scroll(page, 320)
        assert seen.errors == []


def test_a_screen_reader_finds_each_product_as_a_named_group_with_labelled_fields(browser: Browser, site: Site) -> None:
    with visit(browser, site, "reference", 375) as seen:
        page = seen.page
        page.click("#tally-add")
        for number in (1, 2):
            group = page.get_by_role("group", name=f"Product {number}", exact=True)
            expect(group).to_have_count(1)
            expect(group.get_by_role("combobox", name="Form of magnesium")).to_have_count(1)
            amount = group.get_by_role("textbox", name="Amount on the label for one capsule, tablet or scoop, in mg")
            expect(amount).to_have_accessible_description(
                "On a US Supplement Facts panel the amount is already elemental magnesium:"
                " “Magnesium (as magnesium glycinate) 200 mg” means 200 mg of magnesium.")
            choice = group.get_by_role("group", name="The label gives this amount as")
            expect(choice.get_by_role("radio", name="Elemental magnesium (as on a US Supplement Facts label)")).to_be_checked()
            expect(group.get_by_role("textbox", name="How many you take a day")).to_have_value("1")
        # Ids stay unique, so every label and description points at its own product's field.
        ids = page.eval_on_selector_all("#mg-calculator [id]", "els => els.map(e => e.id)")
        assert len(ids) == len(set(ids))
        assert seen.errors == []


@pytest.mark.parametrize("width", PHONES)
def test_the_tally_works_from_the_keyboard_alone(browser: Browser, site: Site, width: int) -> None:
    with visit(browser, site, "reference", width) as seen:
        page = seen.page
        keys = page.keyboard
        tab_to(page, "document.activeElement.id === 'calc-form-1'", KEYBOARD_STEPS, "the first product's form")
        assert page.evaluate("document.activeElement.value") == "oxide"  # the first form of the reference
        keys.press("Tab")
        keys.type("1000")
        keys.press("Tab")  # to the checked choice: elemental
        keys.press("ArrowDown")  # the weight of the whole compound
        expect(page.locator("#calc-unit-1-compound")).to_be_checked()
        keys.press("Tab")  # how many a day, 1 already
        keys.press("Tab")  # past the hidden Remove button, to Add another product
        expect(page.locator("#tally-add")).to_be_focused()
        expect(page.get_by_role("alert")).to_contain_text(ALERT_START)
        keys.press("Enter")
        expect(page.locator("#calc-form-2")).to_be_focused()
        keys.press("ArrowDown")
        assert page.evaluate("document.activeElement.value") == "citrate"
        keys.press("Tab")
        keys.type("200")  # elemental, as the label's Supplement Facts give it
        keys.press("Tab")  # to its checked choice
        expect(page.get_by_role("status")).to_have_text(
            f"Total: 803 mg of magnesium a day, 229% of the adult limit for supplements {LIMIT}")
        # Remove the second product from the keyboard; focus goes back to the first.
        keys.press("Tab")  # how many a day
        keys.press("Tab")
        expect(page.get_by_role("button", name="Remove product 2")).to_be_focused()
        keys.press("Space")
        expect(page.locator("#calc-form-1")).to_be_focused()
        expect(page.get_by_role("status")).to_have_text(
            f"Total: 603 mg of magnesium a day, 172% of the adult limit for supplements {LIMIT}")
        # Focus is always visible.
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
        _no_sideways_scroll(page, width)
        assert seen.errors == []


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_the_alert_and_the_total_are_readable_in_light_and_dark(browser: Browser, site: Site, scheme: str) -> None:
    with visit(browser, site, "reference", 375, scheme) as seen:
        page = seen.page
        _product(page, 1, "oxide", "1000", unit="compound")
        expect(page.get_by_role("alert")).to_be_visible()
        for selector in ("#tally-alert strong", "#tally-status"):
            ratio = page.evaluate(CONTRAST, selector)
            assert ratio >= 4.5, f"{selector} in {scheme}: contrast {ratio:.2f}"
        assert seen.errors == []


# The contrast of an element's text with the first background colour behind it (WCAG's formula).
CONTRAST = """selector => {
  const el = document.querySelector(selector);
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  let bg = el;
  while (bg && rgb(getComputedStyle(bg).backgroundColor)[3] === 0) bg = bg.parentElement;
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(getComputedStyle(bg || document.body).backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def _label_amount(form: FormRow) -> int:
    """Pick a compound weight whose elemental figures are no rounding tie, so Python and JavaScript agree."""
    for amount in (500, 400, 600, 250, 750, 300, 800, 1000):
        if not any(abs(v % 1 - 0.5) < 0.01 or abs((v * 10) % 1 - 0.5) < 0.01 for v in (amount * form.low, amount * form.high)):
            return amount
    raise AssertionError(f"no label amount for {form.key} avoids a rounding tie")


def test_every_form_gives_the_figure_the_no_script_table_works_out(browser: Browser, site: Site, ref: Reference) -> None:
    rows = forms(ref).rows
    with visit(browser, site, "reference") as seen:
        page = seen.page
        offered = page.eval_on_selector_all("#calc-form-1 option", "options => options.map(o => o.value)")
        assert offered == [row.key for row in rows]
        for row in rows:
            amount = _label_amount(row)
            _product(page, 1, row.key, str(amount), unit="compound")
            result = page.locator("#calc-result-1")
            expect(result).to_have_text(elemental_text(amount, row))
            expect(result).to_have_attribute("data-low", f"{amount * row.low:.1f}")
            expect(result).to_have_attribute("data-high", f"{amount * row.high:.1f}")
        assert seen.errors == []
