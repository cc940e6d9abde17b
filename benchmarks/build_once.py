"""Run one timed build or check in this process and print its time as JSON (the runner reads peak memory)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]


def main(task: str, variant: str, work: str) -> None:
    """Build (or check) the corpus in `work` with the project or with plain Pelican."""
    import logging

    import tasks

    folder = Path(work)
    overrides = {"PATH": str(folder / "content"), "OUTPUT_PATH": str(folder / f"output-{variant}"),
                 "CACHE_PATH": str(folder / f"cache-{variant}"), "DOSECHECK_TODAY": "2026-11-23"}
    started = time.perf_counter()
    if task == "check":
        from dosecheck.plugin import load
        from dosecheck.site import check_site

        settings = tasks._settings("pelicanconf.py", overrides)
        findings = check_site(settings, load(settings))
        assert not [f for f in findings if f.severity == "error"], findings[:3]
    elif variant == "project":
        tasks.pelican_build("pelicanconf.py", overrides)
    else:
        from pelican import Pelican
        from pelican.log import init

        init(level=logging.WARNING, name="pelican")
        # Plain Pelican: the same settings, theme and Markdown, none of the project's plugins or reader.
        settings = tasks._settings("pelicanconf.py", {**overrides, "PLUGINS": []})
        Pelican(settings).run()
    print(json.dumps({"seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
