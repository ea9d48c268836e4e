/**
 * One new entry, checked as painbook's `append_entry` checks it: the same refusals and the
 * same words. Date and pain alone are enough.
 *
 * {@link checkEntry} takes the entry as a mapping of column names (canonical names, the
 * heading variants painbook recognises, or the diary's extra columns) to values: text,
 * numbers, `null`, or for a list column an array of strings (joined with "; ", as painbook
 * does). It returns the row as it will be stored (see build.js for the values), or throws a
 * {@link DiaryError} whose `column` is the field and `line` is null.
 *
 * {@link formEntry} turns what the boxes of the diary form hold into such an entry, as the
 * workbook's `DiaryForm.entry()` does.
 *
 * @module entry
 */

import { build, emptyDiary } from "./build.js";
import { DiaryError } from "./errors.js";
import { fill } from "./rules.js";
import { formatNumber, strip } from "./text.js";

/**
 * A value as painbook's `cell_text` writes it, before checking.
 * @param {any} value
 */
function cellText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return formatNumber(value);
  return String(value);
}

/**
 * Check one entry (or PAINAD observation) and return its row.
 * @param {any} rules
 * @param {Record<string, any>} entry
 * @param {{kind?: "diary"|"observations", columns?: string[]}} [options]
 *   `columns`: the columns of the diary it will join (to know the person's extra columns)
 * @returns {Record<string, string|number|null>}
 */
export function checkEntry(rules, entry, { kind = "diary", columns } = {}) {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
    const main = kind === "diary" ? "pain" : "PAINAD";
    throw new DiaryError(
      `An entry must be a mapping of column names to values, like ` +
        `{'date': '2026-04-03', '${main}': 5}, not ${Array.isArray(entry) ? "list" : typeof entry}. ` +
        "Change it, then add the entry again.",
    );
  }
  const spec = rules[kind];
  const all = columns ?? emptyDiary(rules, kind).columns;
  const extras = all.filter((c) => !spec.columns.includes(c));
  const headers = Object.keys(entry);
  const cells = headers.map((h) => {
    const v = entry[h];
    return [Array.isArray(v) ? v.map(String).join(rules.lists.join) : cellText(v)];
  });
  const raw = { headers, cells, lines: null, headerLine: null, source: null, mode: "entry", noun: spec.what };
  const built = build(rules, raw, kind, extras);
  const row = {};
  for (const column of all) row[column] = column in built.rows[0] ? built.rows[0][column] : null;
  return row;
}

/**
 * The message the form shows when an entry is refused (the workbook's `not_saved_message`):
 * "Not saved. <painbook's words> Look at the box "<label>". Nothing was written to the file."
 * (without "Look at the box" when painbook's words already name it)
 * @param {any} rules
 * @param {DiaryError} error
 * @param {Record<string, string>} [labels]  field name -> label on the form (default: the
 *   diary form's labels)
 */
export function notSavedMessage(rules, error, labels) {
  const table = labels ?? Object.fromEntries(Object.entries(rules.fields).filter(([k]) => !k.startsWith("_")).map(([k, f]) => [k, f.label]));
  const label = table[error.column ?? ""];
  const m = rules.messages;
  const named = label && !error.message.includes(`"${label}"`); // the message names the box
  return named ? fill(m.not_saved, { message: error.message, label }) : fill(m.not_saved_no_label, { message: error.message });
}

/**
 * "Saved. Your diary now has 3 entries." (the workbook's `saved_message`).
 * @param {any} rules
 * @param {number} n  entries (or observations) now in the diary
 * @param {"diary"|"observations"} [kind]
 */
export function savedMessage(rules, n, kind = "diary") {
  const m = rules.messages;
  if (kind === "diary") return n === 1 ? m.saved_one : fill(m.saved_many, { n });
  return n === 1 ? m.saved_observation_one : fill(m.saved_observation_many, { n });
}

const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;

/**
 * What a number box holds: null when empty, a number when plainly one, else the text.
 * @param {string} text
 */
export function numberOrText(text) {
  const value = strip(text ?? "");
  if (!value) return null;
  return PLAIN_NUMBER.test(value) ? Number(value) : value;
}

/**
 * Items of a box holding one item per line (or items separated by ";").
 * @param {string} text
 */
export function items(text) {
  return (text ?? "")
    .split(/[;\n\r]+/)
    .map(strip)
    .filter(Boolean);
}

/**
 * The entry the diary form holds, as the workbook's `DiaryForm.entry()` builds it.
 * @param {any} rules
 * @param {Record<string, string>} boxes  field name -> text typed (the date as YYYY-MM-DD)
 * @param {string[]} [qualities]  ticked words for what the pain feels like
 * @param {string} [otherQualities]  the "Other words" box
 */
export function formEntry(rules, boxes, qualities = [], otherQualities = "") {
  const entry = { date: boxes.date ?? "", time: strip(boxes.time ?? "") || null };
  for (const column of rules.diary.columns) {
    if (column in rules.diary.numbers) entry[column] = numberOrText(boxes[column]);
  }
  const feels = [...qualities, ...items(otherQualities)];
  for (const column of rules.diary.lists) {
    if (column === "qualities") entry[column] = feels.length ? feels : null;
    else {
      const list = items(boxes[column]);
      entry[column] = list.length ? list : null;
    }
  }
  entry.notes = strip(boxes.notes ?? "") || null;
  const out = {};
  for (const column of rules.diary.columns) out[column] = entry[column] ?? null;
  return out;
}

/**
 * The observation the PAINAD form holds, as the workbook's `ObservationForm.observation()`
 * builds it: the five scores (null when not picked), what was happening ("other" gives the
 * words typed in the "If other" box, or "other"), and the notes.
 * @param {any} rules
 * @param {Record<string, number|null>} scores
 * @param {{date: string, time?: string, context?: string, contextOther?: string, notes?: string}} boxes
 */
export function formObservation(rules, scores, boxes) {
  let context = boxes.context || null;
  if (context === "other") context = strip(boxes.contextOther ?? "") || "other";
  const obs = { date: boxes.date ?? "", time: strip(boxes.time ?? "") || null };
  for (const item of rules.painad.items) obs[item] = scores[item] ?? null;
  obs.context = context;
  obs.notes = strip(boxes.notes ?? "") || null;
  return obs;
}

/**
 * A new diary with the entry checked and added at the end (what `append_entry` saves);
 * the diary given is not changed. Throws the entry's DiaryError, adding nothing.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {Record<string, any>} entry
 * @param {"diary"|"observations"} [kind]
 */
export function appendEntry(rules, diary, entry, kind = "diary") {
  const row = checkEntry(rules, entry, { kind, columns: diary.columns });
  return { ...diary, rows: [...diary.rows, row], lines: null };
}
