import assert from "node:assert/strict";
import { test } from "node:test";

import { emptyDiary } from "../build.js";
import { checkEntry } from "../entry.js";
import { summaryLines, visitSummary } from "../summary.js";
import { testRules } from "../testing/rules-fixture.js";

const rules = testRules();

function diary(n) {
  const d = emptyDiary(rules);
  for (let i = 0; i < n; i++) {
    const date = new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10);
    d.rows.push(checkEntry(rules, { date, pain: i < 14 ? 6 : 3, notes: i === 2 ? "<img src=x onerror=alert(1)>" : null, helped: i % 2 ? ["walk"] : null }));
  }
  return d;
}

test("the summary holds the period, the chart's text and the sections in order", () => {
  const model = visitSummary(rules, diary(40), { questions: ["Why?", " "], baseline: ["2026-03-01", "2026-03-14"], name: "Sam" });
  assert.equal(model.title, "Pain summary for Sam");
  assert.match(model.meta, /^Period: 1 Mar 2026 to 9 Apr 2026 \(40 days\)\. Diary: 40 entries on 40 days\./);
  assert.deepEqual(
    model.sections.map((s) => s.title),
    ["Pain in this period", "Progress since the baseline", "What helped and what made it worse", "Medicines", "My questions for this visit"],
  );
  assert.match(model.chart.description, /^Chart of average pain each day \(0 to 10\) from 1 Mar 2026 to 9 Apr 2026/);
  assert.equal(model.chart.points.length, 40);
  assert.equal(model.chart.points[0].x, 0);
  assert.equal(model.chart.points[39].x, 1);
  const lines = summaryLines(model);
  assert.ok(lines.includes("Why?"));
  assert.ok(lines.some((l) => l.startsWith("Pain: 6.0 at the baseline (14 days), 3.0 recently (14 days), 50% less")));
  assert.ok(lines.some((l) => l.includes("<img src=x onerror=alert(1)>")), "notes are kept as text");
});

test("a long period is charted by week; an empty one says so", () => {
  assert.equal(visitSummary(rules, diary(260)).chart.unit, "week");
  const empty = visitSummary(rules, diary(5), { start: "2027-01-01", end: "2027-01-31" });
  assert.equal(empty.empty, true);
  assert.equal(summaryLines(empty)[2], "No diary entries in this period.");
  assert.throws(() => visitSummary(rules, emptyDiary(rules)), /nothing to summarise/);
});
