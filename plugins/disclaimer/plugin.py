"""Wire the disclaimer into Pelican's signals."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican import signals

from .notice import DisclaimerError, notice_html, pages_without, prepend


@dataclass(frozen=True)
class NoticeForTemplates:
    """The notice as a template function of the page's SITEURL (a class, so Pelican can pickle its settings)."""

    text: str
    url: str | None
    short_text: str | None = None

    def __call__(self, siteurl: str, short: bool = False) -> Markup:
        """Render the notice linking the full disclaimer from this page; `short` gives the one-line form for listings."""
        settings = {"MEDICAL_DISCLAIMER": self.text, "MEDICAL_DISCLAIMER_URL": self.url, "MEDICAL_DISCLAIMER_SHORT": self.short_text}
        return Markup(_notice(settings, siteurl, short=short and bool(self.short_text)))


# The written pages of guides and pages, which must show the full notice; listings may show the one-line one.
# Filled once every file is read, read by the check of the written pages; emptied at the start of each build.
_FULL_NOTICE_PAGES: set[Path] = set()


def _notice(settings: dict[str, Any], siteurl: str | None = None, short: bool = False) -> str:
    """Build the notice (or its one-line form) from the settings, linking the full disclaimer from `siteurl` (default SITEURL)."""
    url = settings.get("MEDICAL_DISCLAIMER_URL")
    if url and not url.startswith(("http://", "https://", "/")):
        url = f"{settings.get('SITEURL', '') if siteurl is None else siteurl}/{url}"
    if short:
        return notice_html(settings.get("MEDICAL_DISCLAIMER_SHORT", ""), url, "MEDICAL_DISCLAIMER_SHORT")
    return notice_html(settings.get("MEDICAL_DISCLAIMER", ""), url)


def _short(settings: dict[str, Any]) -> str | None:
    """Return the one-line notice listings may show instead, or None when MEDICAL_DISCLAIMER_SHORT is not set."""
    return _notice(settings, short=True) if settings.get("MEDICAL_DISCLAIMER_SHORT") else None


def check_settings(pelican: Any) -> None:
    """Fail at start-up, before any work, when the disclaimer text is missing; offer the notice to templates."""
    settings = pelican.settings
    _notice(settings)
    _FULL_NOTICE_PAGES.clear()
    # The theme's base.html places it on every page, in the form each page's template asks for (`disclaimer`).
    placer = NoticeForTemplates(settings.get("MEDICAL_DISCLAIMER", ""), settings.get("MEDICAL_DISCLAIMER_URL"),
                                settings.get("MEDICAL_DISCLAIMER_SHORT"))
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "medical_disclaimer": placer}


def note_full_notice_pages(generators: list[Any]) -> None:
    """Remember where every guide and page is written: those pages must show the full notice."""
    context = generators[0].context
    output = Path(context["OUTPUT_PATH"])
    _FULL_NOTICE_PAGES.update((output / content.save_as).resolve() for content in context["generated_content"].values()
                              if content is not None and content.save_as)


def add_to_feed(context: dict[str, Any], feed: Any) -> None:
    """Put the notice at the start of every entry of a feed: its content, or its description where it has no content (RSS)."""
    notice = _notice(context)
    for entry in feed.items:
        field = "content" if entry.get("content") is not None else "description"
        entry[field] = prepend(entry[field] or "", notice)


def check_output(pelican: Any) -> None:
    """Fail the build when any HTML page in the output lacks the notice."""
    notice = _notice(pelican.settings)
    output = Path(pelican.output_path)
    missing = pages_without(output, notice, _short(pelican.settings), frozenset(_FULL_NOTICE_PAGES))
    if missing:
        names = ", ".join(f"{os.path.relpath(page)} ({why})" for page, why in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        raise DisclaimerError(f"{len(missing)} HTML pages do not show the medical disclaimer: {names}{more}")


def register() -> None:
    """Connect the module-level receivers (Pelican holds receivers weakly)."""
    signals.initialized.connect(check_settings)  # fail before reading any content
    signals.all_generators_finalized.connect(note_full_notice_pages)  # every file read, nothing written yet
    signals.feed_generated.connect(add_to_feed)  # each feed, before it is written
    signals.finalized.connect(check_output)  # after everything, static HTML included: the only look at written pages
