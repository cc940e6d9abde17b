"""What readers do: search and open FAQ answers from the keyboard (the supplement tally: test_tally.py)."""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

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


def test_the_search_box_leads_to_results_and_loads_the_index_only_then(browser: Browser, site: Site) -> None:
    with visit(browser, site, "home") as seen:
        page = seen.page
        page.locator("header.site-header nav a", has_text="Search").click()
        page.wait_for_url("**/search/")
        requests: list[str] = []
        page.on("request", lambda r: requests.append(urlsplit(r.url).path))
        page.wait_for_timeout(300)
        assert not [r for r in requests if "/pagefind/" in r]  # nothing of the index before the reader searches
        box = page.get_by_label("Words to search for")
        box.fill(QUERY)
        box.press("Enter")
        found = _wait_for_result(page, site.paths["guide"])
        assert site.paths["guide"] in found, f"searching for {QUERY!r} lists {found or 'no links'}"
        address = urlsplit(page.url)
        assert (address.path, parse_qs(address.query)) == ("/search/", {"q": [QUERY]})  # the address can be shared
        assert "/pagefind/pagefind.js" in requests
        assert seen.errors == []


def test_a_us_spelling_finds_the_same_guides_as_the_uk_one(browser: Browser, site: Site) -> None:
    shown = {}
    for word in ("diarrhoea", "diarrhea"):
        with visit(browser, site, "search", path=f"/search/?q={word}") as seen:
            seen.page.wait_for_selector("#search ol.search-list")
            shown[word] = seen.page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => new URL(a.href).pathname)")
            assert seen.page.locator("#search > p").first.text_content() == f"{len(shown[word])} results for \u201c{word}\u201d"
    assert len(shown["diarrhoea"]) >= 3 and shown["diarrhea"] == shown["diarrhoea"]


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
