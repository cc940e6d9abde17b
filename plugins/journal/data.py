"""The journal's embedded data: the forms' elemental shares (the tally's own data), the limits by age group and the
foods by serving, all from the reference file (no Pelican)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from refpage.calculator import calc_data
from refpage.data import ADULTS, NUTRIENT, RefPageError, build_page

from dosecheck.quantities import fmt
from dosecheck.reference import Reference, RefSource, UpperLimit

CONDITION_WORDS = {"pregnancy": "Pregnant", "lactation": "Breastfeeding"}


@dataclass(frozen=True)
class LimitGroup:
    """One group a reader may belong to, with its supplement limit, as the settings list offers it."""

    key: str
    who: str
    mg: float
    mg_text: str


@dataclass(frozen=True)
class FoodChoice:
    """A food as the journal offers it: one serving and the magnesium in it, as the dose reference page prints it."""

    key: str
    name: str
    serving: str
    mg: float
    mg_text: str


def _ages(population: str) -> str:
    """Say an age span in words: `1-3 years` is `Age 1 to 3`, `9+ years` is `Age 9 and older`."""
    span = re.fullmatch(r"(\d+)-(\d+) years", population)
    if span:
        return f"Age {span[1]} to {span[2]}"
    older = re.fullmatch(r"(\d+)\+ years", population)
    return f"Age {older[1]} and older" if older else population


def _who(row: UpperLimit, adults: bool) -> str:
    """Name a limit's group plainly: `Age 9 and older, adults included`, `Pregnant, age 14 to 50`."""
    who = _ages(row.population)
    if row.condition:
        who = f"{CONDITION_WORDS.get(row.condition, row.condition.capitalize())}, {who.lower()}"
    return f"{who}, adults included" if adults else who


def limit_groups(ref: Reference) -> tuple[tuple[LimitGroup, ...], str, tuple[str, ...]]:
    """Return every group with a supplement limit, the key of the adults' group and the limits' source ids."""
    nutrient = ref.nutrient(NUTRIENT)
    if nutrient is None:
        raise RefPageError(f"reference: found no nutrient {NUTRIENT!r}; the journal needs its upper limits")
    limits = nutrient.upper_limits
    adult_stages = set(ref.stages(ADULTS))
    groups, default = [], ""
    for row in limits.rows:
        adults = row.condition is None and adult_stages <= set(ref.stages(row.population))
        key = f"{row.population}|{row.condition or ''}"
        groups.append(LimitGroup(key, _who(row, adults), row.mg, f"{fmt(row.mg)} mg"))
        default = default or (key if adults else "")
    if not default:
        raise RefPageError(f"reference: no {NUTRIENT} upper limit covers adults; the journal needs one")
    return tuple(groups), default, _ids([limits.source, *(r.source for r in limits.rows)])


def _ids(ids: Iterable[str | None]) -> tuple[str, ...]:
    """Return source ids once each, in order of first use."""
    return tuple(dict.fromkeys(i for i in ids if i))


def _refs(sources: Iterable[RefSource]) -> str:
    """Join sources' ids as a data-ref attribute names them."""
    return " ".join(dict.fromkeys(s.id for s in sources))


def journal_data(ref: Reference) -> dict[str, Any]:
    """Return everything the journal's script reads: the tally's data (forms and the adult limit), limits by group, foods.

    The forms' shares are `calc_data`'s, the very numbers the dose reference page's tally reads, taken from
    Form.fraction_low and fraction_high, so the journal's sum is the checker's (tests/test_journal.py holds it to that).
    """
    page = build_page(ref)
    groups, default, limit_ids = limit_groups(ref)
    foods = sorted((FoodChoice(row.key, row.name, row.serving, row.mg, row.mg_text) for row in page.foods.rows), key=lambda f: f.name.lower())
    return {
        **calc_data(page.forms.rows, page.upper_limits.adult_mg),
        "limits": [asdict(g) for g in groups],
        "default_limit": default,
        "limit_scope": page.upper_limits.applies_to,
        "authority": page.upper_limits.authority,
        "foods": [asdict(f) for f in foods],
        # The sources each kind of figure is worked out from, for the data-ref of every element that shows one.
        "refs": {"forms": _refs(page.forms.sources), "limits": " ".join(limit_ids), "foods": _refs(page.foods.sources)},
    }
