"""Take a guide's tables out of its rendered HTML, as written, for another page of the same guide."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup

WRAPPER = "table-wrap"  # the scrolling box the dose checker puts around each table it places
WRAPPER_TAG = f'<div class="{WRAPPER}"'  # how plugins/dosecheck/render.py starts it
NOTE = "table-note"  # a table's own note, printed under it (its sources are listed with the page's)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_LINK_ATTRIBUTES = ("href", "src")
_SITE = "http://site.invalid/"  # a stand-in origin, to resolve addresses from the site root


def _classes(attrs: list[tuple[str, str | None]]) -> set[str]:
    return {c for name, value in attrs if name == "class" for c in (value or "").split()}


class _Rebasing(HTMLParser):
    """An HTML reader that knows each tag's offset and notes the new form of tags whose link addresses change."""

    def __init__(self, html: str, rebase: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.rebase = rebase
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.edits: list[tuple[int, int, str]] = []  # tags whose addresses change: start, end, new tag

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _rebase_tag(self, start: int, text: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the new form of a tag whose link addresses change on the other page."""
        new = text
        for name, value in attrs:
            if name in _LINK_ATTRIBUTES and value is not None:
                moved = self.rebase(value)
                if moved != value:
                    written = re.search(rf'\s{name}\s*=\s*("[^"]*"|\'[^\']*\'|[^\s>]+)', new, re.IGNORECASE)
                    if written is not None:
                        new = new[:written.start(1)] + f'"{escape(moved)}"' + new[written.end(1):]
        if new != text:
            self.edits.append((start, start + len(text), new))


class _AllLinks(_Rebasing):
    """Note every tag whose link addresses change."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._rebase_tag(self._offset(), self.get_starttag_text() or "", attrs)

    handle_startendtag = handle_starttag


class _TableFinder(_Rebasing):
    """Read one table the dose checker placed, from the start of its wrapper: the wrapper whole, then the notes right
    after it; stop at anything else (`done`), so the prose after it is not parsed."""

    def __init__(self, html: str, rebase: Callable[[str], str]) -> None:
        super().__init__(html, rebase)
        self._open: list[tuple[str, bool]] = []  # each open element: its name, and whether it starts a block
        self._in_block = 0  # how many open elements start a block (a table inside a wrapper is still one block)
        self.end = 0  # where the wrapper, or the last note after it, ends
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        start = self._offset()
        classes = _classes(attrs)
        if self._in_block == 0:
            first = start == 0 and tag == "div" and WRAPPER in classes
            note = self.end > 0 and tag == "p" and NOTE in classes and not self.html[self.end:start].strip()
            if not (first or note):
                self.done = True
                return
        self._rebase_tag(start, self.get_starttag_text() or "", attrs)
        if tag not in _VOID:
            starts_block = self._in_block == 0
            self._open.append((tag, starts_block))
            self._in_block += starts_block

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._in_block and not self.done:
            self._rebase_tag(self._offset(), self.get_starttag_text() or "", attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                closed = self._open[depth:]
                del self._open[depth:]
                break
        else:
            self.done = self._in_block == 0  # the end of what holds the table
            return
        ended = sum(starts for _tag, starts in closed)
        self._in_block -= ended
        if ended and self._in_block == 0:
            start = self._offset()
            self.end = self.html.find(">", start) + 1 or len(self.html)

    def handle_data(self, data: str) -> None:
        if self._in_block == 0 and data.strip():
            self.done = True

    def read(self, chunk: int = 4096) -> None:
        """Feed the HTML a piece at a time until the table and its notes are read."""
        for at in range(0, len(self.html), chunk):
            self.feed(self.html[at:at + chunk])
            if self.done:
                return
        self.close()


def table_blocks(html: str, rebase: Callable[[str], str] = lambda href: href) -> list[Markup]:
    """Return each checked table in `html` as written: its wrapper whole and the notes right after it, its links passed
    through `rebase`. Tables a writer typed in Markdown (no wrapper) are prose of the page, not its checked data.

    The HTML is the checked page's own, so every figure in it keeps its reference; nothing is re-rendered. Only the
    tables are parsed: each starts where the dose checker's wrapper tag does (it writes that tag the same way always).
    """
    out: list[Markup] = []
    at = html.find(WRAPPER_TAG)
    while at >= 0:
        finder = _TableFinder(html[at:], rebase)
        finder.read()
        if finder.end == 0:  # not a whole wrapper after all
            at = html.find(WRAPPER_TAG, at + 1)
            continue
        out.append(Markup(_edited(finder.html, 0, finder.end, [e for e in finder.edits if e[0] < finder.end])))
        at = html.find(WRAPPER_TAG, at + finder.end)
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
    finder = _AllLinks(html, rebase)
    finder.feed(html)
    finder.close()
    return Markup(_edited(html, 0, len(html), finder.edits))


def _edited(html: str, start: int, end: int, edits: list[tuple[int, int, str]]) -> str:
    """Return html[start:end] with each edited tag in its new form."""
    pieces, at = [], start
    for tag_start, tag_end, new in edits:
        pieces += [html[at:tag_start], new]
        at = tag_end
    pieces.append(html[at:end])
    return "".join(pieces)
