/**
 * Calendar days as whole numbers (days since 1970-01-01), and the ways painbook writes
 * them: "YYYY-MM-DD", "3 Mar 2026" (charts.day_label), week and month periods.
 *
 * @module dates
 */

const MS_PER_DAY = 86400000;
const ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

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
  return `${d} ${ABBR[m - 1]} ${y}`;
}

/** "Mar" of a day. */
export function monthAbbr(day) {
  return ABBR[partsOf(day)[1] - 1];
}

/** A period in words, as painbook.charts._span_label: "3-9 Mar 2026", "28 Feb to 6 Mar 2026". */
export function spanLabel(start, end) {
  if (start === end) return dayLabel(start);
  const [ys, ms, ds] = partsOf(start);
  const [ye, me, de] = partsOf(end);
  if (ys === ye) {
    if (ms === me) return `${ds}-${de} ${ABBR[me - 1]} ${ye}`;
    return `${ds} ${ABBR[ms - 1]} to ${de} ${ABBR[me - 1]} ${ye}`;
  }
  return `${dayLabel(start)} to ${dayLabel(end)}`;
}
