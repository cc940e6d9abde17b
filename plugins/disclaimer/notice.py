"""The medical disclaimer: its HTML, where it goes in a page, and the output check."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

_OPENING = re.compile(r"<main\b[^>]*>|<body\b[^>]*>", re.IGNORECASE)


class DisclaimerError(Exception):
    """The disclaimer setting is missing, or a written page lacks the disclaimer."""

    exitcode = 1
    writer_facing = True  # printed without a traceback


def notice_html(text: str, url: str | None = None) -> str:
    """Render the disclaimer as a labelled note, left out of the search index."""
    if not isinstance(text, str) or not text.strip():
        raise DisclaimerError(
            "pelicanconf.py: MEDICAL_DISCLAIMER: found nothing; set it to the disclaimer text every page must carry"
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


def carries(html: str, notice: str) -> bool:
    """Tell whether `html` already carries the notice."""
    return signature(notice) in html


def prepend(content_html: str, notice: str) -> str:
    """Put the notice before a page's content, once."""
    return content_html if carries(content_html, notice) else notice + content_html


def inject(page_html: str, notice: str) -> str:
    """Put the notice at the start of <main>, else of <body>, unless the page has it."""
    if carries(page_html, notice):
        return page_html
    match = _OPENING.search(page_html)
    if match is None:
        return notice + page_html
    main = re.search(r"<main\b[^>]*>", page_html, re.IGNORECASE)
    at = (main or match).end()
    return page_html[:at] + notice + page_html[at:]


def pages_without(output: Path, notice: str) -> list[Path]:
    """List the HTML files under `output` that do not carry the notice."""
    missing = []
    for page in sorted(output.rglob("*.htm*")):
        if page.suffix in (".html", ".htm") and not carries(page.read_text(encoding="utf-8", errors="replace"), notice):
            missing.append(page)
    return missing
