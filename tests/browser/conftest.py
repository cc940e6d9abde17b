"""The built site in a real browser: one build, one local server and one Chromium per session."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Response, sync_playwright

from conftest import ROOT
from sitebuild.audit import CHROMIUM_FLAGS, CHROMIUM_MISSING, find_chromium, guide_title, page_path, serve_static

GUIDE = "content/guides/magnesium-akathisia.md"
GLOSSARY_ENTRY = "content/guides/glossary/elemental-magnesium.md"
MISSING_PATH = "/no-such-page/"  # nested, so a 404 page with relative links to its stylesheet shows up broken
# The pages every browser test runs on, by name; their addresses come from the built site.
PAGES = ("home", "guide", "reference", "glossary", "search", "404")
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
README_SCREENSHOT = ROOT / "docs" / "screenshot-guide.png"
KEEP_RUNS = 5  # a run writes about 13 MB of screenshots; older runs are removed

_screenshot_folder: list[Path] = []  # the run's folder, once a test has written to it


@dataclass
class Site:
    """The built site, where it is served, and the address of each page the tests visit."""

    output: Path
    origin: str
    paths: dict[str, str]

    def url(self, name: str) -> str:
        """Return the full address of a page by name."""
        return self.origin + self.paths[name]


@dataclass
class Visit:
    """One page opened in a fresh browser context, with what it logged and requested."""

    page: Page
    response: Response | None
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[Site]:
    """Serve the site built once for the session on a free localhost port."""
    paths = {"home": "/", "reference": "/reference/", "search": "/search/", "404": MISSING_PATH}
    for name, source in (("guide", GUIDE), ("glossary", GLOSSARY_ENTRY)):
        found = page_path(built_site, guide_title(Path(__file__).resolve().parents[2], source))
        assert found is not None, f"the built site has no page whose <h1> is the title of {source}"
        paths[name] = found
    server, origin = serve_static(built_site)
    yield Site(built_site, origin, paths)
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch Chromium once per session: CHROMIUM_PATH, else chromium or chromium-browser on PATH."""
    executable = find_chromium()
    if executable is None:
        pytest.fail(CHROMIUM_MISSING)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_FLAGS))
        yield launched
        launched.close()


@contextmanager
def visit(browser: Browser, site: Site, name: str, width: int = 1280, scheme: str = "light", path: str | None = None,
          wait_until: str = "load", height: int = 900) -> Iterator[Visit]:
    """Open a page (by name, or any `path`) at a size and colour scheme, recording console errors and every request."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        record = Visit(page, None)
        page.on("request", lambda request: record.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and record.errors.append(
            f"{message.text} ({message.location['url']}:{message.location['lineNumber']})"))
        page.on("pageerror", lambda error: record.errors.append(f"uncaught {error.name}: {error.message}"))
        # A request cut short by leaving the page (net::ERR_ABORTED) is no fault of the page.
        page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED" and record.errors.append(
            f"request failed: {request.url} ({request.failure})"))
        record.response = page.goto(site.origin + (path or site.paths[name]), wait_until=wait_until)  # type: ignore[arg-type]
        yield record
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshot_folder() -> Path:
    """Make this run's screenshot folder, named by the time the run started."""
    folder = SCREENSHOTS / f"{datetime.datetime.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=True)
    for old in sorted(SCREENSHOTS.iterdir())[:-KEEP_RUNS]:
        shutil.rmtree(old, ignore_errors=True)
    _screenshot_folder.append(folder)
    return folder


def publish_readme_screenshot(shot: Path) -> None:
    """Copy a guide screenshot to docs/ for the README, only when it differs, so an unchanged page leaves git clean."""
    if not README_SCREENSHOT.exists() or README_SCREENSHOT.read_bytes() != shot.read_bytes():
        shutil.copyfile(shot, README_SCREENSHOT)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where this run's screenshots are."""
    for folder in _screenshot_folder:
        terminalreporter.write_line(f"screenshots: {folder.relative_to(ROOT)}/")


def tab_to(page: Page, test: str, presses: int, what: str) -> None:
    """Press Tab until the focused element passes `test` (a JavaScript expression on `document.activeElement`)."""
    for _press in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(test):
            return
    pytest.fail(f"{presses} presses of Tab did not reach {what}")
