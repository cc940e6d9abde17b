"""`invoke new`: a guide with every field, valid as written, from guide_template.md ($title and $today filled in)."""

from __future__ import annotations

import datetime
import os
import re
import string
from pathlib import Path

from .errors import BuildError
from .project import Project

TEMPLATE = Path(__file__).with_name("guide_template.md")


def new_guide(project: Project, title: str) -> Path:
    """Write a guide scaffold named after `title`; raise BuildError when the title is empty or the file exists."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if not slug:
        raise BuildError("new: the title needs at least one letter or digit")
    target = project.root / project.guides_path / f"{slug}.md"
    if target.exists():
        raise BuildError(f"new: {os.path.relpath(target)} already exists; pick another title")
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(title=quoted, today=datetime.date.today().isoformat())
    target.write_text(text, encoding="utf-8")
    return target
