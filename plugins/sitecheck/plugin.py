"""Wire the written-site checks into Pelican's last signal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from .pages import SiteCheckError, broken_links, secure_external_links

MAX_SHOWN = 50  # enough to fix a batch; the count says how many more there are


def check_written_site(pelican: Any) -> None:
    """Secure external links in every written page, then fail once on any broken internal link or anchor."""
    output = Path(pelican.output_path)
    siteurl = pelican.settings.get("SITEURL", "")
    for page in output.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="replace")
        secured = secure_external_links(html, siteurl)
        if secured != html:
            page.write_text(secured, encoding="utf-8")
    problems = broken_links(output, siteurl)
    if problems:
        more = f"\n... and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        raise SiteCheckError(f"{len(problems)} broken links in the written site:\n" + "\n".join(problems[:MAX_SHOWN]) + more)


def register() -> None:
    """Connect the receiver (Pelican holds receivers weakly)."""
    signals.finalized.connect(check_written_site)
