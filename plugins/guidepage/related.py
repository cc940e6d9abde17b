"""Pick related guides by shared tags, and the previous and next guide in a topic."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from typing import Protocol, TypeVar


class Tagged(Protocol):
    """What the picking needs of a guide: its category and date, and its tags (Pelican leaves them off when there are none)."""

    tags: Sequence[Hashable]
    category: Hashable
    date: datetime.datetime


T = TypeVar("T", bound=Tagged)

# Only the newest guides of a tag are candidates: a tag on thousands of guides would otherwise
# make the work grow with the square of the site, and the newest are the likeliest to be current.
CANDIDATES_PER_TAG = 100


def related(items: Sequence[T], limit: int = 3) -> dict[int, list[T]]:
    """Map each item's index to up to `limit` others sharing the most tags, newest first on ties."""
    by_tag: dict[Hashable, list[int]] = defaultdict(list)
    order = sorted(range(len(items)), key=lambda i: items[i].date, reverse=True)
    for i in order:
        for tag in set(getattr(items[i], "tags", None) or ()):
            if len(by_tag[tag]) < CANDIDATES_PER_TAG:
                by_tag[tag].append(i)
    rank = {i: position for position, i in enumerate(order)}
    out: dict[int, list[T]] = {}
    for i, item in enumerate(items):
        shared: Counter[int] = Counter()
        for tag in set(getattr(item, "tags", None) or ()):
            shared.update(j for j in by_tag.get(tag, ()) if j != i)
        best = sorted(shared, key=lambda j: (-shared[j], rank[j]))[:limit]
        out[i] = [items[j] for j in best]
    return out


def neighbours(items: Sequence[T]) -> dict[int, tuple[T | None, T | None]]:
    """Map each item's index to the previous (older) and next (newer) item in its category."""
    by_category: dict[Hashable, list[int]] = defaultdict(list)
    for i in sorted(range(len(items)), key=lambda i: items[i].date):
        by_category[items[i].category].append(i)
    out: dict[int, tuple[T | None, T | None]] = {}
    for members in by_category.values():
        for position, i in enumerate(members):
            older = items[members[position - 1]] if position > 0 else None
            newer = items[members[position + 1]] if position + 1 < len(members) else None
            out[i] = (older, newer)
    return out
