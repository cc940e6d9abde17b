"""Helpers the test modules share: building the fixture site, reading written pages, a guide that must fail."""

from __future__ import annotations

import gzip
import json
import posixpath
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from conftest import CORRECTIONS, ROOT, TODAY
from dosecheck.prose import AMOUNT
from sitebuild.project import Project
from sitebuild.run import pelican_build

# A guide with a wrong row and an amount in a body table: check and build must refuse it.
BAD = """---
title: Threonate as elemental
date: 2026-01-10
category: Test topic
summary: Wrong on purpose.
last_reviewed: 2026-11-20
doses:
  - caption: Supplements
    kind: supplement
    rows:
      - {form: threonate, amount: 1-2 g/day, basis: elemental}
---

Age | Dose |
---|---|
Adults | 300-600 mg |
"""


def build(site: Path, **overrides: Any) -> Path:
    """Build the fixture site with the project's settings; return the output folder."""
    settings = {
        "PATH": str(site / "content"),
        "OUTPUT_PATH": str(site / "output"),
        "CACHE_PATH": str(site / "cache"),
        "DOSECHECK_REFERENCE": str(site / "content" / "data" / "reference.yaml"),
        "DOSECHECK_TODAY": TODAY,
        "CORRECTIONS_EMAIL": CORRECTIONS,
    }
    settings.update(overrides)
    pelican_build(Project(ROOT), "pelicanconf.py", settings)
    return site / "output"


def soup(path: Path) -> BeautifulSoup:
    """Parse a written page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def guide_page(output: Path) -> BeautifulSoup:
    """Parse the fixture guide's page."""
    return soup(output / "test-topic" / "every-table-kind" / "index.html")


def pages(output: Path) -> list[Path]:
    """Every HTML page Pelican wrote (Pagefind writes none)."""
    return sorted(output.rglob("*.html"))


def resolve(output: Path, page: Path, href: str) -> Path:
    """The output file a relative or root-relative address on `page` leads to."""
    folder = page.parent.relative_to(output).as_posix()
    path = href.split("?")[0].split("#")[0]
    target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path))
    resolved = output / ("" if target == "." else target)
    return resolved / "index.html" if path.endswith("/") else resolved


def fragments(output: Path) -> list[dict]:
    """Every page record in the index: Pagefind stores each as gzipped JSON after a signature."""
    records = []
    for file in sorted((output / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(file.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        records.append(json.loads(data[len(b"pagefind_dcd"):]))
    return records


def snapshot(output: Path) -> dict[str, bytes]:
    """Every file of the published site, by path, with its bytes."""
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def unchecked_amounts(page: BeautifulSoup) -> list[str]:
    """Every mass or molar amount in the page's visible text that no element with data-ref holds."""
    for hidden in page(["script", "style", "template"]):
        hidden.decompose()
    body = page.body or page
    return [m[0] for text in body.find_all(string=True) if text.find_parent(attrs={"data-ref": True}) is None
            for m in AMOUNT.finditer(str(text))]
