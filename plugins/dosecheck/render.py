"""Render checked front-matter tables as semantic HTML and place them in a page."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

from .checked import DoseTableLines, FoodLine, FormLine, IntakeLine, SupplementLine, Tables
from .guide_schema import Page
from .markup import Figures
from .quantities import Amount, fmt, whole
from .reference import Reference
from .rules.body import TABLE_KINDS, dose_table_index

_PLACED = re.compile(r"<p>\s*\[\[\s*([A-Za-z_]+)(?:\s+([A-Za-z0-9_-]+))?\s*\]\]\s*</p>")


def _display(amount: Amount) -> str:
    """Show an amount as `100–350 mg/day`, in the writer's unit."""
    span = fmt(amount.low) if not amount.is_range else f"{fmt(amount.low)}–{fmt(amount.high)}"
    return f"{span} {amount.unit}/day"


def _sources(ref: Reference, ids: Sequence[str], within: str = "") -> Markup:
    """Render the reference sources a table was checked against, after what its amounts are within, if said."""
    links = []
    unique = list(dict.fromkeys(ids))
    for source_id in unique:
        source = ref.source_index[source_id]
        # Title and year only: the page's source list and /reference/ give each publisher, and a guide stays light.
        year = Markup(" ({})").format(source.year) if source.year else Markup("")
        links.append(Markup('<a href="{}" rel="noopener noreferrer">{}</a>{}').format(source.url, source.title, year))
    lead = Markup("{} ").format(within) if within else Markup("")
    return Markup('<p class="table-source" data-ref="{}">{}Checked against {}.</p>').format(" ".join(unique), lead, Markup("; ").join(links))


EMPTY_CELLS = ("", "–")


def _table(
    anchor: str, caption: Markup, headers: Sequence[str], rows: Sequence[Sequence[object]], refs: Sequence[str],
    row_classes: Sequence[str] = (),
) -> Markup:
    """Render a guide's table, leaving out what every row leaves empty or says alike (said once in the caption)."""
    # A column empty in every row is left out, and one with the same value in every row (of two or more) is said
    # once, in the caption: fewer columns fit a narrow screen, and nothing is lost.
    keep = [0]
    extra: list[Markup] = []
    for column in range(1, len(headers)):
        values = [str(escape(cells[column])) for cells in rows]
        if all(v in EMPTY_CELLS for v in values):
            continue
        if len(rows) > 1 and len(set(values)) == 1:
            # "Male" in a cell reads "sex: male" in a sentence; longer values keep their case.
            value = values[0][:1].lower() + values[0][1:] if values[0].isalpha() else values[0]
            extra.append(Markup("{}: {}").format(headers[column].lower(), Markup(value)))
            continue
        keep.append(column)
    if extra:
        caption = caption + Markup(" (") + Markup("; ").join(extra) + Markup(")")
    return data_table(anchor, caption, [headers[c] for c in keep], [[cells[c] for c in keep] for cells in rows], refs,
                      row_classes=row_classes)


def data_table(
    anchor: str, caption: object, headers: Sequence[object], rows: Sequence[Sequence[object]], refs: Sequence[str], *,
    row_classes: Sequence[str] = (), css: str = "checked-table",
) -> Markup:
    """Render a table of checked figures, for guides and the dose reference page alike: a scrolling region named by its
    caption, the references it was checked against in `data-ref`, the first column heading each row, and each cell
    labelled with its column's header, so a phone shows rows as cards."""
    # escape() leaves Markup (a figure, a supervised warning) as it is and escapes everything else; plain
    # f-strings over escaped parts are several times faster than Markup.format on thousands of rows.
    labels = [escape(h) for h in headers]
    head = "".join(f'<th scope="col">{label}</th>' for label in labels)
    body = []
    for index, cells in enumerate(rows):
        css_row = row_classes[index] if index < len(row_classes) and row_classes[index] else ""
        tr = f'<tr class="{escape(css_row)}">' if css_row else "<tr>"
        tds = "".join(f'<td data-label="{label}">{escape(cell)}</td>' for cell, label in zip(cells[1:], labels[1:], strict=True))
        body.append(f'{tr}<th scope="row" data-label="{labels[0]}">{escape(cells[0])}</th>{tds}</tr>')
    name, text, checked = escape(anchor), escape(caption), escape(" ".join(dict.fromkeys(refs)))
    return Markup(
        f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{name}-caption">'
        f'<table class="{escape(css)}" id="{name}" data-ref="{checked}"><caption id="{name}-caption">{text}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


INTAKE_HEADERS = ("Life stage", "Sex", "Pregnancy or lactation", "Recommended daily intake, food and supplements together", "Note")
SUPPLEMENT_HEADERS = ("Supplement", "Amount", "Counted as", "For", "Note")


def render_dose_table(table: DoseTableLines, ref: Reference, figures: Figures) -> Markup:
    """Render one checked dose table with units, what each figure is, and its reference sources."""
    rows: list[tuple[object, ...]] = []
    classes: list[str] = []
    sources: list[str] = []
    for line in table.lines:
        if isinstance(line, IntakeLine):
            # Each amount says whether it is an RDA or an AI, and which nutrient when the row's differs from the table's.
            other = "" if line.nutrient.id == table.nutrient.id else f" of {line.nutrient.name}"
            rows.append((line.life_stage, (line.sex or "any").capitalize(), (line.condition or "").capitalize() or "–",
                         f"{_display(line.amount)}{other} ({line.expected.label})", figures.text(line.note or "")))
            classes.append("")
            sources += line.expected.source.split(", ")
        else:
            cells, css = _supplement_cells(line, figures)
            rows.append(cells)
            classes.append(css)
            sources.append(line.limit.source)
            sources += [b.source for b in line.beyond]
    headers = INTAKE_HEADERS if table.kind == "intake" else SUPPLEMENT_HEADERS
    html = _table(table.anchor, figures.text(table.caption), headers, rows, sources, classes)
    note = Markup('<p class="table-note">{}</p>').format(figures.text(table.note)) if table.note else Markup("")
    within = ""
    if table.kind == "supplement":
        # Say whose limit the amounts keep to; another authority's lower limit is noted on each row above it.
        bodies = dict.fromkeys(ref.authority_index[line.nutrient.upper_limits.authority].name for line in table.lines)
        within = f"Amounts are within the upper limit set by the {' and the '.join(bodies)}."
    return html + note + _sources(ref, sources, within)


def _supplement_cells(line: SupplementLine, figures: Figures) -> tuple[tuple[object, ...], str]:
    """Return the cells and row class of one checked supplement row."""
    counted = "elemental " + line.nutrient.name
    if line.basis == "compound":
        low, high = whole(line.elemental_low), whole(line.elemental_high)
        span = fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"
        counted = f"weight of the compound (about {span} mg/day elemental)"
    note: Markup = figures.text(line.note or "")
    css = ""
    if line.supervised_by is not None:
        css = "supervised"
        warning = Markup(
            '<strong class="supervised-warning">Above the tolerable upper intake level ({} mg/day for {}):'
            " only under medical supervision, as in {}.</strong>"
        ).format(fmt(line.limit.high), line.population, line.supervised_by)
        note = warning + (Markup(" ") + note if note else Markup(""))
    for beyond in line.beyond:
        other = Markup('<strong class="other-limit">Above the {} limit of {} mg a day ({}).</strong>').format(
            beyond.authority, fmt(beyond.mg), beyond.as_given)
        note = other + (Markup(" ") + note if note else Markup(""))
    return (line.name, _display(line.amount), counted, line.population, note), css


def render_foods(lines: Sequence[FoodLine], ref: Reference, figures: Figures) -> Markup:
    """Render the checked foods table with its sources."""
    rows = [(line.food, line.serving, f"{fmt(line.magnesium_mg)} mg", figures.text(line.note or "")) for line in lines]
    sources = [s for line in lines for s in line.sources]
    html = _table("foods", Markup("Magnesium in foods"), ("Food", "Serving", "Magnesium", "Note"), rows, sources)
    return html + _sources(ref, sources)


def render_forms(lines: Sequence[FormLine], ref: Reference, figures: Figures) -> Markup:
    """Render the checked forms table with each form's elemental share."""
    rows = [(line.form.name, line.form.formula, "–".join(f"{fmt(p)}%" for p in sorted(set(line.form.elemental_percent))),
             figures.text(line.note or "")) for line in lines]
    sources = [s for line in lines for s in line.form.source]
    html = _table("forms", Markup("Forms of magnesium"), ("Form", "Formula", "Elemental magnesium by weight", "Note"), rows, sources)
    return html + _sources(ref, sources)


def render_faqs(guide: Page, answers: Sequence[str], figures: Figures) -> Markup:
    """Render FAQs as disclosure widgets; answers are HTML from Markdown."""
    items = Markup("").join(
        Markup("<details><summary>{}</summary>{}</details>").format(figures.text(faq.q), Markup(answer))
        for faq, answer in zip(guide.faqs, answers, strict=True)
    )
    return Markup('<section class="faqs" aria-labelledby="faqs-heading"><h2 id="faqs-heading">Questions</h2>{}</section>').format(items)


def place_tables(html: str, guide: Page, tables: Tables, ref: Reference, answers: Sequence[str], figures: Figures) -> str:
    """Put each checked table at its placeholder, and any table without one after the body."""
    placed_doses = {
        dose_table_index(guide, m[2]) for m in _PLACED.finditer(html) if m[1].lower() == "doses" and m[2] is not None
    }
    done: set[str] = set()
    doses = [t for t in tables.doses if t is not None]
    foods = [t for t in tables.foods if t is not None]
    forms = [t for t in tables.forms if t is not None]

    def render(kind: str, which: str | None) -> str:
        if kind == "doses":
            indexes = [dose_table_index(guide, which)] if which else [i for i in range(len(doses)) if i not in placed_doses]
            done.update(f"doses:{i}" for i in indexes)
            return "".join(render_dose_table(doses[i], ref, figures) for i in indexes if i is not None)
        done.add(kind)
        if kind == "foods":
            return render_foods(foods, ref, figures)
        if kind == "forms":
            return render_forms(forms, ref, figures)
        return render_faqs(guide, answers, figures)

    html = _PLACED.sub(lambda m: render(m[1].lower(), m[2]), html)
    tail: list[str] = []
    for kind in TABLE_KINDS:
        if kind == "doses":
            tail += [render_dose_table(doses[i], ref, figures) for i in range(len(doses)) if f"doses:{i}" not in done]
        elif getattr(guide, kind) and kind not in done:
            tail.append(render(kind, None))
    return html + "".join(tail)
