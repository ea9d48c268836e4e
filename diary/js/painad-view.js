// The PAINAD observation log, for a caregiver watching someone who cannot say they hurt
// (chapter 11): the five items with their 0-2 descriptions (rules.painad, from painbook.scales,
// after Warden, Hurley & Volicer, J Am Med Dir Assoc 2003;4(1):9-15), the total, a log over
// days and activities, and the canonical observation-log CSV to download and open. The total,
// its words and the table by activity are the diary engine's (painad.js, as the workbook's).

import { checkEntry, notSavedMessage, savedMessage } from "./entry.js";
import { DiaryError } from "./errors.js";
import { today } from "./form.js";
import { dayWords } from "./chart.js";
import { node, table } from "./views.js";
import { contextTable, observationSummary, painadTotals, totalText } from "./painad.js";
import { t, tn } from "./i18n.js";

const SHOW = 10;

/**
 * Build the PAINAD part in `box`. `log` gives and takes the observation log:
 * {get(): table, set(table), saved(): Promise, download(bytes, name), say(text), alert(text)}
 */
export function mountPainad(box, rules, log) {
  const p = rules.painad;
  const f = p.fields;
  box.replaceChildren();
  box.append(node("p", {}, t("If you care for someone who cannot tell you they hurt, watch them for "
    + "a few minutes, during care such as bathing or moving as well as at rest, then score each "
    + "of the five items. The log is kept on this device, beside the diary.")));
  const form = node("form", { class: "diary-form", id: "painad-form", novalidate: "" });
  const when = node("fieldset");
  when.append(node("legend", {}, t("When and what was happening")));
  const field = (id, text, control) => {
    const wrap = node("div", { class: "diary-field" });
    wrap.append(node("label", { for: id }, text), control);
    when.append(wrap);
    return control;
  };
  // The diary's form above has its own "Date", "Time" and "Notes": these say whose they are.
  const dateLabel = t("{label} of the observation", { label: f.date.label });
  const timeLabel = t("{label} of the observation (HH:MM)", { label: f.time.label.replace(/ \(.*/, "") });
  const date = field("painad-date", dateLabel, node("input", { type: "date", id: "painad-date" }));
  date.value = today();
  const time = field("painad-time", timeLabel, node("input", { type: "time", id: "painad-time" }));
  const context = node("select", { id: "painad-context" });
  context.append(node("option", { value: "" }, t("(choose)")));
  // shown and saved in the page's language, as the workbook's form does (rules: painbook)
  const contextWords = (c) => p.context_words?.[c] ?? c;
  for (const c of p.contexts) context.append(node("option", { value: c }, contextWords(c)));
  field("painad-context", f.context.label, context);
  const other = field("painad-other", f.context_other.label,
    node("input", { type: "text", id: "painad-other", placeholder: f.context_other.placeholder }));
  when.append(node("p", { class: "diary-help" }, t("Pain often shows when a person moves, so also "
    + "watch during care such as bathing, dressing or moving from bed to chair.")));
  form.append(when);

  const items = node("fieldset");
  items.append(node("legend", {}, t("The five items (0, 1 or 2 each)")));
  items.append(node("p", { class: "diary-help" }, t("For each item, pick the one that best fits what you saw.")));
  const radios = {};
  for (const item of p.items) {
    const set = node("fieldset", { class: "diary-subset" });
    set.append(node("legend", {}, p.labels[item]));
    const list = node("ul", { class: "diary-choices" });
    radios[item] = [];
    for (const [level, text] of Object.entries(p.levels[item])) {
      const li = node("li");
      const label = node("label", { class: "diary-check" });
      const radio = node("input", { type: "radio", name: `painad-${item}`, value: level });
      label.append(radio, document.createTextNode(`${level}: ${text}`));
      li.append(label);
      list.append(li);
      radios[item].push(radio);
    }
    set.append(list);
    items.append(set);
  }
  const totalBox = node("p", { class: "diary-message", role: "status", id: "painad-total" });
  items.append(totalBox);
  form.append(items);

  const notesSet = node("fieldset");
  notesSet.append(node("legend", {}, t("Notes")));
  const notesWrap = node("div", { class: "diary-field" });
  const notes = node("textarea", { id: "painad-notes", rows: "2", placeholder: f.notes.placeholder });
  notesWrap.append(node("label", { for: "painad-notes" }, t("{label} on what you saw", { label: f.notes.label })), notes);
  notesSet.append(notesWrap);
  form.append(notesSet);
  const actions = node("div", { class: "diary-actions" });
  actions.append(node("button", { type: "submit", class: "diary-button diary-primary" }, t("Save observation")));
  form.append(actions);
  const message = node("p", { class: "diary-message diary-form-message", role: "status", id: "painad-message" });
  form.append(message);
  box.append(form);

  const logBox = node("div", { id: "painad-log" });
  box.append(logBox);
  const copy = node("div", { class: "diary-actions" });
  const download = node("button", { type: "button", class: "diary-button" }, t("Download observation log (CSV)"));
  copy.append(download);
  box.append(copy);
  const openWrap = node("div", { class: "diary-field" });
  const open = node("input", { type: "file", id: "painad-open", accept: ".csv,text/csv,.txt,.xlsx" });
  openWrap.append(node("label", { for: "painad-open" }, t("Open an observation log file")), open);
  box.append(openWrap);

  const scores = () => Object.fromEntries(p.items.map((item) => {
    const picked = radios[item].find((r) => r.checked);
    return [item, picked ? Number(picked.value) : null];
  }));
  const showTotal = () => { totalBox.textContent = totalText(rules, scores()); };
  form.addEventListener("change", showTotal);
  showTotal();

  const labels = { ...p.labels, date: dateLabel, time: timeLabel };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let where = context.value || null;
    if (where === "other") where = other.value.trim() || contextWords("other");
    else if (where) where = contextWords(where);
    const obs = { date: date.value, time: time.value || null, ...scores(), context: where,
      notes: notes.value.trim() || null };
    let row;
    try {
      row = checkEntry(rules, obs, { kind: "observations", columns: log.get().columns });
    } catch (err) {
      if (!(err instanceof DiaryError)) throw err;
      message.textContent = notSavedMessage(rules, err, labels);
      return;
    }
    const current = log.get();
    current.rows.push(row);
    await log.saved();
    for (const group of Object.values(radios)) for (const r of group) r.checked = false;
    time.value = ""; context.value = ""; other.value = ""; notes.value = "";
    showTotal();
    render();
    message.textContent = savedMessage(rules, current.rows.length, "observations");
  });

  download.addEventListener("click", async () => {
    const { csvBytes } = await import("./csv-write.js");
    log.download(csvBytes(rules, log.get(), "observations"), `painad-log-${today()}.csv`);
    const observations = tn("{n} observation", "{n} observations", log.get().rows.length);
    log.say(t("Downloaded your observation log ({observations}).", { observations }));
  });
  open.addEventListener("change", async () => {
    const file = open.files?.[0];
    if (!file) return;
    log.alert("");
    try {
      const { readDiary } = await import("./csv-read.js");
      const read = readDiary(rules, new Uint8Array(await file.arrayBuffer()), { name: file.name, kind: "observations" });
      log.set({ columns: read.columns, rows: read.rows });
      await log.saved();
      render();
      log.say(tn("Your observation log is now the {n} observation of \"{name}\".", "Your observation log is now the {n} observations of \"{name}\".", read.rows.length, { name: file.name }));
    } catch (err) {
      if (!(err instanceof DiaryError)) throw err;
      log.alert(t("Not opened. {message} Nothing was changed in your log.", { message: err.message }));
    } finally {
      open.value = "";
    }
  });

  function render() {
    const rows = log.get().rows;
    logBox.replaceChildren();
    if (!rows.length) {
      logBox.append(node("p", {}, t("No observations yet.")));
      return;
    }
    const totals = painadTotals(rules, log.get());
    const shown = rows.map((row, index) => ({ row, index })).slice(-SHOW).reverse();
    logBox.append(node("h3", {}, t("Your last observations")));
    const numeric = new Set([2]);
    logBox.append(table(t("Last observations, newest first"),
      [t("Date"), t("Time"), t("Total (0-10)"), t("What was happening"), t("Notes"), t("Change")],
      shown.map(({ row, index }) => {
        // (Babel's extractor finds no t() inside another t()'s values: each is said apart)
        const when = row.time ? t("{date} at {time}", { date: dayWords(row.date), time: row.time }) : dayWords(row.date);
        const d = node("button", { type: "button", class: "diary-button",
          "aria-label": t("Delete the observation of {when}", { when }) }, t("Delete"));
        d.addEventListener("click", async () => {
          rows.splice(index, 1);
          await log.saved();
          render();
          log.say(t("The observation of {date} was deleted.", { date: dayWords(row.date) }));
        });
        return [row.date, row.time, totals[index], row.context, row.notes, d];
      }), numeric));
    const byActivity = contextTable(rules, log.get());
    logBox.append(table(t("PAINAD totals by what was happening"), byActivity.columns,
      byActivity.rows.map(([what, n, mean, high]) => [what, n, mean.toFixed(1), high]), new Set([1, 2, 3])));
    logBox.append(node("p", { id: "painad-summary" }, observationSummary(rules, log.get())));
  }
  render();
  return { render };
}
