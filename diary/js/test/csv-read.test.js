import assert from "node:assert/strict";
import { test } from "node:test";

import { csvBytes } from "../csv-write.js";
import { decode, readDiary, splitRecords } from "../csv-read.js";
import { DiaryError } from "../errors.js";
import { testRules } from "../testing/rules-fixture.js";

const rules = testRules();
const bytes = (text) => new TextEncoder().encode(text);

function refusal(data, name = "my-diary.csv") {
  try {
    readDiary(rules, data, { name });
  } catch (err) {
    assert.ok(err instanceof DiaryError);
    return err;
  }
  assert.fail("the file was read");
}

test("heading variants, semicolons and decimal commas are read", () => {
  const d = readDiary(rules, bytes("Date;Pain level;Hours of sleep;Weather\n2026-04-03;6,5;7;rain\n"));
  assert.deepEqual(d.columns, [...rules.diary.columns, "Weather"]);
  assert.equal(d.rows[0].pain, 6.5);
  assert.equal(d.rows[0].sleep_hours, 7);
  assert.equal(d.rows[0].Weather, "rain");
  assert.deepEqual(d.lines, [2]);
});

test("a pain of 11 is refused at its line and column", () => {
  const err = refusal(bytes("date,pain\n2026-04-03,5\n\n2026-04-04,11\n"));
  assert.equal(err.line, 4);
  assert.equal(err.column, "pain");
  assert.match(err.message, /^Line 4, column 'pain': 11 is above 10\./);
});

test("an ambiguous date asks which order was meant", () => {
  const err = refusal(bytes("date,pain\n03/04/2026,5\n"));
  assert.match(err.message, /could be 3 April 2026 \(day first\) or March 4, 2026 \(month first\)/);
});

test("a workbook gets a message saying how to save it as CSV", () => {
  const err = refusal(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), "diary.xlsx");
  assert.equal(err.line, null);
  assert.match(err.message, /save the diary sheet as CSV/);
  assert.match(refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])).message, /is a PNG picture/);
});

test("text is decoded from UTF-16, UTF-8 and Windows-1252", () => {
  assert.equal(decode(new Uint8Array([0xff, 0xfe, 0x61, 0, 0xe9, 0])), "a\u00e9");
  assert.equal(decode(bytes("caf\u00e9")), "caf\u00e9");
  assert.equal(decode(new Uint8Array([0x63, 0xe9, 0x96])), "c\u00e9\u2013");
  assert.throws(() => decode(new Uint8Array([0x63, 0x81])), /cannot be read/);
});

test("cells are split as pandas splits them", () => {
  const { records, starts, unclosed } = splitRecords('a,"b ""c""\r\nd",e\r\n\r\nf', ",");
  assert.deepEqual(records, [["a", 'b "c"\r\nd', "e"], [""], ["f"]]);
  assert.deepEqual(starts, [1, 3, 4]);
  assert.equal(unclosed, -1);
  assert.equal(splitRecords('a\n"b', ",").unclosed, 1);
});

test("what the page writes, it reads back the same", () => {
  const d = readDiary(rules, bytes("date,time,pain,notes,helped\n2026-04-03,8:05,5,=SUM(A1),heat;  walk \n"));
  const again = readDiary(rules, csvBytes(rules, d));
  assert.deepEqual(again.rows, d.rows);
  assert.equal(again.rows[0].notes, "=SUM(A1)");
  assert.equal(again.rows[0].time, "08:05");
});

test("the date order can be given for dates not written year-month-day", () => {
  const text = bytes("date,pain\n03/04/2026,5\n");
  assert.equal(readDiary(rules, text, { dateFormat: "%d/%m/%Y" }).rows[0].date, "2026-04-03");
  assert.equal(readDiary(rules, text, { dateFormat: "%m/%d/%Y" }).rows[0].date, "2026-03-04");
  assert.throws(() => readDiary(rules, bytes("date,pain\n31/02/2026,5\n"), { dateFormat: "%d/%m/%Y" }), /does not match the date form you gave/);
  assert.throws(() => readDiary(rules, text, { dateFormat: "%H:%M" }), TypeError);
});
