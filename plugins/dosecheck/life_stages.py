"""Life stages as age spans in months, and the reference stages a span covers."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

Span = tuple[int, int | None]  # [start, end) in months; None is open-ended

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-|–|to)\s*(\d+)\s*(months?|years?|y)\s*$", re.IGNORECASE)
_OPEN = re.compile(r"^\s*(\d+)\s*(?:\+|years?\s+and\s+(?:over|older))\s*(years?|y)?\s*$", re.IGNORECASE)


class LifeStageError(ValueError):
    """A life stage that cannot be read or does not line up with the reference's stages."""


def span(text: str) -> Span:
    """Read `0-6 months`, `19-30 years`, `51+ years` as a span of months."""
    match = _RANGE.match(text)
    if match:
        low, high, unit = int(match[1]), int(match[2]), match[3].lower()
        if high < low:
            raise LifeStageError(f"expected the younger age first, like {high}-{low} {unit}")
        if unit.startswith("m"):
            # DRI month stages are 0-6 and 7-12: month 7 starts where month 6 ended.
            return (max(low - 1, 0), high)
        return (low * 12, (high + 1) * 12)
    match = _OPEN.match(text)
    if match:
        return (int(match[1]) * 12, None)
    raise LifeStageError("expected a life stage like 0-6 months, 19-30 years or 51+ years")


def normalise(text: str, aliases: Mapping[str, str]) -> str:
    """Replace a named stage (`adults`) with the span it stands for (`19+ years`)."""
    key = " ".join(str(text).lower().split())
    return aliases.get(key, str(text))


def covered(text: str, stages: Sequence[str], aliases: Mapping[str, str]) -> list[str]:
    """Return the reference stages that exactly tile the stage `text`, youngest first."""
    wanted = span(normalise(text, aliases))
    inside = sorted(
        (span(stage) + (stage,) for stage in stages if _within(span(stage), wanted)),
        key=lambda item: item[0],
    )
    edges = [wanted[0]] + [end for _start, end, _stage in inside]
    starts = [start for start, _end, _stage in inside] + [wanted[1]]
    if not inside or edges != starts:
        raise LifeStageError(f"expected a stage that lines up with the reference's: {', '.join(stages)}")
    return [stage for _start, _end, stage in inside]


def _within(inner: Span, outer: Span) -> bool:
    """Return True when span `inner` lies inside span `outer`."""
    if inner[0] < outer[0]:
        return False
    if outer[1] is None:
        return True
    return inner[1] is not None and inner[1] <= outer[1]
