"""Render checked front-matter tables as semantic HTML and place them in a page."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

from .body import TABLE_KINDS, dose_table_index
from .dose_rules import upper_limit
from .guide_schema import IntakeTable, Page, SupplementRow, SupplementTable
from .markup import Figures
from .quantities import Amount, fmt, parse_amount
from .reference import Reference

_PLACED = re.compile(r"<p>\s*\[\[\s*([A-Za-z_]+)(?:\s+([A-Za-z0-9_-]+))?\s*\]\]\s*</p>")


def _display(amount: Amount) -> str:
    """Show an amount as `100–350 mg/day`, in the writer's unit."""
    span = fmt(amount.low) if not amount.is_range else f"{fmt(amount.low)}–{fmt(amount.high)}"
    return f"{span} {amount.unit}/day"


def _sources(ref: Reference, ids: Sequence[str]) -> Markup:
    """Render the reference sources a table was checked against."""
    links = []
    unique = list(dict.fromkeys(ids))
    for source_id in unique:
        source = ref.source_index[source_id]
        links.append(Markup('<a href="{}" rel="noopener noreferrer">{}</a> ({})').format(source.url, source.title, source.publisher))
    return Markup('<p class="table-source" data-ref="{}">Checked against {}.</p>').format(" ".join(unique), Markup("; ").join(links))


def _table(
    anchor: str, caption: Markup, headers: Sequence[str], rows: Sequence[Sequence[object]], refs: Sequence[str],
    row_classes: Sequence[str] = (),
) -> Markup:
    """Render a table whose first column heads each row, in a scrollable labelled region."""
    # escape() leaves Markup (a supervised warning) as it is and escapes everything else; plain
    # f-strings over escaped parts are several times faster than Markup.format on thousands of rows.
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = []
    for index, cells in enumerate(rows):
        css = row_classes[index] if index < len(row_classes) and row_classes[index] else ""
        tr = f'<tr class="{escape(css)}">' if css else "<tr>"
        tds = "".join(f"<td>{escape(c)}</td>" for c in cells[1:])
        body.append(f'{tr}<th scope="row">{escape(cells[0])}</th>{tds}</tr>')
    name, text, checked = escape(anchor), escape(caption), escape(" ".join(dict.fromkeys(refs)))
    return Markup(
        f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{name}-caption">'
        f'<table class="checked-table" id="{name}" data-ref="{checked}"><caption id="{name}-caption">{text}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def render_dose_table(guide: Page, index: int, ref: Reference, figures: Figures) -> Markup:
    """Render one dose table with units and its reference source."""
    table = guide.doses[index]
    anchor = table.id or f"doses-{index + 1}"
    if isinstance(table, IntakeTable):
        nutrient = ref.nutrient(table.nutrient)
        rows = [
            (row.life_stage, (row.sex or "any").capitalize(), (row.condition or "").capitalize() or "–",
             _display(parse_amount(row.amount)), figures.text(row.note or ""))
            for row in table.rows
        ]
        sources = [nutrient.intakes.source] if nutrient else []
        html = _table(anchor, figures.text(table.caption), ("Life stage", "Sex", "Pregnancy or lactation", "Amount", "Note"), rows, sources)
    else:
        rows, classes, sources = [], [], []
        for row in table.rows:
            cells, css, source = _supplement_cells(guide, table, row, ref, figures)
            rows.append(cells)
            classes.append(css)
            sources.append(source)
        html = _table(anchor, figures.text(table.caption), ("Supplement", "Amount", "Counted as", "For", "Note"), rows, sources, classes)
    note = Markup('<p class="table-note">{}</p>').format(figures.text(table.note)) if table.note else Markup("")
    return html + note + _sources(ref, sources)


def _supplement_cells(
    guide: Page, table: SupplementTable, row: SupplementRow, ref: Reference, figures: Figures,
) -> tuple[tuple[object, ...], str, str]:
    """Return the cells, row class and UL source of one supplement row."""
    nutrient = ref.nutrient(row.nutrient or table.nutrient)
    assert nutrient is not None  # validation ran before rendering
    form = ref.form(row.form) if row.form else None
    amount = parse_amount(row.amount)
    name = form.name if form else nutrient.name[0].upper() + nutrient.name[1:]
    counted = "elemental " + nutrient.name
    if row.basis == "compound" and form:
        low, high = amount.low_mg * form.fraction_low, amount.high_mg * form.fraction_high
        span = fmt(round(low)) if round(low) == round(high) else f"{fmt(round(low))}–{fmt(round(high))}"
        counted = f"weight of the compound (about {span} mg/day elemental)"
    limit = upper_limit(nutrient, row.population, ref)
    note: Markup = figures.text(row.note or "")
    css = ""
    if amount.high_mg > limit.high and row.supervised:
        css = "supervised"
        cited = next(s for s in guide.sources if s.id == row.source)
        warning = Markup(
            '<strong class="supervised-warning">Above the tolerable upper intake level ({} mg/day for {}):'
            " only under medical supervision, as in {}.</strong>"
        ).format(fmt(limit.high), row.population, cited.title)
        note = warning + (Markup(" ") + note if note else Markup(""))
    return (name, _display(amount), counted, row.population, note), css, limit.source


def render_foods(guide: Page, ref: Reference, figures: Figures) -> Markup:
    """Render the foods table with its sources."""
    rows, sources = [], []
    for row in guide.foods:
        food = ref.food(row.food)
        assert food is not None  # validation ran before rendering
        rows.append((row.food, row.serving, f"{fmt(row.magnesium_mg)} mg", figures.text(row.note or "")))
        sources += [food.listed.source] if food.listed else []
        sources.append(food.source)
    html = _table("foods", Markup("Magnesium in foods"), ("Food", "Serving", "Magnesium", "Note"), rows, sources)
    return html + _sources(ref, sources)


def render_forms(guide: Page, ref: Reference, figures: Figures) -> Markup:
    """Render the forms table with each form's elemental share."""
    rows, sources = [], []
    for row in guide.forms:
        form = ref.form(row.form)
        assert form is not None  # validation ran before rendering
        share = "–".join(f"{fmt(p)}%" for p in sorted(set(form.elemental_percent)))
        rows.append((form.name, form.formula, share, figures.text(row.note or "")))
        sources.extend(form.source)
    html = _table("forms", Markup("Forms of magnesium"), ("Form", "Formula", "Elemental magnesium by weight", "Note"), rows, sources)
    return html + _sources(ref, sources)


def render_faqs(guide: Page, answers: Sequence[str], figures: Figures) -> Markup:
    """Render FAQs as disclosure widgets; answers are HTML from Markdown."""
    items = Markup("").join(
        Markup("<details><summary>{}</summary>{}</details>").format(figures.text(faq.q), Markup(answer))
        for faq, answer in zip(guide.faqs, answers, strict=True)
    )
    return Markup('<section class="faqs" aria-labelledby="faqs-heading"><h2 id="faqs-heading">Questions</h2>{}</section>').format(items)


def place_tables(html: str, guide: Page, ref: Reference, answers: Sequence[str], figures: Figures) -> str:
    """Put each table at its placeholder, and any table without one after the body."""
    placed_doses = {
        dose_table_index(guide, m[2]) for m in _PLACED.finditer(html) if m[1].lower() == "doses" and m[2] is not None
    }
    done: set[str] = set()

    def render(kind: str, which: str | None) -> str:
        if kind == "doses":
            indexes = [dose_table_index(guide, which)] if which else [i for i in range(len(guide.doses)) if i not in placed_doses]
            done.update(f"doses:{i}" for i in indexes)
            return "".join(render_dose_table(guide, i, ref, figures) for i in indexes if i is not None)
        done.add(kind)
        if kind == "foods":
            return render_foods(guide, ref, figures)
        if kind == "forms":
            return render_forms(guide, ref, figures)
        return render_faqs(guide, answers, figures)

    html = _PLACED.sub(lambda m: render(m[1].lower(), m[2]), html)
    tail = []
    for kind in TABLE_KINDS:
        if kind == "doses":
            left = [i for i in range(len(guide.doses)) if f"doses:{i}" not in done]
            tail += [render_dose_table(guide, i, ref, figures) for i in left]
        elif getattr(guide, kind) and kind not in done:
            tail.append(render(kind, None))
    return html + "".join(tail)
