// What the diary shows: the last entries (with Edit and Delete), the trend chart with its text,
// the flares, the weekly table, what helped and what made it worse, progress and the PEG. The
// numbers are the diary engine's (analysis.js, equal to painbook's); this module only lays
// them out. Everything the person typed is put in the page as text (textContent), never HTML.

import { dayWords, drawChart, legend } from "./chart.js";
import { analyse, days1, describeMeasure, lastEntries as lastTable, pegAverage } from "./analysis.js";
import { isoOf } from "./dates.js";
import { pyFixed } from "./text.js";
import { t, tn, tp } from "./i18n.js";

/** The periods the chart can show: label (in the page's language) and number of days (null: the whole diary). */
export const periods = () => [[t("Last 4 weeks"), 28], [t("Last 3 months"), 91], [t("Last year"), 365], [t("The whole diary"), null]];
export const WEEKS_SHOWN = 12;

export const LAST = 5;

export function node(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** A table from headings and rows of cells (text or nodes), in a box that scrolls sideways. */
export function table(caption, headings, rows, numeric = new Set(), { nowrap = false } = {}) {
  // Focusable, so that a keyboard can scroll a wide table sideways.
  const box = node("div", { class: "diary-table-box", tabindex: "0", role: "region", "aria-label": t("Table: {caption}", { caption }) });
  const grid = node("table", { class: nowrap ? "diary-nowrap" : null });
  grid.append(node("caption", {}, caption));
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
  grid.append(head, body);
  box.append(grid);
  return box;
}

/** The last entries (the engine's short table), newest first, with Edit and Delete. */
export function lastEntries(rules, diary, { edit, remove }) {
  const section = node("section", { class: "diary-part" });
  section.append(node("h3", { id: "last-title" }, t("Your last entries")));
  const n = diary.rows.length;
  const entries = tn("{n} entry", "{n} entries", n);
  section.append(node("p", {}, t("Your diary has {entries}.", { entries }) + " "
    + (n > LAST ? t("The last {n} are shown, newest first.", { n: LAST }) : t("The newest is first."))));
  const shown = lastTable(rules, diary, LAST);
  const short = { date: "Date", time: "Time", ...rules.tables?.short_headings };
  const list = node("ul", { class: "diary-entries", "aria-label": t("Last entries, newest first") });
  shown.rows.forEach((cells, k) => {
    const index = shown.index[k] - 1;
    const row = diary.rows[index];
    const when = row.time ? t("{date} at {time}", { date: dayWords(row.date), time: row.time }) : dayWords(row.date);
    const item = node("li", { class: "diary-entry" });
    item.append(node("h4", {}, when));
    const facts = node("dl");
    shown.columns.forEach((heading, c) => {
      // the date and time are the entry's heading (painbook's short headings, in its language)
      if (heading === short.date || heading === short.time || cells[c] === "") return;
      const pair = node("div");
      pair.append(node("dt", {}, heading), node("dd", {}, cells[c]));
      facts.append(pair);
    });
    item.append(facts);
    const actions = node("div", { class: "diary-entry-actions" });
    const e = node("button", { type: "button", class: "diary-button", "aria-label": t("Edit the entry of {when}", { when }) }, t("Edit"));
    e.addEventListener("click", () => edit(index));
    const d = node("button", { type: "button", class: "diary-button", "aria-label": t("Delete the entry of {when}", { when }) }, t("Delete"));
    d.addEventListener("click", () => remove(index));
    actions.append(e, d);
    item.append(actions);
    list.prepend(item);
  });
  section.append(list);
  return section;
}

/** One decimal, rounded as Python's f"{v:.1f}" does (painbook's texts). */
const fixed1 = (v) => (v === null || v === undefined ? "" : pyFixed(v, 1));

/** The chart of a period, its legend and its text alternative. */
export function trendPart(rules, diary, result, days, width = 700) {
  const section = node("section", { class: "diary-part diary-chart" });
  section.append(node("h3", { id: "trend-title" }, t("Pain over time")));
  const wrap = node("div", { class: "diary-field" });
  const select = node("select", { id: "trend-period" });
  const spans = periods();
  spans.forEach(([label], i) => select.append(node("option", { value: String(i) }, label)));
  select.value = String(Math.min(1, spans.length - 1));
  wrap.append(node("label", { for: "trend-period" }, t("Period shown")), select);
  section.append(wrap);
  const figure = node("figure");
  section.append(figure);
  const draw = () => {
    const [, span] = spans[Number(select.value)];
    const last = result.days[result.days.length - 1].day;
    const first = span === null ? result.days[0].day : Math.max(result.days[0].day, last - span + 1);
    const start = isoOf(first), end = isoOf(last);
    const inside = (p) => p.date >= start && p.date <= end;
    const series = result.trend.filter(inside);
    const model = {
      start, end,
      points: series.map((p) => ({ date: p.date, value: p.mean_pain })),
      average: series.map((p) => ({ date: p.date, value: p.trend })),
      flares: result.flares.filter((f) => f.end >= start && f.start <= end)
        .map((f) => ({ start: f.start, end: f.end, peak: f.peak, peakDate: f.peak_date })),
      title: t("Pain over time"),
      description: describeMeasure(rules, diary, "pain", start, end, days),
    };
    const caption = node("figcaption", { class: "diary-small", id: "trend-text" }, model.description);
    figure.replaceChildren(drawChart(model, "trend", figure.clientWidth || width), legend("day"), caption);
  };
  select.addEventListener("change", draw);
  draw();
  return section;
}

function flaresPart(result) {
  const section = node("section", { class: "diary-part" });
  section.append(node("h3", { id: "flares-title" }, t("Flares")));
  section.append(node("p", {}, t("A flare is a day, or days in a row, when pain is clearly higher than "
    + "it usually was in the days before.")));
  const flares = result.flareTable;
  if (!flares.rows.length) section.append(node("p", {}, t("No flares in your diary.")));
  else {
    const rows = flares.rows.slice(-WEEKS_SHOWN).reverse().map((r) => r.map((v, i) => (i >= 4 ? fixed1(v) : v)));
    section.append(table(t("Flares"), flares.columns, rows, new Set([0, 3, 4, 5]), { nowrap: true }));
  }
  return section;
}

function weeksPart(result) {
  const section = node("section", { class: "diary-part" });
  section.append(node("h3", { id: "weeks-title" }, t("Week by week")));
  const weeks = result.weeklyTable;
  const rows = weeks.rows.slice(-WEEKS_SHOWN).reverse();
  section.append(node("p", {}, weeks.rows.length > WEEKS_SHOWN
    ? t("The last {shown} of {n} weeks, newest first. Weeks start on Monday.", { shown: WEEKS_SHOWN, n: weeks.rows.length })
    : t("Newest first. Weeks start on Monday.")));
  const numeric = new Set(weeks.columns.map((_, i) => i).filter((i) => i > 0));
  const cells = rows.map((r) => r.map((v, i) => (i >= 2 && i <= 4 ? fixed1(v) : v)));
  section.append(table(t("Pain week by week"), weeks.columns, cells, numeric, { nowrap: true }));
  return section;
}

function helpedPart(rules, result) {
  const section = node("section", { class: "diary-part" });
  section.append(node("h3", { id: "helped-title" }, t("What helped and what made it worse")));
  const rows = result.helpedWorsened;
  if (!rows.length) {
    section.append(node("p", {}, t("Nothing is written under what helped or what made it worse yet.")));
    return section;
  }
  section.append(node("p", {}, t("Pain on the days with each thing, and on the other days. "
    + "\"Few days\" marks things with fewer than {small} days on one side: that could easily be chance.",
  { small: rules.helped.small })));
  for (const [list, title] of [["helped", t("What helped")], ["worsened", t("What made it worse")]]) {
    const part = rows.filter((r) => r.list === list);
    if (!part.length) continue;
    section.append(table(title, [t("What"), t("Days with it"), t("Pain with it"), t("Other days"), t("Pain on other days"), t("Note")],
      part.map((r) => [r.item, r.days_with, fixed1(r.mean_pain_with), r.days_without,
        fixed1(r.mean_pain_without), r.small_sample ? t("few days") : ""]),
      new Set([1, 2, 3, 4])));
  }
  return section;
}

function progressPart(result) {
  const section = node("section", { class: "diary-part" });
  section.append(node("h3", { id: "progress-title" }, t("Progress")));
  if (!result.progress) {
    section.append(node("p", {}, result.progressProblem));
    return section;
  }
  section.append(node("p", {}, t("Your first two weeks (the baseline) compared with your last two weeks. "
    + "About 30% less pain, or 2 points less, is a change that matters to most people.")));
  const list = node("ul");
  for (const row of result.progress) list.append(node("li", {}, row.description));
  section.append(list);
  return section;
}

function pegPart(diary, result) {
  const section = node("section", { class: "diary-part" });
  section.append(node("h3", { id: "peg-title" }, tp("heading", "PEG score")));
  const last = result.days[result.days.length - 1].day;
  const week = result.days.filter((d) => d.day > last - 7);
  const peg = pegAverage(diary, week);
  section.append(node("p", { id: "peg-text" }, peg.mean === null
    ? t("No PEG score yet: it needs pain and both questions on how pain got in the way on the same day.")
    : t("PEG score over your last 7 days: {score} out of 10 (from {days} with all three answers).",
      { score: fixed1(peg.mean), days: days1(peg.days) }) + " "
      + t("It is the average of pain and the two questions on how pain got in the way of enjoying life "
      + "and of daily activity.")));
  return section;
}

/** Fill `box` with everything the diary shows. */
export function renderViews(box, rules, diary, handlers) {
  box.replaceChildren();
  if (!diary.rows.length) {
    box.append(node("p", {}, t("Your diary has no entries yet. Add your first one above, "
      + "or open a diary file in \"Keep a copy\".")));
    return;
  }
  box.append(lastEntries(rules, diary, handlers));
  const result = analyse(rules, diary);
  if (!result.days.length) return;
  box.append(trendPart(rules, diary, result, result.days, box.clientWidth || 700), flaresPart(result), weeksPart(result),
    helpedPart(rules, result), progressPart(result), pegPart(diary, result));
}
