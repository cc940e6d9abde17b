"""The medicines to check with magnesium: read once from content/data/interactions.yaml and checked like any prose."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from .datafile import DataFileError, amounts_in, read_data_file
from .findings import FieldPath, Finding, field_name
from .located_yaml import Located
from .reference import Reference, RefSource
from .schema_types import Strict, TrimmedText

DEFAULT_FILE = "data/interactions.yaml"  # relative to the content folder; INTERACTIONS_FILE overrides it


class Kind(Strict):
    """One kind of a medicine group (loop diuretics), with examples and, where the kinds differ, its own effect."""

    name: TrimmedText
    examples: list[TrimmedText] = Field(min_length=1)
    effect: TrimmedText | None = None


class Medicine(Strict):
    """One group of medicines the source lists, what it is used for, examples, and what magnesium does with it."""

    name: TrimmedText
    used_for: TrimmedText
    examples: list[TrimmedText] = []
    kinds: list[Kind] = []
    effect: TrimmedText | None = None


class InteractionsFile(Strict):
    """The list, the sentence before it, and the source (a reference.yaml source id) it follows."""

    source: TrimmedText
    intro: TrimmedText
    medicines: list[Medicine] = Field(min_length=1)


@dataclass(frozen=True)
class Interactions:
    """The checked list with its source as the reference file gives it, for templates."""

    intro: str
    medicines: list[Medicine]
    source: RefSource


def interactions_path(settings: dict[str, Any]) -> Path:
    """Return the file the settings name (INTERACTIONS_FILE, relative to the content folder)."""
    return Path(settings.get("PATH", "content"), settings.get("INTERACTIONS_FILE", DEFAULT_FILE))


def load_interactions(path: str | Path, display: str, ref: Reference) -> Interactions | None:
    """Read and check the file against the reference's sources; None when there is no file (a site without the list).

    Raises DataFileError listing every problem.
    """
    if not Path(path).is_file():
        return None
    checked, located = read_data_file(path, display, InteractionsFile, "")
    findings = list(_consistency(checked, display, located))
    source = ref.source_index.get(checked.source)
    if source is None:
        findings.insert(0, Finding(display, located.line_of(("source",)), "source", repr(checked.source),
                                   f"expected a source id of the reference file: {', '.join(ref.source_index)}"))
    if findings or source is None:
        raise DataFileError(findings)
    return Interactions(checked.intro, list(checked.medicines), source)


def _consistency(checked: InteractionsFile, path: str, located: Located) -> Iterator[Finding]:
    """Check what the schema cannot: each group names examples and says what magnesium does, and no text holds an amount."""
    for i, medicine in enumerate(checked.medicines):
        loc: FieldPath = ("medicines", i)
        if not medicine.examples and not medicine.kinds:
            yield Finding(path, located.line_of(loc), field_name(loc), "no examples and no kinds",
                          "add examples (medicine names) or kinds, each with its examples")
        if medicine.effect is None and (not medicine.kinds or any(kind.effect is None for kind in medicine.kinds)):
            yield Finding(path, located.line_of(loc), field_name(loc), "no effect",
                          "add effect: what magnesium and the medicine do to each other, in plain words (or one per kind)")
    # Nothing here is checked against the reference: an amount would reach readers unchecked.
    yield from amounts_in(_texts(checked), path, located)


def _texts(checked: InteractionsFile) -> Iterator[tuple[FieldPath, str]]:
    """Yield every string a reader sees, with its field path."""
    yield ("intro",), checked.intro
    for i, medicine in enumerate(checked.medicines):
        yield ("medicines", i, "name"), medicine.name
        yield ("medicines", i, "used_for"), medicine.used_for
        for j, example in enumerate(medicine.examples):
            yield ("medicines", i, "examples", j), example
        if medicine.effect is not None:
            yield ("medicines", i, "effect"), medicine.effect
        for k, kind in enumerate(medicine.kinds):
            yield ("medicines", i, "kinds", k, "name"), kind.name
            for j, example in enumerate(kind.examples):
                yield ("medicines", i, "kinds", k, "examples", j), example
            if kind.effect is not None:
                yield ("medicines", i, "kinds", k, "effect"), kind.effect
