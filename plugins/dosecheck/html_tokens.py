"""One reading of HTML as a stream of tokens, for the checks that look at written pages without a full parser."""

from __future__ import annotations

import re
from html import unescape

# A comment, a tag (group 1: "/" when closing, 2: its name, 3: its attributes), a run of text, or a stray "<".
# Python-Markdown and the theme write well-formed HTML, and html.parser's per-event calls cost several times more.
TOKEN = re.compile(r"<!--.*?(?:-->|$)|<(/?)([A-Za-z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|[^<]+|<", re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def attributes(text: str) -> dict[str, str]:
    """Read a tag's attributes: names lower-cased, values unescaped, a name without a value as ""."""
    return {m[1].lower(): unescape(next((v for v in m.groups()[1:] if v is not None), "")) for m in _ATTRIBUTE.finditer(text)}
