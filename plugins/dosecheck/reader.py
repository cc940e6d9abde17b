"""A Markdown reader for guides with YAML front matter (imports Pelican)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader

from .document import MARKDOWN_EXTENSIONS, display_path, document_kind
from .guide_schema import Page, validate_front
from .rules import review_due
from .validate import read_document

# Front-matter fields that Pelican itself interprets; the rest pass through as attributes.
PELICAN_FIELDS = ("date", "modified", "category", "tags", "slug", "status", "author", "authors")


class GuideReader(MarkdownReader):
    """Read front matter with line numbers, and the body with Python-Markdown."""

    file_extensions = list(MARKDOWN_EXTENSIONS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        config = dict(self.settings["MARKDOWN"])
        # The meta extension would eat a body that starts with `Word: text` lines.
        config["extensions"] = [e for e in config.get("extensions", []) if e != "markdown.extensions.meta"]
        config["extension_configs"] = {
            k: v for k, v in config.get("extension_configs", {}).items() if k != "markdown.extensions.meta"
        }
        self._guide_md = Markdown(**config)
        # FAQ answers are front-matter strings: their raw HTML is shown as text, never run.
        self._answer_md = Markdown(**config)
        self._answer_md.preprocessors.deregister("html_block")
        self._answer_md.inlinePatterns.deregister("html")

    def _markdown(self, text: str, converter: Markdown | None = None) -> str:
        """Convert Markdown with a shared converter."""
        md = converter or self._guide_md
        md.reset()
        return md.convert(text)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the body's HTML and Pelican metadata; problems are kept for the checker."""
        doc = read_document(Path(source_path), display_path(source_path), document_kind(source_path, self.settings))
        guide, _parts, _findings = validate_front(doc)
        metadata: dict[str, Any] = {"guide_doc": doc, "guide": guide}
        if guide is None:
            # Keep the file in the build so the checker reports it instead of Pelican dropping it.
            stat = Path(source_path).stat() if Path(source_path).exists() else None
            metadata["title"] = Path(source_path).stem
            metadata["date"] = self.process_metadata(
                "date", str(datetime.datetime.fromtimestamp(stat.st_mtime if stat else 0).date())
            )
            return "", metadata
        metadata.update(self._metadata(guide))
        metadata["faq_answers"] = [self._markdown(faq.a, self._answer_md) for faq in guide.faqs]
        return self._markdown(doc.body), metadata

    def _metadata(self, guide: Page) -> dict[str, Any]:
        """Map a validated guide to Pelican's metadata."""
        out: dict[str, Any] = {}
        for name, value in guide.model_dump(exclude_none=True).items():
            if name in PELICAN_FIELDS:
                text = value if isinstance(value, list) else str(value)
                if value != []:
                    out[name] = self.process_metadata(name, text)
            elif name not in ("sources", "foods", "forms", "doses", "faqs", "reviewed_by"):
                out[name] = value
        for name in ("sources", "foods", "forms", "doses", "faqs", "reviewed_by"):
            out[name] = getattr(guide, name)
        out["next_review_due"] = review_due(guide)
        return out
