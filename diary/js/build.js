/**
 * From text cells to a checked diary (painbook's `_resolve` and `_build`): which heading
 * holds which column, then every cell checked, with the first problem raised.
 *
 * A diary in JavaScript is `{columns, rows, lines}`:
 *
 * - `columns`: the canonical columns in order (rules.diary.columns), then the person's own
 *   extra columns in the file's order, with the names used in the file;
 * - `rows`: one object per entry, in file order, keyed by column, holding what painbook's
 *   DataFrame holds: `date` "YYYY-MM-DD"; `time` "HH:MM" or null; number columns a number
 *   or null (NaN / <NA> in pandas); list columns, notes and extra columns the text as
 *   painbook keeps it (lists trimmed, the formula guard undone) or null when empty;
 * - `lines`: the 1-based file line of each row (like `df.attrs["lines"]`), or null.
 *
 * The same shape holds a PAINAD observation log (rules.observations), whose five items are
 * whole numbers 0-2.
 *
 * @module build
 */

import { checkMidnight, fastDates, fastTimes, parseDates, parseNumbers, parseTimes, Problems, splitDateTime, Where } from "./cells.js";
import { DiaryError } from "./errors.js";
import { headerKey, isBlank, strip, unescapeText } from "./text.js";

/**
 * @typedef {Object} Diary
 * @property {string[]} columns
 * @property {Record<string, string|number|null>[]} rows
 * @property {number[]|null} lines
 * @property {string} [source]
 */

/**
 * @typedef {Object} Raw  A table as text, before any checking.
 * @property {string[]} headers
 * @property {string[][]} cells  one array per column, every value a string ("" when empty)
 * @property {number[]|null} lines  file line of each row
 * @property {number|null} headerLine
 * @property {string|null} source
 * @property {"file"|"entry"} mode
 * @property {boolean} [apostrophes]  false when no cell can start with "'"
 * @property {string} noun  "diary" or "observation log"
 */

/**
 * The table description of a kind of table.
 * @param {any} rules
 * @param {"diary"|"observations"} kind
 */
export function specOf(rules, kind) {
  const spec = rules[kind];
  if (!spec) throw new TypeError(`Unknown table kind ${kind}.`);
  return spec;
}

function retryOf(rules, raw) {
  return new Where(raw.mode, { noun: raw.noun, messages: rules.messages }).retry;
}

function twoColumnsError(rules, spec, canonical, first, second, line, retry, noun) {
  const words = spec.words[canonical] ?? canonical;
  let how = "";
  if (noun === "column" && line !== null) {
    how = ` (or keep both and say that '${second}' is not the ${words} column: ${spec.reader}(path, columns={'${second}': None}))`;
  }
  return new DiaryError(
    `Two ${noun}s hold the ${words}: '${first}' and '${second}'. A ${spec.what} can have only ` +
      `one. Rename or delete one of them${how}, ${retry}`,
    { line, column: second },
  );
}

const FLOAT_WORDS = /^[+-]?(?:inf|infinity|nan)$/i;
const FLOAT_TEXT = /^[+-]?(?:\d(?:_?\d)*\.?(?:\d(?:_?\d)*)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;

function looksLikeData(value) {
  const text = strip(value);
  if (!text) return false;
  if (/^\d/.test(text) && /[-/.]/.test(text)) return true;
  const t = strip(text.replaceAll(",", "."));
  return FLOAT_TEXT.test(t) || FLOAT_WORDS.test(t);
}

function named(name) {
  return name ? ` '${name}'` : "";
}

function missingColumnsError(rules, raw, spec, missing) {
  const retry = retryOf(rules, raw);
  const found = raw.headers.filter((h) => strip(h)).map((h) => `'${h}'`).join(", ") || "none";
  const names = missing.map((c) => `'${c}'`).join(" or ");
  const where = `${spec.what}${named(raw.source)}`;
  let message = `The ${where} has no ${names} column. The column headings found are: ${found}. `;
  for (const column of missing) {
    if (column in spec.examples) message += `A ${column} column can be headed ${spec.examples[column]}. `;
  }
  const first = raw.headers.length ? raw.headers[0] : "";
  if (raw.mode === "file" && looksLikeData(first)) {
    message +=
      "The first line looks like an entry, not headings. Add a heading line at the " +
      `top (for example: ${spec.columns.slice(0, 3).join(",")},notes), ${retry}`;
  } else {
    const example = missing[0];
    const headings = rules.messages.example_headings;
    const heading = headings[example] ?? headings._other;
    const mapping = `{'${heading}': '${example}'}`;
    message +=
      `Rename the heading of that column (or say which column it is: if it is ` +
      `headed '${heading}', ${spec.reader}(path, columns=${mapping})), ${retry}`;
  }
  return new DiaryError(message, { line: raw.headerLine, column: missing[0] });
}

/**
 * Decide which heading holds which column; the others are the person's extras.
 * @param {any} rules
 * @param {Raw} raw
 * @param {any} spec
 * @param {string[]|null} knownExtras  for an entry: the extra columns already in the diary
 * @returns {{assigned: Map<string, number>, extras: number[]}}
 */
export function resolve(rules, raw, spec, knownExtras = null) {
  const headers = raw.headers;
  const retry = retryOf(rules, raw);
  const noun = raw.mode === "entry" ? "field" : "column";
  const line = raw.headerLine;
  const DATETIME = rules.datetime_column;
  const seen = new Map();
  headers.forEach((heading, i) => {
    if (!strip(heading)) return;
    if (seen.has(heading)) {
      throw new DiaryError(
        `Two ${noun}s are both called '${heading}' (${noun}s ${seen.get(heading) + 1} and ` +
          `${i + 1}). Rename one of them so each ${noun} has its own name, ${retry}`,
        { line, column: heading },
      );
    }
    seen.set(heading, i);
  });
  const assigned = new Map();
  const extras = [];
  const blank = [];
  headers.forEach((heading, i) => {
    if (!strip(heading)) {
      blank.push(i);
      return;
    }
    let canonical = spec.aliases[headerKey(rules, heading)];
    if (canonical === undefined && spec.columns.includes(heading)) canonical = heading;
    if (canonical === undefined) {
      if (raw.mode === "entry" && knownExtras !== null && !knownExtras.includes(heading)) {
        const extraList = knownExtras.map((e) => `'${e}'`).join(", ") || "none";
        throw new DiaryError(
          `'${heading}' is not a ${spec.what} column. The ${spec.what} columns are: ` +
            `${spec.columns.join(", ")}; the extra columns in this file are: ` +
            `${extraList}. Change the name, or add a '${heading}' column to the file ` +
            `first, ${retry}`,
          { column: heading },
        );
      }
      extras.push(i);
      return;
    }
    if (assigned.has(canonical)) {
      throw twoColumnsError(rules, spec, canonical, headers[assigned.get(canonical)], heading, line, retry, noun);
    }
    assigned.set(canonical, i);
  });
  if (assigned.has(DATETIME)) {
    for (const part of ["date", "time"]) {
      if (assigned.has(part)) {
        throw twoColumnsError(rules, spec, part, headers[assigned.get(DATETIME)], headers[assigned.get(part)], line, retry, noun);
      }
    }
  }
  const where = new Where(raw.mode, { lines: raw.lines, unit: raw.unit ?? "Line", noun: raw.noun, messages: rules.messages });
  for (const i of blank) {
    const filled = raw.cells[i].findIndex((v) => strip(v) !== "");
    if (filled >= 0) {
      const rowLine = where.line(filled);
      const at = rowLine !== null ? ` (first at ${where.unit.toLowerCase()} ${rowLine})` : "";
      throw new DiaryError(
        `Column ${i + 1} has entries but no heading${at}. Add a heading for it in the ` +
          `heading row, or delete that column, ${retry}`,
        { line: rowLine !== null ? rowLine : line },
      );
    }
  }
  const missing = spec.required.filter((c) => !assigned.has(c) && !(c === "date" && assigned.has(DATETIME)));
  if (missing.length && raw.mode !== "entry") throw missingColumnsError(rules, raw, spec, missing);
  if (missing.length) {
    const where = new Where("entry", { noun: raw.noun, messages: rules.messages });
    const names = missing.map((c) => where.name(c).replace(/^the box /, "")).join(" and ");
    const boxes = missing.length > 1 ? "boxes" : "box";
    throw new DiaryError(
      `The new entry has nothing in the ${boxes} ${names}. Every entry needs ` +
        `${missing.length > 1 ? "them" : "one"}. Fill in ${names}, ${retry}`,
      { column: missing[0] },
    );
  }
  return { assigned, extras };
}

function stripAll(cells) {
  let changed = false;
  const out = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    out[i] = strip(cells[i]);
    if (out[i] !== cells[i]) changed = true;
  }
  return changed ? out : cells;
}

function texts(rules, cells, guarded) {
  const out = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    out[i] = v === "" ? null : guarded ? unescapeText(rules, v) : v;
  }
  return out;
}

/**
 * Skip rows where every cell is empty or spaces (painbook's `_drop_blank_rows`).
 * @param {string[][]} cells
 * @param {number[]} lines
 * @returns {[string[][], number[]]}
 */
export function dropBlankRows(cells, lines) {
  if (!cells.length || !cells[0].length) return [cells, lines];
  const n = cells[0].length;
  const keep = [];
  let dropped = false;
  for (let r = 0; r < n; r++) {
    let blank = isBlank(cells[0][r]);
    for (let c = 1; blank && c < cells.length; c++) blank = isBlank(cells[c][r]);
    if (blank) dropped = true;
    else keep.push(r);
  }
  if (!dropped) return [cells, lines];
  return [cells.map((col) => keep.map((r) => col[r])), keep.map((r) => lines[r])];
}

/**
 * Check every cell of a raw table and return the diary (see the module's description).
 * @param {any} rules
 * @param {Raw} raw
 * @param {"diary"|"observations"} kind
 * @param {string[]|null} [knownExtras]
 * @param {string|null} [dateFormat]  the order of dates not written year-month-day:
 *   "%d/%m/%Y" or "%m/%d/%Y" (painbook's `date_format`)
 * @returns {Diary}
 */
export function build(rules, raw, kind, knownExtras = null, dateFormat = null) {
  const spec = specOf(rules, kind);
  const { assigned, extras } = resolve(rules, raw, spec, knownExtras);
  const cells = raw.cells;
  const n = cells.length ? cells[0].length : 0;
  const where = new Where(raw.mode, { lines: raw.lines, unit: raw.unit ?? "Line", noun: raw.noun, messages: rules.messages });
  const problems = new Problems(where);
  const headers = raw.headers;
  const guarded = raw.mode === "file" ? raw.apostrophes !== false : false;
  const DATETIME = rules.datetime_column;
  /** @type {Record<string, any[]>} */
  const out = {};
  const empty = () => new Array(n).fill(null);

  if (assigned.has(DATETIME)) {
    const pos = assigned.get(DATETIME);
    const both = dateFormat === null ? fastDateTimes(rules, cells[pos]) : null;
    if (both) [out.date, out.time] = both;
    else {
      const [dateText, timeText] = splitDateTime(rules, stripAll(cells[pos]));
      out.date = parseDates(rules, dateText, problems, pos, headers[pos], dateFormat);
      out.time = parseTimes(rules, timeText, problems, pos, headers[pos]);
    }
  } else {
    const pos = assigned.get("date");
    const dates = dateFormat === null ? fastDates(rules, cells[pos]) : null;
    if (dates) out.date = dates;
    else {
      const full = stripAll(cells[pos]);
      const [dateText, timeText] = splitDateTime(rules, full);
      checkMidnight(timeText, full, problems, pos, headers[pos]);
      out.date = parseDates(rules, dateText, problems, pos, headers[pos], dateFormat);
    }
    if (assigned.has("time")) {
      const tpos = assigned.get("time");
      out.time = fastTimes(cells[tpos]) ?? parseTimes(rules, stripAll(cells[tpos]), problems, tpos, headers[tpos]);
    } else out.time = empty();
  }
  for (const [column, rule] of Object.entries(spec.numbers)) {
    if (assigned.has(column)) {
      const pos = assigned.get(column);
      out[column] = parseNumbers(rule, cells[pos], problems, pos, headers[pos]);
    } else out[column] = empty();
  }
  problems.raiseFirst();
  for (const column of spec.lists) {
    out[column] = assigned.has(column) ? texts(rules, stripAll(cells[assigned.get(column)]), guarded) : empty();
  }
  for (const column of spec.texts) {
    out[column] = assigned.has(column) ? texts(rules, cells[assigned.get(column)], guarded) : empty();
  }
  const columns = [...spec.columns];
  for (const pos of extras) {
    out[headers[pos]] = texts(rules, cells[pos], guarded);
    columns.push(headers[pos]);
  }
  const rows = new Array(n);
  const data = columns.map((c) => out[c]);
  for (let r = 0; r < n; r++) {
    const row = {};
    for (let c = 0; c < columns.length; c++) row[columns[c]] = data[c][r];
    rows[r] = row;
  }
  return { columns, rows, lines: raw.lines ? [...raw.lines] : null };
}

/**
 * A column of `YYYY-MM-DD HH:MM` (or with `T`) as dates and times, or null.
 * @param {any} rules
 * @param {string[]} cells
 * @returns {[string[], string[]]|null}
 */
function fastDateTimes(rules, cells) {
  const dates = new Array(cells.length);
  const times = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const t = cells[i];
    if (t.length !== 16) return null;
    const sep = t.charCodeAt(10);
    if (sep !== 32 && sep !== 84) return null;
    const d = t.slice(0, 10);
    const clock = t.slice(11);
    if (fastDates(rules, [d]) === null || fastTimes([clock]) === null) return null;
    dates[i] = d;
    times[i] = clock;
  }
  return [dates, times];
}

/**
 * An empty diary (or observation log): the canonical columns, no rows.
 * @param {any} rules
 * @param {"diary"|"observations"} [kind]
 * @returns {Diary}
 */
export function emptyDiary(rules, kind = "diary") {
  return { columns: [...specOf(rules, kind).columns], rows: [], lines: [] };
}
