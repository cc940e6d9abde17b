"""Every page in Chromium: clean loads, no third-party requests, no axe violation, and a screenshot at each width."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator

from .conftest import PAGES, SCHEMES, WIDTHS, Site, publish_readme_screenshot, visit

LOCAL_SCHEMES = ("data:", "blob:")


def _wait(name: str) -> str:
    """Wait for the network to settle on the search page, whose script loads its index after the page."""
    return "networkidle" if name == "search" else "load"


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_errors_or_requests_leaving_localhost(browser: Browser, site: Site, name: str) -> None:
    with visit(browser, site, name, wait_until="networkidle") as seen:
        assert seen.response is not None
        if name == "404":
            assert (site.output / "404.html").is_file(), "the site has no 404.html, so a missing page gets the server's bare error"
            assert seen.response.status == 404
            # Chromium logs the 404 status of the page itself as an error; that one is the point of the page.
            own = re.compile(rf"Failed to load resource: the server responded with a status of 404 \(.*\) \({re.escape(site.url(name))}:0\)")
            errors = [e for e in seen.errors if not own.fullmatch(e)]
        else:
            assert seen.response.status == 200, f"GET {site.paths[name]} answered {seen.response.status}"
            errors = seen.errors
        assert errors == [], f"{site.paths[name]} logged errors:\n" + "\n".join(errors)
        outside = [url for url in seen.requests if not url.startswith((site.origin + "/", *LOCAL_SCHEMES))]
        assert outside == [], f"{site.paths[name]} made requests leaving localhost:\n" + "\n".join(outside)


def describe(violations: list[dict]) -> str:
    """List each axe violation as `id (impact): help; targets: selectors`."""
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(str(part) for part in node["target"]) for node in violation["nodes"])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}; targets: {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_accessibility_violation(browser: Browser, site: Site, name: str, width: int, scheme: str) -> None:
    with visit(browser, site, name, width, scheme, wait_until=_wait(name)) as seen:
        violations = Axe().run(seen.page).response["violations"]
    assert violations == [], f"axe on {site.paths[name]} at {width}px, {scheme}:\n{describe(violations)}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_full_page_screenshot_and_no_sideways_scrolling(
    browser: Browser, site: Site, screenshot_folder, name: str, width: int, scheme: str
) -> None:
    with visit(browser, site, name, width, scheme, wait_until=_wait(name)) as seen:
        shot = screenshot_folder / f"{name}-{width}-{scheme}.png"
        seen.page.screenshot(path=shot, full_page=True)
        page_width = seen.page.evaluate("document.documentElement.scrollWidth")
        if (name, width, scheme) == ("guide", 1280, "light"):
            # The README shows what a reader sees first, not the whole (megabyte-sized) page.
            top = screenshot_folder / f"{name}-{width}-{scheme}-top.png"
            seen.page.screenshot(path=top)
            publish_readme_screenshot(top)
    assert shot.stat().st_size > 0
    # A reader on a phone should never have to scroll sideways to read a line.
    assert page_width <= width, f"{site.paths[name]} at {width}px is {page_width}px wide: something overflows"


# One page of each template the theme renders: home, guide, site page, topic, tag, tag list, topic list, all guides,
# search, 404 and the dose reference.
TEMPLATE_PATHS = ("/", "/about/", "/benzodiazepine-withdrawal/", "/tags/", "/tags/magnesium/", "/categories/", "/archives/",
                  "/search/", "/no-such-page/", "/reference/")


def box_of(locator: Locator) -> dict[str, float]:
    """Return an element's box on the page (it must be laid out)."""
    box = locator.bounding_box()
    assert box is not None
    return box


@pytest.mark.parametrize("path", [*TEMPLATE_PATHS, "guide"])
def test_the_medical_notice_is_visible_before_the_content_on_every_template(browser: Browser, site: Site, path: str) -> None:
    with visit(browser, site, "guide", path=None if path == "guide" else path) as seen:
        notice = seen.page.locator("main aside.medical-disclaimer")
        assert notice.count() == 1, f"{path}: {notice.count()} notices in <main>"
        assert notice.is_visible(), f"{path}: the notice is not visible"
        # Guides and pages carry the full text; listings, search and 404 the one line, right after their heading.
        full = path in ("/about/", "/reference/", "guide")
        assert notice.inner_text().startswith("Medical disclaimer: This site gives general information, not medical advice." if full
                                              else "Medical disclaimer: General information, not medical advice. Read the full disclaimer.")
        if not full:
            heading = seen.page.locator("main h1").bounding_box()
            assert heading is not None and heading["y"] < box_of(notice)["y"], f"{path}: the one-line notice comes before the heading"
        box = notice.bounding_box()
        assert box is not None and box["height"] > 10 and box["width"] > 100, f"{path}: the notice is {box}"
        # Before the page's main content: no section heading of <main> comes before it.
        first_h2 = seen.page.locator("main h2").first
        if first_h2.count():
            h2_box = first_h2.bounding_box()
            assert h2_box is not None and h2_box["y"] >= box["y"] + box["height"] - 1, f"{path}: a section starts above the notice"


PHONE_PAGES = ("guide", "reference", "glossary")


@pytest.mark.parametrize("width", (320, 375))
@pytest.mark.parametrize("name", PHONE_PAGES)
def test_on_a_phone_every_table_fits_the_screen_as_labelled_cards(browser: Browser, site: Site, name: str, width: int) -> None:
    with visit(browser, site, name, width) as seen:
        page = seen.page
        widths = page.evaluate("[...document.querySelectorAll('main table')].map(t => Math.ceil(t.getBoundingClientRect().right))")
        assert widths and max(widths) <= width, f"{site.paths[name]} at {width}px: a table reaches {max(widths)}px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # A cell shows its column's name before its value, as a card does.
        label = page.evaluate("getComputedStyle(document.querySelector('main table td[data-label]'), '::before').content")
        assert label.startswith('"') and label.endswith(': "'), label
