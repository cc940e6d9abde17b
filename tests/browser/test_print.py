"""Printing in Chromium: every guide on at most 4 A4 pages and its doctor page on at most 2, FAQ answers open while
the page prints, no site chrome, source addresses shown, and tables printed as tables (not the phone's cards)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from conftest import ROOT
from sitebuild.audit import guide_title, page_path

from .conftest import SCHEMES, Site, visit

GUIDES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "content" / "guides").rglob("*.md"))
NOT_GLOSSARY = [g for g in GUIDES if "/glossary/" not in g]
MAX_GUIDE_PAGES = 4
MAX_DOCTOR_PAGES = 2
# Counted in the page as the print dialog prints it: each <details>'s state and whether its answer is laid out.
WATCH_PRINTING = """() => {
  window.__printed = [];
  window.addEventListener("beforeprint", () => {  // added after the page's own listener, so it sees what that did
    window.__printed.push([...document.querySelectorAll("section.faqs details")].map(d => {
      const answer = d.querySelector(":scope > :not(summary)");
      return [d.open, answer !== null && answer.getClientRects().length > 0 && answer.innerText.trim().length > 0];
    }));
  });
}"""


def pdf_pages(pdf: bytes) -> int:
    """Count the pages of a PDF Chromium wrote: its page objects, which must agree with the page tree's count."""
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    counts = [int(n) for n in re.findall(rb"/Count\s+(\d+)", pdf)]
    assert counts and max(counts) == pages, (pages, counts)
    return pages


def address(site: Site, source: str) -> str:
    """The address of a guide's page in the served site."""
    found = page_path(site.output, guide_title(Path(__file__).resolve().parents[2], source))
    assert found is not None, f"the built site has no page titled as {source}"
    return found


def printed_pages(page: Page) -> int:
    """Print the open page to A4 as the print dialog does (the page's own print CSS and margins); count the pages."""
    return pdf_pages(page.pdf(format="A4"))


@pytest.mark.parametrize("source", GUIDES, ids=lambda s: Path(s).stem)
def test_every_guide_prints_on_at_most_four_a4_pages(browser: Browser, site: Site, source: str) -> None:
    with visit(browser, site, "guide", path=address(site, source)) as seen:
        pages = printed_pages(seen.page)
        assert seen.errors == []
    assert 1 <= pages <= MAX_GUIDE_PAGES, f"{source} prints on {pages} A4 pages"


@pytest.mark.parametrize("source", NOT_GLOSSARY, ids=lambda s: Path(s).stem)
def test_every_doctor_page_prints_on_at_most_two_a4_pages(browser: Browser, site: Site, source: str) -> None:
    with visit(browser, site, "guide", path=address(site, source) + "doctor/") as seen:
        assert seen.response is not None and seen.response.status == 200
        pages = printed_pages(seen.page)
        assert seen.errors == []
    assert 1 <= pages <= MAX_DOCTOR_PAGES, f"the doctor page of {source} prints on {pages} A4 pages"


def test_faq_answers_are_open_while_the_guide_prints_and_closed_again_after(browser: Browser, site: Site) -> None:
    with visit(browser, site, "guide") as seen:
        page = seen.page
        count = page.locator("section.faqs details").count()
        assert count >= 3
        page.locator("section.faqs details").first.evaluate("d => { d.open = true; }")  # one the reader opened stays open
        page.evaluate(WATCH_PRINTING)
        printed_pages(page)
        during = page.evaluate("window.__printed")
        after = page.evaluate("[...document.querySelectorAll('section.faqs details')].map(d => d.open)")
    assert during == [[[True, True]] * count], "every FAQ answer is open and shown while the page prints"
    assert after == [True] + [False] * (count - 1), "after printing, each answer is as the reader left it"


def test_in_print_the_answers_show_and_the_chrome_goes(browser: Browser, site: Site) -> None:
    with visit(browser, site, "guide") as seen:
        page = seen.page
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        hidden = page.evaluate("""['.skip-link', '.site-header nav', '.site-footer', 'nav.outline', 'p.doctor-link']
            .map(s => [s, document.querySelector(s) && getComputedStyle(document.querySelector(s)).display])""")
        answers = page.evaluate("[...document.querySelectorAll('section.faqs details > p')].map(p => p.getClientRects().length > 0)")
        name = page.evaluate("getComputedStyle(document.querySelector('.site-name')).display")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        closed = page.evaluate("[...document.querySelectorAll('section.faqs details')].every(d => !d.open)")
    assert hidden == [[selector, "none"] for selector, _display in hidden]
    assert [selector for selector, _display in hidden] == [".skip-link", ".site-header nav", ".site-footer", "nav.outline",
                                                           "p.doctor-link"]
    assert answers and all(answers)
    assert name != "none"  # the printout still says where it comes from
    assert closed


def test_search_forms_do_not_print(browser: Browser, site: Site) -> None:
    with visit(browser, site, "404") as seen:
        seen.page.emulate_media(media="print")
        shown = seen.page.evaluate("[...document.querySelectorAll('form[role=search]')].map(f => getComputedStyle(f).display)")
    assert shown and set(shown) == {"none"}


def test_in_print_only_the_sources_list_shows_addresses(browser: Browser, site: Site) -> None:
    with visit(browser, site, "guide") as seen:
        page = seen.page
        page.emulate_media(media="print")
        sources = page.evaluate("""[...document.querySelectorAll('section.sources ol > li > a[href^="http"]')]
            .map(a => [getComputedStyle(a, '::after').content, a.getAttribute('href')])""")
        others = page.evaluate("""[...document.querySelectorAll('main a[href^="http"]')]
            .filter(a => !a.matches('section.sources ol > li > a')).map(a => getComputedStyle(a, '::after').content)""")
    assert sources and all(content == f'" ({href})"' for content, href in sources), sources
    assert others and set(others) == {"none"}, others


@pytest.mark.parametrize("width", (320, 375, 1280))
def test_tables_print_as_tables_not_the_phones_cards(browser: Browser, site: Site, width: int) -> None:
    with visit(browser, site, "guide", width=width) as seen:
        page = seen.page
        page.emulate_media(media="print")
        layout = page.evaluate("""(() => {
            const t = document.querySelector('main table.checked-table');
            return [getComputedStyle(t.querySelector('thead')).position, getComputedStyle(t.querySelector('tbody tr')).display,
                    getComputedStyle(t.querySelector('td[data-label]')).display,
                    getComputedStyle(t.querySelector('td[data-label]'), '::before').content,
                    getComputedStyle(t.closest('.table-wrap')).overflowX];
        })()""")
    assert layout == ["static", "table-row", "table-cell", "none", "visible"]


def test_the_doctor_page_offers_a_print_button_that_does_not_print(browser: Browser, site: Site) -> None:
    with visit(browser, site, "guide", path=site.paths["guide"] + "doctor/") as seen:
        page = seen.page
        button = page.get_by_role("button", name="Print this page")
        assert button.is_visible()  # print.js shows it; without JavaScript it stays hidden
        page.evaluate("() => { window.__printCalls = 0; window.print = () => { window.__printCalls += 1; }; }")
        button.click()
        assert page.evaluate("window.__printCalls") == 1
        page.emulate_media(media="print")
        assert not button.is_visible()
        assert page.locator("aside.medical-disclaimer").is_visible()
        assert seen.errors == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", (320, 1280))
def test_the_doctor_page_reads_on_screen_without_sideways_scrolling_or_axe_violations(
        browser: Browser, site: Site, width: int, scheme: str) -> None:
    with visit(browser, site, "guide", width=width, scheme=scheme, path=site.paths["guide"] + "doctor/") as seen:
        assert seen.page.evaluate("document.documentElement.scrollWidth") <= width
        violations = Axe().run(seen.page).response["violations"]
        assert seen.errors == []
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
