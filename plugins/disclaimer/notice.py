"""The medical disclaimer: its HTML, its place in a feed entry, and the check of the written pages."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from markupsafe import Markup

from dosecheck.findings import WriterFacingError
from dosecheck.html_tokens import TOKEN


class DisclaimerError(WriterFacingError):
    """The disclaimer setting is missing, or a written page lacks the disclaimer."""


def notice_html(text: str, url: str | None = None, setting: str = "MEDICAL_DISCLAIMER") -> str:
    """Render the disclaimer (or its one-line form, named by `setting`) as a labelled note, left out of the search index."""
    if not isinstance(text, str) or not text.strip():
        raise DisclaimerError(
            f"pelicanconf.py: {setting}: found nothing; set it to the disclaimer text every page must carry"
        )
    link = Markup(' <a href="{}">Read the full disclaimer</a>.').format(url) if url else Markup("")
    return str(
        Markup(
            '<aside class="medical-disclaimer" role="note" aria-label="Medical disclaimer" data-pagefind-ignore>'
            "<p><strong>Medical disclaimer:</strong> {}{}</p></aside>"
        ).format(text.strip(), link)
    )


def signature(notice: str) -> str:
    """Return the part of a notice that every page carries whatever its relative link."""
    # With RELATIVE_URLS each page links the full disclaimer by its own path, so the
    # link is left out when looking for the notice.
    return notice.split(' <a href="', 1)[0]


_UNSEEN = frozenset({"script", "template", "noscript", "style", "iframe", "textarea", "title"})  # their text is not shown as text
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_HIDES = re.compile(r"""(?:^|\s)(?:hidden|aria-hidden\s*=\s*["']?true|inert)\b""", re.IGNORECASE)


def problem(html: str, notice: str, short: str | None = None) -> str | None:
    """Say why a page does not show the notice, or return None when it does.

    The notice counts only as an element a reader sees: an `aside.medical-disclaimer` with the disclaimer's text
    (or, where `short` is given, the one-line notice's), not in a comment, a script or a template, not hidden (by
    `hidden`, `aria-hidden`, `inert` or a closed `<details>`), inside `<main>` when the page has one, and before the
    main content (its first `<h2>`).
    """
    texts = [_text_of(signature(n)) for n in (notice, short) if n]
    stack: list[tuple[str, bool]] = []  # open elements, and whether each hides what it holds
    in_main = False
    seen_main = "<main" in html.lower()
    for token in TOKEN.finditer(html):
        name = token[2]
        if name is None:
            continue  # text, comments and stray '<' hold no element
        tag = name.lower()
        if token[1]:  # a closing tag: pop to the matching element
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == tag:
                    del stack[depth:]
                    break
            in_main = in_main and tag != "main"
            continue
        attrs = token[3]
        if tag == "main":
            in_main = True
        if tag == "h2" and in_main:
            # A theme that leaves the notice out is told so, not that a notice it never wrote is misplaced.
            return "the notice comes after the page's main content" if "medical-disclaimer" in html[token.end():] else "no notice"
        hides = bool(_HIDES.search(attrs)) or tag in _UNSEEN or (tag == "details" and not re.search(r"\bopen\b", attrs))
        if tag == "aside" and re.search(r"""class\s*=\s*["'][^"']*\bmedical-disclaimer\b""", attrs):
            end = html.find("</aside>", token.end())
            shown = _text_of(html[token.end(): end if end >= 0 else len(html)])
            if not any(text in shown for text in texts):
                return "the notice's text differs from MEDICAL_DISCLAIMER"
            if hides or any(hidden for _tag, hidden in stack):
                return "the notice is hidden from readers"
            if seen_main and not in_main:
                return "the notice is outside <main>"
            return None
        if tag not in _VOID:
            stack.append((tag, hides))
    return "no notice"


def _text_of(html: str) -> str:
    """Return the text of an HTML fragment, tags removed, entities decoded, white space folded."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())


def carries(html: str, notice: str, short: str | None = None) -> bool:
    """Tell whether a page or a page's content shows the notice (a copy in a comment does not count)."""
    return problem(html, notice, short) is None


def prepend(content_html: str, notice: str) -> str:
    """Put the notice before a feed entry's content, once."""
    return content_html if carries(content_html, notice) else notice + content_html


def pages_without(output: Path, notice: str, short: str | None = None, full_only: frozenset[Path] = frozenset()) -> list[tuple[Path, str]]:
    """List the HTML files under `output` that do not show the notice, each with the reason.

    Pages in `full_only` (guides and pages) must show the full notice; the rest (listings, search, 404) may show
    the one-line `short` notice instead.
    """
    missing = []
    for page in sorted(output.rglob("*.htm*")):
        if page.suffix in (".html", ".htm"):
            allowed = None if page.resolve() in full_only else short
            why = problem(page.read_text(encoding="utf-8", errors="replace"), notice, allowed)
            if why is not None:
                missing.append((page, why))
    return missing
