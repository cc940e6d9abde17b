"""Property-based tests: the parsers and the whole validator report problems, never crash."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import REFERENCE, check
from dosecheck.document import parse
from dosecheck.findings import Finding
from dosecheck.guide_schema import FIELDS, Guide
from dosecheck.quantities import MASS_UNITS, Amount, AmountError, fmt, fmt_mg, parse_amount
from dosecheck.reference import Reference
from dosecheck.servings import MEASURES, Serving, ServingError, parse_serving
from dosecheck.validate import validate

FAST = settings(max_examples=150, deadline=None, database=None)
SLOW = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Names from the reference file itself, read once, so strategies can offer them without the `ref` fixture.
_REF_DATA: dict[str, Any] = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
FORM_NAMES = sorted({name for form in _REF_DATA["forms"] for name in (form["id"], form["name"], *form.get("aliases", []))})
FOOD_NAMES = sorted({name for food in _REF_DATA["foods"] for name in (food["id"], *food.get("aliases", []))})
STAGES = sorted({*_REF_DATA["life_stages"], *_REF_DATA.get("life_stage_aliases", {})})

UNITS = sorted(MASS_UNITS)
SEPARATORS = ["-", "–", "—", " - ", " to "]
PER_DAY = ["", "/day", " /day", "/ day", " per day"]
HUGE = "9" * 400  # a number float() turns into inf


# --- amounts -----------------------------------------------------------------------------------


@st.composite
def decimal_texts(draw: st.DrawFn, max_whole: int = 99_999, max_places: int = 3) -> str:
    """A positive number with 0-3 decimals, as a writer would type it: `400`, `0.5`, `72.125`."""
    whole = draw(st.integers(0, max_whole))
    places = draw(st.integers(0, max_places))
    text = f"{whole}.{draw(st.integers(0, 10**places - 1)):0{places}d}" if places else str(whole)
    return text if Decimal(text) > 0 else "1"


@st.composite
def amount_texts(draw: st.DrawFn, units: list[str] = UNITS, whole_only_micro: bool = False) -> tuple[str, Decimal, Decimal, str]:
    """A valid amount text with its low and high ends and its unit."""
    unit = draw(st.sampled_from(units))
    places = 0 if whole_only_micro and unit not in ("mg", "g") else 3
    low, high = sorted(Decimal(draw(decimal_texts(max_places=places))) for _ in range(2))
    ranged = draw(st.booleans())
    span = f"{low}{draw(st.sampled_from(SEPARATORS))}{high}" if ranged else str(low)
    space = draw(st.sampled_from(["", " "]))
    text = f"{span}{space}{unit}{draw(st.sampled_from(PER_DAY))}"
    return text, low, high if ranged else low, unit


odd_objects = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.lists(st.integers() | st.text(max_size=5), max_size=3)
    | st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)
    | st.binary(max_size=10)
)


@FAST
@given(value=st.text() | odd_objects | amount_texts().map(lambda a: a[0]))
@example(value=10**400)  # an int too large for float()
@example(value=float("nan"))
@example(value=float("inf"))
@example(value=f"{HUGE} mg")
@example(value=f"{HUGE} mcg")
def test_parse_amount_returns_an_amount_or_raises_amount_error(value: object) -> None:
    try:
        amount = parse_amount(value)
    except AmountError as exc:
        assert str(exc).startswith("expected ")
    else:
        assert isinstance(amount, Amount)
        assert amount.unit in MASS_UNITS
        assert 0 < amount.low <= amount.high


@FAST
@given(amount=amount_texts())
def test_amounts_parse_to_their_written_ends(amount: tuple[str, Decimal, Decimal, str]) -> None:
    text, low, high, unit = amount
    parsed = parse_amount(text)
    assert (parsed.low, parsed.high, parsed.unit) == (float(low), float(high), unit)
    assert parse_amount(parsed.text) == parsed


@FAST
@given(amount=amount_texts(whole_only_micro=True))
def test_formatted_milligrams_parse_back_to_the_same_amount(amount: tuple[str, Decimal, Decimal, str]) -> None:
    """fmt_mg keeps three decimals, so micrograms are whole here: 1 mcg is 0.001 mg."""
    parsed = parse_amount(amount[0])
    again = parse_amount(fmt_mg(parsed.low_mg, parsed.high_mg))
    assert again.unit == "mg"
    assert again.low_mg == pytest.approx(parsed.low_mg, rel=1e-9)
    assert again.high_mg == pytest.approx(parsed.high_mg, rel=1e-9)


@FAST
@given(amount=amount_texts())
def test_amounts_formatted_in_their_own_unit_parse_back(amount: tuple[str, Decimal, Decimal, str]) -> None:
    parsed = parse_amount(amount[0])
    span = f"{fmt(parsed.low)}-{fmt(parsed.high)}" if parsed.is_range else fmt(parsed.low)
    again = parse_amount(f"{span} {parsed.unit}/day")
    assert (again.low_mg, again.high_mg) == (pytest.approx(parsed.low_mg, rel=1e-9), pytest.approx(parsed.high_mg, rel=1e-9))


@FAST
@given(ends=st.lists(decimal_texts(), min_size=2, max_size=2).map(lambda pair: sorted(pair, key=Decimal)))
def test_milligram_ranges_keep_their_ends(ends: list[str]) -> None:
    low, high = ends
    amount = parse_amount(f"{low}-{high} mg/day")
    assert (amount.low_mg, amount.high_mg) == (float(low), float(high))


@FAST
@given(x=decimal_texts())
def test_units_convert_consistently(x: str) -> None:
    mg = parse_amount(f"{x} mg").low_mg
    assert parse_amount(f"{x} g").low_mg == pytest.approx(1000 * mg, rel=1e-9)
    for micro in ("mcg", "µg", "μg"):
        assert parse_amount(f"{x} {micro}").low_mg == pytest.approx(mg / 1000, rel=1e-9, abs=1e-9)
    for unit in UNITS:
        assert parse_amount(f"{x} {unit.upper()}").low_mg == parse_amount(f"{x} {unit}").low_mg


@FAST
@given(ends=st.lists(decimal_texts(), min_size=2, max_size=2, unique_by=Decimal), unit=st.sampled_from(UNITS),
       separator=st.sampled_from(SEPARATORS), per=st.sampled_from(PER_DAY))
def test_inverted_ranges_ask_for_the_low_end_first(ends: list[str], unit: str, separator: str, per: str) -> None:
    low, high = sorted(ends, key=Decimal)
    with pytest.raises(AmountError) as caught:
        parse_amount(f"{high}{separator}{low} {unit}{per}")
    assert str(caught.value) == f"expected the low end first, like {low}-{high} {unit}/day"


ZEROS = ["0", "00", "0.0", "0.000", ".0", "0,000"]


@FAST
@given(
    template=st.sampled_from(["{z} {u}", "{z}-{x} {u}", "{x}-{z} {u}", "{z} to {z} {u}/day", "-{x} {u}", "−{x} {u}", " -{x}-{x} {u}", "-{z} {u}"]),
    zero=st.sampled_from(ZEROS),
    x=decimal_texts(),
    unit=st.sampled_from(UNITS),
)
def test_zero_and_negative_amounts_are_refused(template: str, zero: str, x: str, unit: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(template.format(z=zero, x=x, u=unit))
    assert str(caught.value) == "expected an amount above zero"


# --- servings ----------------------------------------------------------------------------------


@st.composite
def quantities(draw: st.DrawFn) -> tuple[str, Fraction]:
    """A serving quantity as written, with its exact value.

    Mixed numbers use denominators that end within three decimals (halves, quarters, fifths, eighths):
    describe() writes quantities of one or more as decimals rounded to three places, so `1 1/3` comes back
    as 1.333. Quantities stay below 10,000, which describe() would write with a thousands comma.
    """
    kind = draw(st.sampled_from(["whole", "fraction", "mixed", "decimal", "glyph"]))
    if kind == "whole":
        n = draw(st.integers(1, 9_999))
        return str(n), Fraction(n)
    if kind == "fraction":
        d = draw(st.integers(2, 64))
        n = draw(st.integers(1, d - 1))
        return f"{n}/{d}", Fraction(n, d)
    if kind == "mixed":
        d = draw(st.sampled_from([2, 4, 5, 8]))
        n, w = draw(st.integers(1, d - 1)), draw(st.integers(1, 999))
        return f"{w} {n}/{d}", w + Fraction(n, d)
    if kind == "decimal":
        text = draw(decimal_texts(max_whole=9_999))
        return text, Fraction(text)
    glyph, value = draw(st.sampled_from([("½", Fraction(1, 2)), ("¼", Fraction(1, 4)), ("¾", Fraction(3, 4)), ("⅛", Fraction(1, 8))]))
    w = draw(st.integers(0, 99))
    return (f"{w}{draw(st.sampled_from(['', ' ']))}{glyph}" if w else glyph), w + value


@FAST
@given(value=st.text() | odd_objects)
@example(value=f"{HUGE} cup")
@example(value="1/0 cup")
@example(value="0/0 cup")
def test_parse_serving_returns_a_serving_or_raises_serving_error(value: object) -> None:
    try:
        serving = parse_serving(value)
    except ServingError as exc:
        assert str(exc).startswith("expected ")
    else:
        assert isinstance(serving, Serving)
        assert serving.quantity > 0
        assert serving.measure in MEASURES.values()


@FAST
@given(quantity=quantities(), word=st.sampled_from(sorted(MEASURES)), case=st.sampled_from([str.lower, str.upper, str.title]))
def test_described_servings_parse_back_to_the_same_serving(quantity: tuple[str, Fraction], word: str, case: Any) -> None:
    text, value = quantity
    serving = parse_serving(f"{text} {case(word)}")
    assert (serving.quantity, serving.measure) == (value, MEASURES[word])
    again = parse_serving(serving.describe())
    assert (again.quantity, again.measure) == (serving.quantity, serving.measure)


# --- the whole validator -----------------------------------------------------------------------

FIELD_NAMES = sorted({name for model in FIELDS.values() for name in model.model_fields} | {"kind", "rows"})
PLAUSIBLE = [
    "supplement", "intake", "elemental", "compound", "magnesium", "male", "female", "pregnancy", "lactation",
    "ods-magnesium", "fnb-dri-1997", "https://example.org/", "400 mg/day", "100-350 mg", "1/2 cup", "1 oz", "",
    f"{HUGE} mg", f"{HUGE} oz", *FORM_NAMES[:6], *FOOD_NAMES[:6], *STAGES[:6],
]
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates() | st.datetimes()
    | st.sampled_from(PLAUSIBLE) | amount_texts().map(lambda a: a[0])
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(FIELD_NAMES), children, max_size=5),
    max_leaves=15,
)
rows = st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=6)
tables = st.fixed_dictionaries(
    {"caption": st.just("Table"), "kind": st.sampled_from(["intake", "supplement"]), "rows": st.lists(rows, max_size=3)},
    optional={"nutrient": scalars, "id": scalars},
)
BASE_GUIDE: dict[str, Any] = {
    "title": "Test guide", "date": "2026-01-10", "category": "Test topic", "summary": "A test.", "last_reviewed": "2026-11-20",
    "sources": [{"id": "ods-magnesium", "title": "Magnesium", "url": "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"}],
}
fronts = st.builds(
    lambda base, extra: {**(BASE_GUIDE if base else {}), **extra},
    st.booleans(),
    st.dictionaries(st.sampled_from(sorted(Guide.model_fields)), values, max_size=8)
    | st.fixed_dictionaries({}, optional={"doses": st.lists(tables, max_size=2), "foods": st.lists(rows, max_size=3),
                                          "forms": st.lists(rows, max_size=2), "next_review_due": scalars, "modified": scalars}),
)
bodies = st.text() | st.lists(
    st.sampled_from(["Body.", "| Form | Dose |", "|---|---|", "| oxide | 400 mg |", "<table><td>5 g</td></table>", "```",
                     "[[doses]]", "[[doses 2]]", "[[foods]]", "[[faqs x]]", "---", "..."]) | st.text(max_size=10),
    max_size=8,
).map("\n".join)


def assert_only_findings(findings: object) -> None:
    """Check a validator result is a list of findings about g.md."""
    assert isinstance(findings, list)
    assert all(isinstance(f, Finding) for f in findings)
    assert all(str(f).startswith("g.md") for f in findings)


def run(raw: bytes, ref: Reference) -> list[Finding]:
    """Parse and validate one guide file's bytes."""
    return validate(parse(raw, "g.md", "guide"), ref)


@SLOW
@given(front=st.text(), body=bodies)
@example(front="x: &a [*a]", body="Body.")  # a recursive YAML alias
@example(front="a: &a {b: *a}", body="Body.")
@example(front="title: x\nmodified: 2026-01-01", body="Body.")  # a guide with modified: but no date:
def test_validator_never_crashes_on_any_front_matter_text(ref: Reference, front: str, body: str) -> None:
    assert_only_findings(run(f"---\n{front}\n---\n{body}".encode(), ref))


@SLOW
@given(front=fronts, body=bodies)
@example(  # an int amount too large for float()
    front={**BASE_GUIDE, "doses": [{"caption": "S", "kind": "supplement", "rows": [{"amount": 10**400}]}]}, body="Body.",
)
@example(  # an amount that overflows to inf, on a compound basis
    front={**BASE_GUIDE, "doses": [{"caption": "S", "kind": "supplement", "rows": [{"form": "oxide", "basis": "compound", "amount": f"{HUGE} mg"}]}]},
    body="Body.",
)
@example(front={"modified": 0}, body="")  # a guide with modified: but no date:
@example(front={"title": "x", "next_review_due": datetime.date(2026, 1, 1)}, body="")  # next_review_due: but no last_reviewed:
@example(  # a serving too large for float()
    front={**BASE_GUIDE, "foods": [{"food": "almonds, dry roasted", "serving": f"{HUGE} oz", "magnesium_mg": 80}]}, body="Body.",
)
def test_validator_never_crashes_on_structured_front_matter(ref: Reference, front: dict[str, Any], body: str) -> None:
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    assert_only_findings(run(f"---\n{text}---\n{body}".encode(), ref))


@SLOW
@given(raw=st.binary() | st.binary().map(lambda b: b"---\n" + b + b"\n---\nBody\n"))
@example(raw=b"---\ntitle: \xff\n---\n")
@example(raw=b"\xef\xbb\xbf---\ntitle: x\n---\n")
def test_validator_never_crashes_on_any_bytes(ref: Reference, raw: bytes) -> None:
    assert_only_findings(run(raw, ref))


# --- rows inside a valid guide -----------------------------------------------------------------

row_amounts = (
    st.text() | amount_texts().map(lambda a: a[0]) | st.integers() | st.floats()
    | st.integers(1, 400).map(lambda n: "9" * n + " mg")
)


def dump_rows(key: str, table: dict[str, Any] | None, row: dict[str, Any]) -> str:
    """Front matter, after GUIDE_HEAD, holding one row under `key` (in a dose table when given)."""
    return yaml.safe_dump({key: [{**table, "rows": [row]}] if table else [row]}, allow_unicode=True, sort_keys=False)


@SLOW
@given(
    amount=row_amounts,
    form=st.none() | st.sampled_from(FORM_NAMES) | st.text(max_size=15),
    basis=st.sampled_from(["elemental", "compound"]) | st.text(max_size=10),
    population=st.none() | st.sampled_from([*STAGES, "pregnancy", "lactation"]) | st.text(max_size=15),
    supervised=st.booleans(),
)
@example(amount=10**400, form=None, basis="elemental", population=None, supervised=False)
@example(amount=f"{HUGE} mg", form="oxide", basis="compound", population=None, supervised=False)
@example(amount=f"{HUGE} mg", form="oxide", basis="elemental", population=None, supervised=True)
def test_random_supplement_rows_give_only_findings(
    ref: Reference, amount: object, form: str | None, basis: str, population: str | None, supervised: bool
) -> None:
    row: dict[str, Any] = {"amount": amount, "basis": basis, "supervised": supervised, "source": "ods-magnesium"}
    if form is not None:
        row["form"] = form
    if population is not None:
        row["population"] = population
    lines = check(ref, dump_rows("doses", {"caption": "Supplements", "kind": "supplement"}, row))
    assert all(line.startswith(("g.md", "warning: g.md")) for line in lines)


@SLOW
@given(
    amount=row_amounts,
    life_stage=st.sampled_from(STAGES) | st.text(max_size=15),
    sex=st.none() | st.sampled_from(["male", "female"]),
    condition=st.none() | st.sampled_from(["pregnancy", "lactation"]),
)
@example(amount=10**400, life_stage="19-30 years", sex="male", condition=None)
def test_random_intake_rows_give_only_findings(ref: Reference, amount: object, life_stage: str, sex: str | None, condition: str | None) -> None:
    row: dict[str, Any] = {"life_stage": life_stage, "amount": amount}
    row.update({k: v for k, v in (("sex", sex), ("condition", condition)) if v is not None})
    lines = check(ref, dump_rows("doses", {"caption": "Intake", "kind": "intake"}, row))
    assert all(line.startswith(("g.md", "warning: g.md")) for line in lines)


@SLOW
@given(
    food=st.sampled_from(FOOD_NAMES) | st.text(max_size=15),
    serving=quantities().flatmap(lambda q: st.sampled_from(sorted(MEASURES)).map(lambda m: f"{q[0]} {m}")) | st.text(max_size=15),
    magnesium_mg=st.integers() | st.floats(allow_nan=False, allow_infinity=False),
)
@example(food="almonds, dry roasted", serving=f"{HUGE} oz", magnesium_mg=80)  # listed serving: scaled with float()
@example(food="almonds, dry roasted", serving=f"{HUGE} g", magnesium_mg=80)  # gram weight: scaled with float()
def test_random_food_rows_give_only_findings(ref: Reference, food: str, serving: str, magnesium_mg: float) -> None:
    lines = check(ref, dump_rows("foods", None, {"food": food, "serving": serving, "magnesium_mg": magnesium_mg}))
    assert all(line.startswith(("g.md", "warning: g.md")) for line in lines)


# --- checked figures and prose ---------------------------------------------------------------------

_NUTRIENTS = {n["id"]: n for n in _REF_DATA["nutrients"]}
INTAKE_ROWS = [(n["name"], r) for n in _REF_DATA["nutrients"] for r in n["intakes"]["rows"]]
LISTED_FOODS = [f for f in _REF_DATA["foods"] if f.get("listed")]
MEASURED_FOODS = [(f, m) for f in _REF_DATA["foods"] for m in f.get("measures", {})]


def _shown(mg: float) -> str:
    """How a figure prints a reference value: whole mg from 100 up, else one decimal, thousands separated."""
    rounded = round(mg, 1) if mg < 100 else round(mg)
    return f"{rounded:,.1f}".rstrip("0").rstrip(".")


@FAST
@given(row=st.sampled_from(INTAKE_ROWS), case=st.sampled_from([str.lower, str.upper, str.title]), spaces=st.sampled_from(["", " ", "  "]))
def test_every_intake_look_up_shows_the_reference_value(ref: Reference, row: tuple[str, dict[str, Any]], case: Any, spaces: str) -> None:
    from dosecheck.figures import check_figure

    nutrient, value = row
    parts = [value["life_stage"], case(nutrient)]
    if value.get("condition"):
        parts.append(value["condition"])
    elif value["sex"] != "both":
        parts.append(case(value["sex"]))
    shown = check_figure("intake:" + spaces + f"{spaces};{spaces}".join(parts), ref).text
    assert shown == f"{_shown(value['mg'])} mg a day"


@FAST
@given(food=st.sampled_from(LISTED_FOODS))
def test_every_listed_food_look_up_shows_the_fact_sheet_value(ref: Reference, food: dict[str, Any]) -> None:
    from dosecheck.figures import check_figure
    from dosecheck.quantities import whole

    assert check_figure(f"food: {food['id']}; {food['listed']['serving']}", ref).text == f"{whole(food['listed']['magnesium_mg']):,} mg"


@FAST
@given(pair=st.sampled_from(MEASURED_FOODS), count=st.sampled_from(["1", "2", "1/2"]))
def test_every_measured_food_look_up_shows_usda_per_100_g_times_the_weight(ref: Reference, pair: tuple[dict[str, Any], str], count: str) -> None:
    from dosecheck.figures import check_figure
    from dosecheck.quantities import whole

    food, measure = pair
    listed = food.get("listed")
    if listed and parse_serving(listed["serving"]).measure == measure:
        return  # the fact sheet's own measure: the previous property
    mg = food["mg_per_100g"] * food["measures"][measure] * float(Fraction(count)) / 100
    assert check_figure(f"food: {food['id']}; {count} {measure}", ref).text == f"{whole(mg):,} mg"


@FAST
@given(form=st.sampled_from(_REF_DATA["forms"]), grams=st.integers(1, 5000))
def test_every_share_and_elemental_look_up_uses_the_reference_share(ref: Reference, form: dict[str, Any], grams: int) -> None:
    from dosecheck.figures import check_figure
    from dosecheck.quantities import whole

    shares = sorted(set(form["elemental_percent"]))
    assert check_figure(f"share: {form['id']}", ref).text == "–".join(f"{_shown(p)}%" for p in shares)
    low, high = (whole(grams * Decimal(str(p)) / 100) for p in (shares[0], shares[-1]))
    expected = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    assert check_figure(f"elemental: {grams} mg; {form['id']}", ref).text == f"{expected} mg"


@FAST
@given(nutrient=st.sampled_from(sorted(_NUTRIENTS)), stage=st.sampled_from(_REF_DATA["life_stages"]))
def test_every_limit_look_up_shows_the_lowest_limit_covering_the_stage(ref: Reference, nutrient: str, stage: str) -> None:
    from dosecheck.figures import FigureProblem, check_figure

    rows = [r for r in _NUTRIENTS[nutrient]["upper_limits"]["rows"] if not r.get("condition") and stage in ref.stages(r["population"])]
    try:
        shown = check_figure(f"limit: {stage}; {_NUTRIENTS[nutrient]['name']}", ref).text
    except FigureProblem as problem:
        assert not rows and "not established" in problem.expected
        return
    assert shown == f"{_shown(min(r['mg'] for r in rows))} mg a day"


# Every mass or molar unit has a g, an l or a q (mg, g, mcg, µg, ug, mmol, mEq, ㎎ and ㎍ left out too): text without
# them holds numbers, words and punctuation of every kind, but no unit.
PROSE_WORDS = st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "Zs"),
                                             blacklist_characters="gGlLqQ\u338e\u338d&<>[]{}`*_#|\\!"), max_size=80)


@SLOW
@given(words=st.lists(PROSE_WORDS, max_size=6))
def test_prose_without_a_unit_never_raises_a_finding(ref: Reference, words: list[str]) -> None:
    body = "\n\n".join(w for w in words if w.strip())
    assert check(ref, "", body + "\n") == []
