"""Helpers the test modules share: building and checking the fixture site, the guide corpus, reading written pages,
a guide that must fail."""

from __future__ import annotations

import gzip
import io
import json
import posixpath
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from conftest import CORRECTIONS, DATA, ROOT, TODAY, lay_out_site
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


def site_settings(site: Path, **overrides: Any) -> dict[str, Any]:
    """The settings that point the project's pelicanconf.py at a fixture site copied into `site`."""
    settings = {
        "PATH": str(site / "content"),
        "OUTPUT_PATH": str(site / "output"),
        "CACHE_PATH": str(site / "cache"),
        "DOSECHECK_REFERENCE": str(site / "content" / "data" / "reference.yaml"),
        "DOSECHECK_TODAY": TODAY,
        "CORRECTIONS_EMAIL": CORRECTIONS,
    }
    settings.update(overrides)
    return settings


def build(site: Path, **overrides: Any) -> Path:
    """Build the fixture site with the project's settings; return the output folder."""
    pelican_build(Project(ROOT), "pelicanconf.py", site_settings(site, **overrides))
    return site / "output"


# The guide corpus: malformed guides, each beside a .expected file holding the exact lines a check prints for it
# (errors, then warnings after "warning: ", naming the file by its path here), and guides that must pass.
INVALID_GUIDES = sorted((DATA / "guides" / "invalid").glob("*.md"))
VALID_GUIDES = sorted((DATA / "guides" / "valid").glob("*.md"))


def corpus_path(path: Path) -> str:
    """Name a corpus file the way its .expected lines do."""
    return f"tests/data/guides/{path.parent.name}/{path.name}"


def expected(path: Path, shown_as: str | None = None) -> list[str]:
    """The exact lines a corpus file must produce; with `shown_as`, naming the file as a check of a copy of it does."""
    text = path.with_suffix(".expected").read_text(encoding="utf-8")
    if shown_as is not None:
        text = text.replace(f"{corpus_path(path)}:", f"{shown_as}:")
    return text.splitlines()


@dataclass(frozen=True)
class Checked:
    """The lines one check printed, and the name it printed the site's guides folder with."""

    lines: list[str]
    guides: str

    def shown(self, name: str) -> str:
        """The name the check printed a guide with."""
        return f"{self.guides}/{name}"

    def of(self, name: str) -> list[str]:
        """The lines about one guide (an error's, or a warning's after "warning: "), in the order printed."""
        return [line for line in self.lines if line.removeprefix("warning: ").startswith(f"{self.shown(name)}:")]

    def errors_outside(self, names: Iterable[str]) -> list[str]:
        """The error lines about anything but the named guides (another file, the site as a whole)."""
        ours = tuple(f"{self.shown(name)}:" for name in names)
        return [line for line in self.lines if not line.startswith(("warning: ", *ours))]


def check_guides(folder: Path, guides: Iterable[Path]) -> Checked:
    """Copy the fixture site with `guides` added into `folder` and check it once, as `invoke check` does (every file
    read by the build's reader, spread over every core); return what it printed."""
    from dosecheck.document import display_path
    from dosecheck.plugin import check_without_building
    from dosecheck.report import emit

    lay_out_site(folder)
    for path in guides:
        shutil.copy(path, folder / "content" / "guides" / path.name)
    printed = io.StringIO()
    emit(check_without_building(Project(ROOT).settings("pelicanconf.py", site_settings(folder))), printed)
    return Checked(printed.getvalue().splitlines(), display_path(str(folder / "content" / "guides")))


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
