"""Every generated page passes the Nu Html Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _where(message: dict, output: Path) -> str:
    """Name the page a message is about, relative to the site's root."""
    path = Path(unquote(urlsplit(message.get("url", "")).path))
    return str(path.relative_to(output)) if path.is_relative_to(output) else str(path)


def test_the_nu_html_checker_finds_no_error_on_any_page(built_site: Path) -> None:
    java = shutil.which("java")
    assert java, "Java is missing: install Debian's default-jre-headless (make test does so as root)"
    assert VNU.is_file(), "node_modules/vnu-jar is missing: run make test (or npm ci --ignore-scripts)"
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr)  # vnu writes its report to stderr
    errors = [f"{_where(m, built_site)}:{m.get('lastLine', '?')}: {m['message']}"
              for m in report["messages"] if m["type"] in ("error", "non-document-error")]
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors)
    assert result.returncode == 0
