"""A Markdown reader for guides with YAML front matter (imports Pelican)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican.readers import MarkdownReader
from sitecheck.pages import secure_external_links

from .checked import SupplementLine, Tables
from .document import MARKDOWN_EXTENSIONS, display_path, document_kind, read_document
from .findings import errors
from .guide_schema import Page, validate_front
from .held import HELD, Compressed
from .markup import Figures
from .quantities import fmt
from .reference import Nutrient, Reference, site_reference
from .render import place_tables
from .rules.doses import RuleProblem, upper_limit
from .rules.review import ReviewDates, review_due
from .validate import check_document

LINED_FIELDS = ("last_reviewed", "next_review_due", "title", "slug", "template", "save_as")
# Front-matter fields that Pelican itself interprets; the rest pass through as attributes.
PELICAN_FIELDS = ("date", "modified", "category", "tags", "slug", "status", "author", "authors")


class GuideReader(MarkdownReader):  # type: ignore[misc]  # Pelican is untyped (no stubs), so its MarkdownReader is Any
    """Read front matter with line numbers, and the body with Python-Markdown."""

    file_extensions = list(MARKDOWN_EXTENSIONS)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Check the file, and return Pelican metadata holding its HTML with the checked tables placed (compressed).

        Pelican caches what this returns, so a file that has not changed is neither parsed, checked
        nor rendered again; the cache is keyed by the reference file too (see plugin.start).
        """
        source = Path(source_path)
        doc = read_document(source, display_path(source_path), document_kind(source_path, self.settings), Path(self.settings["PATH"]))
        ref = site_reference(self.settings)
        checked = check_document(doc, ref, source, Path(self.settings["PATH"]), markdown=self.settings["MARKDOWN"])
        findings = checked.findings
        guide, _parts, _schema = validate_front(doc)
        metadata: dict[str, Any] = {
            "dosecheck_findings": findings,
            # Lines of the fields site-wide checks name: review dates (judged afresh each day), title, slug, template.
            "dosecheck_lines": {k: doc.front.line_of((k,)) for k in LINED_FIELDS},
        }
        if guide is None:
            # Keep the file in the build so the checker reports it instead of Pelican dropping it.
            stat = source.stat() if source.exists() else None
            metadata["title"] = source.stem
            metadata["date"] = self.process_metadata(
                "date", str(datetime.datetime.fromtimestamp(stat.st_mtime if stat else 0).date())
            )
            return "", metadata
        metadata.update(self._metadata(guide, checked.figures))
        if doc.kind == "guide":
            metadata["guide_for_review"] = ReviewDates(guide.last_reviewed, guide.next_review_due)
        html = checked.html
        if not errors(findings):
            html = place_tables(html, guide, checked.tables, ref, checked.answers, checked.figures)
            metadata["safe_amount"] = safe_amount(checked.tables, checked.figures)
        # The reference sources behind the page's figures (text, tables, card), listed for readers who cannot hover.
        used = dict.fromkeys(source for figure in checked.figures.checked.values() for source in figure.refs)
        metadata["figure_sources"] = [ref.source_index[source] for source in used]
        # External links open without giving the other site this page (rel), set once here as the HTML is made.
        html = secure_external_links(html, self.settings.get("SITEURL", ""))
        metadata[HELD] = Compressed.of(html)  # Pelican keeps what this returns for the whole build (see held.py)
        return "", metadata

    def _metadata(self, guide: Page, figures: Figures) -> dict[str, Any]:
        """Map a validated guide to Pelican's metadata; titles and summaries as plain text and, for pages, as HTML."""
        out: dict[str, Any] = {}
        for name, value in guide.model_dump(exclude_none=True).items():
            if name in ("title", "summary"):
                out[name] = figures.plain(value)
                out[f"{name}_html"] = figures.text(value)
            elif name == "key_points":
                out[name] = [figures.text(point) for point in value]
            elif name in PELICAN_FIELDS:
                text = value if isinstance(value, list) else str(value)
                if value != []:
                    out[name] = self.process_metadata(name, text)
            elif name not in ("sources", "foods", "forms", "doses", "faqs", "reviewed_by"):
                out[name] = value
        # The tables are rendered into the HTML when the file is read; templates need only these.
        # Keeping the table objects too would cost memory for every guide for the whole build.
        out["reviewed_by"] = guide.reviewed_by
        out["sources"] = [s.model_copy(update={"note": figures.text(s.note)}) if s.note else s for s in guide.sources]
        out["next_review_due"] = review_due(guide)
        return out


def sets_adult_limit(ref: Reference, nutrient: Nutrient, authority: str) -> bool:
    """Say whether `authority` sets an upper limit of `nutrient` for every adult."""
    named = ref.limits_by(nutrient, authority)
    try:
        return named is not None and upper_limit(named, "adults", ref) is not None
    except RuleProblem:
        return False


def safe_amount(tables: Tables, figures: Figures) -> dict[str, Markup] | None:
    """The figures of a guide's "how much is safe" card, as checked figures: the adult limit for supplements, and the
    lowest elemental amount the guide's own tables give; None for a guide without magnesium supplement rows."""
    lows = [line.elemental_low for table in tables.doses if table is not None for line in table.lines
            if isinstance(line, SupplementLine) and line.nutrient.id == "magnesium" and line.basis == "elemental"]
    if not lows:
        return None
    ref = figures.ref
    magnesium = ref.nutrient("magnesium")
    assert magnesium is not None  # the reference schema requires it
    # Other authorities' adult limits beside the site's, so a reader in the EU sees the lower one at a glance.
    others = [ref.authority_index[t.authority].short for t in magnesium.other_limits if sets_adult_limit(ref, magnesium, t.authority)]
    return {"limit": figures.text("{{limit: adults}}"), "start": figures.text(f"{{{{dose: {fmt(min(lows))} mg/day}}}}"),
            "by": Markup.escape(ref.authority_index[magnesium.upper_limits.authority].short),
            "others": Markup(", ").join(Markup("the {} limit is {}").format(short, figures.text(f"{{{{limit: adults; {short}}}}}"))
                                       for short in others)}
