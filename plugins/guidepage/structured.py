"""A guide's schema.org description, built as data here and written by the template with `tojson` (which escapes it)."""

from __future__ import annotations

from typing import Any


def medical_web_page(article: Any, siteurl: str) -> dict[str, Any] | None:
    """Describe a reviewed guide as a MedicalWebPage; None for an article without review dates (nothing to claim)."""
    reviewed = getattr(article, "last_reviewed", None)
    if reviewed is None:
        return None
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "MedicalWebPage", "name": article.title,
        "description": article.metadata.get("summary", ""), "url": f"{siteurl}/{article.url}", "lastReviewed": str(reviewed),
        "about": {"@type": "Thing", "name": str(article.category)},
    }
    # The sources are on the page, numbered and linked; a copy here would cost a guide over a kilobyte.
    reviewer = getattr(article, "reviewed_by", None)
    if reviewer:
        data["reviewedBy"] = {"@type": "Person", "name": reviewer.name}
    return data
