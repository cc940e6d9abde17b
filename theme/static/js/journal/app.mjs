// The journal page. Entries stay in this browser (localStorage). Most words are the page's; this fills in figures.
import { addDays, atOrAbove, byDay, dayWords, daysFrom, indexData, localNow, productMg, rangeText, readNumber } from "./model.mjs";
import { APP, emptyJournal, loadJournal, merge, readJournal, saveJournal, toCSV, toJSON } from "./store.mjs";
import { dayTable, entryList, esc, series, timeline } from "./views.mjs";

const $ = (id) => document.getElementById(id);
const say = (id, words) => { $(id).textContent = words; };
const data = indexData(JSON.parse($("journal-data").textContent));
const storage = localStorage;
const first = loadJournal(storage, data.default_limit);
let { journal } = first;
let made = 0; // rows ever added, so ids stay unique
let timer;
let pending; // a journal read from a file, awaiting a choice
let raised; // what the alert is up for: filled once, it is announced once

const limit = () => data.limitBy[journal.settings.group] || data.limitBy[data.default_limit];
const ctx = (id) => ({ id, refs: data.refs, limit: limit() });
const rows = (kind) => [...$(`j-${kind}-rows`).children];
const field = (row, name) => row.querySelector(`[data-f="${name}"]`);
const dayOf = (e) => e.at.slice(0, 10);
const when = (e) => `${dayWords(dayOf(e))} at ${e.at.slice(11)}`;
const within = (value, most) => value > 0 && value <= most;
const renumber = (kind) => rows(kind).forEach((row, i) => { row.querySelector(".j-n").textContent = i + 1; });

function fill(id, values) {
  const copy = $(id).content.cloneNode(true);
  for (const slot of copy.querySelectorAll("[data-slot]")) {
    const value = values[slot.dataset.slot];
    if (value instanceof Node) slot.append(value);
    else if (value.html) slot.innerHTML = value.html;
    else slot.textContent = value;
  }
  return copy;
}

function mark(input, bad) {
  input.setAttribute("aria-invalid", bad);
  $(`${input.id}-err`).textContent = bad ? input.dataset.error : "";
}

function addRow(kind) {
  const row = $(`j-${kind}-row`).content.firstElementChild.cloneNode(true);
  row.innerHTML = row.innerHTML.replaceAll("__N__", (made += 1));
  $(`j-${kind}-rows`).append(row);
  renumber(kind);
  return row;
}

// Wrong fields are marked only when `loud` (saving), not while the reader types.
function readForm(loud) {
  const bad = [];
  const check = (input, ok) => {
    if (!ok) bad.push(input);
    if (loud || ok) mark(input, !ok);
    return ok;
  };
  const [date, time] = [$("j-date"), $("j-time")];
  check(date, /^\d{4}-\d\d-\d\d$/.test(date.value));
  check(time, /^\d\d:\d\d/.test(time.value));
  const mg = rows("mg").flatMap((row) => {
    const p = { form: field(row, "form").value, amount: readNumber(field(row, "amount").value),
      basis: row.querySelector(":checked[data-f]").value, count: readNumber(field(row, "count").value) };
    // An empty product is left out; "&" runs both checks, so both fields are marked.
    return p.amount !== null && check(field(row, "amount"), within(p.amount, 1e5)) & check(field(row, "count"), within(p.count, 1e3))
      && productMg(p, data) ? [p] : [];
  });
  const meds = rows("med").flatMap((row) => {
    const [name, dose, unit] = ["name", "dose", "unit"].map((f) => field(row, f).value.trim());
    return check(field(row, "name"), name || !(dose || unit)) && name ? [{ name, dose, unit }] : [];
  });
  const foods = rows("food").flatMap((row) => {
    const servings = readNumber(field(row, "servings").value);
    return check(field(row, "servings"), within(servings, 100)) ? [{ food: field(row, "food").value, servings }] : [];
  });
  const symptoms = {};
  for (const s of $("j-symptom-fields").querySelectorAll("select")) if (s.value) symptoms[s.name] = +s.value;
  const id = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  return { entry: { id, at: `${date.value}T${time.value.slice(0, 5)}`, mg, foods, meds, symptoms, note: $("j-note").value.trim() }, bad };
}

function showDay(settled) {
  clearTimeout(timer);
  // As the tally does: announce the total after a pause in typing, not at each key.
  if (!settled) return void (timer = setTimeout(showDay, 400, 1));
  const { entry, bad } = readForm();
  const lim = limit();
  const day = dayOf(entry);
  const sum = byDay([...journal.entries.filter((e) => dayOf(e) === day), entry], data).get(day);
  const dated = bad[0] !== $("j-date") && !bad.includes($("j-time"));
  $("j-day-status").replaceChildren(dated ? fill("j-day-text", { day: dayWords(day), total: rangeText(sum.low, sum.high),
    share: Math.round((100 * sum.high) / lim.mg), limit: lim.mg_text }) : $("j-day-status").dataset.undated);
  const over = dated && atOrAbove(sum.high, lim.mg) && day + lim.key;
  if (over !== raised) $("j-alert").replaceChildren(...(over ? [fill("j-alert-text", { who: lim.who.toLowerCase(), limit: lim.mg_text })] : []));
  raised = over;
}

function symptomFields(values) {
  $("j-symptom-fields").replaceChildren(...[...new Set([...journal.settings.symptoms, ...Object.keys(values)])].map((name, i) => {
    const copy = $("j-rate").content.firstElementChild.cloneNode(true);
    const [label, select] = copy.children;
    label.textContent = select.name = name;
    label.htmlFor = select.id = `j-rate-${i}`;
    select.value = values[name] ?? "";
    return copy;
  }));
}

function fillForm() {
  $("j-date").value = localNow().day;
  $("j-time").value = localNow().time;
  ["mg", "med", "food"].forEach((kind) => $(`j-${kind}-rows`).replaceChildren());
  addRow("mg");
  addRow("med");
  symptomFields({});
  $("j-note").value = "";
  for (const el of $("j-form").querySelectorAll("[aria-invalid]")) mark(el, false);
  showDay(1);
}

// Reloads first, as another tab may have changed it; if the browser refuses, nothing changes.
function keep(change, where, words) {
  const before = journal;
  journal = loadJournal(storage, data.default_limit).journal;
  change();
  try {
    saveJournal(storage, journal);
    say(where, words);
    return true;
  } catch {
    journal = before;
    say(where, $("j-app").dataset.refused);
  } finally {
    show();
  }
}

function show() {
  const [from, to] = [$("j-from").value, $("j-to").value];
  const days = from && to && from <= to ? daysFrom(from, to) : [];
  const sums = byDay(journal.entries.filter((e) => dayOf(e) >= days[0] && dayOf(e) <= days.at(-1)), data);
  const logged = [...sums.values()];
  const lim = limit();
  const report = $("j-view-report").checked && logged[0];
  mark($("j-from"), !days[0]);
  $("j-none").hidden = logged[0];
  $("j-list").innerHTML = report ? "" : entryList(days, sums, data, ctx());
  $("j-report").replaceChildren();
  if (report) {
    const most = logged.reduce((top, s) => (top.high >= s.high ? top : s));
    const mean = (part) => logged.reduce((total, s) => total + s[part], 0) / logged.length;
    const over = logged.filter((s) => atOrAbove(s.high, lim.mg)).map((s) => dayWords(s.day));
    const shown = series(sums, journal.settings.symptoms);
    const figure = document.createElement("figure");
    figure.innerHTML = timeline(days, sums, shown, ctx("j-chart"));
    figure.append(fill("j-chart-text", { from: dayWords(from), to: dayWords(to), limit: lim.mg_text, over: over.length }));
    figure.lastChild.id = "j-chart-d";
    $("j-report").append(fill("j-report-text", {
      from: dayWords(from), to: dayWords(to), today: dayWords(localNow().day), who: lim.who, limit: lim.mg_text, logged: logged.length,
      days: days.length, mean: rangeText(mean("low"), mean("high")), most: `${rangeText(most.low, most.high)}, on ${dayWords(most.day)}`,
      over: over.length ? `${over.length}: ${over.join("; ")}` : "none", chart: figure, table: { html: dayTable(days, sums, shown, data, ctx("j-days"), 1) },
      notes: { html: logged.flatMap((s) => s.entries.filter((e) => e.note).map((e) => `<li><strong>${when(e)}:</strong> <span class="j-note"`
        + ` data-entered>${esc(e.note)}</span></li>`)).join("") || "<li>None in these days.</li>" },
    }));
  }
  say("j-limit-used", `${lim.who}, ${lim.mg_text} a day`);
  $("j-limit").value = lim.key;
  $("j-symptoms").value = journal.settings.symptoms.join("\n");
}

function download(kind, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: kind === "csv" ? "text/csv" : "application/json" }));
  link.download = `magnesium-journal-${localNow().day}.${kind}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 6e4);
  say("j-data-status", `Saved to your downloads as ${link.download}.`);
}

function replaceWith(next, words) {
  if (next && keep(() => { journal = next; }, "j-data-status", words)) fillForm();
  pending = null;
  $("j-import-choice").hidden = true;
  $("j-import").value = "";
}

const on = (id, type, handler) => $(id).addEventListener(type, handler);
on("j-form", "input", () => showDay());
on("j-form", "change", () => showDay(1));
on("j-form", "submit", (event) => {
  event.preventDefault();
  const { entry, bad } = readForm(1);
  if (bad[0]) bad[0].focus();
  else if (!entry.mg[0] && !entry.meds[0] && !entry.foods[0] && !Object.keys(entry.symptoms)[0] && !entry.note) {
    say("j-saved", $("j-saved").dataset.empty);
  } else if (keep(() => journal.entries.push(entry), "j-saved", `Saved: your entry for ${when(entry)}.`)) {
    fillForm();
  }
});
on("j-form", "click", (event) => {
  const add = event.target.closest("[data-add]")?.dataset.add;
  const row = event.target.closest(".j-remove")?.closest(".j-row");
  if (add) addRow(add).querySelector("select, input").focus();
  if (row) {
    const kind = row.parentElement.id.split("-")[1];
    row.remove();
    renumber(kind);
    $("j-form").querySelector(`[data-add="${kind}"]`).focus();
  }
  if (add || row) showDay(1);
});
on("j-list", "click", (event) => {
  const gone = event.target.closest("button")?.dataset.delete;
  const entry = journal.entries.find((e) => e.id === gone);
  if (entry && confirm(`Delete your entry for ${when(entry)}? This cannot be undone.`)
    && keep(() => { journal.entries = journal.entries.filter((e) => e.id !== gone); }, "j-list-status", "The entry is deleted.")) {
    $("j-entries-h").focus();
  }
});
["j-from", "j-to", "j-view-list", "j-view-report"].forEach((id) => on(id, "change", show));
on("j-print", "click", () => print());
// Printed, the page is the report (print CSS hides the rest).
addEventListener("beforeprint", () => {
  $("j-view-report").checked = true;
  show();
});
on("j-limit", "change", (event) => keep(() => { journal.settings.group = event.target.value; }, "j-settings-status", "") && showDay(1));
on("j-symptoms", "change", (event) => {
  const values = readForm().entry.symptoms;
  const names = [...new Set(event.target.value.split("\n").map((name) => name.trim().slice(0, 60)).filter(Boolean))].slice(0, 30);
  if (keep(() => { journal.settings.symptoms = names; }, "j-settings-status", "Saved.")) symptomFields(values);
});
on("j-export-json", "click", () => download("json", toJSON(journal)));
on("j-export-csv", "click", () => download("csv", toCSV(journal, data)));
on("j-import", "change", async (event) => {
  const file = event.target.files[0];
  $("j-import-choice").hidden = true;
  $("j-import-error").replaceChildren();
  if (!file) return;
  const read = readJournal(await file.text());
  if (read.error) {
    $("j-import-error").innerHTML = `<p><strong>${esc(read.error)}</strong> Nothing was changed.</p>`;
    return replaceWith();
  }
  pending = read.journal;
  const days = pending.entries.map(dayOf).sort();
  $("j-import-what").replaceChildren(fill("j-import-text", { count: days.length, span: days[0] ? `, from ${dayWords(days[0])} to ${dayWords(days.at(-1))}` : "" }));
  $("j-import-choice").hidden = false;
  $("j-merge").focus();
});
on("j-merge", "click", () => {
  const next = merge(journal, pending);
  replaceWith(next, `Added ${next.entries.length - journal.entries.length} entries from the file.`);
});
on("j-replace", "click", (event) => confirm(event.target.dataset.confirm) && replaceWith(pending, `Your journal now holds the ${pending.entries.length} entries from the file.`));
on("j-import-cancel", "click", () => replaceWith());
on("j-delete-all", "click", (event) => {
  if (!confirm(event.target.dataset.confirm)) return;
  replaceWith(emptyJournal(data.default_limit), "Deleted: this browser holds no journal entries now.");
  Object.keys(storage).filter((key) => key.startsWith(APP)).forEach((key) => storage.removeItem(key));
});

$("j-to").value = localNow().day;
$("j-from").value = addDays(localNow().day, -29);
fillForm();
show();
say("j-needs-js", first.unreadable ? $("j-needs-js").dataset.unreadable : "");
$("j-needs-js").hidden = !first.unreadable;
$("j-app").hidden = false;
// sw.js, beside the page, keeps it for offline use.
navigator.serviceWorker?.register("sw.js").catch(() => {});
