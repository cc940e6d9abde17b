"""A reader in withdrawal, on a phone: help on the first screen of every guide, a short header, nothing sideways."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from sitebuild.audit import guide_title, page_path

from .conftest import Site, visit

ROOT = Path(__file__).resolve().parents[2]
GUIDES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "content" / "guides").glob("*.md"))
PHONE = (375, 667)


def guide_path(site: Site, source: str) -> str:
    """Return where the built site serves a guide."""
    found = page_path(site.output, guide_title(Path(__file__).resolve().parents[2], source))
    assert found is not None, source
    return found


@pytest.mark.parametrize("source", GUIDES)
def test_get_help_is_on_the_first_screen_of_every_guide_before_the_outline(browser: Browser, site: Site, source: str) -> None:
    with visit(browser, site, "guide", width=PHONE[0], height=PHONE[1], path=guide_path(site, source)) as seen:
        box = seen.page.locator(".get-help").bounding_box()
        assert box is not None and box["y"] + 60 < PHONE[1], f"{source}: the get-help box starts at {box}"
        outline = seen.page.locator("nav.outline, .outline").first
        if outline.count():
            assert (outline.bounding_box() or {"y": 1e9})["y"] > box["y"]
        assert seen.page.locator(".get-help").inner_text().startswith("Get help now\n\nCall 999 (UK), 112 (EU) or 911 (US and Canada)")


@pytest.mark.parametrize("name", ["home", "guide", "reference", "search"])
def test_the_header_takes_at_most_two_lines_on_a_phone(browser: Browser, site: Site, name: str) -> None:
    with visit(browser, site, name, width=PHONE[0], height=PHONE[1]) as seen:
        tops = seen.page.eval_on_selector_all("header.site-header a", "links => links.map(a => Math.round(a.getBoundingClientRect().top))")
        assert len(set(tops)) <= 2, f"{name}: header links sit on {len(set(tops))} lines ({tops})"


@pytest.mark.parametrize("source", GUIDES)
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_no_guide_scrolls_sideways(browser: Browser, site: Site, source: str, width: int) -> None:
    with visit(browser, site, "guide", width=width, path=guide_path(site, source)) as seen:
        page_width = seen.page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= width, f"{source} at {width}px is {page_width}px wide"
