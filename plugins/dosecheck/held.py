"""Page HTML held compressed from reading until its page is written, so a big site's pages are not all in memory at once.

Pelican keeps every file's HTML from reading to the end of the build (in the content object, in the readers' cache, and
memoised once rendered): about 32 KB a guide per copy, most of a big site's memory. The reader returns its HTML
compressed in the metadata, where Pelican caches it as it is; each content object gets it back through Pelican's
`_get_content` hook whenever a page, feed or doctor page asks for its content.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

HELD = "held_html"  # the metadata key the reader returns a page's HTML under


@dataclass(frozen=True)
class Compressed:
    """A page's HTML kept as zlib bytes; calling it gives the text back (the form of Pelican's `_get_content` hook)."""

    data: bytes

    @classmethod
    def of(cls, html: str) -> Compressed:
        """Compress HTML at zlib's fastest level: a guide's HTML shrinks about six times in a fraction of a millisecond."""
        return cls(zlib.compress(html.encode("utf-8"), 1))

    def __call__(self) -> str:
        """Return the HTML."""
        return zlib.decompress(self.data).decode("utf-8")


def take_held_html(content: Any) -> None:
    """Move the HTML the reader held in a content object's metadata to the hook Pelican reads content through."""
    held = content.metadata.pop(HELD, None)
    if isinstance(held, Compressed):
        content._get_content = held
        content.__dict__.pop(HELD, None)  # Pelican made every metadata key an attribute too


def html_of(content: Any) -> str:
    """Return a content object's HTML as read (before Pelican resolves its links), held or not."""
    held = getattr(content, "_get_content", None)
    return held() if held is not None else content._content or ""
