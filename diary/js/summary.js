/**
 * The one-page visit summary's content (painbook.report.visit_summary), for the page to lay
 * out and print: the period, the chart's data and its text alternative, averages, worst
 * days with their notes, PEG, what helped and what made it worse, medicines as written, the
 * person's own questions and progress since a baseline. Everything is plain text: the page
 * must insert it as text, never as HTML.
 *
 * The model is `{title, documentTitle, meta, empty, chart, sections, footer}`; each section
 * is `{title, blocks}` and each block one of `{kind: "list", ordered, items: string[]}`,
 * `{kind: "p", text, className?}` or `{kind: "table", head: string[], rows: string[][]}`,
 * in painbook's order and words. {@link summaryLines} flattens it to the lines of text the
 * printed page holds (the conformance tests compare them with painbook's page).
 *
 * @module summary
 */

import { daily, days1, flares, helpedWorsened, medications, pairwiseSum, progress, rollingMean, startToEnd, bandOf } from "./analysis.js";
import { dayLabel, dayNumber, isoOf, monthName, monthStart, partsOf, weekStart } from "./dates.js";
import { pyFixed, pyPercent, pyRepr, strip } from "./text.js";
import { t, tn, tp } from "./i18n.js";

function more(rules, left, what) {
  const text = what === "medicine"
    ? tn("and {n} more medicine not shown (see the diary).", "and {n} more medicines not shown (see the diary).", left)
    : tn("and {n} more item not shown (see the diary).", "and {n} more items not shown (see the diary).", left);
  return left > 0 ? { kind: "p", className: "more", text } : null;
}

function short(text, limit = 90) {
  const t = String(text).split(/\s+/).filter(Boolean).join(" ");
  return t.length <= limit ? t : t.slice(0, limit - 1).trimEnd() + "\u2026";
}

function mean(values) {
  return pairwiseSum(values) / values.length;
}

// ------------------------------------------------------------------------- the chart

function ticks(start, end) {
  const span = end - start;
  if (span <= 45) {
    const out = [];
    for (let d = start; d <= end; d++) if ((d + 3) % 7 === 0) out.push({ day: d, label: `${partsOf(d)[2]} ${monthName(partsOf(d)[1])}` });
    return out;
  }
  const months = [];
  for (let m = monthStart(start) === start ? start : nextMonth(start); m <= end; m = nextMonth(m)) months.push(m);
  if (months.length > 24) {
    const years = [];
    const [y0] = partsOf(start);
    for (let y = y0; ; y++) {
      const d = Date.UTC(y, 0, 1) / 86400000;
      if (d > end) break;
      if (d >= start) years.push(d);
    }
    const step = Math.max(1, Math.ceil(years.length / 12));
    return years.filter((_, i) => i % step === 0).map((d) => ({ day: d, label: String(partsOf(d)[0]) }));
  }
  const step = Math.max(1, Math.ceil(months.length / 12));
  return months
    .filter((_, i) => i % step === 0)
    .map((d, i) => {
      const [y, m] = partsOf(d);
      return { day: d, label: i === 0 || m === 1 ? `${monthName(m)} ${y}` : monthName(m) };
    });
}

function nextMonth(day) {
  const [y, m] = partsOf(day);
  return Date.UTC(y, m, 1) / 86400000;
}

/**
 * The chart in words (report._describe_trend): start, end, direction, highest and lowest day.
 * @param {{day: number, mean_pain: number|null}[]} days
 * @param {"day"|"week"} unit
 */
export function describeTrend(days, unit) {
  const pain = days.filter((d) => d.mean_pain !== null);
  if (!pain.length) return t("No pain ratings in this period.");
  const first = pain[0].day;
  const last = pain[pain.length - 1].day;
  const early = pain.filter((d) => d.day < first + 7).map((d) => d.mean_pain);
  const late = pain.filter((d) => d.day > last - 7).map((d) => d.mean_pain);
  let hi = 0;
  let lo = 0;
  pain.forEach((d, i) => {
    if (d.mean_pain > pain[hi].mean_pain) hi = i;
    if (d.mean_pain < pain[lo].mean_pain) lo = i;
  });
  const range = { first: dayLabel(first), last: dayLabel(last) };
  let text = (unit === "week"
    ? t("Chart of average pain each week (0 to 10) from {first} to {last}, with a 7-week average line.", range)
    : t("Chart of average pain each day (0 to 10) from {first} to {last}, with a 7-day average line.", range)) + " ";
  if (last - first >= 13) {
    const a = mean(early);
    const b = mean(late);
    text += t("In the first week pain averaged {first} ({first_days}) and in the last week {last} ({last_days}): {way}. ", {
      first: pyFixed(a, 1), first_days: days1(early.length), last: pyFixed(b, 1), last_days: days1(late.length), way: startToEnd(a, b) });
  }
  text += t("Highest day: {high} on {high_day}. Lowest day: {low} on {low_day}.", {
    high: pyFixed(pain[hi].mean_pain, 1), high_day: dayLabel(pain[hi].day),
    low: pyFixed(pain[lo].mean_pain, 1), low_day: dayLabel(pain[lo].day) });
  return text;
}

/**
 * The chart's data (report._chart): the points (each day, or each week for a period longer
 * than rules.summary.daily_chart_max_days), the 7-point average in runs without gaps, the
 * date ticks and the text alternative. `x` of a point is its place from 0 (start) to 1 (end).
 * @param {any} rules
 * @param {ReturnType<typeof daily>} days
 * @param {number} start
 * @param {number} end
 */
export function chartData(rules, days, start, end) {
  const byWeek = end - start + 1 > rules.summary.daily_chart_max_days;
  const unit = byWeek ? "week" : "day";
  const byDay = new Map(days.map((d) => [d.day, d.mean_pain]));
  let points = [];
  if (byWeek) {
    for (let w = weekStart(start); w <= end; w += 7) {
      const values = [];
      for (let d = Math.max(w, start); d <= Math.min(w + 6, end); d++) if (byDay.get(d) != null) values.push(byDay.get(d));
      points.push({ day: w + 6, value: values.length ? mean(values) : null });
    }
  } else {
    for (let d = start; d <= end; d++) points.push({ day: d, value: byDay.get(d) ?? null });
  }
  const smooth = rollingMean(
    points.map((p) => p.value),
    rules.trend.window,
    rules.trend.min_periods,
  );
  const span = Math.max(end - start, 1);
  const x = (day) => (day - start) / span;
  const segments = [];
  let run = null;
  smooth.forEach((v, i) => {
    if (v === null) run = null;
    else {
      if (!run) segments.push((run = []));
      run.push({ date: isoOf(points[i].day), x: x(points[i].day), value: v });
    }
  });
  points = points.filter((p) => p.value !== null).map((p) => ({ date: isoOf(p.day), x: x(p.day), value: p.value }));
  return {
    unit,
    points,
    segments,
    ticks: ticks(start, end).map((t) => ({ date: isoOf(t.day), x: x(t.day), label: t.label })),
    levels: [0, 2, 4, 6, 8, 10],
    title: t("Pain over time"),
    description: describeTrend(days, unit),
  };
}

// ------------------------------------------------------------------------- sections

function notesByDay(rows) {
  const out = new Map();
  for (const r of rows) {
    if (r.notes === null || r.notes === undefined || strip(String(r.notes)) === "") continue;
    out.set(r.date, out.has(r.date) ? out.get(r.date) + "; " + r.notes : r.notes);
  }
  return out;
}

function painSection(rules, days, part, found) {
  const pain = days.filter((d) => d.mean_pain !== null);
  const values = pain.map((d) => d.mean_pain);
  const counts = new Map(rules.bands.map((b) => [b[0], 0]));
  for (const v of values) counts.set(bandOf(rules, v), counts.get(bandOf(rules, v)) + 1);
  const bandText = [...counts]
    .filter(([, n]) => n)
    .map(([label, n]) => [rules.band_words?.[label] ?? label, n, t("{n}%", { n: pyPercent(n / values.length).slice(0, -1) })])
    .map(([words, n, percent]) => `${words} ${n} (${percent})`)
    .join(", ");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const items = [
    t("Average daily pain {average} (middle value {middle}), over {days}.", {
      average: pyFixed(mean(values), 1), middle: pyFixed(median, 1), days: days1(values.length) }),
    t("Days by average pain: {bands}.", { bands: bandText }),
  ];
  const top = rules.summary.top_n;
  if (found.length) {
    const dates = found.slice(0, top).map((f) => dayLabel(dayNumber(f.start))).join(", ");
    const values = { n: found.length, dates, more: found.length - top };
    items.push(found.length > top
      ? t("Flares (2+ points above the usual level and 5 or more): {n}, starting {dates} and {more} more.", values)
      : t("Flares (2+ points above the usual level and 5 or more): {n}, starting {dates}.", values));
  }
  const peg = days.filter((d) => d.peg !== null).map((d) => d.peg);
  if (peg.length) {
    items.push(t("PEG score (pain, enjoyment, activity; 0-10): average {average} over {days}.", {
      average: pyFixed(mean(peg), 1), days: days1(peg.length) }));
  }
  const worst = [...days].sort((a, b) => nullLast(b.worst, a.worst) || nullLast(b.mean_pain, a.mean_pain)).slice(0, 3);
  const notes = notesByDay(part);
  const worstItems = worst.map((d) => {
    const note = notes.get(d.date);
    const line = t("{day}: worst {worst}, average {average}", {
      day: dayLabel(d.day), worst: pyFixed(d.worst, 0), average: pyFixed(d.mean_pain, 1) });
    return `${line}${note ? " " + short(note) : ""}`;
  });
  return {
    title: t("Pain in this period"),
    blocks: [
      { kind: "list", ordered: false, items },
      { kind: "p", text: t("Worst days") },
      { kind: "list", ordered: false, items: worstItems },
    ],
    worstDays: worst.map((d) => ({ date: d.date, worst: d.worst, mean_pain: d.mean_pain, note: notes.get(d.date) ?? null })),
    average: mean(values),
    median,
    peg: peg.length ? { mean: mean(peg), days: peg.length } : null,
  };
}

function nullLast(a, b) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function helpedSection(rules, part, days) {
  const table = helpedWorsened(rules, part, days);
  const blocks = [];
  const top = rules.summary.top_n;
  for (const [list, title] of [["helped", t("What helped")], ["worsened", t("What made it worse")]]) {
    const rows = table.filter((r) => r.list === list);
    if (!rows.length) {
      blocks.push({ kind: "p", text: t("{title}: nothing written.", { title }) });
      continue;
    }
    const shown = rows.slice(0, top);
    const few = " " + t("(few)");
    blocks.push({
      kind: "table",
      head: [title, t("Days"), t("Pain those days"), t("Other days")],
      rows: shown.map((r) => [
        r.item,
        `${r.days_with}${r.small_sample ? few : ""}`,
        pyFixed(r.mean_pain_with, 1),
        r.days_without ? pyFixed(r.mean_pain_without, 1) : t("none"),
      ]),
    });
    const m = more(rules, rows.length - shown.length, "item");
    if (m) blocks.push(m);
  }
  blocks.push({
    kind: "p",
    className: "note",
    text: t("Pain: average daily pain. (few): fewer than 5 days, so the numbers could easily be chance."),
  });
  return { title: t("What helped and what made it worse"), blocks };
}

function medicationSection(rules, part, nDays) {
  const meds = medications(rules, part);
  if (!meds.length) return { title: t("Medicines"), blocks: [{ kind: "p", text: t("No medicines written in the diary for this period.") }] };
  const shown = meds.slice(0, rules.summary.top_n);
  const blocks = [
    { kind: "table", head: [t("As written in the diary"), t("Days written")],
      rows: shown.map((m) => [m.medication, t("{days} of {total}", { days: m.days, total: nDays })]) },
  ];
  const m = more(rules, meds.length - shown.length, "medicine");
  if (m) blocks.push(m);
  return { title: t("Medicines"), blocks };
}

function questionsSection(rules, questions) {
  if (!questions.length) return null;
  const shown = questions.slice(0, rules.summary.max_questions);
  const blocks = [{ kind: "list", ordered: true, items: shown }];
  if (questions.length > shown.length) {
    blocks.push({
      kind: "p",
      className: "more",
      text: tn("and {n} more question: bring them on a separate sheet.",
        "and {n} more questions: bring them on a separate sheet.", questions.length - shown.length),
    });
  }
  return { title: t("My questions for this visit"), blocks };
}

function progressLine(rules, row) {
  const what = row.measure === "pain" ? t("Pain") : tp("heading", "PEG score");
  if (row.category === null) return row.description;
  const percent = Number.isFinite(row.percent) ? pyFixed(Math.abs(row.percent), 0) : "";
  const change = !Number.isFinite(row.percent) ? t("up from 0")
    : row.percent < 0 ? t("{percent}% less", { percent }) : t("{percent}% more", { percent });
  const few = Math.min(row.baseline_days, row.recent_days) < 7 ? " " + t("Few days: read with care.") : "";
  return t("{what}: {baseline} at the baseline ({baseline_days} days), {recent} recently ({recent_days} days), {change}: {category}.", {
    what, baseline: pyFixed(row.baseline_mean, 1), baseline_days: row.baseline_days, recent: pyFixed(row.recent_mean, 1),
    recent_days: row.recent_days, change, category: rules.change.summary_words[row.category] }) + few;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function asDay(value, what) {
  // (painbook's words, in English: the page's date boxes give a real date or nothing, so the
  // page never shows these two, nor the baseline's names below)
  if (value === null || value === undefined || value === "") throw new RangeError(`${what} is missing. Write dates like 2026-03-01.`);
  const day = ISO_DAY.test(String(value)) ? dayNumber(String(value)) : NaN;
  if (!Number.isFinite(day) || isoOf(day) !== String(value)) {
    throw new RangeError(`${what}: ${pyRepr(value)} is not a date. Write dates like 2026-03-01.`);
  }
  return day;
}

/**
 * Why the page cannot compare `baseline` with the last 14 days up to `end`, or null
 * (painbook's `report.progress_problem`). The words are for the person making the page, so
 * they are said beside the form; the page meant for the doctor then has no comparison.
 * @param {any} rules
 * @param {any} diary
 * @param {[string, string]} baseline
 * @param {number} end the last day (a day number)
 * @returns {string|null}
 */
export function progressProblem(rules, diary, baseline, end) {
  const recentDays = rules.summary.recent_days;
  const recentStart = end - (recentDays - 1);
  let bStart;
  let bEnd;
  try {
    bStart = asDay(baseline[0], "First day of the baseline");
    bEnd = asDay(baseline[1], "Last day of the baseline");
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return err.message;
  }
  if (bEnd < recentStart) return null;
  const days = diary.rows.filter((r) => r.date !== null).map((r) => dayNumber(r.date));
  if (!days.length) return "The diary has no entries yet.";
  const span = Math.max(...days) - Math.min(...days) + 1;
  const needed = 2 * recentDays;
  let text = t("The baseline ({b_first} to {b_last}) must end before the last {recent_days} days ({r_first} to {r_last}) begin.", {
    b_first: dayLabel(bStart), b_last: dayLabel(bEnd), recent_days: recentDays, r_first: dayLabel(recentStart), r_last: dayLabel(end) });
  if (span < needed) {
    text += " " + t("Your diary covers {span}; a comparison needs at least {needed}. Keep writing, and make the summary again in {left}.", {
      span: days1(span), needed, left: days1(needed - span) });
  } else {
    text += " " + t("Choose an earlier baseline, or \"First 2 weeks of the diary\".");
  }
  return text;
}

function progressSection(rules, diary, baseline, end) {
  // a problem is said to the person beside the form (progressProblem), not on the page
  if (!baseline || progressProblem(rules, diary, baseline, end)) return null;
  const days = rules.summary.recent_days;
  const recent = [isoOf(end - (days - 1)), isoOf(end)];
  let table;
  try {
    table = progress(rules, diary, baseline, recent);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return null;
  }
  const intro = t("Baseline {b_first} to {b_last}; recently: the last {recent_days} days ({r_first} to {r_last}). Average daily values.", {
    b_first: dayLabel(dayNumber(table[0].baseline_start)), b_last: dayLabel(dayNumber(table[0].baseline_end)),
    recent_days: days, r_first: dayLabel(dayNumber(recent[0])), r_last: dayLabel(end) });
  return {
    title: t("Progress since the baseline"),
    blocks: [
      { kind: "p", className: "note", text: intro },
      { kind: "list", ordered: false, items: table.map((row) => progressLine(rules, row)) },
    ],
    rows: table,
  };
}

// ------------------------------------------------------------------------- the page

/**
 * The visit summary's content (see the module's description).
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {{start?: string|null, end?: string|null, questions?: string[]|string,
 *   baseline?: [string, string]|null, name?: string|null}} [options]
 *   dates as "YYYY-MM-DD"; `baseline` the (first day, last day) to compare the last
 *   rules.summary.recent_days days with
 */
export function visitSummary(rules, diary, { start = null, end = null, questions = [], baseline = null, name = null } = {}) {
  const asked = (typeof questions === "string" ? [questions] : questions).map((q) => strip(String(q))).filter(Boolean);
  const dated = diary.rows.filter((r) => r.date !== null);
  if (!dated.length && (start === null || end === null)) {
    throw new RangeError("The diary has no entries yet, so there is nothing to summarise.");
  }
  const all = dated.map((r) => dayNumber(r.date));
  const first = start !== null ? dayNumber(start) : Math.min(...all);
  const last = end !== null ? dayNumber(end) : Math.max(...all);
  if (last < first) {
    throw new RangeError(t("The end date ({last}) is before the start date ({first}). Swap the two dates.", { last: dayLabel(last), first: dayLabel(first) }));
  }
  const rows = diary.rows.filter((r) => r.date !== null && dayNumber(r.date) >= first && dayNumber(r.date) <= last);
  const part = { ...diary, rows, lines: null };
  const title = name ? t("Pain summary for {name}", { name }) : t("Pain summary");
  const period = t("{first} to {last}", { first: dayLabel(first), last: dayLabel(last) });
  const nDays = last - first + 1;
  const days = daily(part);
  const entries = tn("{n} entry", "{n} entries", rows.length);
  const meta = t("Period: {period} ({days}). Diary: {entries} on {entry_days}. Pain is rated 0 (no pain) to 10 (worst pain imaginable).", {
    period, days: days1(nDays), entries, entry_days: days1(days.length) });
  const model = {
    title,
    documentTitle: `${title}, ${period}`,
    period: { start: isoOf(first), end: isoOf(last), label: period, days: nDays, entries: rows.length, daysWithEntries: days.length },
    meta,
    empty: days.length === 0,
    chart: null,
    sections: [],
    footer: rules.summary.footer,
  };
  if (model.empty) {
    model.emptyText = t("No diary entries in this period.");
    const q = questionsSection(rules, asked);
    if (q) model.sections.push(q);
    return model;
  }
  model.chart = chartData(rules, days, first, last);
  const found = flares(rules, part, {}, days);
  model.sections = [
    painSection(rules, days, rows, found),
    progressSection(rules, diary, baseline, last),
    helpedSection(rules, part, days),
    medicationSection(rules, part, days.length),
    questionsSection(rules, asked),
  ].filter(Boolean);
  return model;
}

/**
 * The lines of text of the printed page, in order: title, meta, the chart's text (or the
 * empty-period sentence), each section's title and blocks (list items one per line, table
 * rows with cells joined by " | "), the footer.
 * @param {ReturnType<typeof visitSummary>} model
 */
export function summaryLines(model) {
  const lines = [model.title, model.meta];
  if (model.empty) lines.push(model.emptyText);
  else lines.push(model.chart.description);
  for (const section of model.sections) {
    lines.push(section.title);
    for (const block of section.blocks) {
      if (block.kind === "p") lines.push(block.text);
      else if (block.kind === "list") lines.push(...block.items);
      else lines.push(block.head.join(" | "), ...block.rows.map((r) => r.join(" | ")));
    }
  }
  lines.push(model.footer);
  return lines;
}
