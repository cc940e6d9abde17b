"""Check dose tables: intakes against the RDA/AI, supplements against the UL; return the rows as checked."""

from __future__ import annotations

from ..checked import Beyond, DoseTableLines, Expected, IntakeLine, SupplementLine
from ..document import Document
from ..findings import FieldPath, Finding, did_you_mean, one_of
from ..guide_schema import IntakeRow, IntakeTable, Page, Source, SupplementRow, SupplementTable
from ..life_stages import LifeStageError, span
from ..quantities import Amount, AmountError, fmt_mg, parse_amount, whole
from ..reference import Nutrient, Reference
from . import finding_at
from .forms import unknown_form

CONDITIONS = ("pregnancy", "lactation")
ADULT_MONTHS = 19 * 12  # a supervised amount above the UL is never published for anyone younger
SUPERVISED_FACTOR = 2  # without a supervised ceiling in the reference, twice the UL at most
SUPERVISED_KINDS = ("study", "guideline")  # what may support an amount above the UL


class RuleProblem(Exception):
    """A row that cannot be compared; carries the field and the finding's text."""

    def __init__(self, field: str, found: str, expected: str, source: str | None = None) -> None:
        super().__init__(expected)
        self.field, self.found, self.expected, self.source = field, found, expected, source


def check_doses(guide: Page, doc: Document, ref: Reference) -> tuple[list[Finding], list[DoseTableLines | None]]:
    """Check every row of every dose table; return the findings and each table as checked (None when a row failed)."""
    sources = {s.id: s for s in guide.sources if s is not None}
    findings: list[Finding] = []
    tables: list[DoseTableLines | None] = []
    for t_index, table in enumerate(guide.doses):
        nutrient = ref.nutrient(table.nutrient) if table is not None else None
        if table is not None and nutrient is None:
            # Said once, at the table, rather than once per row that inherits it.
            names = ref.nutrient_names()
            findings.append(finding_at(doc, ("doses", t_index, "nutrient"), repr(table.nutrient),
                                       f"expected one of {one_of(names)}{did_you_mean(table.nutrient, names)}"))
        lines: list[IntakeLine | SupplementLine] = []
        rows: list[IntakeRow | SupplementRow | None] = list(table.rows) if table is not None else []
        for r_index, row in enumerate(rows):
            if row is None or (row.nutrient is None and nutrient is None):
                continue
            loc: FieldPath = ("doses", t_index, "rows", r_index)
            try:
                if isinstance(table, IntakeTable):
                    lines.append(_intake_row(table, row, ref))  # type: ignore[arg-type]  # a table's rows are of its kind; mypy cannot tie the unions
                else:
                    line, warning = _supplement_row(table, row, ref, sources)  # type: ignore[arg-type]  # likewise; a None table has no rows
                    lines.append(line)
                    if warning is not None:
                        findings.append(finding_at(doc, loc + ("amount",), *warning, "warning"))
            except RuleProblem as problem:
                findings.append(finding_at(doc, loc + (problem.field,), problem.found, problem.expected, problem.source))
        complete = table is not None and nutrient is not None and None not in table.rows and len(lines) == len(table.rows)
        tables.append(DoseTableLines(table.id or f"doses-{t_index + 1}", table.kind, table.caption, table.note, nutrient, tuple(lines))
                      if complete and table is not None and nutrient is not None else None)
    return findings, tables


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


def _intake_row(table: IntakeTable, row: IntakeRow, ref: Reference) -> IntakeLine:
    """Compare an intake row with the RDA/AI, exactly."""
    nutrient = _nutrient(table, row, ref)
    if row.condition and row.sex == "male":
        raise RuleProblem("sex", "'male'", f"expected female or no sex with condition: {row.condition}")
    amount = _amount(row)
    stages = _stages(row.life_stage, "life_stage", ref)
    expected = expected_intake(nutrient, stages, row.sex, row.condition)
    who = ", ".join(p for p in (row.life_stage, row.sex, row.condition) if p)
    if not amount.equals_mg(expected.low, expected.high):
        raise RuleProblem(
            "amount",
            f"{amount.text} for {who}",
            f"reference says {fmt_mg(expected.low, expected.high)} ({expected.label} for {', '.join(stages)})",
            expected.source,
        )
    return IntakeLine(row.life_stage, row.sex, row.condition, amount, nutrient, expected, row.note)


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


def other_limits_above(nutrient: Nutrient, population: str, high: float, ref: Reference) -> tuple[Beyond, ...]:
    """Return the other authorities' limits that an amount's high end is above, for everyone in `population`."""
    found = []
    condition = population.strip().lower() if population.strip().lower() in CONDITIONS else None
    stages = [] if condition else ref.stages(population)
    for table in nutrient.other_limits:
        if condition:
            rows = [r for r in table.rows if r.condition == condition]
        else:
            # The lowest limit for each stage of the population; none when the authority sets none for a stage.
            per_stage = [[r for r in table.rows if r.condition is None and stage in ref.stages(r.population)] for stage in stages]
            rows = [min(options, key=lambda r: r.mg) for options in per_stage] if all(per_stage) else []
        if rows:
            lowest = min(rows, key=lambda r: r.mg)
            if high > lowest.mg + 1e-9:
                found.append(Beyond(ref.authority_index[table.authority].short, lowest.mg, lowest.as_given, table.source))
    return tuple(found)


def supervised_ceiling(nutrient: Nutrient, population: str, limit: Expected, ref: Reference) -> Expected | None:
    """Return the most a supervised row may give this population, or None when no supervised amount may pass the UL."""
    if population.strip().lower() in CONDITIONS:
        return None  # pregnancy and lactation span ages from 14: under 19 the UL holds even under supervision
    stages = ref.stages(population)
    if any(span(stage)[0] < ADULT_MONTHS for stage in stages):
        return None
    named = [c for c in nutrient.upper_limits.supervised if all(stage in ref.stages(c.population) for stage in stages)]
    if named:
        best = min(named, key=lambda c: c.mg)
        return Expected(best.mg, best.mg, f"supervised ceiling for {best.population}", best.source)
    return Expected(SUPERVISED_FACTOR * limit.high, SUPERVISED_FACTOR * limit.high, f"twice the {limit.label}", limit.source)


def _supplement_row(
    table: SupplementTable, row: SupplementRow, ref: Reference, sources: dict[str, Source]
) -> tuple[SupplementLine, tuple[str, str, str] | None]:
    """Compare a supplement row's high end, as elemental amount, with the UL; return it, and a warning when supervised."""
    nutrient = _nutrient(table, row, ref)
    amount = _amount(row)
    form = None
    if row.form is not None:
        form = ref.form(row.form)
        if form is None:
            raise RuleProblem("form", repr(row.form), unknown_form(row.form, ref))
        if nutrient.id != "magnesium":
            # A row shown as "Magnesium glycinate" must not carry a calcium amount.
            raise RuleProblem("nutrient", repr(nutrient.name), f"expected magnesium: {form.name} is a magnesium form;"
                              f" remove form: to give a {nutrient.name} amount")
    low, high = amount.low_mg, amount.high_mg
    if row.basis == "compound":
        if nutrient.id != "magnesium":
            raise RuleProblem("basis", "'compound'", f"expected elemental: compound weights are known only for magnesium forms, not {nutrient.name}")
        if form is None:
            raise RuleProblem("form", "nothing", "a form is required with basis: compound, to convert the weight to elemental magnesium")
        low, high = form.elemental(low, high)
    if row.supervised and not row.source:
        raise RuleProblem("source", "nothing", "supervised: true needs source: naming one of the guide's sources")
    limit = upper_limit(nutrient, row.population, ref)
    line = SupplementLine(form, nutrient, amount, row.basis, low, high, row.population, limit, None, row.note,
                          other_limits_above(nutrient, row.population, high, ref))
    if high <= limit.high + 1e-9:
        return line, None
    basis = "elemental" if row.basis == "elemental" else f"compound, about {fmt_mg(whole(low), whole(high))} elemental"
    found = f"{amount.text} {basis}"
    said = f"reference says the {limit.label} is {fmt_mg(limit.high, limit.high)} of {nutrient.name} ({nutrient.upper_limits.applies_to})"
    if row.supervised and row.source:
        return _supervised(row, line, found, said, nutrient, ref, sources)
    hint = ""
    if row.basis == "elemental" and form is not None and high * form.fraction_high <= limit.high + 1e-9:
        as_low, as_high = form.elemental(low, high)
        as_compound = fmt_mg(whole(as_low), whole(as_high))
        form_name = form.name[0].lower() + form.name[1:]
        hint = (f"; as the weight of {form_name}, {amount.text} is about {as_compound} elemental:"
                " set basis: compound if the label gives the compound weight")
    elif not row.supervised:
        hint = "; lower the high end, or mark the row supervised: true with a source: of kind study or guideline"
    raise RuleProblem("amount", found, said + hint, limit.source)


def _supervised(
    row: SupplementRow, line: SupplementLine, found: str, said: str, nutrient: Nutrient, ref: Reference, sources: dict[str, Source],
) -> tuple[SupplementLine, tuple[str, str, str] | None]:
    """Let a supervised row pass the UL only for adults, within the ceiling, citing a study or guideline."""
    assert row.source is not None
    limit = line.limit
    ceiling = supervised_ceiling(nutrient, row.population, limit, ref)
    if ceiling is None:
        raise RuleProblem("amount", found, f"{said}; for anyone under 19 (pregnancy and lactation included) the UL holds"
                          " even under supervision", limit.source)
    if line.elemental_high > ceiling.high + 1e-9:
        raise RuleProblem("amount", found, f"{said}; supervised, at most {fmt_mg(ceiling.high, ceiling.high)}"
                          f" ({ceiling.label})", ceiling.source)
    cited = sources.get(row.source)
    if cited is None:
        # An unknown source id is reported by the source check.
        return line, None
    if cited.kind not in SUPERVISED_KINDS:
        raise RuleProblem("source", repr(row.source), f"expected a source of kind {one_of(list(SUPERVISED_KINDS))} for an amount"
                          f" above the UL; {row.source} is {_kind(cited)}: cite the study or guideline that gives the amount")
    return (SupplementLine(line.form, line.nutrient, line.amount, line.basis, line.elemental_low, line.elemental_high,
                           line.population, limit, cited.title, line.note, line.beyond),
            (found, said + f"; published as supervised, citing {row.source}", limit.source))


def _kind(source: Source) -> str:
    """Say what kind a source is, for a message."""
    return f"of kind {source.kind}" if source.kind else "of no kind (add kind: study or kind: guideline if it is one)"
