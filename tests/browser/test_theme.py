"""The theme in Chromium: narrow phones, the keyboard, print, and pages without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .conftest import PAGES, Site, visit

NARROWEST = 320  # the smallest phone width the theme supports


@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_at_the_narrowest_width(browser: Browser, site: Site, name: str) -> None:
    with visit(browser, site, name, width=NARROWEST) as seen:
        width = seen.page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROWEST, f"{site.paths[name]} at {NARROWEST}px is {width}px wide: something overflows"


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(browser: Browser, site: Site) -> None:
    with visit(browser, site, "guide") as seen:
        page = seen.page
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
        assert focused == ["skip-link", "Skip to content"]
        # Visible focus: the skip link comes into view with an outline.
        style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                              " const r = document.activeElement.getBoundingClientRect();"
                              " return [s.outlineStyle, s.outlineWidth, r.left >= 0]; })()")
        assert style == ["solid", "3px", True]
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
        page.keyboard.press("Tab")
        inside_main = page.evaluate("document.getElementById('main').contains(document.activeElement)")
        assert inside_main, "after the skip link, the next Tab should land inside the main content"


def test_printed_pages_drop_navigation_and_show_source_addresses(browser: Browser, site: Site) -> None:
    with visit(browser, site, "guide") as seen:
        page = seen.page
        page.emulate_media(media="print")
        shown = page.evaluate("getComputedStyle(document.querySelector('.site-header nav')).display")
        after = page.evaluate("getComputedStyle(document.querySelector('.sources a[href^=\"http\"]'), '::after').content")
        href = page.evaluate("document.querySelector('.sources a[href^=\"http\"]').getAttribute('href')")
        overflow = page.evaluate("getComputedStyle(document.querySelector('.table-wrap')).overflowX")
    assert shown == "none"
    assert after == f'" ({href})"', after
    assert overflow == "visible"  # a wide table prints whole instead of being cut at the scroll box


def test_without_javascript_the_reference_page_shows_the_table_and_hides_the_calculator(browser: Browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("reference"))
        assert page.locator("form#mg-calculator").is_hidden()
        table = page.locator("table", has=page.locator("caption", has_text="common label amounts"))
        assert table.is_visible()
        assert table.locator("tbody tr").count() == page.locator("#forms-table tbody tr").count()
    finally:
        context.close()
