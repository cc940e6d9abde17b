"""Site-wide checks no single file can make: two pages at one address, two guides with one title, unknown templates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .findings import Finding, did_you_mean, one_of


@dataclass(frozen=True)
class Address:
    """Where a guide or page is written, what it is called, and the lines of the fields that decide it."""

    path: str
    kind: str  # "guide" or "page"
    title: str
    slug: str
    save_as: str
    template: str
    template_given: bool
    slug_given: bool
    lines: Mapping[str, int | None]
    category: str | None = None  # the topic's slug
    tags: tuple[str, ...] = ()  # the tags' slugs

    def line(self, field: str) -> int | None:
        """Return the line of a front-matter field, if it was given."""
        return self.lines.get(field)


def generated(settings: Mapping[str, Any], categories: Iterable[str], tags: Iterable[str]) -> dict[str, str]:
    """Map every file the site writes besides guides and pages to what it is, as Pelican names them."""
    out: dict[str, str] = {}
    for name in settings.get("DIRECT_TEMPLATES") or []:
        save_as = settings.get(f"{str(name).upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            out[str(save_as)] = f"the {name} page"
    for setting, what in (("REFPAGE_SAVE_AS", "the dose reference page"), ("JOURNAL_SAVE_AS", "the journal page")):
        if settings.get(setting):
            out[str(settings[setting])] = what
    for pattern, names, what in (("CATEGORY_SAVE_AS", categories, "topic"), ("TAG_SAVE_AS", tags, "tag")):
        template = settings.get(pattern)
        for slug in names if template else []:
            out[str(template).format(slug=slug)] = f"the {what} page {slug!r}"
    return out


def check_addresses(addresses: list[Address], written: Mapping[str, str], templates: set[str]) -> list[Finding]:
    """Refuse a guide or page whose address another file or generated page already has, a repeated guide title,
    and a template the theme does not have."""
    findings: list[Finding] = []
    first_at: dict[str, Address] = {}
    titled: dict[str, Address] = {}
    for address in sorted(addresses, key=lambda a: a.path):
        field = "slug" if address.slug_given else "title"
        if address.save_as in written:
            findings.append(Finding(address.path, address.line(field), field, f"{address.slug!r}, which is the address of"
                                    f" {written[address.save_as]} ({address.save_as})", "give this one another slug: or title:"))
        elif address.save_as in first_at:
            other = first_at[address.save_as]
            findings.append(Finding(address.path, address.line(field), field, f"{address.slug!r}, the address {other.path}"
                                    f" already has ({address.save_as})", "give each guide and page its own slug: or title:"))
        first_at.setdefault(address.save_as, address)
        key = " ".join(address.title.lower().split())
        if address.kind == "guide" and key in titled:
            findings.append(Finding(address.path, address.line("title"), "title", f"{address.title!r} again ({titled[key].path}"
                                    " has it)", "give each guide its own title, so readers can tell them apart in lists"))
        if address.kind == "guide":
            titled.setdefault(key, address)
        if address.template_given and address.template not in templates:
            findings.append(Finding(address.path, address.line("template"), "template", repr(address.template),
                                    f"expected a template of the theme: {one_of(sorted(templates))}{did_you_mean(address.template, templates)}"))
    return findings


def theme_templates(folders: Iterable[Path]) -> set[str]:
    """List the template names (without .html) a page may name, from the theme's folders."""
    # Partials (`_body.html`) and the layout every page extends (`base.html`) are not pages of their own.
    return {file.stem for folder in folders if folder.is_dir() for file in folder.glob("*.html")
            if not file.name.startswith("_") and file.stem != "base"}
