"""Written pages: secure their external links, and find internal links and #anchors that lead nowhere."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

REL = "noopener noreferrer"
_A_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_REL_ATTR = re.compile(r"""\brel\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")


class SiteCheckError(Exception):
    """Written pages link to pages or anchors that do not exist."""

    exitcode = 1
    writer_facing = True  # printed without a traceback


def is_external(href: str, siteurl: str) -> bool:
    """Tell whether a link leaves the site."""
    href = href.strip()
    if siteurl.startswith(("http://", "https://")) and (href == siteurl or href.startswith(siteurl.rstrip("/") + "/")):
        return False
    return href.startswith(("http://", "https://", "//"))


def secure_external_links(html: str, siteurl: str) -> str:
    """Give every external link rel="noopener noreferrer", keeping any other rel values."""

    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if href is None or not is_external(unescape(href.group(1) or href.group(2) or ""), siteurl):
            return tag
        rel = _REL_ATTR.search(tag)
        if rel is None:
            return f'{tag[:-1].rstrip("/").rstrip()} rel="{REL}">'
        values = (rel.group(1) or rel.group(2) or "").split()
        merged = " ".join(values + [v for v in REL.split() if v not in values])
        return tag[: rel.start()] + f'rel="{merged}"' + tag[rel.end():]

    return _A_TAG.sub(fix, html)


@dataclass
class PageLinks:
    """The ids a page defines and the links it makes, with their lines."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)


class _Collector(HTMLParser):
    """Collect ids, and the href/src of links, stylesheets, scripts and images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record this tag's id and the address it points at."""
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"] or "")
        attr = {"a": "href", "link": "href", "img": "src", "script": "src"}.get(tag)
        if attr and values.get(attr) is not None:
            self.page.links.append((self.getpos()[0], values[attr] or ""))


def collect(html: str) -> PageLinks:
    """Parse a page for its ids and links."""
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser.page


def _target(output: Path, page: Path, href: str, siteurl: str) -> tuple[Path, str] | None:
    """Resolve an internal link to a file in the output and a fragment; None for links not checked."""
    href = href.strip()
    if not href or href.lower().startswith(_SKIPPED_SCHEMES) or is_external(href, siteurl):
        return None
    if siteurl.startswith(("http://", "https://")) and href.startswith(siteurl):
        href = href[len(siteurl.rstrip("/")):] or "/"
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    target = output / path.lstrip("/") if path.startswith("/") else page.parent / path
    target = Path(os.path.normpath(target))
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def broken_links(output: Path, siteurl: str) -> list[str]:
    """Return one line per internal link or #anchor in the output that leads nowhere."""
    pages = {page: collect(page.read_text(encoding="utf-8", errors="replace")) for page in sorted(output.rglob("*.html"))}
    problems = []
    for page, found in pages.items():
        shown = page.relative_to(output)
        for line, href in found.links:
            resolved = _target(output, page, href, siteurl)
            if resolved is None:
                continue
            target, fragment = resolved
            if output not in target.parents and target != output:
                problems.append(f"{shown}:{line}: link: found {href!r}, which leaves the output folder; link within the site")
            elif not target.is_file():
                problems.append(f"{shown}:{line}: link: found {href!r}, which names no page; fix the link or the page it points to")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else collect(target.read_text(encoding="utf-8", errors="replace")).ids
                if unquote(fragment) not in ids:
                    problems.append(f"{shown}:{line}: link: found {href!r}, but that page has no id {fragment!r}; "
                                    "link to a heading or element that exists")
    return problems
