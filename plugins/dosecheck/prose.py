"""Find amounts a reader would see outside checked figures and tables, in plain text and in rendered HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .figures import FIGURE

# A number as writers type it: 600, 1,000, 0.6, .5
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
         r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half"
         r"|quarter|a|an)")
# Mass and molar units in every spelling seen in the wild; longest first so `milligrams` is not read as `m`.
_UNIT = (r"(?:milli|micro)?gram(?:me)?s?|millimol(?:e)?s?|milliequivalents?|mmol|meq|mcgs?|mgs?|µg|μg|ug|gms?|g"
         r"|\u338e|\u338d")
_SPACE = r"[\s\u00a0\u2007\u2009\u200a\u202f]*"
_RANGE = rf"(?:(?:{_NUM}){_SPACE}(?:-|–|—|to|or|and){_SPACE})?"
_PER = rf"(?:{_SPACE}(?:/|per|a|each){_SPACE}(?:day|d|kg|kilogram|dose|serving)\b)?"
AMOUNT = re.compile(
    rf"(?<![\w.,/])(?:{_RANGE}(?:{_NUM}){_SPACE}-?{_SPACE}(?:{_UNIT})(?![A-Za-z])"
    rf"|\b{_WORD}(?:[\s-]+(?:and[\s-]+)?{_WORD})*[\s-]+(?:(?:milli|micro)?gram(?:me)?s?|mg|mcg|millimol(?:e)?s?)\b(?!-)){_PER}",
    re.IGNORECASE,
)
# Blocks that end a run of text: `<strong>600</strong> mg` is one amount, `600</p><p>mg` is not.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main", "nav", "ol",
    "option", "p", "pre", "section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead",
    "tr", "ul",
})
_ATTRIBUTES = {"alt": "an image's alt text", "title": "a title attribute", "aria-label": "an aria-label",
               "placeholder": "a placeholder", "value": "a value attribute", "label": "a label attribute",
               "content": "a content attribute"}
FIGURE_MARK = "\u2588"  # stands in for a checked figure's text, so nothing next to it is read as part of an amount


def amounts(text: str) -> list[str]:
    """Return every mass or molar amount in a text, as written."""
    return [" ".join(m[0].split()) for m in AMOUNT.finditer(text)]


@dataclass(frozen=True)
class Hit:
    """Something a reader would see that the checks refuse: an amount, or figure syntax left unrendered."""

    text: str
    where: str  # "text", "cell", "code", or an attribute description
    context: str
    figure: bool = False


class _Visible(HTMLParser):
    """Collect runs of visible text and attribute values, leaving out the checked figures this run rendered."""

    def __init__(self, nonce: str) -> None:
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.runs: list[tuple[str, str]] = []
        self._buffer: list[str] = []
        self._cells = 0
        self._code = 0
        self._in_figure = False

    def _flush(self) -> None:
        text = "".join(self._buffer)
        if text.strip():
            self.runs.append((text, "cell" if self._cells else "code" if self._code else "text"))
        self._buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
        if ("data-fig", self.nonce) in attrs:
            # A figure this run rendered: its text and its title are the checked value and its source.
            self._in_figure = True
            self._buffer.append(FIGURE_MARK)
            return
        self.runs += [(value, _ATTRIBUTES[name]) for name, value in attrs if name in _ATTRIBUTES and value]
        if tag in ("td", "th"):
            self._cells += 1
        elif tag in ("code", "pre"):
            self._flush()  # code is its own run, so a finding can say the amount is in code
            self._code += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._in_figure:
            self._in_figure = False  # a figure holds only text, so the next end tag closes it
            return
        if tag in ("td", "th"):
            self._flush()
            self._cells = max(0, self._cells - 1)
        elif tag in ("code", "pre"):
            self._flush()
            self._code = max(0, self._code - 1)
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._in_figure:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def visible_hits(html: str, nonce: str = "") -> list[Hit]:
    """Return every amount, and every figure left unrendered, in the text and attributes of a page's HTML."""
    parser = _Visible(nonce)
    parser.feed(html)
    parser.close()
    hits: list[Hit] = []
    for text, where in parser.runs:
        if where != "code":
            hits += [Hit(m[0], where, _context(text, m.start(), m.end()), True) for m in FIGURE.finditer(text)]
        hits += [Hit(" ".join(m[0].split()), where, _context(text, m.start(), m.end())) for m in AMOUNT.finditer(text)]
    return hits


def _context(text: str, start: int, end: int, around: int = 30) -> str:
    """Quote a few words either side of a match, on one line."""
    before, after = text[max(0, start - around):start], text[end:end + around]
    snippet = " ".join(f"{'…' if start > around else ''}{before}{text[start:end]}{after}{'…' if end + around < len(text) else ''}".split())
    return snippet


def text_hits(text: str) -> list[Hit]:
    """Return every amount in a plain front-matter string outside its checked figures."""
    plain = FIGURE.sub(FIGURE_MARK, text)
    return [Hit(" ".join(m[0].split()), "text", _context(plain, m.start(), m.end())) for m in AMOUNT.finditer(plain)]


_LEADING = re.compile(rf"{_NUM}|{_WORD}", re.IGNORECASE)
_MARKUP = r"(?:[\s*_`\u00a0\u2009\u202f-]|&nbsp;|&#160;|<[^>]*>)"
_BETWEEN = rf"{_MARKUP}*(?:(?:–|—|to|or|and|[\d.,\s-])*?{_MARKUP}*)?"  # a range's second number may come first


def locate(source: str, hit: Hit, start: int = 0) -> int | None:
    """Return the offset in the Markdown source where a hit was most likely written, searching from `start`."""
    if hit.figure:
        found = source.find(hit.text, start)
        found = found if found >= 0 else source.find(hit.text)
        return found if found >= 0 else None
    lead = _LEADING.match(hit.text)
    if lead is None:
        return None
    if not lead[0][:1].isdigit() and lead[0][:1] != ".":
        # A number in words: the words themselves, however the lines wrap.
        pattern = re.compile(r"\b" + r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", hit.text)), re.IGNORECASE)
    else:
        unit = re.search(_UNIT, hit.text[lead.end():], re.IGNORECASE)
        tail = re.escape(unit[0][:1]) if unit else ""
        # The number as written, then its unit's first letter, with only a range, spaces or markup between them.
        pattern = re.compile(rf"(?<![\w.,]){re.escape(lead[0])}(?![\d]){_BETWEEN}{tail}", re.IGNORECASE)
    match = pattern.search(source, start) or pattern.search(source)
    return match.start() if match else None
