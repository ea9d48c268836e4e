/**
 * What a diary shows, with the numbers painbook.analysis (and painbook.charts' tables and
 * texts) give for the same diary: the days, the weekly table, the trend, the flares, what
 * helped and what made it worse, progress between two periods, the PEG, the medicines.
 *
 * Every function takes a diary as read by csv-read.js (see build.js) and returns plain
 * objects, numbers as numbers and missing values as null. A "day" is a calendar day with at
 * least one entry; a day's pain is the mean of that day's pain ratings.
 *
 * Sums and means are computed as pandas computes them (compensated sums for groups and
 * rolling windows, numpy's pairwise sum for a column), so every number agrees with
 * painbook's to the last bit (tests/test_diary_conformance.py checks this).
 *
 * @module analysis
 */

import { dayLabel, dayNumber, isoOf, monthEnd, monthStart, spanLabel, weekStart } from "./dates.js";
import { pyFixed, pyG, strip } from "./text.js";
import { t, tn } from "./i18n.js";

// ------------------------------------------------------------------------- sums

/**
 * numpy's pairwise sum of a float64 array (what pandas' Series.sum and .mean use).
 * @param {number[]} a
 * @param {number} [from]
 * @param {number} [n]
 */
export function pairwiseSum(a, from = 0, n = a.length - from) {
  if (n < 8) {
    let res = -0;
    for (let i = 0; i < n; i++) res += a[from + i];
    return res;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => a[from + j]);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[from + i + j];
    let res = (r[0] + r[1] + (r[2] + r[3])) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += a[from + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
}

/** pandas' Series.mean of the values (nulls left out), or null when there are none. */
export function seriesMean(values) {
  const present = values.filter((v) => v !== null);
  return present.length ? pairwiseSum(present) / present.length : null;
}

/** A compensated (Kahan) sum, as pandas' groupby sum and mean. */
class Kahan {
  constructor() {
    this.sum = 0;
    this.c = 0;
    this.n = 0;
  }
  add(value) {
    if (value === null) return;
    this.n++;
    const y = value - this.c;
    const t = this.sum + y;
    this.c = t - this.sum - y;
    this.sum = t;
  }
  get mean() {
    return this.n ? this.sum / this.n : null;
  }
}

function median(values) {
  const v = values.filter((x) => x !== null).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** "1 day", "3 days" in the page's language. */
export const days1 = (n) => tn("{n} day", "{n} days", n);

function plural(n, word, many) {
  return n === 1 ? `${n} ${word}` : `${n} ${many ?? word + "s"}`;
}

// ------------------------------------------------------------------------- days

const DAILY_MEANS = ["enjoyment_interference", "activity_interference", "sleep_hours", "mood"];

/**
 * One object per day with entries, in date order (painbook.analysis.daily): `date`
 * ("YYYY-MM-DD"), `day` (day number), `mean_pain`, `worst` (highest of pain and worst),
 * `least` (lowest of pain and least), `entries`, the day's means of
 * enjoyment_interference, activity_interference, sleep_hours and mood, and `peg` (the mean
 * of mean_pain and the two PEG items when all three are there; Krebs et al. 2009).
 * @param {import("./build.js").Diary} diary
 */
export function daily(diary) {
  const groups = new Map();
  for (const row of diary.rows) {
    if (row.date === null) continue;
    let g = groups.get(row.date);
    if (!g) {
      g = { pain: new Kahan(), worst: null, least: null, entries: 0, means: DAILY_MEANS.map(() => new Kahan()) };
      groups.set(row.date, g);
    }
    const pain = row.pain ?? null;
    g.pain.add(pain);
    g.entries++;
    const hi = maxOf(pain, row.worst ?? null);
    const lo = minOf(pain, row.least ?? null);
    g.worst = maxOf(g.worst, hi);
    g.least = minOf(g.least, lo);
    DAILY_MEANS.forEach((c, i) => g.means[i].add(row[c] ?? null));
  }
  const out = [];
  for (const date of [...groups.keys()].sort()) {
    const g = groups.get(date);
    const day = { date, day: dayNumber(date), mean_pain: g.pain.mean, worst: g.worst, least: g.least, entries: g.entries };
    DAILY_MEANS.forEach((c, i) => (day[c] = g.means[i].mean));
    const items = [day.mean_pain, day.enjoyment_interference, day.activity_interference];
    day.peg = items.includes(null) ? null : (items[0] + items[1] + items[2]) / 3;
    out.push(day);
  }
  return out;
}

function maxOf(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function minOf(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/**
 * The band of a 0-10 score (painbook.scales.nrs_band): rounded half up, then looked up.
 * @param {any} rules
 * @param {number} score
 */
export function bandOf(rules, score) {
  const whole = Math.floor(score + 0.5);
  for (const [label, low, high] of rules.bands) if (whole >= low && whole <= high) return label;
  throw new RangeError(`Pain scores must be from 0 to 10, but got ${score}.`);
}

/**
 * Weekly (Monday to Sunday, `freq` "W") or monthly ("MS") numbers (painbook.analysis.summary).
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {"W"|"MS"} [freq]
 */
export function summary(rules, diary, freq = "W", days = daily(diary)) {
  const labels = rules.bands.map((b) => b[0]);
  const groups = new Map();
  for (const d of days) {
    const start = freq === "W" ? weekStart(d.day) : monthStart(d.day);
    if (!groups.has(start)) groups.set(start, []);
    groups.get(start).push(d);
  }
  const out = [];
  for (const start of [...groups.keys()].sort((a, b) => a - b)) {
    const g = groups.get(start);
    const end = freq === "W" ? start + 6 : monthEnd(start);
    const mean = new Kahan();
    g.forEach((d) => mean.add(d.mean_pain));
    const row = {
      start: isoOf(start),
      end: isoOf(end),
      mean: mean.mean,
      median: median(g.map((d) => d.mean_pain)),
      worst: g.reduce((m, d) => maxOf(m, d.worst), null),
      entries: g.reduce((s, d) => s + d.entries, 0),
      days: g.length,
      period_days: end - start + 1,
    };
    row.entries_per_day = row.entries / row.days;
    const counts = Object.fromEntries(labels.map((l) => [l, 0]));
    for (const d of g) if (d.mean_pain !== null) counts[bandOf(rules, d.mean_pain)]++;
    for (const l of labels) row[`days_${l}`] = counts[l];
    for (const l of labels) row[`share_${l}`] = counts[l] / row.days;
    out.push(row);
  }
  return out;
}

/**
 * The day's value of a measure for every calendar day of a period (null: no value).
 * @param {ReturnType<typeof daily>} days
 * @param {string} column  a column of {@link daily}
 * @param {number} first  day number
 * @param {number} last  day number
 */
export function calendar(days, column, first, last) {
  const out = new Array(last - first + 1).fill(null);
  for (const d of days) if (d.day >= first && d.day <= last) out[d.day - first] = d[column];
  return out;
}

/**
 * A centred rolling mean over a calendar series, computed as pandas'
 * `rolling(window, center=True, min_periods).mean()` computes it (a running compensated sum,
 * values added and removed as the window moves), so the results agree to the last digit.
 * @param {(number|null)[]} values  null for a day without a value
 * @param {number} window  odd
 * @param {number} minPeriods
 */
export function rollingMean(values, window, minPeriods) {
  const n = values.length;
  const offset = (window - 1) >> 1;
  const out = new Array(n);
  let sum = 0;
  let addC = 0;
  let removeC = 0;
  let nobs = 0;
  let negative = 0;
  let same = 0;
  let prev = 0;
  const startOf = (i) => Math.max(0, i + offset + 1 - window);
  const endOf = (i) => Math.min(n, i + offset + 1);
  const add = (v) => {
    if (v === null) return;
    nobs++;
    const y = v - addC;
    const t = sum + y;
    addC = t - sum - y;
    sum = t;
    if (v < 0 || Object.is(v, -0)) negative++;
    if (v === prev) same++;
    else same = 1;
    prev = v;
  };
  const remove = (v) => {
    if (v === null) return;
    nobs--;
    const y = -v - removeC;
    const t = sum + y;
    removeC = t - sum - y;
    sum = t;
    if (v < 0 || Object.is(v, -0)) negative--;
  };
  for (let i = 0; i < n; i++) {
    const s = startOf(i);
    const e = endOf(i);
    if (i === 0) {
      prev = values[s] === null ? NaN : values[s];
      same = 0;
      for (let j = s; j < e; j++) add(values[j]);
    } else {
      for (let j = startOf(i - 1); j < s; j++) remove(values[j]);
      for (let j = endOf(i - 1); j < e; j++) add(values[j]);
    }
    if (nobs >= minPeriods && nobs > 0) {
      let result = sum / nobs;
      if (same >= nobs) result = prev;
      else if (negative === 0 && result < 0) result = 0;
      else if (negative === nobs && result > 0) result = 0;
      out[i] = result;
    } else out[i] = null;
  }
  return out;
}

/**
 * Smoothed daily pain (painbook.analysis.trend): every calendar day from the first to the
 * last entry, with `mean_pain`, `trend` (centred 7-day mean, given when 4 of the 7 days have
 * entries) and `days_in_window`.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 */
export function trend(rules, diary, days = daily(diary)) {
  const { window, min_periods: minPeriods } = rules.trend;
  if (!days.length) return [];
  const first = days[0].day;
  const last = days[days.length - 1].day;
  const pain = calendar(days, "mean_pain", first, last);
  const smooth = rollingMean(pain, window, minPeriods);
  const present = rollingMean(
    pain.map((v) => (v === null ? 0 : 1)),
    window,
    1,
  );
  const half = (window - 1) / 2;
  return pain.map((v, i) => {
    const n = Math.min(pain.length - 1, i + half) - Math.max(0, i - half) + 1;
    return { date: isoOf(first + i), mean_pain: v, trend: smooth[i], days_in_window: Math.round(present[i] * n) };
  });
}

/**
 * Flares (painbook.analysis.flares): days, or runs of days in a row, at least `min_rise`
 * points above the median of the `lookback` days before (with at least `min_history` of
 * them recorded) and at least `min_level`. One object per flare: start, end, days, peak,
 * peak_date, usual, entries.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {Partial<{lookback: number, min_rise: number, min_level: number, min_history: number}>} [options]
 */
export function flares(rules, diary, options = {}, days = daily(diary)) {
  const { lookback, min_rise: minRise, min_level: minLevel, min_history: minHistory } = { ...rules.flares, ...options };
  if (!days.length) return [];
  const first = days[0].day;
  const last = days[days.length - 1].day;
  const pain = calendar(days, "mean_pain", first, last);
  const entries = calendar(days, "entries", first, last);
  const out = [];
  let run = null;
  for (let i = 0; i < pain.length; i++) {
    const window = [];
    for (let j = Math.max(0, i - lookback); j < i; j++) if (pain[j] !== null) window.push(pain[j]);
    const usual = window.length >= minHistory ? median(window) : null;
    const flag = pain[i] !== null && usual !== null && pain[i] - usual >= minRise - 1e-9 && pain[i] >= minLevel - 1e-9;
    if (!flag) {
      run = null;
      continue;
    }
    if (!run) {
      run = { start: i, end: i, peak: pain[i], peakAt: i, usual, entries: 0 };
      out.push(run);
    }
    run.end = i;
    run.entries += entries[i];
    if (pain[i] > run.peak) {
      run.peak = pain[i];
      run.peakAt = i;
    }
  }
  return out.map((r) => ({
    start: isoOf(first + r.start),
    end: isoOf(first + r.end),
    days: r.end - r.start + 1,
    peak: r.peak,
    peak_date: isoOf(first + r.peakAt),
    usual: r.usual,
    entries: r.entries,
  }));
}

// ------------------------------------------------------------------------- lists

/**
 * The items of a list column, one per (row, item): as written (trimmed) and their key
 * (single spaces, lower case) for matching "Heat" with "heat ".
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {string} column
 */
export function listItems(rules, diary, column) {
  const out = [];
  const sep = rules.lists.separator;
  const keys = new Map();
  const rows = diary.rows;
  for (let r = 0; r < rows.length; r++) {
    const text = rows[r][column];
    if (text === null || text === undefined) continue;
    for (const part of String(text).split(sep)) {
      const item = strip(part);
      if (!item) continue;
      let key = keys.get(item);
      if (key === undefined) keys.set(item, (key = item.replace(/\s+/g, " ").toLowerCase()));
      out.push({ row: r, item, key });
    }
  }
  return out;
}

function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * For each thing written under helped or worsened: pain on days with it and on the other
 * days (painbook.analysis.helped_worsened), with `small_sample` (fewer than rules.helped.small
 * days on either side: the "few days" mark) and the description in painbook's words.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 */
export function helpedWorsened(rules, diary, allDays = daily(diary)) {
  const small = rules.helped.small;
  const days = allDays.filter((d) => d.mean_pain !== null);
  const painOf = new Map(days.map((d) => [d.date, d.mean_pain]));
  const totalDays = days.length;
  const totalSum = pairwiseSum(days.map((d) => d.mean_pain));
  const out = [];
  for (const list of ["helped", "worsened"]) {
    if (!diary.columns.includes(list)) continue;
    const groups = new Map();
    for (const { row, item, key } of listItems(rules, diary, list)) {
      const date = diary.rows[row].date;
      let g = groups.get(key);
      if (!g) {
        g = { item, dates: new Set(), sum: new Kahan() };
        groups.set(key, g);
      }
      if (g.dates.has(date) || !painOf.has(date)) continue;
      g.dates.add(date);
      g.sum.add(painOf.get(date));
    }
    for (const g of groups.values()) {
      if (!g.sum.n) continue;
      const daysWith = g.sum.n;
      const daysWithout = totalDays - daysWith;
      const meanWith = g.sum.sum / daysWith;
      const meanWithout = daysWithout ? (totalSum - g.sum.sum) / daysWithout : null;
      out.push({
        list,
        item: g.item,
        days_with: daysWith,
        mean_pain_with: meanWith,
        days_without: daysWithout,
        mean_pain_without: meanWithout,
        difference: meanWithout === null ? null : meanWith - meanWithout,
        small_sample: daysWith < small || daysWithout < small,
        description: helpedText(list, g.item, daysWith, meanWith, daysWithout, meanWithout, small),
      });
    }
  }
  out.sort(
    (a, b) =>
      (a.list === "worsened") - (b.list === "worsened") || b.days_with - a.days_with || compareText(a.item, b.item),
  );
  return out;
}

function helpedText(list, item, daysWith, meanWith, daysWithout, meanWithout, small) {
  const where = list === "helped" ? "what helped" : "what made it worse";
  let text = `On the ${plural(daysWith, "day")} with '${item}' (listed under ${where}), pain averaged ${pyFixed(meanWith, 1)}`;
  if (daysWithout === 0) text += "; it was listed on every day, so there are no other days to compare with.";
  else text += `; on the other ${plural(daysWithout, "day")} it averaged ${pyFixed(meanWithout, 1)}.`;
  if (daysWith < small || (daysWithout > 0 && daysWithout < small)) {
    text += ` Fewer than ${small} days on one side, so this could easily be chance.`;
  }
  return text;
}

/**
 * Each medicine as the person wrote it, with days and entries, most days first
 * (painbook.analysis.medications). Nothing is added or judged.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 */
export function medications(rules, diary) {
  if (!diary.columns.includes("medications")) return [];
  const groups = new Map();
  for (const { row, item, key } of listItems(rules, diary, "medications")) {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { medication: item, rows: new Set(), dates: new Set() }));
    g.rows.add(row);
    g.dates.add(diary.rows[row].date);
  }
  return [...groups.values()]
    .map((g) => ({ medication: g.medication, days: g.dates.size, entries: g.rows.size }))
    .sort((a, b) => b.days - a.days || compareText(a.medication, b.medication));
}

// ------------------------------------------------------------------------- progress

function round9(x, decimals) {
  return Number(x.toFixed(decimals));
}

/**
 * How a 0-10 score changed (painbook.scales.change_category): percent and points, the
 * IMMPACT category (Dworkin et al. 2008) and Farrar's rule (Farrar et al. 2001).
 * @param {any} rules
 * @param {number} baseline
 * @param {number} recent
 */
export function changeCategory(rules, baseline, recent) {
  const c = rules.change;
  for (const [name, v] of [["Baseline score", baseline], ["Recent score", recent]]) {
    if (typeof v !== "number" || Number.isNaN(v) || v < 0 || v > 10) {
      throw new RangeError(`${name} must be from 0 to 10, but got ${v}.`);
    }
  }
  const percent = baseline === 0 ? (recent === 0 ? 0 : Infinity) : round9((100 * (recent - baseline)) / baseline, c.decimals);
  const points = round9(recent - baseline, c.decimals);
  const drop = -percent;
  let category;
  if (percent >= c.worse_percent && points >= c.worse_min_points) category = "worse";
  else if (percent >= c.worse_percent) category = "no meaningful change";
  else if (drop >= c.substantial_drop_percent) category = "substantial";
  else if (drop >= c.moderate_drop_percent) category = "moderate";
  else if (drop >= c.minimal_drop_percent) category = "minimal";
  else category = "no meaningful change";
  const farrar = -points >= c.farrar_points || drop >= c.farrar_percent;
  return { baseline, recent, percent, points, category, farrar_meaningful: farrar };
}

/**
 * One plain sentence about a change (painbook's ChangeResult.describe).
 * @param {any} rules
 * @param {ReturnType<typeof changeCategory>} result
 * @param {string} [what]
 */
export function describeChange(rules, result, what = "pain") {
  const base = pyFixed(result.baseline, 1);
  const now = pyFixed(result.recent, 1);
  let amount;
  const values = { what, base, now, percent: Number.isFinite(result.percent) ? pyFixed(Math.abs(result.percent), 0) : "" };
  if (!Number.isFinite(result.percent)) amount = t("Average {what} went up from {base} (no {what}) to {now}.", values);
  else if (result.points < 0) amount = t("Average {what} went down from {base} to {now} ({percent}% less).", values);
  else if (result.points > 0) amount = t("Average {what} went up from {base} to {now} ({percent}% more).", values);
  else amount = t("Average {what} stayed at {base}.", values);
  let meaning = rules.change.meanings[result.category];
  if (result.category === "no meaningful change" && result.percent >= rules.change.worse_percent) {
    meaning = rules.change.small_rise_meaning;
  }
  return `${amount} ${meaning}`;
}

/**
 * Change in average pain (and PEG when recorded) from a baseline period to a recent one
 * (painbook.analysis.progress). Periods are [first day, last day] as "YYYY-MM-DD"; by default
 * the first and the last rules.progress.days days of the diary. Throws a RangeError with
 * painbook's words when the periods overlap or the diary is empty.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {[string, string]|null} [baseline]
 * @param {[string, string]|null} [recent]
 */
export function progress(rules, diary, baseline = null, recent = null, days = daily(diary)) {
  const span = rules.progress.days - 1;
  let bStart, bEnd, rStart, rEnd;
  if (!baseline || !recent) {
    if (!days.length) throw new RangeError("The diary has no entries, so there is nothing to compare yet.");
  }
  if (baseline) [bStart, bEnd] = baseline.map(dayNumber);
  else [bStart, bEnd] = [days[0].day, days[0].day + span];
  if (recent) [rStart, rEnd] = recent.map(dayNumber);
  else [rStart, rEnd] = [days[days.length - 1].day - span, days[days.length - 1].day];
  for (const [what, s, e] of [["The baseline period", bStart, bEnd], ["The recent period", rStart, rEnd]]) {
    if (e < s) throw new RangeError(`${what} ends (${isoOf(e)}) before it starts (${isoOf(s)}). Swap the two dates.`);
  }
  if (rStart <= bEnd && bStart <= rEnd) {
    if (!baseline && !recent) {
      // the diary is too short for its first and last two weeks (painbook's words)
      const covered = days[days.length - 1].day - days[0].day + 1;
      const needed = 2 * rules.progress.days;
      const covers = tn("Your diary covers {n} day, from {first} to {last}.", "Your diary covers {n} days, from {first} to {last}.",
        covered, { first: dayLabel(bStart), last: dayLabel(rEnd) });
      const needs = t("To compare where you started with where you are now, it needs at least {needed} days: "
        + "{days} at the start and {days} at the end.", { needed, days: rules.progress.days });
      const back = tn("Keep writing, and come back in {n} day.", "Keep writing, and come back in {n} days.", needed - covered);
      throw new RangeError(`${covers} ${needs} ${back}`);
    }
    // (in English: the page asks only for the default periods, or for periods that do not overlap)
    throw new RangeError(`The baseline period (${dayLabel(bStart)} to ${dayLabel(bEnd)}) and the recent period `
      + `(${dayLabel(rStart)} to ${dayLabel(rEnd)}) overlap. Choose periods that do not share any days.`);
  }
  const measures = [["pain", "mean_pain", t("pain")]];
  if (days.some((d) => d.peg !== null)) measures.push(["PEG", "peg", t("PEG score")]);
  return measures.map(([measure, column, words]) => {
    const base = days.filter((d) => d.day >= bStart && d.day <= bEnd && d[column] !== null).map((d) => d[column]);
    const now = days.filter((d) => d.day >= rStart && d.day <= rEnd && d[column] !== null).map((d) => d[column]);
    const row = {
      measure,
      baseline_start: isoOf(bStart),
      baseline_end: isoOf(bEnd),
      baseline_days: base.length,
      baseline_mean: base.length ? pairwiseSum(base) / base.length : null,
      recent_start: isoOf(rStart),
      recent_end: isoOf(rEnd),
      recent_days: now.length,
      recent_mean: now.length ? pairwiseSum(now) / now.length : null,
      percent: null,
      points: null,
      category: null,
      farrar_meaningful: null,
    };
    if (base.length && now.length) {
      const result = changeCategory(rules, row.baseline_mean, row.recent_mean);
      Object.assign(row, {
        percent: result.percent,
        points: result.points,
        category: result.category,
        farrar_meaningful: result.farrar_meaningful,
      });
      let text = t("{change} Based on {base} at the start and {now} recently.", {
        change: describeChange(rules, result, words), base: days1(base.length), now: days1(now.length) });
      if (Math.min(base.length, now.length) < 7) text += " " + t("Fewer than 7 days in a period, so read this with care.");
      row.description = text;
    } else {
      const values = { what: words, first: isoOf(base.length ? rStart : bStart), last: isoOf(base.length ? rEnd : bEnd) };
      row.description = base.length
        ? t("No {what} recorded in the recent period ({first} to {last}), so no comparison can be made.", values)
        : t("No {what} recorded in the baseline period ({first} to {last}), so no comparison can be made.", values);
    }
    return row;
  });
}

// ------------------------------------------------------------------------- tables and texts

function round1(v) {
  return v === null ? null : Number(pyFixed(v, 1));
}

/**
 * The weekly pain table of the workbook (painbook.charts.weekly_table for pain): one row per
 * week with "Week from" ("3 Mar 2026"), days, average, middle value, worst pain written
 * (rounded to 1 decimal as the texts print them) and the days in each pain band.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @returns {{columns: string[], rows: (string|number|null)[][]}}
 */
export function weeklyTable(rules, diary, days = daily(diary), weeks = summary(rules, diary, "W", days)) {
  const bandColumns = rules.bands.map(([label, low, high]) => {
    const span = low === high ? `${low}` : `${low}-${high}`;
    const names = { none: t("No-pain days ({span})", { span }), mild: t("Mild days ({span})", { span }),
      moderate: t("Moderate days ({span})", { span }), severe: t("Severe days ({span})", { span }) };
    return [names[label] ?? `${label} days (${span})`, `days_${label}`];
  });
  return {
    columns: [t("Week from"), t("Days"), t("Average pain"), t("Middle value"), t("Worst pain written"), ...bandColumns.map((b) => b[0])],
    rows: weeks.map((w) => [
      dayLabel(dayNumber(w.start)),
      w.days,
      round1(w.mean),
      round1(w.median),
      round1(w.worst),
      ...bandColumns.map((b) => w[b[1]]),
    ]),
  };
}

/**
 * The text alternative of the trend chart (painbook.charts.describe_measure): days with a
 * value, the average, first and last week, highest and lowest day and, for pain, the flares.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {string} [measure]  a key of rules.measures
 * @param {string|null} [start]  "YYYY-MM-DD"; default the first day of the diary
 * @param {string|null} [end]
 */
export function describeMeasure(rules, diary, measure = "pain", start = null, end = null, all = daily(diary), allFlares = null) {
  const spec = rules.measures[measure];
  if ((start === null || end === null) && !all.length) throw new RangeError("The diary has no entries yet, so there is nothing to show.");
  const first = start !== null ? dayNumber(start) : all[0].day;
  const last = end !== null ? dayNumber(end) : all[all.length - 1].day;
  const days = all.filter((d) => d.day >= first && d.day <= last && d[spec.column] !== null);
  const period = t("from {first} to {last}", { first: dayLabel(first), last: dayLabel(last) });
  if (!days.length) return t("No {noun} was recorded {period}.", { noun: spec.noun, period });
  const values = days.map((d) => d[spec.column]);
  const unit = spec.unit;
  const num = (v) => `${pyFixed(v, 1)}${unit}`;
  let text = t("Chart of {noun} each day {period}, with a 7-day average line.", { noun: spec.noun, period }) + " "
    + tn("{n} day with a value; average {average}.", "{n} days with a value; average {average}.", values.length,
      { average: num(pairwiseSum(values) / values.length) }) + " ";
  if (last - first >= 13) {
    const early = days.filter((d) => d.day <= first + 6).map((d) => d[spec.column]);
    const late = days.filter((d) => d.day >= last - 6).map((d) => d[spec.column]);
    if (early.length && late.length) {
      const a = pairwiseSum(early) / early.length;
      const b = pairwiseSum(late) / late.length;
      text += t("First week: {first} ({first_days}); last week: {last} ({last_days}): {way}. ", {
        first: num(a), first_days: days1(early.length), last: num(b), last_days: days1(late.length), way: startToEnd(a, b) });
    }
  }
  let hi = 0;
  let lo = 0;
  values.forEach((v, i) => {
    if (v > values[hi]) hi = i;
    if (v < values[lo]) lo = i;
  });
  text += t("Highest day: {high} on {high_day}. Lowest day: {low} on {low_day}.", {
    high: num(values[hi]), high_day: dayLabel(days[hi].day), low: num(values[lo]), low_day: dayLabel(days[lo].day) });
  if (measure === "pain") {
    const found = (allFlares ?? flares(rules, diary, {}, all)).filter((f) => dayNumber(f.end) >= first && dayNumber(f.start) <= last);
    if (found.length) {
      const spans = found.map((f) => spanLabel(dayNumber(f.start), dayNumber(f.end))).join(", ");
      text += " " + tn("Hatched bands mark {n} flare: {spans}.", "Hatched bands mark {n} flares: {spans}.", found.length, { spans });
    } else text += " " + t("No flares in this period.");
  }
  return text;
}

/**
 * Words for how a measure moved between the first and the last week
 * (painbook.analysis.start_to_end).
 * @param {number} first
 * @param {number} last
 */
export function startToEnd(first, last) {
  if (last <= first - 0.5) return t("lower at the end than at the start");
  if (last >= first + 0.5) return t("higher at the end than at the start");
  return t("about the same at the end as at the start");
}

/**
 * The flares in everyday words (painbook.charts.flare_table): first and last day, days,
 * highest daily pain and the usual level before, rounded to 1 decimal.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 */
export function flareTable(rules, diary, days = daily(diary), found = flares(rules, diary, {}, days)) {
  return {
    columns: [t("Flare"), t("First day"), t("Last day"), t("Days"), t("Highest daily pain"), t("Usual level before")],
    rows: found.map((f, i) => [
      i + 1,
      dayLabel(dayNumber(f.start)),
      dayLabel(dayNumber(f.end)),
      f.days,
      round1(f.peak),
      round1(f.usual),
    ]),
  };
}

function cellShort(rules, value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return pyG(value);
  const text = String(value).split(/\s+/).filter(Boolean).join(" ");
  const limit = rules.tables.long_text;
  return text.length <= limit ? text : text.slice(0, limit - 3).trimEnd() + "...";
}

/**
 * The last entries as a short table to read (the workbook's forms.last_entries): plain
 * headings, numbers as typed, long text shortened; columns empty in every row shown are left
 * out, except date and pain. `index` is the entry number (1 for the first in the file).
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {number} [n]
 */
export function lastEntries(rules, diary, n = 5) {
  const tail = diary.rows.slice(Math.max(0, diary.rows.length - n));
  const keep = diary.columns.filter((c) => c === "date" || c === "pain" || tail.some((r) => r[c] !== null && r[c] !== undefined));
  return {
    columns: keep.map((c) => rules.tables.short_headings[c] ?? c),
    index: tail.map((_, i) => diary.rows.length - tail.length + 1 + i),
    rows: tail.map((r) => keep.map((c) => cellShort(rules, r[c]))),
  };
}

/**
 * The PEG score of a week, as the page shows it: the mean of the daily PEG values over
 * the days that have all three items (the same average the visit summary prints).
 * @param {import("./build.js").Diary} diary
 */
export function pegAverage(diary, days = daily(diary)) {
  const values = days
    .map((d) => d.peg)
    .filter((v) => v !== null);
  return { days: values.length, mean: values.length ? pairwiseSum(values) / values.length : null };
}

/**
 * Everything the diary page shows, computed once from the days: the days, the weekly
 * numbers and table, the trend, the flares and their table, what helped and what made it
 * worse, the medicines, the PEG, the chart's text alternative and progress between the first
 * and the last two weeks (null, with the reason, when the diary is too short).
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 */
export function analyse(rules, diary) {
  const days = daily(diary);
  let progressRows = null;
  let progressProblem = null;
  try {
    progressRows = progress(rules, diary, null, null, days);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    progressProblem = err.message;
  }
  const weeks = summary(rules, diary, "W", days);
  const found = flares(rules, diary, {}, days);
  return {
    days,
    weeks,
    weeklyTable: weeklyTable(rules, diary, days, weeks),
    trend: trend(rules, diary, days),
    flares: found,
    flareTable: flareTable(rules, diary, days, found),
    helpedWorsened: helpedWorsened(rules, diary, days),
    medications: medications(rules, diary),
    peg: pegAverage(diary, days),
    description: days.length ? describeMeasure(rules, diary, "pain", null, null, days, found) : "The diary has no entries yet.",
    progress: progressRows,
    progressProblem,
    lastEntries: lastEntries(rules, diary),
  };
}
