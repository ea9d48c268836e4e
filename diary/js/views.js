// What the diary shows: the last entries (with Edit and Delete), and the diary's analysis.
// Everything the person typed is put in the page as text (textContent), never as HTML.

import { dayWords } from "./chart.js";

export const LAST = 10;
const SHORT = {
  date: "Date", time: "Time", pain: "Pain", worst: "Worst", least: "Least",
  enjoyment_interference: "Enjoyment (PEG)", activity_interference: "Activity (PEG)",
  sleep_hours: "Sleep (hours)", mood: "Mood", locations: "Where", qualities: "Feels like",
  medications: "Medicines", helped: "Helped", worsened: "Made worse", notes: "Notes",
};

export function node(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** A table from headings and rows of cells (text or nodes), in a box that scrolls sideways. */
export function table(caption, headings, rows, numeric = new Set()) {
  const box = node("div", { class: "diary-table-box", tabindex: "0", role: "region", "aria-label": caption });
  const t = node("table");
  t.append(node("caption", {}, caption));
  const head = node("thead");
  const tr = node("tr");
  headings.forEach((h, i) => tr.append(node("th", { scope: "col", class: numeric.has(i) ? "diary-num" : null }, h)));
  head.append(tr);
  const body = node("tbody");
  for (const cells of rows) {
    const row = node("tr");
    cells.forEach((c, i) => {
      const td = node("td", { class: numeric.has(i) ? "diary-num" : null });
      if (c instanceof Node) td.append(c);
      else td.textContent = c == null ? "" : String(c);
      row.append(td);
    });
    body.append(row);
  }
  t.append(head, body);
  box.append(t);
  return box;
}

/** The last entries, newest first, with the columns that have something in them. */
export function lastEntries(rules, diary, { edit, remove }) {
  const section = node("section", { class: "diary-part", "aria-labelledby": "last-title" });
  section.append(node("h3", { id: "last-title" }, "Your last entries"));
  const n = diary.rows.length;
  section.append(node("p", {}, `Your diary has ${n} ${n === 1 ? "entry" : "entries"}.`
    + (n > LAST ? ` The last ${LAST} are shown, newest first.` : "")));
  const shown = diary.rows.map((row, index) => ({ row, index })).slice(-LAST).reverse();
  const columns = diary.columns.filter((c) => c === "date" || c === "pain"
    || shown.some(({ row }) => row[c] !== null && row[c] !== undefined && row[c] !== ""));
  const numeric = new Set(columns.map((c, i) => (rules.diary.numbers[c] ? i : -1)).filter((i) => i >= 0));
  const rows = shown.map(({ row, index }) => {
    const actions = node("div", { class: "diary-entry-actions" });
    const e = node("button", { type: "button", class: "diary-button" }, "Edit");
    e.setAttribute("aria-label", `Edit the entry of ${dayWords(row.date)}${row.time ? " at " + row.time : ""}`);
    e.addEventListener("click", () => edit(index));
    const d = node("button", { type: "button", class: "diary-button" }, "Delete");
    d.setAttribute("aria-label", `Delete the entry of ${dayWords(row.date)}${row.time ? " at " + row.time : ""}`);
    d.addEventListener("click", () => remove(index));
    actions.append(e, d);
    return [...columns.map((c) => row[c]), actions];
  });
  section.append(table("Last entries", [...columns.map((c) => SHORT[c] ?? c), "Change"], rows, numeric));
  return section;
}

/** Fill `box` with everything the diary shows. */
export function renderViews(box, rules, diary, handlers) {
  box.replaceChildren();
  if (!diary.rows.length) {
    box.append(node("p", {}, "Your diary has no entries yet. Add your first one above, "
      + "or open a diary file in \"Keep a copy\"."));
    return;
  }
  box.append(lastEntries(rules, diary, handlers));
}
