"""Checked figures in prose: `{{limit: adults}}` looks a value up, `{{dose: 100-350 mg/day; glycinate}}` claims one."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .checked import Expected
from .findings import did_you_mean, one_of
from .life_stages import LifeStageError
from .quantities import Amount, AmountError, parse_amount, whole
from .reference import Authority, Food, Form, Nutrient, Reference
from .rules.doses import CONDITIONS, RuleProblem, expected_intake, upper_limit
from .rules.foods import FOOD_MIN_SLACK_MG, FOOD_TOLERANCE, food_reference_mg, food_sources, no_weight
from .servings import Serving, ServingError, parse_serving

# `{{kind}}` or `{{kind: arg; arg}}`; a figure may wrap across lines in a Markdown paragraph.
FIGURE = re.compile(r"\{\{([^{}]*)\}\}")
_HEAD = re.compile(r"^\s*([A-Za-z][\w-]*)\s*(?::(.*))?$", re.DOTALL)
MG_UNITS = ("mg", "mcg", "µg", "μg")


class FigureProblem(Exception):
    """A figure that names nothing or claims what the reference does not say."""

    def __init__(self, expected: str, source: str | None = None) -> None:
        super().__init__(expected)
        self.expected, self.source = expected, source


@dataclass(frozen=True)
class Checked:
    """A figure that passed: the text a reader sees, what it is, and the reference sources behind it."""

    text: str
    label: str
    refs: tuple[str, ...]

    def title(self, ref: Reference) -> str:
        """Say what the figure is, for the element's title; `data-ref` names its sources, which the page lists in full
        once (a title per figure repeating them cost a guide about a kilobyte)."""
        return self.label


@dataclass
class Args:
    """A figure's arguments, sorted by what each one is."""

    amount: Amount | None = None
    basis: str | None = None
    sex: str | None = None
    condition: str | None = None
    nutrient: Nutrient | None = None
    form: Form | None = None
    food: Food | None = None
    serving: Serving | None = None
    stage: str | None = None
    authority: Authority | None = None
    given: list[str] = field(default_factory=list)


# What each argument may be, in the order it is tried, and how a writer reads its name.
_WHAT = {
    "amount": "an amount (100-350 mg/day)", "basis": "compound or elemental", "sex": "male or female",
    "condition": "pregnancy or lactation", "nutrient": "a nutrient (magnesium, zinc)", "form": "a form (glycinate)",
    "food": "a food (almonds)", "serving": "a serving (1 oz)", "stage": "a life stage (19-30 years, adults)",
    "authority": "an authority (US, EU)",
}
_ONE = {
    "amount": "amount", "basis": "basis", "sex": "sex", "condition": "condition", "nutrient": "nutrient", "form": "form",
    "food": "food", "serving": "serving", "stage": "life stage", "authority": "authority",
}


@dataclass(frozen=True)
class Kind:
    """One kind of figure: the arguments it takes, those it needs, and how it is checked."""

    takes: tuple[str, ...]
    needs: tuple[str, ...]
    check: Callable[[Args, Reference], Checked]
    example: str


def parse_figure(spec: str, ref: Reference) -> tuple[str, Args]:
    """Split `kind: a; b` and sort each argument; raise FigureProblem when one is unknown."""
    head = _HEAD.match(spec)
    if head is None:
        raise FigureProblem(f"expected a figure like {KINDS['limit'].example}; the kinds are {one_of(list(KINDS))}")
    name = head[1].lower()
    kind = KINDS.get(name)
    if kind is None:
        raise FigureProblem(f"expected a kind of figure: {one_of(list(KINDS))}{did_you_mean(name, KINDS)}")
    args = Args()
    for raw in (head[2] or "").split(";"):
        token = " ".join(raw.split())
        if not token:
            continue
        what, value = _classify(token, name, kind, ref)
        if getattr(args, what) is not None:
            raise FigureProblem(f"expected one {_ONE[what]}, not two; write it like {kind.example}")
        setattr(args, what, value)
        args.given.append(what)
    missing = [w for w in kind.needs if getattr(args, w) is None]
    if missing:
        raise FigureProblem(f"expected {one_of([_WHAT[w] for w in missing]).replace(' or ', ' and ')}; write it like {kind.example}")
    return name, args


def _classify(token: str, name: str, kind: Kind, ref: Reference) -> tuple[str, object]:
    """Say what one argument is, trying only what this kind of figure takes."""
    lowered = token.lower()
    for what in kind.takes:
        value = _read(what, token, lowered, name, ref)
        if value is not None:
            return what, value
    names = [*ref.nutrient_names(), *ref.form_names(), *ref.food_names(), "compound", "elemental", "male", "female", *CONDITIONS]
    allowed = one_of([_WHAT[w] for w in kind.takes])
    raise FigureProblem(f"expected {allowed}; {token!r} is none of them{did_you_mean(token, names)}")


def _read(what: str, token: str, lowered: str, name: str, ref: Reference) -> object | None:
    """Read a token as one kind of argument, or return None."""
    if what == "amount":
        try:
            amount = parse_amount(token)
        except AmountError:
            return None
        # A food claim is in milligrams; `100 g` there is a serving.
        return None if name == "food" and amount.unit not in MG_UNITS else amount
    if what == "basis":
        return lowered if lowered in ("compound", "elemental") else None
    if what == "sex":
        return lowered if lowered in ("male", "female") else None
    if what == "condition":
        return lowered if lowered in CONDITIONS else None
    if what == "nutrient":
        return ref.nutrient(token)
    if what == "form":
        return ref.form(token)
    if what == "food":
        return ref.food(token)
    if what == "serving":
        try:
            return parse_serving(token)
        except ServingError:
            return None
    if what == "authority":
        return ref.authority(token)
    try:
        ref.stages(token)
    except LifeStageError:
        return None
    return token


def check_figure(spec: str, ref: Reference) -> Checked:
    """Check one figure's text (between the braces) against the reference; raise FigureProblem when it fails."""
    name, args = parse_figure(spec, ref)
    try:
        return KINDS[name].check(args, ref)
    except RuleProblem as problem:
        raise FigureProblem(problem.expected, problem.source) from None


# ---- how figures read -------------------------------------------------------------------------

def number(value: float) -> str:
    """Format a number for prose: 1,000, 72, 0.5, 14.1."""
    rounded = round(value, 1) if value < 100 else round(value)
    text = f"{rounded:,.1f}".rstrip("0").rstrip(".")
    return text


def span(low: float, high: float, unit: str = "mg", per_day: bool = False) -> str:
    """Format an amount or range for prose: `100–350 mg a day`."""
    figure = number(low) if number(low) == number(high) else f"{number(low)}–{number(high)}"
    return f"{figure} {unit}{' a day' if per_day else ''}"


def _lower(name: str) -> str:
    """Lower a name's first letter for use mid-sentence: magnesium glycinate."""
    return name[:1].lower() + name[1:]


def _per_day(amount: Amount) -> bool:
    """Say whether the writer gave the amount per day."""
    return bool(re.search(r"(/\s*day|per\s+day)\s*$", amount.text, re.IGNORECASE))


def _as_written(amount: Amount) -> str:
    """Show a claimed amount in the writer's unit."""
    return span(amount.low, amount.high, amount.unit, _per_day(amount))


# ---- the kinds ----------------------------------------------------------------------------------

def _nutrient(args: Args, ref: Reference) -> Nutrient:
    """Return the figure's nutrient: magnesium unless one is named."""
    nutrient = args.nutrient or ref.nutrient("magnesium")
    assert nutrient is not None  # the reference schema requires magnesium for every default
    return nutrient


def _population(args: Args) -> str:
    """Return the population a limit applies to: a life stage, a condition, or adults."""
    return args.condition or args.stage or "adults"


def _limits_nutrient(args: Args, ref: Reference) -> Nutrient:
    """Return the figure's nutrient with the limits of the authority it names (the site's unless one is named)."""
    nutrient = _nutrient(args, ref)
    if args.authority is None:
        return nutrient
    named = ref.limits_by(nutrient, args.authority.id)
    if named is None:
        raise FigureProblem(f"reference gives no {args.authority.short} upper limit for {nutrient.name}")
    return named


def _limit(args: Args, ref: Reference) -> Expected:
    """Return the upper limit that applies to the figure's population and nutrient."""
    return upper_limit(_limits_nutrient(args, ref), _population(args), ref)


def _limit_label(args: Args, ref: Reference, limit: Expected) -> str:
    """Describe an upper limit for a title, naming the authority that set it."""
    nutrient = _limits_nutrient(args, ref)
    authority = ref.authority_index[nutrient.upper_limits.authority]
    return (f"{authority.short} tolerable upper intake level for {_population(args)}:"
            f" {span(limit.high, limit.high, per_day=True)} of {nutrient.name} ({nutrient.upper_limits.applies_to})")


def _elemental(args: Args) -> tuple[float, float]:
    """Return the claimed amount as elemental mg, converting a compound weight with the form's share."""
    assert args.amount is not None
    low, high = args.amount.low_mg, args.amount.high_mg
    if args.basis != "compound":
        return low, high
    if args.nutrient is not None and args.nutrient.id != "magnesium":
        raise FigureProblem(f"expected elemental: compound weights are known only for magnesium forms, not {args.nutrient.name}")
    if args.form is None:
        raise FigureProblem("a form is needed with compound, to convert the weight to elemental magnesium")
    return args.form.elemental(low, high)


def check_limit(args: Args, ref: Reference) -> Checked:
    """Look up the upper limit, or check a claimed one equals it."""
    limit = _limit(args, ref)
    label = _limit_label(args, ref, limit)
    label = label[:1].upper() + label[1:]
    if args.amount is not None and not args.amount.equals_mg(limit.high, limit.high):
        whose = f"{args.authority.short} " if args.authority else ""
        raise FigureProblem(f"reference says the {whose}{limit.label} is {span(limit.high, limit.high, per_day=True)}"
                            f" of {_nutrient(args, ref).name}", limit.source)
    text = _as_written(args.amount) if args.amount is not None else span(limit.high, limit.high, per_day=True)
    return Checked(text, label, (limit.source,))


def check_dose(args: Args, ref: Reference) -> Checked:
    """Check a supplement amount is within the upper limit, as elemental magnesium."""
    assert args.amount is not None
    low, high = _elemental(args)
    limit = _limit(args, ref)
    nutrient = _nutrient(args, ref)
    if high > limit.high + 1e-9:
        counted = "" if args.basis != "compound" else f" (about {span(whole(low), whole(high))} elemental)"
        raise FigureProblem(
            f"reference says the {limit.label} is {span(limit.high, limit.high, per_day=True)} of {nutrient.name}"
            f" ({nutrient.upper_limits.applies_to}); {_as_written(args.amount)}{counted} is above it: lower the amount,"
            " or write {{above: ...}} if the sentence says it is too much", limit.source)
    what = f"{_lower(args.form.name)} " if args.form else ""
    counted = "weight of the compound" if args.basis == "compound" else f"elemental {nutrient.name}"
    return Checked(_as_written(args.amount), f"A supplement amount of {what}({counted}) within the {_limit_label(args, ref, limit)}",
                   (limit.source,))


def check_above(args: Args, ref: Reference) -> Checked:
    """Check an amount said to be too much is above the upper limit, at its low end."""
    assert args.amount is not None
    low, _high = _elemental(args)
    limit = _limit(args, ref)
    if low <= limit.high + 1e-9:
        raise FigureProblem(f"reference says the {limit.label} is {span(limit.high, limit.high, per_day=True)}"
                            f" of {_nutrient(args, ref).name}; {_as_written(args.amount)} is not above it:"
                            " write {{limit}} for the limit itself, or {{dose: ...}} for an amount within it", limit.source)
    return Checked(_as_written(args.amount), f"Above the {_limit_label(args, ref, limit)}", (limit.source,))


def check_intake(args: Args, ref: Reference) -> Checked:
    """Look up the RDA or AI for a life stage, sex and condition, or check a claimed one equals it."""
    assert args.stage is not None
    nutrient = _nutrient(args, ref)
    if args.condition and args.sex == "male":
        raise FigureProblem(f"expected female or no sex with {args.condition}")
    stages = ref.stages(args.stage)
    if args.sex or args.condition:
        expected = expected_intake(nutrient, stages, args.sex, args.condition)
    else:
        # Prose may give the span for both sexes ("310-420 mg a day, depending on age and sex").
        both = [expected_intake(nutrient, stages, sex, None) for sex in ("male", "female")]
        expected = Expected(min(e.low for e in both), max(e.high for e in both), both[0].label,
                            ", ".join(sorted({e.source for e in both})))
    who = ", ".join(p for p in (args.stage, args.sex or ("" if args.condition else "male and female"), args.condition) if p)
    value = span(expected.low, expected.high, per_day=True)
    if args.amount is not None and not args.amount.equals_mg(expected.low, expected.high):
        raise FigureProblem(f"reference says {value} of {nutrient.name} ({expected.label} for {who})", expected.source)
    text = _as_written(args.amount) if args.amount is not None else value
    label = f"{expected.label} of {nutrient.name} for {who}, from food and supplements together: {value}"
    return Checked(text, label, tuple(expected.source.split(", ")))


def check_food(args: Args, ref: Reference) -> Checked:
    """Look up the magnesium in a serving of a food, or check a claimed amount is within 10% of it."""
    assert args.food is not None and args.serving is not None
    food, serving = args.food, args.serving
    reached = food_reference_mg(food, serving)
    if reached is None:
        raise FigureProblem(no_weight(food, serving))
    mg, how = reached
    sources = food_sources(food, how)
    label = f"Magnesium in {serving.describe()} of {food.id}: about {span(whole(mg), whole(mg))}"
    if args.amount is None:
        return Checked(span(whole(mg), whole(mg)), label, sources)
    claimed = args.amount.high_mg
    if args.amount.is_range or abs(claimed - mg) > max(FOOD_TOLERANCE * mg, FOOD_MIN_SLACK_MG):
        raise FigureProblem(f"reference says {span(whole(mg), whole(mg))} per {serving.describe()} of {food.id} (within 10%)", how)
    return Checked(_as_written(args.amount), label, sources)


def check_share(args: Args, ref: Reference) -> Checked:
    """Look up the share of a form's weight that is magnesium."""
    assert args.form is not None
    share = "–".join(f"{number(p)}%" for p in sorted(set(args.form.elemental_percent)))
    return Checked(share, f"Elemental magnesium by weight of {_lower(args.form.name)}: {share}", tuple(args.form.source))


def check_elemental(args: Args, ref: Reference) -> Checked:
    """Look up the elemental magnesium in a compound weight of a form."""
    assert args.amount is not None and args.form is not None
    form = args.form
    low, high = form.elemental(args.amount.low_mg, args.amount.high_mg)
    text = span(whole(low), whole(high), per_day=_per_day(args.amount))
    share = "–".join(f"{number(p)}%" for p in sorted(set(form.elemental_percent)))
    return Checked(text, f"Elemental magnesium in {_as_written(args.amount)} of {_lower(form.name)} ({share} by weight)", tuple(form.source))


def check_dv(args: Args, ref: Reference) -> Checked:
    """Look up the Daily Value printed on US labels, or check a claimed one equals it."""
    nutrient = _nutrient(args, ref)
    dv = nutrient.daily_value
    if dv is None:
        raise FigureProblem(f"reference gives no Daily Value for {nutrient.name}")
    value = span(dv.mg, dv.mg)
    if args.amount is not None and not args.amount.equals_mg(dv.mg, dv.mg):
        raise FigureProblem(f"reference says the Daily Value is {value} of {nutrient.name}", dv.source)
    text = _as_written(args.amount) if args.amount is not None else value
    return Checked(text, f"Daily Value of {nutrient.name} on US labels, for {dv.population}: {value}", (dv.source,))


KINDS: dict[str, Kind] = {
    "limit": Kind(("amount", "condition", "nutrient", "stage", "authority"), (), check_limit, "{{limit: adults}}"),
    "dose": Kind(("amount", "basis", "condition", "nutrient", "form", "stage"), ("amount",), check_dose,
                 "{{dose: 100-350 mg/day; glycinate}}"),
    "above": Kind(("amount", "basis", "condition", "nutrient", "form", "stage"), ("amount",), check_above,
                  "{{above: 1,000 mg/day}}"),
    "intake": Kind(("amount", "sex", "condition", "nutrient", "stage"), ("stage",), check_intake,
                   "{{intake: 19-30 years; female}}"),
    "food": Kind(("amount", "food", "serving"), ("food", "serving"), check_food, "{{food: almonds; 1 oz}}"),
    "share": Kind(("form",), ("form",), check_share, "{{share: oxide}}"),
    "elemental": Kind(("amount", "form"), ("amount", "form"), check_elemental, "{{elemental: 1-2 g; threonate}}"),
    "dv": Kind(("amount", "nutrient"), (), check_dv, "{{dv}}"),
}
