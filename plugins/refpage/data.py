"""The dose reference page's tables, built from the reference file alone (no Pelican)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dosecheck.findings import WriterFacingError
from dosecheck.quantities import fmt, whole
from dosecheck.reference import Food, IntakeValue, Nutrient, Reference, RefSource
from dosecheck.rules.doses import RuleProblem, upper_limit
from dosecheck.servings import parse_serving

NUTRIENT = "magnesium"
ADULTS = "adults"  # the reference's own name for the adult life stages; the calculator compares with their UL
# A food the fact sheet does not list and that has no household measure is shown per ounce, the
# serving the fact sheet uses for nuts, seeds and similar dense foods.
FALLBACK_SERVING = "1 oz"
NONE = "–"  # printed where the reference gives no value


class RefPageError(WriterFacingError):
    """The reference lacks something the page needs; the page cannot be built."""


@dataclass(frozen=True)
class IntakeRow:
    """One life stage's RDA/AI for each sex, pregnancy and lactation, as printed."""

    life_stage: str
    kind: str  # RDA, AI, or both joined where a stage mixes them
    male: str
    female: str
    pregnancy: str
    lactation: str


@dataclass(frozen=True)
class OtherIntakes:
    """Another authority's intakes, in its own age bands, as printed."""

    authority: str
    rows: tuple[IntakeRow, ...]
    sources: tuple[RefSource, ...]


@dataclass(frozen=True)
class Intakes:
    """The magnesium RDA/AI table, its sources, whose values they are, and the other authorities' intakes."""

    rows: tuple[IntakeRow, ...]
    sources: tuple[RefSource, ...]
    authority: str = "US Food and Nutrition Board (National Academies)"
    others: tuple[OtherIntakes, ...] = ()

    @property
    def all_sources(self) -> tuple[RefSource, ...]:
        """Every source of the section: the site's intakes and the other authorities'."""
        return self.sources + tuple(s for other in self.others for s in other.sources)


@dataclass(frozen=True)
class UpperLimitRow:
    """One population's supplemental UL, as printed."""

    life_stage: str
    condition: str
    amount: str


@dataclass(frozen=True)
class OtherLimits:
    """Another authority's limits, shown beside the site's: in that authority's own words for whom."""

    authority: str
    rows: tuple[UpperLimitRow, ...]
    applies_to: str
    sources: tuple[RefSource, ...]


@dataclass(frozen=True)
class UpperLimits:
    """The supplemental UL table, what it counts, the adult value, the sources and the other authorities' limits."""

    rows: tuple[UpperLimitRow, ...]
    applies_to: str
    adult_mg: float
    sources: tuple[RefSource, ...]
    authority: str = "US Food and Nutrition Board (National Academies)"
    others: tuple[OtherLimits, ...] = ()

    @property
    def all_sources(self) -> tuple[RefSource, ...]:
        """Every source of the section: the site's limits and the other authorities'."""
        return self.sources + tuple(s for other in self.others for s in other.sources)

    @property
    def adult_text(self) -> str:
        """Print the adult UL: `350 mg`."""
        return f"{fmt(self.adult_mg)} mg"


@dataclass(frozen=True)
class FormRow:
    """A magnesium form with its elemental fraction (low and high are equal for a single figure)."""

    key: str
    name: str
    formula: str
    percent: str
    low: float
    high: float
    note: str


@dataclass(frozen=True)
class Forms:
    """The forms table and its sources."""

    rows: tuple[FormRow, ...]
    sources: tuple[RefSource, ...]


@dataclass(frozen=True)
class FoodRow:
    """A food's magnesium per serving: the fact sheet's figure, or SR Legacy's per 100 g times the serving's weight."""

    key: str
    name: str
    serving: str
    grams: float | None
    mg: float
    mg_per_100g: float
    computed: bool
    note: str

    @property
    def mg_text(self) -> str:
        """Print the serving's magnesium in whole mg when computed, as the fact sheet prints it otherwise."""
        return f"{whole(self.mg) if self.computed else fmt(self.mg)} mg"

    @property
    def per_100g_text(self) -> str:
        """Print SR Legacy's magnesium per 100 g."""
        return f"{fmt(self.mg_per_100g)} mg"

    @property
    def grams_text(self) -> str:
        """Print the serving's weight to a tenth of a gram, or a dash when the reference has none."""
        return f"{fmt(round(self.grams, 1))} g" if self.grams is not None else NONE


@dataclass(frozen=True)
class Foods:
    """The foods, most magnesium per serving first, and their sources."""

    rows: tuple[FoodRow, ...]
    sources: tuple[RefSource, ...]


@dataclass(frozen=True)
class ReferencePage:
    """Everything the dose reference page prints."""

    intakes: Intakes
    upper_limits: UpperLimits
    forms: Forms
    foods: Foods


def _sources(ref: Reference, ids: Iterable[str | None]) -> tuple[RefSource, ...]:
    """Return the sources behind `ids`, once each, in order of first use."""
    return tuple(ref.source_index[i] for i in dict.fromkeys(i for i in ids if i))


def _magnesium(ref: Reference) -> Nutrient:
    """Return the magnesium entry, or fail naming what is missing."""
    nutrient = ref.nutrient(NUTRIENT)
    if nutrient is None:
        raise RefPageError(f"reference: found no nutrient {NUTRIENT!r}; the dose reference page needs its intakes and upper limits")
    return nutrient


def _mg_day(value: float) -> str:
    """Print a daily amount."""
    return f"{fmt(value)} mg/day"


def intakes(ref: Reference) -> Intakes:
    """Pivot the RDA/AI rows into one row per life stage, in the reference's order of stages."""
    nutrient = _magnesium(ref)
    rows = []
    for stage in ref.life_stages:
        values = [v for v in nutrient.intakes.rows if v.life_stage == stage]
        if not values:
            continue

        def cell(sex: str | None, condition: str | None, values: list[IntakeValue] = values) -> str:
            found = [v for v in values if v.condition == condition and (sex is None or v.sex in (sex, "both"))]
            return _mg_day(found[0].mg) if found else NONE

        kinds = "/".join(sorted({v.type for v in values}, reverse=True))
        rows.append(IntakeRow(stage, kinds, cell("male", None), cell("female", None), cell(None, "pregnancy"), cell(None, "lactation")))
    ids = [nutrient.intakes.source, *(v.source for v in nutrient.intakes.rows)]

    def given(mg: float | None) -> str:
        return _mg_day(mg) if mg is not None else NONE

    others = tuple(
        OtherIntakes(ref.authority_index[t.authority].name,
                     tuple(IntakeRow(r.as_given, r.type, given(r.male), given(r.female), given(r.pregnancy), given(r.lactation))
                           for r in t.rows),
                     _sources(ref, [t.source]))
        for t in nutrient.other_intakes
    )
    return Intakes(tuple(rows), _sources(ref, ids), ref.authority_index[nutrient.intakes.authority].name, others)


def upper_limits(ref: Reference) -> UpperLimits:
    """List the supplemental ULs, stages without one first, and the adult UL the calculator compares with."""
    nutrient = _magnesium(ref)
    limits = nutrient.upper_limits
    rows = [UpperLimitRow(stage, NONE, "Not established") for stage in limits.not_established]
    rows += [UpperLimitRow(r.population, (r.condition or NONE).capitalize(), _mg_day(r.mg)) for r in limits.rows]
    try:
        adult = upper_limit(nutrient, ADULTS, ref)
    except RuleProblem as problem:
        raise RefPageError(f"reference: no adult {NUTRIENT} upper limit ({problem.expected}); the calculator needs it") from None
    ids = [limits.source, *(r.source for r in limits.rows)]
    others = tuple(
        OtherLimits(ref.authority_index[t.authority].name,
                    tuple(UpperLimitRow(r.as_given, (r.condition or NONE).capitalize(), _mg_day(r.mg)) for r in t.rows),
                    t.applies_to, _sources(ref, [t.source]))
        for t in nutrient.other_limits
    )
    return UpperLimits(tuple(rows), limits.applies_to, adult.high, _sources(ref, ids),
                       ref.authority_index[limits.authority].name, others)


def forms(ref: Reference) -> Forms:
    """List the forms in the reference's order, with the elemental share as a figure or a range."""
    rows = tuple(
        FormRow(form.id, form.name, form.formula, "–".join(f"{fmt(p)}%" for p in sorted(set(form.elemental_percent))),
                form.fraction_low, form.fraction_high, form.note or "")
        for form in ref.forms
    )
    return Forms(rows, _sources(ref, (s for form in ref.forms for s in form.source)))


def _display_name(food: Food) -> str:
    """Capitalise the food's reference name for a table row or a bar label."""
    return food.id[:1].upper() + food.id[1:]


def food_row(food: Food) -> FoodRow:
    """Return a food's serving: the one the fact sheet lists, else one household measure (or an ounce) from SR Legacy."""
    if food.listed is not None:
        grams = food.serving_grams(parse_serving(food.listed.serving))
        return FoodRow(food.id, _display_name(food), food.listed.serving, grams, food.listed.magnesium_mg,
                       food.mg_per_100g, False, food.note or "")
    measure = next(iter(food.measures), None)
    text = f"1 {measure}" if measure else FALLBACK_SERVING
    grams = food.serving_grams(parse_serving(text))
    assert grams is not None  # a measure of the food's own, or a mass measure
    computed = f"Computed: {fmt(food.mg_per_100g)} mg per 100 g × {fmt(round(grams, 1))} g (SR Legacy); the fact sheet does not list it."
    note = f"{computed} {food.note}" if food.note else computed
    return FoodRow(food.id, _display_name(food), text, grams, food.mg_in(grams), food.mg_per_100g, True, note)


def foods(ref: Reference) -> Foods:
    """List every food by magnesium per serving, most first (ties keep the reference's order)."""
    rows = sorted((food_row(food) for food in ref.foods), key=lambda row: -row.mg)
    ids = [s for food in ref.foods for s in ((food.listed.source if food.listed else None), food.source)]
    return Foods(tuple(rows), _sources(ref, ids))


def build_page(ref: Reference) -> ReferencePage:
    """Build every table of the page from the reference."""
    return ReferencePage(intakes(ref), upper_limits(ref), forms(ref), foods(ref))
