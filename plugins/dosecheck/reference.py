"""The reference file: its schema, its loader, the site's reference as the settings name it, and the look-ups the
rules need."""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import Field, ValidationError, field_validator

from . import life_stages
from .document import display_path
from .findings import FieldPath, Finding, FindingsError, did_you_mean, field_name
from .life_stages import LifeStageError
from .located_yaml import Located, YamlProblem, load
from .quantities import grams
from .schema_errors import model_findings
from .schema_types import Slug, Strict, Text, Url
from .servings import MASS_MEASURES, Serving, ServingError, parse_serving

Mg = Annotated[float, Field(gt=0, allow_inf_nan=False)]
LISTED_TOLERANCE = 0.10  # how far a fact sheet's listed serving may stray from SR Legacy unexplained
T = TypeVar("T")


class ReferenceFileError(FindingsError):
    """The reference file is missing or broken; the build cannot check anything."""


class RefSource(Strict):
    """A primary source cited by id."""

    id: Slug
    title: Text
    publisher: Text
    url: Url
    year: int | None = None
    read_from: str | None = None  # the readable copy a value was read from, when not the primary


class IntakeValue(Strict):
    """One RDA or AI for a life stage, sex and condition."""

    life_stage: Text
    sex: Literal["male", "female", "both"]
    condition: Literal["pregnancy", "lactation"] | None = None
    mg: Mg
    type: Literal["RDA", "AI"]
    source: Slug | None = None


class IntakeTable(Strict):
    """Every RDA/AI of one nutrient, with the source they share and the authority that set them."""

    source: Slug
    rows: list[IntakeValue] = Field(min_length=1)
    authority: Slug = "fnb"


class OtherIntake(Strict):
    """Another authority's recommended intake, for an age band in its own words (its bands need not match the site's)."""

    as_given: Text
    male: Mg
    female: Mg
    type: Text  # as the authority names it: AI, PRI
    pregnancy: Mg | None = None
    lactation: Mg | None = None


class OtherIntakeTable(Strict):
    """Another authority's intakes for a nutrient, shown beside the site's on the dose reference page."""

    authority: Slug
    source: Slug
    rows: list[OtherIntake] = Field(min_length=1)


class UpperLimit(Strict):
    """The UL for one population, a span of life stages or a condition."""

    population: Text
    mg: Mg
    condition: Literal["pregnancy", "lactation"] | None = None
    source: Slug | None = None


class SupervisedCeiling(Strict):
    """The most a source names as given under medical supervision, above the UL, for a population."""

    population: Text
    mg: Mg
    source: Slug


class UpperLimitTable(Strict):
    """The ULs of one nutrient, what they apply to, their source and the authority that set them."""

    applies_to: Text
    source: Slug
    rows: list[UpperLimit] = Field(min_length=1)
    not_established: list[Text] = []
    supervised: list[SupervisedCeiling] = []
    authority: Slug = "fnb"


class Authority(Strict):
    """A body that sets intakes and limits, as readers know it."""

    id: Slug
    name: Text
    short: Text  # for a table note: "the EU limit"


class OtherLimit(Strict):
    """Another authority's limit for a population: the reference stages it covers, and the authority's own words."""

    population: Text
    as_given: Text
    mg: Mg
    condition: Literal["pregnancy", "lactation"] | None = None


class OtherLimitTable(Strict):
    """Another authority's upper limits for a nutrient: rows above them are published with a note saying so."""

    authority: Slug
    applies_to: Text
    source: Slug
    rows: list[OtherLimit] = Field(min_length=1)


class DailyValue(Strict):
    """The Daily Value printed on US labels."""

    mg: Mg
    population: Text
    source: Slug


class Nutrient(Strict):
    """A nutrient with its intakes, upper limits and label value."""

    id: Slug
    name: Text
    aliases: list[Text] = []
    intakes: IntakeTable
    upper_limits: UpperLimitTable
    other_limits: list[OtherLimitTable] = []
    other_intakes: list[OtherIntakeTable] = []
    daily_value: DailyValue | None = None


class Form(Strict):
    """A magnesium salt as sold, with the share of its weight that is magnesium."""

    id: Text
    name: Text
    aliases: list[Text] = []
    formula: Text
    elemental_percent: Annotated[list[Annotated[float, Field(gt=0, le=100)]], Field(min_length=1, max_length=2)]
    source: Annotated[list[Slug], Field(min_length=1)]  # the low and high figures may come from different sources
    note: str | None = None

    @field_validator("source", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        """Accept a single source id as well as a list."""
        return [value] if isinstance(value, str) else value

    @property
    def fraction_low(self) -> float:
        """Return the lowest elemental fraction the reference gives."""
        return _fraction(min(self.elemental_percent))

    @property
    def fraction_high(self) -> float:
        """Return the highest elemental fraction the reference gives."""
        return _fraction(max(self.elemental_percent))

    def elemental(self, low_mg: float, high_mg: float) -> tuple[float, float]:
        """Return the elemental mg in a compound weight: the low end at the lowest share, the high end at the highest."""
        return low_mg * self.fraction_low, high_mg * self.fraction_high


def _fraction(percent: float) -> float:
    """Turn a percentage into a fraction in decimal arithmetic: 8.9% is 0.089, not 0.08900000000000001."""
    return float(Decimal(str(percent)) / 100)


class ListedServing(Strict):
    """A food's serving as a fact sheet prints it."""

    serving: Text
    magnesium_mg: Mg
    source: Slug


class Food(Strict):
    """A food with magnesium per 100 g and the gram weight of its household measures."""

    id: Text
    aliases: list[Text] = []
    description: Text
    ndb: Annotated[str, Field(pattern=r"^\d{5}$")]  # SR28 / SR Legacy NDB number
    fdc_id: Annotated[int, Field(gt=0)] | None = None  # FoodData Central id of the SR Legacy record, where confirmed
    mg_per_100g: Mg
    source: Slug
    measures: dict[str, Annotated[float, Field(gt=0)]] = {}
    listed: ListedServing | None = None
    note: str | None = None

    @field_validator("measures")
    @classmethod
    def _known_measures(cls, value: dict[str, float]) -> dict[str, float]:
        """Key measures by the names the serving parser produces."""
        for key in value:
            if parse_serving(f"1 {key}").measure != key:
                raise ValueError(f"measure {key!r} is not a canonical measure name")
        return value

    def grams(self, measure: str) -> float | None:
        """Return the gram weight of one `measure` of this food, if known."""
        if measure in MASS_MEASURES:
            return grams(1, MASS_MEASURES[measure])
        return self.measures.get(measure)

    def serving_grams(self, serving: Serving) -> float | None:
        """Return the weight of a serving of this food, if the weight of its measure is known."""
        each = self.grams(serving.measure)
        return None if each is None else each * float(serving.quantity)

    def mg_in(self, weight: float) -> float:
        """Return the magnesium in `weight` grams of this food, from its mg per 100 g."""
        return weight * self.mg_per_100g / 100


FNB = Authority(id="fnb", name="US Food and Nutrition Board (National Academies)", short="US")


class Reference(Strict):
    """The whole reference file."""

    authorities: list[Authority] = [FNB]
    sources: list[RefSource] = Field(min_length=1)
    life_stages: list[Text] = Field(min_length=1)
    life_stage_aliases: dict[str, Text] = {}
    nutrients: list[Nutrient] = Field(min_length=1)
    forms: list[Form] = Field(min_length=1)
    foods: list[Food] = Field(min_length=1)

    @functools.cached_property
    def authority_index(self) -> dict[str, Authority]:
        """Map authority ids to authorities; the Food and Nutrition Board is always known."""
        return {FNB.id: FNB, **{a.id: a for a in self.authorities}}

    @functools.cached_property
    def source_index(self) -> dict[str, RefSource]:
        """Map source ids to sources."""
        return {s.id: s for s in self.sources}

    @functools.cached_property
    def alias_index(self) -> dict[str, str]:
        """Map lower-case stage names to spans."""
        return {" ".join(k.lower().split()): v for k, v in self.life_stage_aliases.items()}

    @functools.cached_property
    def _nutrient_index(self) -> dict[str, Nutrient]:
        """Map every lower-case name of a nutrient to it."""
        return _index(self.nutrients, lambda n: [n.id, n.name, n.id.replace("-", " "), *n.aliases])

    @functools.cached_property
    def _form_index(self) -> dict[str, Form]:
        """Map every lower-case name of a form to it."""
        return _index(self.forms, lambda f: [f.id, f.name, *f.aliases])

    @functools.cached_property
    def _food_index(self) -> dict[str, Food]:
        """Map every lower-case name of a food to it."""
        return _index(self.foods, lambda f: [f.id, *f.aliases])

    def nutrient(self, name: str) -> Nutrient | None:
        """Find a nutrient by id, name or alias, ignoring case."""
        return self._nutrient_index.get(_key(name))

    def form(self, name: str) -> Form | None:
        """Find a form by id, name or alias, ignoring case."""
        return self._form_index.get(_key(name))

    def food(self, name: str) -> Food | None:
        """Find a food by id or alias, ignoring case."""
        return self._food_index.get(_key(name))

    def nutrient_names(self) -> list[str]:
        """List the names writers may use for nutrients."""
        return [n.name for n in self.nutrients]

    def form_names(self) -> list[str]:
        """List every form id and alias, for 'did you mean'."""
        return list(self._form_index)

    def food_names(self) -> list[str]:
        """List every food id and alias, for 'did you mean'."""
        return list(self._food_index)

    def stages(self, text: str) -> list[str]:
        """Return the reference stages that tile a writer's life stage (worked out once per text)."""
        cache = self._stage_cache
        if text not in cache:
            try:
                cache[text] = life_stages.covered(text, self.life_stages, self.alias_index)
            except life_stages.LifeStageError as exc:
                cache[text] = exc
        found = cache[text]
        if isinstance(found, life_stages.LifeStageError):
            raise found
        return list(found)

    def authority(self, name: str) -> Authority | None:
        """Find an authority by id or short name (EU, US), ignoring case."""
        key = _key(name)
        return next((a for a in self.authority_index.values() if key in (_key(a.id), _key(a.short))), None)

    def limits_by(self, nutrient: Nutrient, authority: str) -> Nutrient | None:
        """Return the nutrient with `authority`'s upper limits as its own, or None when that authority sets none."""
        if nutrient.upper_limits.authority == authority:
            return nutrient
        if not any(t.authority == authority for t in nutrient.other_limits):
            return None
        return _with_primary(nutrient, authority)

    def for_authority(self, authority: str) -> Reference:
        """Return the reference with `authority`'s limits as the ones guides keep to, where it sets any; the limits
        they replace become the other authority's, so rows above them are still noted."""
        if authority == "fnb" or not any(t.authority == authority for n in self.nutrients for t in n.other_limits):
            return self
        views = self._authority_views
        if authority not in views:  # made once per loaded file, so its look-up caches serve every guide
            view = self.model_copy(update={"nutrients": [_with_primary(n, authority) for n in self.nutrients]})
            # model_copy copies the look-up caches too; the view's must index its own nutrients.
            for name, attribute in vars(Reference).items():
                if isinstance(attribute, functools.cached_property):
                    view.__dict__.pop(name, None)
            views[authority] = view
        return views[authority]

    @functools.cached_property
    def _authority_views(self) -> dict[str, Reference]:
        """Remember the reference as each other authority's limits make it."""
        return {}

    @functools.cached_property
    def _stage_cache(self) -> dict[str, list[str] | LifeStageError]:
        """Remember each stage text's tiling; every guide asks about the same few."""
        return {}


def _with_primary(nutrient: Nutrient, authority: str) -> Nutrient:
    """Swap a nutrient's limits for another authority's, keeping the replaced ones as other limits."""
    chosen = next((t for t in nutrient.other_limits if t.authority == authority), None)
    if chosen is None:
        return nutrient  # this authority sets no limit for the nutrient: the site's own stay, and say whose they are
    old = nutrient.upper_limits
    primary = UpperLimitTable(applies_to=chosen.applies_to, source=chosen.source, authority=authority,
                              rows=[UpperLimit(population=r.population, mg=r.mg, condition=r.condition) for r in chosen.rows])
    demoted = OtherLimitTable(authority=old.authority, applies_to=old.applies_to, source=old.source,
                              rows=[OtherLimit(population=r.population, as_given=r.condition or r.population, mg=r.mg,
                                               condition=r.condition) for r in old.rows])
    others = [t for t in nutrient.other_limits if t is not chosen] + [demoted]
    return nutrient.model_copy(update={"upper_limits": primary, "other_limits": others})


def _key(name: str) -> str:
    """Fold case, spaces, underscores and the `magnesium` prefix for look-ups."""
    return " ".join(str(name).lower().replace("_", " ").split())


def _index(items: Iterable[T], names: Callable[[T], Iterable[str]]) -> dict[str, T]:
    """Index items under each of their names."""
    out: dict[str, T] = {}
    for item in items:
        for name in names(item):
            out.setdefault(_key(name), item)
    return out


def load_reference(path: str | os.PathLike[str], display: str | None = None) -> Reference:
    """Load and validate the reference file; raise ReferenceFileError listing every problem."""
    file = Path(path)
    stat = file.stat() if file.exists() else None
    key = (str(file.resolve()), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)
    return _load_cached(key, display or str(path))


def reference_path(settings: Mapping[str, Any]) -> str:
    """Return the reference file's path: DOSECHECK_REFERENCE, else PATH/data/reference.yaml."""
    return str(settings.get("DOSECHECK_REFERENCE") or os.path.join(settings["PATH"], "data", "reference.yaml"))


def site_authority(settings: Mapping[str, Any]) -> str:
    """Return whose limits the guides keep to: DOSECHECK_AUTHORITY, else the Food and Nutrition Board."""
    return str(settings.get("DOSECHECK_AUTHORITY") or FNB.id)


def unknown_authority(ref: Reference, authority: str) -> Finding | None:
    """Report a DOSECHECK_AUTHORITY the reference file does not know."""
    if authority in ref.authority_index:
        return None
    return Finding("pelicanconf.py", None, "DOSECHECK_AUTHORITY", repr(authority),
                   f"expected an authority of the reference file: {', '.join(ref.authority_index)}")


def site_reference(settings: Mapping[str, Any]) -> Reference:
    """Load the reference the settings name (parsed once per version of the file), with the limits of the site's
    authority; raise ReferenceFileError when it is broken or does not know that authority."""
    path = reference_path(settings)
    ref = load_reference(path, display_path(path))
    authority = site_authority(settings)
    problem = unknown_authority(ref, authority)
    if problem is not None:
        raise ReferenceFileError([problem])
    return ref.for_authority(authority)


@functools.lru_cache(maxsize=4)
def _load_cached(key: tuple[str, int, int], display: str) -> Reference:
    """Load the file behind `key` once per version of it."""
    path = key[0]
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReferenceFileError(
            [Finding(display, None, "reference", "no file", "create it or set DOSECHECK_REFERENCE in pelicanconf.py")]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceFileError([Finding(display, None, "reference", "an unreadable file", str(exc))]) from None
    try:
        located = load(text)
    except YamlProblem as exc:
        raise ReferenceFileError(
            [Finding(display, exc.line, field_name(exc.field_path) if exc.field_path else "reference", exc.found, exc.advice())]
        ) from None
    if not isinstance(located.data, dict):
        raise ReferenceFileError(
            [Finding(display, 1, "reference", "no mapping", "expected fields sources, nutrients, forms, foods")]
        )
    try:
        reference = Reference.model_validate(located.data)
    except ValidationError as exc:
        raise ReferenceFileError(model_findings(exc, display, located, Reference)) from None
    findings = list(_consistency(reference, display, located))
    if findings:
        raise ReferenceFileError(findings)
    return reference


def _consistency(ref: Reference, path: str, located: Located) -> Iterator[Finding]:
    """Check what a schema cannot: unique ids, known sources, stages that parse."""

    def finding(loc: FieldPath, found: str, expected: str) -> Finding:
        return Finding(path, located.line_of(loc), field_name(loc), found, expected)

    for group, names in (
        ("sources", [[s.id] for s in ref.sources]),
        ("nutrients", [[n.id, n.name, *n.aliases] for n in ref.nutrients]),
        ("forms", [[f.id, f.name, *f.aliases] for f in ref.forms]),
        ("foods", [[f.id, *f.aliases] for f in ref.foods]),
    ):
        seen: dict[str, int] = {}
        for index, item_names in enumerate(names):
            for name in {_key(n) for n in item_names}:
                if name in seen:
                    yield finding((group, index), f"the name {name!r} again", f"names must be unique (first at {group}[{seen[name]}])")
                seen.setdefault(name, index)

    for n_index, nutrient in enumerate(ref.nutrients):
        named: list[tuple[FieldPath, str]] = [(("nutrients", n_index, "upper_limits", "authority"), nutrient.upper_limits.authority)]
        named += [(("nutrients", n_index, "other_limits", o_index, "authority"), other.authority)
                  for o_index, other in enumerate(nutrient.other_limits)]
        named += [(("nutrients", n_index, "other_intakes", o_index, "authority"), other_intakes.authority)
                  for o_index, other_intakes in enumerate(nutrient.other_intakes)]
        named += [(("nutrients", n_index, "intakes", "authority"), nutrient.intakes.authority)]
        for where, authority in named:
            if authority not in ref.authority_index:
                yield finding(where, f"authority {authority!r}", f"expected one of the file's authorities{did_you_mean(authority, ref.authority_index)}")
        for o_index, other in enumerate(nutrient.other_limits):
            for r_index, other_row in enumerate(other.rows):
                try:
                    ref.stages(other_row.population)
                except life_stages.LifeStageError as exc:
                    yield finding(("nutrients", n_index, "other_limits", o_index, "rows", r_index, "population"),
                                  repr(other_row.population), str(exc))
    for loc, source in _source_refs(ref):
        if source is not None and source not in ref.source_index:
            yield finding(loc, f"source {source!r}", f"expected one of the file's source ids{did_you_mean(source, ref.source_index)}")

    for index, stage in enumerate(ref.life_stages):
        try:
            life_stages.span(stage)
        except life_stages.LifeStageError as exc:
            yield finding(("life_stages", index), repr(stage), str(exc))
    for alias, target in ref.life_stage_aliases.items():
        try:
            life_stages.covered(target, ref.life_stages, {})
        except life_stages.LifeStageError as exc:
            yield finding(("life_stage_aliases", alias), repr(target), str(exc))
    for n_index, nutrient in enumerate(ref.nutrients):
        for table, rows, attr in (("intakes", nutrient.intakes.rows, "life_stage"), ("upper_limits", nutrient.upper_limits.rows, "population")):
            for r_index, row in enumerate(rows):
                try:
                    ref.stages(getattr(row, attr))
                except life_stages.LifeStageError as exc:
                    yield finding(("nutrients", n_index, table, "rows", r_index, attr), repr(getattr(row, attr)), str(exc))
    yield from _plausibility(ref, finding)
    for f_index, food in enumerate(ref.foods):
        if food.listed is not None:
            try:
                serving = parse_serving(food.listed.serving)
            except ServingError as exc:
                yield finding(("foods", f_index, "listed", "serving"), repr(food.listed.serving), str(exc))
                continue
            weight = food.serving_grams(serving)
            if weight is None:
                yield finding(("foods", f_index, "measures"), f"no weight for {serving.measure!r}", "add the gram weight of the listed serving's measure")
                continue
            computed = food.mg_in(weight)
            listed_mg = food.listed.magnesium_mg
            # Writers are checked against the listed figure in its measure and against mg/100 g in
            # any other, so a wide gap between the two must be explained where readers can see it.
            if abs(computed - listed_mg) > LISTED_TOLERANCE * listed_mg and not food.note:
                yield finding(("foods", f_index, "listed", "magnesium_mg"),
                              f"{listed_mg:g} mg per {food.listed.serving}, but mg_per_100g gives {computed:.0f} mg",
                              "check both sources; if they really differ, add a note saying which figure each gives")


def _source_refs(ref: Reference) -> Iterator[tuple[FieldPath, str | None]]:
    """Yield every source id the reference cites, with where it is cited."""
    for n_index, nutrient in enumerate(ref.nutrients):
        base: FieldPath = ("nutrients", n_index)
        yield base + ("intakes", "source"), nutrient.intakes.source
        for r_index, row in enumerate(nutrient.intakes.rows):
            yield base + ("intakes", "rows", r_index, "source"), row.source
        yield base + ("upper_limits", "source"), nutrient.upper_limits.source
        for r_index, limit in enumerate(nutrient.upper_limits.rows):
            yield base + ("upper_limits", "rows", r_index, "source"), limit.source
        for c_index, ceiling in enumerate(nutrient.upper_limits.supervised):
            yield base + ("upper_limits", "supervised", c_index, "source"), ceiling.source
        for t_index, table in enumerate(nutrient.other_limits):
            yield base + ("other_limits", t_index, "source"), table.source
        for t_index, intakes in enumerate(nutrient.other_intakes):
            yield base + ("other_intakes", t_index, "source"), intakes.source
        if nutrient.daily_value:
            yield base + ("daily_value", "source"), nutrient.daily_value.source
    for index, form in enumerate(ref.forms):
        for s_index, source in enumerate(form.source):
            yield ("forms", index, "source") + ((s_index,) if len(form.source) > 1 else ()), source
    for index, food in enumerate(ref.foods):
        yield ("foods", index, "source"), food.source
        if food.listed:
            yield ("foods", index, "listed", "source"), food.listed.source


ADULT_MONTHS = 19 * 12
MAX_PLAUSIBLE_MG = 10_000  # far above any intake or limit of these nutrients (calcium's highest UL is 3,000 mg)


def _plausibility(ref: Reference, finding: Callable[[FieldPath, str, str], Finding]) -> Iterator[Finding]:
    """Check what holds for real reference data: stages that follow on, limits that never fall with age, sane values."""
    spans = []
    for index, stage in enumerate(ref.life_stages):
        with contextlib.suppress(life_stages.LifeStageError):  # reported with the file's other stage problems
            spans.append((life_stages.span(stage), index, stage))
    spans.sort()
    for (first, _i, earlier), (then, index, stage) in itertools.pairwise(spans):
        if first[1] is None or then[0] < first[1]:
            yield finding(("life_stages", index), f"{stage!r}, which overlaps {earlier!r}", "life stages must not overlap")
        elif then[0] > first[1]:
            yield finding(("life_stages", index), f"{stage!r} after {earlier!r}", "life stages must follow on without a gap")
    for n_index, nutrient in enumerate(ref.nutrients):
        base: FieldPath = ("nutrients", n_index)
        limits: list[tuple[int, int, float, str]] = []  # (youngest month, row index, mg, population)
        covered: dict[str, int] = {}
        for r_index, row in enumerate(nutrient.upper_limits.rows):
            if row.mg > MAX_PLAUSIBLE_MG:
                yield finding((*base, "upper_limits", "rows", r_index, "mg"), f"{row.mg:g} mg",
                              f"expected at most {MAX_PLAUSIBLE_MG:,} mg a day: larger is a typo")
            if row.condition is not None:
                continue
            try:
                stages = ref.stages(row.population)
            except life_stages.LifeStageError:
                continue  # reported above
            for stage in stages:
                if stage in covered:
                    yield finding((*base, "upper_limits", "rows", r_index, "population"), f"{row.population!r}, which overlaps"
                                  f" rows[{covered[stage]}] at {stage}", "each life stage may have one upper limit")
                covered.setdefault(stage, r_index)
            limits.append((min(life_stages.span(s)[0] for s in stages), r_index, row.mg, row.population))
        limits.sort()
        # Through childhood a body only grows, so a limit does not fall; in adult life some do (calcium's, from 51).
        for (_a, _ri, younger_mg, younger), (start, r_index, mg, population) in itertools.pairwise(limits):
            if mg < younger_mg and start < ADULT_MONTHS:
                yield finding((*base, "upper_limits", "rows", r_index, "mg"), f"{mg:g} mg for {population}",
                              f"a limit may not fall with age in childhood ({younger} has {younger_mg:g} mg): check both against the source")
        total = "total" in nutrient.upper_limits.applies_to.lower()  # a limit on total intake bounds the RDA/AI too
        for r_index, intake in enumerate(nutrient.intakes.rows):
            loc: FieldPath = (*base, "intakes", "rows", r_index, "mg")
            if intake.mg > MAX_PLAUSIBLE_MG:
                yield finding(loc, f"{intake.mg:g} mg", f"expected at most {MAX_PLAUSIBLE_MG:,} mg a day: larger is a typo")
            elif total and intake.condition is None and intake.life_stage in covered:
                limit = nutrient.upper_limits.rows[covered[intake.life_stage]].mg
                if intake.mg > limit:
                    yield finding(loc, f"{intake.mg:g} mg for {intake.life_stage}, above the upper limit of {limit:g} mg",
                                  "an intake cannot exceed a limit on total intake: check both against the source")
