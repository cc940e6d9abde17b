"""Links: external ones in content get rel="noopener noreferrer"; written pages are checked for links that lead nowhere or
leave the site without it."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dosecheck.findings import WriterFacingError

REL = "noopener noreferrer"
_A_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_REL_ATTR = re.compile(r"""\brel\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")
# Pagefind writes the search bundle into pagefind/ after Pelican has finished (tasks.py indexes the built site
# before publishing it, and checks the bundle is complete), so links into it cannot be checked here.
GENERATED_AFTER_BUILD = "pagefind/"


class SiteCheckError(WriterFacingError):
    """Written pages link to pages or anchors that do not exist, or to other sites without rel="noopener noreferrer"."""


def is_external(href: str, siteurl: str) -> bool:
    """Tell whether a link leaves the site."""
    href = href.strip()
    if siteurl.startswith(("http://", "https://")) and (href == siteurl or href.startswith(siteurl.rstrip("/") + "/")):
        return False
    return href.startswith(("http://", "https://", "//"))


def _external_address(tag: str, siteurl: str) -> str | None:
    """Return the address an <a> tag links to when it leaves the site, else None."""
    href = _HREF.search(tag)
    address = unescape(href.group(1) or href.group(2) or "") if href else ""
    return address if href is not None and is_external(address, siteurl) else None


def _rel_values(tag: str) -> list[str]:
    """Return the values of a tag's rel attribute, in order."""
    rel = _REL_ATTR.search(tag)
    return (rel.group(1) or rel.group(2) or "").split() if rel else []


def secure_external_links(html: str, siteurl: str) -> str:
    """Give every external link rel="noopener noreferrer", keeping any other rel values."""

    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        if _external_address(tag, siteurl) is None:
            return tag
        rel = _REL_ATTR.search(tag)
        if rel is None:
            return f'{tag[:-1].rstrip("/").rstrip()} rel="{REL}">'
        values = _rel_values(tag)
        merged = " ".join(values + [v for v in REL.split() if v not in values])
        return tag[: rel.start()] + f'rel="{merged}"' + tag[rel.end():]

    return _A_TAG.sub(fix, html)


def unsecured_links(html: str, siteurl: str) -> list[tuple[int, str]]:
    """List a page's external links without rel="noopener noreferrer", each as (offset in the page, address)."""
    found = []
    for match in _A_TAG.finditer(html):
        address = _external_address(match.group(0), siteurl)
        if address is not None and not set(REL.split()) <= set(_rel_values(match.group(0))):
            found.append((match.start(), address))
    return found


@dataclass
class PageLinks:
    """The ids a page defines and the links it makes, with their lines."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)  # (offset in the page, address)


# The pages are the site's own templates' output, so attributes are always double-quoted; a regular
# expression reads them several times faster than an HTML parser, which matters at thousands of pages.
_ID = re.compile(r'<[a-zA-Z][^>]*?\s(?:id|name)="([^"]*)"')
_LINK = re.compile(r'<(?:a|link|img|script)\b[^>]*?\s(?:href|src)="([^"]*)"', re.IGNORECASE)


def collect(html: str) -> PageLinks:
    """Read a page's ids and the addresses of its links, stylesheets, scripts and images."""
    page = PageLinks(ids={unescape(m) for m in _ID.findall(html)})
    page.links = [(match.start(), unescape(match.group(1))) for match in _LINK.finditer(html)]
    return page


class _LazyLine:
    """A line number worked out, by reading the page again, only when a message shows it."""

    def __init__(self, page: Path, offset: int) -> None:
        self.page, self.offset = page, offset

    def __str__(self) -> str:
        return str(self.page.read_text(encoding="utf-8", errors="replace").count("\n", 0, self.offset) + 1)


def _target(folder: str, href: str, siteurl: str, folders: set[str]) -> tuple[str, str] | None:
    """Resolve a link from a page in `folder` (relative to the output) to an output path and a fragment.

    Paths are plain strings relative to the output: "" is the output itself, ".." leaves it.
    Returns None for links that are not checked (external, mail, script).
    """
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
        return "", parts.fragment  # the page itself
    target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path))
    if target == ".":
        target = ""
    if path.endswith("/") or target in folders:
        target = posixpath.join(target, "index.html") if target else "index.html"
    return target, parts.fragment


@dataclass
class LinkProblems:
    """What the written pages' links get wrong, one line each (`page:line: link: ...`)."""

    broken: list[str]  # internal links and #anchors that lead nowhere
    unsecured: list[str]  # external links without rel="noopener noreferrer"


def link_problems(output: Path, siteurl: str) -> LinkProblems:
    """Read every written page once: its internal links and #anchors that lead nowhere, its external links without rel."""
    files: set[str] = set()
    folders: set[str] = {""}
    for folder, dirs, names in os.walk(output):
        relative = os.path.relpath(folder, output).replace(os.sep, "/")
        base = "" if relative == "." else relative
        folders.update(posixpath.join(base, d) if base else d for d in dirs)
        files.update(posixpath.join(base, n) if base else n for n in names)
    # One page at a time: only each page's ids are kept, and the few links to an #anchor of a page
    # not read yet wait for it, so memory does not grow with every link of every page.
    ids: dict[str, set[str]] = {}
    waiting: list[tuple[str, int, str, str, str]] = []
    problems: list[tuple[str, int, str]] = []
    unsecured: list[tuple[str, int, str]] = []
    resolved_here: dict[str, tuple[str, str] | None] = {}
    current_folder = None
    for name in sorted(f for f in files if f.endswith(".html")):
        html = (output / name).read_text(encoding="utf-8", errors="replace")
        found = collect(html)
        ids[name] = found.ids
        # Content gets rel when it is read and the theme writes its own, so a link without it is a template's (or a
        # static file's) to fix: reported, not rewritten behind the writer's back.
        unsecured += [(name, offset, f'found {href!r}, which leaves the site without rel="{REL}"; add it where the link is written')
                      for offset, href in unsecured_links(html, siteurl)]
        folder = posixpath.dirname(name)
        if folder != current_folder:  # navigation links recur on every page of a folder
            resolved_here, current_folder = {}, folder
        for offset, href in found.links:
            if href not in resolved_here:
                resolved_here[href] = _target(folder, href, siteurl, folders)
            resolved = resolved_here[href]
            if resolved is None:
                continue
            target, fragment = resolved
            target = target or name
            if target == ".." or target.startswith("../"):
                problems.append((name, offset, f"found {href!r}, which leaves the output folder; link within the site"))
            elif target not in files:
                if not target.startswith(GENERATED_AFTER_BUILD):
                    problems.append((name, offset, f"found {href!r}, which names no page; fix the link or the page it points to"))
            elif fragment and target.endswith(".html"):
                waiting.append((name, offset, href, target, fragment))
                if target in ids:
                    _check_anchor(waiting.pop(), ids, problems)
    for link in waiting:
        _check_anchor(link, ids, problems)
    return LinkProblems(_lines(output, problems), _lines(output, unsecured))


def _lines(output: Path, problems: list[tuple[str, int, str]]) -> list[str]:
    """Write each problem as `page:line: link: text`, in page order."""
    # Lines are counted only for the rare problem, not for every link of every page.
    return [f"{name}:{_LazyLine(output / name, offset)}: link: {text}" for name, offset, text in sorted(problems)]


def _check_anchor(link: tuple[str, int, str, str, str], ids: dict[str, set[str]], problems: list[tuple[str, int, str]]) -> None:
    """Report a link to an #anchor its target page does not have."""
    name, offset, href, target, fragment = link
    if unquote(fragment) not in ids[target]:
        problems.append((name, offset, f"found {href!r}, but that page has no id {fragment!r}; "
                                       "link to a heading or element that exists"))
