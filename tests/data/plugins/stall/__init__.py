"""A test plugin: the first build to write every page says so and waits to be killed; later builds run through."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from pelican import signals

MARKER = "build-stalled"  # written beside the content folder


def stall(pelican: Any) -> None:
    """Once every page is written into the build's private folder, mark it and wait (the test kills the build here)."""
    marker = Path(pelican.settings["PATH"]).parent / MARKER
    if not marker.exists():
        marker.write_text("every page written; waiting to be killed\n", encoding="utf-8")
        time.sleep(120)


def register() -> None:
    """Connect the receiver."""
    signals.finalized.connect(stall)
