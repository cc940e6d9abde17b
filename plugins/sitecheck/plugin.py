"""Wire the written-site check into Pelican's last signal (the guide reader gives external links rel as it renders)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from .pages import REL, SiteCheckError, link_problems

MAX_SHOWN = 50  # enough to fix a batch; the count says how many more there are


def _listing(what: str, problems: list[str]) -> str:
    """Say how many problems of one kind there are, and list the first MAX_SHOWN."""
    more = f"\n... and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
    return f"{len(problems)} {what} in the written site:\n" + "\n".join(problems[:MAX_SHOWN]) + more


def check_written_site(pelican: Any) -> None:
    """Fail once on any broken internal link or anchor and any external link without rel in the written pages."""
    found = link_problems(Path(pelican.output_path), pelican.settings.get("SITEURL", ""))
    kinds = (("broken links", found.broken), (f'external links without rel="{REL}"', found.unsecured))
    listings = [_listing(what, problems) for what, problems in kinds if problems]
    if listings:
        raise SiteCheckError("\n".join(listings))


def register() -> None:
    """Connect the receivers (Pelican holds receivers weakly)."""
    signals.finalized.connect(check_written_site)  # after everything: reads every written page, rewrites none
