"""Page weight and assets, on the built files: small pages, few requests, no web fonts, sized images, a favicon."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from sitebuild.audit import guide_title, page_path

BUDGET_BYTES = 40 * 1024  # HTML + CSS + JS a page needs before it can render, uncompressed
BUDGET_REQUESTS = 3
FONT_FILES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}
GUIDE = "content/guides/magnesium-akathisia.md"
_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
SITE = "http://site.invalid"  # a stand-in origin for resolving relative addresses


def _address(output: Path, file: Path) -> str:
    """Return the address a built file is served at."""
    return f"{SITE}/{file.relative_to(output).as_posix()}"


def _file(output: Path, address: str) -> Path | None:
    """Map a same-site address to the file that answers it; None for another host."""
    parts = urlsplit(address)
    if f"{parts.scheme}://{parts.netloc}" != SITE:
        return None
    path = unquote(parts.path)
    return output / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


def _page(output: Path, name: str) -> Path:
    """Return the built file of the home page or the guide."""
    if name == "home":
        return output / "index.html"
    path = page_path(output, guide_title(ROOT, GUIDE))
    assert path is not None, f"the built site has no page for {GUIDE}"
    return output / path.lstrip("/") / "index.html"


def _requests(output: Path, page: Path) -> list[str]:
    """List the addresses a page loads up front: itself, its stylesheets (with their @imports) and its scripts."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    base = _address(output, page)
    found = [base]
    # A print stylesheet (media="print") is fetched without holding up the page on screen: not counted.
    found += [urljoin(base, link["href"]) for link in soup.find_all("link", href=True)
              if "stylesheet" in link.get("rel", []) and link.get("media", "all") != "print"]
    found += [urljoin(base, script["src"]) for script in soup.find_all("script", src=True)]
    for address in found:
        file = _file(output, address)
        if address.endswith(".css") and file is not None and file.is_file():
            found += [urljoin(address, url) for url in _IMPORT.findall(file.read_text(encoding="utf-8"))]
    return found


@pytest.mark.parametrize("name", ["home", "guide"])
def test_page_weight_is_within_budget(built_site: Path, name: str) -> None:
    addresses = _requests(built_site, _page(built_site, name))
    files = [_file(built_site, a) for a in addresses]
    elsewhere = [a for a, f in zip(addresses, files, strict=True) if f is None or not f.is_file()]
    assert elsewhere == [], f"{name} loads what the site does not hold: {elsewhere}"
    sizes = {a.removeprefix(SITE): f.stat().st_size for a, f in zip(addresses, files, strict=True) if f is not None}
    total = sum(sizes.values())
    listing = ", ".join(f"{a} {n:,} B" for a, n in sizes.items())
    assert len(addresses) <= BUDGET_REQUESTS, f"{name} needs {len(addresses)} requests (budget {BUDGET_REQUESTS}): {listing}"
    assert total <= BUDGET_BYTES, f"{name} weighs {total:,} bytes (budget {BUDGET_BYTES:,}): {listing}"


def test_the_site_uses_no_web_fonts(built_site: Path) -> None:
    font_files = sorted(str(f.relative_to(built_site)) for f in built_site.rglob("*") if f.suffix.lower() in FONT_FILES)
    font_faces = sorted(str(f.relative_to(built_site)) for f in built_site.rglob("*")
                        if f.suffix in (".css", ".html") and "@font-face" in f.read_text(encoding="utf-8").lower())
    assert (font_files, font_faces) == ([], [])


def test_every_image_has_width_and_height(built_site: Path) -> None:
    unsized = []
    for file in sorted(built_site.rglob("*.html")):
        for image in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find_all("img"):
            if not (image.get("width") and image.get("height")):
                unsized.append(f"{file.relative_to(built_site)}: {image}")
    assert unsized == [], "images without width and height (the page jumps as they load):\n" + "\n".join(unsized)


def test_every_page_links_a_favicon_that_exists(built_site: Path) -> None:
    problems = []
    for file in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        icons = [link["href"] for link in soup.find_all("link", href=True) if "icon" in link.get("rel", [])]
        target = _file(built_site, urljoin(_address(built_site, file), icons[0])) if icons else None
        if not icons:
            problems.append(f"{file.relative_to(built_site)}: no <link rel=icon>")
        elif target is None or not target.is_file():
            problems.append(f"{file.relative_to(built_site)}: <link rel=icon href={icons[0]!r}> names no file in the output")
    assert problems == [], "\n".join(problems)
