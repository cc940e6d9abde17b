"""The one finding record every check returns, and its one rendering."""

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


def field_name(path: FieldPath) -> str:
    """Render a field path as `doses[1].rows[2].amount`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "front matter"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ` (did you mean 'x'?)` for a near miss, else an empty string."""
    lowered = {c.lower(): c for c in choices}
    key = word.lower()
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
