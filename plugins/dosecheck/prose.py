"""Find amounts a reader would see outside checked figures and tables, in plain text and in rendered HTML."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from html import unescape

from .figures import FIGURE
from .html_tokens import TOKEN, attributes

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
_UNIT_WORD = r"(?:milli|micro)?gram(?:me)?s?|mg|mcg|millimol(?:e)?s?"
# In figures (600 mg, 0.6 g, 300 to 600 mg) and in words (six hundred milligrams, half a gram). The figure form starts
# at a digit or a point, so the engine skips every other position at once.
_IN_FIGURES = rf"(?=[\d.])(?<![\w.,/]){_RANGE}(?:{_NUM}){_SPACE}-?{_SPACE}(?:{_UNIT})(?![A-Za-z]){_PER}"
_IN_WORDS = rf"\b{_WORD}(?:[\s-]+(?:and[\s-]+)?{_WORD})*[\s-]+(?:{_UNIT_WORD})\b(?!-){_PER}"
AMOUNT = re.compile(rf"{_IN_FIGURES}|{_IN_WORDS}", re.IGNORECASE)
_FIGURES_ONLY = re.compile(_IN_FIGURES, re.IGNORECASE)
_HAS_UNIT_WORD = re.compile(_UNIT_WORD, re.IGNORECASE)  # most text has none: then numbers in words need no search
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
_CELLS = frozenset({"td", "th"})
_CODE = frozenset({"code", "pre"})
FIGURE_MARK = "\u2588"  # stands in for a checked figure's text, so nothing next to it is read as part of an amount


def _matches(text: str) -> list[re.Match[str]]:
    """Return the amounts in a text as matches."""
    return list((AMOUNT if _HAS_UNIT_WORD.search(text) else _FIGURES_ONLY).finditer(text))


def amounts(text: str) -> list[str]:
    """Return every mass or molar amount in a text, as written."""
    return [" ".join(m[0].split()) for m in _matches(text)]


@dataclass(frozen=True)
class Hit:
    """Something a reader would see that the checks refuse: an amount, or figure syntax left unrendered."""

    text: str
    where: str  # "text", "cell", "code", or an attribute description
    context: str
    figure: bool = False


def _runs(html: str, nonce: str) -> list[tuple[str, str]]:
    """Split HTML into runs of visible text and attribute values, leaving out the checked figures this run rendered."""
    runs: list[tuple[str, str]] = []
    buffer: list[str] = []
    cells = code = 0
    in_figure = False

    def flush() -> None:
        text = "".join(buffer)
        if text.strip():
            runs.append((text, "cell" if cells else "code" if code else "text"))
        buffer.clear()

    for token in TOKEN.finditer(html):
        name = token[2]
        if name is None:
            if not token[0].startswith("<!--") and not in_figure:
                buffer.append(unescape(token[0]))
            continue
        tag = name.lower()
        if token[1]:  # a closing tag
            if in_figure:
                in_figure = False  # a figure holds only text, so the next end tag closes it
                continue
            if tag in _BLOCKS or tag in _CELLS or tag in _CODE:
                flush()
            cells -= tag in _CELLS and cells > 0
            code -= tag in _CODE and code > 0
            continue
        if tag in _BLOCKS or tag in _CODE:
            flush()  # code is its own run, so a finding can say the amount is in code
        attrs = attributes(token[3]) if "=" in token[3] else {}
        if nonce and attrs.get("data-fig") == nonce:
            # A figure this run rendered: its text and its title are the checked value and its source.
            in_figure = True
            buffer.append(FIGURE_MARK)
            continue
        runs += [(value, _ATTRIBUTES[key]) for key, value in attrs.items() if key in _ATTRIBUTES and value]
        cells += tag in _CELLS
        code += tag in _CODE
    flush()
    return runs


def visible_hits(html: str, nonce: str = "") -> list[Hit]:
    """Return every amount, and every figure left unrendered, in the text and attributes of a page's HTML."""
    runs = _runs(html, nonce)
    # One pass over all runs joined by a character no amount or figure can span, rather than one pass per run.
    joined = "\x00".join(text for text, _where in runs)
    starts = list(itertools.accumulate((len(text) + 1 for text, _where in runs), initial=0))
    hits: list[tuple[int, Hit]] = []
    for figure in (True, False):
        if figure and "{{" not in joined:
            continue
        for m in (FIGURE.finditer(joined) if figure else _matches(joined)):
            index = bisect.bisect_right(starts, m.start()) - 1
            text, where = runs[index]
            if figure and where == "code":
                continue  # figure syntax in code is shown as written
            start, end = m.start() - starts[index], m.end() - starts[index]
            found = m[0] if figure else " ".join(m[0].split())
            hits.append((m.start(), Hit(found, where, _context(text, start, end), figure)))
    return [hit for _at, hit in sorted(hits, key=lambda pair: (pair[0], not pair[1].figure))]


def _context(text: str, start: int, end: int, around: int = 30) -> str:
    """Quote a few words either side of a match, on one line."""
    before, after = text[max(0, start - around):start], text[end:end + around]
    snippet = " ".join(f"{'…' if start > around else ''}{before}{text[start:end]}{after}{'…' if end + around < len(text) else ''}".split())
    return snippet


def text_hits(text: str) -> list[Hit]:
    """Return every amount in a plain front-matter string outside its checked figures."""
    plain = FIGURE.sub(FIGURE_MARK, text)
    return [Hit(" ".join(m[0].split()), "text", _context(plain, m.start(), m.end())) for m in _matches(plain)]


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
