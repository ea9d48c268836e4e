import assert from "node:assert/strict";
import { test } from "node:test";

import { emptyDiary } from "../build.js";
import { csvBytes, csvText } from "../csv-write.js";
import { checkEntry } from "../entry.js";
import { DiaryError } from "../errors.js";
import { testRules } from "../testing/rules-fixture.js";

const rules = testRules();

test("an empty diary is the heading row with a BOM and CRLF", () => {
  const bytes = csvBytes(rules, emptyDiary(rules));
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  assert.equal(text, rules.diary.columns.join(",") + "\r\n");
});

test("cells are quoted only when needed, numbers lose .0, formulas are guarded", () => {
  const diary = emptyDiary(rules);
  diary.rows.push(checkEntry(rules, { date: "2026-04-03", time: "08:30", pain: 5, sleep_hours: 6.5, notes: 'said "ouch", then\nsat' }));
  diary.rows.push(checkEntry(rules, { date: "2026-04-04", pain: 0, helped: ["=SUM(A1)"] }));
  const lines = csvText(rules, diary).split("\r\n");
  assert.equal(lines[1], '2026-04-03,08:30,5,,,,,6.5,,,,,,,"said ""ouch"", then\nsat"');
  assert.equal(lines[2], "2026-04-04,,0,,,,,,,,,,'=SUM(A1),,");
  assert.equal(lines[3], "");
});

test("a NUL or a broken character is refused, not written", () => {
  const diary = emptyDiary(rules);
  diary.rows.push({ ...checkEntry(rules, { date: "2026-04-03", pain: 5 }), notes: "a\x00b" });
  assert.throws(() => csvText(rules, diary), DiaryError);
  diary.rows[0].notes = "a\ud800b";
  assert.throws(() => csvBytes(rules, diary), /surrogate/);
});
