// The journal as kept and exported: JSON, checked whole whenever read, so a bad file is refused and changes nothing.
import { byDay, foodText, medText, productText } from "./model.mjs";

export const APP = "magnesium-guide-journal";
export const SCHEMA = 1;
// MIGRATIONS[2] would take schema 1 to 2. None yet: 1 is the first.
export const MIGRATIONS = {};
export class JournalError extends Error {}
const fail = (why) => { throw new JournalError(why); };

export const emptyJournal = (group) => ({ app: APP, schema: SCHEMA, entries: [],
  settings: { group, symptoms: ["Anxiety", "Sleep problems", "Muscle twitching", "Restlessness", "Loose stools"] } });

export function migrate(doc, migrations = MIGRATIONS, schema = SCHEMA) {
  if (!Number.isInteger(doc.schema) || doc.schema < 1) fail("it has no schema version");
  if (doc.schema > schema) fail("it was made by a newer version of this page; reload the page while online, then try again");
  for (let v = doc.schema + 1; v <= schema; v += 1) doc = { ...(migrations[v] || fail("this page cannot upgrade it"))(doc), schema: v };
  return doc;
}

const text = (max, blank) => (v) => typeof v === "string" && v.length <= max && (blank || v.trim() !== "");
const count = (max) => (v) => typeof v === "number" && v > 0 && v <= max;
const list = (v, max, why) => (Array.isArray(v) && v.length <= max ? v : fail(why));
const LISTS = {
  mg: [30, { form: text(60), amount: count(1e5), basis: (v) => v === "elemental" || v === "compound", count: count(1e3) }],
  foods: [30, { food: text(100), servings: count(100) }],
  meds: [20, { name: text(100), dose: text(40, 1), unit: text(20, 1) }],
};

// Only the fields the journal knows are kept.
function checkEntry(e, n) {
  const why = `entry ${n} is damaged`;
  const [, y, m, d] = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d$/.exec(e.at) || fail(`entry ${n} has no date and time`);
  if (new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== e.at.slice(0, 10)) fail(`entry ${n} has a day that does not exist`);
  const out = { id: typeof e.id === "string" && /^[\w-]{1,64}$/.test(e.id) ? e.id : fail(why), at: e.at };
  for (const [key, [max, fields]] of Object.entries(LISTS)) {
    out[key] = list(e[key], max, why).map((item) => Object.fromEntries(Object.entries(fields).map(([f, ok]) => [f, ok(item[f]) ? item[f] : fail(why)])));
  }
  out.symptoms = Object.fromEntries(list(Object.entries(e.symptoms?.constructor === Object ? e.symptoms : fail(why)), 40, why)
    .map(([k, v]) => (text(60)(k) && Number.isInteger(v) && v >= 0 && v <= 10 ? [k, v] : fail(why))));
  out.note = text(2000, 1)(e.note) ? e.note : fail(why);
  return out;
}

export function checkJournal(doc, migrations) {
  if (doc?.app !== APP) fail("it is not a journal copy from this site");
  const { settings, entries } = migrate(doc, migrations);
  const checked = list(entries, 1e5, "it has no list of entries").map((e, i) => checkEntry(e ?? {}, i + 1));
  if (new Set(checked.map((e) => e.id)).size < checked.length) fail("two of its entries have the same id");
  const why = "its settings are damaged";
  const symptoms = list(settings?.symptoms, 30, why);
  if (!text(80)(settings.group) || !symptoms.every(text(60))) fail(why);
  return { app: APP, schema: SCHEMA, settings: { group: settings.group, symptoms: [...symptoms] }, entries: checked };
}

export function readJournal(json, migrations) {
  try {
    return { journal: checkJournal(json.length < 5e6 ? JSON.parse(json) : fail("it is too large"), migrations) };
  } catch (error) {
    // A field of the wrong kind throws a TypeError: damaged all the same.
    const why = error instanceof SyntaxError ? "it is not JSON" : error instanceof JournalError ? error.message : "it is damaged";
    return { error: `This file cannot be imported: ${why}.` };
  }
}

export const toJSON = (journal, now = new Date()) => JSON.stringify({ ...journal, exported: now.toISOString() }, null, 1);

// A cell a spreadsheet would run as a formula starts with an apostrophe.
function cell(value) {
  const plain = /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(plain) ? `"${plain.replace(/"/g, '""')}"` : plain;
}

export function toCSV(journal, data) {
  const names = [...new Set([...journal.settings.symptoms, ...journal.entries.flatMap((e) => Object.keys(e.symptoms))])];
  const tenth = (v) => Math.round(v * 10) / 10;
  const rows = [...byDay(journal.entries, data).values()].flatMap((day) => day.entries.map((e) => {
    const sum = byDay([e], data).get(day.day);
    return [day.day, e.at.slice(11), e.mg.map((p) => productText(p, data)).join("; "), tenth(sum.low), tenth(sum.high),
      e.foods.map((f) => foodText(f, data)).join("; "), tenth(sum.food), e.meds.map(medText).join("; "), ...names.map((k) => e.symptoms[k] ?? ""), e.note];
  }));
  const head = ["date", "time", "magnesium products", "supplement mg (low)", "supplement mg (high)", "food", "food mg", "taper medicine", ...names, "note"];
  // The byte order mark says UTF-8 to a spreadsheet.
  return `\ufeff${[head, ...rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

// Entries here (by id) and the settings stay as they are.
export function merge(mine, theirs) {
  const have = new Set(mine.entries.map((e) => e.id));
  return { ...mine, entries: [...mine.entries, ...theirs.entries.filter((e) => !have.has(e.id))] };
}

// One that cannot be read is set aside, never overwritten.
export function loadJournal(storage, group) {
  const kept = storage.getItem(APP);
  const read = kept === null ? { journal: emptyJournal(group) } : readJournal(kept);
  if (read.journal) return read;
  storage.setItem(`${APP}-unreadable-${Date.now()}`, kept);
  return { journal: emptyJournal(group), unreadable: true };
}

export const saveJournal = (storage, journal) => storage.setItem(APP, JSON.stringify(journal));
