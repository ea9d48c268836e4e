/**
 * The PAINAD observation log of a caregiver (Warden, Hurley & Volicer, J Am Med Dir Assoc
 * 2003;4(1):9-15): the five items with what each score 0, 1 and 2 looks like, the total, and
 * the log's tables and summary, with the numbers and words of painbook.analysis and the
 * workbook's PAINAD form (painbook.widgets.forms).
 *
 * A log is read and written like a diary (csv-read.js / csv-write.js with kind
 * "observations"); an observation is checked with entry.js's checkEntry (kind
 * "observations").
 *
 * @module painad
 */

import { isoOf, partsOf, dayNumber } from "./dates.js";
import { fill } from "./rules.js";
import { pyFixed, pyG, strip } from "./text.js";
import { language, t, tn } from "./i18n.js";
import { days1 } from "./analysis.js";

/**
 * The five items in the scale's order: name, label on the form, short heading, and the
 * description of each level ("0", "1", "2").
 * @param {any} rules
 */
export function painadItems(rules) {
  const p = rules.painad;
  return p.items.map((item) => ({ item, label: p.labels[item], short: p.short[item], levels: p.levels[item] }));
}

/**
 * The PAINAD total (0-10) of five scores, or null when an item is not scored yet.
 * @param {any} rules
 * @param {Record<string, number|null>} scores
 */
export function painadTotal(rules, scores) {
  let total = 0;
  for (const item of rules.painad.items) {
    const v = scores[item];
    if (v === null || v === undefined) return null;
    if (!Number.isInteger(v) || v < rules.painad.low || v > rules.painad.high) {
      throw new RangeError(`PAINAD item '${item}' must be 0, 1 or 2, but got ${v}.`);
    }
    total += v;
  }
  return total;
}

/**
 * The total as the workbook's form shows it while scoring.
 * @param {any} rules
 * @param {Record<string, number|null>} scores
 */
export function totalText(rules, scores) {
  const t = rules.painad.total_text;
  const scored = rules.painad.items.filter((i) => scores[i] !== null && scores[i] !== undefined).length;
  if (scored < rules.painad.items.length) return fill(t.some, { n: scored });
  return fill(t.full, { total: painadTotal(rules, scores) });
}

/**
 * The total of each observation of a log (null when an item is missing).
 * @param {any} rules
 * @param {import("./build.js").Diary} log
 */
export function painadTotals(rules, log) {
  return log.rows.map((row) => painadTotal(rules, row));
}

const NOT_NOTED = "(not noted)";

/**
 * Average and highest total for each context, most observations first
 * (painbook.analysis.painad_by_context): {context, observations, mean, highest}.
 * @param {any} rules
 * @param {import("./build.js").Diary} log
 */
export function byContext(rules, log) {
  const totals = painadTotals(rules, log);
  const groups = new Map();
  log.rows.forEach((row, i) => {
    if (totals[i] === null) return;
    const raw = row.context === null || row.context === undefined ? "" : strip(String(row.context)).toLowerCase();
    const context = raw || NOT_NOTED;
    let g = groups.get(context);
    if (!g) groups.set(context, (g = { sum: 0, c: 0, n: 0, highest: -Infinity }));
    const y = totals[i] - g.c;
    const t = g.sum + y;
    g.c = t - g.sum - y;
    g.sum = t;
    g.n++;
    g.highest = Math.max(g.highest, totals[i]);
  });
  return [...groups.keys()]
    .sort()
    .map((context) => {
      const g = groups.get(context);
      return { context, observations: g.n, mean: g.sum / g.n, highest: g.highest };
    })
    .sort((a, b) => b.observations - a.observations || b.mean - a.mean);
}

function npRound1(v) {
  const y = v * 10;
  let r = Math.round(y);
  if (Math.abs(y % 1) === 0.5 && r % 2 !== 0) r -= 1;
  return r / 10;
}

/**
 * The workbook's table of averages by what was happening (forms.context_table).
 * @param {any} rules
 * @param {import("./build.js").Diary} log
 */
export function contextTable(rules, log) {
  return {
    columns: [t("What was happening"), t("Observations"), t("Average total"), t("Highest total")],
    rows: byContext(rules, log).map((c) => [c.context, c.observations, npRound1(c.mean), c.highest]),
  };
}

function cell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return pyG(value);
  const text = String(value).split(/\s+/).filter(Boolean).join(" ");
  return text.length <= 60 ? text : text.slice(0, 57).trimEnd() + "...";
}

/**
 * A short table of observations with totals (forms.observation_table): the last `n`, or the
 * `n` with the highest totals (earliest first among equal totals).
 * @param {any} rules
 * @param {import("./build.js").Diary} log
 * @param {number} [n]
 * @param {"last"|"highest"} [order]
 */
export function observationTable(rules, log, n = 5, order = "last") {
  const totals = painadTotals(rules, log);
  let picked = log.rows.map((_, i) => i);
  if (order === "last") picked = picked.slice(Math.max(0, picked.length - n));
  else {
    picked = picked
      .sort((a, b) => {
        const ta = totals[a] ?? -Infinity;
        const tb = totals[b] ?? -Infinity;
        return tb - ta || a - b;
      })
      .slice(0, n);
  }
  const p = rules.painad;
  return {
    columns: ["Date", "Time", "What was happening", ...p.items.map((i) => p.short[i]), "Total (0-10)", "Notes"],
    index: picked.map((i) => i + 1),
    rows: picked.map((i) => {
      const r = log.rows[i];
      return [cell(r.date), cell(r.time), cell(r.context), ...p.items.map((it) => cell(r[it])), cell(totals[i]), cell(r.notes)];
    }),
  };
}

const observations = (n) => tn("{n} observation", "{n} observations", n);

function longDate(rules, iso) {
  const [y, m, d] = partsOf(dayNumber(iso));
  if (language() !== "en") {
    return new Intl.DateTimeFormat(language(), { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
  }
  return `${d} ${rules.dates.months[m]} ${y}`;
}

/**
 * A few plain sentences about a log (forms.observation_summary): how many, when, the
 * averages by what was happening and the highest total. It describes what was seen; it is
 * not a diagnosis.
 * @param {any} rules
 * @param {import("./build.js").Diary} log
 */
export function observationSummary(rules, log) {
  const totals = painadTotals(rules, log);
  const scored = log.rows.map((row, i) => ({ row, total: totals[i] })).filter((x) => x.total !== null);
  if (!scored.length) return t("The log has no complete observations yet.");
  const dates = scored.map((x) => x.row.date).sort();
  const firstDay = longDate(rules, dates[0]);
  const lastDay = longDate(rules, dates[dates.length - 1]);
  const when = firstDay === lastDay ? t("on {day}", { day: firstDay }) : t("from {first} to {last}", { first: firstDay, last: lastDay });
  let text = t("The log has {observations} on {days}, {when}.", {
    observations: observations(scored.length), days: days1(new Set(dates).size), when });
  const complete = { ...log, rows: scored.map((x) => x.row) };
  const contexts = byContext(rules, complete).sort((a, b) => b.mean - a.mean || b.observations - a.observations);
  const parts = contexts.map((c) => `${c.context} ${pyFixed(c.mean, 1)} (${observations(c.observations)})`);
  text += " " + t("Average total by what was happening: {parts}.", { parts: parts.join("; ") });
  const top = Math.max(...scored.map((x) => x.total));
  const atTop = scored.filter((x) => x.total === top);
  const first = atTop[0].row;
  const seen = atTop.length === 1 ? t("once") : t("{n} times", { n: atTop.length });
  const values = { top, seen, day: longDate(rules, first.date), context: first.context };
  text += " " + (typeof first.context === "string" && first.context
    ? t("The highest total was {top} out of 10, seen {seen} (first on {day}, while {context}).", values)
    : t("The highest total was {top} out of 10, seen {seen} (first on {day}).", values));
  return text;
}

/** Today's date as "YYYY-MM-DD" in the device's own time zone (the form's default date). */
export function today(now = new Date()) {
  return isoOf(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000);
}
