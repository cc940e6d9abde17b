"""HTML in a page passes an allowlist sanitiser (nh3); whatever it would remove is a finding, never a silent change."""

from __future__ import annotations

import re
from collections import Counter

import nh3

from .html_tokens import TOKEN, attributes

# What Python-Markdown writes for the site's extensions, and the benign HTML writers use (abbr, details, kbd, figure).
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "reversed", "type"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "time": {"datetime"}, "details": {"open"}, "abbr": {"title"},
}
SCHEMES = {"http", "https", "mailto"}  # and addresses without a scheme: relative links and Pelican's {filename}
STYLES = {"text-align"}  # what Markdown's tables write for aligned columns
DANGER = {"script": "runs code", "style": "restyles the page, the notice included", "iframe": "embeds another site",
          "object": "embeds a plug-in", "embed": "embeds a plug-in", "form": "sends what a reader types elsewhere",
          "input": "asks a reader to type", "meta": "can send the reader to another site", "base": "redirects every link",
          "link": "loads a file from elsewhere"}

def clean(html: str) -> str:
    """Return the HTML as the allowlist keeps it."""
    return nh3.clean(html, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()}, url_schemes=SCHEMES,
                     strip_comments=False, link_rel=None, generic_attribute_prefixes={"data-"}, filter_style_properties=STYLES)


def _parts(html: str) -> Counter[tuple[str, ...]]:
    """Count the elements and attributes (with their values) in HTML; text and comments do not count."""
    parts: Counter[tuple[str, ...]] = Counter()
    for tag in TOKEN.finditer(html):
        if tag[2] is None or tag[1]:
            continue
        name = tag[2].lower()
        parts[(name,)] += 1
        for attr, raw in attributes(tag[3]).items():
            value = " ".join(raw.split())
            if attr == "style":
                value = value.replace(" ", "").rstrip(";")  # the sanitiser rewrites `text-align: left;` as `text-align:left`
            parts[(name, attr, value)] += 1
    return parts


def removed(html: str) -> list[str]:
    """Describe, in the order they appear, each element or attribute the sanitiser would remove."""
    lost = _parts(html) - _parts(clean(html))
    out = []
    for part in lost:
        if len(part) == 1:
            out.append(f"{_a(part[0])} <{part[0]}> element, which {DANGER.get(part[0], 'is not on the list of elements a page may hold')}")
        elif part[0] in TAGS:  # the attributes of an element removed whole are not listed again
            name, attr, value = part
            if attr.startswith("on"):
                out.append(f"an {attr} attribute on <{name}>, which runs code")
            elif attr in ("href", "src", "action", "formaction", "cite") and ":" in value.split("/")[0]:
                out.append(f"a {value.split(':')[0].lower()}: address in <{name} {attr}>, which is not a web or mail address")
            elif attr == "style":
                out.append(f"a style attribute on <{name}> ({value!r}), which may only align table cells")
            else:
                out.append(f"a {attr} attribute on <{name}>, which is not on the list of attributes a page may hold")
    return out


def _a(word: str) -> str:
    """Return the article for a word: an iframe, a script."""
    return "an" if word[:1] in "aeiou" else "a"


def needle(description: str) -> str:
    """Return the text to look for in the source to find the line of a removal."""
    quoted = re.search(r"an? (on\w+|[\w-]+) attribute on <(\w+)>", description)
    if quoted:
        return quoted[1]
    scheme = re.search(r"a ([\w+.-]+): address", description)
    if scheme:
        return f"{scheme[1]}:"
    element = re.search(r"an? <([\w:-]+)> element", description)
    return f"<{element[1]}" if element else description
