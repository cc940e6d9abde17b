// The views as HTML (SVG with classes: the CSP forbids inline style). Figures sit in elements whose data-ref names
// their sources; what the reader typed, escaped, in data-entered ones.
import { atOrAbove, dayWords, foodMg, foodText, medText, num, productMg, productText, rangeText } from "./model.mjs";

export const esc = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ref = (...ids) => ` data-ref="${esc(ids.join(" "))}"`;
const r = (v) => Math.round(v * 10) / 10;
const W = 360; // the chart's width in its units; it scales to the column
const H = 40; // a band's height
const time = (e) => e.at.slice(11);

export function series(sums, tracked) {
  const names = new Set(tracked);
  const meds = new Map();
  for (const sum of sums.values()) {
    Object.keys(sum.symptoms).forEach((name) => names.add(name));
    sum.meds.forEach((med, id) => meds.has(id) || meds.set(id, med));
  }
  return { names: [...names].filter((name) => [...sums.values()].some((s) => name in s.symptoms)), meds: [...meds] };
}

// The caller adds the description (aria-describedby).
export function timeline(days, sums, shown, { id, refs, limit: lim }) {
  const step = W / days.length;
  let svg = "";
  let y = 0;
  const band = (label, kind, attrs, draw) => {
    y += 24 + H;
    svg += `<text x="0" y="${y - H - 9}"${attrs}>${esc(label)}</text><g class="${kind}">${draw((v, top) => r(y - (v / top) * H))}</g>`
      + `<line class="j-axis" x1="0" x2="${W}" y1="${y}" y2="${y}"></line>`;
    y += 12;
  };
  // A day without a rating or a dose breaks the line: a gap is not a guess.
  const path = (values, at, top, steps) => `<path d="${values.map((v, i) => (v == null ? "" : (values[i - 1] == null ? "M" : "L")
    + (steps ? `${r(i * step)} ${at(v, top)}L${r((i + 1) * step)}` : r((i + 0.5) * step)) + ` ${at(v, top)}`)).join("")}"></path>`;
  for (const name of shown.names) {
    const values = days.map((d) => sums.get(d)?.symptoms[name]);
    band(`${name}, 0 to 10`, "j-sym", " data-entered", (at) => path(values, at, 10)
      + values.map((v, i) => (v == null ? "" : `<circle cx="${r((i + 0.5) * step)}" cy="${at(v, 10)}" r="2.5"></circle>`)).join(""));
  }
  for (const [id, med] of shown.meds) {
    const totals = days.map((d) => sums.get(d)?.meds.get(id)?.total);
    const most = Math.max(0, ...totals.filter((v) => v != null));
    band(`${med.name}, ${med.unit || "dose"} a day, up to ${num(most)}`, "j-med", " data-entered", (at) => path(totals, at, most || 1, 1));
  }
  const highs = days.map((d) => sums.get(d)?.high);
  const top = Math.max(lim.mg * 1.25, ...highs.filter(Boolean));
  band(`Magnesium from supplements; - - limit ${lim.mg_text}`, "j-bars", ref(refs.forms, refs.limits), (at) => highs.map((v, i) => (v
    ? `<rect${atOrAbove(v, lim.mg) ? ' class="j-over"' : ""} x="${r((i + 0.15) * step)}" y="${at(v, top)}" width="${r(step * 0.7)}" height="${r((v / top) * H)}"></rect>`
    : "")).join("") + `<line class="j-limit" x1="0" x2="${W}" y1="${at(lim.mg, top)}" y2="${at(lim.mg, top)}"></line>`);
  return `<svg class="j-chart" id="${id}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d" viewBox="0 0 ${W} ${y + 6}"`
    + ` font-size="14" fill="currentColor"><title id="${id}-t">Timeline of symptoms, taper doses and magnesium</title>${svg}`
    + `<text x="0" y="${y + 4}">${dayWords(days[0], 1)}</text><text x="${W}" y="${y + 4}" text-anchor="end">${dayWords(days.at(-1), 1)}</text></svg>`;
}

const dayTotal = (sum, lim) => rangeText(sum.low, sum.high) + (atOrAbove(sum.high, lim.mg) ? `, at or above the limit of ${lim.mg_text} a day` : "");

export function dayTable(days, sums, shown, data, ctx, products) {
  const heads = ["Day", "Taper medicine, as logged", ...(products ? ["Magnesium products, as logged"] : []), "Magnesium from supplements",
    "Magnesium from food", ...shown.names];
  let col = 0;
  const td = (html, attrs = " data-entered") => `<td data-label="${esc(heads[++col])}"${attrs}>${html}</td>`;
  const timed = (sum, pick) => td(esc(sum.entries.flatMap((e) => pick(e).map((what) => `${time(e)} ${what}`)).join("; ")));
  const rows = days.filter((d) => sums.has(d)).map((d) => {
    const sum = sums.get(d);
    col = 0;
    return `<tr><th scope="row">${dayWords(d)}</th>${timed(sum, (e) => e.meds.map(medText))}`
      + (products ? timed(sum, (e) => e.mg.map((p) => productText(p, data))) : "")
      + td(dayTotal(sum, ctx.limit), ref(ctx.refs.forms, ctx.refs.limits)) + td(`${Math.round(sum.food)} mg`, ref(ctx.refs.foods))
      + shown.names.map((name) => td(sum.symptoms[name] ?? "\u2013")).join("") + "</tr>";
  });
  return `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${ctx.id}-c"><table class="j-table" id="${ctx.id}"><caption id="${ctx.id}-c">`
    + `Each day with entries, ${dayWords(days[0])} to ${dayWords(days.at(-1))}</caption><thead><tr>${heads.map((h, i) => `<th scope="col"`
    + `${i < heads.length - shown.names.length ? "" : " data-entered"}>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

export function entryList(days, sums, data, ctx) {
  return days.filter((d) => sums.has(d)).reverse().map((d) => `<section class="j-dayblock" aria-labelledby="j-day-${d}"><h3 id="j-day-${d}">`
    + `${dayWords(d)}</h3><p class="j-daysum"${ref(ctx.refs.forms, ctx.refs.foods, ctx.refs.limits)}>Magnesium from supplements: <strong>`
    + `${dayTotal(sums.get(d), ctx.limit)}</strong>. From food: ${Math.round(sums.get(d).food)} mg.</p><ul class="j-entries">${sums.get(d).entries.map((e) => {
      const item = (what, html, attrs = "") => `<li${attrs}>${what}: ${html}</li>`;
      const typed = (words) => `<span data-entered>${esc(words)}</span>`;
      const rated = Object.entries(e.symptoms).map((kv) => kv.join(" ")).join(", ");
      return `<li class="j-entry"><h4>${time(e)}</h4><ul class="j-items">${e.mg.map((p) => {
        const mg = productMg(p, data);
        return item("Magnesium", `${typed(productText(p, data))}: <span${ref(ctx.refs.forms)}>${mg ? rangeText(mg.low, mg.high) : "not worked out"}</span>`);
      }).join("")}${e.meds.map((m) => item("Taper medicine", typed(medText(m)))).join("")}`
        + e.foods.map((f) => item("Food", `${esc(foodText(f, data))}: ${Math.round(foodMg(f, data))} mg`, ref(ctx.refs.foods))).join("")
        + (rated ? item("How you felt", typed(rated)) : "") + (e.note ? item("Note", typed(e.note), ' class="j-note"') : "")
        + `</ul><p><button type="button" class="j-secondary" data-delete="${e.id}">Delete<span class="visually-hidden"> the entry of ${dayWords(d)},`
        + ` ${time(e)}</span></button></p></li>`;
    }).reverse().join("")}</ul></section>`).join("");
}
