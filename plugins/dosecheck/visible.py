"""Check everything a reader sees: figures must pass, and no amount may appear outside a figure or a checked table."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .document import Document
from .figures import FIGURE
from .findings import FieldPath, Finding, field_name
from .markup import Converter, Figures, strip_nonce
from .prose import Hit, locate, text_hits, visible_hits
from .quantities import AmountError, parse_amount
from .raw_html import needle, removed

# The front-matter fields a reader sees as prose, by their path without list indexes; the rest are data the rules check.
# A source's title and publisher are left out: they are the citation as published, not the guide's own claims.
PROSE: frozenset[tuple[str, ...]] = frozenset({
    ("title",), ("summary",), ("key_points",), ("category",), ("tags",), ("author",), ("authors",), ("reviewed_by", "name"),
    ("reviewed_by", "credentials"), ("sources", "note"), ("foods", "note"), ("forms", "note"), ("doses", "caption"),
    ("doses", "note"), ("doses", "rows", "note"), ("faqs", "q"),
})
MOVE = ("move dose, intake and food amounts into the front matter (doses, foods) and place the checked table"
        " with [[doses]] or [[foods]]")
RAW_HTML = ("remove it: a page may hold text, links to web and mail addresses, images and the HTML Markdown writes,"
            " with abbr, details, kbd and figure (docs/writing-guides.md, Raw HTML)")
WHERE_FIGURES_WORK = ("a checked figure is shown only in Markdown text and front-matter prose, not in raw HTML, code,"
                      " link titles or alt text: write it in the sentence")


def advice(amount: str) -> str:
    """Say how to write an unchecked amount as a checked figure."""
    try:
        example = parse_amount(amount.replace(" a day", "/day").replace(" per day", "/day")).text
    except AmountError:
        example = "350 mg/day"
    return ("write it as a checked figure, such as {{dose: " + example + "}} for a supplement amount, or {{limit}},"
            " {{intake: ...}} or {{food: ...}} (docs/writing-guides.md, Checked figures), or put it in a doses or foods table")


def hit_finding(path: str, line: int | None, field: str, hit: Hit) -> Finding:
    """Turn one thing a reader would see unchecked into a finding."""
    if hit.figure:
        return Finding(path, line, field, f"{hit.text} in {_where(hit)}", WHERE_FIGURES_WORK)
    if hit.where == "cell":
        return Finding(path, line, field, f"a table cell with the amount {hit.text!r}", MOVE)
    return Finding(path, line, field, f"the amount {hit.text!r} in {_where(hit)}: \"{hit.context}\"", advice(hit.text))


def _where(hit: Hit) -> str:
    """Name where a hit sits, for a message."""
    return {"text": "the text", "code": "code", "cell": "a table cell"}.get(hit.where, hit.where)


def check_body(doc: Document, converter: Converter, figures: Figures) -> tuple[str, list[Finding]]:
    """Render the body and check what a reader sees in it; return the HTML (tables not yet placed) and the findings."""
    html = converter.convert(doc.body, figures)
    findings: list[Finding] = []
    cursor = 0
    for hit in visible_hits(html, figures.nonce):
        offset = locate(doc.body, hit, cursor)
        line = None if offset is None else doc.body_line + doc.body.count("\n", 0, offset)
        cursor = offset if offset is not None else cursor
        findings.append(hit_finding(doc.path, line or doc.body_line, "body", hit))
    findings += [Finding(doc.path, _source_line(doc, what), "body", what, RAW_HTML) for what in removed(html)]
    findings += _figure_problems(doc.path, "body", doc.body, figures, doc.body_line, by_line=True)
    return strip_nonce(html, figures), findings


def check_answers(doc: Document, answers: list[tuple[int, str]], converter: Converter, figures: Figures) -> tuple[list[str], list[Finding]]:
    """Render each FAQ answer (Markdown, raw HTML shown as text) and check what a reader sees in it."""
    rendered, findings = [], []
    for index, answer in answers:
        html = converter.convert(answer, figures, answer=True)
        loc: FieldPath = ("faqs", index, "a")
        line = doc.front.line_of(loc)
        findings += [hit_finding(doc.path, line, field_name(loc), hit) for hit in visible_hits(html, figures.nonce)]
        findings += [Finding(doc.path, line, field_name(loc), what, RAW_HTML) for what in removed(html)]
        findings += _figure_problems(doc.path, field_name(loc), answer, figures, line)
        rendered.append(strip_nonce(html, figures))
    return rendered, findings


def check_front_text(doc: Document, figures: Figures) -> list[Finding]:
    """Check every prose string in the front matter: its figures pass and it holds no other amount."""
    findings: list[Finding] = []
    for loc, text in _prose(doc.data, ()):
        line = doc.front.line_of(loc)
        findings += [hit_finding(doc.path, line, field_name(loc), hit) for hit in text_hits(text)]
        findings += _figure_problems(doc.path, field_name(loc), text, figures, line)
    return findings


def _source_line(doc: Document, what: str) -> int:
    """Return the body line where a removed element or attribute was written (the body's first line if not found)."""
    at = doc.body.lower().find(needle(what).lower())
    return doc.body_line + (doc.body.count("\n", 0, at) if at >= 0 else 0)


def _figure_problems(path: str, field: str, text: str, figures: Figures, line: int | None, by_line: bool = False) -> Iterator[Finding]:
    """Check every figure written in a text, rendered or not (in code too, so check and build agree), and report each that
    fails: at `line`, or, `by_line`, at the line of the text it stands on counting from `line`."""
    for match in FIGURE.finditer(text):
        figures.check(match[1])
        problem = figures.problems.get(" ".join(match[1].split()))
        if problem is not None:
            at = line + text.count("\n", 0, match.start()) if by_line and line is not None else line
            yield Finding(path, at, field, match[0], problem.expected, problem.source)


def _prose(value: Any, loc: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Yield every prose string in the front matter with its field path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _prose(item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _prose(item, (*loc, index))
    elif isinstance(value, str) and tuple(p for p in loc if isinstance(p, str)) in PROSE:
        yield loc, value
