"""Read a page's outline and length from its HTML."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from markupsafe import Markup

_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_NOT_FIGURE = re.compile(r"<(?!span[ >]|/span>)[^>]+>")  # every tag but the spans that carry checked figures
WORDS_PER_MINUTE = 200  # a common figure for reading on screen; the page says "about"
MIN_SECTIONS = 4  # shorter guides read fine without a table of contents


@dataclass(frozen=True)
class Heading:
    """One section of a page: its anchor, its plain-text title and its title as shown, checked figures kept."""

    anchor: str
    title: str
    html: Markup


def headings(content: str) -> list[Heading]:
    """List the page's second-level headings that carry an id, in order."""
    return [Heading(anchor, html.unescape(_TAG.sub("", title)).strip(), Markup(_NOT_FIGURE.sub("", title).strip()))
            for anchor, title in _H2.findall(content)]


def outline(content: str) -> list[Heading]:
    """Return the table of contents for a long page, or an empty list for a short one."""
    found = headings(content)
    return found if len(found) >= MIN_SECTIONS else []


def word_count(content: str) -> int:
    """Count the words a reader sees in the HTML."""
    return len(_TAG.sub(" ", content).split())


def reading_minutes(content: str) -> int:
    """Estimate the minutes it takes to read the page; at least one."""
    return max(1, math.ceil(word_count(content) / WORDS_PER_MINUTE))
