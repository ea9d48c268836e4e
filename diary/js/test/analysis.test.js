import assert from "node:assert/strict";
import { test } from "node:test";

import * as a from "../analysis.js";
import { emptyDiary } from "../build.js";
import { checkEntry } from "../entry.js";
import { testRules } from "../testing/rules-fixture.js";

const rules = testRules();

function diaryOf(entries) {
  const d = emptyDiary(rules);
  for (const e of entries) d.rows.push(checkEntry(rules, e));
  return d;
}

/** n days from 2026-03-01 with the given daily pain (a function of the day index). */
function days(n, pain, extra = () => ({})) {
  return Array.from({ length: n }, (_, i) => {
    const date = new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10);
    return { date, pain: pain(i), ...extra(i) };
  });
}

test("a day's pain is the mean of its entries; worst and least include pain", () => {
  const d = diaryOf([
    { date: "2026-03-02", pain: 4, worst: 6 },
    { date: "2026-03-02", pain: 7, least: 2 },
    { date: "2026-03-01", pain: 3, enjoyment_interference: 3, activity_interference: 6 },
  ]);
  const [first, second] = a.daily(d);
  assert.equal(first.date, "2026-03-01");
  assert.equal(first.peg, 4);
  assert.deepEqual([second.mean_pain, second.worst, second.least, second.entries, second.peg], [5.5, 7, 2, 2, null]);
});

test("bands round halves up (Serlin 1995 cut-offs from the rules)", () => {
  assert.equal(a.bandOf(rules, 0), "none");
  assert.equal(a.bandOf(rules, 4.49), "mild");
  assert.equal(a.bandOf(rules, 4.5), "moderate");
  assert.equal(a.bandOf(rules, 7), "severe");
});

test("weeks run Monday to Sunday and count days in each band", () => {
  const weeks = a.summary(rules, diaryOf(days(10, (i) => i)), "W");
  assert.equal(weeks[0].start, "2026-02-23"); // 1 March 2026 is a Sunday
  assert.equal(weeks[0].days, 1);
  assert.equal(weeks[1].start, "2026-03-02");
  assert.equal(weeks[1].days, 7);
  assert.equal(weeks[1].days_mild + weeks[1].days_moderate + weeks[1].days_severe, 7);
  assert.equal(a.weeklyTable(rules, diaryOf(days(10, (i) => i))).rows[1][0], "2 Mar 2026");
});

test("a day 2 points above the usual level and 5 or more is a flare", () => {
  const pain = (i) => (i === 20 || i === 21 ? 7 : 3);
  const found = a.flares(rules, diaryOf(days(30, pain)));
  assert.equal(found.length, 1);
  assert.deepEqual([found[0].start, found[0].end, found[0].days, found[0].peak, found[0].usual], ["2026-03-21", "2026-03-22", 2, 7, 3]);
  assert.equal(a.flares(rules, diaryOf(days(5, (i) => (i === 4 ? 9 : 1)))).length, 0, "fewer than 7 days before: not judged");
});

test("the 7-day trend needs 4 days with entries", () => {
  const t = a.trend(rules, diaryOf([{ date: "2026-03-01", pain: 2 }, { date: "2026-03-05", pain: 6 }]));
  assert.equal(t.length, 5);
  assert.ok(t.every((d) => d.trend === null));
  const full = a.trend(rules, diaryOf(days(7, () => 4)));
  assert.equal(full[3].trend, 4);
  assert.equal(full[3].days_in_window, 7);
  assert.equal(full[0].days_in_window, 4);
});

test("what helped is compared by days, with the few-days mark", () => {
  const d = diaryOf(days(10, (i) => (i < 3 ? 2 : 6), (i) => (i < 3 ? { helped: ["Heat pad"] } : i === 3 ? { helped: ["heat  pad "] } : {})));
  const [row] = a.helpedWorsened(rules, d);
  assert.equal(row.item, "Heat pad");
  assert.equal(row.days_with, 4);
  assert.equal(row.days_without, 6);
  assert.equal(row.small_sample, true);
  assert.match(row.description, /^On the 4 days with 'Heat pad' \(listed under what helped\), pain averaged 3\.0; on the other 6 days it averaged 6\.0\. Fewer than 5 days/);
});

test("progress uses IMMPACT's categories and Farrar's rule", () => {
  assert.equal(a.changeCategory(rules, 6, 4).category, "moderate");
  assert.equal(a.changeCategory(rules, 10, 5).category, "substantial");
  assert.equal(a.changeCategory(rules, 10, 7).percent, -30);
  assert.equal(a.changeCategory(rules, 5, 6).category, "worse");
  const floor = { ...rules, change: { ...rules.change, worse_min_points: 1, small_rise_meaning: "Too small." } };
  assert.equal(a.changeCategory(floor, 2, 2.2).category, "no meaningful change", "a rise under the points floor");
  assert.equal(a.changeCategory(floor, 2, 3).category, "worse");
  assert.match(a.describeChange(floor, a.changeCategory(floor, 2, 2.2)), /Too small\.$/);
  assert.equal(a.changeCategory(rules, 4, 2).farrar_meaningful, true);
  assert.equal(a.changeCategory(rules, 0, 1).percent, Infinity);
  const rows = a.progress(rules, diaryOf(days(40, (i) => (i < 14 ? 6 : 3))));
  assert.equal(rows[0].category, "substantial");
  assert.match(rows[0].description, /^Average pain went down from 6\.0 to 3\.0 \(50% less\)/);
  assert.throws(() => a.progress(rules, diaryOf(days(20, () => 3))), /Your diary covers 20 days, .* Keep writing, and come back in 8 days\.$/);
});

test("numbers are summed as numpy sums them", () => {
  const values = Array.from({ length: 1000 }, (_, i) => (i % 10) / 3);
  const plain = values.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(a.pairwiseSum(values) - plain) < 1e-9);
  assert.equal(a.pairwiseSum([0.1, 0.2, 0.3]), 0.1 + 0.2 + 0.3);
});

test("the last entries table leaves out empty columns and shortens text", () => {
  const d = diaryOf([{ date: "2026-03-01", pain: 6.5, notes: "x".repeat(80) }]);
  const t = a.lastEntries(rules, d);
  assert.deepEqual(t.columns, ["Date", "Pain", "Notes"]);
  assert.deepEqual(t.index, [1]);
  assert.equal(t.rows[0][1], "6.5");
  assert.equal(t.rows[0][2], "x".repeat(57) + "...");
});

test("analyse gives what each function gives alone", () => {
  const d = diaryOf(days(60, (i) => (i % 17 === 16 ? 8 : 3 + (i % 3)), (i) => (i % 4 ? {} : { helped: ["walk"], medications: ["ibuprofen"] })));
  const all = a.analyse(rules, d);
  assert.deepEqual(all.days, a.daily(d));
  assert.deepEqual(all.weeks, a.summary(rules, d, "W"));
  assert.deepEqual(all.weeklyTable, a.weeklyTable(rules, d));
  assert.deepEqual(all.flares, a.flares(rules, d));
  assert.ok(all.flares.length > 0);
  assert.deepEqual(all.flareTable, a.flareTable(rules, d));
  assert.deepEqual(all.trend, a.trend(rules, d));
  assert.deepEqual(all.helpedWorsened, a.helpedWorsened(rules, d));
  assert.deepEqual(all.medications, a.medications(rules, d));
  assert.deepEqual(all.progress, a.progress(rules, d));
  assert.equal(all.description, a.describeMeasure(rules, d));
  assert.equal(a.analyse(rules, diaryOf(days(10, () => 3))).progressProblem.startsWith("Your diary covers 10 days"), true);
});
