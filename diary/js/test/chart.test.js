import { test } from "node:test";
import assert from "node:assert/strict";
import { dayNumber, dayWords, isoDay, scales, segments, ticks } from "../chart.js";

test("days count from 1970 and back", () => {
  assert.equal(dayNumber("1970-01-02"), 1);
  assert.equal(isoDay(dayNumber("2028-02-29")), "2028-02-29");
  assert.equal(dayWords("2026-05-03"), "May 3, 2026");
});

test("ticks are Mondays for a month, months for a year, years for ten", () => {
  const weeks = ticks("2026-05-01", "2026-05-31");
  assert.deepEqual(weeks.map((t) => t.date), ["2026-05-04", "2026-05-11", "2026-05-18", "2026-05-25"]);
  const months = ticks("2026-01-15", "2026-12-31");
  assert.equal(months[0].label, "Feb 2026");
  assert.equal(months.length, 11);
  const years = ticks("2016-01-01", "2025-12-31");
  assert.deepEqual(years.map((t) => t.label), ["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"]);
});

test("values go from the bottom (0) to the top (10); dates left to right", () => {
  const { x, y } = scales("2026-05-01", "2026-05-11");
  assert.ok(y(0) > y(10));
  assert.ok(x("2026-05-01") < x("2026-05-11"));
  assert.equal(x("2026-05-06"), (x("2026-05-01") + x("2026-05-11")) / 2);
});

test("a gap in the average splits the line", () => {
  const runs = segments([{ value: 1 }, { value: 2 }, { value: null }, { value: 3 }]);
  assert.deepEqual(runs.map((r) => r.length), [2, 1]);
});
