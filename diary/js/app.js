// The diary page: ties the form, the store, the lock and the views together.
// The rules come from rules.json (painbook, at build time); the checks, the CSV reader and
// writer and the analysis are the diary engine's modules (entry.js, csv-read.js,
// csv-write.js, analysis.js, summary.js), loaded from this site only.

import { loadRules } from "./rules.js";
import { checkEntry, notSavedMessage, savedMessage } from "./entry.js";
import { DiaryError } from "./errors.js";
import { buildDiaryForm, today } from "./form.js";
import { Store, emptyDoc, FORMAT } from "./store.js";
import * as lock from "./lock.js";
import { renderViews } from "./views.js";
import { mountPainad } from "./painad-view.js";
import { mountSummary } from "./print.js";
import { language, loadCatalog, t, tn } from "./i18n.js";
import { dayWords } from "./chart.js";

/** Remind the person to download a copy after this many new entries. */
export const REMIND_EVERY = 5;

const $ = (id) => document.getElementById(id);
/** A stored entry's date, as messages name it: "2026-05-03" in English, in words otherwise. */
const entryDate = (iso) => (language() === "en" ? iso : dayWords(iso));

const state = { rules: null, store: null, doc: null, plain: null, key: null, editing: null };

/** A message in the live region `where` ("view", "copy", "settings"): text only. */
function say(where, text) {
  $(`${where}-message`).textContent = text;
}

/** A problem, in the alert region `where` ("copy", "settings", "unlock"). */
function alertText(where, text) {
  $(`${where}-alert`).textContent = text;
}

/** A message with one button (Undo, ...), as text, in a live region. */
function sayWithAction(where, text, label, action) {
  const box = $(`${where}-message`);
  box.replaceChildren(document.createTextNode(text + " "));
  const button = document.createElement("button");
  button.type = "button";
  button.className = "diary-button";
  button.textContent = label;
  button.addEventListener("click", action, { once: true });
  box.append(button);
}

/** A button of the page's look, with its click action, added to a row of actions. */
function actionButton(actions, label, action, className = "diary-button") {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = label;
  b.addEventListener("click", action);
  actions.append(b);
  return b;
}

async function persist() {
  if (!state.doc) return;
  const doc = { format: FORMAT, unsaved: state.doc.unsaved, downloaded: state.doc.downloaded };
  if (state.key) {
    const sealed = await lock.seal(state.key.key, state.plain);
    doc.sealed = { salt: state.key.salt, iterations: state.key.iterations, ...sealed };
  } else {
    doc.plain = state.plain;
  }
  await state.store.save(doc);
  state.doc = doc;
}

function showReminder() {
  const n = state.doc?.unsaved ?? 0;
  const box = $("diary-reminder");
  if (n >= REMIND_EVERY) {
    box.hidden = false;
    // (only ever said for REMIND_EVERY entries or more)
    box.textContent = t("You have {n} entries that are not in a downloaded copy yet.", { n }) + " "
      + t("Download your diary (CSV) in \"Keep a copy\" below, so that you do not lose them.");
  } else {
    box.hidden = true;
    box.textContent = "";
  }
}

let painad = null;
let summary = null;

function refresh() {
  const diary = state.plain.diary;
  if (!painad) {
    painad = mountPainad($("painad-app"), state.rules, {
      get: () => state.plain.log,
      set: (log) => { state.plain.log = log; },
      saved: persist,
      download: (bytes, name) => downloadBytes(bytes, name, "text/csv"),
      say: (text) => say("painadlog", text),
      alert: (text) => alertText("painadlog", text),
    });
  } else painad.render();
  if (!summary) {
    summary = mountSummary($("summary-form"), $("summary-page"), state.rules, {
      diary: () => state.plain.diary,
      settings: () => state.plain.summary ?? {},
      save: async (settings) => {
        state.plain.summary = settings;
        await persist();
      },
    });
  } else summary.render();
  renderViews($("diary-views"), state.rules, diary, {
    edit: startEdit,
    remove: removeEntry,
  });
  showReminder();
  performance.mark("diary-drawn"); // benchmarks/bench_diary_page.py: the page is drawn
  document.dispatchEvent(new CustomEvent("diary-changed", { detail: { diary, log: state.plain.log } }));
}

// --------------------------------------------------------------------------- entries

let form;

/** The form's answer to a press of Save entry (counted, so that each answer is news). */
function answer(text) {
  form.message.textContent = text;
  form.message.dataset.answers = String(Number(form.message.dataset.answers || 0) + 1);
}

async function saveEntry(event) {
  event.preventDefault();
  const rules = state.rules;
  for (const box of Object.values(form.boxes)) box.removeAttribute("aria-invalid");
  let row;
  try {
    row = checkEntry(rules, form.read(), { columns: state.plain.diary.columns });
  } catch (err) {
    if (!(err instanceof DiaryError)) throw err;
    answer(notSavedMessage(rules, err));
    const box = form.boxes[err.column];
    if (box) box.setAttribute("aria-invalid", "true");
    return;
  }
  const rows = state.plain.diary.rows;
  let text;
  let undo = null;
  if (state.editing !== null) {
    const index = state.editing;
    const before = rows[index];
    rows[index] = row;
    stopEdit();
    text = t("Saved. The entry was changed.");
    undo = async () => {
      rows[index] = before;
      await persist();
      refresh();
      say("view", t("The change to the entry of {date} was undone.", { date: entryDate(before.date) }));
    };
  } else {
    rows.push(row);
    state.doc.unsaved += 1;
    text = savedMessage(rules, rows.length);
  }
  await persist();
  form.clear();
  refresh();
  answer(text);
  if (undo) sayWithAction("view", t("The entry of {date} was changed.", { date: entryDate(row.date) }), t("Undo"), undo);
}

function startEdit(index) {
  const row = state.plain.diary.rows[index];
  state.editing = index;
  form.fill(row);
  form.cancel.hidden = false;
  form.message.textContent = t("Editing the entry of {date}. Change it, then press Save entry.", { date: entryDate(row.date) });
  form.boxes.date.focus();
}

function stopEdit() {
  state.editing = null;
  form.cancel.hidden = true;
}

async function removeEntry(index) {
  const rows = state.plain.diary.rows;
  const [row] = rows.splice(index, 1);
  if (state.editing !== null) stopEdit();
  await persist();
  refresh();
  sayWithAction("view", t("The entry of {date} was deleted.", { date: entryDate(row.date) }), t("Undo"), async () => {
    rows.splice(index, 0, row);
    await persist();
    refresh();
    say("view", t("The entry of {date} is back.", { date: entryDate(row.date) }));
  });
}

// --------------------------------------------------------------------------- copies

function downloadBytes(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function downloadDiary() {
  const { csvBytes } = await import("./csv-write.js");
  const bytes = csvBytes(state.rules, state.plain.diary);
  downloadBytes(bytes, `pain-diary-${today()}.csv`, "text/csv");
  state.doc.unsaved = 0;
  state.doc.downloaded = new Date().toISOString();
  await persist();
  showReminder();
  const entries = tn("{n} entry", "{n} entries", state.plain.diary.rows.length);
  say("copy", t("Downloaded your diary ({entries}) as a CSV file. Keep it somewhere safe.", { entries }));
}

async function openFile(event) {
  const file = event.target.files?.[0];
  const choice = $("diary-open-choice");
  choice.hidden = true;
  if (!file) return;
  alertText("copy", "");
  say("copy", "");
  const bytes = new Uint8Array(await file.arrayBuffer());
  let table;
  try {
    const { readDiary } = await import("./csv-read.js");
    table = readDiary(state.rules, bytes, { name: file.name });
  } catch (err) {
    if (!(err instanceof DiaryError)) throw err;
    alertText("copy", t("Not opened. {message} Nothing was changed in your diary.", { message: err.message }));
    event.target.value = "";
    return;
  }
  const n = table.rows.length;
  choice.replaceChildren();
  const p = document.createElement("p");
  const here = state.plain.diary.rows.length;
  const entries = tn("{n} entry", "{n} entries", n);
  p.textContent = t("The file \"{name}\" has {entries}.", { name: file.name, entries })
    + " " + t("Your diary on this device has {n}.", { n: here })
    + (here ? " " + t("Replacing it deletes those entries from this device: download a copy first.") : "");
  const actions = document.createElement("div");
  actions.className = "diary-actions";
  const button = (label, action) => actionButton(actions, label, action);
  button(t("Add these entries to my diary"), async () => {
    const columns = [...state.plain.diary.columns];
    for (const c of table.columns) if (!columns.includes(c)) columns.push(c);
    state.plain.diary = { columns, rows: [...state.plain.diary.rows, ...table.rows] };
    await finishOpen(tn("Added {n} entry from \"{name}\".", "Added {n} entries from \"{name}\".", n, { name: file.name }));
  }).classList.add("diary-primary");
  button(t("Replace my diary with this file"), async () => {
    state.plain.diary = { columns: table.columns, rows: table.rows };
    await finishOpen(tn("Your diary is now the {n} entry of \"{name}\".", "Your diary is now the {n} entries of \"{name}\".", n, { name: file.name }));
  });
  button(t("Cancel"), () => {
    choice.hidden = true;
    event.target.value = "";
  });
  choice.append(p, actions);
  choice.hidden = false;
  async function finishOpen(message) {
    choice.hidden = true;
    event.target.value = "";
    await persist();
    refresh();
    say("copy", message);
  }
}

// --------------------------------------------------------------------------- wipe

function askWipe() {
  const box = $("diary-wipe-confirm");
  box.replaceChildren();
  const p = document.createElement("p");
  const entries = tn("{n} diary entry", "{n} diary entries", state.plain.diary.rows.length);
  const observations = tn("{n} observation", "{n} observations", state.plain.log.rows.length);
  p.textContent = t("Delete all {entries} and {observations} from this device?", { entries, observations })
    + " " + t("This cannot be undone. Download a copy first if you want to keep them.");
  const actions = document.createElement("div");
  actions.className = "diary-actions";
  actionButton(actions, t("Download a copy first"), downloadDiary);
  actionButton(actions, t("Yes, delete everything"), async () => {
    await state.store.wipe();
    state.key = null;
    state.doc = emptyDoc(state.rules);
    state.plain = state.doc.plain;
    box.hidden = true;
    renderLockSettings();
    refresh();
    say("settings", t("Everything this page kept on this device was deleted."));
  }, "diary-button diary-danger");
  const no = actionButton(actions, t("No, keep my diary"), () => {
    box.hidden = true;
    say("settings", t("Nothing was deleted."));
  });
  box.append(p, actions);
  box.hidden = false;
  no.focus();
}

// --------------------------------------------------------------------------- lock

function field(id, label, type = "password", autocomplete = "new-password") {
  const wrap = document.createElement("div");
  wrap.className = "diary-field";
  const l = document.createElement("label");
  l.htmlFor = id;
  l.textContent = label;
  const input = document.createElement("input");
  input.type = type;
  input.id = id;
  input.autocomplete = autocomplete;
  wrap.append(l, input);
  return [wrap, input];
}

function renderLockSettings() {
  const box = $("diary-lock-settings");
  box.replaceChildren();
  const h = document.createElement("h3");
  h.textContent = t("Lock with a passphrase (optional)");
  const p = document.createElement("p");
  box.append(h, p);
  if (!state.key) {
    p.textContent = t("Anyone who uses this browser can read your diary. A passphrase locks it: "
      + "the diary is then kept scrambled (encrypted), and opens only with the passphrase. "
      + "If you forget the passphrase, no one can open the diary again: it cannot be "
      + "recovered. Download a copy first.");
    const form = document.createElement("form");
    form.className = "diary-form";
    const [a, pass] = field("lock-pass", t("New passphrase"));
    const [b, again] = field("lock-again", t("The same passphrase again"));
    const button = document.createElement("button");
    button.type = "submit";
    button.className = "diary-button";
    button.textContent = t("Lock my diary");
    form.append(a, b, button);
    box.append(form);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (pass.value.length < 8) {
        alertText("settings", t("Not locked. Choose a passphrase of at least {n} characters.", { n: 8 }));
        return;
      }
      if (pass.value !== again.value) {
        alertText("settings", t("Not locked. The two passphrases are not the same. Type them again."));
        return;
      }
      alertText("settings", "");
      const salt = lock.newSalt();
      const key = await lock.deriveKey(pass.value, salt);
      state.key = { key, salt, iterations: lock.ITERATIONS };
      await persist();
      renderLockSettings();
      say("settings", t("Locked. Your diary now opens only with your passphrase. Remember it: it cannot be recovered."));
    });
  } else {
    p.textContent = t("Your diary is locked with a passphrase. It stays open on this page until you "
      + "lock it or close the page.");
    const actions = document.createElement("div");
    actions.className = "diary-actions";
    box.append(actions);
    actionButton(actions, t("Lock now"), () => showLocked());
    actionButton(actions, t("Remove the passphrase"), async () => {
      state.key = null;
      await persist();
      renderLockSettings();
      say("settings", t("The passphrase was removed. Your diary is no longer locked."));
    });
  }
}

function showLocked() {
  state.key = null;
  state.plain = null;
  $("diary-main").hidden = true;
  $("diary-lock-box").hidden = false;
  $("diary-views").replaceChildren();
  $("unlock-pass").value = "";
  $("unlock-pass").focus();
}

async function unlock(event) {
  event.preventDefault();
  const sealed = state.doc.sealed;
  const key = await lock.deriveKey($("unlock-pass").value, sealed.salt, sealed.iterations);
  try {
    state.plain = await lock.open(key, sealed);
  } catch (err) {
    if (!(err instanceof lock.WrongPassphrase)) throw err;
    alertText("unlock", err.message);
    return;
  }
  alertText("unlock", "");
  state.key = { key, salt: sealed.salt, iterations: sealed.iterations };
  $("diary-lock-box").hidden = true;
  $("diary-main").hidden = false;
  renderLockSettings();
  refresh();
  say("view", t("Unlocked."));
}

// --------------------------------------------------------------------------- start

async function storageWords() {
  const where = $("diary-persist");
  if (!navigator.storage?.persist) return;
  let kept = await navigator.storage.persisted();
  if (!kept) kept = await navigator.storage.persist();
  where.textContent = kept
    ? t("This browser has agreed to keep your diary until you delete it.")
    : t("This browser may delete the diary if the device runs short of space. Download copies often.");
}

// A date or time box keeps its focus ring while its own parts (day, month, year, the
// calendar button) have the focus: the browser stops matching :focus on the calendar button.
function keepDateFocusRings(app) {
  const dated = (e) => e.target instanceof HTMLInputElement && ["date", "time"].includes(e.target.type);
  app.addEventListener("focusin", (e) => dated(e) && e.target.classList.add("diary-has-focus"));
  app.addEventListener("focusout", (e) => dated(e) && e.target.classList.remove("diary-has-focus"));
}

async function start() {
  const app = $("diary-app");
  keepDateFocusRings(app);
  const [rules] = await Promise.all([
    loadRules(new URL("../rules.json", import.meta.url)),
    loadCatalog(new URL("../messages.json", import.meta.url)),
  ]);
  state.rules = rules;
  state.store = await Store.open();
  try {
    state.doc = await state.store.load(state.rules);
  } catch (err) {
    alertText("copy", err.message);
    app.dataset.state = "error";
    return;
  }
  form = buildDiaryForm($("diary-form"), state.rules);
  form.boxes.date.value = today();
  $("diary-form").addEventListener("submit", saveEntry);
  form.cancel.addEventListener("click", () => {
    stopEdit();
    form.clear();
    form.boxes.date.value = today();
    form.message.textContent = t("Not changed. You stopped editing.");
  });
  $("diary-download").addEventListener("click", downloadDiary);
  $("diary-open").addEventListener("change", openFile);
  $("diary-wipe").addEventListener("click", askWipe);
  $("diary-unlock").addEventListener("submit", unlock);
  storageWords();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(new URL("../sw.js", import.meta.url), { scope: "./" }).catch(() => {});
  }
  if (state.doc.sealed) {
    showLocked();
  } else {
    state.plain = state.doc.plain;
    renderLockSettings();
    refresh();
  }
  app.dataset.state = "ready";
}

start().catch((err) => {
  alertText("copy", t("The diary could not start: {message}", { message: err.message }));
  throw err;
});
