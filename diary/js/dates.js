/**
 * Calendar days as whole numbers (days since 1970-01-01), and the ways painbook writes
 * them: "YYYY-MM-DD", "3 Mar 2026" (charts.day_label), week and month periods.
 *
 * @module dates
 */

import { language, t } from "./i18n.js";

const MS_PER_DAY = 86400000;
const ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const named = new Map();

/**
 * A month's name (1-12) in the page's language: painbook's "Mar" in English ("long": the
 * English names are chart.js's), Intl's in another language ("mar", "marzo" in Spanish).
 */
export function monthName(m, width = "short") {
  if (language() === "en" && width === "short") return ABBR[m - 1];
  const key = `${language()} ${width} ${m}`;
  if (!named.has(key)) {
    named.set(key, new Intl.DateTimeFormat(language(), { month: width, timeZone: "UTC" })
      .format(new Date(Date.UTC(2001, m - 1, 1))));
  }
  return named.get(key);
}

/**
 * Day number of "YYYY-MM-DD".
 * @param {string} iso
 */
export function dayNumber(iso) {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

/** "YYYY-MM-DD" of a day number. */
export function isoOf(day) {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** [year, month (1-12), day] of a day number. */
export function partsOf(day) {
  const d = new Date(day * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** Monday of the (Monday to Sunday) week of a day, as pandas' "W-SUN" periods. */
export function weekStart(day) {
  return day - ((day + 3) % 7 + 7) % 7;
}

/** First day of the month of a day. */
export function monthStart(day) {
  const [y, m] = partsOf(day);
  return Date.UTC(y, m - 1, 1) / MS_PER_DAY;
}

/** Last day of the month of a day. */
export function monthEnd(day) {
  const [y, m] = partsOf(day);
  return Date.UTC(y, m, 1) / MS_PER_DAY - 1;
}

/** "3 Mar 2026" (painbook.charts.day_label; report's `_day`). */
export function dayLabel(day) {
  const [y, m, d] = partsOf(day);
  return `${d} ${monthName(m)} ${y}`;
}

/** "Mar" of a day. */
export function monthAbbr(day) {
  return monthName(partsOf(day)[1]);
}

/** A period in words, as painbook.charts._span_label: "3-9 Mar 2026", "28 Feb to 6 Mar 2026". */
export function spanLabel(start, end) {
  if (start === end) return dayLabel(start);
  const [ys, ms, ds] = partsOf(start);
  const [ye, me, de] = partsOf(end);
  if (ys === ye) {
    if (ms === me) return `${ds}-${de} ${monthName(me)} ${ye}`;
    return t("{first} to {last}", { first: `${ds} ${monthName(ms)}`, last: `${de} ${monthName(me)} ${ye}` });
  }
  return t("{first} to {last}", { first: dayLabel(start), last: dayLabel(end) });
}
