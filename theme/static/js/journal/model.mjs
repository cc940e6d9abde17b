// The sums, apart from the page so node tests hold them to the checker's (Form.elemental), on the embedded data.

export function indexData(raw) {
  // No prototype: "constructor" in a file finds nothing.
  const by = (list) => Object.setPrototypeOf(Object.fromEntries(list.map((item) => [item.key, item])), null);
  return { ...raw, formBy: by(raw.forms), foodBy: by(raw.foods), limitBy: by(raw.limits) };
}

// As the tally reads one: null when empty, NaN when not a number.
export function readNumber(text) {
  const compact = text.replace(/\s/g, "");
  if (!compact) return null;
  // A comma before groups of three digits marks thousands; any other, decimals.
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact) ? compact.replace(/,/g, "") : compact.replace(",", ".");
  return /^(\d+\.?\d*|\.\d+)$/.test(plain) ? +plain : NaN;
}

export function productMg(p, data) {
  const share = p.basis === "compound" ? data.formBy[p.form] : { low: 1, high: 1 };
  const mg = p.amount * p.count;
  return share ? { low: mg * share.low, high: mg * share.high } : null;
}

export const foodMg = (f, data) => (data.foodBy[f.food]?.mg ?? 0) * f.servings;

// A medicine's total is null once a dose is not a number: it is never guessed.
export function byDay(entries, data) {
  const days = new Map();
  for (const e of [...entries].sort((a, b) => a.at.localeCompare(b.at))) {
    const key = e.at.slice(0, 10);
    const day = days.get(key) || { day: key, low: 0, high: 0, food: 0, symptoms: {}, meds: new Map(), entries: [] };
    days.set(key, day);
    day.entries.push(e);
    for (const p of e.mg) {
      const mg = productMg(p, data);
      day.low += mg?.low ?? 0;
      day.high += mg?.high ?? 0;
    }
    e.foods.forEach((f) => { day.food += foodMg(f, data); });
    for (const [name, value] of Object.entries(e.symptoms)) day.symptoms[name] = Math.max(day.symptoms[name] ?? 0, value);
    for (const m of e.meds) {
      const id = `${m.name}|${m.unit}`.toLowerCase();
      const med = day.meds.get(id) || { name: m.name, unit: m.unit, total: 0 };
      const dose = readNumber(m.dose);
      med.total = Number.isFinite(dose) && med.total !== null ? med.total + dose : null;
      day.meds.set(id, med);
    }
  }
  return days;
}

// As printed: a total shown as the limit must not read as below it.
export const atOrAbove = (high, limit) => Math.round(high) >= limit;

export const rangeText = (low, high) => (Math.round(low) === Math.round(high) ? "" : `${Math.round(low)}\u2013`) + `${Math.round(high)} mg`;

export const num = (value) => value.toLocaleString("en-GB");

export const productText = (p, data) => `${data.formBy[p.form]?.name ?? p.form}: ${num(p.amount)} mg, `
  + `${p.basis === "compound" ? "the compound's weight" : "elemental"}, \u00d7 ${num(p.count)}`;

export const foodText = (f, data) => `${data.foodBy[f.food] ? `${data.foodBy[f.food].name}, ${data.foodBy[f.food].serving}` : f.food} \u00d7 ${num(f.servings)}`;

export const medText = (m) => [m.name, m.dose, m.unit].filter(Boolean).join(" ");

// In UTC: calendar days, whatever the clocks do.
export const addDays = (day, n) => new Date(Date.parse(day) + n * 864e5).toISOString().slice(0, 10);

export function daysFrom(from, to) {
  const out = [];
  for (let day = from; day <= to && out.length < 4000; day = addDays(day, 1)) out.push(day);
  return out;
}

// Local day and time, off an ISO string shifted by the time zone.
export function localNow(now = new Date()) {
  const local = new Date(now - now.getTimezoneOffset() * 6e4).toISOString();
  return { day: local.slice(0, 10), time: local.slice(11, 16) };
}

export const dayWords = (day, short) => new Date(`${day}T12:00Z`).toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric",
  ...(short ? { month: "short" } : { weekday: "long", month: "long", year: "numeric" }) });
