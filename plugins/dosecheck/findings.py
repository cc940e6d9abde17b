"""The one finding record every check returns, its one rendering and order, and the one writer-facing failure."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one field of one file, with what the reference expects."""

    path: str
    line: int | None
    field: str
    found: str
    expected: str
    source: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        """Render as `path:line: field: found X; Y (source)`."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: found {self.found}; {self.expected}"
        return f"{text} ({self.source})" if self.source else text


def in_order(findings: Iterable[Finding]) -> list[Finding]:
    """Sort findings the one way they are shown: by file, then line, then field (ties keep their order)."""
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.field))


class WriterFacingError(Exception):
    """A failure the writer fixes (a setting, a data file, a finding): printed as its message without a traceback,
    and the run exits with 1."""

    exitcode = 1
    writer_facing = True  # what the build's logging filter and tasks.py look for


class FindingsError(WriterFacingError):
    """A failure that carries every finding behind it, one per line of its message."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))


def field_name(path: FieldPath) -> str:
    """Render a field path as `doses[1].rows[2].amount`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "front matter"


def did_you_mean(word: str, choices: Iterable[str], shared: str = "") -> str:
    """Return ` (did you mean 'x'?)` for a near miss, else an empty string; `shared`, a prefix of the word and every
    choice, is left out of the comparison (it makes every choice look near)."""
    lowered = {c.lower().removeprefix(shared.lower()): c for c in choices}
    key = word.lower().removeprefix(shared.lower())
    # Typos keep their first letter; without that rule 0.6 offered "apple" for "kale".
    same_start = [c for c in lowered if c[:1] == key[:1]]
    close = difflib.get_close_matches(key, same_start, n=1, cutoff=0.6) or difflib.get_close_matches(key, list(lowered), n=1, cutoff=0.8)
    return f" (did you mean {lowered[close[0]]!r}?)" if close else ""


def one_of(choices: Sequence[str]) -> str:
    """List choices for a message: `a, b or c`."""
    quoted = [str(c) for c in choices]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """Keep the findings that fail a build."""
    return [f for f in findings if f.severity == "error"]
