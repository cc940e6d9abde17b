// The journal's modules without a browser: its arithmetic, its store (schema, checks, migrations, export and import),
// and its views' escaping. Run by tests/test_journal.py (node --test), so `make test` runs them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  addDays, atOrAbove, byDay, dayWords, daysFrom, foodMg, indexData, medText, productMg, productText, rangeText, readNumber,
} from "../../theme/static/js/journal/model.mjs";
import {
  APP, SCHEMA, checkJournal, emptyJournal, loadJournal, merge, migrate, readJournal, saveJournal, toCSV, toJSON,
} from "../../theme/static/js/journal/store.mjs";
import { dayTable, entryList, esc, series, timeline } from "../../theme/static/js/journal/views.mjs";

// The embedded data as tests/test_journal.py writes it from the real reference (JOURNAL_DATA), else a small stand-in.
const RAW = process.env.JOURNAL_DATA ? JSON.parse(readFileSync(process.env.JOURNAL_DATA, "utf8")) : {
  forms: [{ key: "oxide", name: "Magnesium oxide", low: 0.603, high: 0.603 }, { key: "citrate", name: "Magnesium citrate", low: 0.113, high: 0.162 }],
  adult_ul_mg: 350,
  limits: [{ key: "9+ years|", who: "Age 9 and older, adults included", mg: 350, mg_text: "350 mg" }],
  default_limit: "9+ years|",
  foods: [{ key: "almonds, dry roasted", name: "Almonds, dry roasted", serving: "1 oz", mg: 80, mg_text: "80 mg" }],
  refs: { forms: "molecules-2020-mg", limits: "fnb-dri-1997", foods: "ods-magnesium usda-sr-legacy" },
};
const DATA = indexData(RAW);
const LIMIT = DATA.limitBy[DATA.default_limit];
const CTX = { id: "t", refs: DATA.refs, limit: LIMIT };

function entry(fields) {
  return { id: "a", at: "2026-03-03T08:30", mg: [], foods: [], meds: [], symptoms: {}, note: "", ...fields };
}

/** A storage with localStorage's methods, in memory. */
function memory(items = {}) {
  const store = { ...items };
  return {
    store,
    getItem: (k) => (k in store ? store[k] : null),
    setItem: (k, v) => { store[k] = String(v); },
    removeItem: (k) => { delete store[k]; },
  };
}

test("a typed number reads as the tally reads it", () => {
  assert.equal(readNumber("1,000"), 1000);
  assert.equal(readNumber("1 000"), 1000);
  assert.equal(readNumber("0,5"), 0.5);
  assert.equal(readNumber(".5"), 0.5);
  assert.equal(readNumber(""), null);
  assert.ok(Number.isNaN(readNumber("two")));
  assert.ok(Number.isNaN(readNumber("-5")));
});

test("a label in elemental mg counts as it is; a compound's weight is times the form's share", () => {
  assert.deepEqual(productMg({ form: "oxide", amount: 200, basis: "elemental", count: 2 }, DATA), { low: 400, high: 400 });
  const oxide = productMg({ form: "oxide", amount: 1000, basis: "compound", count: 1 }, DATA);
  assert.deepEqual(oxide, { low: 1000 * DATA.formBy.oxide.low, high: 1000 * DATA.formBy.oxide.high });
  assert.equal(rangeText(oxide.low, oxide.high), "603 mg");
  const citrate = productMg({ form: "citrate", amount: 1000, basis: "compound", count: 1 }, DATA);
  assert.equal(rangeText(citrate.low, citrate.high), "113\u2013162 mg");
  assert.equal(productMg({ form: "no-such-form", amount: 100, basis: "compound", count: 1 }, DATA), null);
  assert.deepEqual(productMg({ form: "no-such-form", amount: 100, basis: "elemental", count: 1 }, DATA), { low: 100, high: 100 });
  assert.equal(productMg({ form: "constructor", amount: 100, basis: "compound", count: 1 }, DATA), null);  // not Object's
});

test("the limit is reached as the total is printed", () => {
  assert.equal(atOrAbove(349.4, 350), false);
  assert.equal(atOrAbove(349.5, 350), true);
  assert.equal(atOrAbove(603, 350), true);
});

test("a day adds up its entries: supplements, food, the highest rating and each medicine as logged", () => {
  const days = byDay([
    entry({ id: "b", at: "2026-03-03T20:00", mg: [{ form: "oxide", amount: 250, basis: "compound", count: 2 }],
      meds: [{ name: "Diazepam", dose: "2.5", unit: "mg" }], symptoms: { Anxiety: 3 } }),
    entry({ mg: [{ form: "citrate", amount: 100, basis: "elemental", count: 1 }], foods: [{ food: "almonds, dry roasted", servings: 2 }],
      meds: [{ name: "diazepam", dose: "5", unit: "mg" }, { name: "Kratom", dose: "a little", unit: "g" }], symptoms: { Anxiety: 7 } }),
    entry({ id: "c", at: "2026-03-04T08:00", mg: [{ form: "gone", amount: 100, basis: "compound", count: 1 }] }),
  ], DATA);
  const day = days.get("2026-03-03");
  assert.deepEqual([...days.keys()], ["2026-03-03", "2026-03-04"]);
  assert.deepEqual(day.entries.map((e) => e.id), ["a", "b"]);  // oldest first
  assert.equal(day.high, 100 + 500 * DATA.formBy.oxide.high);
  assert.equal(day.food, 2 * DATA.foodBy["almonds, dry roasted"].mg);
  assert.deepEqual(day.symptoms, { Anxiety: 7 });
  assert.equal(day.meds.get("diazepam|mg").total, 7.5);  // one medicine whatever its capitals
  assert.equal(day.meds.get("kratom|g").total, null);  // a dose that is not a number is never guessed
  assert.equal(days.get("2026-03-04").high, 0);  // a form no longer in the reference adds nothing
});

test("entries are described as logged, and foods by the reference's serving", () => {
  assert.equal(productText({ form: "oxide", amount: 1000, basis: "compound", count: 2 }, DATA), "Magnesium oxide: 1,000 mg, the compound's weight, \u00d7 2");
  assert.equal(medText({ name: "Diazepam", dose: "5", unit: "mg" }), "Diazepam 5 mg");
  assert.equal(foodMg({ food: "almonds, dry roasted", servings: 0.5 }, DATA), DATA.foodBy["almonds, dry roasted"].mg / 2);
});

test("days count in calendar days across months and clock changes", () => {
  assert.equal(addDays("2026-03-28", 2), "2026-03-30");  // the EU clocks change on 29 March 2026
  assert.equal(addDays("2026-03-01", -1), "2026-02-28");
  assert.deepEqual(daysFrom("2026-12-30", "2027-01-02"), ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
  assert.equal(dayWords("2026-03-03", true), "3 Mar");
  assert.match(dayWords("2026-03-03"), /^Tuesday,? 3 March 2026$/);
});

test("export then import gives the same journal", () => {
  const journal = { ...emptyJournal(DATA.default_limit), entries: [
    entry({ mg: [{ form: "oxide", amount: 1000, basis: "compound", count: 1 }], meds: [{ name: "Diazepam", dose: "5", unit: "mg" }],
      foods: [{ food: "almonds, dry roasted", servings: 1 }], symptoms: { Anxiety: 6, "Sleep problems": 0 }, note: "Bad night, \"wave\"\nthen calm" }),
  ] };
  const text = toJSON(journal, new Date("2026-03-04T10:00:00Z"));
  assert.equal(JSON.parse(text).exported, "2026-03-04T10:00:00.000Z");
  assert.deepEqual(readJournal(text), { journal });
});

test("a bad file is refused with a plain reason", () => {
  const good = { ...emptyJournal("9+ years|"), entries: [entry({})] };
  const refused = (doc) => readJournal(typeof doc === "string" ? doc : JSON.stringify(doc)).error;
  assert.equal(refused("not json {"), "This file cannot be imported: it is not JSON.");
  assert.equal(refused({ ...good, app: "other" }), "This file cannot be imported: it is not a journal copy from this site.");
  assert.equal(refused([1, 2]), "This file cannot be imported: it is not a journal copy from this site.");
  assert.match(refused({ ...good, schema: SCHEMA + 1 }), /made by a newer version of this page/);
  assert.match(refused({ ...good, schema: 0 }), /no schema version/);
  assert.equal(refused({ ...good, entries: [entry({ at: "2026-02-30T08:00" })] }), "This file cannot be imported: entry 1 has a day that does not exist.");
  assert.equal(refused({ ...good, entries: [entry({ at: "yesterday" })] }), "This file cannot be imported: entry 1 has no date and time.");
  assert.equal(refused({ ...good, entries: [entry({}), entry({ symptoms: { Anxiety: 11 } })] }), "This file cannot be imported: entry 2 is damaged.");
  assert.match(refused({ ...good, entries: [entry({ mg: [{ form: "oxide", amount: -5, basis: "compound", count: 1 }] })] }), /entry 1 is damaged/);
  assert.match(refused({ ...good, entries: [entry({ mg: null })] }), /entry 1 is damaged/);
  assert.match(refused({ ...good, entries: [entry({}), entry({})] }), /two of its entries have the same id/);
  assert.match(refused({ ...good, entries: [null] }), /entry 1/);
  assert.match(refused({ ...good, settings: null }), /damaged/);
  assert.match(refused({ ...good, entries: "none" }), /no list of entries/);
});

test("only the fields the journal knows are kept", () => {
  const doc = { ...emptyJournal("9+ years|"), extra: 1, entries: [{ ...entry({}), script: "<x>", mg: [{ form: "oxide", amount: 5, basis: "elemental", count: 1, more: 1 }] }] };
  const { journal } = readJournal(JSON.stringify(doc));
  assert.deepEqual(Object.keys(journal).sort(), ["app", "entries", "schema", "settings"]);
  assert.deepEqual(Object.keys(journal.entries[0]).sort(), ["at", "foods", "id", "meds", "mg", "note", "symptoms"]);
  assert.deepEqual(journal.entries[0].mg, [{ form: "oxide", amount: 5, basis: "elemental", count: 1 }]);
});

test("an older journal is brought up to date by its migrations, in order", () => {
  const old = { app: APP, schema: 1, settings: { group: "g" }, entries: [] };
  const steps = { 2: (doc) => ({ ...doc, settings: { ...doc.settings, symptoms: ["Anxiety"] } }), 3: (doc) => ({ ...doc, touched: true }) };
  assert.deepEqual(migrate(old, steps, 3), { ...old, schema: 3, settings: { group: "g", symptoms: ["Anxiety"] }, touched: true });
  assert.throws(() => migrate(old, {}, 2), /cannot upgrade it/);
  assert.deepEqual(checkJournal({ ...old, settings: { group: "g", symptoms: [] } }).entries, []);
});

test("CSV has a column a symptom, quotes what needs it and never hands a spreadsheet a formula", () => {
  const journal = { ...emptyJournal("9+ years|"), entries: [
    entry({ id: "b", at: "2026-03-04T09:00", note: "=HYPERLINK(\"x\")", symptoms: { Nausea: 2 } }),
    entry({ mg: [{ form: "oxide", amount: 1000, basis: "compound", count: 1 }], meds: [{ name: "Diazepam", dose: "5", unit: "mg" }], note: "a, b" }),
  ] };
  const lines = toCSV(journal, DATA).split("\r\n");
  assert.ok(lines[0].startsWith("\ufeffdate,time,magnesium products,"));
  assert.ok(lines[0].endsWith(",taper medicine,Anxiety,Sleep problems,Muscle twitching,Restlessness,Loose stools,Nausea,note"));
  assert.equal(lines[1], "2026-03-03,08:30,\"Magnesium oxide: 1,000 mg, the compound's weight, \u00d7 1\",603,603,,0,Diazepam 5 mg,,,,,,,\"a, b\"");
  assert.equal(lines[2], "2026-03-04,09:00,,0,0,,0,,,,,,,2,\"'=HYPERLINK(\"\"x\"\")\"");
  assert.equal(lines[3], "");
});

test("merging keeps the entries and settings already here and adds the new entries", () => {
  const mine = { ...emptyJournal("g"), entries: [entry({ note: "mine" })] };
  const theirs = { ...emptyJournal("h"), settings: { group: "h", symptoms: ["Anxiety", "Nausea"] }, entries: [entry({ note: "theirs" }), entry({ id: "z" })] };
  const merged = merge(mine, theirs);
  assert.deepEqual(merged.entries.map((e) => [e.id, e.note]), [["a", "mine"], ["z", ""]]);
  assert.deepEqual(merged.settings, mine.settings);
});

test("the journal kept in a browser loads, saves, and is set aside rather than lost when unreadable", () => {
  const empty = memory();
  assert.deepEqual(loadJournal(empty, "g"), { journal: emptyJournal("g") });
  const journal = { ...emptyJournal("g"), entries: [entry({})] };
  saveJournal(empty, journal);
  assert.deepEqual(loadJournal(empty, "g"), { journal });
  const broken = memory({ [APP]: "{not json" });
  const loaded = loadJournal(broken, "g");
  assert.equal(loaded.unreadable, true);
  assert.deepEqual(loaded.journal, emptyJournal("g"));
  assert.deepEqual(Object.entries(broken.store).filter(([k]) => k.startsWith(`${APP}-unreadable-`)).map(([, v]) => v), ["{not json"]);
});

test("what a reader typed is escaped wherever it is shown", () => {
  assert.equal(esc(`<img src=x onerror="a">&'`), "&#60;img src=x onerror=&#34;a&#34;&#62;&#38;&#39;");
  const bad = "<script>alert(1)</script>";
  const days = ["2026-03-03"];
  const sums = byDay([entry({ note: bad, meds: [{ name: bad, dose: "1", unit: "mg" }], symptoms: { [bad]: 3 } })], DATA);
  const shown = series(sums, []);
  for (const html of [entryList(days, sums, DATA, CTX), timeline(days, sums, shown, CTX), dayTable(days, sums, shown, DATA, CTX, true)]) {
    assert.ok(!html.includes("<script"), html);
  }
});

test("the timeline draws a bar a day with magnesium, marks days at or above the limit, and a dashed limit line", () => {
  const days = daysFrom("2026-03-01", "2026-03-05");
  const sums = byDay([
    entry({ at: "2026-03-02T08:00", mg: [{ form: "oxide", amount: 100, basis: "elemental", count: 1 }], symptoms: { Anxiety: 4 } }),
    entry({ id: "b", at: "2026-03-04T08:00", mg: [{ form: "oxide", amount: 1000, basis: "compound", count: 1 }], symptoms: { Anxiety: 8 } }),
  ], DATA);
  const svg = timeline(days, sums, series(sums, ["Anxiety", "Sleep problems"]), CTX);
  assert.match(svg, /^<svg class="j-chart" id="t" role="img" aria-labelledby="t-t" aria-describedby="t-d"/);
  assert.equal((svg.match(/<rect/g) || []).length, 2);
  assert.equal((svg.match(/<rect class="j-over"/g) || []).length, 1);
  assert.match(svg, /<line class="j-limit"/);
  assert.match(svg, /Anxiety, 0 to 10/);
  assert.match(svg, /data-ref="molecules-2020-mg[^"]*fnb-dri-1997">Magnesium from supplements; - - limit 350 mg</);
  assert.ok(!svg.includes("Sleep problems"));  // no rating in these days: no empty band
  // The two ratings are two days apart: the line breaks over the day without one.
  assert.equal((svg.match(/<path d="M[^"]*"/)[0].match(/M/g) || []).length, 2);
});

test("the list shows each day's total and names each entry's button for a screen reader", () => {
  const days = ["2026-03-03"];
  const sums = byDay([entry({ mg: [{ form: "oxide", amount: 1000, basis: "compound", count: 1 }] })], DATA);
  const html = entryList(days, sums, DATA, CTX);
  assert.match(html, /Magnesium from supplements: <strong>603 mg, at or above the limit of 350 mg a day<\/strong>/);
  assert.match(html, /Delete<span class="visually-hidden"> the entry of Tuesday,? 3 March 2026, 08:30<\/span>/);
  assert.match(html, /data-ref="[^"]+">603 mg<\/span><\/li>/);
});
