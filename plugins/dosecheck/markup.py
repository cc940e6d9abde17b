"""Python-Markdown as the site configures it, rendering checked figures; shared by builds and `invoke check`."""

from __future__ import annotations

import json
import re
import secrets
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup, escape

from .figures import FIGURE, Checked, FigureProblem, check_figure
from .reference import Reference

# The site's Markdown settings (pelicanconf.MARKDOWN); used when a caller has no settings, as tests do.
DEFAULT_MARKDOWN: dict[str, Any] = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
_META = "markdown.extensions.meta"  # it would eat a body that starts with `Word: text` lines


@dataclass
class Figures:
    """The figures met in one conversion: each checked once by its text, with the problems of those that failed."""

    ref: Reference
    nonce: str
    checked: dict[str, Checked] = field(default_factory=dict)
    problems: dict[str, FigureProblem] = field(default_factory=dict)

    def check(self, spec: str) -> Checked | None:
        """Check a figure's text, remembering the outcome; None when it failed."""
        key = " ".join(spec.split())
        if key not in self.checked and key not in self.problems:
            try:
                self.checked[key] = check_figure(key, self.ref)
            except FigureProblem as problem:
                self.problems[key] = problem
        return self.checked.get(key)

    def element(self, spec: str) -> tuple[str, dict[str, str], str]:
        """Return the tag, attributes and text that show a figure; a failed one shows as written."""
        checked = self.check(spec)
        if checked is None:
            return "span", {"class": "figure-error", "data-fig": self.nonce}, "{{" + spec + "}}"
        attrs = {"class": "figure", "data-ref": " ".join(checked.refs), "title": checked.title(self.ref), "data-fig": self.nonce}
        return "span", attrs, checked.text

    def text(self, text: str) -> Markup:
        """Render a plain front-matter string with its figures, everything else escaped."""
        out, last = [], 0
        for match in FIGURE.finditer(text):
            tag, attrs, shown = self.element(match[1])
            attributes = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items() if k != "data-fig")
            out += [str(escape(text[last:match.start()])), f"<{tag}{attributes}>{escape(shown)}</{tag}>"]
            last = match.end()
        out.append(str(escape(text[last:])))
        return Markup("".join(out))

    def plain(self, text: str) -> str:
        """Render a front-matter string as plain text, for titles, meta descriptions and structured data."""
        def shown(match: re.Match[str]) -> str:
            checked = self.check(match[1])
            return checked.text if checked else match[0]
        return FIGURE.sub(shown, text)


class _FigurePattern(InlineProcessor):  # type: ignore[misc]  # Python-Markdown is untyped (no stubs), so its InlineProcessor is Any
    """Turn `{{...}}` in Markdown text into the checked figure's element."""

    def __init__(self, converter: Converter) -> None:
        super().__init__(FIGURE.pattern)
        self.converter = converter

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802 - Markdown's name
        figures = self.converter.figures
        assert figures is not None  # set for the length of each conversion
        tag, attrs, text = figures.element(m[1])
        element = etree.Element(tag, attrs)
        element.text = AtomicString(text)  # nothing inside a figure is Markdown
        return element, m.start(0), m.end(0)


class _FigureExtension(Extension):  # type: ignore[misc]  # Python-Markdown is untyped (no stubs), so its Extension is Any
    """Register the figure pattern after code spans, escapes, links and images, so `{{` in code stays as written."""

    def __init__(self, converter: Converter) -> None:
        super().__init__()
        self.converter = converter

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's name
        md.inlinePatterns.register(_FigurePattern(self.converter), "checked_figure", 145)
        md.treeprocessors.register(_TableCards(md), "table_cards", 5)  # after inline parsing (20): labels are final text


class _TableCards(Treeprocessor):  # type: ignore[misc]  # Python-Markdown is untyped (no stubs), so its Treeprocessor is Any
    """Label each cell of a table written in Markdown with its column's heading, so on a phone each row reads as a card."""

    def run(self, root: etree.Element) -> None:
        """Mark each body table and give its cells `data-label`."""
        for table in root.iter("table"):
            table.set("class", "body-table")
            head = table.find("thead")
            labels = ["".join(th.itertext()).strip() for th in head.iter("th")] if head is not None else []
            body = table.find("tbody")
            for row in body.iter("tr") if body is not None else []:
                for label, cell in zip(labels, row.findall("td"), strict=False):
                    if label:
                        cell.set("data-label", label)


def normalise(config: dict[str, Any] | None) -> dict[str, Any]:
    """Reduce a MARKDOWN setting to what changes the HTML, the same before and after Pelican adds to it."""
    settings = config if config is not None else DEFAULT_MARKDOWN
    extensions = [e for e in [*settings.get("extensions", []), *settings.get("extension_configs", {})] if e != _META]
    return {
        "extensions": list(dict.fromkeys(extensions)),
        "extension_configs": {k: v for k, v in settings.get("extension_configs", {}).items() if k != _META},
        "output_format": settings.get("output_format", "html5"),
    }


def config_key(config: dict[str, Any] | None) -> str:
    """Return a stable text for a MARKDOWN setting, to key converters and caches by."""
    return json.dumps(normalise(config), sort_keys=True, default=str)


class Converter:
    """The body and FAQ-answer converters for one Markdown configuration."""

    def __init__(self, config: dict[str, Any] | None) -> None:
        options = normalise(config)
        options["extensions"] = [*options["extensions"], _FigureExtension(self)]
        self.body = Markdown(**options)
        # FAQ answers are front-matter strings: their raw HTML is shown as text, never run.
        self.answer = Markdown(**options)
        self.answer.preprocessors.deregister("html_block")
        self.answer.inlinePatterns.deregister("html")
        self.figures: Figures | None = None

    def convert(self, text: str, figures: Figures, answer: bool = False) -> str:
        """Convert Markdown to HTML; figures render as elements marked with the run's nonce."""
        md = self.answer if answer else self.body
        md.reset()
        self.figures = figures
        try:
            html: str = md.convert(text)
            return html
        finally:
            self.figures = None


_CONVERTERS: dict[str, Converter] = {}


def converter(config: dict[str, Any] | None) -> Converter:
    """Return the converter for a Markdown configuration, built once per configuration."""
    key = config_key(config)
    if key not in _CONVERTERS:
        _CONVERTERS[key] = Converter(config)
    return _CONVERTERS[key]


def new_figures(ref: Reference) -> Figures:
    """Start a document's figures with a fresh nonce, so raw HTML in a guide cannot pass for a checked figure."""
    return Figures(ref, secrets.token_hex(8))


def strip_nonce(html: str, figures: Figures) -> str:
    """Remove the run's marker once the HTML has been scanned: readers never see it."""
    return html.replace(f' data-fig="{figures.nonce}"', "")
