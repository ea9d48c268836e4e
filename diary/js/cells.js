/**
 * Checking one column of text cells, as painbook's `_validate` does: dates, times and
 * numbers, each reporting the first bad cell of the column to a {@link Problems} collector
 * with painbook's own words.
 *
 * Each parser first tries a fast path that accepts only the standard form (`YYYY-MM-DD`,
 * `HH:MM`, plain numbers) with character codes, no regular expression; any other cell sends
 * the column to the careful path, which follows painbook's regular expressions cell by cell.
 *
 * @module cells
 */

import { DiaryError } from "./errors.js";
import { fill } from "./rules.js";
import { compiled, formatNumber, pyRepr, quoted, strip } from "./text.js";

/**
 * How to name the place of a problem (painbook's `Where`).
 * `mode` is "file" (lines are the file's line numbers, one per row) or "entry".
 */
export class Where {
  /**
   * @param {"file"|"entry"|"table"} mode
   * @param {{lines?: number[]|null, unit?: string, noun?: string, messages?: any}} [options]
   *   `messages`: rules.messages (painbook's words: the retry, "cell" or "box", the box labels)
   */
  constructor(mode, { lines = null, unit = "Line", noun = "diary", messages = null } = {}) {
    if (!messages) throw new TypeError("Where needs rules.messages (painbook's words).");
    this.mode = mode;
    this.lines = lines;
    this.unit = unit;
    this.noun = noun;
    this.messages = messages;
  }

  /** The last words of every fix: what to do once the cell is changed. */
  get retry() {
    return fill(this.messages.retry[this.mode], { noun: this.noun });
  }

  /** What holds one value: a "cell" of a file or table, a "box" of a form's entry. */
  get cell() {
    return this.messages.cell[this.mode];
  }

  /** ", or delete the row if it is not an entry" (a file or table has rows; an entry does not). */
  get orDelete() {
    return this.messages.or_delete[this.mode];
  }

  /**
   * A column as the person knows it: in a new entry, the label of its box on the form; in a
   * file or table, the heading as written there.
   * @param {string} column
   */
  name(column) {
    if (this.mode === "entry") {
      const names = this.messages.entry_names[this.noun] ?? this.messages.entry_names["observation log"];
      const words = names?.[column];
      if (words !== undefined) return words;
    }
    return `'${column}'`;
  }

  /** @param {number} pos */
  line(pos) {
    return this.mode === "file" && this.lines ? this.lines[pos] : null;
  }

  /**
   * @param {number} pos
   * @param {string|null} column
   */
  place(pos, column) {
    if (this.mode === "file") {
      const where = `${this.unit} ${this.line(pos)}`;
      return column !== null ? `${where}, column '${column}'` : where;
    }
    if (this.mode === "entry") {
      return column ? fill(this.messages.place.entry, { name: this.name(column) }) : this.messages.place.entry_no_column;
    }
    const where = `Row ${pos + 1} of the table (index ${pos})`;
    return column !== null ? `${where}, column '${column}'` : where;
  }
}

/**
 * Collects problems and raises the earliest: by row, then column position, then priority
 * (a cell that could not be read comes before a range check on the same cell).
 */
export class Problems {
  /** @param {Where} where */
  constructor(where) {
    this.where = where;
    /** @type {[number, number, number]|null} */
    this.key = null;
    /** @type {DiaryError|null} */
    this.error = null;
  }

  /**
   * @param {number} pos
   * @param {number} order
   * @param {string|null} column
   * @param {string | (() => string)} text
   * @param {number} [priority]
   */
  add(pos, order, column, text, priority = 0) {
    if (pos < 0) return;
    const key = [pos, order, priority];
    if (this.key && !lessThan(key, this.key)) return;
    let words = typeof text === "function" ? text() : text;
    if (this.where.mode === "entry") words = words.replaceAll("the cell", `the ${this.where.cell}`);
    this.key = key;
    this.error = new DiaryError(`${this.where.place(pos, column)}: ${words}`, {
      line: this.where.line(pos),
      column,
    });
  }

  get found() {
    return this.error !== null;
  }

  raiseFirst() {
    if (this.error) throw this.error;
  }
}

function lessThan(a, b) {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] < b[i];
  }
  return false;
}

// ------------------------------------------------------------------------------ dates

const MONTHS_LENGTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month. */
export function monthDays(year, month) {
  return month === 2 && isLeap(year) ? 29 : MONTHS_LENGTH[month - 1];
}

function pad(n, width) {
  return String(n).padStart(width, "0");
}

/** `YYYY-MM-DD` of a year, month and day. */
export function isoDate(year, month, day) {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function digit(text, i) {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}

/**
 * A standard `YYYY-MM-DD` date that is real and within painbook's years, or null.
 * @param {any} rules
 * @param {string} text
 */
function fastIso(rules, text) {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (year < rules.dates.first_year || year > rules.dates.last_year) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= monthDays(year, month);
}

/**
 * Dates of a column when every cell is a standard date, else null (painbook's `fast_dates`).
 * @param {any} rules
 * @param {string[]} cells
 */
export function fastDates(rules, cells) {
  for (let i = 0; i < cells.length; i++) if (!fastIso(rules, cells[i])) return null;
  return cells;
}

function longDate(rules, year, month, day) {
  return `${day} ${rules.dates.months[month]} ${year}`;
}

function impossibleDate(rules, value, year, month, day, retry) {
  let why;
  if (!(month >= 1 && month <= 12)) why = `there is no month ${month}`;
  else if (day < 1) why = "there is no day 0";
  else if (day > monthDays(year, month)) {
    why = `${rules.dates.months[month]} ${year} has only ${monthDays(year, month)} days`;
  } else why = `the year ${year} looks wrong`;
  return `${quoted(value)} is not a real date: ${why}. Change it to the right date, ${retry}`;
}

/**
 * Split "2026-04-03 08:30" into date and time text (painbook's `split_date_time`).
 * @param {any} rules
 * @param {string[]} text stripped cells
 * @returns {[string[], string[]]}
 */
export function splitDateTime(rules, text) {
  const re = compiled(rules).splitDateTime;
  const dates = new Array(text.length);
  const times = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const m = re.exec(text[i]);
    dates[i] = m ? m[1] : text[i];
    times[i] = m && m[2] !== undefined ? strip(m[2]) : "";
  }
  return [dates, times];
}

// Python's strptime patterns (the _strptime module, which pandas follows) for the parts of
// a date-only format.
const FORMAT_PARTS = {
  d: "(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
  m: "(1[0-2]|0[1-9]|[1-9])",
  Y: "(\\d\\d\\d\\d)",
};
const FORMATS = new Map();

/**
 * Check a `date_format` for dates: day, month and year (`%d`, `%m`, `%Y`), each once, with
 * other characters between them, such as "%d/%m/%Y" or "%m/%d/%Y".
 * @param {string} format
 */
export function checkDateFormat(format) {
  const parts = format.match(/%./g) ?? [];
  const ok = parts.length === 3 && ["%d", "%m", "%Y"].every((p) => parts.includes(p)) && !/%[^dmY]/.test(format);
  if (!ok) throw new TypeError(`The date order must be "%d/%m/%Y" (day first) or "%m/%d/%Y" (month first), not ${format}.`);
  return format;
}

function matchFormat(format, text) {
  let compiledFormat = FORMATS.get(format);
  if (!compiledFormat) {
    const order = [];
    let source = "^";
    for (let i = 0; i < format.length; i++) {
      if (format[i] === "%" && i + 1 < format.length) {
        const part = format[++i];
        order.push(part);
        source += FORMAT_PARTS[part];
      } else if (/\s/.test(format[i])) source += "\\s+";
      else source += format[i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    compiledFormat = { re: new RegExp(source + "$"), order };
    FORMATS.set(format, compiledFormat);
  }
  const m = compiledFormat.re.exec(text);
  if (!m) return null;
  const value = {};
  compiledFormat.order.forEach((part, k) => (value[part] = Number(m[k + 1])));
  return [value.Y, value.m, value.d];
}

/**
 * Turn a column of stripped date text into `YYYY-MM-DD` (painbook's `parse_dates`, without
 * `date_format`).
 * @param {any} rules
 * @param {string[]} text
 * @param {Problems} problems
 * @param {number} order
 * @param {string} column
 * @returns {(string|null)[]}
 */
export function parseDates(rules, text, problems, order, column, dateFormat = null) {
  const retry = problems.where.retry;
  const re = compiled(rules);
  const n = text.length;
  const out = new Array(n).fill(null);
  const year = new Array(n).fill(0);
  const month = new Array(n).fill(0);
  const day = new Array(n).fill(0);
  const matched = new Array(n).fill(false);
  const firstEmpty = text.indexOf("");
  problems.add(
    firstEmpty,
    order,
    column,
    () =>
      "the date is empty. Every entry needs a date. Add it as year-month-day " +
      `(for example 2026-04-03)${problems.where.orDelete}, ${retry}`,
  );
  let unreadable = -1;
  let badFormat = -1;
  const dm = [];
  for (let i = 0; i < n; i++) {
    if (text[i] === "") continue;
    const iso = re.isoDate.exec(text[i]);
    if (iso) {
      year[i] = Number(iso[1]);
      month[i] = Number(iso[2]);
      day[i] = Number(iso[3]);
      matched[i] = true;
      continue;
    }
    if (dateFormat !== null) {
      const parts = matchFormat(dateFormat, text[i]);
      if (parts && parts[2] >= 1 && parts[2] <= monthDays(parts[0], parts[1])) {
        [year[i], month[i], day[i]] = parts;
        matched[i] = true;
      } else if (badFormat < 0) badFormat = i;
      continue;
    }
    const m = re.dayMonth.exec(text[i]);
    if (m) dm.push([i, Number(m[1]), Number(m[3]), Number(m[4])]);
    else if (unreadable < 0) unreadable = i;
  }
  problems.add(
    badFormat,
    order,
    column,
    () =>
      `${quoted(text[badFormat])} does not match the date form you gave ` +
      `(date_format=${pyRepr(dateFormat)}), or is not a real date. Change it to match ` +
      `that form, or write it as year-month-day (for example 2026-04-03), ${retry}`,
  );
  problems.add(
    unreadable,
    order,
    column,
    () =>
      `${quoted(text[unreadable])} is not a date we can read. Write dates as ` +
      `year-month-day, for example 2026-04-03 for 3 April 2026, ${retry}`,
  );
  if (dm.length) {
    const dayRows = [];
    const monthRows = [];
    const ambiguous = [];
    for (const [i, first, second] of dm) {
      if (first > 12 && second <= 12) dayRows.push(i);
      else if (second > 12 && first <= 12) monthRows.push(i);
      else if (first <= 12 && second <= 12 && first !== second) ambiguous.push(i);
    }
    const parts = new Map(dm.map((row) => [row[0], row]));
    checkDateOrder(rules, text, parts, dayRows, monthRows, ambiguous, problems, order, column);
    const useDayFirst = dayRows.length > 0 || monthRows.length === 0;
    for (const [i, first, second, y] of dm) {
      day[i] = useDayFirst ? first : second;
      month[i] = useDayFirst ? second : first;
      year[i] = y;
      matched[i] = true;
    }
  }
  let impossible = -1;
  const { first_year: firstYear, last_year: lastYear } = rules.dates;
  for (let i = 0; i < n; i++) {
    if (!matched[i]) continue;
    const ok =
      year[i] >= firstYear &&
      year[i] <= lastYear &&
      month[i] >= 1 &&
      month[i] <= 12 &&
      day[i] >= 1 &&
      day[i] <= monthDays(year[i], month[i]);
    if (ok) out[i] = isoDate(year[i], month[i], day[i]);
    else if (impossible < 0) impossible = i;
  }
  problems.add(impossible, order, column, () =>
    impossibleDate(rules, text[impossible], year[impossible], month[impossible], day[impossible], retry),
  );
  return out;
}

function checkDateOrder(rules, raw, parts, dayRows, monthRows, ambiguous, problems, order, column) {
  const retry = problems.where.retry;
  const where = problems.where;
  if (dayRows.length && monthRows.length) {
    let settled, other, settledOrder, otherOrder;
    if (dayRows[0] < monthRows[0]) [settled, other, settledOrder, otherOrder] = [dayRows[0], monthRows[0], "day", "month"];
    else [settled, other, settledOrder, otherOrder] = [monthRows[0], dayRows[0], "month", "day"];
    let settledWhere = where.place(settled, null).toLowerCase();
    if (where.mode === "file") settledWhere = `${where.unit.toLowerCase()} ${where.line(settled)}`;
    problems.add(
      other,
      order,
      column,
      `${quoted(raw[other])} puts the ${otherOrder} first, but ${settledWhere} ` +
        `(${raw[settled]}) puts the ${settledOrder} first. Use one order for the whole ` +
        `column; year-month-day is safest (for example 2026-03-25). Change the dates ` +
        `so they all use one order, ${retry}`,
    );
  }
  if (ambiguous.length) {
    const pos = ambiguous[0];
    const [, a, b, y] = parts.get(pos);
    const M = rules.dates.months;
    let hint = "";
    if (dayRows.length && !monthRows.length) {
      hint = " Other dates in this column put the day first, so it is probably the first.";
    } else if (monthRows.length && !dayRows.length) {
      hint = " Other dates in this column put the month first, so it is probably the second.";
    }
    problems.add(
      pos,
      order,
      column,
      `${quoted(raw[pos])} could be ${longDate(rules, y, b, a)} (day first) or ` +
        `${M[a]} ${b}, ${y} (month first). Which did you mean?${hint} Write dates as ` +
        `year-month-day, for example ${pad(y, 4)}-${pad(b, 2)}-${pad(a, 2)} for ${longDate(rules, y, b, a)}, ` +
        `or say the order when you load the diary: read_diary(path, date_format="%d/%m/%Y") ` +
        `for day first, or date_format="%m/%d/%Y" for month first. Change it, ${retry}`,
    );
  }
}

/**
 * A date cell may carry only a midnight time (painbook's `_check_midnight`).
 * @param {string[]} timeText
 * @param {string[]} fullText
 * @param {Problems} problems
 * @param {number} order
 * @param {string} column
 */
export function checkMidnight(timeText, fullText, problems, order, column) {
  const retry = problems.where.retry;
  for (let i = 0; i < timeText.length; i++) {
    const t = timeText[i];
    if (t === "" || /^0?0:00(?::00(?:\.0+)?)?$/.test(t)) continue;
    const clock = /^(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*[aApP])/.test(t);
    problems.add(i, order, column, () =>
      offsetMessage(fullText[i], t, retry) ??
      (clock
        ? `${quoted(fullText[i])} has a time of day in it. Put the time in its own 'time' ` +
          `column (or head this column 'Date/Time' so it is read as date and time), ${retry}`
        : `${quoted(fullText[i])} is not a date we can read. Write dates as year-month-day, ` +
          `for example 2026-04-03 for 3 April 2026, ${retry}`),
    );
    return;
  }
}

// ------------------------------------------------------------------------------ times

function fastClock(text) {
  if (text.length !== 5 || text.charCodeAt(2) !== 58) return false;
  const hour = digit(text, 0) * 10 + digit(text, 1);
  const minute = digit(text, 3) * 10 + digit(text, 4);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
}

/**
 * Times of a column when every filled cell is `HH:MM` (painbook's `fast_times`), else null.
 * @param {string[]} cells
 */
export function fastTimes(cells) {
  const out = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const t = cells[i];
    if (t === "") out[i] = null;
    else if (fastClock(t)) out[i] = t;
    else return null;
  }
  return out;
}

const AM_PM = /^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])\.?\s*m\.?$/i;
const NO_COLON = /^(\d{1,2})[.h]?(\d{2})$/;

/**
 * The 24-hour `HH:MM` form of a time written another way, when it is clear.
 * @param {any} rules
 * @param {string} value
 */
export function suggestTime(rules, value) {
  value = strip(value);
  let m = AM_PM.exec(value);
  if (m) {
    let hour = Number(m[1]);
    const minute = Number(m[2] || 0);
    if (hour >= 1 && hour <= 12 && minute <= 59) {
      hour = (hour % 12) + (m[3].toLowerCase() === "p" ? 12 : 0);
      return `${pad(hour, 2)}:${pad(minute, 2)}`;
    }
    return null;
  }
  m = NO_COLON.exec(value);
  if (m) {
    const hour = Number(m[1]);
    const minute = Number(m[2]);
    if (hour <= 23 && minute <= 59) return `${pad(hour, 2)}:${pad(minute, 2)}`;
  }
  m = compiled(rules).time.exec(value);
  if (m && m[3] && Number(m[1]) <= 23 && Number(m[2]) <= 59) return `${pad(Number(m[1]), 2)}:${m[2]}`;
  return null;
}

const WITH_OFFSET = /^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The message for a time with a time-zone offset (painbook's `offset_message`), or null.
 * @param {string} value the cell
 * @param {string} timeText its time part
 * @param {string} retry
 */
export function offsetMessage(value, timeText, retry) {
  const m = WITH_OFFSET.exec(strip(timeText));
  if (!m) return null;
  const offset = m[1] === "Z" ? "Z (UTC)" : m[1];
  return (
    `${quoted(value)} ends with a time-zone offset, ${offset}: that time is on the clock ` +
    "of another place (often UTC), not on yours. The diary keeps times as your own clock " +
    "showed them, with no offset. Write the local time (for example 08:30), or, if the " +
    "file comes from an app, bring it in with painbook.imports.import_diary(path), which " +
    `changes the times to your time zone, ${retry}`
  );
}

function badTime(rules, value, retry) {
  const offset = offsetMessage(value, value, retry);
  if (offset) return offset;
  const message = `${quoted(value)} is not a time in 24-hour HH:MM form (hours 00 to 23, minutes 00 to 59). `;
  const suggestion = suggestTime(rules, value);
  if (suggestion) return message + `Change it to ${suggestion}, ${retry}`;
  return (
    message +
    `Write the time as hours:minutes, for example 08:30 or 20:15 (or leave the cell empty), ${retry}`
  );
}

/**
 * Turn a column of stripped time text into "HH:MM" or null (painbook's `parse_times`).
 * @param {any} rules
 * @param {string[]} text
 * @param {Problems} problems
 * @param {number} order
 * @param {string} column
 */
export function parseTimes(rules, text, problems, order, column) {
  const retry = problems.where.retry;
  const re = compiled(rules).time;
  const out = new Array(text.length).fill(null);
  let bad = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "") continue;
    const m = re.exec(text[i]);
    if (m && Number(m[1]) <= 23 && Number(m[2]) <= 59 && (m[3] === undefined || m[3] === "00")) {
      out[i] = `${m[1].padStart(2, "0")}:${m[2]}`;
    } else if (bad < 0) bad = i;
  }
  problems.add(bad, order, column, () => badTime(rules, text[bad], retry));
  return out;
}

// ------------------------------------------------------------------------------ numbers

/**
 * A plain number (`5`, `-2`, `6.5`, `.5`, `5.`) as a number, or undefined for anything else.
 * @param {string} text
 */
function plainNumber(text) {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === 43 || c === 45) i = 1;
  let digits = 0;
  let dots = 0;
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && dots === 0) dots = 1;
    else return undefined;
  }
  return digits ? Number(text) + 0 : undefined;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^([+-]?\d+),(\d+)$/;
const LEADING_NUMBER = /^\s*([+-]?\d+(?:[.,]\d+)?)/;
const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}/;

function notANumber(rule, value, retry) {
  const m = rule.messages;
  if (LOOKS_LIKE_DATE.test(value)) return fill(m.date_like, { quoted: quoted(value), retry });
  const lead = LEADING_NUMBER.exec(value);
  if (lead && lead[1] !== strip(value)) {
    return fill(m.leading_number, { quoted: quoted(value), number: lead[1].replace(",", "."), retry });
  }
  return fill(m.not_a_number, { quoted: quoted(value), retry });
}

/**
 * The words for a number outside its scale, or not whole (painbook's `range_message`).
 * @param {any} rule a number rule of the rules JSON
 * @param {number} value
 * @param {string} retry
 */
export function rangeMessage(rule, value, retry) {
  const which = value > rule.high ? "above" : value < rule.low ? "below" : "whole";
  return fill(rule.messages[which], { value: formatNumber(value), retry });
}

/**
 * Read and check one number column: text to numbers (null when empty), then the range and
 * required checks. The first bad cell is reported: one that is not a number (priority 0),
 * else one empty when required or out of range (priority 1), as painbook does.
 * @param {any} rule
 * @param {string[]} cells the cells as written (not trimmed)
 * @param {Problems} problems
 * @param {number} order
 * @param {string} column
 * @returns {(number|null)[]}
 */
export function parseNumbers(rule, cells, problems, order, column) {
  const retry = problems.where.retry;
  const n = cells.length;
  const out = new Array(n);
  let notNumber = -1;
  let notNumberText = "";
  let badRange = -1;
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    let value = cell === "" ? null : plainNumber(cell);
    if (value === undefined) {
      const text = strip(cell);
      if (text === "") value = null;
      else {
        const t = DECIMAL_COMMA.test(text) ? text.replace(DECIMAL_COMMA, "$1.$2") : text;
        const number = NUMBER.test(t) ? Number(t) + 0 : NaN;
        if (Number.isFinite(number)) value = number;
        else {
          value = null;
          if (notNumber < 0) {
            notNumber = i;
            notNumberText = t;
          }
        }
      }
    }
    out[i] = value;
    if (badRange < 0) {
      if (value === null ? rule.required : value < rule.low || value > rule.high || (rule.whole && !Number.isInteger(value))) {
        badRange = i;
      }
    }
  }
  problems.add(notNumber, order, column, () => notANumber(rule, notNumberText, retry));
  if (badRange >= 0) {
    const value = out[badRange];
    problems.add(
      badRange,
      order,
      column,
      () => (value === null ? fill(rule.messages.empty, { retry, or_delete: problems.where.orDelete }) : rangeMessage(rule, value, retry)),
      1,
    );
  }
  return out;
}
