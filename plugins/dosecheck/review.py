"""Recorded reviews of the reference file: what changed since the last review, and the record a review leaves."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .findings import FieldPath, Finding, Severity
from .located_yaml import Located, YamlProblem, load

# Beside the reference, in git: the copy last reviewed, and every review's record.
REVIEWED_SUFFIX = ".reviewed.yaml"
RECORDS_SUFFIX = ".reviews.yaml"
# Fields that name a list item, so an item's values are compared with the same item's, wherever it moved.
IDENTITY = ("id", "population", "life_stage", "sex", "condition")


@dataclass(frozen=True)
class Change:
    """One value that differs from the last reviewed reference."""

    field: str
    old: str | None
    new: str | None
    source: str | None
    loc: FieldPath | None  # where it is in the current file, for its line

    def describe(self) -> str:
        """Render as `field: old -> new (source)`."""
        return f"{self.field}: {self.old if self.old is not None else '(none)'} -> {self.new if self.new is not None else '(removed)'}" + (
            f" ({self.source})" if self.source else "")


@dataclass(frozen=True)
class Record:
    """A recorded review: the reviewed file's hash, the day, who reviewed it, and what had changed."""

    sha256: str
    date: datetime.date
    reviewer: str
    changes: tuple[str, ...]
    baseline: bool = False  # the first record, of the reference as it stood when records began


def paths(reference: Path) -> tuple[Path, Path]:
    """Return the reviewed copy's and the records' paths for a reference file."""
    stem = reference.with_suffix("")
    return stem.with_name(stem.name + REVIEWED_SUFFIX), stem.with_name(stem.name + RECORDS_SUFFIX)


def digest(data: bytes) -> str:
    """Hash a reference file's bytes."""
    return hashlib.sha256(data).hexdigest()


def _label(item: Any, index: int) -> str:
    """Name a list item by its identifying fields: `magnesium`, `9+ years`, `19-30 years, female, pregnancy`."""
    if isinstance(item, dict):
        if "id" in item:
            return str(item["id"])
        parts = [str(item[k]) for k in IDENTITY[1:] if item.get(k) not in (None, "")]
        if parts:
            return ", ".join(parts)
    return str(index)


def flatten(value: Any, label: str = "", loc: FieldPath = (), source: str | None = None) -> Iterator[tuple[str, Any, FieldPath, str | None]]:
    """Yield every scalar with its readable field name, its location and the nearest source id."""
    if isinstance(value, dict):
        here = value.get("source") if isinstance(value.get("source"), str) else source
        for key, item in value.items():
            yield from flatten(item, f"{label}.{key}" if label else str(key), (*loc, key), here)
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        for index, item in enumerate(value):
            yield from flatten(item, f"{label}[{_label(item, index)}]", (*loc, index), source)
    else:
        yield label, value, loc, source


def changes(reviewed: Any, current: Located) -> list[Change]:
    """List every value that differs between the last reviewed reference and the current one."""
    before = {name: value for name, value, _loc, _src in flatten(reviewed)}
    now = {name: (value, loc, src) for name, value, loc, src in flatten(current.data)}
    out = []
    for name, (value, loc, src) in now.items():
        if name not in before or before[name] != value:
            out.append(Change(name, _show(before.get(name)) if name in before else None, _show(value), src, loc))
    out += [Change(name, _show(value), None, None, None) for name, value in before.items() if name not in now]
    return out


def _show(value: Any) -> str:
    """Show a value as the reference file writes it."""
    return str(value) if not isinstance(value, list) else "[" + ", ".join(str(v) for v in value) + "]"


def read_records(records_file: Path) -> list[Record]:
    """Read the review records, oldest first (none when the file does not exist)."""
    if not records_file.exists():
        return []
    data = yaml.safe_load(records_file.read_text(encoding="utf-8")) or []
    return [Record(str(r["sha256"]), r["date"], str(r["reviewer"]), tuple(r.get("changes") or ()), bool(r.get("baseline")))
            for r in data]


def last_review(reference: Path) -> Record | None:
    """Return the latest review record of a reference file, if any."""
    records = read_records(paths(reference)[1])
    return records[-1] if records else None


def pending(reference: Path) -> list[Change]:
    """List what changed in the reference since its last recorded review (everything, when it was never reviewed)."""
    reviewed_file, _records = paths(reference)
    raw = reference.read_bytes()
    current = load(raw.decode("utf-8-sig"))
    last = last_review(reference)
    if last is not None and last.sha256 == digest(raw):
        return []
    try:
        reviewed = yaml.safe_load(reviewed_file.read_text(encoding="utf-8")) if reviewed_file.exists() else {}
    except (OSError, yaml.YAMLError):
        reviewed = {}
    found = changes(reviewed, current)
    # A change that alters no value (comments, spacing) still needs the record to match the file's hash.
    return found or [Change("reference", "the reviewed file", "the same values, written differently", None, None)]


def unreviewed_findings(reference: Path, display: str, severity: Severity) -> list[Finding]:
    """Report each change since the last recorded review: a warning while writing, an error when publishing."""
    try:
        found = pending(reference)
        current = load(reference.read_text(encoding="utf-8-sig"))
    except (OSError, YamlProblem, UnicodeDecodeError):
        return []  # a missing or broken reference is reported when it is loaded
    last = last_review(reference)
    since = f"the review of {last.date} by {last.reviewer}" if last else "a recorded review (there is none yet)"
    return [Finding(display, current.line_of(change.loc) if change.loc else None, change.field,
                    f"{change.new if change.new is not None else 'nothing'}",
                    f"{since} has {change.old if change.old is not None else 'nothing'}: have the change reviewed, then"
                    " run invoke reference-review", change.source, severity)
            for change in found]


def record(reference: Path, reviewer: str, today: datetime.date, baseline: bool = False) -> Record:
    """Record a review of the reference as it is now: append the record and keep the reviewed copy beside it."""
    reviewed_file, records_file = paths(reference)
    raw = reference.read_bytes()
    # A baseline records the file as it stood when records began; listing its every value would say nothing.
    found = [] if baseline else pending(reference)
    entry = Record(digest(raw), today, reviewer, tuple(c.describe() for c in found), baseline)
    records = read_records(records_file) + [entry]
    header = "# Recorded reviews of reference.yaml, oldest first; written by `invoke reference-review`, kept in git.\n"
    body = yaml.safe_dump([{k: v for k, v in vars(r).items() if k != "baseline" or v} | {"changes": list(r.changes)}
                           for r in records], sort_keys=False, allow_unicode=True, width=120)
    records_file.write_text(header + body.rstrip("\n") + "\n", encoding="utf-8")
    reviewed_file.write_bytes(raw)
    return entry
