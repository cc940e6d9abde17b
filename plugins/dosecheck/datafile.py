"""Data files readers see through the theme (get-help boxes, medicines to check): read once, checked like prose."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .findings import FieldPath, Finding, FindingsError, field_name
from .located_yaml import Located, YamlProblem, load
from .prose import text_hits
from .schema_errors import model_findings
from .visible import hit_finding

Model = TypeVar("Model", bound=BaseModel)


class DataFileError(FindingsError):
    """A data file cannot be used; carries every finding."""


def read_data_file(path: str | Path, display: str, model: type[Model], missing: str) -> tuple[Model, Located]:
    """Read, parse and validate a data file, once per version of it; raise DataFileError listing every problem.

    `missing` says what to do when there is no file.
    """
    file = Path(path)
    stat = file.stat() if file.is_file() else None
    if stat is None:
        raise DataFileError([Finding(display, None, "file", "no file", missing)])
    return _read(str(file.resolve()), stat.st_mtime_ns, display, model)  # type: ignore[return-value]  # lru_cache drops Model: it is `model`'s


@functools.lru_cache(maxsize=8)
def _read(path: str, _version: int, display: str, model: type[BaseModel]) -> tuple[BaseModel, Located]:
    """Read one version of one file as one model."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError([Finding(display, None, "file", "an unreadable file", str(exc))]) from None
    try:
        located = load(text)
    except YamlProblem as exc:
        raise DataFileError([Finding(display, exc.line, field_name(exc.field_path) if exc.field_path else "file", exc.found,
                                     exc.advice())]) from None
    try:
        return model.model_validate(located.data), located
    except ValidationError as exc:
        raise DataFileError(model_findings(exc, display, located, model)) from None


def amounts_in(texts: Iterable[tuple[FieldPath, str]], display: str, located: Located) -> Iterator[Finding]:
    """Report every amount in a data file's reader-facing text: nothing there is checked against the reference."""
    for loc, text in texts:
        for hit in text_hits(text):
            yield hit_finding(display, located.line_of(loc), field_name(loc), hit)
