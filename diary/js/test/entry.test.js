import assert from "node:assert/strict";
import { test } from "node:test";

import { checkEntry, formEntry, notSavedMessage, savedMessage } from "../entry.js";
import { DiaryError } from "../errors.js";
import { testRules } from "../testing/rules-fixture.js";

const rules = testRules();

function refusal(entry, options) {
  try {
    checkEntry(rules, entry, options);
  } catch (err) {
    assert.ok(err instanceof DiaryError);
    return err;
  }
  assert.fail("the entry was accepted");
}

test("date and pain alone are enough", () => {
  const row = checkEntry(rules, { date: "2026-04-03", pain: 5 });
  assert.deepEqual(Object.keys(row), rules.diary.columns);
  assert.equal(row.date, "2026-04-03");
  assert.equal(row.pain, 5);
  assert.equal(row.worst, null);
  assert.equal(row.notes, null);
});

test("a pain of 11 is refused with the workbook's words, naming the field", () => {
  const err = refusal({ date: "2026-04-03", pain: 11 });
  assert.equal(err.column, "pain");
  assert.equal(err.line, null);
  assert.match(err.message, /^In the new entry, the box "Pain now \(0-10\)": 11 is above 10\. Pain is scored from 0 \(no pain\)/);
  assert.match(err.message, /then save it again\.$/);
  const shown = notSavedMessage(rules, err);
  assert.match(shown, /^Not saved\. In the new entry/);
  assert.doesNotMatch(shown, /Look at the box/);
  assert.match(shown, /save it again\. Nothing was written to the file\.$/);
  const other = notSavedMessage(rules, new DiaryError("X.", { column: "pain" }));
  assert.equal(other, 'Not saved. X. Look at the box "Pain now (0-10)". Nothing was written to the file.');
});

test("the first problem in column order is the one reported", () => {
  const err = refusal({ date: "2026-04-03", pain: 5, worst: "bad", mood: -1 });
  assert.equal(err.column, "worst");
  assert.match(err.message, /'bad' is not a number/);
});

test("a missing date or pain, and a field that is not a column, are refused", () => {
  assert.equal(refusal({ date: "2026-04-03" }).column, "pain");
  assert.match(refusal({ date: "", pain: 3 }).message, /the date is empty/);
  assert.match(refusal({ date: "2026-04-03", pain: 3, weather: "rain" }).message, /'weather' is not a diary column/);
  const row = checkEntry(rules, { date: "2026-04-03", pain: 3, weather: "rain" }, { columns: [...rules.diary.columns, "weather"] });
  assert.equal(row.weather, "rain");
});

test("lists are joined with '; ', decimal commas and heading variants are read", () => {
  const row = checkEntry(rules, { Date: "2026-04-03", "Pain level": "6,5", helped: ["heat pad", "short walk"] });
  assert.equal(row.pain, 6.5);
  assert.equal(row.helped, "heat pad; short walk");
});

test("an ambiguous date is refused, a time is checked", () => {
  assert.match(refusal({ date: "03/04/2026", pain: 3 }).message, /could be 3 April 2026 \(day first\) or March 4, 2026/);
  assert.match(refusal({ date: "2026-04-03", time: "8pm", pain: 3 }).message, /Change it to 20:00/);
});

test("a PAINAD observation needs all five items, each 0, 1 or 2", () => {
  const full = { date: "2026-04-03", breathing: 0, vocalization: 1, face: 2, body_language: 1, consolability: 0 };
  assert.equal(checkEntry(rules, full, { kind: "observations" }).face, 2);
  const err = refusal({ ...full, face: 1.5 }, { kind: "observations" });
  assert.match(err.message, /1\.5 is not a whole number/);
});

test("the form's boxes become an entry as in the workbook form", () => {
  const entry = formEntry(rules, { date: "2026-04-03", time: " ", pain: " 7 ", sleep_hours: "6.5", helped: "heat pad\nshort walk;rest", notes: "  " }, ["aching"], "pressing");
  assert.equal(entry.pain, 7);
  assert.equal(entry.time, null);
  assert.equal(entry.sleep_hours, 6.5);
  assert.deepEqual(entry.helped, ["heat pad", "short walk", "rest"]);
  assert.deepEqual(entry.qualities, ["aching", "pressing"]);
  assert.equal(entry.notes, null);
  assert.equal(savedMessage(rules, 1), "Saved. Your diary now has 1 entry.");
  assert.equal(savedMessage(rules, 3), "Saved. Your diary now has 3 entries.");
});

test("appending an entry gives a new diary and leaves the old one as it was", async () => {
  const { appendEntry } = await import("../entry.js");
  const { emptyDiary } = await import("../build.js");
  const before = emptyDiary(rules);
  const after = appendEntry(rules, before, { date: "2026-04-03", pain: 4 });
  assert.equal(before.rows.length, 0);
  assert.equal(after.rows.length, 1);
  assert.throws(() => appendEntry(rules, after, { date: "2026-04-04", pain: 40 }), DiaryError);
  assert.equal(after.rows.length, 1);
});
