"""Take a guide's tables out of its rendered HTML, as written, for another page of the same guide."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from html import escape
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup

from dosecheck.html_tokens import TOKEN, attributes

WRAPPER = "table-wrap"  # the scrolling box the dose checker puts around each table it places
WRAPPER_TAG = f'<div class="{WRAPPER}"'  # how plugins/dosecheck/render.py starts it
NOTE = "table-note"  # a table's own note, printed under it (its sources are listed with the page's)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_LINK_ATTRIBUTES = ("href", "src")
_SITE = "http://site.invalid/"  # a stand-in origin, to resolve addresses from the site root


def _rebased_tag(text: str, attrs: dict[str, str], rebase: Callable[[str], str]) -> str:
    """Return a tag as written with each link address passed through `rebase` (the tag unchanged when none moves)."""
    new = text
    for name in _LINK_ATTRIBUTES:
        value = attrs.get(name)
        if value is None:
            continue
        moved = rebase(value)
        if moved != value:
            written = re.search(rf'\s{name}\s*=\s*("[^"]*"|\'[^\']*\'|[^\s>]+)', new, re.IGNORECASE)
            if written is not None:
                new = new[:written.start(1)] + f'"{escape(moved)}"' + new[written.end(1):]
    return new


def _block_end(html: str, at: int, rebase: Callable[[str], str], edits: list[tuple[int, int, str]]) -> int:
    """Read one checked table from its wrapper at `at`: the wrapper whole, then the notes right after it; return where
    the last of them ends (0 when no whole wrapper starts there), noting tags whose link addresses change in `edits`.
    Anything else ends the block, so the prose after it is never read."""
    open_tags: list[str] = []
    end = 0
    for token in TOKEN.finditer(html, at):
        closing, tag, attrs_text = token[1], (token[2] or "").lower(), token[3]
        if not tag:  # text, a comment or a stray "<"
            if not open_tags and token[0].strip() and not token[0].startswith("<!--"):
                break
            continue
        if closing:
            if tag not in open_tags:
                break  # the end of what holds the table
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(tag):]
            if not open_tags:
                end = token.end()
            continue
        attrs = attributes(attrs_text or "")
        if not open_tags:
            classes = attrs.get("class", "").split()
            first = token.start() == at and tag == "div" and WRAPPER in classes
            note = end > 0 and tag == "p" and NOTE in classes and not html[end:token.start()].strip()
            if not (first or note):
                break
        new = _rebased_tag(token[0], attrs, rebase)
        if new != token[0]:
            edits.append((token.start(), token.end(), new))
        if tag not in _VOID and not (attrs_text or "").rstrip().endswith("/"):
            open_tags.append(tag)
    return end


def table_blocks(html: str, rebase: Callable[[str], str] = lambda href: href) -> list[Markup]:
    """Return each checked table in `html` as written: its wrapper whole and the notes right after it, its links passed
    through `rebase`. Tables a writer typed in Markdown (no wrapper) are prose of the page, not its checked data.

    The HTML is the checked page's own, so every figure in it keeps its reference; nothing is re-rendered. Only the
    tables are parsed: each starts where the dose checker's wrapper tag does (it writes that tag the same way always).
    """
    out: list[Markup] = []
    at = html.find(WRAPPER_TAG)
    while at >= 0:
        edits: list[tuple[int, int, str]] = []
        end = _block_end(html, at, rebase, edits)
        if end == 0:  # not a whole wrapper after all
            at = html.find(WRAPPER_TAG, at + 1)
            continue
        out.append(Markup(_edited(html, at, end, [e for e in edits if e[0] < end])))
        at = html.find(WRAPPER_TAG, end)
    return out


def rebaser(page_url: str, new_url: str) -> Callable[[str], str]:
    """Return a function that rewrites a relative address written on the page at `page_url` to lead to the same place
    from the page at `new_url` (both from the site root, as Pelican gives them: "topic/slug/")."""
    new_folder = new_url.rsplit("/", 1)[0] if "/" in new_url else ""

    def rebase(href: str) -> str:
        raw = href.strip()  # as the HTML parser gives it: entities already decoded
        parts = urlsplit(raw)
        if not raw or parts.scheme or parts.netloc or raw.startswith("/"):
            return href  # absolute, root-relative or another scheme: the same from anywhere
        target = urlsplit(urljoin(_SITE + page_url, raw))
        path = target.path.lstrip("/")
        moved = posixpath.relpath(path or ".", new_folder or ".")
        if path == "" or path.endswith("/"):
            moved += "/"
        return moved + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")

    return rebase


def rebase_links(html: str, rebase: Callable[[str], str]) -> Markup:
    """Return `html` with every link address passed through `rebase`, nothing else changed."""
    edits = []
    for token in TOKEN.finditer(html):
        if token[2] and not token[1]:
            new = _rebased_tag(token[0], attributes(token[3] or ""), rebase)
            if new != token[0]:
                edits.append((token.start(), token.end(), new))
    return Markup(_edited(html, 0, len(html), edits))


def _edited(html: str, start: int, end: int, edits: list[tuple[int, int, str]]) -> str:
    """Return html[start:end] with each edited tag in its new form."""
    pieces, at = [], start
    for tag_start, tag_end, new in edits:
        pieces += [html[at:tag_start], new]
        at = tag_end
    pieces.append(html[at:end])
    return "".join(pieces)
