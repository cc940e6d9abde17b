"""Check dose tables: intakes against the RDA/AI, supplements against the UL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .document import Document
from .findings import FieldPath, Finding, did_you_mean, field_name, one_of
from .guide_schema import IntakeRow, IntakeTable, Page, SupplementRow, SupplementTable
from .life_stages import LifeStageError
from .quantities import Amount, AmountError, fmt_mg, parse_amount
from .reference import Nutrient, Reference

CONDITIONS = ("pregnancy", "lactation")


class RuleProblem(Exception):
    """A row that cannot be compared; carries the field and the finding's text."""

    def __init__(self, field: str, found: str, expected: str, source: str | None = None) -> None:
        super().__init__(expected)
        self.field, self.found, self.expected, self.source = field, found, expected, source


SUPERVISED_CEILING = 10  # a supervised amount beyond this many ULs is far likelier a typo than a prescription


@dataclass(frozen=True)
class Expected:
    """A reference value or span for a row, with its kind (RDA, AI, UL) and source."""

    low: float
    high: float
    label: str
    source: str


def check_doses(guide: Page, doc: Document, ref: Reference) -> Iterator[Finding]:
    """Check every row of every dose table."""
    source_ids = {s.id for s in guide.sources if s is not None}
    for t_index, table in enumerate(guide.doses):
        table_nutrient_known = table is None or ref.nutrient(table.nutrient) is not None
        if not table_nutrient_known:
            # Said once, at the table, rather than once per row that inherits it.
            names = ref.nutrient_names()
            where: FieldPath = ("doses", t_index, "nutrient")
            yield Finding(doc.path, doc.front.line_of(where), field_name(where), repr(table.nutrient),
                          f"expected one of {one_of(names)}{did_you_mean(table.nutrient, names)}")
        for r_index, row in enumerate(table.rows if table is not None else []):
            if row is None or (row.nutrient is None and not table_nutrient_known):
                continue
            loc: FieldPath = ("doses", t_index, "rows", r_index)
            try:
                if isinstance(table, IntakeTable):
                    yield from _intake_row(table, row, loc, doc, ref)  # type: ignore[arg-type]
                else:
                    yield from _supplement_row(table, row, loc, doc, ref, source_ids)  # type: ignore[arg-type]
            except RuleProblem as problem:
                where = loc + (problem.field,)
                line = doc.front.line_of(where)
                yield Finding(doc.path, line, field_name(where), problem.found, problem.expected, problem.source)


def _nutrient(table: IntakeTable | SupplementTable, row: IntakeRow | SupplementRow, ref: Reference) -> Nutrient:
    """Find the row's nutrient, which the row may override."""
    name = row.nutrient or table.nutrient
    nutrient = ref.nutrient(name)
    if nutrient is None:
        names = ref.nutrient_names()
        raise RuleProblem("nutrient", repr(name), f"expected one of {one_of(names)}{did_you_mean(name, names)}")
    return nutrient


def _amount(row: IntakeRow | SupplementRow) -> Amount:
    """Parse the row's amount."""
    try:
        return parse_amount(row.amount)
    except AmountError as exc:
        raise RuleProblem("amount", repr(row.amount) if isinstance(row.amount, str) else str(row.amount), str(exc)) from None


def _stages(text: str, field: str, ref: Reference) -> list[str]:
    """Resolve a life stage or population to reference stages."""
    try:
        return ref.stages(text)
    except LifeStageError as exc:
        raise RuleProblem(field, repr(text), str(exc)) from None


def expected_intake(nutrient: Nutrient, stages: list[str], sex: str | None, condition: str | None) -> Expected:
    """Return the RDA/AI span for stages, sex and condition, or raise RuleProblem."""
    values: list[float] = []
    labels: set[str] = set()
    sources: set[str] = set()
    for stage in stages:
        rows = [v for v in nutrient.intakes.rows if v.life_stage == stage and v.condition == condition]
        if condition:
            rows = [v for v in rows if v.sex in ("female", "both")]
            if not rows:
                raise RuleProblem("life_stage", stage, f"reference gives no {condition} value for {stage}")
        elif sex:
            rows = [v for v in rows if v.sex in (sex, "both")]
        elif len({v.mg for v in rows}) > 1:
            given = ", ".join(f"{fmt_mg(v.mg, v.mg)} for {v.sex}" for v in rows)
            raise RuleProblem("sex", "nothing", f"reference says {given} at {stage}: add sex: male or sex: female")
        if not rows:
            raise RuleProblem("life_stage", stage, f"reference gives no {nutrient.name} intake for {stage}")
        values.append(rows[0].mg)
        labels.add(rows[0].type)
        sources.add(rows[0].source or nutrient.intakes.source)
    return Expected(min(values), max(values), "/".join(sorted(labels, reverse=True)), ", ".join(sorted(sources)))


def _intake_row(table: IntakeTable, row: IntakeRow, loc: FieldPath, doc: Document, ref: Reference) -> list[Finding]:
    """Compare an intake row with the RDA/AI, exactly."""
    nutrient = _nutrient(table, row, ref)
    if row.condition and row.sex == "male":
        raise RuleProblem("sex", "'male'", f"expected female or no sex with condition: {row.condition}")
    amount = _amount(row)
    stages = _stages(row.life_stage, "life_stage", ref)
    expected = expected_intake(nutrient, stages, row.sex, row.condition)
    who = ", ".join(p for p in (row.life_stage, row.sex, row.condition) if p)
    if (round(amount.low_mg, 6), round(amount.high_mg, 6)) != (round(expected.low, 6), round(expected.high, 6)):
        raise RuleProblem(
            "amount",
            f"{amount.text} for {who}",
            f"reference says {fmt_mg(expected.low, expected.high)} ({expected.label} for {', '.join(stages)})",
            expected.source,
        )
    return []


def upper_limit(nutrient: Nutrient, population: str, ref: Reference) -> Expected:
    """Return the lowest UL that applies to anyone in `population`, or raise RuleProblem."""
    limits = nutrient.upper_limits
    if population.strip().lower() in CONDITIONS:
        condition = population.strip().lower()
        rows = [r for r in limits.rows if r.condition == condition]
        if not rows:
            raise RuleProblem("population", repr(population), f"reference gives no {nutrient.name} UL for {condition}")
        best = min(rows, key=lambda r: r.mg)
        return Expected(best.mg, best.mg, f"UL for {condition}", best.source or limits.source)
    stages = _stages(population, "population", ref)
    chosen = []
    for stage in stages:
        rows = [r for r in limits.rows if r.condition is None and stage in ref.stages(r.population)]
        if not rows:
            raise RuleProblem(
                "population", repr(population), f"reference sets no {nutrient.name} UL for {stage} (not established)"
            )
        chosen.append(min(rows, key=lambda r: r.mg))
    best = min(chosen, key=lambda r: r.mg)
    return Expected(best.mg, best.mg, f"UL for {population}", best.source or limits.source)


def _supplement_row(
    table: SupplementTable, row: SupplementRow, loc: FieldPath, doc: Document, ref: Reference, source_ids: set[str]
) -> list[Finding]:
    """Compare a supplement row's high end, as elemental amount, with the UL."""
    nutrient = _nutrient(table, row, ref)
    amount = _amount(row)
    form = None
    if row.form is not None:
        form = ref.form(row.form)
        if form is None:
            names = [f.id for f in ref.forms]
            raise RuleProblem(
                "form", repr(row.form), f"expected a reference form: {one_of(names)}{did_you_mean(row.form, ref.form_names())}"
            )
    low, high = amount.low_mg, amount.high_mg
    if row.basis == "compound":
        if nutrient.id != "magnesium":
            raise RuleProblem("basis", "'compound'", f"expected elemental: compound weights are known only for magnesium forms, not {nutrient.name}")
        if form is None:
            raise RuleProblem("form", "nothing", "a form is required with basis: compound, to convert the weight to elemental magnesium")
        low, high = low * form.fraction_low, high * form.fraction_high
    if row.supervised and not row.source:
        raise RuleProblem("source", "nothing", "supervised: true needs source: naming one of the guide's sources")
    limit = upper_limit(nutrient, row.population, ref)
    if high <= limit.high + 1e-9:
        return []
    basis = "elemental" if row.basis == "elemental" else f"compound, about {fmt_mg(round(low), round(high))} elemental"
    found = f"{amount.text} {basis}"
    said = f"reference says the {limit.label} is {fmt_mg(limit.high, limit.high)} of {nutrient.name} ({nutrient.upper_limits.applies_to})"
    if row.supervised and high > SUPERVISED_CEILING * limit.high:
        raise RuleProblem("amount", found, f"{said}; even supervised, more than {SUPERVISED_CEILING} times the UL"
                          f" ({fmt_mg(SUPERVISED_CEILING * limit.high, SUPERVISED_CEILING * limit.high)}) is refused as a likely typo",
                          limit.source)
    if row.supervised and row.source:
        # An unknown source id is reported by the source check; the row is still meant as supervised.
        where = loc + ("amount",)
        return [Finding(doc.path, doc.front.line_of(where), field_name(where), found,
                             said + f"; published as supervised, citing {row.source}", limit.source, "warning")]
    hint = ""
    if row.basis == "elemental" and form is not None and high * form.fraction_high <= limit.high + 1e-9:
        as_compound = fmt_mg(round(low * form.fraction_low), round(high * form.fraction_high))
        form_name = form.name[0].lower() + form.name[1:]
        hint = (f"; as the weight of {form_name}, {amount.text} is about {as_compound} elemental:"
                " set basis: compound if the label gives the compound weight")
    elif not row.supervised:
        hint = "; lower the high end, or mark the row supervised: true with a source: from the guide's sources"
    raise RuleProblem("amount", found, said + hint, limit.source)
