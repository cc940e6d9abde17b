"""The get-help boxes: what each topic's box says, read once from content/data/help.yaml and checked like any prose."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from .datafile import DataFileError, amounts_in, read_data_file
from .findings import FieldPath, Finding, field_name
from .located_yaml import Located
from .schema_types import Strict, TrimmedText

GENERAL = "general"  # the box for the home page, and for a guide whose topic has no box of its own


class HelpSource(Strict):
    """A source the boxes cite, by id."""

    id: TrimmedText
    title: TrimmedText
    publisher: TrimmedText
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


class HelpNote(Strict):
    """One sentence after the list of signs, with the source that says it."""

    text: TrimmedText
    source: TrimmedText


class HelpTopic(Strict):
    """One topic's box: who it is for, the signs that mean call now, and what to know."""

    title: TrimmedText
    for_categories: list[TrimmedText] = []
    for_guides: list[TrimmedText] = []  # guide slugs whose box is this one, whatever their topic
    call_if: list[TrimmedText] = Field(min_length=1, max_length=5)
    source: TrimmedText
    notes: list[HelpNote] = Field(default=[], max_length=3)


class HelpFile(Strict):
    """Every topic's box and the sources they cite."""

    sources: list[HelpSource] = Field(min_length=1)
    topics: dict[TrimmedText, HelpTopic]
    start_here: list[TrimmedText] = Field(default=[], max_length=4)  # guide slugs the home page offers "if you are struggling today"

    @functools.cached_property
    def source_index(self) -> dict[str, HelpSource]:
        """Map source ids to sources."""
        return {s.id: s for s in self.sources}

    def for_guide(self, slug: str, category: str) -> HelpTopic:
        """Return the box for a guide: its own, else its topic's, else the general one."""
        for topic in self.topics.values():
            if slug in topic.for_guides:
                return topic
        return self.for_category(category)

    def for_category(self, category: str) -> HelpTopic:
        """Return the box for a topic page: the topic's own, else the general one."""
        wanted = category.strip().lower()
        for topic in self.topics.values():
            if wanted in (c.lower() for c in topic.for_categories):
                return topic
        return self.topics[GENERAL]

    def cited(self, topic: HelpTopic) -> list[HelpSource]:
        """Return the sources one box cites, in order, once each."""
        ids = dict.fromkeys([topic.source, *(n.source for n in topic.notes)])
        return [self.source_index[i] for i in ids]


def load_help(path: str | Path, display: str) -> HelpFile:
    """Read and check the help file; raise DataFileError listing every problem."""
    return _checked(path, display)[0]


def unknown_guides(path: str | Path, display: str, slugs: list[str]) -> list[Finding]:
    """Report each guide slug the boxes name that is not a guide of the site."""
    help_file, located = _checked(path, display)
    named: list[tuple[FieldPath, str]] = [(("start_here", i), slug) for i, slug in enumerate(help_file.start_here)]
    named += [(("topics", name, "for_guides", i), slug) for name, topic in help_file.topics.items() for i, slug in enumerate(topic.for_guides)]
    return [Finding(display, located.line_of(loc), field_name(loc), repr(slug), f"expected a guide's slug: {', '.join(sorted(slugs))}")
            for loc, slug in named if slug not in slugs]


def _checked(path: str | Path, display: str) -> tuple[HelpFile, Located]:
    """Read the file and check what the schema cannot: a general box, known sources, no amount in any text."""
    help_file, located = read_data_file(path, display, HelpFile, "create it: every page shows a get-help box from it")
    findings = list(_consistency(help_file, display, located))
    if findings:
        raise DataFileError(findings)
    return help_file, located


def _consistency(help_file: HelpFile, path: str, located: Located) -> Iterator[Finding]:
    """Check a general box exists, every cited source is listed, and no text holds an amount."""
    if GENERAL not in help_file.topics:
        yield Finding(path, located.line_of(("topics",)), "topics", "no general topic",
                      "add topics.general: the box for the home page and for guides whose topic has none")
    for name, topic in help_file.topics.items():
        cited: list[tuple[FieldPath, str]] = [(("topics", name, "source"), topic.source)]
        cited += [(("topics", name, "notes", i, "source"), n.source) for i, n in enumerate(topic.notes)]
        for loc, source in cited:
            if source not in help_file.source_index:
                yield Finding(path, located.line_of(loc), field_name(loc), f"source {source!r}",
                              f"expected one of the file's source ids: {', '.join(help_file.source_index)}")
        # The boxes are on every page: an amount in them would reach readers unchecked.
        yield from amounts_in(_texts(name, topic), path, located)


def _texts(name: str, topic: HelpTopic) -> Iterator[tuple[FieldPath, str]]:
    """Yield every string of a topic a reader sees, with its field path."""
    yield ("topics", name, "title"), topic.title
    for i, sign in enumerate(topic.call_if):
        yield ("topics", name, "call_if", i), sign
    for i, note in enumerate(topic.notes):
        yield ("topics", name, "notes", i, "text"), note.text


def help_path(settings: dict[str, Any]) -> Path:
    """Return the help file the settings name (HELP_FILE, relative to the content folder)."""
    return Path(settings.get("PATH", "content"), settings.get("HELP_FILE", "data/help.yaml"))
